"""More matters of the holdout world (bench/make_holdout_set.py): switching supplier, solar
compensation, power cuts and the Lumen Fibra router, in English and Spanish. Threads as in
bench/holdout_stories.py."""

from __future__ import annotations

from holdout_stories import F, M, T, U

# fmt: off
MATTERS = [
    # -- switching
    T("forum", "es", "Cambio a Lumen: 24 días y sigo con la antigua",
      ("INAKI", "complaint", 0,
       "Firmé el cambio a Lumen el 2 de noviembre. Me dijeron 'de 5 a 21 días'. Hoy es día 24 y "
       "la comercializadora antigua me ha mandado otra factura. ¿Alguien de Lumen puede mirar qué "
       "está pasando?", M("switch-es", "switching")),
      ("brand", "other", 70,
       "Hola Iñaki, el plazo lo marca la distribuidora y se alarga si el CUPS tiene algún error. "
       f"Mándanos un privado con tu CUPS y lo revisamos. Plazos: {U('switching', 'es')}"),
      ("INAKI", "other", 20, "Enviado el CUPS por privado.", F("switch-es")),
      ("INAKI", "complaint", 2800, "Tres días después del privado, ni una palabra. sigo esperando",
       F("switch-es")), key="switch-es"),
    T("youtube", "es", "Cámbiate a Lumen sin cortes ni papeleo",
      ("brand", "other", 0, "Cámbiate a Lumen sin cortes de luz ni papeleo."),
      ("INAKI", "complaint", 1000,
       "sin papeleo dice... 24 días esperando a que se haga el cambio y no me responde nadie",
       M("switch-es", "switching")), after=("switch-es", 30)),
    T("reddit", "en", "How long does switching to Lumen actually take?",
      ("bluefinch_ali", "question", 0,
       "Thinking of moving our electricity and gas to Lumen. The site says 5 to 21 days. Is there "
       "any gap without power in between, and do I have to cancel with my current supplier "
       "myself?", M("switch-en", "switching")),
      ("brand", "other", 30,
       "Hi! No gap at all: the supply never stops, only the company billing you changes, and we "
       f"cancel the old contract for you. Details: {U('switching', 'en')}"),
      ("sam", "answer", 60,
       "Switched in June, took 9 days, didn't notice a thing apart from the final bill from the "
       "old supplier."),
      ("bluefinch_ali", "praise", 15, "Cheers both", F("switch-en"))),
    T("forum", "en", "Switch rejected: 'holder does not match'",
      ("anya_in_alicante", "complaint", 0,
       "My switch to Lumen was rejected because the 'holder does not match'. The contract is in "
       "my late husband's name and I'm trying to move it to mine at the same time. Nobody told me "
       "this when I signed up and now I've lost two weeks.", M("switch-en-2", "switching")),
      ("brand", "other", 2600,
       "We're very sorry for your loss, Anya, and for the delay. A switch needs the current "
       "holder's details; please DM us and we'll do the change of holder and the switch together. "
       f"What's needed: {U('switching', 'en')}")),
    # -- solar
    T("reddit", "es", "Compensación de excedentes a 0€ en la factura",
      ("SOLAR", "complaint", 0,
       "Tengo placas desde agosto, el contador marca 400 kWh vertidos y en las facturas de Lumen "
       "la compensación sale a 0,00€. ¿Es normal? Porque parece que os estoy regalando la energía.",
       M("solar-es", "solar", key="sol1")),
      ("kwh_hunter", "answer", 45,
       "Comprueba que la distribuidora haya dado de alta el autoconsumo en el contrato de acceso. "
       "Hasta que no lo hace, la comercializadora no ve lo que viertes."),
      ("SOLAR", "praise", 30, "gracias u/kwh_hunter, voy a mirarlo", F("solar-es")),
      key="solar-es"),
    T("forum", "es", "Compensación de excedentes a 0€",
      ("SOLAR", "complaint", 0,
       "Tengo placas desde agosto, el contador marca 400 kWh vertidos y en las facturas de "
       "Lumen la "
       "compensación sale a 0,00€. ¿Es normal? Parece que os estoy regalando la energía.",
       M("solar-es", "solar", dup="sol1")),
      ("brand", "other", 200,
       "Hola Julián, hemos revisado tu contrato: la distribuidora aún no nos ha comunicado el alta "
       "del autoconsumo. La hemos reclamado y, cuando llegue, regularizamos las facturas desde "
       f"agosto. Cómo funciona: {U('solar', 'es')}"),
      ("SOLAR", "praise", 600, "Gracias, por fin una respuesta clara.", F("solar-es")),
      after=("solar-es", 26)),
    T("forum", "en", "Solar export: how does Lumen pay?",
      ("sunnyside_geoff", "question", 0,
       "We had panels fitted in Alicante last month. How does Lumen pay for what we export? Cash, "
       "a credit, monthly?", M("solar-en", "solar")),
      ("brand", "other", 55,
       "Hi Geoff, the surplus is taken off the energy part of each monthly bill at the "
       "compensation price, up to that bill's energy cost; it isn't paid in cash. Full "
       f"explanation: {U('solar', 'en')}"),
      ("sunnyside_geoff", "question", 35,
       "So if we export more than we use in summer the rest just disappears?", F("solar-en")),
      ("brand", "other", 30,
       "On the standard plan, yes; the Batería Virtual add-on keeps the extra as credit."),
      ("sunnyside_geoff", "praise", 20, "Clear answers within the hour, nice one.",
       F("solar-en"))),
    T("reddit", "es", "¿Cuánto tarda la distribuidora en dar de alta el autoconsumo?",
      ("ANTONIO", "question", 0,
       "Me instalaron las placas hace seis semanas en Sevilla y en la factura de Lumen todavía no "
       "aparece nada de compensación. ¿Cuánto suele tardar el alta? ¿Tengo que hacer algo yo?",
       M("solar-es-2", "solar")),
      ("kwh_hunter", "answer", 80,
       "Depende de la distribuidora, a mí me tardó dos meses. El instalador suele tramitarlo, "
       "pregúntale si ya lo mandó."),
      ("ANTONIO", "question", 3000, "¿Alguien de Lumen me puede decir algo?", F("solar-es-2"))),
    # -- power cuts
    T("reddit", "es", "Sin luz en todo el portal desde las 7",
      ("MARISA", "complaint", 0,
       "Sin luz en todo el portal desde las 7 de la mañana, calle Cervantes. Llamo a averías y "
       "comunica todo el rato. Tengo a mi madre con oxígeno en casa, esto no es ninguna broma.",
       M("out-es", "outage")),
      ("brand", "other", 18,
       "Hola, lo sentimos mucho. Los cortes los repara la distribuidora: llama al teléfono de "
       "averías de tu factura (no al de Lumen) y di que hay un equipo médico en casa, tiene "
       f"prioridad. Más info: {U('outage', 'es')}"),
      ("MARISA", "other", 40, "vale, llamado. dicen que es una avería del transformador",
       F("out-es")), key="out-es"),
    T("forum", "es", "Corte de luz y equipo médico en casa",
      ("MARISA", "question", 0,
       "Ayer estuvimos 9 horas sin luz (lo conté en reddit como u/vecina_del_5). ¿Cómo dejo "
       "registrado en Lumen que en casa hay un equipo médico, para que nos avisen antes de un "
       "corte programado?", M("out-es", "outage")), after=("out-es", 30)),
    T("reddit", "en", "Broadband dead after the power flickered?",
      ("costa_dev_ian", "complaint", 0,
       "power flickered at 2pm and now lumen fibra is dead too, router has no lights at all even "
       "though the power is back. working from home with a client call at 4. any ETA??",
       M("out-en", "outage")),
      ("pablo", "answer", 10,
       "Check the breaker for the router's socket, ours tripped with the flicker. Took me ages to "
       "spot it."),
      ("costa_dev_ian", "praise", 25, "it was the breaker. I feel dumb. thanks u/pablo",
       F("out-en")),
      ("brand", "other", 50,
       "Glad it's back, Ian! If it happens again, this is how to tell a tripped breaker from a "
       f"fault in your area: {U('outage', 'en')}")),
    T("forum", "en", "Planned outage with no warning",
      ("mags_pelham", "complaint", 0,
       "There was a 'planned' power cut on our road from 9 to 2 today and we weren't told. My "
       "freezer's full of fish from the market. Planned by whom, for whom? Lovely.",
       M("out-en-2", "outage")),
      ("brand", "other", 1300,
       "Hi, we're sorry. Planned cuts are announced by the distributor, but you can register for "
       "warnings in the Customer Area (Supply > Essential supply) and we'll pass them on: "
       f"{U('outage', 'en')}"),
      ("mags_pelham", "complaint", 30,
       "Registered ages ago. Got nothing. So the warning system doesn't work either.",
       F("out-en-2"))),
    # -- router
    T("forum", "en", "Lumen Fibra Wi-Fi drops every evening",
      ("GWEN", "complaint", 0,
       "Every evening around 9 the Wi-Fi on the Lumen router drops for a few minutes, then comes "
       "back. Anything on a cable is fine. Four weeks of this, reset it twice already.",
       M("fibre-en", "router")),
      ("brand", "other", 600,
       "Hi Gwen, evening drops with cable still working usually mean channel congestion from "
       f"neighbours' networks. Try fixing the 5 GHz channel to 36 or 44: {U('router', 'en')}"),
      ("GWEN", "complaint", 1500,
       "Changed the channel as suggested. Still drops at 9pm on the dot. Still not fixed.",
       F("fibre-en")), key="fibre-en"),
    T("youtube", "en", "Lumen Fibra router set-up in five minutes",
      ("brand", "other", 0, "Set up your Lumen Fibra router in five minutes."),
      ("GWEN", "complaint", 2000,
       "wifi on this router cuts out every night at 9, changed the channel like support said, no "
       "difference. anyone??", M("fibre-en", "router")),
      ("Tech With Dee", "answer", 40,
       "Sounds like a Wi-Fi schedule. Log into 192.168.1.1, look under Wi-Fi > Schedule and turn "
       "it off."),
      ("GWEN", "praise", 60, "it WAS the schedule. sorted, thank you Dee", F("fibre-en")),
      after=("fibre-en", 30)),
    T("reddit", "es", "router de lumen fibra sin internet",
      ("kikeeeee", "complaint", 0,
       "me acaban de instalar lumen fibra y el router tiene la luz PON en rojo parpadeando desde "
       "ayer. ni internet ni nada. el tecnico se fue diciendo q ya estaba 🙄",
       M("fibre-es", "router", key="kike")),
      ("cris_triana", "complaint", 20,
       "a mi me pasa igual desde el martes, luz roja y sin internet, zona Triana",
       M("fibre-es-2", "router")),
      ("brand", "other", 15,
       "Hola Kike, la luz PON roja indica que no llega señal por la fibra. Revisa que el cable "
       "verde esté bien encajado en la roseta y reinicia el router; si sigue igual, escríbenos "
       f"por privado y te mandamos un técnico. Guía: {U('router', 'es')}", {"re": "kike"}),
      ("kikeeeee", "other", 30, "te he mandado un privado", F("fibre-es")),
      ("brand", "other", 120, "Recibido, Kike. El técnico pasa mañana entre las 9 y las 13h."),
      ("kikeeeee", "praise", 1500,
       "vino el tecnico, conector mal puesto, ya va como un tiro. gracias por la rapidez",
       F("fibre-es"))),
    T("forum", "es", "Cambiar nombre y contraseña del wifi",
      ("abuela_conchi", "question", 0,
       "Buenas tardes. Mi nieto me ha puesto la fibra de Lumen y quiero cambiar la contraseña "
       "del wifi porque la sabe medio barrio. ¿Cómo se hace? No entiendo mucho de esto.",
       M("fibre-es-3", "router")),
      ("sergio_redes", "answer", 25,
       "Hola Conchi. En el navegador escribe 192.168.1.1, entras con la clave de la pegatina de "
       "debajo del router y en Wifi puedes cambiar el nombre y la contraseña."),
      ("abuela_conchi", "praise", 300, "Hecho!! Muchas gracias hijo", F("fibre-es-3"))),
    # -- reposts
    T("forum", "es", "Factura estimada de un piso vacío",
      ("estudiantes_sal", "complaint", 0,
       "180€ estimados por un piso de estudiantes que estuvo vacío todo agosto. Genial, gracias "
       "Lumen, siempre pensando en nosotros 👏", M("read-es-2", "readings", key="sal1")),
      key="sal"),
    T("forum", "es", "Factura estimada de un piso vacío (otra vez)",
      ("estudiantes_sal", "complaint", 0,
       "Lo vuelvo a poner porque nadie contesta: 180€ estimados por un piso de estudiantes vacío "
       "todo agosto. Genial, gracias Lumen, siempre pensando en nosotros 👏",
       M("read-es-2", "readings", dup="sal1")),
      ("brand", "other", 160,
       "Hola, disculpa la espera. Mándanos la lectura real desde la app (Suministro > Lectura) y "
       f"rehacemos la factura en dos días laborables: {U('readings', 'es')}"),
      after=("sal", 52)),
    T("reddit", "en", "Old supplier and Lumen both billing the same days?",
      ("ollie_vbn", "question", 0,
       "Got a final bill from my old supplier that runs to 20 November and a Lumen bill that "
       "starts on 14 November. Am I paying twice for those six days, and who do I ask for the "
       "money back?", M("switch-en-3", "switching", key="ollie")), key="ollie"),
    T("reddit", "en", "Old supplier and Lumen both billing the same days?",
      ("ollie_vbn", "question", 0,
       "(repost, nothing on the first one) Final bill from my old supplier runs to 20 November, "
       "Lumen's starts on 14 November. Am I paying twice for those six days, and who do I ask for "
       "the money back?", M("switch-en-3", "switching", dup="ollie")),
      ("brand", "other", 40,
       "Hi Ollie, only one company can bill each day: your switch date was 14 November, so ask "
       "the old supplier for a corrected final bill ending that day. How switching works: "
       f"{U('switching', 'en')}"),
      ("ollie_vbn", "praise", 25, "perfect, that was quick. thanks", F("switch-en-3")),
      after=("ollie", 30)),
]
# fmt: on
