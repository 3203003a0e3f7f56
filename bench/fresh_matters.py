"""More matters of the fresh world (bench/make_fresh_set.py), from customers on one channel:
estimated bills, meters, power cuts, leaving Vatio, moving, payments, the app and solar panels;
answered quickly, slowly, after a DM, reopened, never answered, re-posted.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from fresh_stories import F, M, T

# fmt: off
MATTERS = [
    # -- a power cut rant with sarcasm, "same here" replies, a slow answer, one reopened
    T("reddit", "en", "Powercut number 4 this month, love it",
      ("costa_dave", "complaint", 0,
       "Another evening eating dinner by candlelight. Really romantic Vatio, thanks, I'll be "
       "sure to thank you for the standing charge too 🕯️🙃 4th cut this month in Mijas.",
       M("outage-dave", "outage")),
      ("mijas_morag", "complaint", 14,
       "Same here, off since 7. fridge is beeping at me", M("outage-morag", "outage")),
      ("tomasz_pl_es", "complaint", 9, "also out in la cala, 3rd time", M("outage-tomasz",
                                                                        "outage")),
      ("brand", "other", 370,
       "Hi all, sorry for the cuts. Faults are handled by the distributor of your area: the "
       "fault line on your bill is open 24h. If the cuts add up above the legal limit, the "
       "discount is applied on your bill automatically.", F("outage-dave")),
      ("mijas_morag", "complaint", 60,
       "That's the distributor's line that nobody answers. Still off here 4 hours later.",
       F("outage-morag"))),
    T("youtube", "es", "Sin luz en la sierra tras la tormenta",
      ("brand", "other", 0, "Qué hacer si te quedas sin luz y cómo reclamar a la distribuidora."),
      ("rosi_alpujarra", "complaint", 800,
       "llevamos desde el jueves sin luz en el cortijo, tres dias!!! y nadie da señales",
       M("outage-rosi", "outage")),
      ("brand", "other", 20,
       "Hola Rosi, lo sentimos mucho. Pásanos tu CUPS por privado y reclamamos a la "
       "distribuidora ahora mismo.", F("outage-rosi")),
      ("rosi_alpujarra", "other", 10, "ya os lo he mandado", F("outage-rosi")),
      ("rosi_alpujarra", "praise", 900, "ya tenemos luz!! gracias por moverlo",
       F("outage-rosi"))),
    # -- money and process questions, no grievance
    T("reddit", "es", "¿cuándo pasan el recibo?",
      ("marga_ptv", "question", 0,
       "¿alguien sabe qué día del mes pasa vatio el recibo? es para cuadrar con la nómina",
       M("debit-marga", "debit")),
      ("brand", "other", 12,
       "Hola Marga, el recibo se carga cinco días después de emitir la factura, normalmente "
       "entre el 5 y el 10. En la app ves la fecha exacta de cada una.", F("debit-marga")),
      ("marga_ptv", "praise", 6, "genial, gracias!", F("debit-marga"))),
    T("forum", "en", "how do I change my bank account for the direct debit?",
      ("brit_in_benidorm", "question", 0,
       "how do I change my bank account for the direct debit? closing my UK account finally",
       M("debit-brit", "debit")),
      ("ken_from_calpe", "answer", 25,
       "Open the app, go to Profile > Payment details and put in the new IBAN. Takes effect on "
       "the next bill."),
      ("brit_in_benidorm", "praise", 15, "that worked, thanks Ken!", F("debit-brit")),
      ("brand", "other", 180,
       "Thanks Ken! That's right, and the change applies from the next bill.", F("debit-brit"))),
    T("reddit", "en", "Can I get a payment plan? Lost my job",
      ("throwaway_valencia22", "question", 0,
       "Bit embarrassing but I got made redundant and the bill this month is €310 because of "
       "the aircon in the summer. Is there any way to pay it in parts?",
       M("plan-throwaway", "debit")),
      ("brand", "other", 140,
       "Hi, sorry to hear that, and no need to be embarrassed. You can split it into up to six "
       "monthly instalments at no extra cost: send us a DM with your contract number and we set "
       "it up today.", F("plan-throwaway")),
      ("throwaway_valencia22", "other", 30, "dm'd, thank you", F("plan-throwaway")),
      ("brand", "other", 45, "Done: six payments of €51.67 from the next bill. Take care!",
       F("plan-throwaway")),
      ("throwaway_valencia22", "praise", 20, "honestly really appreciate it",
       F("plan-throwaway"))),
    T("forum", "es", "¿Se puede pedir el bono social siendo extranjero?",
      ("olena_ua_alc", "question", 0,
       "Hola, soy de Ucrania, vivo en Alicante con NIE y dos niños. ¿Puedo pedir el bono social "
       "o es solo para españoles?", M("social-olena", "social")),
      ("brand", "other", 100,
       "Hola Olena, puede pedirlo cualquier residente con NIE que cumpla los requisitos. "
       "Necesitas la solicitud, los documentos de todos los que viven en casa y el padrón.",
       F("social-olena"))),
    # -- leaving Vatio and still being charged: answered after a DM
    T("reddit", "es", "Me fui de Vatio hace 2 meses y me siguen cobrando",
      ("javi_perez_zgz", "complaint", 0,
       "Me cambié a otra comercializadora en septiembre. Octubre: recibo de Vatio. Noviembre: "
       "recibo de Vatio. La otra compañía también me cobra. Pago la luz dos veces, de lujo.",
       M("switch-javi", "switch")),
      ("brand", "other", 55,
       "Hola Javi, no debería pasar. Escríbenos por privado con tu DNI y lo revisamos.",
       F("switch-javi")),
      ("javi_perez_zgz", "other", 8, "enviado MD", F("switch-javi")),
      ("brand", "other", 1500,
       "Javi, revisado: la baja se registró tarde por un error nuestro. Te devolvemos los dos "
       "recibos esta semana.", F("switch-javi")),
      ("javi_perez_zgz", "praise", 120, "perfecto, gracias", F("switch-javi"))),
    # -- a repost after no answer
    T("reddit", "en", "Moving out, how do I close my account?",
      ("sam_leaves_spain", "question", 0,
       "Moving back to the UK on the 20th. How do I close my Vatio contract and get the final "
       "bill? Don't want to be charged after I leave.", M("moving-sam", "moving",
                                                         key="sam-q")),
      key="sam-thread"),
    T("reddit", "en", "(repost) Moving out - closing my Vatio account",
      ("sam_leaves_spain", "question", 0,
       "Reposting since nobody answered: moving back to the UK on the 20th. How do I close my "
       "Vatio contract and get the final bill? Don't want to be charged after I leave.",
       M("moving-sam", "moving", dup="sam-q")),
      ("brand", "other", 75,
       "Hi Sam, sorry we missed your first post. Tell us the date and send a reading that day; "
       "we close the contract and the final bill comes within a month.", F("moving-sam")),
      after=("sam-thread", 27)),
    # -- a moving house matter answered and reopened
    T("forum", "es", "Tres semanas sin alta en el piso nuevo",
      ("bea_lorca", "complaint", 0,
       "Firmé el contrato con Vatio para el piso nuevo el día 2. Hoy es 23. Sigo sin luz, "
       "viviendo con alargadores desde el vecino. ¿Cuánto se tarda en dar un alta?",
       M("moving-bea", "moving")),
      ("brand", "other", 200,
       "Hola Bea, lo sentimos. El alta la hace la distribuidora; hemos pedido que la prioricen "
       "y te darán cita esta semana.", F("moving-bea")),
      ("bea_lorca", "complaint", 5000, "pues ni cita ni nada. sigo igual.", F("moving-bea"))),
    # -- the app: bills won't download, answered slowly
    T("forum", "es", "La app no descarga las facturas",
      ("jose_m_cuenca", "complaint", 0,
       "Le doy a descargar factura en PDF y se queda la rueda dando vueltas. Lo necesito para "
       "la renta y para el banco. Probado en dos móviles.", M("app-jose", "app")),
      ("brand", "other", 560,
       "Hola José, prueba a borrar la caché de la app o reinstalarla; si sigue, te las mandamos "
       "por email. Disculpa la espera.", F("app-jose")),
      ("jose_m_cuenca", "praise", 90, "reinstalada y ya funciona, gracias", F("app-jose"))),
    # -- an expat mixing languages about a broken meter
    T("reddit", "en", "the técnico says my contador is 'averiado' and just left??",
      ("lisa_in_lliber", "complaint", 0,
       "so a técnico from the distributor came, looked at the contador, said 'está averiado' "
       "and left. no paper, no date, nothing. the display is blank. is someone coming back or "
       "what lol", M("meter-lisa", "meter"))),
    # -- smart meter errors on the forum, answered quickly
    T("forum", "es", "Contador inteligente con error y sin lecturas",
      ("fermin_huesca", "complaint", 0,
       "El contador nuevo marca 'E-12' en la pantalla y en la app no aparece consumo desde hace "
       "dos semanas. Me van a estimar otra vez, ¿no?", M("meter-fermin", "meter")),
      ("brand", "other", 28,
       "Hola Fermín, apunta el código y el número de contador y mándanoslo por privado: abrimos "
       "la reparación con la distribuidora.", F("meter-fermin")),
      ("fermin_huesca", "other", 15, "mandado", F("meter-fermin"))),
    # -- an estimated bill on a brand video; a sarcastic comment after the reply
    T("youtube", "es", "Aprende a leer tu factura de Vatio",
      ("brand", "other", 0, "Repasamos una factura de Vatio línea a línea."),
      ("david_rl_89", "complaint", 1100,
       "muy bonito el video pero no entiendo por que me cobrais estimado si tengo contador "
       "inteligente desde hace un año", M("est-david", "estimated")),
      ("brand", "other", 35,
       "Hola David, si el contador no envía lecturas la factura se estima. Mándanos una lectura "
       "desde la app y lo regularizamos en la siguiente.", F("est-david")),
      ("chusa_gm", "complaint", 300,
       "Gracias Vatio por la factura de 290 pavos en un estudio de 35 metros, sois unos "
       "fenómenos 👏👏", M("est-chusa", "estimated"))),
    # -- the same complaint on the forum and then on Reddit (one handle, two channels)
    T("forum", "en", "Bill doubled and the reading is 'estimated'",
      ("gwen_orihuela", "complaint", 0,
       "My last two bills doubled and both say estimated. Sent a reading in the app twice, "
       "nothing changes. Who actually reads these?", M("est-gwen", "estimated", key="gwen-q")),
      key="gwen-thread"),
    T("reddit", "en", "Bill doubled, reading 'estimated' - anyone else?",
      ("gwen_orihuela", "complaint", 0,
       "My last two Vatio bills doubled and both say estimated. Sent a reading in the app "
       "twice, nothing changes. Who actually reads these??", M("est-gwen", "estimated",
                                                               dup="gwen-q")),
      ("brand", "other", 160,
       "Hi Gwen, sorry about this. Could you DM us the dates you sent the readings? We'll check "
       "why they were not used and correct the bills.", F("est-gwen")),
      after=("gwen-thread", 20)),
    # -- a solar question on the forum: a fix told as experience, then the brand
    T("forum", "es", "¿La compensación puede dejar la factura a cero?",
      ("ramon_placas", "question", 0,
       "Con la compensación de excedentes, ¿puedo llegar a pagar 0€ en verano o siempre hay "
       "algo fijo?", M("solar-ramon", "solar")),
      ("sunny_sue_jav", "answer", 40,
       "Yo en agosto pagué 13€ y pico, que es la potencia y el alquiler del contador. La parte "
       "de energía sí se quedó a cero."),
      ("brand", "other", 120,
       "Así es: la compensación puede dejar a cero el término de energía, nunca en negativo; la "
       "potencia y el alquiler del contador se pagan siempre.", F("solar-ramon"))),
    # -- a question under a third-party video, never answered
    T("youtube", "en", "Spanish electricity bills explained for expats",
      ("Costa Living Tips", "answer", 0,
       "P1, P2, P3, power vs energy, and what all those lines on your Spanish bill mean."),
      ("Brenda Walsh", "question", 2500,
       "Very useful. I'm with Vatio and my bill says estimated for three months. Is that normal "
       "or should I chase them?", M("est-brenda", "estimated")),
      ("Costa Living Tips", "other", 60, "Thanks Brenda! Definitely worth asking them.")),
    # -- the app login, never answered
    T("reddit", "es", "la app de vatio no me deja entrar",
      ("nachete_92", "complaint", 0,
       "me dice q el codigo de verificacion ha caducado nada mas llegar. 6 veces. alguien "
       "sabe??", M("app-nachete", "app")),
      ("aitana_s", "answer", 30,
       "a mi me pasaba con el wifi de casa, con datos me llegó bien. prueba"),
      ("nachete_92", "complaint", 50, "nada, con datos igual 😤", F("app-nachete"))),
    # -- a long rant about the gas bill, never answered
    T("reddit", "es", "Lo del gas de Vatio es un atraco",
      ("merche_leon", "complaint", 0,
       "Llevo tres facturas de gas estimadas. TRES. En León, en invierno, con la caldera "
       "encendida, vale, pero es que me estiman el doble que el año pasado con el mismo uso. He "
       "llamado dos veces, me dicen que la distribuidora no puede entrar a leer porque el "
       "contador está dentro, que mande yo la lectura. La mandé. Siguiente factura: estimada "
       "otra vez. ¿Para qué me pedís la lectura si luego no la usáis? 412€ de gas en un mes.",
       M("est-merche", "estimated")),
      ("aitana_s", "other", 90, "412 de gas?? madre mía"),
      ("merche_leon", "complaint", 1300, "y por supuesto aquí tampoco contesta nadie",
       F("est-merche"))),
    # -- hourly consumption missing in the app, answered
    T("youtube", "en", "Track your consumption hour by hour in the Vatio app",
      ("brand", "other", 0, "Where to find your hourly use and how to spot what costs most."),
      ("Graham P", "question", 700,
       "my app shows hourly data only up to two days ago, is that normal or is something wrong "
       "with my meter?", M("app-graham", "app")),
      ("brand", "other", 40,
       "Hi Graham, that's normal: the distributor sends hourly data with a two-day delay.",
       F("app-graham")),
      ("Graham P", "praise", 25, "ah ok, good to know, thanks", F("app-graham"))),
    # -- switching from another supplier, a question under a brand video
    T("youtube", "es", "Cámbiate a Vatio en 3 pasos",
      ("brand", "other", 0, "CUPS, datos bancarios y listo: así funciona el cambio."),
      ("toni_mallorca", "question", 400,
       "y si me cambio tengo que pagar algo a la compañía de ahora por irme? tengo permanencia "
       "creo", M("switch-toni", "switch")),
      ("brand", "other", 300,
       "Hola Toni, nosotros tramitamos la baja con tu compañía actual sin coste por nuestra "
       "parte; si tu contrato tiene permanencia, mírala en tus condiciones antes de cambiar.",
       F("switch-toni")),
      ("ruth_es_en", "answer", 50, "ojo que algunas permanencias son de 12 meses")),
    # -- a power cut answered quickly, with thanks
    T("reddit", "es", "Sin luz desde las 6 en Triana",
      ("curro_triana", "complaint", 0,
       "sin luz desde las 6 de la mañana en triana, con teletrabajo y el portatil al 10%. "
       "alguien sabe algo??", M("outage-curro", "outage")),
      ("brand", "other", 25,
       "Hola Curro, la distribuidora tiene una avería abierta en tu zona y calcula reponer "
       "antes de las 12. Si pasa de esa hora, llama al teléfono de averías de tu factura.",
       F("outage-curro")),
      ("curro_triana", "praise", 200, "ya volvió, gracias por el aviso", F("outage-curro"))),
    # -- a smart meter question, with an answer from another customer
    T("forum", "en", "Do I have to be home for the smart meter swap?",
      ("yvonne_gandia", "question", 0,
       "Got a letter that the distributor will replace my meter next Tuesday. The meter is "
       "inside the flat. Do I need to be in, and will the power go off?",
       M("meter-yvonne", "meter")),
      ("ken_from_calpe", "answer", 60,
       "When they did mine I had to be in because it's indoors too. Power was off for maybe 15 "
       "minutes, reset the clocks after."),
      ("yvonne_gandia", "praise", 30, "Thanks Ken, I'll work from home that day",
       F("meter-yvonne"))),
    # -- solar registered but the bill is wrong, answered slowly in English
    T("reddit", "en", "Solar compensation halved on my last bill??",
      ("sunny_sue_jav", "complaint", 0,
       "Exported about the same as last month but my compensation on the November bill is half "
       "what it was in October. Same tariff. Anyone else seeing this?",
       M("solar-sue", "solar")),
      ("panel_paul", "answer", 120, "surplus price changed on the 1st I think, check the rate"),
      ("brand", "other", 700,
       "Hi Sue, the surplus price on your contract is updated monthly; we've checked and your "
       "November bill uses the right rate, but we'll DM you the breakdown.", F("solar-sue")),
      ("sunny_sue_jav", "complaint", 240,
       "got the breakdown, the kWh exported in it are wrong, not the price. still waiting",
       F("solar-sue"))),
]
# fmt: on
