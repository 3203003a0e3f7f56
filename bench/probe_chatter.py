"""The rest of the probe world (bench/make_probe_set.py): the three questions no help-centre article
covers, complaints about staff, praise, chatter, news and other users' how-tos, including the
decoys for identity (the handles `lucia` and `mike` used by different people on Reddit and the
forum, and a YouTube commenter named like a CRM customer). Threads as in bench/probe_stories.py.
"""

from __future__ import annotations

from probe_stories import F, M, T


def G(gap: str, n: int, **more: object) -> dict:  # noqa: N802
    """A question about a gap: its own matter, no article."""
    return {"m": f"{gap}-{n}", "op": True, "gap": gap, **more}


# fmt: off
GAPS = [
    T("reddit", "en", "Static IP on a home plan?",
      ("portside_al", "question", 0,
       "Does Vela do static IPs on home fibre? I want to host a small game server for friends "
       "and the address changes every few days.", G("static_ip", 1)),
      ("netgoblin", "answer", 90,
       "Not that I know of. A dynamic DNS service works fine for a game server though, free ones "
       "exist.")),
    T("forum", "en", "Fixed public IP as an add-on",
      ("h.whitcombe", "question", 0,
       "Is a fixed public IP address available as an add-on? I need it for remote access to the "
       "NAS in my home office.", G("static_ip", 2))),
    T("youtube", "en", "Self-hosting on a home connection",
      ("HomeLab Harry", "answer", 0,
       "Port forwarding, dynamic DNS and a Raspberry Pi: self-hosting on a normal home line."),
      ("Rita Osei", "question", 3100,
       "anyone know if Vela will give you a static ip if you ask? mine keeps changing and breaks "
       "my port forwarding", G("static_ip", 3)),
      ("brand", "other", 240,
       "Hi Rita, a fixed IP isn't something we offer on home plans at the moment, sorry.")),
    T("reddit", "es", "¿Vela da IP fija?",
      ("dani_selfhost", "question", 0,
       "¿Vela da IP fija? Tengo un servidor en casa y cada vez que se reinicia el router cambia "
       "la IP y me toca tocar la configuración", G("static_ip", 4, key="ip4")), key="ip4"),
    T("reddit", "es", "¿Vela da IP fija?",
      ("dani_selfhost", "question", 0,
       "(repost) ¿Vela da IP fija? Tengo un servidor en casa y cada vez que se reinicia el router "
       "cambia la IP y me toca tocar la configuración", G("static_ip", 4, dup="ip4")),
      after=("ip4", 30)),
    T("forum", "es", "IP estática con la fibra",
      ("txema.olano", "question", 0,
       "Buenas, ¿se puede contratar una IP estática con la fibra de Vela? Es para las cámaras "
       "del negocio", G("static_ip", 5)),
      ("txema.olano", "question", 2000, "¿Alguien sabe algo?", F("static_ip-5"))),
    T("forum", "en", "Discount for pensioners?",
      ("margaret_h", "question", 0,
       "Do you have any discount for pensioners? My mum is 78 and only uses the landline and a "
       "bit of internet for video calls.", G("senior", 1))),
    T("reddit", "en", "Senior discount?",
      ("bill_grey70", "question", 0,
       "Is there a senior discount at Vela? I'm 71 and on a fixed pension, the April price rise "
       "hurts.", G("senior", 2)),
      ("brand", "other", 380,
       "Hi Bill, we don't have an age-based tariff at the moment. Vela Basic is our lowest "
       "price plan if you'd like to compare.")),
    T("youtube", "es", "Nuevas tarifas de Vela",
      ("brand", "other", 0, "Así quedan las tarifas de fibra y móvil de Vela."),
      ("Antonio Piqueras", "question", 2600,
       "¿Tenéis algún descuento para jubilados? Mi padre tiene 80 años y paga lo mismo que yo",
       G("senior", 3))),
    T("reddit", "es", "¿Tarifa para mayores?",
      ("luisa_mh", "question", 0,
       "¿Vela tiene tarifa para mayores de 65? En Movinet mi abuela tenía descuento y aquí no veo "
       "nada", G("senior", 4))),
    T("forum", "es", "Descuento pensionistas",
      ("pilar.sanz", "question", 0,
       "Pregunta: ¿hay descuento para personas mayores o pensionistas? No lo encuentro en la web",
       G("senior", 5))),
    T("reddit", "en", "Pause my line for 4 months?",
      ("wanderlust_kit", "question", 0,
       "Going to Australia for 4 months. Can I pause or suspend my Vela mobile line while I'm "
       "away instead of paying for it?", G("pause_line", 1))),
    T("forum", "en", "Freezing a contract while working abroad",
      ("g.ashworth", "question", 0,
       "Is it possible to freeze my contract for a few months? Working abroad January to May, "
       "don't want to lose the number but won't use it.", G("pause_line", 2))),
    T("youtube", "en", "Travelling for a year on a budget",
      ("Backpack Budget", "other", 0, "Everything we spent in twelve months on the road."),
      ("Leah Turnbull", "question", 4000,
       "does anyone know if vela lets you put ur line on hold while u travel? i'd keep the "
       "number but not pay the full price", G("pause_line", 3))),
    T("reddit", "es", "Suspender la línea durante el Erasmus",
      ("erasmus_ines", "question", 0,
       "Me voy de Erasmus a Noruega 6 meses. ¿Puedo suspender temporalmente la línea de Vela y "
       "no pagar mientras estoy fuera?", G("pause_line", 4)),
      ("alba_ferrer", "answer", 300,
       "Yo pregunté lo mismo por teléfono y me dijeron que no, que o te das de baja o bajas de "
       "tarifa. Una pena")),
    T("forum", "es", "Congelar la línea unos meses",
      ("fran.iturbe", "question", 0,
       "¿Hay forma de congelar la línea unos meses? Me voy a trabajar fuera y quiero mantener el "
       "número", G("pause_line", 5)),
      ("brand", "other", 50,
       "Hola Fran, ahora mismo no es posible pausar una línea, pero podemos pasarte a la tarifa "
       "mínima mientras estés fuera. Escríbenos por privado si te interesa.")),
]

