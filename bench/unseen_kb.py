"""Rayo Envíos' own help centre for the unseen world (bench/make_unseen_set.py): topic ->
(category, (English title, body), (Spanish title, body)). Three questions of the world have no
article here: delivery at weekends, sending lithium batteries, and business accounts with volume
prices for small online shops."""

# fmt: off
KB = {
    "late": ("delivery", (
        "Delivery times and late parcels",
        "Standard delivery takes 1 to 2 working days between provincial capitals and 2 to 4 "
        "working days to rural areas, the Balearic Islands excepted; check the estimate for your "
        "postcode on the delivery times page. Rayo Next Day parcels ordered before 8pm are "
        "delivered the next working day. If a Next Day parcel arrives late, ask for the surcharge "
        "back in the app (your parcel > Something's wrong) and we refund it to the card used. At "
        "busy times a parcel can wait a day at a hub; if the tracking has not moved for more than "
        "two working days, write to us with the tracking number and we chase it with the depot.",
    ), (
        "Plazos de entrega y envíos con retraso",
        "El envío estándar tarda de 1 a 2 días laborables entre capitales de provincia y de 2 a 4 "
        "días laborables a zonas rurales, salvo Baleares; consulta el plazo de tu código postal en "
        "la página de plazos. Los envíos Rayo Next Day pedidos antes de las 20h se entregan el "
        "siguiente día laborable. Si un Next Day llega tarde, pide el reembolso del suplemento en "
        "la app (tu envío > Tengo un problema) y lo devolvemos a la tarjeta. En épocas de mucho "
        "volumen un paquete puede esperar un día en una nave; si el seguimiento no se mueve en más "
        "de dos días laborables, escríbenos con el número de envío y lo reclamamos a la "
        "delegación.",
    )),
    "notreceived": ("delivery", (
        "My parcel says delivered but I don't have it",
        "First check the proof-of-delivery photo and signature in the app, your letterbox, your "
        "building's concierge and your neighbours, and any safe place you chose. If the parcel is "
        "still missing, report it in the app within 48 hours of the delivery (your parcel > I "
        "haven't received it). We ask the driver and the depot for the GPS position of the "
        "delivery and answer within three working days; if the parcel cannot be recovered, the "
        "sender is refunded or sends a replacement. To avoid deliveries to neighbours, set your "
        "delivery preferences in the app.",
    ), (
        "Mi envío figura como entregado y no lo tengo",
        "Comprueba primero la foto y la firma de la entrega en la app, tu buzón, la portería del "
        "edificio, tus vecinos y el lugar seguro que hayas elegido. Si el paquete sigue sin "
        "aparecer, avísanos desde la app en las 48 horas siguientes a la entrega (tu envío > No lo "
        "he recibido). Pedimos al repartidor y a la delegación la posición GPS de la entrega y "
        "respondemos en tres días laborables; si el paquete no se recupera, el remitente recibe el "
        "reembolso o manda uno nuevo. Para que no se deje con vecinos, configura tus preferencias "
        "de entrega en la app.",
    )),
    "locker": ("delivery", (
        "RayoBox lockers: collecting and sending",
        "When your parcel reaches a RayoBox locker you get a QR code and a six-digit code by text "
        "and in the app. Scan the QR at the locker screen or tap 'I have a code' to type it. "
        "Parcels stay in the locker for 3 days and then move to the nearest Rayo point for 7 more "
        "days, where your tracking number and ID are enough. You can extend the locker time once "
        "by 48 hours in the app (Parcel > Extend). If a locker shows an error or is out of "
        "service, tell us: we move the parcel to the nearest point the next working day.",
    ), (
        "Taquillas RayoBox: recoger y enviar",
        "Cuando tu paquete llega a una taquilla RayoBox recibes un código QR y un código de seis "
        "cifras por SMS y en la app. Escanea el QR en la pantalla de la taquilla o pulsa 'Tengo un "
        "código' para escribirlo. Los paquetes se quedan 3 días en la taquilla y después pasan al "
        "punto Rayo más cercano 7 días más, donde basta con el número de envío y tu documento de "
        "identidad. Puedes ampliar el plazo una vez, 48 horas, desde la app (Envío > Ampliar "
        "plazo). Si una taquilla da error o está fuera de servicio, avísanos: llevamos el paquete "
        "al punto más cercano el siguiente día laborable.",
    )),
    "customs": ("imports", (
        "Customs, import VAT and our clearance fee",
        "Parcels from outside the EU, the United Kingdom included, pay import VAT before they are "
        "delivered, plus Rayo's clearance fee of €9 for handling the customs declaration. Gifts "
        "between individuals worth up to €45 are VAT-free if the sender declared them as a gift. "
        "We send you a text with the amount and a payment link that always ends in rayoenvios.es; "
        "if you do not pay within 5 days the parcel goes back to the sender. If you think the "
        "amount is wrong, appeal in the app before paying. If you paid and the parcel then went "
        "back to the sender, ask for a refund under Parcel > Customs > Request refund.",
    ), (
        "Aduanas, IVA de importación y nuestro gasto de gestión",
        "Los envíos de fuera de la UE, Reino Unido incluido, pagan el IVA de importación antes de "
        "la entrega, más 9€ de gestión aduanera de Rayo por tramitar la declaración. Los regalos "
        "entre particulares de hasta 45€ no pagan IVA si el remitente los declaró como regalo. Te "
        "mandamos un SMS con el importe y un enlace de pago que siempre termina en rayoenvios.es; "
        "si no pagas en 5 días, el paquete vuelve al remitente. Si crees que el importe está mal, "
        "recúrrelo en la app antes de pagar. Si pagaste y el paquete volvió al remitente, pide la "
        "devolución en Envío > Aduanas > Solicitar devolución.",
    )),
    "returns": ("returns", (
        "Returns and refunds",
        "To return a parcel, take it to any Rayo point with the QR code from the shop: the point "
        "prints the label, so you need no printer, and gives you a drop-off receipt. A return is "
        "free when the shop provides its Rayo label; without it the normal price is charged. The "
        "shop decides when to refund you, usually once we confirm delivery to its warehouse; if "
        "it says the return never arrived, send us the return's tracking number and we send the "
        "shop the signed proof of delivery. Shipments you cancel in the app before collection are "
        "refunded the same day; banks take 3 to 5 working days to show it.",
    ), (
        "Devoluciones y reembolsos",
        "Para devolver un paquete, llévalo a cualquier punto Rayo con el código QR de la tienda: "
        "el punto imprime la etiqueta, así que no necesitas impresora, y te da un resguardo. La "
        "devolución es gratis cuando la tienda te da su etiqueta de Rayo; sin ella se cobra la "
        "tarifa normal. La tienda decide cuándo te reembolsa, normalmente cuando confirmamos la "
        "entrega en su almacén; si dice que no le ha llegado, mándanos el número de la devolución "
        "y le enviamos la prueba de entrega firmada. Los envíos que cancelas en la app antes de la "
        "recogida se reembolsan el mismo día; el banco tarda de 3 a 5 días laborables en "
        "mostrarlo.",
    )),
    "damaged": ("claims", (
        "Damaged parcels and claims",
        "If a parcel arrives damaged, keep the box and the packaging and report it in the app "
        "within 24 hours of delivery (48 hours for hidden damage), under Parcel > Something's "
        "wrong, with photos of the outside of the box, the packaging and the damaged item. We "
        "answer within five working days. Claims can be refused when an item was sent without "
        "adequate packaging; a manufacturer's original box with its inner protection counts as "
        "adequate. Approved claims are refunded to the sender or to you, depending on who paid "
        "for the shipment.",
    ), (
        "Paquetes dañados y reclamaciones",
        "Si un paquete llega dañado, guarda la caja y el embalaje y avísanos desde la app en "
        "las 24 "
        "horas siguientes a la entrega (48 horas si el daño no se ve por fuera), en Envío > Tengo "
        "un problema, con fotos del exterior de la caja, del embalaje y del artículo. Respondemos "
        "en cinco días laborables. Una reclamación puede rechazarse si el artículo se envió sin un "
        "embalaje adecuado; la caja original del fabricante con su protección interior cuenta como "
        "adecuada. Las reclamaciones aprobadas se reembolsan al remitente o a ti, según quién "
        "pagara el envío.",
    )),
    "redirect": ("delivery", (
        "Changing the delivery address or day",
        "Until a parcel is out for delivery you can change where and when it is delivered in the "
        "app: Parcel > Change delivery. You can choose another day (until 10pm the day before), "
        "another address in the same province at no cost, a RayoBox locker, a Rayo point or a "
        "neighbour. Once the parcel is out for delivery it can no longer be changed; if nobody is "
        "home it is left at the nearest Rayo point, and from there you can redirect it again. "
        "Standing instructions for the driver (concierge, door code) are under Profile > Delivery "
        "preferences.",
    ), (
        "Cambiar la dirección o el día de entrega",
        "Hasta que el paquete sale a reparto puedes cambiar dónde y cuándo se entrega desde la "
        "app: Envío > Cambiar entrega. Puedes elegir otro día (hasta las 22h del día anterior), "
        "otra dirección de la misma provincia sin coste, una taquilla RayoBox, un punto Rayo o un "
        "vecino. Cuando el paquete ya está en reparto no se puede cambiar; si no hay nadie en "
        "casa, se deja en el punto Rayo más cercano y desde allí puedes volver a redirigirlo. Las "
        "instrucciones fijas para el repartidor (portero, código del portal) están en Perfil > "
        "Preferencias de entrega.",
    )),
    "tracking": ("delivery", (
        "Tracking: what each status means",
        "A tracking number appears once we scan the parcel, usually within 48 hours of the shop "
        "creating the label; 'not found' before that means the shop has not handed it over yet. "
        "'Collected' means we have it, 'Arrived at hub' and 'In transit' that it is moving "
        "between our depots, 'Out for delivery' that it is in the van today. 'Incident at "
        "destination' usually means an incomplete or wrong address: check the flat or door number "
        "in the app. If a status has not changed for more than two working days, send us the "
        "tracking number and we locate the parcel.",
    ), (
        "Seguimiento: qué significa cada estado",
        "El número de envío aparece cuando escaneamos el paquete, normalmente en las 48 horas "
        "siguientes a que la tienda cree la etiqueta; 'no encontrado' antes de eso significa que "
        "la tienda aún no nos lo ha entregado. 'Recogido' quiere decir que lo tenemos, 'En nave' y "
        "'En tránsito' que se mueve entre delegaciones, 'En reparto' que va hoy en la furgoneta. "
        "'Incidencia en destino' suele indicar una dirección incompleta o errónea: revisa el piso "
        "o el número del portal en la app. Si un estado no cambia en más de dos días laborables, "
        "mándanos el número de envío y localizamos el paquete.",
    )),
    "pickup": ("delivery", (
        "Rayo collection points",
        "Rayo points are shops (newsagents, bakeries, petrol stations) that keep parcels for 7 "
        "days. Choose one when you buy, or switch a parcel to one in the app (Parcel > Change "
        "delivery > Rayo point). To collect, show the pickup code and your ID; someone else can "
        "collect with the code and a photo of your ID, or you can add them as an authorised "
        "person in the app. If a point closes temporarily its parcels are moved to the next "
        "point and you get a text; tell us if a point is often closed during its opening hours.",
    ), (
        "Puntos Rayo de recogida",
        "Los puntos Rayo son comercios (estancos, panaderías, gasolineras) que guardan los "
        "paquetes 7 días. Elige uno al comprar o pasa un envío a un punto desde la app (Envío > "
        "Cambiar entrega > Punto Rayo). Para recoger, enseña el código de recogida y tu documento "
        "de identidad; otra persona puede recogerlo con el código y una foto de tu documento, o "
        "puedes añadirla como autorizada en la app. Si un punto cierra temporalmente, sus "
        "paquetes pasan al punto siguiente y te avisamos por SMS; avísanos si un punto está a "
        "menudo cerrado en su horario.",
    )),
}
# fmt: on
