"""The rest of the holdout world (bench/make_holdout_set.py): the three questions no help-centre
article covers (an electric-car charger, the bono social, a certificate of renewable origin), and
praise, chatter, news, vlogs and other users' guides and tips, with the identity decoys (the handles
`pablo` and `sam` used by different people on Reddit and the forum, a YouTube commenter named like
the CRM customer Antonio Vidal). Threads as in bench/holdout_stories.py."""

from __future__ import annotations

from holdout_stories import F, T


def G(gap: str, n: int, **more: object) -> dict:  # noqa: N802
    """A question about a gap: its own matter, no article."""
    return {"m": f"{gap}-{n}", "op": True, "gap": gap, **more}


# fmt: off
GAPS = [
    T("reddit", "en", "Does Lumen install home EV chargers?",
      ("leafy_lorraine", "question", 0,
       "Just picked up a second-hand Leaf. Does Lumen fit wallboxes at home, or do I have to find "
       "my own electrician for the charger?", G("ev_charger", 1)),
      ("brand", "other", 95,
       "Hi Lorraine, congrats on the car! We don't offer charger installation at the moment, "
       "sorry; a registered electrician can fit one.")),
    T("forum", "en", "Wallbox installation through Lumen?",
      ("petrolhead_no_more", "question", 0,
       "Is there a Lumen service to install an EV charging point in a private garage? Looking for "
       "someone who does the paperwork as well.", G("ev_charger", 2))),
    T("youtube", "en", "Road trip across Andalucía in an electric car",
      ("Two Wheels Four Plugs", "other", 0,
       "Vlog: 900 km in an electric car from Almería to Huelva, every charging stop and every "
       "mistake."),
      ("mateo_garage", "question", 2400,
       "does lumen do home charger installs? asking for my dad who just bought a Zoe",
       G("ev_charger", 3))),
    T("reddit", "es", "¿Lumen instala cargadores para coche eléctrico?",
      ("voltio_rojo", "question", 0,
       "Me llega el coche eléctrico en enero. ¿Lumen instala el punto de recarga en casa o tengo "
       "que buscarme yo un instalador?", G("ev_charger", 4)),
      ("chispas_bcn", "answer", 45,
       "Que yo sepa no lo hacen. Yo lo puse con un instalador autorizado y me salió por unos 900€ "
       "con la subvención.")),
    T("forum", "es", "Punto de recarga en garaje comunitario",
      ("rosalia_mt", "question", 0,
       "¿Alguien sabe si Lumen instala cargadores en plazas de garaje comunitario? La comunidad ya "
       "me ha dado permiso.", G("ev_charger", 5)),
      ("rosalia_mt", "question", 2200, "¿nadie sabe nada?", F("ev_charger-5"))),
    T("forum", "es", "¿Puedo pedir el bono social con Lumen?",
      ("jubilado_pepe", "question", 0,
       "Soy pensionista con la mínima. ¿Lumen aplica el bono social de la luz o tengo que hacer "
       "algo especial?", G("bono_social", 1))),
    T("reddit", "es", "bono social en lumen",
      ("maite_lgr", "question", 0,
       "alguien sabe si con lumen se puede tener el bono social? estoy en paro y con dos "
       "críos", G("bono_social", 2)),
      ("brand", "other", 140,
       "Hola Maite, el bono social solo lo pueden aplicar las comercializadoras de referencia y "
       "Lumen no es una de ellas, lo sentimos.")),
    T("youtube", "es", "Factura de la luz 2026: todo lo que cambia",
      ("Economía Fácil", "answer", 0,
       "Qué cambia en la factura de la luz este año: peajes, impuestos y cómo comparar tarifas."),
      ("Reme Alarcón", "question", 1900,
       "y con Lumen se puede pedir el bono social? mi madre es viuda y cobra muy poco",
       G("bono_social", 3))),
    T("reddit", "en", "Social tariff on Lumen for low income?",
      ("tight_month_tom", "question", 0,
       "Lost my job in October. Is there a social tariff or low-income discount I can get on "
       "Lumen? I've heard of the 'bono social'.", G("bono_social", 4))),
    T("forum", "en", "Large family discount (familia numerosa)?",
      ("five_kids_frank", "question", 0,
       "We have the familia numerosa card. Does Lumen give the discount that goes with it on the "
       "electricity bill?", G("bono_social", 5))),
    T("reddit", "en", "Is Lumen's electricity actually renewable?",
      ("greenish_gus", "question", 0,
       "Lumen advertises '100% green'. Can I get any certificate that the electricity I'm "
       "billed for is really from renewables?", G("green_cert", 1)),
      ("wattson_b", "answer", 70,
       "Look up the CNMC's guarantee of origin labels, every supplier gets a grade there.")),
    T("forum", "en", "Certificate of renewable origin for my business",
      ("DEREK", "question", 0,
       "I run a small hotel on a Lumen business contract and need a certificate that our "
       "electricity is renewable for an eco label. Do you issue one?", G("green_cert", 2)),
      ("brand", "other", 400,
       "Hi Derek, we can't issue individual certificates of renewable origin at the moment, "
       "sorry.")),
    T("reddit", "es", "¿Lumen da certificado de origen renovable?",
      ("ane_bilbo", "question", 0,
       "¿Lumen da algún certificado de garantía de origen de la energía? Lo necesito para la "
       "memoria de sostenibilidad de la empresa.", G("green_cert", 3))),
    T("forum", "es", "certificado de energía verde para una ayuda",
      ("panaderia_luna", "question", 0,
       "me piden un certificado de que la luz del obrador es de origen renovable para una ayuda "
       "del ayuntamiento. me lo da lumen??", G("green_cert", 4))),
    T("youtube", "es", "Energía verde: ¿es verdad lo que te venden?",
      ("Planeta Watio", "answer", 0,
       "Cómo comprobar si tu comercializadora vende de verdad energía renovable."),
      ("Gloria Benet", "question", 3000,
       "¿y la luz de Lumen es 100% renovable de verdad? ¿dan algún certificado al cliente?",
       G("green_cert", 5))),
]