CHATTER = GAPS + [
    T("reddit", "es", "¿Merece la pena el Vela Mesh?",
      ("hugo_ferrol", "question", 0,
       "Piso largo de 110 metros, el router en la entrada y en el dormitorio del fondo el wifi "
       "apenas llega. ¿El Vela Mesh lo arregla o es tirar el dinero? ¿Alguien lo tiene?",
       M("mesh-es", "wifi")),
      ("bego_sm", "answer", 75,
       "Yo lo tengo en un piso parecido y pasé de 20 a 300 megas en la habitación. Ponlo a mitad "
       "de pasillo, no en la habitación que quieres cubrir."),
      ("brand", "other", 400,
       "¡Hola Hugo! Si por cable te llega bien la velocidad, un punto Vela Mesh suele cubrir esas "
       "zonas. Antes prueba a subir el router y conectar lo cercano a la banda de 5 GHz: "
       "https://help.vela.example/es/wifi")),
    T("forum", "es", "38€ por usar datos en un crucero",
      ("maite.crucero", "complaint", 0,
       "Me han cobrado 38€ por usar datos en un crucero por el Mediterráneo. Nadie me avisó de que "
       "en el barco no vale la tarifa europea. Quiero que me lo devuelvan", M("cruise-es",
                                                                                 "roaming")),
      ("maite.crucero", "question", 2600, "sigo esperando respuesta", F("cruise-es"))),
    T("youtube", "es", "Resumen de la jornada",
      ("Fútbol Total", "other", 0, "Los goles y lo mejor de la jornada."),
      ("Mario Gil", "complaint", 900,
       "Genial Vela, tercera vez este mes que me quedo sin internet en pleno partido. Gracias por "
       "tanto 🙃", M("status-es3", "status")),
      ("brand", "other", 35,
       "Hola Mario, lo sentimos. ¿Nos dices tu código postal por privado? Así miramos si hay una "
       "incidencia en tu zona.")),
    T("reddit", "es", "Un mes con Vela",
      ("adri_mobile", "praise", 0,
       "Me cambié de Movinet a Vela hace un mes y de momento cero problemas, la portabilidad se "
       "hizo en un día y la cobertura en el pueblo es mejor.")),
    T("forum", "en", "Call ended on me by your agent",
      ("bexley_r", "complaint", 0,
       "Fifty minutes waiting on the phone line, and when I finally asked to speak to a manager "
       "the guy just ended the call. Is that how you treat customers?", M("conduct-en")),
      ("brand", "other", 300,
       "Hi, that's not the service we want to give. Please DM us the date and time of the call "
       "so we can check what happened.")),
    T("reddit", "es", "Comerciales de Vela, qué pesadez",
      ("sergio_vlc", "complaint", 0,
       "Me llamaron tres veces en un día para venderme la tele, les dije que no y la comercial me "
       "soltó que 'ya me arrepentiré'. Muy profesional todo", M("conduct-es"))),
    T("reddit", "en", "Credit where it's due",
      ("tidewell", "praise", 0,
       "Shoutout to Vela support: router died on Friday night, new VelaHub arrived Saturday "
       "morning. Had a problem, fixed in a day, genuinely impressed.")),
    T("youtube", "en", "How to run a proper speed test on Vela fibre",
      ("Byte Sized", "answer", 0,
       "Cable vs wifi, which server to pick and why your phone's result means little."),
      ("Hannah Mercer", "praise", 3000,
       "Been with Vela 2 years and honestly the connection hasn't dropped once. Boring in the "
       "best way 😊"),
      ("Callum R", "other", 900, "lol the dog in the new Vela advert is the real star")),
    T("forum", "en", "Thanks to today's engineer",
      ("ollie_t", "praise", 0,
       "Quick thanks to the engineer who came out today, sorted a dodgy socket in 10 minutes and "
       "explained everything. Full speed now.")),
    T("reddit", "es", "Contenta con Vela",
      ("lucia", "praise", 0,
       "Pues yo con Vela encantada, la fibra va como un tiro y cuando tuve un lío con la factura "
       "me lo arreglaron al día siguiente 👏")),
    T("youtube", "es", "Así instalamos la fibra de Vela",
      ("brand", "other", 0, "Un día con nuestros técnicos de instalación."),
      ("Carmen Ruiz", "praise", 1500,
       "El técnico vino puntual, súper amable y en media hora tenía la fibra funcionando. Así da "
       "gusto")),
    T("forum", "es", "Gracias al equipo del foro",
      ("nuria.b", "praise", 0,
       "Quería dar las gracias al equipo del foro, me resolvieron lo de la portabilidad en una "
       "tarde ❤️")),
    T("reddit", "en", "Vela to roll out 2Gb fibre in January",
      ("techwire_news", "other", 0,
       "Vela says existing customers in Manchester and Leeds can move to a 2Gb plan from January, "
       "at the same price as the current top tier.")),
    T("forum", "en", "Arndale shop on Sundays?",
      ("mike", "other", 0,
       "Anyone know if the Vela shop in the Arndale opens on Sunday? Need to swap a SIM.")),
    T("reddit", "en", "New app icon?",
      ("pixelpaddy", "other", 0, "is it just me or did the vela app get a new icon overnight")),
    T("reddit", "es", "Vela patrocina al Valencia Basket",
      ("CARMEN", "other", 0,
       "¿Habéis visto que Vela patrocina ahora al Valencia Basket? Han puesto su logo en la "
       "camiseta")),
    T("forum", "es", "Tienda de la calle Colón",
      ("lucia", "other", 0,
       "¿La tienda de Vela de la calle Colón abre los sábados por la tarde? Por si alguien lo "
       "sabe")),
    T("youtube", "es", "El anuncio de Vela con el perro",
      ("brand", "other", 0, "Nuestro nuevo anuncio: Vela, siempre contigo."),
      ("Quique Marín", "other", 700, "jajaja el perro me mata 😂")),
    T("reddit", "es", "Vela subirá las tarifas en marzo",
      ("noticias_tel", "other", 0,
       "Vela sube 2€ las tarifas de fibra a partir de marzo, según ha comunicado por correo a "
       "sus clientes.")),
    T("forum", "en", "VelaHub red light = check the cable first",
      ("oldmodem", "answer", 0,
       "PSA for anyone with a VelaHub blinking red: it has lost sync with the line, not the "
       "wifi. Check the grey cable to the wall socket before you ring them, mine had been knocked "
       "loose by the hoover.")),
    T("youtube", "es", "Cambiar la clave del wifi del VelaHub",
      ("Tecno Fácil", "answer", 0,
       "Tutorial: cómo cambiar el nombre y la contraseña del wifi del VelaHub desde el móvil."),
      ("Rosa Benítez", "praise", 2000,
       "Muy claro, gracias! Por fin he cambiado la contraseña de la pegatina")),
    T("forum", "es", "Truco: consumo que no se actualiza",
      ("pepe_ribera", "answer", 0,
       "Truco: si Mi Vela os dice que no tenéis datos pero habéis comprado un bono, cerrad sesión "
       "y volved a entrar, así se refresca el consumo.")),
]
# fmt: on
