"""Orbita's own help articles for the triage scenario (bench/make_triage_set.py): one English
and one Spanish article per topic, written for listenpost. topic -> (category, en, es), each
language (title, body)."""

from __future__ import annotations

KB: dict[str, tuple[str, tuple[str, str], tuple[str, str]]] = {
    "bill": ("billing",
        ("Understanding your Orbita bill",
         "Your Orbita bill is issued on the 1st and paid by direct debit a few days later. The "
         "first section is your plan for the coming month, the second is usage outside the plan "
         "for the previous month. A first bill covers part of the previous month too, so it is "
         "higher. Device instalments are listed on their own line. Open Account > Invoices in "
         "the My Orbita app and tap any line for its detail."),
        ("Cómo leer tu factura de Orbita",
         "La factura de Orbita se emite el día 1 y se cobra por domiciliación unos días después. "
         "El primer apartado es tu tarifa del mes que empieza; el segundo, el consumo fuera de "
         "tarifa del mes anterior. La primera factura incluye parte del mes anterior y por eso es "
         "más alta. Las cuotas del terminal van en una línea aparte. En la app Mi Orbita, Cuenta "
         "> Facturas, toca cada línea para ver el detalle.")),
    "double": ("billing",
        ("Charged twice: getting a duplicate payment back",
         "If the same Orbita payment was taken twice, you do not need to call. Open My Orbita > "
         "Invoices > Report a problem and choose 'Duplicate payment'. We check it with your bank "
         "within two working days and refund the duplicate to the same account; the refund can "
         "take up to five working days to show. You will get an email when it is sent."),
        ("Cobro duplicado: cómo recuperar el importe",
         "Si te hemos cobrado el mismo recibo dos veces, no hace falta llamar. En Mi Orbita > "
         "Facturas > Tengo un problema elige 'Cobro duplicado'. Lo comprobamos con tu banco en dos "
         "días laborables y devolvemos el importe a la misma cuenta; puede tardar hasta cinco días "
         "laborables en aparecer. Te avisamos por correo cuando salga la devolución.")),
    "wifi": ("router",
        ("Wi-Fi keeps dropping on the OrbitaBox",
         "If the OrbitaBox Wi-Fi drops now and then, restart it from My Orbita > Devices > "
         "Restart. If it keeps happening, update the firmware from the same screen and set a "
         "fixed channel at 192.168.1.1 > Wi-Fi. An orange light means the router lost its line: "
         "hold reset for ten seconds to restore the factory settings. If drops go on, ask us for "
         "a replacement router."),
        ("El wifi del OrbitaBox se desconecta",
         "Si el wifi del OrbitaBox se corta de vez en cuando, reinícialo desde Mi Orbita > "
         "Dispositivos > Reiniciar. Si sigue pasando, actualiza el firmware en la misma pantalla "
         "y fija un canal en 192.168.1.1 > Wi-Fi. La luz naranja indica que el router perdió la "
         "línea: mantén el botón reset diez segundos para volver a la configuración de fábrica. Si "
         "continúan los cortes, pídenos un router nuevo.")),
    "slow": ("network",
        ("Slow speed: how to test your Orbita connection",
         "Contracted speeds are measured by cable. Connect a computer to the OrbitaBox with an "
         "Ethernet cable, close other apps and use speedtest.orbita.example. Over Wi-Fi, walls "
         "and distance reduce speed a lot; use the 5 GHz network near the router and a mesh "
         "point for far rooms. If the cable test is under 80% of your plan, send us the result."),
        ("Velocidad lenta: cómo medir tu conexión de Orbita",
         "La velocidad contratada se mide por cable. Conecta un ordenador al OrbitaBox con cable "
         "Ethernet, cierra otras aplicaciones y usa speedtest.orbita.example. Por wifi, las "
         "paredes y la distancia reducen mucho la velocidad; usa la red de 5 GHz cerca del router "
         "y un punto mesh en las habitaciones lejanas. Si por cable baja del 80% de tu tarifa, "
         "envíanos el resultado.")),
    "outage": ("network",
        ("Internet outage: status and compensation",
         "Check status.orbita.example or My Orbita > Service status to see whether there is an "
         "outage at your address and when it is expected to be fixed. You do not need to report "
         "a known outage. When an outage lasts more than 24 hours, we credit the days without "
         "service on your next bill automatically."),
        ("Avería de internet: estado y compensación",
         "Consulta status.orbita.example o Mi Orbita > Estado del servicio para ver si hay una "
         "avería en tu dirección y cuándo se espera resolver. No hace falta avisar de una avería "
         "conocida. Si la avería dura más de 24 horas, descontamos automáticamente los días sin "
         "servicio en la siguiente factura.")),
    "app": ("app",
        ("Can't sign in to the My Orbita app",
         "Tap 'Forgot password' on the sign-in screen; the reset link goes to the email on your "
         "contract and is valid for one hour (check spam). After five wrong attempts the account "
         "locks for 30 minutes. If the app returns to the sign-in screen after the code, update "
         "it and clear its cache."),
        ("No puedo entrar en la app Mi Orbita",
         "Pulsa '¿Olvidaste la contraseña?' en la pantalla de acceso; el enlace llega al correo "
         "del contrato y vale una hora (mira en spam). Tras cinco intentos fallidos la cuenta se "
         "bloquea 30 minutos. Si la app vuelve al inicio después del código, actualízala y borra "
         "su caché.")),
    "port": ("mobile",
        ("Bringing your number to Orbita (porting)",
         "To keep your number, choose 'bring my number' when you sign up and give the current "
         "SIM holder's ID. Porting takes one working day from the date shown in your order; "
         "your old SIM stops and the Orbita SIM starts at night. A rejected porting is usually a "
         "name or ID mismatch with the old provider: correct it in My Orbita and we retry."),
        ("Portabilidad: traer tu número a Orbita",
         "Para conservar tu número, elige 'mantener mi número' al contratar e indica el DNI del "
         "titular de la SIM actual. La portabilidad tarda un día laborable desde la fecha del "
         "pedido; la SIM antigua deja de funcionar y la de Orbita se activa de madrugada. Si se "
         "rechaza, suele ser porque el nombre o el DNI no coinciden: corrígelo en Mi Orbita y lo "
         "volvemos a intentar.")),
    "roaming": ("roaming",
        ("Using your Orbita mobile abroad (roaming)",
         "Roaming in the EU is included in every plan: turn on data roaming in your phone "
         "settings. Outside the EU, activate a travel pass in My Orbita > Roaming before you "
         "leave; the pass page lists the price for each country. Without a pass, data outside "
         "the EU is blocked to protect you from charges."),
        ("Usar tu móvil de Orbita en el extranjero (itinerancia)",
         "La itinerancia en la UE está incluida en todas las tarifas: activa los datos en "
         "itinerancia en los ajustes del móvil. Fuera de la UE, activa un bono de viaje en Mi "
         "Orbita > Itinerancia antes de salir; allí ves el precio por país. Sin bono, los datos "
         "fuera de la UE están bloqueados para evitar cargos.")),
    "cancel": ("account",
        ("Cancelling your Orbita contract",
         "You can cancel in My Orbita > Account > Cancel, with no call needed. Within a "
         "minimum-term contract, the early cancellation fee is the discount received for the "
         "months left and is shown before you confirm. Return the OrbitaBox at any Orbita shop "
         "or with the free return label within 30 days."),
        ("Darte de baja de Orbita",
         "Puedes darte de baja en Mi Orbita > Cuenta > Baja, sin llamar. Si tienes permanencia, "
         "la penalización es el descuento recibido por los meses que faltan y se muestra antes de "
         "confirmar. Devuelve el OrbitaBox en cualquier tienda Orbita o con la etiqueta de "
         "devolución gratuita en 30 días.")),
    "tech": ("installation",
        ("Technician appointments: times and changes",
         "The day before your appointment we send an SMS with a two-hour window; on the day, "
         "My Orbita shows the technician on the way. To change the date, use My Orbita > "
         "Appointments at least 24 hours before. If a technician does not come, report it "
         "there: we give you the first free slot and credit the missed visit."),
        ("Citas con el técnico: horario y cambios",
         "El día antes de la cita enviamos un SMS con una franja de dos horas; ese día, Mi "
         "Orbita muestra cuándo va de camino el técnico. Para cambiar la fecha, usa Mi Orbita > "
         "Citas con 24 horas de antelación. Si el técnico no acude, indícalo allí: te damos el "
         "primer hueco libre y te compensamos la visita fallida.")),
    "esim": ("mobile",
        ("Activating an Orbita SIM or eSIM",
         "A new SIM activates within two hours of inserting it; restart the phone if it shows no "
         "service. For an eSIM, open My Orbita > SIM > Switch to eSIM, and scan the QR code on "
         "the phone that will use it. Each QR code works once: if adding the plan fails, "
         "request a new code on the same screen."),
        ("Activar una SIM o eSIM de Orbita",
         "Una SIM nueva se activa en menos de dos horas tras insertarla; reinicia el móvil si no "
         "tiene servicio. Para una eSIM, abre Mi Orbita > SIM > Cambiar a eSIM y escanea el QR "
         "con el móvil que la va a usar. Cada QR sirve una vez: si no se puede añadir el plan, "
         "pide otro código en la misma pantalla.")),
    "puk": ("mobile",
        ("SIM locked: finding your PUK code",
         "After three wrong PINs a SIM asks for its PUK. The PUK is printed on the card the SIM "
         "came on, and shown in My Orbita > SIM > PUK (sign in from another device or the "
         "website). Ten wrong PUKs block the SIM for good; then order a free replacement."),
        ("SIM bloqueada: dónde está el PUK",
         "Tras tres PIN erróneos la SIM pide el PUK. El PUK está impreso en la tarjeta donde vino "
         "la SIM y en Mi Orbita > SIM > PUK (entra desde otro dispositivo o la web). Diez PUK "
         "erróneos bloquean la SIM definitivamente; entonces pide un duplicado gratuito.")),
    "tv": ("tv",
        ("Orbita TV: no signal or missing channels",
         "If the Orbita TV decoder shows no signal or channels are missing, unplug it for 30 "
         "seconds, then run Menu > Settings > Channel search. Check that your packs are active in "
         "My Orbita > TV. A decoder stuck on the loading screen after an update recovers with a "
         "restart holding the power button for ten seconds."),
        ("Orbita TV: sin señal o faltan canales",
         "Si el decodificador de Orbita TV dice sin señal o faltan canales, desenchúfalo 30 "
         "segundos y haz Menú > Ajustes > Búsqueda de canales. Comprueba que tus paquetes están "
         "activos en Mi Orbita > TV. Si se queda en la pantalla de carga tras actualizar, "
         "reinícialo manteniendo el botón de encendido diez segundos.")),
    "move": ("account",
        ("Moving home with Orbita fibre",
         "Tell us your new address in My Orbita > Account > Moving home at least two weeks "
         "ahead. If Orbita fibre reaches the new address, the move is free and a technician "
         "installs it on the day you choose; if the building needs new fibre, installation "
         "takes about ten days. Take your OrbitaBox with you."),
        ("Mudanza con la fibra de Orbita",
         "Indícanos la nueva dirección en Mi Orbita > Cuenta > Mudanza con dos semanas de "
         "antelación. Si la fibra de Orbita llega a la nueva dirección, el traslado es gratis y un "
         "técnico la instala el día que elijas; si el edificio necesita fibra nueva, la "
         "instalación tarda unos diez días. Llévate tu OrbitaBox.")),
    "data": ("mobile",
        ("Out of data: extra data passes",
         "When your data runs out you can keep browsing at low speed or add an extra data pass "
         "in My Orbita > Data: 5 GB or 20 GB, valid until the end of your billing month. The "
         "same screen shows your usage per day so you can see where the data went."),
        ("Sin datos: bonos de datos extra",
         "Cuando se acaban los datos puedes seguir navegando a baja velocidad o añadir un bono en "
         "Mi Orbita > Datos: 5 GB o 20 GB, válidos hasta el final de tu mes de facturación. En la "
         "misma pantalla ves el consumo por día para saber en qué se han ido los datos.")),
}  # fmt: skip
