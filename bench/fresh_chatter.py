"""The gap questions and the chatter of the fresh world (bench/make_fresh_set.py): three
questions no article covers, each asked five times by different people in both languages (the
brand answers one asker of each), then news, jokes, opinions, praise, "DM sent", talk of other
companies, third-party videos and their comments.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from fresh_stories import F, T


def G(gap: str, n: int, **more: object) -> dict:  # noqa: N802
    """A question about a gap: its own matter, no article."""
    return {"m": f"{gap}-{n}", "op": True, "gap": gap, **more}


# fmt: off
GAPS = [
    # -- a night tariff for charging an electric car at home
    T("reddit", "en", "Any EV tariff with Vatio?",
      ("ioniq_ian", "question", 0,
       "Just got an electric car. Does Vatio have a special cheap night rate for charging at "
       "home, like the EV tariffs in the UK?", G("ev", 1)),
      ("brand", "other", 65,
       "Hi Ian, we don't have a specific EV tariff at the moment. Our hourly tariff has its "
       "cheapest period from midnight to 8am, which many drivers use.", F("ev-1"))),
    T("forum", "es", "Tarifa para cargar el coche eléctrico",
      ("manolo_tesla", "question", 0,
       "¿Vatio tiene alguna tarifa para coche eléctrico? Cargo cada noche en el garaje y no sé "
       "si me compensa algo especial.", G("ev", 2))),
    T("youtube", "es", "Punto de recarga en casa: lo que cuesta de verdad",
      ("Motor Eléctrico Hoy", "answer", 0,
       "Instalación del cargador, permisos de la comunidad y cuánto sube la factura al mes."),
      ("pili_garaje", "question", 1400,
       "y con vatio hay tarifa especial para el coche eléctrico o hay que cambiarse?",
       G("ev", 3))),
    T("forum", "en", "Charging an EV overnight - special rate?",
      ("geoff_kona", "question", 0,
       "Is there an EV charging rate with Vatio? The car needs about 40 kWh a week.",
       G("ev", 4))),
    T("reddit", "es", "coche electrico y vatio",
      ("laia_bcn_ev", "question", 0,
       "pregunta rapida: vatio tiene plan para vehiculo electrico con precio nocturno?",
       G("ev", 5))),
    # -- a virtual battery: solar surplus kept as credit
    T("forum", "es", "¿Vatio tiene batería virtual?",
      ("andres_solar_mu", "question", 0,
       "Otras compañías guardan los excedentes que no se compensan como saldo para meses "
       "siguientes, la famosa batería virtual. ¿Vatio tiene algo así o se pierden?",
       G("battery", 1)),
      ("brand", "other", 210,
       "Hola Andrés, ahora mismo no ofrecemos batería virtual: el excedente que supera el "
       "término de energía del mes no se acumula. Tomamos nota de tu interés.",
       F("battery-1"))),
    T("reddit", "en", "Virtual battery for solar surplus?",
      ("panel_paul", "question", 0,
       "In summer my panels produce way more than I use and the compensation caps at zero. "
       "Does Vatio offer a virtual battery so the extra carries over to winter?",
       G("battery", 2))),
    T("youtube", "en", "Is a virtual battery worth it? Solar in Spain",
      ("Solar Steve ES", "answer", 0,
       "Virtual batteries compared: who offers them, what they cost and when they pay off."),
      ("Wendy Pryor", "question", 900,
       "does anyone know if Vatio has one of these virtual batteries? can't find it on their "
       "site", G("battery", 3))),
    T("forum", "en", "Carrying surplus over to next month",
      ("norm_almeria", "question", 0,
       "Can unused solar surplus be saved as credit with Vatio, a virtual battery or similar?",
       G("battery", 4))),
    T("reddit", "es", "bateria virtual en vatio??",
      ("txema_paneles", "question", 0,
       "tengo 6 kW de placas y en julio tiro la mitad. vatio tiene bateria virtual o me cambio?",
       G("battery", 5))),
    # -- bills on paper by post
    T("forum", "es", "Factura en papel para mi padre",
      ("conchi_avila", "question", 0,
       "Mi padre tiene 86 años y no usa email ni móvil. ¿Se le puede mandar la factura en papel "
       "por correo a casa como antes?", G("paper", 1)),
      ("brand", "other", 95,
       "Hola Conchi, por ahora las facturas son solo digitales, pero puedes descargarlas desde "
       "la app y te las podemos enviar por email a ti. Lo trasladamos al equipo.",
       F("paper-1"))),
    T("reddit", "en", "Paper bills by post?",
      ("old_school_owen", "question", 0,
       "Can I get my Vatio bills posted to me on paper? I keep all my household papers in a "
       "folder and hate PDFs.", G("paper", 2))),
    T("youtube", "es", "Trucos para ahorrar luz este invierno",
      ("Ahorra con Lola", "answer", 0,
       "Diez cambios pequeños que bajan la factura: potencia, horarios, aparatos en espera."),
      ("Remedios Calvo", "question", 600,
       "Una pregunta, ¿en vatio se puede recibir la factura en papel? Mi madre no tiene "
       "internet", G("paper", 3))),
    T("forum", "en", "Posted bills for elderly parent",
      ("karen_in_javea", "question", 0,
       "My mum is 90 and offline. Is there a way to get Vatio to send paper bills to her "
       "address?", G("paper", 4))),
    T("reddit", "es", "recibir factura por correo postal",
      ("pepe", "question", 0,
       "alguien sabe si vatio manda facturas en papel? mi abuela no se apaña con el email",
       G("paper", 5))),
]

CHATTER = [
    T("reddit", "es", "El Gobierno baja el IVA de la luz en enero",
      ("noticias_energia", "other", 0,
       "Según el BOE de hoy, el IVA de la electricidad baja al 10% del 1 de enero al 31 de marzo "
       "para consumidores con menos de 10 kW."),
      ("marga_ptv", "other", 30, "algo es algo"),
      ("costa_dave", "other", 50, "watch the standing charge go up by exactly the same amount")),
    T("forum", "en", "Vatio raising fixed prices from January",
      ("ken_from_calpe", "other", 0,
       "Got the email: the fixed price tariff goes up 6% from January. Anyone shopping "
       "around?"),
      ("sam", "other", 45, "everyone is going up, not just them. I'd stay put tbh"),
      ("norm_almeria", "other", 70, "still cheaper than what I had 2 years ago")),
    T("reddit", "en", "Joke of the day",
      ("lenny_k_", "other", 0,
       "My Vatio bill came in lower than expected. Turns out I was reading the wrong house's "
       "bill. 😂")),
    T("forum", "es", "Mi vecino ha montado 20 placas en el tejado",
      ("sam", "other", 0,
       "El vecino de enfrente ha puesto 20 placas y dice que ya no paga luz. Yo lo veo "
       "demasiado bonito para ser verdad, ¿opiniones?"),
      ("ramon_placas", "other", 60,
       "algo paga seguro, la potencia no te la quita nadie"),
      ("fermin_huesca", "other", 90, "depende de la orientación, a mi cuñado le salió rana")),
    T("reddit", "es", "Electra Norte es lo peor",
      ("tere_galicia", "other", 0,
       "Tres meses con Electra Norte y ya me han cobrado dos veces el mismo mes. Ni teléfono ni "
       "nada. ¿Vatio es mejor o todas son iguales?"),
      ("quimet_r", "other", 40, "yo llevo 2 años en vatio y sin problemas, la verdad"),
      ("aitana_s", "other", 55, "todas tienen sus cosas, pero vatio al menos contesta en reddit")),
    T("youtube", "en", "Storm hits the Costa Blanca: 40,000 homes without power",
      ("Costa News TV", "other", 0,
       "Report: flooding and power lines down after the storm; crews working through the "
       "night."),
      ("Brenda Walsh", "other", 300, "scary stuff, hope everyone is ok"),
      ("Andrew Scott", "other", 90, "we were lucky in Jávea, only flickered"),
      ("trev_on_tour", "other", 40, "my sister in Dénia lost power for a whole day, poor "
       "thing")),
    T("forum", "es", "Apagón general en el barrio esta mañana",
      ("dolors_tgn", "other", 0,
       "Hoy a las 9 se ha ido la luz en todo el barrio del Serrallo, hasta los semáforos. Ha "
       "vuelto a la hora. Dicen que fue una avería en la subestación, no sé si lo visteis."),
      ("pepe", "other", 40, "sí, en la radio lo han dicho, un transformador")),
    T("reddit", "en", "Vatio customer service appreciation post",
      ("chloe_sitges", "praise", 0,
       "Not often you see these but: called about a wrong meter reading, the guy fixed it on "
       "the phone in 5 minutes and the corrected bill came the next day. Well done Vatio.")),
    T("forum", "es", "Un año con Vatio",
      ("loli_jerez", "praise", 0,
       "Cumplo un año con Vatio y ni una queja. Facturas claras, la app va bien y cuando tuve "
       "una duda me contestaron el mismo día."),
      ("dolors_tgn", "other", 120, "me alegro, a ver si dura")),
    T("youtube", "es", "Vatio presenta su nueva tarifa verde",
      ("brand", "other", 0, "Energía 100% renovable certificada, al mismo precio que la fija."),
      ("Carmen Ruiz", "other", 500, "¿y esto qué cambia para el que ya es cliente?"),
      ("lucas_verde_7", "other", 90, "marketing verde, la luz que llega a casa es la misma"),
      ("yoli_mtz", "praise", 300, "me encanta, me cambio a esta ya 💚")),
    T("youtube", "en", "How to read your smart meter display (any supplier)",
      ("Costa Living Tips", "answer", 0,
       "Step by step: the buttons, the codes, and how to find your real consumption."),
      ("Mark O'Brien", "praise", 400, "This saved me a phone call, thank you!"),
      ("Andrew Scott", "other", 200, "mine has a different button layout but same idea")),
    T("reddit", "en", "DM sent to VatioEnergia_Ayuda about my meter",
      ("tomasz_pl_es", "other", 0,
       "DM sent to the support account with my meter number as they asked, let's see."),
      ("lenny_k_", "other", 20, "godspeed")),
    T("forum", "en", "Tip: check your contracted power",
      ("ken_from_calpe", "answer", 0,
       "If your bill's fixed part looks high, check the contracted power (kW) on page one. "
       "Most flats don't need more than 3.45 kW; lowering it saved me about €8 a month. You "
       "ask the supplier to change it."),
      ("helen_torrevieja", "praise", 50, "Great tip Ken, checking mine now"),
      ("brit_in_benidorm", "praise", 30, "cheers, mine was 5.75 for no reason")),
    T("forum", "es", "Cómo mandar la lectura desde la app",
      ("mari_bel_mz", "answer", 0,
       "Para quien no lo sepa: en la app entras en Suministro, Enviar lectura, haces foto al "
       "contador y listo. Así no os estiman."),
      ("bea_lorca", "praise", 80, "gracias maribel!! no sabía que se podía")),
    T("reddit", "es", "¿Merece la pena la tarifa por horas?",
      ("dani", "other", 0,
       "Estoy pensando en pasarme a la tarifa por horas de Vatio. ¿Alguien la tiene? Teletrabajo "
       "así que gasto mucho de día."),
      ("nachete_92", "answer", 35,
       "Yo la tengo y si gastas de día no te renta, pon lavadora y lavavajillas de noche o "
       "quédate con la fija."),
      ("dani", "praise", 20, "gracias, me quedo con la fija entonces")),
    T("forum", "en", "Anyone tried the Vatio referral thing?",
      ("dani", "other", 0,
       "Got an email about €30 off if I refer a friend. Anyone done it, does it actually show "
       "up on the bill?"),
      ("brit_in_benidorm", "other", 40, "yep showed up on my second bill")),
    T("youtube", "en", "Our first Spanish electricity bill (expat vlog)",
      ("Two Brits Abroad", "other", 0,
       "Vlog: opening our first bill in Spain, what shocked us and what didn't."),
      ("mike_in_malaga", "other", 1500, "wait till you see the August one haha"),
      ("Wendy Pryor", "other", 80, "the potencia thing confused me for months")),
]
# fmt: on
