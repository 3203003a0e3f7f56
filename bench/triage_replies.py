"""Replies, follow-ups, praise, third-party help and chatter of the triage scenario
(bench/make_triage_set.py). Written for listenpost; slots as in bench/triage_text.py plus
{h} a handle, {kb} an article title."""

from __future__ import annotations

BRAND_FIRST = {
    "en": [
        "Hi! Sorry about this. This article should sort it: {kb}. Tell us if it doesn't.",
        "Hello, thanks for flagging it. Could you send us a DM with your account number so "
        "we can check?",
        "Sorry for the trouble! The steps are in {kb}. We're here if you need more help.",
        "Hi there, we've checked and this is covered in {kb}. Let us know how it goes 🙂",
    ],
    "es": [
        "¡Hola! Sentimos las molestias. En este artículo lo tienes: {kb}. Si no se "
        "soluciona, dinos.",
        "Hola, gracias por avisar. ¿Nos mandas un DM con tu número de cliente para revisarlo?",
        "¡Perdona las molestias! Los pasos están en {kb}. Seguimos aquí si hace falta.",
        "Hola, lo hemos revisado y lo explicamos en {kb}. Cuéntanos qué tal 🙂",
    ],
}
BRAND_SECOND = {
    "en": [
        "Thanks for the DM, we've fixed it on our side. Can you check now?",
        "All sorted from our end, the change is applied. Thanks for your patience!",
        "We've escalated it and it's resolved now. Sorry again for the wait.",
    ],
    "es": [
        "Gracias por el DM, ya lo hemos corregido. ¿Puedes comprobarlo?",
        "Ya está solucionado por nuestra parte. ¡Gracias por la paciencia!",
        "Lo escalamos y ya está resuelto. Perdona otra vez la espera.",
    ],
}
BRAND_OUTAGE = {
    "en": [
        "We're aware of an outage in {city} and engineers are on it. Status and compensation "
        "details: {kb}.",
    ],
    "es": [
        "Tenemos una incidencia en {city} y los técnicos ya están trabajando. Estado y "
        "compensación: {kb}.",
    ],
}
BRAND_CONDUCT = {
    "en": ["We're really sorry to hear this. Please DM us so we can look into what happened."],
    "es": ["Sentimos mucho lo ocurrido. Escríbenos por DM para que lo revisemos."],
}

# A customer's later post in the same matter.
FOLLOW_WAIT = {  # still waiting: asks again (question) ...
    "en": ["any news?", "Any update on this? It's been {days} days", "hello?? still nothing",
           "Bumping this, still no reply from Orbita", "any update pls"],
    "es": ["¿alguna novedad?", "¿Hay noticias? Ya van {days} días", "hola?? nada todavía",
           "Sigo sin respuesta de Orbita", "alguna novedad porfa"],
}  # fmt: skip
FOLLOW_ANGRY = {  # ... or complains again
    "en": ["Still not fixed. This is ridiculous", "Same problem again today, nothing has "
           "changed", "Followed the article, didn't work. Still broken", "still broken 😡"],
    "es": ["sigo esperando, una vergüenza", "Sigue igual, no ha cambiado nada", "He hecho lo "
           "del artículo y nada. Sigue sin funcionar", "sigue roto 😡"],
}  # fmt: skip
FOLLOW_DM = {
    "en": ["DM sent", "Sent you a DM with the details", "dm'd you"],
    "es": ["DM enviado", "Os he mandado un DM con los datos", "mandado por privado"],
}
THANKS = {
    "en": ["That worked, thanks!", "Fixed now, thank you Orbita 🙏", "All good now, cheers",
           "Perfect, thanks for the quick help"],
    "es": ["¡Funcionó, gracias!", "Ya va bien, gracias Orbita 🙏", "Todo bien ya, gracias",
           "Perfecto, gracias por la rapidez"],
}  # fmt: skip
SAME_HERE = {
    "en": ["Same here in {city}", "same problem since yesterday", "Exactly the same for me, "
           "{n} days now", "+1, same issue"],
    "es": ["Aquí igual en {city}", "mismo problema desde ayer", "A mí me pasa lo mismo, ya "
           "van {n} días", "+1, igual"],
}  # fmt: skip

