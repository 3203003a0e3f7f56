"""Texts of the triage scenario (bench/make_triage_set.py): Orbita, an invented telco and ISP.

Written for listenpost. Openers are "title | body"; slots: {box} the router, {app} the app,
{city}, {n} a small number, {amount} a price, {days} a count of days, {model} a phone.
"""

from __future__ import annotations

BRAND = "Orbita"

# Knowledge topics: the own KB answers these (two articles each, English and Spanish).
TOPICS: dict[str, dict[str, list[str]]] = {
    "bill": {
        "en": [
            "Why is my Orbita bill so high this month? | My bill went from {amount} to almost "
            "double and I did not change anything. What are all these lines??",
            "Can someone explain the Orbita invoice | first bill with Orbita and I honestly "
            "can't tell what I'm paying for, there's a partial month thing and an instalment",
            "bill makes no sense | orbita charged me {amount} more than my plan price, is this "
            "the prorated first month or are they just making numbers up",
            "Orbita invoice higher than the plan I signed | signed for 30/month and the invoice "
            "says more. Where do I see the breakdown?",
        ],
        "es": [
            "¿Por qué mi factura de Orbita es tan alta? | Este mes me han cobrado {amount} y "
            "mi tarifa es mucho menos. No entiendo nada de las líneas de la factura",
            "Factura de Orbita incomprensible | primera factura y viene con un cargo de "
            "medio mes y no sé qué más. Alguien sabe leer esto?",
            "me suben la factura sin avisar | Orbita me ha cobrado {amount} este mes, donde "
            "puedo ver el detalle de cada cargo??",
            "Duda con la factura | Hola, en la factura aparece una cuota de terminal que no "
            "sé de dónde sale, cómo veo el desglose?",
        ],
    },
    "double": {
        "en": [
            "Orbita charged me twice | {amount} taken twice from my account on the same day. "
            "Rent is due this week, I need that money back",
            "Double charge, nobody answers | Orbita billed me two times for November. Been on "
            "hold for 40 minutes. How do I get a refund?",
            "charged TWICE | @Orbita you took the monthly payment twice, how long does a "
            "refund take?",
            "Duplicate payment this month | Bank shows two identical Orbita debits of "
            "{amount}. Is there a form to claim the duplicate back?",
        ],
        "es": [
            "Orbita me ha cobrado dos veces | Dos cargos de {amount} el mismo día. Necesito "
            "que me devolváis uno YA",
            "Cobro duplicado | Me han pasado el recibo de Orbita por duplicado este mes, cómo "
            "pido la devolución?",
            "me cobraron doble | en el banco salen dos recibos iguales de orbita, alguien "
            "sabe cuánto tardan en devolverlo",
            "Recibo duplicado de Orbita | Me cargaron la cuota dos veces y en la tienda me "
            "dicen que llame. ¿Cómo se reclama?",
        ],
    },
    "wifi": {
        "en": [
            "{box} keeps dropping wifi | Every hour or so the wifi just disappears for a "
            "minute. Wired is fine. Anyone else with the {box}?",
            "wifi dies every evening | my {box} loses wifi around 9pm every night and comes "
            "back by itself. Really annoying when working from home",
            "Router disconnects constantly | {box} disconnects all devices {n} times a day. "
            "Is there a fix or do I need a new router?",
            "{box} wifi unstable | Wifi light goes orange and everything drops. Restarting "
            "helps for a while. What am I supposed to do?",
            "orbita is broken | wifi gone again",
        ],
        "es": [
            "El {box} se desconecta cada rato | El wifi se cae cada hora más o menos y "
            "vuelve solo. Por cable va bien",
            "se me cae el wifi | el router de orbita pierde el wifi todas las noches, ¿hay "
            "alguna solución?",
            "Router {box} inestable | Se desconectan todos los dispositivos {n} veces al día. "
            "¿Lo reinicio o pido otro router?",
            "wifi que va y viene | La luz del {box} se pone naranja y se va internet. Qué hago?",
            "orbita no funciona | otra vez sin wifi",
        ],
    },
    "slow": {
        "en": [
            "Paying for 600 Mb, getting 40 | Speed tests on wifi show 40 Mb on my 600 plan "
            "with Orbita. Is this normal?",
            "orbita fibre painfully slow | videos buffering all day, speedtest says {n}0 mbps "
            "on a 1 gig plan. what gives",
            "Slow internet on the {box} | The speed is fine near the router but terrible two "
            "rooms away. Any settings I should change?",
            "Speed much lower than contracted | How do I properly test my Orbita speed? The "
            "numbers on my laptop are way below the contract",
            "40 Mb on a 600 plan | amazing value Orbita, truly world class 👏",
        ],
        "es": [
            "Contraté 600 megas y me llegan 40 | Los test de velocidad por wifi dan 40 megas. "
            "¿Es normal con Orbita?",
            "internet lentísimo | con la fibra de orbita los vídeos se cortan todo el rato, "
            "el test marca {n}0 megas",
            "Velocidad baja lejos del router | Al lado del {box} va bien pero en el dormitorio "
            "no carga nada. ¿Qué configuro?",
            "La velocidad no llega a la contratada | ¿Cómo se mide bien la velocidad de "
            "Orbita? En el portátil me sale muy por debajo",
            "Qué maravilla | 600 megas contratados y me llegan 40. Enhorabuena Orbita 👏",
        ],
    },
    "outage": {
        "en": [
            "Orbita down in {city}? | No internet since this morning in {city}. Is there an "
            "outage or is it just me?",
            "great, third outage this week | thanks Orbita, really loving paying for "
            "internet I don't have 🙃",
            "Internet out again | Whole street in {city} without Orbita fibre for {n} hours. "
            "Do we get any compensation for this?",
            "no connection since last night | {box} shows red light, no internet in {city}. "
            "Where can I check if there is a known issue?",
        ],
        "es": [
            "¿Se ha caído Orbita en {city}? | Sin internet desde esta mañana en {city}. ¿Avería "
            "general o solo yo?",
            "genial, tercera caída esta semana | gracias Orbita, me encanta pagar por un "
            "internet que no tengo 🙃",
            "Otra vez sin fibra | Toda la calle en {city} sin conexión desde hace {n} horas. "
            "¿Nos vais a compensar?",
            "sin conexion desde anoche | El {box} con la luz roja y sin internet en {city}. "
            "¿Dónde veo si hay una incidencia?",
        ],
    },
    "app": {
        "en": [
            "Can't log into the {app} app | It says my password is wrong but I just reset "
            "it. Locked out of my account now",
            "{app} app login loop | app keeps sending me back to the login screen after I "
            "type the code. any fix?",
            "Forgot my Orbita password | How do I reset the password for the {app} app? The "
            "email never arrives",
            "locked out of My Orbita | too many attempts and now the app says account "
            "blocked. how long does that last",
        ],
        "es": [
            "No puedo entrar en la app {app} | Me dice que la contraseña es incorrecta y "
            "acabo de cambiarla",
            "La app de orbita no me deja entrar | me vuelve a la pantalla de inicio después "
            "de poner el código, alguna solución?",
            "He olvidado la contraseña de Orbita | ¿Cómo la recupero en {app}? No me llega el "
            "correo",
            "cuenta bloqueada en la app | demasiados intentos y ahora dice cuenta bloqueada, "
            "cuánto dura?",
        ],
    },
    "port": {
        "en": [
            "Porting my number to Orbita | How long does it take to bring my number from my "
            "old provider? I need it working for work",
            "portability stuck | requested to move my number to Orbita {days} days ago and "
            "still on the old SIM. is that normal?",
            "Keep my number when switching to Orbita? | Switching next week, what do I need "
            "to keep my mobile number?",
            "number transfer failed | Orbita says the porting was rejected, no reason given. "
            "What do I do now",
        ],
        "es": [
            "Portabilidad a Orbita | ¿Cuánto tarda en pasarse mi número a Orbita? Lo "
            "necesito para trabajar",
            "portabilidad atascada | pedí la portabilidad hace {days} días y sigo con la SIM "
            "antigua, es normal??",
            "¿Puedo mantener mi número si me paso a Orbita? | Me cambio la semana que viene, "
            "qué necesito?",
            "Portabilidad rechazada | Orbita dice que la portabilidad ha sido rechazada y no "
            "dicen por qué. Y ahora qué",
        ],
    },
    "roaming": {
        "en": [
            "Roaming not working in {city} | Just landed and my Orbita SIM has no data. Do I "
            "need to activate roaming?",
            "Orbita roaming charges? | Going to the US next month. How much is roaming and "
            "how do I turn it on?",
            "no data abroad | in {city} for work, phone shows signal but no data at all on "
            "orbita. help",
            "Travelling to Morocco | Does my Orbita plan include roaming there or do I need "
            "a pass?",
        ],
        "es": [
            "El roaming no funciona en {city} | Acabo de llegar y la SIM de Orbita no tiene "
            "datos. ¿Hay que activar algo?",
            "¿Cuánto cuesta la itinerancia con Orbita? | Me voy a Estados Unidos el mes que "
            "viene, cómo lo activo?",
            "sin datos en el extranjero | estoy en {city} por trabajo, hay cobertura pero no "
            "datos con orbita. ayuda",
            "Viaje a Marruecos | ¿Mi tarifa de Orbita incluye itinerancia allí o necesito un bono?",
        ],
    },
    "cancel": {
        "en": [
            "How do I cancel Orbita? | Moving abroad and want to cancel everything. Is there "
            "a fee?",
            "Orbita won't let me cancel | Every time I call they transfer me to retention. "
            "I just want to leave",
            "cancelling before the contract ends | I'm {n} months into an 18 month contract. "
            "How much would cancelling cost?",
            "done with orbita | how do I end my contract and what do I do with the router",
        ],
        "es": [
            "¿Cómo me doy de baja en Orbita? | Me voy fuera y quiero cancelar todo. ¿Hay "
            "penalización?",
            "Orbita no me deja darme de baja | Cada vez que llamo me pasan a retenciones. "
            "Solo quiero irme",
            "baja antes de la permanencia | llevo {n} meses de 18, cuánto me cobran por irme?",
            "me voy de orbita | cómo doy de baja el contrato y qué hago con el router",
        ],
    },
    "tech": {
        "en": [
            "Orbita technician never showed up | Took the day off for the installation "
            "appointment and nobody came. No call, nothing",
            "Need to reschedule the install | I can't be home on the day Orbita gave me. "
            "How do I change the appointment?",
            "installation no-show AGAIN | second time the technician doesn't come. {days} "
            "days without internet in a new flat",
            "Technician appointment | How do I know what time the Orbita technician is "
            "coming? The window is the whole day",
            "Love spending my day off waiting | Orbita technician no-show number two. What a "
            "fantastic service",
        ],
        "es": [
            "El técnico de Orbita no vino | Pedí el día libre para la instalación y no "
            "apareció nadie. Ni una llamada",
            "Cambiar la cita de instalación | No puedo estar en casa el día que me dieron. "
            "¿Cómo cambio la cita?",
            "otra vez plantado por el tecnico | segunda vez que no viene. {days} días sin "
            "internet en el piso nuevo",
            "Cita con el técnico | ¿Cómo sé a qué hora viene el técnico de Orbita? Me dan "
            "todo el día de franja",
            "Qué bien organizado todo | segundo día esperando al técnico de Orbita para nada. "
            "Bravo",
        ],
    },
    "esim": {
        "en": [
            "eSIM activation on {model} | Bought a {model}, how do I get my Orbita number "
            "on an eSIM?",
            "esim qr code not working | scanned the Orbita QR and it says cannot add plan. "
            "any ideas",
            "New SIM not activating | got the new Orbita SIM in the post {days} days ago, "
            "still says no service",
            "Switch from physical SIM to eSIM | Is it possible with Orbita? Where do I get "
            "the QR code?",
        ],
        "es": [
            "Activar eSIM en el {model} | Me he comprado un {model}, cómo paso mi número de "
            "Orbita a eSIM?",
            "el qr de la esim no funciona | escaneo el QR de orbita y dice que no se puede "
            "añadir el plan",
            "La SIM nueva no se activa | Me llegó la SIM de Orbita hace {days} días y sigue "
            "sin servicio",
            "Pasar de SIM física a eSIM | ¿Se puede con Orbita? ¿Dónde consigo el QR?",
        ],
    },
    "puk": {
        "en": [
            "SIM asks for PUK | Entered the PIN wrong three times and now it wants a PUK "
            "code. Where do I find it?",
            "phone locked, PUK?? | kid played with my phone and now the orbita sim is "
            "blocked, need the puk",
            "Blocked SIM card | My Orbita SIM says PUK locked. Can I get the code without "
            "going to a shop?",
        ],
        "es": [
            "La SIM me pide el PUK | Metí mal el PIN tres veces y ahora pide el PUK. ¿Dónde "
            "lo encuentro?",
            "sim bloqueada | mi hijo tocó el móvil y la sim de orbita está bloqueada, "
            "necesito el puk",
            "Tarjeta SIM bloqueada | Mi SIM de Orbita dice bloqueada por PUK. ¿Puedo "
            "conseguir el código sin ir a tienda?",
        ],
    },
    "tv": {
        "en": [
            "Orbita TV no signal | The decoder says no signal on every channel since "
            "yesterday. Internet works fine",
            "orbita tv channels missing | half my channels are gone from the decoder, sports "
            "pack included. paying for nothing",
            "TV decoder stuck on loading | Orbita TV box stuck on the loading screen after "
            "an update",
        ],
        "es": [
            "Orbita TV sin señal | El decodificador dice sin señal en todos los canales "
            "desde ayer. Internet va bien",
            "faltan canales en orbita tv | han desaparecido la mitad de los canales, el "
            "paquete de deportes también",
            "Decodificador colgado | El deco de Orbita TV se queda en la pantalla de carga "
            "después de actualizar",
        ],
    },
    "move": {
        "en": [
            "Moving house with Orbita fibre | Moving to {city} next month. Can I take my "
            "Orbita fibre with me? Any cost?",
            "change of address | how do I move my orbita internet to the new flat without "
            "paying a new install",
            "Transfer fibre to new address | Orbita says my new address needs a new "
            "installation. How long does that take?",
        ],
        "es": [
            "Mudanza con la fibra de Orbita | Me mudo a {city} el mes que viene. ¿Puedo "
            "llevarme la fibra? ¿Cuesta algo?",
            "cambio de domicilio | cómo paso internet de orbita al piso nuevo sin pagar otra "
            "instalación",
            "Traslado de fibra | Orbita dice que en la nueva dirección hace falta otra "
            "instalación. ¿Cuánto tarda?",
        ],
    },
    "data": {
        "en": [
            "Ran out of data already | It's the {n}th and my Orbita data is gone. How do I "
            "add more without changing plan?",
            "extra data orbita? | used all my gigs, is there a data pass or something",
            "Data used up way too fast | Orbita app says I used 20 GB but I barely use my "
            "phone. Can I buy extra data for this month?",
        ],
        "es": [
            "Me he quedado sin datos | Estamos a {n} y ya no tengo datos con Orbita. ¿Cómo "
            "añado más sin cambiar de tarifa?",
            "bono de datos orbita? | he gastado todos los gigas, hay algún bono extra",
            "Gasto de datos rarísimo | La app de Orbita dice que he gastado 20 GB y casi no "
            "uso el móvil. ¿Puedo comprar datos extra este mes?",
        ],
    },
}

