"""The people and their matters in the fresh world (bench/make_fresh_set.py): customers of Vatio
Energía with accounts on two channels, or a CRM record, and what they write about their bills,
meters, power cuts, solar panels and payments, in English and Spanish, thread by thread.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from scripted_world import F, M, T

__all__ = ["PEOPLE", "STORIES", "F", "M", "T"]

# kind: how the two accounts of one person can be told to be one (see the triage README's `link`).
# fmt: off
PEOPLE: dict[str, dict] = {
    "NURIA": {"lang": "es", "name": "Nuria Vidal Pons", "kind": "same_handle", "crm": True,
              "handles": {"reddit": "nuriavp", "forum": "nuriavp"}},
    "MIKE": {"lang": "en", "name": "Mike Harlow", "kind": "same_handle",
             "handles": {"reddit": "mike_in_malaga", "youtube": "mike_in_malaga"}},
    "PACO": {"lang": "es", "name": "Francisco Jiménez", "kind": "same_handle",
             "handles": {"forum": "pacojim_62", "youtube": "pacojim_62"}},
    "HELEN": {"lang": "en", "name": "Helen Marsh", "kind": "same_handle",
              "handles": {"reddit": "helen_torrevieja", "forum": "helen_torrevieja"}},
    "SERGI": {"lang": "es", "name": "Sergi Mas Ribas", "kind": "crm", "crm": True,
              "handles": {"reddit": "smas_bcn", "youtube": "Sergi M."}},
    "JANET": {"lang": "en", "name": "Janet Cole", "kind": "crm", "crm": True,
              "handles": {"youtube": "JanetC", "forum": "jcole_nerja"}},
    "LAURA": {"lang": "es", "name": "Laura Ortega", "kind": "selfref",
              "handles": {"reddit": "lau_sin_luz", "forum": "laura_ortega_v"}},
    "DEREK": {"lang": "en", "name": "Derek Finch", "kind": "selfref",
              "handles": {"youtube": "Derek F", "forum": "dfinch_solar"}},
    "AMPARO": {"lang": "es", "name": "Amparo Llorens", "kind": "selfref",
               "handles": {"reddit": "amparoll", "youtube": "Amparo LL"}},
    "IKER": {"lang": "es", "name": "Iker Goikoetxea", "kind": "crm_name", "crm": True,
             "handles": {"reddit": "ikergoiko", "youtube": "Iker Goikoetxea"}},
    # Two accounts of one person that nothing in the world ties together.
    "PETE": {"lang": "en", "name": "Pete Raines", "kind": "none",
             "handles": {"reddit": "voltage_vulture", "forum": "p.r."}},
    # CRM customers on one channel; YouTube commenters share their names and are other people.
    "CARMEN": {"lang": "es", "name": "Carmen Ruiz", "crm": True,
               "handles": {"forum": "carmenruiz_sev"}},
    "ANDREW": {"lang": "en", "name": "Andrew Scott", "crm": True,
               "handles": {"reddit": "ascott_alicante"}},
}

STORIES = [
    # -- an estimated bill answered quickly, then a money question on the forum the next day
    T("reddit", "es", "Factura estimada de 238€ en un piso donde vivo sola",
      ("NURIA", "complaint", 0,
       "A ver si alguien me explica esto. Vivo sola, trabajo fuera todo el día, y la factura de "
       "octubre de Vatio viene con 238€. Pone 'lectura estimada'. Llevan desde verano sin leer "
       "el contador?? Normalmente pago 55-60.", M("est-nuria", "estimated")),
      ("brand", "other", 22,
       "Hola Nuria, sentimos el susto. Cuando la distribuidora no lee el contador la factura se "
       "estima; puedes enviarnos tu lectura desde la app (Suministro > Enviar lectura) y la "
       "siguiente factura regulariza lo cobrado de más. Te dejamos el artículo: "
       "https://ayuda.vatioenergia.example/es/estimated", F("est-nuria")),
      ("NURIA", "praise", 35,
       "vale, mandada la lectura con foto. gracias por contestar tan rápido, no me lo esperaba",
       F("est-nuria")),
      key="nuria-1"),
    T("forum", "es", "Cambiar la cuenta del banco",
      ("NURIA", "question", 0,
       "Buenas, me he cambiado de banco y quiero que el recibo de la luz se cargue en la cuenta "
       "nueva. ¿Dónde se cambia el IBAN? ¿Tengo que llamar?", M("iban-nuria", "debit")),
      ("brand", "other", 290,
       "Hola nuriavp, no hace falta llamar: en la app Vatio > Perfil > Datos de pago puedes "
       "poner el nuevo IBAN y se aplica desde la siguiente factura.", F("iban-nuria")),
      after=("nuria-1", 29)),
    # -- a smart meter appointment missed, a DM, and the same matter carried on to YouTube
    T("reddit", "en", "Smart meter install no-show. Twice.",
      ("MIKE", "complaint", 0,
       "Took a morning off work for the smart meter installation. Nobody came. Rebooked. Took "
       "ANOTHER morning off. Nobody came, no call, no text. Vatio, who exactly am I supposed to "
       "talk to here? The distributor says it's you, you say it's them.",
       M("meter-mike", "meter")),
      ("rocky_in_ronda", "complaint", 40,
       "same here mate, 3 weeks waiting for someone to swap my old meter, zero contact",
       M("meter-rocky", "meter")),
      ("brand", "other", 190,
       "Hi Mike, that's not the experience we want for you. Could you send us a DM with your "
       "CUPS and the two appointment dates? We'll chase the distributor directly.",
       F("meter-mike")),
      ("MIKE", "other", 15, "DM sent", F("meter-mike")),
      key="mike-1"),
    T("youtube", "en", "Smart meters explained: what changes for you",
      ("brand", "other", 0,
       "What a smart meter does, how remote readings work and how to book the installation."),
      ("MIKE", "complaint", 2000,
       "would be nice if the installers actually turned up. 2 missed appointments, posted on "
       "reddit last week, still no new date", M("meter-mike", "meter")),
      ("brand", "other", 70,
       "Hi Mike, we've got your DM and escalated it to the distributor; you'll get a new date "
       "by text this week.", F("meter-mike")),
      ("MIKE", "praise", 4300,
       "update: engineer came this morning, meter in, took 20 min. thanks for pushing it",
       F("meter-mike")),
      after=("mike-1", 26)),
    # -- power cuts on the forum: another customer helps, the brand never comes
    T("forum", "es", "Tercer apagón en una semana en mi calle",
      ("PACO", "complaint", 0,
       "Esto ya es de risa. Tercer corte de luz esta semana en la calle, el martes se me fue el "
       "congelador entero a la basura. Pago religiosamente todos los meses para esto. Vatio, ¿me "
       "vais a pagar la comida?", M("outage-paco", "outage")),
      ("mari_bel_mz", "answer", 55,
       "Paco, los cortes los lleva la distribuidora, no Vatio. Llama al teléfono de averías que "
       "viene en la factura y pide que te abran una reclamación por los daños del congelador, a "
       "mi madre se lo pagaron."),
      ("PACO", "praise", 30,
       "Gracias maribel, no tenía ni idea de que era otra empresa. Mañana llamo.",
       F("outage-paco"))),
    T("youtube", "es", "Cómo leer la factura de la luz en 5 minutos",
      ("Ahorra con Lola", "answer", 0,
       "Te explico término de potencia, energía, peajes y alquiler del contador con una factura "
       "real. Sirve para cualquier compañía."),
      ("pacojim_62", "praise", 900, "Muy bien explicado, por fin entiendo lo del alquiler del "
       "contador 👍"),
      ("lucas_verde_7", "other", 200, "lo del alquiler del contador es un robo en general eh")),
    # -- switching to Vatio: a question answered quickly, praise later on the forum
    T("reddit", "en", "Switching to Vatio - will I be without power during the change?",
      ("HELEN", "question", 0,
       "Moving my flat over from my current supplier to Vatio. Silly question maybe but is "
       "there a period with no electricity while they switch? And how long does it take? I work "
       "from home so I can't be without power.", M("switch-helen", "switch")),
      ("brand", "other", 18,
       "Hi Helen, not silly at all! There's no cut at any point: only the supplier on the bill "
       "changes. It takes up to 21 days and we handle the cancellation with your old company. "
       "All you need is your CUPS: https://ayuda.vatioenergia.example/en/switch",
       F("switch-helen")),
      ("HELEN", "praise", 12, "brilliant, thank you! signing up tonight", F("switch-helen")),
      key="helen-1"),
    T("forum", "en", "Switch done, no drama",
      ("HELEN", "praise", 0,
       "Just to report back for anyone nervous about switching: signed up on the 3rd, switched "
       "on the 17th, lights never even flickered. First bill was €20 less than the old company."),
      ("ken_from_calpe", "other", 60, "Good to hear. Which tariff did you go for?"),
      ("HELEN", "other", 25, "the fixed price one, I don't trust myself with the hourly stuff 😅"),
      after=("helen-1", 300)),
    # -- solar compensation answered, then reopened, and carried to YouTube
    T("reddit", "es", "No me aplican la compensación de excedentes",
      ("SERGI", "complaint", 0,
       "Tengo placas desde julio, el instalador dice que todo está tramitado y en las facturas "
       "de Vatio no aparece ni un céntimo de compensación. 3 facturas ya. Estoy regalando la "
       "energía a la red o qué?", M("solar-sergi", "solar")),
      ("brand", "other", 130,
       "Hola Sergi, la compensación empieza cuando la distribuidora da de alta la instalación, "
       "y eso puede tardar dos o tres facturas. Hemos revisado tu contrato y ya consta el alta: "
       "deberías verla en la próxima.", F("solar-sergi")),
      ("SERGI", "complaint", 8600,
       "Ha llegado la próxima. Sigue sin compensación. Dos meses más regalando kWh, genial.",
       F("solar-sergi")),
      key="sergi-1"),
    T("youtube", "es", "Mi instalación solar un año después: números reales",
      ("Techo Solar Vlog", "answer", 0,
       "12 paneles, 5 kW, un año de datos: producción, excedentes, compensación en la factura y "
       "cuánto he ahorrado de verdad."),
      ("SERGI", "complaint", 2500,
       "ojalá mi comercializadora aplicara la compensación como la tuya. Vatio lleva 4 facturas "
       "sin descontarme nada y ya me dijeron que 'en la próxima' 🙄", M("solar-sergi", "solar")),
      ("Techo Solar Vlog", "answer", 90, "Uf, reclama por escrito con el número de expediente del "
       "alta, a mí me pasó algo parecido con otra compañía"),
      after=("sergi-1", 150)),
    # -- the app after an update, answered with a fix; a payment plan question on the forum
    T("youtube", "en", "The new Vatio app: a quick tour",
      ("brand", "other", 0, "Bills, hourly consumption, readings and payments, all in one place."),
      ("JANET", "complaint", 600,
       "since the update it just says 'session expired' every time I log in. tried 5 times. "
       "the old one worked fine", M("app-janet", "app")),
      ("brand", "other", 25,
       "Hi Janet, sorry about that. Please close the app completely, clear its cache in Settings "
       "> Apps > Vatio and sign in again with your contract email. Tell us if it still fails!",
       F("app-janet")),
      ("JANET", "praise", 40, "that did it, thank you!", F("app-janet")),
      ("trev_on_tour", "other", 300, "does it do dark mode yet"),
      key="janet-1"),
    T("forum", "en", "Splitting the winter bill?",
      ("JANET", "question", 0,
       "Our January and February bills are always huge because of the heaters. Is it possible "
       "to pay a big bill in a few instalments instead of all at once?", M("plan-janet", "debit")),
      ("brand", "other", 45,
       "Hi jcole_nerja, yes: you can ask for a payment plan of up to six monthly instalments at "
       "no cost. Write to us when the bill arrives and we set it up.", F("plan-janet")),
      after=("janet-1", 40)),
    # -- a returned direct debit, answered after a DM, restated on the forum with a self-reference
    T("reddit", "es", "Me amenazan con cortar la luz y el recibo está pagado",
      ("LAURA", "complaint", 0,
       "Me llega una carta de Vatio diciendo que tengo un recibo impagado y que si no pago me "
       "cortan. EL RECIBO ESTÁ PAGADO, lo tengo en el banco. Cambié de cuenta en septiembre y "
       "avisé. Estoy de los nervios con un bebé en casa.", M("debit-laura", "debit")),
      ("brand", "other", 240,
       "Hola Laura, tranquila, no se va a cortar nada mientras lo revisamos. ¿Nos escribes por "
       "privado con tu DNI y el justificante del banco?", F("debit-laura")),
      ("LAURA", "other", 20, "mandado por privado", F("debit-laura")),
      key="laura-1"),
    T("forum", "es", "Carta de impago con el recibo pagado",
      ("LAURA", "complaint", 0,
       "Lo pongo también aquí porque por privado no me dicen nada desde ayer (mi usuario en "
       "reddit es lau_sin_luz). Carta de corte por un recibo que pagué, cambié de cuenta en "
       "septiembre y parece que nadie lo actualizó.", M("debit-laura", "debit")),
      ("brand", "other", 60,
       "Hola Laura, ya lo vemos: el cambio de IBAN no se aplicó a tiempo. Hemos anulado el aviso "
       "y no tienes nada pendiente. Disculpa el mal rato.", F("debit-laura")),
      ("LAURA", "praise", 30, "gracias, ahora sí respiro", F("debit-laura")),
      after=("laura-1", 22)),
    # -- a solar question answered by another customer's experience; a self-reference on YouTube
    T("forum", "en", "How is the surplus actually calculated?",
      ("DEREK", "question", 0,
       "Panels going in next month. Can someone explain how Vatio values the surplus I export? "
       "Is there a cap, and can the bill go negative in summer?", M("solar-derek", "solar")),
      ("sunny_sue_jav", "answer", 80,
       "From my bills: they value the exported kWh at the surplus price in your contract and "
       "knock it off the energy part only. In July my energy part was €0 but I still paid about "
       "€14 for the power charge and meter. So no, never negative."),
      ("DEREK", "praise", 20, "Very helpful, thanks Sue", F("solar-derek")),
      key="derek-1"),
    T("youtube", "en", "Installing 8 solar panels myself (Spain, DIY)",
      ("Off Grid Andy", "answer", 0,
       "Full DIY install: mounting, inverter, the legalisation paperwork and registering the "
       "surplus with your supplier."),
      ("DEREK", "other", 1200,
       "Great video. Asked about the surplus maths on the Vatio forum (I'm dfinch_solar there) "
       "and the answer matched what you show at 14:20."),
      ("Off Grid Andy", "other", 45, "cheers Derek 👍"),
      after=("derek-1", 50)),
    # -- the social tariff: no brand answer on Reddit, restated on YouTube and answered there
    T("reddit", "es", "¿Cómo pido el bono social con Vatio?",
      ("AMPARO", "question", 0,
       "Soy pensionista, cobro la mínima. Me han dicho que tengo derecho al bono social pero no "
       "sé qué papeles hay que llevar ni a dónde. ¿Alguien lo ha pedido con Vatio?",
       M("social-amparo", "social")),
      ("quimet_r", "answer", 120,
       "Pide el certificado de empadronamiento en el ayuntamiento, haz fotocopia del DNI de "
       "todos los que viváis en casa y rellena la solicitud de Vatio Regulada. Tarda un mes más "
       "o menos."),
      ("AMPARO", "praise", 60, "Gracias quimet, mañana voy al ayuntamiento", F("social-amparo")),
      key="amparo-1"),
    T("youtube", "es", "Bono social 2026: quién puede pedirlo",
      ("brand", "other", 0, "Requisitos, documentos y cómo solicitar el bono social."),
      ("AMPARO", "question", 400,
       "Una pregunta, soy amparoll en reddit y allí nadie de Vatio me contestó: el bono social "
       "¿se pide con vosotros o tengo que cambiar de compañía?", M("social-amparo", "social")),
      ("brand", "other", 50,
       "Hola Amparo, se pide a Vatio Regulada, nuestra comercializadora de referencia; el cambio "
       "lo hacemos nosotros con tu solicitud. Aquí tienes los pasos: "
       "https://ayuda.vatioenergia.example/es/social", F("social-amparo")),
      after=("amparo-1", 30)),
    # -- moving house, answered slowly; praise from the same customer's YouTube account
    T("reddit", "es", "Me mudo en diciembre, ¿qué hago con el contrato?",
      ("IKER", "question", 0,
       "me mudo de piso el 15 de diciembre dentro de bilbao. quiero seguir con vatio en el nuevo. "
       "hay que dar de baja uno y alta otro o se traslada?", M("moving-iker", "moving")),
      ("brand", "other", 250,
       "Hola Iker, dinos la fecha y el CUPS del piso nuevo y nos encargamos: cerramos el actual "
       "con tu lectura de ese día y mantienes tarifa y descuentos en la nueva dirección.",
       F("moving-iker"))),
    T("youtube", "es", "Mudanzas: lleva tu luz contigo",
      ("brand", "other", 0, "Qué hacer con tu contrato cuando cambias de casa."),
      ("Iker Goikoetxea", "praise", 3000, "pues justo me ha tocado y la verdad que fácil, bien"),
      ("yoli_mtz", "other", 120, "la mudanza en sí es lo horrible, lo de la luz es lo de menos")),
    # -- one person, two accounts, nothing to link them: two matters
    T("reddit", "en", "900 kWh in a month. In an empty holiday flat.",
      ("PETE", "complaint", 0,
       "Holiday flat, nobody there since September, fridge unplugged. Vatio bill: 900 kWh "
       "'estimated'. That's more than my house uses. Who estimates this stuff, a dartboard?",
       M("est-pete", "estimated")),
      ("brand", "other", 95,
       "Hi, sorry about this. An estimate uses past months' consumption; if you send us a "
       "reading from the app the next bill corrects everything charged above your real use.",
       F("est-pete")),
      ("lenny_k_", "other", 30, "a dartboard would be more accurate tbh")),
    T("forum", "en", "Meter shows 'Err 04' after a power cut",
      ("PETE", "question", 0,
       "After a storm cut last night the meter display flashes 'Err 04'. Power is on. Do I need "
       "to do something or will the distributor sort it?", M("meter-pete", "meter"))),
    # -- the social tariff taken away without notice
    T("forum", "es", "Me han quitado el bono social sin avisar",
      ("CARMEN", "complaint", 0,
       "En la última factura ya no me sale el descuento del bono social. Nadie me ha avisado de "
       "nada. Tengo 74 años y vivo con mi pensión, esto no se hace.",
       M("social-carmen", "social")),
      ("brand", "other", 30,
       "Hola Carmen, lo sentimos. El bono social se renueva cada dos años; lo revisamos ahora "
       "mismo y te llamamos hoy para tramitar la renovación con efecto desde la fecha de "
       "caducidad.", F("social-carmen")),
      ("CARMEN", "praise", 500, "Me llamaron y ya está. Muy amable la chica, gracias.",
       F("social-carmen"))),
    # -- a double post: the same question in two threads minutes apart, the first answered
    T("reddit", "en", "When does Vatio take the direct debit?",
      ("ANDREW", "question", 0,
       "New customer. When in the month does the direct debit go out? Need to make sure the "
       "money's in the account.", M("debit-andrew", "debit", key="andrew-q")),
      ("brand", "other", 35,
       "Hi Andrew, bills are charged five days after they're issued, usually between the 5th "
       "and the 10th. The app shows the exact date on each bill.", F("debit-andrew")),
      ("ANDREW", "praise", 10, "perfect, cheers", F("debit-andrew")),
      key="andrew-1"),
    T("reddit", "en", "When does Vatio take the direct debit??",
      ("ANDREW", "question", 0,
       "New customer. When in the month does the direct debit go out? Need to make sure the "
       "money's in the account", M("debit-andrew", "debit", dup="andrew-q")),
      after=("andrew-1", 0.05)),
]
# fmt: on
