"""Vela's own help centre for the probe world (bench/make_probe_set.py): topic -> (category,
(English title, body), (Spanish title, body)). Three questions of the world have no article here:
a static IP address, a discount for older customers and pausing a line while abroad."""

# fmt: off
KB = {
    "esim": ("mobile", (
        "Setting up your Vela eSIM",
        "Every Vela eSIM comes with a one-time QR code, sent by email and shown in the Vela app "
        "under Lines > eSIM. Scan it on Wi-Fi from your phone's mobile network settings and keep "
        "the phone on until the Vela profile shows as active, which can take fifteen minutes. A "
        "code that was scanned once cannot be used again: if the install failed or you changed "
        "phone, request a fresh code in the app and the old profile is switched off.",
    ), (
        "Configurar tu eSIM de Vela",
        "Cada eSIM de Vela tiene un código QR de un solo uso que te llega por correo y que también "
        "ves en la app Mi Vela, en Líneas > eSIM. Escanéalo con wifi desde los ajustes de red "
        "móvil del teléfono y no lo apagues hasta que el perfil de Vela salga activo; puede tardar "
        "un cuarto de hora. Un código ya escaneado no vuelve a servir: si falló la instalación o "
        "cambias de móvil, pide un código nuevo en la app y el perfil anterior se desactiva.",
    )),
    "porting": ("mobile", (
        "Keeping your number when you switch to Vela",
        "To bring your number, get the switching code from your current provider (text PAC to "
        "65075 in the UK) and enter it when you order. The transfer happens on the working day you "
        "choose; expect up to a few hours without signal that morning. Keep the old SIM in the "
        "phone until it loses signal, then insert the Vela one. If the date passes and your number "
        "has not moved, the code has usually expired: request a new one and reply to our email.",
    ), (
        "Cambiarte a Vela con tu mismo número",
        "Para conservar tu número solo necesitas el documento de identidad de quien figura como "
        "titular y que la línea "
        "antigua esté activa. Nosotros pedimos el cambio a tu compañía actual y la portabilidad se "
        "hace en uno o dos días laborables, normalmente de madrugada. Mantén la tarjeta antigua "
        "hasta que se quede sin cobertura y entonces pon la de Vela. Si el titular no coincide o "
        "hay permanencia pendiente, tu operador puede rechazarla y te avisamos por SMS.",
    )),
    "roaming": ("billing", (
        "Roaming charges and travel zones",
        "Your Vela plan includes calls, texts and data in Zone 1 (the EU and a few nearby "
        "countries) at no extra cost. Switzerland, Turkey, Morocco, the USA and cruise ships are "
        "outside Zone 1 and are charged per megabyte unless you add a Travel Pass before you go. "
        "You get a welcome text with the prices when you land. Set a spending cap in the app under "
        "Account > Limits to stop unexpected roaming charges on your bill.",
    ), (
        "Itinerancia: zonas y tarifas en el extranjero",
        "Tu tarifa de Vela incluye llamadas, SMS y datos en la Zona 1 (la UE y algunos países "
        "cercanos) sin coste adicional. Suiza, Turquía, Marruecos, Estados Unidos y los cruceros "
        "quedan fuera y se cobran por megabyte salvo que actives un Bono Viaje antes de salir. Al "
        "llegar recibes un SMS con los precios. Puedes fijar un tope de gasto en Mi Vela, Cuenta "
        "> Límites, para evitar sorpresas de itinerancia en la factura.",
    )),
    "restart": ("router", (
        "Restarting or resetting the VelaHub router",
        "A restart fixes most hiccups: unplug the VelaHub for thirty seconds and wait until the "
        "light is solid white. A factory reset wipes your Wi-Fi name and password: hold the "
        "recessed button on the back with a pin, pressed ten seconds; the light flashes amber. "
        "Afterwards the original network name and key on the sticker underneath work again. If the "
        "router keeps restarting by itself, it may be updating; contact us if it happens daily.",
    ), (
        "Reiniciar o restablecer el router VelaHub",
        "Reiniciar soluciona casi todo: desenchufa el VelaHub treinta segundos y espera a que la "
        "luz quede blanca fija. El restablecimiento de fábrica borra el nombre de red y la "
        "contraseña que pusiste: mantén pulsado con un clip el botón hundido de la parte trasera "
        "durante diez "
        "segundos: la luz empezará a parpadear en ámbar. Después vuelven a valer los datos de la "
        "pegatina de abajo. Si se reinicia solo a diario, escríbenos.",
    )),
    "wifi": ("router", (
        "Improving slow Wi-Fi at home",
        "Wi-Fi speed drops with distance, walls and neighbours' networks. Put the VelaHub high up "
        "and in the open, not in a cupboard. Connect nearby devices to the 5 GHz band and 2.4 GHz "
        "for far rooms. In the app, Home > Wi-Fi > Optimise picks the least crowded channel. "
        "Compare "
        "with a wired test: if the cable gets your plan's speed, the line is fine and a Vela Mesh "
        "point can cover the rooms the router does not reach.",
    ), (
        "Mejorar un wifi lento en casa",
        "La velocidad del wifi baja con la distancia, las paredes y las wifis vecinas. "
        "Coloca el VelaHub en alto y a la vista, nunca dentro de un mueble. Conecta a la banda "
        "de 5 GHz los aparatos cercanos y la de 2,4 GHz para las habitaciones lejanas. En la app, "
        "Casa "
        "> Wifi > Optimizar elige el canal menos saturado. Prueba antes por cable: si ahí llega tu "
        "velocidad, un punto Vela Mesh cubre las zonas sin señal.",
    )),
    "tvlogin": ("tv", (
        "Signing in to the Vela TV app",
        "On a smart TV, open Vela TV and choose Sign in with code: a six-letter code appears. On "
        "your phone go to vela.example/tv, sign in with your Vela account and type the code. Each "
        "account can have five devices; if you are signed out all the time, remove old devices "
        "under Vela TV > Devices. The app needs the TV's date and time to be set automatically.",
    ), (
        "Iniciar sesión en la app Vela TV",
        "En una smart TV abre Vela TV y elige Entrar con código: aparecerá un código de seis "
        "letras. Desde el móvil entra en vela.example/tv con tu cuenta de Vela y escribe el "
        "código. "
        "Cada cuenta admite cinco dispositivos; si la app te echa una y otra vez, borra los "
        "aparatos viejos en Vela TV > Dispositivos. La tele debe tener la fecha y la hora en "
        "automático.",
    )),
    "cancel": ("contract", (
        "Cancelling and early termination fees",
        "You can cancel at any time by phone or in the app under Account > Leave Vela. Within the "
        "minimum term an early termination fee applies: the remaining monthly charges with a "
        "discount, shown before you confirm. No fee applies if we cannot provide the service at a "
        "new address or if we raise your price above the agreed yearly change. Return the VelaHub "
        "within 30 days in the prepaid bag to avoid the equipment charge.",
    ), (
        "Baja y penalización por permanencia",
        "Puedes darte de baja cuando quieras por teléfono o en Mi Vela, Cuenta > Dejar Vela. Si "
        "estás en permanencia se cobra una penalización proporcional a los meses que faltan, que "
        "ves antes de confirmar. No hay penalización si no damos cobertura en tu nuevo domicilio "
        "ni si subimos el precio por encima de lo pactado. Devuelve el VelaHub en 30 días con la "
        "bolsa prepagada para que no te cobremos el equipo.",
    )),
    "payment": ("billing", (
        "What happens when a payment fails",
        "If a direct debit or card payment fails we try again after five days and send you an "
        "email. You can pay the amount straight away in the app under Bills > Pay now; services "
        "come back within an hour of payment. Lines are restricted only after fourteen days "
        "unpaid. A returned payment fee may apply. To avoid it next month, update your card or "
        "bank details under Account > Payment method.",
    ), (
        "Qué pasa si un pago no se completa",
        "Si un recibo o un pago con tarjeta es devuelto, lo volvemos a intentar a los cinco días y "
        "te avisamos por correo. Puedes pagarlo en el momento en Mi Vela, Facturas > Pagar ahora; "
        "el servicio se recupera en menos de una hora. Solo restringimos la línea tras catorce "
        "días "
        "de impago. Puede aplicarse un cargo por devolución. Para que no se repita, cambia la "
        "tarjeta o la cuenta bancaria en Cuenta > Forma de pago.",
    )),
    "visit": ("installation", (
        "Engineer visits: booking, changing and missed appointments",
        "Engineer visits are booked in morning (8-13) or afternoon (13-18) slots. You get a text "
        "the day before and when the engineer is on the way. To move an appointment, use the link "
        "in the text or the app under Orders up to 6 pm the day before. If the engineer does not "
        "turn up, tell us the same day: we book the earliest available slot and add a credit to "
        "your bill for the missed visit.",
    ), (
        "Visita del técnico: cita, cambios y ausencias",
        "Las visitas del técnico son por la mañana (8-13) o por la tarde (13-18). Recibes un SMS "
        "el día antes y otro cuando el técnico va de camino. Para cambiar la cita usa el enlace "
        "del "
        "SMS o Mi Vela, Pedidos, hasta las 18:00 del día anterior. Si el técnico no se presenta, "
        "avísanos ese mismo día: te buscamos la cita más cercana disponible y te abonamos la "
        "visita perdida en la factura.",
    )),
    "status": ("network", (
        "Checking for an outage: the service status page",
        "The status page at status.vela.example shows known faults by postcode and is updated "
        "every fifteen minutes. If your area shows no fault but you have no connection, restart "
        "the VelaHub and run the line test in the app under Help > Check my line; it reports the "
        "fault to us with your line's details. Outages lasting more than a day are compensated "
        "automatically on the next bill.",
    ), (
        "Comprobar si hay una avería: página de estado",
        "La página status.vela.example muestra las averías conocidas por código postal y se "
        "actualiza cada quince minutos. Si tu zona sale sin incidencias pero no tienes conexión, "
        "reinicia el VelaHub y haz la prueba de línea en Mi Vela, Ayuda > Revisar mi línea; así "
        "nos llega el aviso con los datos de tu línea. Las caídas de más de un día se compensan "
        "solas en la siguiente factura.",
    )),
    "topup": ("mobile", (
        "Adding extra data: data top-ups",
        "When you reach 80% of your data allowance we send a text. Add a data top-up in the app "
        "under Lines > Add data: 5 GB, 10 GB or unlimited until the end of the billing month. "
        "Top-ups start within a few minutes and appear under Usage; restart your phone if mobile "
        "data stays off. Unused top-up data does not roll over to the next month.",
    ), (
        "Añadir datos extra: bonos de datos",
        "Cuando llegas al 80% de tus datos te enviamos un SMS. En Mi Vela, Líneas > Añadir datos, "
        "puedes comprar un bono de 5 GB, 10 GB o ilimitado hasta el fin del mes de facturación. El "
        "bono se activa en pocos minutos y aparece en Consumo; si los datos no vuelven, reinicia "
        "el móvil. Los datos del bono que no gastes no pasan al mes siguiente.",
    )),
    "moving": ("installation", (
        "Moving house with Vela broadband",
        "Give us the new address at least two weeks before you move, in the app under Account > "
        "Moving. We check coverage, keep your plan and book the connection at the new home for "
        "your moving day; take the VelaHub with you. If the new address already has a Vela line, "
        "it often works the same day without an engineer. If we do not cover the new address, "
        "you can leave without an early termination fee.",
    ), (
        "Mudanza: llevarte la fibra de Vela a tu nueva casa",
        "Avísanos de tu nueva dirección al menos quince días antes en Mi Vela, Cuenta > "
        "Mudanza. Comprobamos la cobertura, mantienes tu tarifa y te damos cita de instalación "
        "para el día de la mudanza; llévate el VelaHub. Si el piso nuevo ya tiene una línea de "
        "Vela, muchas veces funciona el mismo día sin técnico. Si no hay cobertura en la nueva "
        "dirección, puedes darte de baja sin penalización.",
    )),
}
# fmt: on
