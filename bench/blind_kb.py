"""Brisa's own help centre for the blind world (bench/make_blind_set.py): topic -> (category,
(English title, body), (Spanish title, body)). Three questions of the world have no article here:
a joint account for two holders, a yearly tax statement for the income-tax return and an account
for a business or a self-employed trade."""

# fmt: off
KB = {
    "card_blocked": ("cards", (
        "Card blocked or payments declined",
        "A card is blocked after three wrong PINs in a row: change the PIN at any ATM with the "
        "right one, or reset it in the Brisa app (Card > Settings > PIN), and it works again. If "
        "we think a payment might be fraud we stop it and send a notification; confirm it was you "
        "in the app and try again. Online payments are approved with a tap in the app (secure "
        "online payments), so keep notifications switched on. Check too that the card is not "
        "frozen (Card > Freeze) and that the payment is within your daily limits, which you can "
        "raise under Card > Limits.",
    ), (
        "Tarjeta bloqueada o pagos rechazados",
        "La tarjeta se bloquea tras tres PIN erróneos seguidos: cámbialo en cualquier cajero con "
        "el PIN correcto o restablécelo en la app de Brisa (Tarjeta > Ajustes > PIN) y vuelve a "
        "funcionar. Si sospechamos que un pago puede ser fraude lo paramos y te mandamos una "
        "notificación; confirma en la app que fuiste tú y repite el pago. Las compras por internet "
        "se aprueban con un toque en la app (pago seguro), así que deja las notificaciones "
        "activadas. Comprueba también que la tarjeta no esté congelada (Tarjeta > Congelar) y que "
        "el pago cabe en tus límites diarios, que puedes subir en Tarjeta > Límites.",
    )),
    "transfers": ("payments", (
        "When will my transfer arrive?",
        "Ordinary SEPA transfers sent before 15:00 on a working day arrive the next working day; "
        "later ones, or those sent at weekends and on bank holidays, leave on the next working "
        "day. Instant transfers arrive in seconds when the other bank accepts them. From time to "
        "time a transfer is held for a security review, shown as 'Under review' in the app; the "
        "review takes up to 48 hours and we may ask you to upload a document about the payment. "
        "Incoming transfers appear as soon as the sender's bank releases them.",
    ), (
        "¿Cuándo llega mi transferencia?",
        "Las transferencias SEPA ordinarias enviadas antes de las 15:00 de un día laborable llegan "
        "el siguiente día laborable; las posteriores, o las de fin de semana y festivos, salen el "
        "siguiente día laborable. Las inmediatas llegan en segundos si el banco de destino las "
        "admite. A veces retenemos una transferencia para una revisión de seguridad, que verás "
        "como 'En revisión' en la app; tarda hasta 48 horas y puede que te pidamos un documento "
        "sobre el pago. Las transferencias recibidas aparecen en cuanto el banco que las envía las "
        "libera.",
    )),
    "bizum": ("payments", (
        "Bizum: sending and receiving money by mobile number",
        "Turn on Bizum in the app (Payments > Bizum) with the mobile number registered with us. A "
        "number can only be linked to Bizum at one bank: if you used Bizum with another bank, "
        "unlink it there first, which can take up to 24 hours. You can send up to €1,000 a day and "
        "receive up to €2,000 a day. A Bizum sent to a number that is not registered waits for two "
        "days and then returns to your account by itself. Payments between people cannot be "
        "cancelled once sent.",
    ), (
        "Bizum: enviar y recibir dinero con el móvil",
        "Activa Bizum en la app (Pagos > Bizum) con el número de móvil que tienes registrado con "
        "nosotros. Un número solo puede estar en Bizum con un banco: si lo usabas con otro, "
        "dalo de baja allí primero, lo que puede tardar hasta 24 horas. Puedes enviar hasta "
        "1.000 € al día y recibir hasta 2.000 € al día. Un Bizum enviado a un número no registrado "
        "espera dos días y vuelve solo a tu cuenta. Los pagos entre personas no se pueden anular "
        "una vez enviados.",
    )),
    "fees": ("account", (
        "Plans and fees",
        "The Brisa plan has no monthly fee; Brisa Plus costs €4.99 a month and adds travel "
        "insurance, more free withdrawals abroad and a metal card. Card payments in other "
        "currencies use the network rate with no mark-up from Monday to Friday; at weekends we add "
        "1% because markets are closed. A second physical card or a replacement costs €5. Every "
        "fee appears in the app under Account > Fees, and a plan change takes effect on the first "
        "day of the next month.",
    ), (
        "Planes y comisiones",
        "El plan Brisa no tiene cuota mensual; Brisa Plus cuesta 4,99 € al mes e incluye seguro de "
        "viaje, más retiradas gratis en el extranjero y una tarjeta metálica. Los pagos con "
        "tarjeta en otras divisas usan el cambio de la red sin recargo de lunes a viernes; en fin "
        "de semana sumamos un 1 % porque los mercados están cerrados. Una segunda tarjeta física o "
        "una reposición cuesta 5 €. Todas las comisiones aparecen en la app en Cuenta > Comisiones "
        "y un cambio de plan se aplica el primer día del mes siguiente.",
    )),
    "login": ("app", (
        "Logging in, a new phone and two-step verification",
        "Brisa works on one phone at a time. On a new phone, log in with your email and passcode; "
        "we send a code by SMS and ask for a short selfie video to check it is you, which is "
        "reviewed within a few hours. If the SMS code does not arrive, check that the number in "
        "your profile is current and that the phone has signal, wait two minutes and ask for a "
        "voice call instead. After five wrong passcodes the app locks for 30 minutes. Never share "
        "a code: Brisa staff will never ask for one.",
    ), (
        "Entrar en la app, móvil nuevo y verificación en dos pasos",
        "Brisa funciona en un solo móvil a la vez. En un móvil nuevo entra con tu email y tu "
        "código de acceso; te mandamos un código por SMS y te pedimos un vídeo selfie corto para "
        "comprobar que eres tú, que revisamos en pocas horas. Si no llega el SMS, comprueba que el "
        "número de tu perfil está al día y que tienes cobertura, espera dos minutos y pide una "
        "llamada de voz. Tras cinco códigos erróneos la app se bloquea 30 minutos. No compartas "
        "nunca un código: nadie de Brisa te lo pedirá.",
    )),
    "disputes": ("cards", (
        "Disputing a card payment",
        "If a shop charged you twice, did not deliver or did not refund, first ask the shop. If "
        "that does not work, open a dispute in the app within 120 days of the payment (tap the "
        "payment > Something's wrong) and attach what you have: the order, emails, the return "
        "receipt. We usually add the money to your account as a provisional credit within 10 "
        "working days while the card network decides, which can take up to 45 days. A payment you "
        "do not recognise at all is fraud, not a dispute: freeze the card and tell us in the chat.",
    ), (
        "Reclamar un pago con tarjeta",
        "Si una tienda te cobró dos veces, no entregó o no devolvió el dinero, pídeselo primero a "
        "la tienda. Si no funciona, abre una reclamación en la app en los 120 días siguientes al "
        "pago (toca el pago > Algo va mal) y adjunta lo que tengas: el pedido, correos, el "
        "justificante de devolución. Normalmente te abonamos el importe de forma provisional en 10 "
        "días laborables mientras decide la red de tarjetas, que puede tardar hasta 45 días. Un "
        "pago que no reconoces en absoluto es fraude, no una reclamación: congela la tarjeta y "
        "avísanos por el chat.",
    )),
    "kyc": ("account", (
        "Opening an account and verifying your identity",
        "To open an account you need to be 18 or over, live in Spain and have a DNI, an NIE or a "
        "passport together with your NIE number. Take the photos of the document in good light, "
        "without glare or fingers over the edges, then record the selfie. Most checks finish "
        "within 24 hours; if one takes longer the app shows 'We need a closer look' and a person "
        "reviews it within 48 hours. If a check fails, the app tells you why (a blurred photo, an "
        "expired document, names that do not match) and lets you try again.",
    ), (
        "Abrir una cuenta y verificar tu identidad",
        "Para abrir una cuenta tienes que ser mayor de edad, vivir en España y tener DNI, NIE o "
        "pasaporte junto con tu número de NIE. Haz las fotos del documento con buena luz, sin "
        "reflejos ni dedos sobre los bordes, y luego graba el selfie. Casi todas las "
        "comprobaciones terminan en 24 horas; si tardan más, la app muestra 'Necesitamos "
        "revisarlo' y una persona lo revisa en 48 horas. Si falla, la app te dice por qué (foto "
        "borrosa, documento caducado, nombres que no coinciden) y te deja repetirlo.",
    )),
    "savings": ("savings", (
        "Savings pots and interest",
        "A pot is a separate space inside your account for saving towards something. Pots pay "
        "2.1% a year (gross), worked out every day and paid on the first day of each month; the "
        "rate can change and we tell you two months ahead. Round-ups move the change of every card "
        "payment into a pot. Money in a pot is yours at any time: move it back to your balance in "
        "the app, instantly and with no fee. Pots are covered by the deposit guarantee like the "
        "rest of your account.",
    ), (
        "Huchas e intereses",
        "Una hucha es un espacio aparte dentro de tu cuenta para ahorrar para algo. Las huchas "
        "rentan un 2,1 % TAE, calculado cada día y pagado el primer día de cada mes; el tipo puede "
        "cambiar y te avisamos con dos meses de antelación. El redondeo pasa a una hucha las "
        "vueltas de cada pago con tarjeta. El dinero de una hucha es tuyo en cualquier momento: "
        "pásalo a tu saldo desde la app, al instante y sin comisión. Las huchas están cubiertas "
        "por el fondo de garantía de depósitos como el resto de la cuenta.",
    )),
    "atm_abroad": ("cards", (
        "Withdrawing cash abroad",
        "With the Brisa plan, withdrawals outside the euro area are free up to €200 a month; above "
        "that we charge 2% of the amount. Brisa Plus raises the free allowance to €600. The ATM "
        "owner may add its own fee, which the screen shows before you confirm. When the ATM offers "
        "to charge you in euros, choose the local currency: the ATM's own conversion is usually "
        "much worse than the network rate. Withdrawals in euros inside the euro area are free.",
    ), (
        "Sacar dinero en el extranjero",
        "Con el plan Brisa, las retiradas fuera de la zona euro son gratis hasta 200 € al mes; por "
        "encima cobramos un 2 % del importe. Con Brisa Plus el límite gratis sube a 600 €. El "
        "dueño del cajero puede añadir su propia comisión, que sale en pantalla antes de "
        "confirmar. Si el cajero te ofrece cobrarte en euros, elige la moneda local: su cambio "
        "suele ser mucho peor que el de la red. Sacar euros dentro de la zona euro es gratis.",
    )),
    "card_delivery": ("cards", (
        "Card delivery",
        "Your physical card is sent by post to the address in your profile and arrives in 5 to 7 "
        "working days; express delivery (2 working days, by courier) costs €6. You can pay with "
        "the virtual card in the app and with Apple Pay or Google Pay from the moment your account "
        "opens. If the card has not arrived after 10 working days, report it in the app (Card > "
        "Track delivery > It hasn't arrived): we cancel it and send a new one for free. Activate "
        "the card by making a first payment with the PIN.",
    ), (
        "Envío de la tarjeta",
        "La tarjeta física se envía por correo a la dirección de tu perfil y llega en 5 a 7 días "
        "laborables; el envío urgente (2 días laborables, por mensajería) cuesta 6 €. Desde que "
        "se abre la cuenta puedes pagar con la tarjeta virtual de la app y con Apple Pay o Google "
        "Pay. Si no ha llegado en 10 días laborables, avísanos en la app (Tarjeta > Seguir envío > "
        "No ha llegado): la anulamos y te mandamos otra gratis. Se activa con el primer pago con "
        "PIN.",
    )),
}
# fmt: on
