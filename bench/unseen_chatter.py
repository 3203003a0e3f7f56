"""The rest of the unseen world (bench/make_unseen_set.py): the three questions no help-centre
article covers (weekend delivery, sending lithium batteries, a business account for a small online
shop), and praise, chatter, polls, news, vlogs and other users' guides and tips, with the identity
decoys (the handles `dani` and `alex` used by different people on Reddit and the forum, a YouTube
commenter named like the CRM customer Lucía Ferrer). Threads as in bench/unseen_stories.py."""

from __future__ import annotations

from unseen_stories import F, T


def G(gap: str, n: int, **more: object) -> dict:  # noqa: N802
    """A question about a gap: its own matter, no article."""
    return {"m": f"{gap}-{n}", "op": True, "gap": gap, **more}


# fmt: off
GAPS = [
    T("reddit", "en", "Does Rayo deliver on Saturdays?",
      ("weekend_warrior_k", "question", 0,
       "Work Monday to Friday 8 to 6, never home. Is there any way to get a Rayo delivery on a "
       "Saturday or Sunday?", G("weekend", 1)),
      ("brand", "other", 80,
       "Hi, sorry, we don't deliver at weekends at the moment. A RayoBox locker or a Rayo point "
       "lets you collect whenever suits you.")),
    T("forum", "en", "Weekend delivery option?",
      ("alan_in_altea", "question", 0,
       "Is there a paid option for Saturday delivery with Rayo? Happy to pay extra, I just can't "
       "be at home on weekdays.", G("weekend", 2))),
    T("youtube", "en", "Moving to Spain: the admin nobody tells you about",
      ("Sunny Side Expats", "other", 0,
       "Vlog: NIE, padrón, bank, internet and why we get every parcel sent to a locker."),
      ("kirsty_m", "question", 1500,
       "does Rayo do Saturday deliveries? asking because same problem, we both work",
       G("weekend", 3))),
    T("reddit", "es", "¿Rayo reparte en fin de semana?",
      ("curro_hdez", "question", 0,
       "¿Alguien sabe si Rayo entrega los sábados? Entre semana trabajo fuera y no hay nadie.",
       G("weekend", 4)),
      ("ana_bcn88", "answer", 35,
       "Que yo sepa no. Yo lo mando a una taquilla y lo recojo el sábado.")),
    T("forum", "es", "Entrega en sábado pagando",
      ("maribel_zaragoza", "question", 0,
       "¿Existe la opción de entrega en sábado aunque sea pagando un suplemento? Es para un "
       "regalo de cumpleaños.", G("weekend", 5)),
      ("maribel_zaragoza", "question", 2400, "¿nadie sabe?", F("weekend-5"))),
    T("reddit", "en", "Can I send a laptop battery with Rayo?",
      ("techie_tomas", "question", 0,
       "Selling a spare laptop battery to someone in Seville. Does Rayo accept lithium batteries "
       "or is that banned?", G("lithium", 1))),
    T("forum", "en", "Shipping an e-bike battery",
      ("STEVE", "question", 0,
       "I need to send an e-bike battery back to the seller for warranty. Will Rayo take it, and "
       "does it need special packaging?", G("lithium", 2)),
      ("brand", "other", 500,
       "Hi Steve, we can't carry loose lithium batteries at the moment, sorry; the seller may be "
       "able to arrange a specialist carrier.")),
    T("reddit", "es", "¿Se pueden enviar vapers con Rayo?",
      ("nube_de_vapor", "question", 0,
       "Quiero mandarle un vaper a mi hermano a Murcia. ¿Rayo acepta envíos con baterías de "
       "litio dentro?", G("lithium", 3))),
    T("forum", "es", "enviar un movil viejo con bateria",
      ("pepe_jubilado", "question", 0,
       "quiero mandar mi movil viejo a mi nieta con su bateria. se puede por rayo o lo paran??",
       G("lithium", 4))),
    T("youtube", "es", "Cómo embalar un portátil para enviarlo",
      ("Embala Bien", "answer", 0,
       "Paso a paso para embalar un portátil: caja, relleno y qué hacer con el cargador."),
      ("Nacho Ribas", "question", 1800,
       "y con Rayo se puede mandar si lleva la batería puesta? no encuentro nada en su web",
       G("lithium", 5))),
    T("forum", "en", "Business account for a small online shop?",
      ("candle_lady_ali", "question", 0,
       "I run a tiny candle shop on Etsy, about 40 parcels a month. Does Rayo have business "
       "accounts with lower prices or collections from home?", G("business", 1))),
    T("reddit", "en", "Rayo rates for small sellers",
      ("vinyl_vince", "question", 0,
       "Anyone know if Rayo does volume discounts for small sellers? I post records out most "
       "days.", G("business", 2)),
      ("dani", "other", 50, "following, same question for my Wallapop flips")),
    T("reddit", "es", "Cuenta de empresa en Rayo",
      ("LUCIA", "question", 0,
       "Tengo una tienda online de cerámica y envío unos 60 paquetes al mes. ¿Rayo tiene tarifas "
       "para empresas o recogida en el taller?", G("business", 3)),
      ("brand", "other", 200,
       "Hola Lucía, por ahora no tenemos cuentas de empresa ni tarifas por volumen, lo sentimos.")),
    T("forum", "es", "Descuento por volumen para autónomos",
      ("alex", "question", 0,
       "Soy autónomo y vendo repuestos de bici. ¿Rayo hace descuento si mandas muchos paquetes "
       "al mes?", G("business", 4))),
    T("youtube", "es", "Vender en Wallapop: envíos sin dolor de cabeza",
      ("Segunda Mano Pro", "answer", 0,
       "Cómo preparar los envíos de Wallapop, qué transportista elegir y cómo no perder dinero."),
      ("Begoña Saez", "question", 2000,
       "¿Rayo tiene algo para vendedores que envían mucho? yo mando 20 a la semana",
       G("business", 5))),
]

