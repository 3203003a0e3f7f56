"""The matters of the holdout world (bench/make_holdout_set.py): two per help-centre topic, one in
English and one in Spanish, plus a few more askers, thread by thread.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from scripted_world import F, M, T


def U(topic: str, lang: str) -> str:  # noqa: N802
    return f"https://ayuda.lumenenergia.example/{lang}/{topic}"


# kind: how the two accounts of one person can be told to be one (see the triage README's `link`).
# fmt: off
PEOPLE: dict[str, dict] = {
    "NURIA": {"lang": "es", "name": "Nuria Fuentes Cano", "kind": "same_handle", "crm": True,
              "handles": {"youtube": "nuriafc", "reddit": "nuriafc"}},
    "SOLAR": {"lang": "es", "name": "Julián Molina", "kind": "same_handle",
              "handles": {"reddit": "jmolina_solar", "forum": "jmolina_solar"}},
    "GWEN": {"lang": "en", "name": "Gwen Ashby", "kind": "same_handle",
             "handles": {"forum": "gwen_on_costa", "youtube": "gwen_on_costa"}},
    "HARRIET": {"lang": "en", "name": "Harriet Doyle", "kind": "crm", "crm": True,
                "handles": {"reddit": "hdoyle_mlg", "forum": "harriet.d"}},
    "INAKI": {"lang": "es", "name": "Iñaki Zubiri", "kind": "crm", "crm": True,
              "handles": {"youtube": "Iñaki Z", "forum": "izubiri"}},
    "MARISA": {"lang": "es", "name": "Marisa López", "kind": "selfref",
               "handles": {"reddit": "vecina_del_5", "forum": "marisa_lopezg"}},
    "COLIN": {"lang": "en", "name": "Colin McArdle", "kind": "selfref",
              "handles": {"reddit": "c_mcardle", "forum": "colin_alh"}},
    "ROB": {"lang": "en", "name": "Rob Tanner", "kind": "selfref",
            "handles": {"youtube": "Rob Tanner", "forum": "rtanner_nerja"}},
    "BEA": {"lang": "es", "name": "Beatriz Ocaña", "kind": "crm_name", "crm": True,
            "handles": {"reddit": "bea_ocana", "youtube": "Beatriz Ocaña"}},
    # Two accounts of one person that nothing in the world ties together.
    "KETTLE": {"lang": "en", "name": "Sam Pell", "kind": "none",
               "handles": {"reddit": "quietkettle", "youtube": "S. P."}},
    # CRM customers on one channel; a different YouTube commenter shares Antonio Vidal's name.
    "ANTONIO": {"lang": "es", "name": "Antonio Vidal", "crm": True,
                "handles": {"reddit": "avidal_sev"}},
    "DEREK": {"lang": "en", "name": "Derek Holm", "crm": True, "handles": {"forum": "derekholm"}},
}

STORIES = [
    # -- readings
    T("reddit", "en", "Estimated bill of €312 for an empty flat. Cool cool cool.",
      ("driftwood_kay", "complaint", 0,
       "Flat's been empty since July, I'm in Leeds until spring. Lumen sends me an estimated "
       "bill of €312 as if I'd been running a sauna in there. The meter has barely moved. "
       "Whoever writes your estimates should try fiction, honestly.",
       M("read-en", "readings", key="read-en-op")),
      ("tallyho_phil", "answer", 35,
       "Send them a real reading from the app (Supply > Meter reading) with a photo of the "
       "display. They redo the bill from the actual number, did it last winter."),
      ("harbour_lights", "complaint", 20,
       "Same story with our holiday place in Mojácar, €260 estimate for a house nobody has slept "
       "in since September.", M("read-en-2", "readings")),
      ("brand", "other", 120,
       "Sorry about that, Kay. With no reading we estimate from last year's use, which overshoots "
       "for an empty home. Send a reading (photo optional) and we'll reissue the bill within two "
       f"working days: {U('readings', 'en')}", {"re": "read-en-op"}),
      ("driftwood_kay", "other", 50, "Reading and photo sent, ta.", F("read-en")),
      ("driftwood_kay", "complaint", 2900,
       "Two days on and the 'corrected' bill is €298. So, still an estimate. Not fixed.",
       F("read-en")), key="read-en"),
    T("youtube", "es", "Cómo leer tu contador en un minuto",
      ("brand", "other", 0, "Cómo leer tu contador de luz y mandarnos la lectura en un minuto."),
      ("NURIA", "question", 3000,
       "y si el contador esta en el cuarto de contadores del edificio y no tengo llave?? no puedo "
       "hacer la foto", M("read-es", "readings")),
      ("brand", "other", 45,
       "Hola Nuria, pide la llave al conserje o a la comunidad; y si no puedes, la lectura "
       f"también vale sin foto desde el Área Cliente: {U('readings', 'es')}"),
      ("NURIA", "praise", 30, "ah pues genial, no sabía que se podía sin foto. gracias!!",
       F("read-es")), key="read-es"),
    T("reddit", "es", "¿Aceptan la lectura sin foto o la ignoran?",
      ("NURIA", "complaint", 0,
       "Mandé la lectura sin foto desde el Área Cliente hace cinco días, tal como me dijeron en "
       "YouTube, y la factura nueva vuelve a ser estimada. ¿Para qué la pedís entonces?",
       M("read-es", "readings")),
      ("lechuza_fm", "answer", 60,
       "A mí me la aceptaron, pero tardó más de una semana en verse en la factura."),
      ("NURIA", "complaint", 1800, "sigo esperando. ni factura corregida ni respuesta",
       F("read-es")), after=("read-es", 150)),
    T("forum", "en", "Gas and electricity readings in one go?",
      ("derekholm", "question", 0,
       "Can I send the gas reading and the electricity reading in the same form, or do they have "
       "to go separately? The app only seems to show the electricity meter.",
       M("read-en-3", "readings", key="dbl")), key="dbl"),
    T("forum", "en", "Gas and electricity readings in one go?",
      ("derekholm", "question", 0,
       "Can I send the gas reading and the electricity reading in the same form, or do they have "
       "to go separately? The app only seems to show the electricity meter.",
       M("read-en-3", "readings", dup="dbl")),
      ("brand", "other", 240,
       "Hi Derek, each supply has its own tab under Supply > Meter reading; swipe left for gas. "
       f"More: {U('readings', 'en')}"), after=("dbl", 0.02)),
    # -- smart meter
    T("youtube", "en", "Your new smart meter, explained",
      ("brand", "other", 0, "What your Lumen smart meter does and what its lights mean."),
      ("ROB", "complaint", 5200,
       "Mine has had the red light blinking for three weeks and I'm still getting estimated bills. "
       "A smart meter that can't report is just a meter.", M("meter-en", "smartmeter")),
      key="meter-en"),
    T("forum", "en", "Smart meter not sending readings (3 weeks)",
      ("ROB", "complaint", 0,
       "Our smart meter in Nerja has stopped talking to Lumen. Red light blinking, bills estimated "
       "since early November. I already asked under your YouTube video as Rob Tanner and heard "
       "nothing back.", M("meter-en", "smartmeter")),
      ("brand", "other", 380,
       "Hi Rob, a blinking red light means the meter has lost its link to the distributor's "
       "network. We've opened a case with them; they usually visit within ten working days. You "
       f"can send readings by hand meanwhile: {U('smartmeter', 'en')}"),
      ("ROB", "question", 4300, "any news? nobody has turned up", F("meter-en")),
      ("brand", "other", 90,
       "Hi Rob, the visit is booked for Thursday morning, you'll get a text the day before."),
      ("ROB", "praise", 3000, "Technician came Thursday, swapped a module, green light. Thanks.",
       F("meter-en")), after=("meter-en", 70)),
    T("forum", "es", "contador inteligente no manda lecturas",
      ("pacoherrero61", "complaint", 0,
       "el contador nuevo lleva desde septiembre sin mandar lecturas y me facturais estimado cada "
       "mes. he llamado tres veces y cada vez me cuentan una cosa. que lo arregle alguien ya "
       "porfavor", M("meter-es", "smartmeter")),
      ("vatio_curioso", "answer", 120,
       "Fíjate si parpadea el piloto rojo. Si es así el contador no tiene comunicación y eso lo "
       "arregla la distribuidora; Lumen solo abre la incidencia."),
      ("pacoherrero61", "complaint", 2500, "si parpadea. y aqui tampoco contesta nadie de lumen",
       F("meter-es"))),
    T("reddit", "en", "Smart meter light blinking red for a month",
      ("KETTLE", "complaint", 0,
       "Red light on the smart meter has been blinking for a month. My neighbour u/ramblingfig "
       "has the same thing on his. Lumen keeps estimating, a lot higher than we actually use.",
       M("meter-en-2", "smartmeter")),
      ("brand", "other", 55,
       "Hi, thanks for flagging. That light means the meter can't reach the distributor's network; "
       "DM us the supply address and we'll open a repair case. How it works: "
       f"{U('smartmeter', 'en')}"),
      ("KETTLE", "other", 15, "done, DM'd", F("meter-en-2")), key="kettle"),
    T("youtube", "en", "Smart meter red light: what to do",
      ("Home Volts", "answer", 0,
       "Smart meter blinking red? What it means, who owns the meter, and how to get it fixed."),
      ("KETTLE", "complaint", 3000,
       "a month of the red light here and lumen's repair case is going nowhere, meter still "
       "blinking", M("meter-en-2", "smartmeter")), after=("kettle", 50)),
    # -- payment
    T("reddit", "en", "Direct debit bounced after I changed banks, now a €15 fee?",
      ("HARRIET", "complaint", 0,
       "Changed banks in October and updated the IBAN in the Lumen app the same day. November's "
       "bill still went to the old account, bounced, and now there's a €15 returned-payment fee "
       "on top. How exactly is that on me?", M("pay-en", "payment")),
      ("brand", "other", 25,
       "Hi Harriet, sorry for the hassle. A bank change made late in the cycle can miss one bill, "
       "which is probably what happened. Could you DM us your customer number so we can look at "
       "the fee?"),
      ("HARRIET", "other", 12, "DM sent.", F("pay-en")),
      ("brand", "other", 200,
       "Thanks Harriet, we've refunded the €15 and December's bill goes to the new account. "
       f"Details: {U('payment', 'en')}"),
      ("HARRIET", "praise", 40, "Fee refunded, thanks for sorting it so fast.", F("pay-en")),
      key="pay-en"),
    T("forum", "en", "Returned payment fee after changing IBAN",
      ("HARRIET", "complaint", 0,
       "Updated my bank details in the app in October, Lumen still charged the old account, the "
       "payment bounced and I got a returned payment fee. Has anyone managed to get that fee "
       "taken off?", M("pay-en", "payment")),
      ("old_salt_mick", "answer", 40,
       "Yes, they took mine off after I complained. It's a known lag if you change bank "
       "mid-cycle."), after=("pay-en", -3)),
    T("reddit", "es", "Recibo devuelto y me amenazan con cortar el gas",
      ("ferranet", "complaint", 0,
       "El banco cambió algo de la domiciliación, me devolvieron un recibo y hoy me llega carta de "
       "Lumen: corte de gas en 10 días. Por un recibo de 48€. Qué detallazo, de verdad 🙃",
       M("pay-es", "payment")),
      ("brand", "other", 300,
       "Hola, sentimos el susto. El aviso sale solo cuando se devuelve un recibo, pero no hay "
       "corte si se paga antes de la fecha. Puedes pagarlo con tarjeta en Área Cliente > Facturas "
       f"y cambiar la cuenta ahí mismo: {U('payment', 'es')}"),
      ("ferranet", "question", 60, "Pagado con tarjeta. ¿Me confirmáis que el aviso queda anulado?",
       F("pay-es"))),
    # -- time bands
    T("reddit", "en", "Why is my bill double when we use less?",
      ("COLIN", "question", 0,
       "Genuinely confused. We use less electricity than last winter but the Lumen bill nearly "
       "doubled. Is there something about peak hours I'm missing? Washing machine and dishwasher "
       "usually go on after dinner.", M("bands-en", "time_bands")),
      ("ohmygrid", "answer", 20,
       "After dinner is peak on weekdays (6 to 10pm). Run them after midnight or at the weekend "
       "and you'll see the difference."),
      ("COLIN", "praise", 90, "oh, that explains a lot. thanks", F("bands-en")), key="bands-en"),
    T("forum", "en", "Exact peak hours on Tres Tramos?",
      ("COLIN", "question", 0,
       "Could someone from Lumen confirm the exact peak, standard and off-peak hours on the Tres "
       "Tramos tariff? I asked on reddit as u/c_mcardle and another user answered, but I'd like "
       "it from you before I rearrange the house around it.", M("bands-en", "time_bands")),
      ("brand", "other", 50,
       "Hi Colin: off-peak is midnight to 8am on weekdays plus weekends and national holidays; "
       "peak is 10-14h and 18-22h on weekdays; the rest is standard. Table: "
       f"{U('time_bands', 'en')}"),
      after=("bands-en", 5)),
    T("youtube", "es", "Horas punta, llano y valle: así ahorras",
      ("brand", "other", 0,
       "Te explicamos los tres tramos de la tarifa y cómo aprovechar el valle."),
      ("Mari Carmen Soto", "complaint", 2000,
       "pues yo pongo todo por la noche y la factura igual de cara. esto de los tramos es un "
       "cuento chino", M("bands-es", "time_bands")),
      ("Jacinto Real", "answer", 30,
       "Mira la potencia contratada en la factura, si tienes de más la pagas igual aunque no "
       "gastes nada."),
      ("brand", "other", 1400,
       "Hola Mari Carmen, como dice Jacinto, revisa también la potencia contratada, es un fijo. "
       "Si nos escribes por privado con tu número de cliente lo miramos contigo. Más info: "
       f"{U('time_bands', 'es')}"),
      ("Mari Carmen Soto", "other", 25, "mandado por privado", F("bands-es")), key="bands-es"),
    T("reddit", "es", "¿Los festivos cuentan como valle?",
      ("BEA", "question", 0,
       "Pregunta rápida: con la Tres Tramos, ¿los festivos cuentan como horas valle todo el día? "
       "¿Y los autonómicos también o solo los nacionales?", M("bands-es-2", "time_bands")),
      key="bea"),
    T("youtube", "es", "Tres Tramos: preguntas frecuentes",
      ("brand", "other", 0, "Respondemos a vuestras dudas sobre la tarifa Tres Tramos."),
      ("BEA", "question", 600,
       "Lo pregunté en otro sitio y nadie contesta: ¿los festivos autonómicos son valle o solo "
       "los nacionales?", M("bands-es-2", "time_bands")),
      ("brand", "other", 35,
       "Hola Beatriz: todo el día es valle en los festivos nacionales; los autonómicos y locales "
       f"se facturan como un día laborable. Detalle: {U('time_bands', 'es')}"),
      ("BEA", "praise", 20, "Respuesta en media hora, así da gusto 👌",
       F("bands-es-2")), after=("bea", 20)),
]
# fmt: on
