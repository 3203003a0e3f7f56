"""The rest of the blind world (bench/make_blind_set.py): the three questions no help-centre
article covers (a joint account, a yearly tax statement, an account for a business or a
self-employed trade), and praise, chatter, news, vlogs and other users' guides and tips, with the
identity decoys (the handles `javi` and `kate` used by different people on Reddit and the forum, a
YouTube commenter named like the CRM customer Andrea Gómez in bench/blind_matters.py). Threads as
in bench/blind_stories.py."""

from __future__ import annotations

from blind_stories import F, T


def G(gap: str, n: int, **more: object) -> dict:  # noqa: N802
    """A question about a gap: its own matter, no article."""
    return {"m": f"{gap}-{n}", "op": True, "gap": gap, **more}


# fmt: off
GAPS = [
    T("reddit", "en", "Joint account with my partner?",
      ("mapleandmango", "question", 0,
       "My partner and I want one account for rent and bills. Can you open a joint Brisa "
       "account with two holders, or does one of us have to own it?", G("joint_account", 1)),
      ("brand", "other", 110,
       "Hi! Brisa accounts have a single holder for now, sorry. Many couples use a pot and "
       "Bizum each other their share.")),
    T("forum", "en", "Adding my wife as a second holder",
      ("PAUL", "question", 0,
       "Is there a way to add my wife as a co-holder on my Brisa account? We'd like both names "
       "on it for the mortgage application.", G("joint_account", 2))),
    T("reddit", "es", "¿Cuenta conjunta en Brisa?",
      ("lagarto_ver", "question", 0,
       "¿Se puede tener una cuenta conjunta en Brisa? Mi pareja y yo queremos una para los "
       "gastos de casa.", G("joint_account", 3)),
      ("cigarrita", "answer", 30,
       "Creo que no, nosotros usamos cada uno la suya y nos hacemos bizum.")),
    T("youtube", "es", "Finanzas en pareja: ¿cuenta común o separadas?",
      ("Dinero en Pareja", "answer", 0,
       "Cuenta común, cuentas separadas o un sistema mixto: cómo lo hacemos nosotros."),
      ("mireia_y_dani", "question", 1500,
       "y brisa deja abrir cuenta con dos titulares? no lo encuentro en la app",
       G("joint_account", 4))),
    T("forum", "es", "cotitular en la cuenta",
      ("herminia_70", "question", 0,
       "Buenas. Quiero poner a mi hijo de cotitular en mi cuenta de Brisa por si me pasa algo. "
       "¿Cómo se hace?", G("joint_account", 5))),
    T("reddit", "en", "Annual tax statement for the Spanish tax return?",
      ("ledger_lou", "question", 0,
       "My gestor wants the yearly certificate of interest and balances for the renta. Where "
       "does Brisa put that, or do I have to ask for it?", G("tax_certificate", 1))),
    T("forum", "es", "Certificado para la declaración de la renta",
      ("TXEMA", "question", 0,
       "¿Dónde descargo el certificado fiscal con los intereses de la hucha para la renta? El "
       "año pasado el banco de antes me lo mandaba por correo.", G("tax_certificate", 2)),
      ("brand", "other", 250,
       "Hola Txema, el certificado fiscal anual estará en la app en marzo; te avisaremos cuando "
       "esté disponible.")),
    T("youtube", "es", "Renta 2026: los errores más comunes",
      ("Asesoría Clara", "answer", 0,
       "Los errores que más vemos en la declaración de la renta y cómo evitarlos."),
      ("pedro_autonomo", "question", 2500,
       "alguien sabe si brisa da certificado de retenciones de la hucha? lo necesito para la "
       "renta", G("tax_certificate", 3))),
    T("reddit", "es", "Brisa y Hacienda",
      ("nieve_en_agosto", "question", 0,
       "¿Brisa informa a Hacienda de los intereses? ¿Y nos da algún documento para "
       "presentarlo?", G("tax_certificate", 4))),
    T("forum", "en", "Year-end statement for my home country taxes",
      ("ELLIE", "question", 0,
       "I need an official year-end statement from Brisa showing interest earned, for my German "
       "tax return. Is that something you issue?", G("tax_certificate", 5))),
    T("reddit", "en", "Brisa for freelancers / autónomos?",
      ("pixel_pusher_pat", "question", 0,
       "I'm a freelance designer registered as autónomo. Does Brisa have a business account, or "
       "is it fine to run my invoices through a personal one?", G("business_account", 1))),
    T("forum", "es", "Cuenta de empresa en Brisa",
      ("javi", "question", 0,
       "Tenemos una SL pequeña (dos socios). ¿Brisa tiene cuentas para empresas o solo para "
       "particulares?", G("business_account", 2)),
      ("brand", "other", 45,
       "Hola Javi, de momento solo ofrecemos cuentas para particulares, lo sentimos.")),
    T("youtube", "en", "Moving to Spain as a freelancer: banking, taxes, the lot",
      ("Nomad Notes", "answer", 0,
       "Everything I set up in my first month as a freelancer in Spain: NIE, autónomo, bank and "
       "accountant."),
      ("cork_and_fig", "question", 2000,
       "can you use brisa as a business account for autónomo income? or will the bank close it?",
       G("business_account", 3))),
    T("reddit", "es", "Autónomo y Brisa",
      ("fontanero_luis", "question", 0,
       "Soy fontanero autónomo. ¿Puedo abrir en Brisa una cuenta a nombre del negocio con TPV "
       "para cobrar con tarjeta?", G("business_account", 4))),
    T("forum", "en", "Business account?",
      ("kate", "question", 0,
       "Does Brisa do business accounts? I run a small online shop and want to keep it separate "
       "from my personal money.", G("business_account", 5)),
      ("kate", "question", 2600, "bump - anyone?", F("business_account-5"))),
]

