"""Vatio Energía's own help centre for the fresh world (bench/make_fresh_set.py): topic ->
(category, (English title, body), (Spanish title, body)). Three questions of the world have no
article here: a night tariff for charging an electric car at home, a virtual battery that stores
solar surplus as credit, and getting the bills on paper by post."""

# fmt: off
KB = {
    "estimated": ("billing", (
        "Estimated readings and bills that look too high",
        "When your distributor cannot read the meter, the bill uses an estimate based on your "
        "consumption in the same months of past years. The next real reading corrects it: any "
        "amount charged above your real use is taken off the following bill. You can send us your "
        "own reading in the Vatio app (Supply > Send reading) up to three days before the bill is "
        "issued and we use it instead of the estimate. If a bill is much higher than usual, check "
        "the reading dates printed on page two and whether the reading is marked real or "
        "estimated.",
    ), (
        "Lecturas estimadas y facturas más altas de lo normal",
        "Cuando la distribuidora no puede leer el contador, la factura usa una estimación basada "
        "en tu consumo de los mismos meses de años anteriores. La siguiente lectura real la "
        "corrige: lo cobrado de más se descuenta en la factura siguiente. Puedes enviarnos tu "
        "lectura desde la app Vatio (Suministro > Enviar lectura) hasta tres días antes de emitir "
        "la factura y la usamos en lugar de la estimada. Si una factura es mucho más alta de lo "
        "habitual, revisa las fechas de lectura de la segunda página y si figura como real o "
        "estimada.",
    )),
    "meter": ("supply", (
        "Smart meters: installation, errors and remote readings",
        "Smart meters belong to the distribution company of your area, which installs and "
        "repairs them; we request the visit for you. If the meter display shows an error code or "
        "the readings stop arriving, note the code and the meter number and contact us: we open a "
        "repair request with the distributor, who usually visits within ten working days. A "
        "missed installation appointment can be rebooked from the app under Supply > Meter.",
    ), (
        "Contadores inteligentes: instalación, errores y telelectura",
        "El contador inteligente es de la distribuidora de tu zona, que lo instala y lo repara; "
        "nosotros pedimos la visita por ti. Si la pantalla del contador muestra un código de "
        "error o dejan de llegar las lecturas, apunta el código y el número de contador y "
        "escríbenos: abrimos una solicitud de reparación con la distribuidora, que suele acudir "
        "en diez días laborables. Una cita de instalación fallida se puede volver a pedir desde "
        "la app en Suministro > Contador.",
    )),
    "outage": ("supply", (
        "Power cuts: who to call and compensation",
        "Power cuts are handled by the distribution company of your area, not by your supplier. "
        "Call the fault number printed on your bill (available 24 hours) and give your CUPS code. "
        "First check your fuse box: if the main switch (ICP) or a breaker has tripped, reset it. "
        "If cuts in your area add up to more than the hours allowed by regulation in a year, the "
        "distributor must discount it on your bills; we apply that discount automatically.",
    ), (
        "Cortes de luz: a quién llamar e indemnizaciones",
        "Los cortes de suministro los gestiona la distribuidora de tu zona, no la "
        "comercializadora. Llama al teléfono de averías que aparece en tu factura (24 horas) y "
        "ten a mano tu CUPS. Antes revisa el cuadro eléctrico: si ha saltado el ICP o un "
        "diferencial, súbelo. Si los cortes de tu zona superan las horas que permite la normativa "
        "en un año, la distribuidora debe descontarlo en tus facturas y nosotros lo aplicamos "
        "automáticamente.",
    )),
    "switch": ("contract", (
        "Switching to or from Vatio",
        "To switch to Vatio you only need your CUPS code (on any bill from your current "
        "supplier) and your bank details; we handle the cancellation with the old supplier. The "
        "switch takes up to 21 days and there is no cut in supply at any point. If you leave "
        "Vatio, your new supplier requests the change and we send a final bill up to the date of "
        "the switch; if you are still charged after that date, contact us and we refund it.",
    ), (
        "Cambiarte a Vatio o darte de baja",
        "Para cambiarte a Vatio solo necesitas tu CUPS (aparece en cualquier factura de tu "
        "compañía actual) y tus datos bancarios; nosotros tramitamos la baja con la anterior. El "
        "cambio tarda hasta 21 días y en ningún momento te quedas sin suministro. Si te vas de "
        "Vatio, tu nueva comercializadora pide el cambio y te enviamos una factura final hasta la "
        "fecha del cambio; si te seguimos cobrando después, escríbenos y te lo devolvemos.",
    )),
    "solar": ("solar", (
        "Solar panels and surplus compensation",
        "With the simplified surplus compensation, the energy your panels export is valued at "
        "the price of your contract's surplus tariff and taken off the energy part of each bill. "
        "The compensation can bring the energy part to zero but never below it: the fixed power "
        "charge and the meter rental are always paid. It starts once the distributor registers "
        "your installation, which can take two or three billing periods after the installer "
        "files the paperwork; ask us to check the status if it does not appear.",
    ), (
        "Placas solares y compensación de excedentes",
        "Con la compensación simplificada de excedentes, la energía que vierten tus placas se "
        "valora al precio de excedentes de tu contrato y se resta del término de energía de cada "
        "factura. Puede dejar el término de energía a cero, pero nunca en negativo: el término de "
        "potencia y el alquiler del contador se pagan siempre. Empieza cuando la distribuidora da "
        "de alta tu instalación, lo que puede tardar dos o tres facturas desde que el instalador "
        "presenta los papeles; pídenos que lo revisemos si no aparece.",
    )),
    "debit": ("payments", (
        "Direct debit, bank account changes and payment plans",
        "Bills are charged by direct debit five days after they are issued, usually between the "
        "5th and the 10th of the month. To change the bank account, go to the Vatio app > Profile "
        "> Payment details and enter the new IBAN; it applies to the next bill. If a payment is "
        "returned we try again after seven days and send a reminder before any other step. If you "
        "cannot pay a bill in one go, ask for a payment plan of up to six monthly instalments at "
        "no extra cost.",
    ), (
        "Domiciliación, cambio de cuenta y fraccionar pagos",
        "Las facturas se cargan por domiciliación cinco días después de emitirse, normalmente "
        "entre el 5 y el 10 de cada mes. Para cambiar la cuenta bancaria, entra en la app Vatio > "
        "Perfil > Datos de pago y pon el nuevo IBAN; se aplica desde la siguiente factura. Si un "
        "recibo se devuelve, lo volvemos a pasar a los siete días y te avisamos antes de "
        "cualquier otro paso. Si no puedes pagar una factura de una vez, pide un plan de pago de "
        "hasta seis cuotas mensuales sin coste.",
    )),
    "app": ("app", (
        "The Vatio app: login and downloading bills",
        "If you cannot log in after an update, close the app fully, clear its cache (Android) or "
        "reinstall it (iPhone) and sign in with the email of your contract; use Forgot password "
        "if the code does not arrive. Bills from the last five years are under Bills, where each "
        "one can be downloaded as a PDF. Hourly consumption appears with a two-day delay, as the "
        "distributor sends it.",
    ), (
        "La app Vatio: acceso y descarga de facturas",
        "Si no puedes entrar tras una actualización, cierra la app del todo, borra la caché "
        "(Android) o reinstálala (iPhone) y accede con el email de tu contrato; usa He olvidado "
        "mi contraseña si no te llega el código. Las facturas de los últimos cinco años están en "
        "Facturas y cada una se descarga en PDF. El consumo por horas aparece con dos días de "
        "retraso, según lo envía la distribuidora.",
    )),
    "moving": ("contract", (
        "Moving house",
        "Moving out: tell us the date and send a meter reading on the day; we close the contract "
        "and send the final bill within a month, charged to the usual account. Moving in: give us "
        "the CUPS of the new home and, if the supply was cut off, the new connection is requested "
        "from the distributor and takes five to ten working days. You can keep your tariff and "
        "your discounts at the new address.",
    ), (
        "Mudanzas",
        "Si dejas una vivienda: dinos la fecha y envía una lectura del contador ese día; cerramos "
        "el contrato y la factura final llega en un mes, cargada a la cuenta de siempre. Si entras "
        "en una nueva: danos el CUPS de la vivienda y, si el suministro estaba dado de baja, "
        "pedimos el alta a la distribuidora, que tarda de cinco a diez días laborables. Puedes "
        "mantener tu tarifa y tus descuentos en la nueva dirección.",
    )),
    "social": ("contract", (
        "The social tariff (bono social)",
        "The social tariff gives a discount on the electricity bill to households with low "
        "income, large families and pensioners on the minimum pension. It is only offered by "
        "regulated-price suppliers, so to get it you switch to Vatio's regulated company, Vatio "
        "Regulada, with the application form, ID documents of everyone in the household and the "
        "padrón certificate; residents of any nationality with a NIE can apply. It must be "
        "renewed every two years: we write to you three months before it ends.",
    ), (
        "El bono social",
        "El bono social es un descuento en la factura de luz para hogares con pocos ingresos, "
        "familias numerosas y pensionistas con pensión mínima. Solo lo ofrecen las "
        "comercializadoras de referencia, así que para tenerlo hay que pasar a Vatio Regulada con "
        "la solicitud, los documentos de identidad de todos los que viven en casa y el "
        "certificado de empadronamiento; puede pedirlo cualquier residente con NIE. Se renueva "
        "cada dos años: te escribimos tres meses antes de que caduque.",
    )),
}
# fmt: on
