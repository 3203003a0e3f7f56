"""The people and the first matters of the unseen world (bench/make_unseen_set.py): late
deliveries, parcels marked delivered that never arrived, RayoBox lockers and customs fees on
imports, in English and Spanish, thread by thread.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from scripted_world import F, M, T

__all__ = ["PEOPLE", "STORIES", "F", "M", "T", "U"]


def U(topic: str, lang: str) -> str:  # noqa: N802
    return f"https://ayuda.rayoenvios.example/{lang}/{topic}"


# kind: how the two accounts of one person can be told to be one (see the triage README's `link`).
# fmt: off
PEOPLE: dict[str, dict] = {
    "MARTA": {"lang": "es", "name": "Marta Gil Roca", "kind": "same_handle", "crm": True,
              "handles": {"reddit": "martagilr", "forum": "martagilr"}},
    "OWEN": {"lang": "en", "name": "Owen Pryce", "kind": "same_handle",
             "handles": {"reddit": "owen_in_valencia", "youtube": "owen_in_valencia"}},
    "CHEMA": {"lang": "es", "name": "José María Ruiz", "kind": "same_handle",
              "handles": {"forum": "chema_rz", "youtube": "chema_rz"}},
    "FIONA": {"lang": "en", "name": "Fiona Blake", "kind": "crm", "crm": True,
              "handles": {"reddit": "fblake_alc", "forum": "fiona.b"}},
    "JORDI": {"lang": "es", "name": "Jordi Puig", "kind": "crm", "crm": True,
              "handles": {"youtube": "Jordi P", "forum": "jpuig_bcn"}},
    "ELENA": {"lang": "es", "name": "Elena Sanz", "kind": "selfref",
              "handles": {"reddit": "paquetera_harta", "forum": "elena_sanz_m"}},
    "GRAHAM": {"lang": "en", "name": "Graham Ellis", "kind": "selfref",
               "handles": {"reddit": "g_ellis", "forum": "grahame_costa"}},
    "NINA": {"lang": "en", "name": "Nina Castell", "kind": "selfref",
             "handles": {"youtube": "Nina Castell", "forum": "ninac_mad"}},
    "ROCIO": {"lang": "es", "name": "Rocío Marín", "kind": "crm_name", "crm": True,
              "handles": {"reddit": "rocio_mrn", "youtube": "Rocío Marín"}},
    # Two accounts of one person that nothing in the world ties together.
    "BADGER": {"lang": "en", "name": "Tom Keane", "kind": "none",
               "handles": {"reddit": "sleepybadger", "youtube": "T.K."}},
    # CRM customers on one channel; a different YouTube commenter shares Lucía Ferrer's name.
    "LUCIA": {"lang": "es", "name": "Lucía Ferrer", "crm": True,
              "handles": {"reddit": "lferrer_zgz"}},
    "STEVE": {"lang": "en", "name": "Steve Marsh", "crm": True, "handles": {"forum": "stevemarsh"}},
}

STORIES = [
    # -- late deliveries
    T("reddit", "en", "Rayo 'next day' delivery, day 6 and counting",
      ("OWEN", "complaint", 0,
       "Paid €6.90 extra for Rayo Next Day on Tuesday. It is now Monday. Tracking has said 'in "
       "transit to your area' since Wednesday. Next day, just not specifying which one I guess.",
       M("late-en", "late", key="late-en-op")),
      ("cass_rdz", "complaint", 25,
       "Same, ordered trainers for my son's birthday, 'arriving tomorrow' for four days now. "
       "Birthday was yesterday.", M("late-en-2", "late")),
      ("quayside_jo", "answer", 40,
       "If it's more than 2 working days late you can ask for the express surcharge back in the "
       "app, under the parcel > Something's wrong. Got mine refunded last month."),
      ("brand", "other", 170,
       "Hi Owen, sorry, the Valencia hub is running behind after last week's volumes. Could you DM "
       "us the tracking number? We'll chase it and refund the Next Day charge. More here: "
       f"{U('late', 'en')}", {"re": "late-en-op"}),
      ("OWEN", "other", 10, "DM sent", F("late-en")),
      ("OWEN", "complaint", 2900,
       "Two days after the DM. Still 'in transit to your area'. Refund hasn't shown up either.",
       F("late-en")), key="late-en"),
    T("youtube", "en", "Rayo Next Day: how it works",
      ("brand", "other", 0, "Order by 8pm, get it tomorrow. How Rayo Next Day works."),
      ("OWEN", "complaint", 600,
       "order by 8pm get it tomorrow 😂 mine's been 'tomorrow' for over a week",
       M("late-en", "late")),
      ("dutch_in_denia", "other", 200, "the optimism of this video is something"),
      after=("late-en", 40)),
    T("forum", "es", "Envío urgente que no llega",
      ("manoli_62", "complaint", 0,
       "Buenas. Mi hija me mandó unas medicinas por envío urgente desde Sevilla el lunes y hoy es "
       "viernes. En la página pone 'en reparto' desde el miércoles pero aquí no ha venido nadie. "
       "Las necesito, por favor que alguien mire qué pasa.", M("late-es", "late")),
      ("brand", "other", 2600,
       "Hola Manoli, disculpa la tardanza en responder. Hemos localizado el envío en la nave de "
       f"Córdoba y sale hoy en reparto. Plazos de entrega: {U('late', 'es')}"),
      ("manoli_62", "praise", 400, "Ya lo tengo en casa. Gracias.", F("late-es"))),
    T("reddit", "es", "¿Cuánto tarda un envío estándar de Madrid a Lugo?",
      ("MARTA", "question", 0,
       "Tengo que mandar una caja a mis padres a un pueblo de Lugo. ¿Alguien sabe cuántos días "
       "tarda el envío estándar de Rayo a zona rural? No corre prisa, solo por saberlo.",
       M("late-es-2", "late")),
      ("gallego_en_mad", "answer", 50,
       "A mi aldea de Ourense suele tardar 3 o 4 días laborables. Los pueblos pequeños los "
       "reparten solo algunos días a la semana."),
      ("brand", "other", 30,
       "Hola Marta, a zona rural el estándar tarda de 2 a 4 días laborables. Puedes verlo con tu "
       f"código postal aquí: {U('late', 'es')}"),
      ("MARTA", "praise", 20, "Perfecto, gracias a los dos", F("late-es-2"))),
    # -- delivered but not received
    T("reddit", "en", "Marked 'delivered', photo shows a door that isn't mine",
      ("FIONA", "complaint", 0,
       "Rayo says my parcel was delivered at 13:02 and the proof-of-delivery photo is of a blue "
       "door. My door is white. There is no blue door on my street. What now?",
       M("nr-en", "notreceived")),
      ("brand", "other", 30,
       "Hi Fiona, that's not good, sorry. Please DM us the tracking number and your address; "
       "we'll ask the driver and the depot today."),
      ("FIONA", "other", 15, "DM'd you", F("nr-en")),
      ("brand", "other", 380,
       "Thanks Fiona. The driver left it at the wrong number. We've recovered it and it will be "
       f"with you tomorrow morning. What we do in these cases: {U('notreceived', 'en')}"),
      ("FIONA", "praise", 1500, "Arrived this morning, thanks for chasing it.", F("nr-en")),
      key="nr-en"),
    T("forum", "en", "'Delivered' but not here - what do you do first?",
      ("FIONA", "complaint", 0,
       "Rayo shows my parcel delivered but it's nowhere. The photo is of someone else's door. "
       "Does anyone know how long they take to sort it out?", M("nr-en", "notreceived")),
      ("pensioner_pete", "answer", 35,
       "Ask the neighbours on both sides first, ours turned up behind the bins two doors down. "
       "Then report it in the app the same day, they want it within 48 hours."),
      after=("nr-en", -2)),
    T("forum", "es", "Marcado como entregado y no lo tengo",
      ("ELENA", "complaint", 0,
       "El pedido figura como entregado el jueves a las 18:40. Yo estaba en casa y nadie llamó. "
       "Ni en el buzón ni con los vecinos. Es un móvil de 300€.", M("nr-es", "notreceived")),
      ("sargantana_bcn", "answer", 60,
       "A mí me pasó lo mismo y lo tenía el portero de la finca de al lado, que tiene el mismo "
       "número pero en otra calle."),
      ("ELENA", "complaint", 1500,
       "ni portero ni vecinos. sigo esperando que alguien de rayo diga algo", F("nr-es")),
      key="nr-es"),
    T("reddit", "es", "Rayo da por entregado un móvil que no he recibido",
      ("ELENA", "complaint", 0,
       "Lo conté en el foro de Rayo como elena_sanz_m y allí no contesta nadie: me dan por "
       "entregado un móvil de 300€ que no he visto. Estaba en casa toda la tarde.",
       M("nr-es", "notreceived")),
      ("brand", "other", 90,
       "Hola Elena, sentimos mucho lo ocurrido. Mándanos por privado el número de envío y abrimos "
       f"la investigación con el repartidor hoy mismo. Cómo funciona: {U('notreceived', 'es')}"),
      ("ELENA", "other", 20, "enviado por privado", F("nr-es")),
      after=("nr-es", 30)),
    T("youtube", "es", "¿Tu paquete aparece como entregado y no lo tienes?",
      ("brand", "other", 0,
       "Qué hacer si tu envío figura como entregado y no lo encuentras: los pasos en dos minutos."),
      ("Paco Ledesma", "complaint", 1300,
       "Tres veces este mes. Tres. Y siempre el mismo vídeo de 'mira en los buzones de los "
       "vecinos'. A lo mejor el problema no son mis vecinos.", M("nr-es-2", "notreceived")),
      ("Inma Rivas", "answer", 45,
       "Yo puse una nota en el buzón con 'no dejar con vecinos' y lo marqué en la app en "
       "preferencias de entrega. Desde entonces bien."),
      ("brand", "other", 1600,
       "Hola Paco, tres veces en un mes no es normal. Escríbenos por privado con los envíos y lo "
       "revisamos con tu zona de reparto."),
      ("Paco Ledesma", "other", 30, "mandado", F("nr-es-2"))),
    # -- lockers
    T("reddit", "en", "RayoBox code expired before I could get there",
      ("BADGER", "complaint", 0,
       "Parcel went to a RayoBox on Thursday while I was away for work, got back Sunday night and "
       "the code has expired. Locker says 'parcel not found'. Where has it gone?",
       M("locker-en", "locker")),
      ("brand", "other", 45,
       "Hi, parcels stay in a locker for 3 days and then go back to the nearest Rayo point for 7 "
       f"more. Yours should be at the point next to the locker: {U('locker', 'en')}"),
      ("BADGER", "question", 20, "do I need a new code for the point or does the old one work?",
       F("locker-en")),
      ("brand", "other", 15, "The same tracking number and your ID are enough at the point."),
      ("BADGER", "praise", 300, "got it, cheers", F("locker-en")), key="badger"),
    T("youtube", "en", "How to collect from a RayoBox locker",
      ("brand", "other", 0, "Scan, open, done: how to pick up a parcel at a RayoBox locker."),
      ("T.K.", "complaint", 2000,
       "the locker in the Mercadona car park in Ruzafa has been 'out of service' for 3 days with "
       "my parcel inside it. scan, open, done... not quite", M("locker-en-2", "locker")),
      after=("badger", 50)),
    T("forum", "es", "La taquilla no abre, error E4",
      ("CHEMA", "complaint", 0,
       "La taquilla RayoBox de la gasolinera de la avenida me da error E4 al escanear el QR. Lo "
       "he intentado cinco veces. Mi paquete está dentro.", M("locker-es", "locker")),
      ("taquillero_mad", "answer", 30,
       "Prueba a meter el código a mano con 'Tengo un código' en vez del QR, a mí el lector me "
       "falló igual y así abrió."),
      ("CHEMA", "complaint", 200, "nada, a mano tambien da E4", F("locker-es")),
      ("brand", "other", 300,
       "Hola, el E4 es un fallo de la cerradura de esa taquilla. Hemos avisado al técnico y tu "
       f"paquete se pasa al punto Rayo más cercano mañana. Más: {U('locker', 'es')}"),
      ("CHEMA", "praise", 1400, "Recogido en el punto, gracias por avisar", F("locker-es"))),
    T("reddit", "es", "¿Cuántos días guardan el paquete en la taquilla?",
      ("ROCIO", "question", 0,
       "Pregunta rápida: si me mandan el paquete a una taquilla RayoBox, ¿cuántos días tengo "
       "para recogerlo antes de que lo devuelvan?", M("locker-es-2", "locker")),
      ("brand", "other", 25,
       "Hola Rocío, 3 días en la taquilla y después 7 más en el punto Rayo más cercano. Detalle: "
       f"{U('locker', 'es')}"),
      ("ROCIO", "praise", 10, "genial, gracias!", F("locker-es-2")), key="rocio"),
    T("youtube", "es", "Taquillas RayoBox: así funcionan",
      ("brand", "other", 0, "Cómo enviar y recoger paquetes en las taquillas RayoBox."),
      ("Rocío Marín", "question", 1200,
       "¿y se puede ampliar el plazo de la taquilla si estoy de viaje? me vuelvo el domingo",
       M("locker-es-2", "locker")),
      ("brand", "other", 40,
       "Hola Rocío, sí: una vez por envío, 48 horas más desde la app (Envío > Ampliar plazo)."),
      ("Rocío Marín", "praise", 15, "perfecto 👌", F("locker-es-2")), after=("rocio", 20)),
    # -- customs
    T("reddit", "en", "€27 in customs for a €30 hoodie from the UK??",
      ("gareth_pompey", "complaint", 0,
       "My mum sent me a hoodie from Portsmouth and Rayo want €27 before they'll deliver it. The "
       "hoodie cost £25. I could've bought three here.", M("customs-en", "customs",
                                                          key="gareth")),
      ("brexit_refugee", "answer", 20,
       "That's import VAT plus Rayo's customs handling fee, anything from the UK pays it now. "
       "If it was a gift under €45 it should be VAT free, so ask them to re-declare it."),
      ("kezza_abroad", "complaint", 30,
       "Same here, €19 on a birthday present from my sister. 'Handling'. Handled what exactly?",
       M("customs-en-2", "customs")),
      ("brand", "other", 500,
       "Hi Gareth, sorry for the shock. The amount is import VAT plus our €9 clearance fee. Gifts "
       "between individuals under €45 are VAT-free if the sender declared them as a gift; if "
       f"not, you can appeal in the app: {U('customs', 'en')}", {"re": "gareth"}),
      ("gareth_pompey", "complaint", 60,
       "So €9 for filling in a form. Lovely business model, really.", F("customs-en"))),
    T("forum", "en", "Customs on a parcel from family in the US?",
      ("STEVE", "question", 0,
       "My brother in Ohio wants to send some Christmas presents over. Will I have to pay "
       "anything when Rayo delivers them, and how do I pay it?", M("customs-en-3", "customs")),
      ("brand", "other", 1900,
       "Hi Steve, gifts up to €45 between individuals are VAT-free; above that import VAT applies "
       "plus our €9 clearance fee. We send you a text with a payment link before delivery: "
       f"{U('customs', 'en')}"),
      ("STEVE", "praise", 60, "Right, good to know in advance. Thanks.", F("customs-en-3"))),
    T("reddit", "es", "Aduanas: 18€ por un paquete de AliExpress",
      ("txema_bilbo", "question", 0,
       "Me ha llegado un SMS de Rayo para pagar 18,40€ de aduanas por unos auriculares de "
       "AliExpress. ¿Es legítimo o es un timo? El enlace es de rayoenvios.", M("customs-es",
                                                                              "customs")),
      ("chinashopper", "answer", 40,
       "Es legítimo, desde 2021 todo lo que viene de fuera de la UE paga IVA. Lo raro es que "
       "AliExpress normalmente lo cobra ya al comprar, mira tu pedido."),
      ("txema_bilbo", "complaint", 3000,
       "¿alguien de rayo? si no pago en 5 días lo devuelven y el enlace de pago me da error "
       "todo el rato", F("customs-es"))),
    T("youtube", "es", "Cómo pagar aduanas de paquetes de China (2026)",
      ("Compras Chinas TV", "answer", 0,
       "Todo sobre el IVA de importación: cuándo se paga, cuánto y cómo reclamar si te cobran dos "
       "veces."),
      ("Jordi P", "question", 900,
       "¿y si pagué las tasas a Rayo y luego rechacé el paquete y volvió al vendedor? ¿me "
       "devuelven lo que pagué?", M("customs-es-2", "customs")),
      ("Compras Chinas TV", "answer", 60,
       "Sí, pero lo tienes que pedir tú a la empresa de transporte, no lo hacen solos."),
      key="jordi-cus"),
    T("forum", "es", "Devolución de tasas de aduana de un paquete rechazado",
      ("JORDI", "question", 0,
       "Pagué 22€ de IVA de importación a Rayo y después rechacé el paquete porque venía mal. "
       "¿Cómo pido que me devuelvan las tasas?", M("customs-es-2", "customs")),
      ("brand", "other", 120,
       "Hola Jordi, en la app ve a Envío > Aduanas > Solicitar devolución y adjunta la prueba de "
       f"que el paquete volvió al remitente. Lo resolvemos en 10 días: {U('customs', 'es')}"),
      ("JORDI", "praise", 50, "Solicitado, gracias por la rapidez.", F("customs-es-2")),
      after=("jordi-cus", 20)),
]
# fmt: on
