"""More matters of the unseen world (bench/make_unseen_set.py): returns and refunds, damaged
parcels, changing the address or day in the app, tracking that stops moving, Rayo collection
points and drivers, with double posts and re-posts. Threads as in bench/unseen_stories.py."""

from __future__ import annotations

from unseen_stories import F, M, T, U

# fmt: off
MATTERS = [
    # -- returns and refunds
    T("reddit", "en", "Return collected 3 weeks ago, shop says it never arrived",
      ("GRAHAM", "complaint", 0,
       "Rayo collected a return (a €140 coat) from my flat on the 3rd. The shop says they never "
       "got it, so no refund. Rayo tracking just says 'collected'. Anyone been through this?",
       M("ret-en", "returns")),
      ("brand", "other", 60,
       "Hi Graham, sorry about that. Please DM us the return's tracking number and we'll find out "
       "where it is."),
      ("GRAHAM", "other", 15, "Sent.", F("ret-en")), key="ret-en"),
    T("forum", "en", "Return lost between Rayo and the shop",
      ("GRAHAM", "complaint", 0,
       "Still no sign of my return. I posted on reddit as u/g_ellis, got a 'DM us' and then "
       "silence for two days. The shop won't refund until Rayo confirms delivery.",
       M("ret-en", "returns")),
      ("brand", "other", 2000,
       "Hi Graham, the return was delivered to the shop's warehouse on the 9th; we've sent them "
       f"the signed proof of delivery. How returns work: {U('returns', 'en')}"),
      ("GRAHAM", "praise", 1300, "Shop refunded today. Took a while but got there.", F("ret-en")),
      after=("ret-en", 50)),
    T("youtube", "es", "Devoluciones gratis en tu punto Rayo",
      ("brand", "other", 0, "Cómo devolver un pedido en un punto Rayo sin imprimir nada."),
      ("Mayte G.", "question", 700,
       "¿la etiqueta la tengo que imprimir yo o me la imprimen en el punto? no tengo impresora",
       M("ret-es", "returns")),
      ("Pili Andújar", "answer", 40,
       "En el punto te la imprimen con el QR del correo, yo lo hice ayer en el estanco."),
      ("brand", "other", 90,
       "Así es, Mayte: enseña el QR en el punto y ellos imprimen la etiqueta. "
       f"{U('returns', 'es')}"),
      ("Mayte G.", "praise", 30, "mil gracias!!", F("ret-es"))),
    T("reddit", "es", "Devolución 'gratis' que me cuesta 4,95€",
      ("kikeverde", "complaint", 0,
       "La tienda dice devolución gratis con Rayo y en el punto me han cobrado 4,95€. O sea que "
       "gratis pero pagando. Muy bonito todo.", M("ret-es-2", "returns", key="kike1")),
      ("devuelvolotodo", "answer", 50,
       "La devolución gratis la paga la tienda, si no te han dado su etiqueta te cobran la "
       "tarifa normal. Reclámale a la tienda, no a Rayo."), key="kike"),
    T("forum", "es", "Devolución 'gratis' que me cuesta 4,95€",
      ("kikeverde", "complaint", 0,
       "La tienda dice devolución gratis con Rayo y en el punto me han cobrado 4,95€. O sea que "
       "gratis pero pagando. Muy bonito todo.", M("ret-es-2", "returns", dup="kike1")),
      ("brand", "other", 240,
       "Hola, la devolución es gratis cuando la tienda te da su etiqueta de Rayo; sin ella se "
       "cobra el envío normal. Si la tienda te la prometió, pídeles el reembolso de los 4,95€: "
       f"{U('returns', 'es')}"), after=("kike", 26)),
    T("reddit", "es", "¿Cuándo me devuelven el dinero de un envío cancelado?",
      ("LUCIA", "question", 0,
       "Cancelé un envío en la app antes de que lo recogieran. ¿En cuántos días se devuelve el "
       "importe a la tarjeta?", M("ret-es-3", "returns")),
      ("brand", "other", 35,
       "Hola Lucía, el reembolso sale el mismo día y tu banco tarda de 3 a 5 días laborables en "
       f"mostrarlo: {U('returns', 'es')}")),
    # -- damaged parcels
    T("forum", "en", "Parcel arrived crushed, TV screen cracked",
      ("helen_moraira", "complaint", 0,
       "Our new TV came in a box that looked like it had been sat on. Screen cracked in the "
       "corner. Refused? No, the driver had gone before I opened it.", M("dmg-en", "damaged")),
      ("brand", "other", 90,
       "Sorry Helen. Report it in the app within 24 hours with photos of the box and the TV and "
       f"we'll open a claim: {U('damaged', 'en')}"),
      ("helen_moraira", "complaint", 40,
       "Did that. Claim rejected for 'insufficient packaging'. It was in the manufacturer's own "
       "box with the polystyrene.", F("dmg-en")),
      ("helen_moraira", "complaint", 3000, "any update on this?", F("dmg-en"))),
    T("reddit", "es", "Me llegó la vajilla rota",
      ("lola_costurera", "complaint", 0,
       "Gracias Rayo por convertir la vajilla de mi abuela en un puzzle de 40 piezas 🙃 La caja "
       "ponía FRÁGIL por los seis lados.", M("dmg-es", "damaged")),
      ("brand", "other", 25,
       "Hola Lola, lo sentimos de verdad. Sube fotos de la caja y del contenido desde la app "
       f"(Envío > Tengo un problema) y lo tramitamos: {U('damaged', 'es')}"),
      ("lola_costurera", "other", 30, "hecho, fotos subidas", F("dmg-es")),
      ("brand", "other", 1500,
       "Gracias Lola, la reclamación está aprobada y el reembolso sale hoy."),
      ("lola_costurera", "praise", 2800, "Reembolso en la cuenta en dos días. Bien por vosotros.",
       F("dmg-es"))),
    T("forum", "es", "Caja empapada y el libro destrozado",
      ("MARTA", "complaint", 0,
       "Me han dejado la caja en el rellano con toda la lluvia que entraba por la ventana y el "
       "libro que era un regalo está hecho una pena. ¿Esto se puede reclamar?",
       M("dmg-es-2", "damaged")),
      ("ratón_de_biblio", "answer", 45,
       "Sí, haz fotos antes de tirar la caja y reclama en la app en 48 horas. A mí me lo "
       "pagaron.")),
    # -- changing address or day
    T("reddit", "en", "Can I change the delivery address after it's shipped?",
      ("pip_on_tour", "question", 0,
       "Ordered something to my flat but I'll be at my partner's all week. Can I move a Rayo "
       "delivery to another address once it's already on its way?", M("chg-en", "redirect")),
      ("brand", "other", 20,
       "Hi Pip, yes, until the parcel is out for delivery: app > your parcel > Change delivery. "
       f"Within the same province it's free: {U('redirect', 'en')}"),
      ("pip_on_tour", "praise", 15, "brilliant, done in 30 seconds", F("chg-en"))),
    T("youtube", "en", "Rayo app walkthrough: change day, safe place, neighbour",
      ("Expat Admin Help", "answer", 0,
       "A full walkthrough of the Rayo app: changing the delivery day, choosing a safe place and "
       "leaving it with a neighbour."),
      ("Nina Castell", "complaint", 1000,
       "the app lets you pick a new day and then the driver turns up on the old day anyway. "
       "happened to me twice now", M("chg-en-2", "redirect")),
      ("Expat Admin Help", "other", 60, "Ugh, that's frustrating. Hope they sort it!"),
      key="nina"),
    T("forum", "en", "Changed delivery day twice, driver ignores it",
      ("NINA", "complaint", 0,
       "I changed my delivery day in the app twice and both times the driver still came on the "
       "original day when I was at work. I mentioned it under a YouTube video as Nina Castell too. "
       "Who do I actually talk to?", M("chg-en-2", "redirect")),
      ("brand", "other", 300,
       "Hi Nina, sorry. The change reached the depot after the van was loaded. We've fixed the "
       "day on the depot's side for Thursday."),
      ("NINA", "complaint", 2000, "Thursday came and went. Third attempt, same story. Not sorted.",
       F("chg-en-2")), after=("nina", 30)),
    T("reddit", "es", "cambiar direccion de entrega",
      ("yeray_gc", "question", 0,
       "como cambio la direccion si ya esta en reparto?? me mude la semana pasada y el pedido "
       "va a la casa vieja", M("chg-es", "redirect")),
      ("nandoo", "answer", 25,
       "en la app > envio > cambiar entrega, pero si ya esta en reparto no te deja. a mi me lo "
       "cambiaron escribiendoles"),
      ("brand", "other", 1400,
       "Hola Yeray, una vez en reparto ya no se puede cambiar; si no te encuentra, el paquete "
       f"queda en el punto Rayo y desde allí lo puedes redirigir: {U('redirect', 'es')}")),
    T("forum", "es", "Cambiar la fecha de entrega",
      ("mjose_vlc", "question", 0,
       "Buenos días, ¿se puede elegir un día concreto de entrega? El martes no estoy en casa en "
       "todo el día.", M("chg-es-2", "redirect", key="mj1")), key="mj"),
    T("forum", "es", "Cambiar la fecha de entrega (nadie responde)",
      ("mjose_vlc", "question", 0,
       "Lo pregunto otra vez porque nadie contestó: ¿se puede elegir un día concreto de entrega? "
       "El martes no estoy en casa en todo el día.", M("chg-es-2", "redirect", dup="mj1")),
      ("brand", "other", 120,
       "Hola, sí: en la app, Envío > Cambiar entrega > Otro día, hasta las 22h del día anterior. "
       f"Guía: {U('redirect', 'es')}"),
      ("mjose_vlc", "praise", 45, "Muchas gracias, cambiado al miércoles.", F("chg-es-2")),
      after=("mj", 50)),
    # -- tracking stuck
    T("reddit", "en", "Tracking stuck on 'Arrived at hub' for 5 days",
      ("throwaway_parcel22", "complaint", 0,
       "Rayo tracking hasn't moved from 'Arrived at hub - Madrid Coslada' since last Thursday. "
       "No estimated date, nothing. Is it lost?", M("trk-en", "tracking", key="trk-op")),
      ("bobbin_lace", "complaint", 30,
       "same hub, same status, 4 days. phone line just hangs up on me", M("trk-en-2", "tracking")),
      ("brand", "other", 70,
       "Hi, sorry for the wait. Coslada had a sorting fault this week and some parcels weren't "
       "scanned; they're moving again. DM us the number if yours hasn't updated by tonight: "
       f"{U('tracking', 'en')}", {"re": "trk-op"}),
      ("throwaway_parcel22", "other", 600, "still stuck, DM'd", F("trk-en"))),
    T("forum", "es", "Seguimiento parado en 'En tránsito' 8 días",
      ("opositora_93", "complaint", 0,
       "Mi paquete lleva 8 días 'en tránsito' sin moverse. Son los temarios de la oposición y el "
       "examen es en tres semanas 😩", M("trk-es", "tracking")),
      ("brand", "other", 45,
       "Hola, lo hemos localizado en Zaragoza, se quedó sin escanear. Sale hoy y lo tienes mañana. "
       f"Qué significa cada estado: {U('tracking', 'es')}"),
      ("opositora_93", "praise", 1200, "¡Llegó! gracias por moverlo tan rápido", F("trk-es"))),
    T("youtube", "es", "¿Qué significa cada estado del seguimiento?",
      ("brand", "other", 0,
       "Recogido, en tránsito, en reparto, incidencia: qué significa cada uno."),
      ("Andrés Tena", "question", 2500,
       "'Incidencia en destino' que significa exactamente? lleva asi 3 dias y no dice nada mas",
       M("trk-es-2", "tracking")),
      ("Loli Peña", "answer", 80,
       "a mi me salia eso cuando la direccion estaba mal, faltaba el numero del piso")),
    T("reddit", "en", "Tracking number 'not found' on the Rayo site",
      ("new_in_malaga", "question", 0,
       "The shop sent me a Rayo tracking number two days ago and the site says 'not found'. "
       "Is the number wrong or does it take time to show up?", M("trk-en-3", "tracking",
                                                                key="nim1")), key="nim"),
    T("reddit", "en", "Tracking number 'not found' on the Rayo site",
      ("new_in_malaga", "question", 0,
       "The shop sent me a Rayo tracking number two days ago and the site says 'not found'. "
       "Is the number wrong or does it take time to show up?", M("trk-en-3", "tracking",
                                                                dup="nim1")),
      ("brand", "other", 180,
       "Hi! A number appears once we scan the parcel, usually within 48 hours of the label being "
       f"made. If not, the shop may not have handed it over yet: {U('tracking', 'en')}"),
      after=("nim", 0.02)),
    # -- collection points
    T("forum", "en", "Collection point closed, parcel sent back without a word",
      ("june_in_javea", "complaint", 0,
       "The Rayo point at the bakery closed for two weeks' holiday and my parcel went back to the "
       "sender. No email, no text. I only found out from the shop.", M("pick-en", "pickup")),
      ("brand", "other", 2500,
       "Hi June, sorry, points that close should have their parcels moved to the next point, not "
       f"returned. We've asked the shop to resend it: {U('pickup', 'en')}")),
    T("reddit", "es", "El punto Rayo del estanco nunca está abierto",
      ("vecino_cabreado", "complaint", 0,
       "El punto Rayo del estanco de mi calle pone horario de 9 a 21 y he ido cuatro veces en "
       "horario y estaba cerrado. ¿Dónde reclamo esto?", M("pick-es", "pickup")),
      ("cordobesa_k", "other", 60, "el de mi barrio igual jaja, abre cuando le da la gana")),
    T("reddit", "en", "Can someone else collect my parcel from a Rayo point?",
      ("oli_and_the_cat", "question", 0,
       "I'm stuck at work all week. Can my flatmate pick up my parcel from the Rayo point, and "
       "what does she need?", M("pick-en-2", "pickup")),
      ("dani", "answer", 20,
       "Yes, I do it for my flatmate all the time, you just need the pickup code and a photo of "
       "her ID on your phone."),
      ("oli_and_the_cat", "praise", 10, "thanks u/dani!", F("pick-en-2")),
      ("brand", "other", 60,
       "That's right. You can also add her as an authorised person in the app: "
       f"{U('pickup', 'en')}")),
    T("forum", "es", "¿Puedo elegir punto Rayo al comprar?",
      ("abuela_rosi", "question", 0,
       "Buenas tardes. ¿Cómo se elige un punto Rayo para que me dejen allí el paquete? En casa no "
       "hay nadie por las mañanas.", M("pick-es-2", "pickup")),
      ("brand", "other", 50,
       "Hola Rosi, al comprar elige 'Entrega en punto Rayo' o, si ya está enviado, en la app "
       f"Envío > Cambiar entrega > Punto Rayo: {U('pickup', 'es')}"),
      ("abuela_rosi", "praise", 200, "Gracias, ya está puesto.", F("pick-es-2"))),
    # -- drivers
    T("reddit", "es", "El repartidor ni llama, deja el aviso y se va",
      ("txus_getxo", "complaint", 0,
       "Tercer aviso de 'ausente' esta semana. Estaba en casa las tres veces. El repartidor deja "
       "el papel en el buzón sin llamar al timbre, récord mundial de entrega sin entregar.",
       M("drv-es")),
      ("mikel_ab", "complaint", 40,
       "En Barakaldo lo mismo, ni sube. Dos paquetes en el punto por 'ausente' con gente en casa.",
       M("drv-es-2")),
      ("brand", "other", 300,
       "Hola, lo sentimos, no es lo que esperamos de nuestros repartidores. Pasadnos por privado "
       "los números de envío y lo hablamos con la delegación.")),
    T("youtube", "en", "Packing tips from the Rayo team",
      ("brand", "other", 0, "Five packing tips so your parcel arrives in one piece."),
      ("Dave Orr", "complaint", 1800,
       "great tips. shame my doorbell cam caught your driver drop-kicking my box onto the drive "
       "from the van door", M("drv-en")),
      ("Mira Sol", "other", 30, "😂 the drop kick"),
      ("brand", "other", 400,
       "Hi Dave, that's not acceptable. Please DM us the clip and the tracking number so we can "
       "take it up with the depot.")),
    T("forum", "en", "Bad driver, great driver",
      ("penny_in_denia", "praise", 0,
       "After all the moaning on here, a shout-out to our Rayo driver in Dénia, Sergio. Carries "
       "the heavy boxes up three flights and always rings first. Give that man a raise.")),
]
# fmt: on
