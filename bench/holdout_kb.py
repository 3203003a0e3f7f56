"""Lumen Energía's own help centre for the holdout world (bench/make_holdout_set.py): topic ->
(category, (English title, body), (Spanish title, body)). Three questions of the world have no
article here: installing a charger for an electric car, the bono social (the regulated discount for
vulnerable households) and a certificate that the electricity comes from renewable sources."""

# fmt: off
KB = {
    "readings": ("billing", (
        "Sending us a meter reading",
        "When we have no reading from your meter for a billing period we estimate the bill from "
        "the same months of last year, so an empty or newly occupied home can be billed far above "
        "its real use. Send an actual reading from the Lumen app (Supply > Meter reading) or the "
        "online Customer Area, with a photo of the meter display if you can; readings without a "
        "photo are accepted too. We reissue an estimated bill from your reading within two working "
        "days. If the meter is in a locked room of the building, ask the caretaker or the owners' "
        "association for access.",
    ), (
        "Enviarnos la lectura del contador",
        "Si en un periodo de facturación no tenemos lectura de tu contador, estimamos la factura "
        "con el consumo de los mismos meses del año anterior; por eso una vivienda vacía o recién "
        "ocupada puede recibir importes muy por encima de lo que gasta. Mándanos la lectura real "
        "desde la app de Lumen (Suministro > Lectura) o desde el Área Cliente, con foto de la "
        "pantalla del contador si puedes; también aceptamos lecturas sin foto. Rehacemos la "
        "factura estimada en dos días laborables. Si el contador está en un cuarto cerrado del "
        "edificio, pide la llave al conserje o a la comunidad de propietarios.",
    )),
    "smartmeter": ("supply", (
        "When your smart meter stops reporting",
        "Smart meters belong to the local distribution company, which reads them remotely and "
        "passes the readings to us. A blinking red light means the meter has lost its link to the "
        "distributor's network and your bills will be estimated until it is repaired. Tell us and "
        "we open a case with the distributor, whose technician normally visits within ten working "
        "days; you get a text message the day before. Until then you can send readings by hand so "
        "the bills stay close to your real use.",
    ), (
        "Contador inteligente que no envía lecturas",
        "El contador inteligente es de la empresa distribuidora de tu zona, que lo lee a distancia "
        "y nos pasa las lecturas. Si el piloto rojo parpadea, el contador ha perdido la "
        "comunicación con la red de la distribuidora y tus facturas serán estimadas hasta que se "
        "repare. Avísanos y abrimos una incidencia con la distribuidora; su técnico suele ir en "
        "diez días laborables y te llega un SMS el día antes. Mientras tanto puedes enviarnos la "
        "lectura a mano para que la factura se parezca a tu consumo real.",
    )),
    "payment": ("billing", (
        "Returned direct debits and changing your bank account",
        "Change the account your bills are paid from in the Lumen app (Account > Payment) or the "
        "Customer Area. A change made in the last days of a billing cycle may only reach your bank "
        "from the next bill, so the current one can still be sent to the old account. If a direct "
        "debit is returned we send an automatic reminder and add a returned-payment fee; pay the "
        "bill by card in Bills > Pay now before the date on the reminder and the supply is never "
        "interrupted. If the return was caused by a delay on our side, ask us to refund the fee.",
    ), (
        "Recibos devueltos y cambio de cuenta bancaria",
        "Cambia la cuenta de domiciliación en la app de Lumen (Cuenta > Pago) o en el Área "
        "Cliente. "
        "Si lo haces en los últimos días del ciclo, puede que el cambio solo llegue al banco a "
        "partir de la factura siguiente y que la actual se cargue aún en la cuenta antigua. Cuando "
        "se devuelve un recibo enviamos un aviso automático y cobramos un gasto de devolución; "
        "págalo con tarjeta en Facturas > Pagar ahora antes de la fecha del aviso y no se corta el "
        "suministro. Si la devolución se debió a un retraso nuestro, pídenos que anulemos el "
        "gasto.",
    )),
    "time_bands": ("tariffs", (
        "Peak, standard and off-peak hours on the Tres Tramos tariff",
        "On the Tres Tramos tariff the price of each kWh depends on when you use it. Off-peak: "
        "00:00 to 08:00 on weekdays and all day on weekends and national holidays. Peak: 10:00 to "
        "14:00 and 18:00 to 22:00 on weekdays. Standard: every other weekday hour. Moving the "
        "washing machine, dishwasher or water heater to off-peak hours lowers the energy part of "
        "the bill. The contracted power is a fixed daily charge paid whatever you use, so a bill "
        "can stay high with little consumption if the contracted power is larger than you need.",
    ), (
        "Horas punta, llano y valle en la tarifa Tres Tramos",
        "En la tarifa Tres Tramos el precio del kWh depende de la hora a la que lo gastas. Valle: "
        "de 00:00 a 08:00 entre semana y todo el día los fines de semana y festivos nacionales. "
        "Punta: de 10:00 a 14:00 y de 18:00 a 22:00 en días laborables. Llano: el resto de horas "
        "laborables. Poner la lavadora, el lavavajillas o el termo en horas valle baja el término "
        "de energía. La potencia contratada es un importe fijo diario que pagas aunque no gastes, "
        "así que la factura puede seguir alta si tienes más potencia de la que necesitas.",
    )),
    "switching": ("contracts", (
        "Switching your electricity or gas to Lumen",
        "Switching supplier never cuts your power or gas: only the company that bills you changes. "
        "You need the CUPS code printed on a recent bill and the account holder's ID. We ask your "
        "current supplier to end the contract for you, and the change takes effect in 5 to 21 "
        "days, set by the distribution company. A mistyped CUPS or a holder's name that does not "
        "match delays it; if three weeks have passed, send us the CUPS and we check the request "
        "with the distributor. Your old supplier sends a final bill up to the switching date.",
    ), (
        "Cambiar tu luz o tu gas a Lumen",
        "Cambiar de comercializadora no corta nunca la luz ni el gas: solo cambia quién te "
        "factura. Necesitas el código CUPS que aparece en una factura reciente y el DNI del "
        "titular. Nosotros pedimos la baja a tu compañía actual y el cambio se hace efectivo en un "
        "plazo de 5 a 21 días que fija la distribuidora. Un CUPS mal escrito o un titular que no "
        "coincide lo retrasan; si han pasado tres semanas, mándanos el CUPS y revisamos la "
        "solicitud con la distribuidora. Tu comercializadora antigua te enviará una última "
        "factura.",
    )),
    "solar": ("self-consumption", (
        "Solar panels: compensation for the energy you export",
        "With self-consumption the kWh your panels send to the grid are discounted from the energy "
        "part of each monthly bill at the compensation price, up to the cost of the energy you "
        "bought that month; surplus is not paid out in cash. Compensation starts once the "
        "distribution company registers the installation as self-consumption in your access "
        "contract, which can take several weeks after the panels are fitted; bills issued before "
        "that are corrected afterwards. The Batería Virtual add-on keeps any surplus beyond the "
        "month's energy cost as credit for later bills.",
    ), (
        "Placas solares: compensación de excedentes",
        "Con autoconsumo, los kWh que tus placas vierten a la red se descuentan del término de "
        "energía de cada factura mensual al precio de compensación, hasta el importe de la energía "
        "que has comprado ese mes; lo que sobra no se paga en dinero. La compensación empieza "
        "cuando la distribuidora da de alta la instalación como autoconsumo en tu contrato de "
        "acceso, lo que puede tardar varias semanas desde que se instalan las placas; las facturas "
        "anteriores se regularizan después. Con el servicio Batería Virtual el excedente que "
        "supera la energía del mes se guarda como saldo para facturas siguientes.",
    )),
    "outage": ("supply", (
        "Power cuts and broadband faults: who fixes them",
        "Power cuts are repaired by the distribution company of your area, not by your supplier: "
        "call the faults number printed on your bill, which works 24 hours. Before calling, check "
        "that your own main switch or a breaker has not tripped, especially after a flicker. If "
        "someone at home depends on electrical medical equipment, say so on the call and register "
        "it in the Customer Area (Supply > Essential supply) so you are warned before planned "
        "cuts. For Lumen Fibra, the app's Service status page shows faults in your area.",
    ), (
        "Cortes de luz y averías de fibra: quién las arregla",
        "Los cortes de luz los repara la distribuidora de tu zona, no tu comercializadora: llama "
        "al teléfono de averías que aparece en tu factura, disponible las 24 horas. Antes, mira "
        "si ha saltado tu interruptor general o algún diferencial, sobre todo tras un parpadeo. Si "
        "en casa alguien depende de un equipo médico eléctrico, dilo al llamar y regístralo en el "
        "Área Cliente (Suministro > Suministro esencial) para que te avisen antes de los cortes "
        "programados. Para Lumen Fibra, la página Estado del servicio de la app muestra averías.",
    )),
    "router": ("broadband", (
        "Lumen Fibra router: lights, set-up and Wi-Fi",
        "A red or blinking PON light means no signal is reaching the router through the fibre: "
        "check that the green fibre cable clicks into the wall socket and the router, then restart "
        "it; if the light stays red we send a technician. If the Wi-Fi drops while cable "
        "connections keep working, open 192.168.1.1, set a fixed 5 GHz channel (36 or 44) and "
        "check that no Wi-Fi schedule under Wi-Fi > Schedule is switching the network off at set "
        "times. The network name and password are on the sticker under the router.",
    ), (
        "Router de Lumen Fibra: luces, instalación y wifi",
        "Si la luz PON está roja o parpadea, al router no le llega señal por la fibra: comprueba "
        "que el cable verde encaja bien en la roseta y en el router y reinícialo; si sigue en "
        "rojo, "
        "enviamos un técnico. Si el wifi se corta pero lo conectado por cable sigue funcionando, "
        "entra en 192.168.1.1, fija un canal de 5 GHz (36 o 44) y mira que ninguna programación en "
        "Wifi > Programación apague la red a horas fijas. El nombre de la red y la contraseña "
        "están en la pegatina de debajo del router.",
    )),
}
# fmt: on