CHATTER = [
    T("reddit", "en", "Lumen cutting its fixed tariff 6% from January",
      ("newsy_nacho", "other", 0,
       "Cinco Días reports Lumen Energía will cut its fixed-price tariff by 6% from January for "
       "new and existing customers. Link in the comments."),
      ("gruff_gary", "other", 30, "about time tbh"),
      ("driftwood_kay", "other", 50, "I'll believe it when my estimate goes down 6%")),
    T("forum", "es", "Lumen compra la comercializadora de Aragón",
      ("pablo", "other", 0,
       "Sale hoy en prensa que Lumen Energía ha comprado una comercializadora pequeña de Aragón "
       "con unos 40.000 clientes. Los clientes pasan a Lumen en primavera."),
      ("tio_ramon", "other", 90, "A ver si no nos suben el precio para pagarla.")),
    T("youtube", "en", "VLOG | First month at our finca: pool, power bill and chaos",
      ("Finca Life Diaries", "other", 0,
       "Our first month in the Spanish countryside: the pool pump, our first power bill and the "
       "dog vs the goats."),
      ("Antonio Vidal", "other", 400, "Qué finca más bonita, disfrutadla!"),
      ("sunny_spells88", "other", 100, "the dog stole the show 😂")),
    T("youtube", "es", "Un día conmigo como electricista 🔌 | vlog",
      ("Electro Mario", "other", 0,
       "Me acompañáis un día de trabajo: tres cuadros eléctricos, un enchufe quemado y mucho "
       "café."),
      ("lu_lupita", "other", 200, "jajaja lo del café al final"),
      ("Electro Mario", "other", 40, "@lu_lupita el café es lo más importante 😂")),
    T("youtube", "en", "How to read a Spanish electricity bill (Lumen example)",
      ("Expat Money Hub", "answer", 0,
       "Line by line through a real Lumen Energía bill: power term, energy term, meter rental and "
       "taxes, and what you can actually change."),
      ("brits_in_benidorm", "praise", 500, "This saved me an hour on the phone, cheers")),
    T("youtube", "es", "Cómo bajar la potencia contratada paso a paso",
      ("Ahorra en Casa", "answer", 0,
       "Calcula la potencia que necesitas y pide el cambio a tu comercializadora sin pagar de "
       "más."),
      ("quique_ahorra", "other", 300, "Buenísimo, me lo guardo.")),
    T("reddit", "en", "Credit where it's due",
      ("marlowe_esp", "praise", 0,
       "Our street lost power at 11pm last night, Lumen texted within ten minutes with an estimate "
       "and the lights were back before midnight. Never had that from my old supplier.")),
    T("reddit", "es", "Así sí, Lumen",
      ("carmencita_gr", "praise", 0,
       "Ayer a las 10 se me cayó la fibra, escribí a Lumen por el chat y a las 11 ya funcionaba. "
       "Así da gusto.")),
    T("forum", "es", "Dos años con Lumen",
      ("nacho_fdz", "praise", 0,
       "Llevo dos años con Lumen y ni una queja: la app va fina y las facturas cuadran con lo que "
       "gasto."),
      ("sam", "praise", 60, "Same here, zero drama in a year and a half.")),
    T("forum", "en", "Tip: hourly consumption as a spreadsheet",
      ("spreadsheet_sue", "answer", 0,
       "Handy thing I found: the Lumen app lets you download your hourly consumption as a CSV "
       "under Consumption > Export. I found our old fridge was eating a fifth of the bill."),
      ("old_salt_mick", "other", 40, "nice, had no idea that existed")),
    T("reddit", "es", "Truco para el termo",
      ("ahorrador_jrz", "answer", 0,
       "Truco: poned el termo con un enchufe programable para que solo caliente en horas valle. "
       "Con la Tres Tramos nos bajó la factura unos 15€ al mes."),
      ("pili_cordoba", "other", 45, "lo pruebo esta semana")),
    T("reddit", "es", "¿Cuánto pagasteis de luz en noviembre?",
      ("curiosa_dani", "other", 0, "Por curiosidad, ¿cuánto os ha venido la luz en noviembre?"),
      ("lechuza_fm", "other", 60, "87€, piso de 70 m2 y tres personas"),
      ("tio_gilito", "other", 30, "120 y eso que no pongo la calefacción")),
    T("forum", "en", "Anyone at the solar owners meetup in Murcia?",
      ("pablo", "other", 0,
       "Anyone from here going to the solar owners meetup in Murcia on Saturday?"),
      ("sunnyside_geoff", "other", 120, "We might pop over in the afternoon!")),
    T("youtube", "en", "Lumen Energía advert 2026",
      ("brand", "other", 0, "Light for every home. Lumen Energía."),
      ("ad_skipper", "other", 600, "the song from this advert is stuck in my head for good now"),
      ("tilly_bakes", "other", 30, "the dog in it is cute, I'll give them that")),
    T("reddit", "en", "PSA: the 'Lumen refund' SMS is a scam",
      ("careful_carl", "answer", 0,
       "Heads up: a text claiming to be from Lumen offering a refund if you 'confirm your card' is "
       "doing the rounds. Don't click it; the real app never asks for card details by SMS."),
      ("gruff_gary", "praise", 25, "got one yesterday, thanks")),
    T("forum", "es", "Consejo para quien tenga placas",
      ("placas_y_cafe", "answer", 0,
       "Un consejo para los que tengáis placas: mirad una vez al mes los kWh vertidos en el "
       "inversor y comparadlos con la factura, así veis enseguida si la compensación está bien."),
      ("SOLAR", "praise", 400, "muy útil, gracias @placas_y_cafe")),
    T("reddit", "en", "Lumen vs the big three",
      ("sam", "other", 0,
       "Did the maths on Lumen vs the big three suppliers for this winter: Lumen comes out about "
       "€8 a month cheaper for our house, mostly because of the off-peak hours."),
      ("wattson_b", "other", 90, "roughly the same for us, the app is nicer though")),
    T("youtube", "es", "Lumen responde: tu primera factura",
      ("brand", "other", 0, "Te explicamos cada línea de tu primera factura de Lumen."),
      ("Carmela Ortiz", "praise", 700, "Por fin un vídeo que lo explica claro. Bien hecho, Lumen."),
      ("Antonio Vidal", "other", 200, "yo la mía la tengo en papel y ni la miro 😅")),
    T("forum", "en", "Shout-out to the forum team",
      ("penelope_wren", "praise", 0,
       "Shout-out to equipo_lumen on here: asked about the Batería Virtual on Monday and had a "
       "clear answer in twenty minutes. Better than any phone line I've used in Spain.")),
    T("reddit", "es", "La app nueva de Lumen",
      ("rafa_mlg", "praise", 0,
       "La app nueva de Lumen está muy bien: ves el consumo por horas sin descargar nada y la "
       "factura sale el mismo día. Bien por ellos.")),
    T("youtube", "en", "Spanish smart meters: a quick guide for expats",
      ("Costa Living TV", "answer", 0,
       "What the lights on a Spanish smart meter mean and who to call when it misbehaves."),
      ("norah_kent", "praise", 900,
       "Our meter stopped reporting last week, I rang Lumen, the distributor came two days later "
       "and it's been fine since. Impressed, honestly.")),
    T("forum", "es", "Lumen abre tienda en Málaga",
      ("tio_ramon", "other", 0,
       "Por si a alguien le interesa: Lumen abre tienda física en Málaga centro el 1 de "
       "diciembre, en calle Larios."),
      ("granaina_77", "other", 50, "ojalá pongan una en Granada")),
    T("youtube", "es", "Nos mudamos: 3 días sin luz ni fibra 😅 | VLOG 12",
      ("La Casa Amarilla", "other", 0,
       "Vlog de la mudanza: cajas, la primera noche a oscuras, el técnico de Lumen Fibra y la "
       "pizza de celebración."),
      ("pcordero_art", "other", 400, "jajaja la escena de las velas 😂 qué paciencia"),
      ("La Casa Amarilla", "other", 30, "@pcordero_art paciencia infinita jajaja")),
]
# fmt: on