CHATTER = [
    T("reddit", "en", "Rayo drivers in Madrid call a strike for December",
      ("newshound_ned", "other", 0,
       "El País reports that Rayo's subcontracted drivers in Madrid have called two strike days "
       "for mid-December over pay per parcel. Link in comments."),
      ("gareth_pompey", "other", 40, "can't blame them honestly"),
      ("cass_rdz", "other", 60, "great, christmas presents are going to be fun this year")),
    T("forum", "es", "Rayo abrirá 2.000 taquillas nuevas",
      ("dani", "other", 0,
       "Sale hoy en Expansión que Rayo Envíos quiere instalar 2.000 taquillas RayoBox más en "
       "2027, sobre todo en supermercados."),
      ("tio_anselmo", "other", 80, "A ver si ponen una en mi pueblo, que no hay ni estanco.")),
    T("youtube", "en", "A day as a delivery driver in Spain (170 parcels)",
      ("Van Life Dan", "other", 0,
       "Vlog: I spent a day riding along with a courier in Alicante. 170 parcels, 11 hours, one "
       "very angry dog."),
      ("Lucía Ferrer", "other", 600, "respeto total a los repartidores, qué paliza"),
      ("holly_h", "other", 100, "the dog bit had me crying 😂")),
    T("youtube", "es", "Unboxing de mis compras de Black Friday 📦 | vlog",
      ("Vero Unboxing", "other", 0,
       "Abrimos todo lo que pedí en Black Friday: ropa, una freidora de aire y alguna sorpresa."),
      ("lu_lu_22", "other", 300, "la freidora 😍 cual es?"),
      ("Vero Unboxing", "other", 40, "@lu_lu_22 la pongo en la descripción!")),
    T("youtube", "en", "How to avoid surprise customs fees when buying from the UK",
      ("Expat Money Hub", "answer", 0,
       "Gifts, VAT, the €150 limit and what the courier's clearance fee actually is, with Rayo "
       "and two other couriers as examples."),
      ("brits_abroad_bev", "praise", 500,
       "Wish I'd seen this before my mum sent the advent calendar")),
    T("youtube", "es", "Cómo reclamar un paquete perdido a cualquier transportista",
      ("Consumidor Listo", "answer", 0,
       "Plazos, pruebas y dónde reclamar si una empresa de paquetería pierde tu envío."),
      ("quique_ahorra", "other", 300, "Me lo guardo por si acaso.")),
    T("reddit", "en", "Credit where it's due",
      ("marlowe_esp", "praise", 0,
       "Parcel showed 'delivered' yesterday and wasn't here. Used the Rayo chat at 9pm, a new "
       "one was out for delivery by 10 the next morning. Didn't expect that.")),
    T("reddit", "es", "Así sí, Rayo",
      ("carmencita_gr", "praise", 0,
       "Se me rompió el paquete de camino, lo reclamé por la app con dos fotos y en tres días "
       "tenía el dinero. Así da gusto.")),
    T("forum", "es", "Un año usando taquillas",
      ("alex", "praise", 0,
       "Llevo un año recibiendo todo en la taquilla del Mercadona y ni un problema. Para los que "
       "trabajamos fuera es lo mejor."),
      ("taquillero_mad", "praise", 60, "Totalmente, yo igual.")),
    T("reddit", "en", "Which courier has been worst for you this month? (poll)",
      ("alex", "other", 0,
       "Poll time. Black Friday survival edition: which courier lost/delayed the most of your "
       "stuff this month? Rayo, the yellow one, or the brown one?"),
      ("quayside_jo", "other", 30, "Rayo for delays, the yellow one for outright losing things"),
      ("holly_h", "other", 45, "the brown one, three 'attempted deliveries' while I was in")),
    T("reddit", "es", "¿Qué transportista preferís para Wallapop?",
      ("curiosa_dani", "other", 0, "Por curiosidad, ¿con cuál enviáis lo de Wallapop y por qué?"),
      ("gallego_en_mad", "other", 40, "Rayo por las taquillas, aunque a veces tarda"),
      ("sargantana_bcn", "other", 25, "yo lo que sea más barato ese día jaja")),
    T("forum", "en", "Tip: take a photo of the label before handing it in",
      ("pensioner_pete", "answer", 0,
       "Little tip for returns: take a photo of the parcel with the label visible and ask the "
       "Rayo point for the drop-off receipt. Saved me when a return went missing."),
      ("june_in_javea", "other", 50, "good shout, wish I had done that")),
    T("reddit", "es", "Truco: instrucciones de entrega en la app",
      ("nandoo", "answer", 0,
       "Truco: en la app de Rayo podéis dejar instrucciones fijas para el repartidor (portero, "
       "código del portal, 'dejar en la tienda de abajo'). Desde que lo puse no he vuelto a "
       "tener un 'ausente'."),
      ("txus_getxo", "other", 50, "lo pruebo, a ver si así llama al timbre")),
    T("youtube", "en", "Rayo Envíos advert 2026",
      ("brand", "other", 0, "Fast as lightning. Rayo Envíos."),
      ("ad_skipper", "other", 700, "'fast as lightning' is a bold claim lads"),
      ("tilly_bakes", "other", 40, "the little lightning van is cute though")),
    T("reddit", "en", "PSA: 'Rayo customs payment' SMS scam",
      ("careful_carl", "answer", 0,
       "Heads up: there's a text going round saying a Rayo parcel is held until you pay €1.99 "
       "customs. It's a scam, the link isn't rayoenvios. Real customs texts give the tracking "
       "number and the exact amount."),
      ("helen_moraira", "praise", 25, "got one this morning, thanks for the warning")),
    T("youtube", "es", "Rayo responde: tus preguntas sobre envíos",
      ("brand", "other", 0, "Respondemos a las dudas que más nos llegan sobre envíos."),
      ("Carmela Ortiz", "praise", 700, "Muy claro todo, así da gusto."),
      ("chema_rz", "other", 200, "a ver si hacéis uno de las taquillas que fallan jaja")),
    T("forum", "en", "Shout-out to the forum team",
      ("penelope_wren", "praise", 0,
       "Shout-out to equipo_rayo on here: asked about redirecting a parcel on Monday morning and "
       "had an answer in fifteen minutes.")),
    T("reddit", "es", "La app nueva de Rayo",
      ("rafa_mlg", "praise", 0,
       "La nueva app de Rayo está muy bien: ves el mapa con la furgoneta en directo y te avisa "
       "diez minutos antes. Bien por ellos.")),
    T("forum", "es", "Rayo abre centro de reparto en Valencia",
      ("tio_anselmo", "other", 0,
       "Por si a alguien le interesa: Rayo inaugura una nave nueva en Riba-roja para todo el "
       "Levante, dicen que con eso se acaban los retrasos de Valencia."),
      ("valenciana_77", "other", 50, "ojalá, porque lo de este mes ha sido de traca")),
    T("youtube", "es", "Mi primera semana como repartidor 🚐 | VLOG",
      ("Ruta Con Rubén", "other", 0,
       "Os cuento mi primera semana repartiendo paquetes: rutas, perros, portales sin número y "
       "mucho café."),
      ("pcordero_art", "other", 400, "lo de los portales sin número es real jajaja"),
      ("Ruta Con Rubén", "other", 30, "@pcordero_art es la pesadilla del repartidor 😂")),
    T("reddit", "en", "Is it normal to tip the delivery driver in Spain?",
      ("new_in_malaga", "other", 0,
       "Genuine culture question, not a complaint: do people tip couriers here at Christmas? "
       "Our Rayo guy has been brilliant all year."),
      ("dutch_in_denia", "other", 40, "not really expected, but a box of turrón goes down well")),
]
# fmt: on