# Questions no own article answers (each asked several times, in both languages).
GAPS: dict[str, dict[str, list[str]]] = {
    "cgnat": {
        "en": [
            "Public IP on Orbita fibre? | I can't open ports for my game server, I think "
            "Orbita has me behind CGNAT. Can I get a public IPv4?",
            "port forwarding not working | set up port forwarding on the {box} and nothing "
            "gets through from outside. is orbita using carrier grade NAT?",
            "Orbita CGNAT | Is there any way to get out of CGNAT with Orbita? Need remote "
            "access to my cameras",
        ],
        "es": [
            "¿IP pública con Orbita? | No puedo abrir puertos para el servidor, creo que "
            "Orbita me tiene detrás de CGNAT. ¿Me podéis dar IP pública?",
            "abrir puertos imposible | configuro los puertos en el {box} y desde fuera no "
            "entra nada, orbita usa CG-NAT?",
            "Salir del CGNAT | ¿Hay forma de salir del CGNAT en Orbita? Necesito acceder a "
            "las cámaras desde fuera",
        ],
    },
    "company_invoice": {
        "en": [
            "Invoice in my company's name | I'm self-employed and need Orbita invoices with "
            "my company name and VAT number. Where do I change that?",
            "business invoices from orbita? | can i get invoices addressed to my company "
            "instead of my personal name, for tax",
            "VAT number on Orbita invoices | My accountant needs the company tax ID on the "
            "invoice. Is that possible on a home plan?",
        ],
        "es": [
            "Factura a nombre de empresa | Soy autónomo y necesito las facturas de Orbita "
            "con el nombre de la empresa y el CIF. ¿Dónde se cambia?",
            "facturas de orbita para autonomos | se puede poner el NIF de la empresa en la "
            "factura? es para hacienda",
            "CIF en la factura de Orbita | Mi gestor necesita el CIF de la sociedad en la "
            "factura. ¿Se puede con una tarifa de casa?",
        ],
    },
    "landline": {
        "en": [
            "Landline has no dial tone | Since the fibre install the home phone is dead, no "
            "dial tone at all, internet works. Where do I plug it?",
            "home phone not working with orbita fibre | the old landline number just "
            "doesn't ring anymore since the {box} was installed",
            "No dial tone on the Orbita home phone | Phone connected to the router, still "
            "silent. Grandma relies on that line",
        ],
        "es": [
            "El teléfono fijo no da tono | Desde que pusieron la fibra el fijo no da tono. "
            "Internet va bien. ¿Dónde se conecta?",
            "el fijo no funciona con la fibra de orbita | el número de casa ya no suena "
            "desde que instalaron el {box}",
            "Sin tono en el fijo de Orbita | Tengo el teléfono conectado al router y nada. Mi "
            "abuela depende de esa línea",
        ],
    },
    "wifi_calling": {
        "en": [
            "Does Orbita support wifi calling? | No mobile coverage in my basement flat. "
            "Can my {model} make calls over wifi on Orbita?",
            "VoWiFi on orbita | is wifi calling supported? the toggle on my phone is greyed out",
            "Wi-Fi calling greyed out | Orbita SIM on a {model}, the Wi-Fi calling option is "
            "disabled. Is it a network thing?",
        ],
        "es": [
            "¿Orbita tiene llamadas por wifi? | En mi piso no hay cobertura. ¿Puedo llamar "
            "por wifi con el {model}?",
            "llamadas wifi orbita | la opción de llamadas por wifi sale en gris en el móvil, "
            "orbita lo soporta?",
            "VoWiFi en Orbita | Tengo SIM de Orbita en un {model} y la opción de llamadas "
            "Wi-Fi está desactivada",
        ],
    },
    "parental": {
        "en": [
            "Parental controls on the {box}? | Want to block some sites and turn off the "
            "kids' wifi at night. Does the Orbita router do that?",
            "limit kids internet orbita router | is there any parental control or schedule "
            "on the {box}",
            "Block websites on Orbita router | How do I set up content filtering for the "
            "children's tablets?",
        ],
        "es": [
            "Control parental en el {box} | Quiero bloquear páginas y apagar el wifi de los "
            "niños por la noche. ¿El router de Orbita lo permite?",
            "limitar internet a los niños | hay control parental o horarios en el router de "
            "orbita?",
            "Bloquear webs en el router de Orbita | ¿Cómo configuro un filtro para las "
            "tablets de los críos?",
        ],
    },
}

# Complaints no article answers and no gap report should hold (conduct, sales).
CONDUCT = {
    "en": [
        "Orbita support hung up on me | Third call today, the agent hung up as soon as I "
        "asked for a supervisor. Unacceptable",
        "stop calling me orbita | your sales people call me every single day offering "
        "fibre. I am ALREADY a customer",
        "Rude shop staff | The Orbita shop in {city} treated my mum terribly today",
    ],
    "es": [
        "El soporte de Orbita me colgó | Tercera llamada hoy y me cuelgan en cuanto pido "
        "hablar con un responsable",
        "dejad de llamarme | los comerciales de orbita me llaman todos los días para "
        "venderme fibra. YA SOY CLIENTE",
        "Trato pésimo en tienda | En la tienda de Orbita de {city} han tratado fatal a mi madre",
    ],
}