CHATTER = [
    T("reddit", "en", "Brisa gets a full banking licence from the Bank of Spain",
      ("newsdesk_nico", "other", 0,
       "Expansión reports Brisa has been granted a full banking licence; deposits were already "
       "covered by the guarantee fund through its partner bank, now directly. Link below."),
      ("coastal_chris", "question", 40, "does this change anything for us normal users?",
       {"m": "licence-en", "op": True}),
      ("ledger_lou", "answer", 25,
       "Not day to day. Your IBAN stays the same, the guarantee just comes from Brisa itself.")),
    T("forum", "es", "Brisa llega a un millón de clientes",
      ("javi", "other", 0,
       "Sale en El Economista: Brisa supera el millón de clientes en España y abre oficina en "
       "Valencia."),
      ("abuelo_cebolleta", "other", 80, "un millón y el chat sigue tardando lo mismo jaja")),
    T("reddit", "es", "Encuesta: ¿Brisa como banco principal o secundario?",
      ("curioso_del_sur", "other", 0,
       "Por curiosidad: ¿lo usáis como banco principal con nómina o solo para viajar y pagos "
       "del día a día?"),
      ("cigarrita", "other", 30, "principal desde hace un año"),
      ("ANDREA", "other", 60, "secundario, la nómina sigue en el de siempre"),
      ("bolboreta_gal", "other", 20, "solo para viajar"),
      ("javi", "other", 15, "principal, pero la hipoteca en otro banco")),
    T("youtube", "en", "A week of spending in Madrid | what it really costs",
      ("Ana Abroad", "other", 0,
       "Every euro I spent in one week living in Madrid, from coffee to rent."),
      ("Andrea Gómez", "other", 700, "el piso es precioso!! qué suerte"),
      ("brixton_bex", "other", 100, "€4 for a coffee in Malasaña, I'm crying 😂")),
    T("youtube", "es", "Un día en mi vida trabajando en remoto desde Cádiz",
      ("Marta Remota", "other", 0,
       "Un día normal: playa a las 8, llamadas a las 10 y la lucha con el wifi del coworking."),
      ("surfera_cdz", "other", 300, "esa playa a las 8 de la mañana 😍"),
      ("Marta Remota", "other", 30, "@surfera_cdz la mejor hora sin duda")),
    T("youtube", "en", "How to set up Brisa as a new arrival in Spain (step by step)",
      ("Settled in Spain", "answer", 0,
       "Opening a Brisa account with a passport and NIE, adding Apple Pay and setting up Bizum, "
       "start to finish."),
      ("MIKE", "praise", 2500, "Wish I'd seen this before my first attempt, great video"),
      ("fresh_off_ferry", "other", 200, "saving this for when my NIE comes through")),
    T("youtube", "es", "Cómo ahorrar 1000€ al año con las huchas de Brisa",
      ("Ahorro Inteligente", "answer", 0,
       "Tres trucos con las huchas y el redondeo de Brisa para ahorrar sin darte cuenta."),
      ("ratita_viajera", "other", 400, "el del redondeo lo tengo puesto y ni lo noto"),
      ("sofi_malaga", "praise", 150, "qué bien explicado, gracias!")),
    T("reddit", "en", "Credit where it's due, Brisa",
      ("tidewater_tom", "praise", 0,
       "My card got skimmed in Porto on Saturday night, three odd payments. Froze it in the app, "
       "chat had cancelled them and ordered a new card within 20 minutes. Money back by Monday. "
       "Been with two big banks that took weeks for the same.")),
    T("reddit", "es", "Así da gusto",
      ("mari_de_huelva", "praise", 0,
       "Ayer no me llegaba un Bizum de mi hermana, escribí al chat de Brisa y en diez minutos "
       "me dijeron que el fallo era del otro banco y me lo explicaron todo. Majísimos."),
      ("curioso_del_sur", "other", 60, "a mí también me atendieron bien en el chat")),
    T("forum", "en", "Shout-out to equipo_brisa",
      ("hilltop_hana", "praise", 0,
       "Asked here on Sunday evening why my pot interest looked off and had a clear answer in "
       "half an hour. Didn't expect that from a bank on a weekend."),
      ("kate", "praise", 40, "agreed, they've been good to me too")),
    T("forum", "es", "Un año con Brisa",
      ("lola_triana", "praise", 0,
       "Un año ya con Brisa como cuenta principal y muy contenta: la app va rápida, las "
       "notificaciones llegan al momento y no pago comisiones."),
      ("abuelo_cebolleta", "other", 90, "yo sigo con mi libreta del banco de toda la vida 😄")),
    T("reddit", "en", "PSA: fake 'Brisa security' calls",
      ("careful_cara", "answer", 0,
       "Got a call from a number claiming to be Brisa security, asking me to read out the code "
       "they'd just sent to 'cancel a suspicious payment'. It's a scam. Brisa never asks for "
       "codes. Hang up."),
      ("reefknot_sam", "praise", 30, "thanks, my mum got the same call yesterday"),
      ("sunbeam_tess", "other", 50, "reported the number to the police site, for what it's worth")),
    T("forum", "es", "Truco: huchas para los gastos anuales",
      ("lola_triana", "answer", 0,
       "Truco que me funciona: una hucha para el seguro del coche, otra para el IBI y otra para "
       "regalos de Navidad. Meto un poco cada mes y en enero no hay sustos."),
      ("ROCIO", "praise", 200, "me lo apunto, gracias @lola_triana"),
      ("carmen_de_triana", "other", 40, "yo igual pero con la del verano jaja")),
    T("reddit", "en", "Tip: weekend FX",
      ("oat_milk_olly", "answer", 0,
       "If you're travelling outside the euro, exchange a bit into a pot on Friday. Card "
       "payments at the weekend get a 1% surcharge, but money you already changed doesn't."),
      ("hobnob_harry", "question", 70, "wait, you can hold other currencies in a pot?",
       {"m": "fxpot-en", "op": True}),
      ("oat_milk_olly", "answer", 15, "pounds and dollars, yeah, under Pots > Currency")),
    T("reddit", "en", "Who else has the new app icon",
      ("pixel_pusher_pat", "other", 0, "the new Brisa icon is so much better than the old blob"),
      ("brixton_bex", "other", 90, "hated it for a day, used to it now lol"),
      ("kate", "other", 20, "the old blob had charm, fight me")),
    T("youtube", "es", "Anuncio Brisa | Tu dinero, sin vueltas",
      ("brand", "other", 0, "Tu dinero, sin vueltas. Brisa."),
      ("cancion_pegadiza", "other", 800, "la canción del anuncio no se me va de la cabeza 😂"),
      ("abel_rm", "other", 60, "el perro es el verdadero protagonista")),
    T("forum", "en", "Spanish banks for expats: what do you all use?",
      ("kate", "other", 0,
       "New here. What do people use day to day: Brisa, a big bank, both? Trying to decide."),
      ("OWEN", "answer", 80,
       "Both. Brisa for everyday and travel, a traditional bank for the mortgage because they "
       "want your salary there."),
      ("hilltop_hana", "other", 30, "Brisa only, three years, no regrets")),
    T("reddit", "en", "My flatmate swears by Brisa",
      ("grey_heron_g", "other", 0,
       "My flatmate u/sunbeam_tess finally got me to switch to Brisa. Thanks to the recommendation "
       "I'm now the person who splits every bill to the cent. Send help."),
      ("sunbeam_tess", "other", 45, "you're welcome 😌")),
    T("forum", "es", "Gracias a quien explicó lo de la transferencia inmediata",
      ("fermin_gil", "other", 0,
       "Solo para decir que al final lo del piso se arregló con otro vendedor, y gracias "
       "@paco_hdez por lo de las inmediatas, tenías razón: el banco del otro no las aceptaba."),
      after=("instant-es", 40)),
    T("youtube", "en", "Brisa Plus: is it worth it after one year?",
      ("The Money Shed", "answer", 0,
       "One year of Brisa Plus: what I used, what I didn't, and the maths on whether it paid "
       "for itself."),
      ("MOTH", "other", 900, "good breakdown. the insurance alone made it worth it for us"),
      ("velvet_fern", "other", 300, "i'd pay for it just for the metal card tbh 😅")),
    T("reddit", "es", "¿Cuánto tenéis en la hucha? (sin cifras exactas)",
      ("curioso_del_sur", "other", 0,
       "Sin decir cifras, ¿para qué ahorráis en las huchas? Yo para un viaje a México."),
      ("LUCIA", "other", 40, "entrada de un piso, a paso de tortuga 🐢"),
      ("gaditano_83", "other", 25, "el fondo de emergencias, que este año ha salido caro")),
    T("youtube", "es", "Estafas bancarias por SMS: cómo reconocerlas",
      ("Ciberseguridad Fácil", "answer", 0,
       "Los SMS falsos que se hacen pasar por tu banco: cómo reconocerlos y qué hacer si picas."),
      ("herminia_70", "praise", 500, "muy útil, a mi vecina le pasó con un sms de 'Brisa'"),
      ("abel_rm", "other", 100, "compartido con mis padres")),
    T("reddit", "en", "Brisa app down?",
      ("velvet_fern", "complaint", 0,
       "Is the app down for anyone else? Spinning wheel on login for 20 minutes now.",
       {"m": "down-en", "op": True}),
      ("swift_kit", "complaint", 5, "yep same here, Madrid", {"m": "down-en-2", "op": True}),
      ("velvet_fern", "other", 40, "back up now, never mind", F("down-en"))),
    T("forum", "en", "Brisa opening an office in Valencia",
      ("javi", "other", 0,
       "For anyone in Valencia: Brisa is opening a small office on Calle Colón in January, "
       "mostly for account opening help, no cash."),
      ("PRIYA", "other", 60, "handy, my parents prefer talking to a human")),
]
# fmt: on