# Cross-channel posts that name the person's other account.
SELF_REF = {
    "en": [
        "I posted this on Reddit too as u/{h}, still waiting",
        "Also wrote about it in the Orbita forum as {h}. Nobody answered there either",
        "Same account on youtube, {h}, asked there as well",
        "I'm u/{h} on reddit, full story is in my post there",
    ],
    "es": [
        "Ya lo puse en Reddit como u/{h} y nada",
        "escribí en el foro como {h} y tampoco me contestan",
        "lo comenté también en YouTube como {h}, sigo esperando",
        "En Reddit soy u/{h}, ahí está todo explicado",
    ],
}
THIRD_PERSON = {
    "en": ["My brother (u/{h} on reddit) has the same problem",
           "thanks u/{h}, your tip helped", "u/{h} posted about this last week too"],
    "es": ["Mi vecina, u/{h} en reddit, tiene el mismo problema",
           "gracias u/{h}, tu truco me sirvió", "u/{h} ya lo contó la semana pasada"],
}  # fmt: skip

# Help from other users: how-tos, fixes and tips.
ANSWERS = {
    "wifi": {
        "en": [
            "Go to 192.168.1.1, wifi settings, and change the channel from auto to 1, 6 "
            "or 11. Fixed the drops on my {box}.",
            "Turn off the 'smart wifi' band steering on the {box}. Mine stopped dropping "
            "after that.",
        ],
        "es": [
            "Entra en 192.168.1.1, wifi, y cambia el canal de automático a 1, 6 u 11. A "
            "mí se me acabaron los cortes.",
            "Desactiva el 'wifi inteligente' del {box}, separa las bandas y deja de desconectarse.",
        ],
    },
    "slow": {
        "en": [
            "Test with a cable first. Wifi through two walls will never give you 600, "
            "that's physics not Orbita.",
            "Put a mesh point in the hallway, went from 40 to 300 in my bedroom.",
        ],
        "es": [
            "Mide primero por cable. Por wifi y con dos paredes no vas a ver 600 megas.",
            "Pon un punto mesh en el pasillo, pasé de 40 a 300 en el dormitorio.",
        ],
    },
    "puk": {
        "en": ["The PUK is on the plastic card the SIM came in, or in the app under SIM settings."],
        "es": [
            "El PUK viene en la tarjeta de plástico de la SIM, o en la app en ajustes de la SIM."
        ],
    },
    "tv": {
        "en": [
            "Unplug the decoder for 30 s and do a channel rescan from the menu, happened "
            "to me after the update."
        ],
        "es": [
            "Desenchufa el deco 30 segundos y haz una búsqueda de canales, me pasó tras "
            "la actualización."
        ],
    },
    "cgnat": {
        "en": [
            "Ask them for a public IP over the phone, they moved me off CGNAT in a day. "
            "Or use a tunnel like Tailscale."
        ],
        "es": [
            "Pide por teléfono una IP pública, a mí me sacaron del CGNAT en un día. O usa "
            "un túnel tipo Tailscale."
        ],
    },
    "landline": {
        "en": [
            "The phone goes into the grey TEL1 port on the back of the {box}, not the wall socket."
        ],
        "es": [
            "El teléfono va al puerto gris TEL1 de detrás del {box}, no a la roseta de la pared."
        ],
    },
    "parental": {
        "en": ["The {box} can't do it, but a free DNS filter set on each tablet works fine."],
        "es": ["El {box} no lo trae, pero un DNS con filtro configurado en cada tablet va bien."],
    },
}
HOWTO_POSTS = {  # standalone third-party help (videos, forum guides)
    "en": [
        "How to put the {box} in bridge mode (step by step) | Step 1: log in at 192.168.1.1. "
        "Step 2: Advanced > WAN > bridge. Step 3: connect your own router to LAN1.",
        "Guide: get the most out of Orbita fibre wifi | Place the router high, split 2.4 and "
        "5 GHz, pick a fixed channel, update firmware. My results inside.",
        "Tip: check your Orbita data usage per app | The app groups usage by day only; use "
        "your phone's own counter and reset it on your billing date.",
        "Orbita TV decoder: hidden service menu | Hold OK + 0 for five seconds to open the "
        "diagnostics screen, handy for signal levels.",
        "Set up a guest network on the {box} | Open 192.168.1.1 > Wi-Fi > Guest, pick a name "
        "and a password, and choose how many hours it stays on. Visitors never see your devices.",
    ],
    "es": [
        "Cómo poner el {box} en modo puente (paso a paso) | Paso 1: entra en 192.168.1.1. "
        "Paso 2: Avanzado > WAN > puente. Paso 3: conecta tu router al LAN1.",
        "Guía: mejorar el wifi de la fibra de Orbita | Router en alto, separa 2,4 y 5 GHz, "
        "canal fijo y firmware al día. Mis resultados dentro.",
        "Truco: controlar el consumo de datos de Orbita | La app solo agrupa por días; usa "
        "el contador del móvil y reinícialo el día de facturación.",
        "Deco de Orbita TV: menú oculto | Mantén OK + 0 cinco segundos y sale la pantalla "
        "de diagnóstico, útil para ver la señal.",
        "Red de invitados en el {box} | Entra en 192.168.1.1 > Wi-Fi > Invitados, pon nombre y "
        "contraseña y elige cuántas horas dura. Las visitas no ven tus dispositivos.",
    ],
}
PRAISE = {
    "en": [
        "Orbita fibre has been rock solid for two years now, zero complaints",
        "Shout out to the Orbita tech who came today, super friendly and fixed it in 10 min",
        "Switched to Orbita last month and honestly the speed is great 👍",
        "the new Orbita app update is actually really nice",
        "Had a billing issue and Orbita refunded it within a day. Impressed",
        "good job orbita, roaming worked perfectly in {city}",
    ],
    "es": [
        "La fibra de Orbita lleva dos años sin fallar, cero quejas",
        "Un diez para el técnico de Orbita que vino hoy, majísimo y lo arregló en 10 min",
        "Me pasé a Orbita el mes pasado y la verdad la velocidad es genial 👍",
        "la nueva versión de la app de Orbita está muy bien",
        "Tuve un problema con la factura y Orbita me lo devolvió en un día. Sorprendido",
        "bien por orbita, el roaming fue perfecto en {city}",
    ],
}
OTHER = {
    "en": [
        "Orbita is sponsoring the {city} marathon this year apparently",
        "Does anyone know if the Orbita shop in {city} is open on Sundays",
        "lol the new Orbita ad with the dog",
        "Orbita vs the others, which one do you use and why? Just curious",
        "Saw Orbita's CEO on the news talking about 5G",
        "Orbita price increase announced for January, here's the press release",
    ],
    "es": [
        "Orbita patrocina el maratón de {city} este año por lo visto",
        "¿Alguien sabe si la tienda de Orbita de {city} abre los domingos?",
        "jaja el anuncio nuevo de Orbita con el perro",
        "Orbita o las demás, ¿cuál usáis y por qué? Por curiosidad",
        "Salió el director de Orbita en las noticias hablando del 5G",
        "Orbita anuncia subida de precios en enero, aquí el comunicado",
    ],
}
CITIES = {
    "en": ["Manchester", "Leeds", "Bristol", "Dublin", "Glasgow", "Cardiff", "Lisbon"],
    "es": ["Madrid", "Sevilla", "Valencia", "Bilbao", "Zaragoza", "Málaga", "Murcia"],
}
MODELS = ["iPhone 15", "Pixel 8", "Galaxy S23", "iPhone 13", "Xiaomi 13"]
FIRST = {
    "en": "james emma oliver chloe harry amelia jack sophie liam grace noah ella ryan megan "
    "tom holly sam lucy ben katie".split(),
    "es": "lucia pablo carmen javier marta diego elena sergio laura alvaro irene raul nerea "
    "ivan alba hugo noelia adrian rocio mario".split(),
}
LAST = {
    "en": "walsh turner hughes fletcher barker doyle kendrick marsh lowry pembroke ashworth "
    "quigley harrison bellamy thornton gallagher whitaker sutton caldwell ainsworth".split(),
    "es": "fernandez navarro iglesias sanz ortega delgado castillo prieto vidal ibarra "
    "montero quesada rubio lozano carrasco herrero pastor soler arroyo benitez".split(),
}
HANDLE_WORDS = ("fibra pixel nomad kettle ember router comet walrus lantern maple cobalt "
                "biscuit pepper tundra quartz saffron").split()  # fmt: skip
