"""The people and the first matters of the blind world (bench/make_blind_set.py): blocked and
declined cards, delayed transfers, Bizum, fees and logging in, in English and Spanish.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from scripted_world import F, M, T


def U(topic: str, lang: str) -> str:  # noqa: N802
    return f"https://ayuda.brisa.example/{lang}/{topic}"


# kind: how the two accounts of one person can be told to be one (see the triage README's `link`).
# fmt: off
PEOPLE: dict[str, dict] = {
    "JORGE": {"lang": "es", "name": "Jorge Salas Peña", "kind": "same_handle", "crm": True,
              "handles": {"reddit": "jorgesalas_", "youtube": "jorgesalas_"}},
    "ELLIE": {"lang": "en", "name": "Ellie Brandt", "kind": "same_handle",
              "handles": {"reddit": "ellie_in_cadiz", "forum": "ellie_in_cadiz"}},
    "TXEMA": {"lang": "es", "name": "Txema Arregi", "kind": "same_handle",
              "handles": {"forum": "txema_arr", "youtube": "txema_arr"}},
    "GUANCHE": {"lang": "es", "name": "Airam Déniz", "kind": "same_handle",
                "handles": {"forum": "guanche_dev", "reddit": "guanche_dev"}},
    "OWEN": {"lang": "en", "name": "Owen Pritchard", "kind": "crm", "crm": True,
             "handles": {"reddit": "owenp_bcn", "forum": "o.pritchard"}},
    "CARLA": {"lang": "es", "name": "Carla Méndez Ruiz", "kind": "crm", "crm": True,
              "handles": {"youtube": "Carla M.", "forum": "carlamr"}},
    "ROCIO": {"lang": "es", "name": "Rocío Benavente", "kind": "selfref",
              "handles": {"reddit": "gatadeplaya", "forum": "rociob_sev"}},
    "MIKE": {"lang": "en", "name": "Mike Dunleavy", "kind": "selfref",
             "handles": {"reddit": "dunleavy_m", "youtube": "Mike D in Valencia"}},
    "PRIYA": {"lang": "en", "name": "Priya Raman", "kind": "selfref",
              "handles": {"forum": "priya_r", "reddit": "spreadsheetpriya"}},
    "LUCIA": {"lang": "es", "name": "Lucía Ferrer Vidal", "kind": "crm_name", "crm": True,
              "handles": {"reddit": "lferrer_v", "youtube": "Lucía Ferrer Vidal"}},
    # Two accounts of one person that nothing in the world ties together.
    "MOTH": {"lang": "en", "name": "Tom Hale", "kind": "none",
             "handles": {"forum": "moth_and_lamp", "youtube": "T.H."}},
    # CRM customers on one channel; a different YouTube commenter shares Andrea Gómez's name.
    "ANDREA": {"lang": "es", "name": "Andrea Gómez", "crm": True,
               "handles": {"reddit": "andrea_gz"}},
    "PAUL": {"lang": "en", "name": "Paul Whitfield", "crm": True,
             "handles": {"forum": "pwhitfield"}},
}

STORIES = [
    # -- blocked and declined cards
    T("reddit", "en", "Card declined at the supermarket checkout with a full balance. Again.",
      ("OWEN", "complaint", 0,
       "Third time this month. €400 in the account, card declined at Mercadona with a queue "
       "behind me, no notification, nothing in the app. Had to put the shopping back. What is "
       "the point of a bank card that works when it feels like it?",
       M("declined-en", "card_blocked", key="declined-en-op")),
      ("breadcrumb_bea", "answer", 25,
       "Check if you've got a limit set under Card > Limits, mine was on €100 a day by default "
       "after I reset the card and I didn't notice for weeks."),
      ("OWEN", "other", 15, "no limit set, I checked that first", F("declined-en")),
      ("brand", "other", 190,
       "Hi Owen, sorry, that's a horrible moment at a till. Could you DM us the time and amount "
       "of today's payment? We'll see exactly why it was turned down.", {"re": "declined-en-op"}),
      ("OWEN", "other", 20, "DM sent", F("declined-en")),
      ("OWEN", "question", 2900, "any update? two days and the DM has 'seen' and nothing else",
       F("declined-en")), key="declined-en"),
    T("forum", "en", "Card declined in shops but works online",
      ("OWEN", "complaint", 0,
       "Anyone else getting declines in physical shops this week? Online payments go through, "
       "contactless and chip+PIN get declined maybe one time in three. Already chasing Brisa on "
       "reddit, no real answer yet.", M("declined-en", "card_blocked")),
      ("ELLIE", "complaint", 50,
       "Yes! Same in Cádiz, twice at the petrol station yesterday. Thought it was their "
       "terminal.", M("declined-en-2", "card_blocked")),
      ("brand", "other", 300,
       "Hi both, we're looking into a problem with some card terminals in Spain that started on "
       "Monday. Until it's fixed, paying with Apple Pay or Google Pay works. Owen, we'll get back "
       f"to you in your DM. Our guide to declined payments: {U('card_blocked', 'en')}"),
      ("ELLIE", "praise", 1600,
       "Working again at the petrol station today, cheers for actually telling us what was going "
       "on.", F("declined-en-2")), after=("declined-en", 30)),
    T("youtube", "es", "Cómo congelar y desbloquear tu tarjeta Brisa",
      ("brand", "other", 0, "Congelar, descongelar y cambiar el PIN de tu tarjeta en 30 segundos."),
      ("JORGE", "question", 2200,
       "y si me bloqueo la tarjeta por meter mal el pin 3 veces?? en la app no me sale lo de "
       "descongelar, solo pone bloqueada", M("pin-es", "card_blocked")),
      ("Marisol Carrasco", "answer", 40,
       "A mí me pasó, fui a un cajero, cambié el PIN poniendo el bueno y listo, se desbloqueó "
       "sola"),
      ("brand", "other", 90,
       "Hola Jorge, es como dice Marisol: cambia el PIN en un cajero con el PIN correcto o "
       "restablécelo en la app (Tarjeta > Ajustes > PIN). Aquí lo explicamos: "
       f"{U('card_blocked', 'es')}"),
      ("JORGE", "praise", 35, "funcionó, gracias a los dos 🙌", F("pin-es")), key="pin-es"),
    T("reddit", "es", "Me bloquean la tarjeta por 'seguridad' en pleno viaje",
      ("ANDREA", "complaint", 0,
       "Estoy en Lisboa, pago la cena y me rechazan la tarjeta. Me llega un aviso de 'actividad "
       "sospechosa' y la tarjeta bloqueada. Sospechoso pagar una cena, claro que sí 👏👏. "
       "¿Alguien sabe cuánto tarda en desbloquearse?", M("fraud-es", "card_blocked")),
      ("pepe_delta", "answer", 30,
       "En la notificación te sale 'fui yo', le das y se desbloquea al momento. Me pasó en "
       "Roma."),
      ("ANDREA", "other", 20, "vale no había visto el botón. desbloqueada", F("fraud-es"))),
    T("reddit", "en", "Online payment keeps failing at the 'confirm in app' step",
      ("kiwi_in_madrid", "question", 0,
       "Trying to pay for flights on Vueling and the Brisa 'approve this payment' notification "
       "never shows up, so it times out. Notifications are on. Is there another way to confirm?",
       M("3ds-en", "card_blocked")),
      ("brand", "other", 40,
       "Hi! Open the Brisa app before you press pay and keep it in the background; the request "
       "will also appear inside the app under Notifications. If that still fails, log out and in "
       f"again to refresh the link with your phone: {U('card_blocked', 'en')}"),
      ("kiwi_in_madrid", "praise", 25, "logging out and in did it. flights booked, thanks!",
       F("3ds-en"))),
    # -- transfers
    T("reddit", "en", "Transfer 'under review' for 4 days, rent is due",
      ("PRIYA", "complaint", 0,
       "Sent my rent (€950) to my landlord on Thursday. It's been sitting at 'Under review' "
       "since. The app says 48 hours. It's Monday. My landlord thinks I'm lying. The chat bot "
       "just sends me the same article.", M("review-en", "transfers")),
      ("reefknot_sam", "answer", 60,
       "Mine got stuck once and they wanted a copy of the rental contract. Upload it in the "
       "chat, it moved within hours after that."),
      ("PRIYA", "complaint", 2800,
       "Uploaded the contract yesterday. Still under review. Landlord now sending me "
       "screenshots of the contract clause about late payment. Lovely.", F("review-en")),
      key="review-en"),
    T("forum", "en", "Rent transfer held for review - no one answering",
      ("PRIYA", "complaint", 0,
       "Same issue I posted on reddit (I'm spreadsheetpriya there): €950 transfer held 'under "
       "review' since Thursday, contract uploaded, no word. Does anyone from Brisa actually read "
       "this forum?", M("review-en", "transfers")),
      ("brand", "other", 45,
       "Hi Priya, we do, and sorry for the wait. The review team has your document; we've asked "
       "them to prioritise it and you'll hear back today. How reviews work: "
       f"{U('transfers', 'en')}"),
      ("PRIYA", "praise", 200, "It's gone through. Thank you for pushing it.", F("review-en")),
      after=("review-en", 94)),
    T("forum", "es", "Transferencia desde Brisa que no llega",
      ("ROCIO", "complaint", 0,
       "Hice una transferencia a la cuenta de mi madre en Unicaja el viernes a las 17h y el "
       "lunes a mediodía aún no le ha llegado. En Brisa aparece como 'enviada'. Lo puse en reddit "
       "como u/gatadeplaya y nadie me dice nada.", M("late-es", "transfers")),
      ("brand", "other", 35,
       "Hola Rocío, una transferencia ordinaria enviada un viernes después de las 15:00 sale el "
       "lunes y llega el martes. Si mañana no está, escríbenos y pedimos el justificante al otro "
       f"banco. Plazos: {U('transfers', 'es')}"),
      ("ROCIO", "other", 15, "ok, espero a mañana", F("late-es")), key="late-es"),
    T("reddit", "es", "¿Cuánto tarda una transferencia normal?",
      ("ROCIO", "question", 0,
       "Mandé dinero a Unicaja el viernes por la tarde y no ha llegado. ¿Es normal que tarde "
       "tanto? En Brisa pone enviada.", M("late-es", "transfers")),
      ("gaditano_83", "answer", 50,
       "Si la mandaste después de las tres sale el lunes. Usa la inmediata la próxima vez, es "
       "gratis."), after=("late-es", -4)),
    T("reddit", "en", "Incoming salary shows at my old bank two days earlier than Brisa?",
      ("hobnob_harry", "question", 0,
       "Genuine question, not a moan: my colleague's salary lands on the 28th at Santander and "
       "mine lands on the 30th at Brisa, same employer, same payroll run. Is Brisa holding it or "
       "is that the sender's side?", M("salary-en", "transfers")),
      ("ledger_lou", "answer", 45,
       "It's the payroll provider. Lots of them send 'internal' first to their own bank and "
       "everyone else by ordinary SEPA the next day."),
      ("hobnob_harry", "other", 30, "makes sense, cheers", F("salary-en"))),
    T("forum", "es", "transferencia inmediata rechazada sin motivo",
      ("fermin_gil", "complaint", 0,
       "intento mandar 3000€ con transferencia inmediata para la señal del piso y me sale "
       "'operacion no disponible'. la ordinaria si me deja pero la necesito hoy!!! que hago",
       M("instant-es", "transfers", key="instant-es-op")),
      ("paco_hdez", "answer", 40,
       "creo que el banco de destino tiene que aceptar inmediatas, no todos lo hacen. "
       "pregunta al vendedor qué banco es"),
      ("fermin_gil", "complaint", 1700, "ni respuesta de brisa. al final perdi el piso. genial",
       F("instant-es")), key="instant-es"),
    T("forum", "es", "transferencia inmediata rechazada (repito, nadie contesta)",
      ("fermin_gil", "complaint", 0,
       "repito porque nadie de brisa contesta: intento mandar 3000€ por transferencia inmediata "
       "para la señal de un piso y me sale 'operacion no disponible'. la ordinaria si me deja "
       "pero la necesito hoy!!! que hago", M("instant-es", "transfers", dup="instant-es-op")),
      after=("instant-es", 14)),
    # -- Bizum
    T("reddit", "es", "No puedo activar Bizum, dice que el número ya está registrado",
      ("LUCIA", "complaint", 0,
       "Me he pasado a Brisa y al activar Bizum me dice que mi número ya está dado de alta en "
       "otra entidad. Di de baja el Bizum en el BBVA hace tres días. ¿Cuánto más hay que esperar?",
       M("bizum-es", "bizum", key="bizum-es-op")),
      ("sandia_azul", "complaint", 30,
       "igual igual, llevo una semana así. y el del banco antiguo jura que ya está de baja",
       M("bizum-es-2", "bizum")),
      key="bizum-es"),
    T("youtube", "es", "Bizum en Brisa: cómo activarlo",
      ("brand", "other", 0, "Cómo activar Bizum en la app de Brisa paso a paso."),
      ("LUCIA", "complaint", 600,
       "Hice justo esto y me sigue diciendo que el número está en otra entidad, aunque ya lo di "
       "de baja. Tres días así.", M("bizum-es", "bizum")),
      ("brand", "other", 70,
       "Hola Lucía, a veces la baja en el banco anterior tarda en llegar al sistema de Bizum. "
       "Escríbenos por privado con tu número y lo pedimos nosotros. Más info: "
       f"{U('bizum', 'es')}"),
      ("LUCIA", "other", 20, "Enviado por privado", F("bizum-es")),
      ("LUCIA", "praise", 1500, "Ya funciona. Gracias!", F("bizum-es")),
      after=("bizum-es", 3)),
    T("forum", "en", "Sent a Bizum to the wrong number",
      ("ELLIE", "question", 0,
       "Sent €30 by Bizum for a football-club fee and typed one digit wrong 🤦‍♀️. The app says "
       "'pending'. Can I cancel it, or is that money gone?", M("bizum-en", "bizum")),
      ("TXEMA", "answer", 25,
       "Si el número no tiene Bizum te vuelve solo en dos días. If the number isn't on Bizum it "
       "comes back by itself, I did the same once."),
      ("ELLIE", "other", 2900, "it came back! phew", F("bizum-en"))),
    T("reddit", "en", "Bizum limit?",
      ("sunbeam_tess", "question", 0,
       "What's the daily Bizum limit on Brisa? Splitting a villa deposit with friends and need "
       "to receive around €1,500 tomorrow.", M("bizum-en-2", "bizum")),
      ("brand", "other", 30,
       "Hi Tess, you can receive up to €2,000 a day and send up to €1,000 a day by Bizum, so "
       f"you're fine. Details: {U('bizum', 'en')}")),
    T("youtube", "en", "Spain banking for expats: Bizum explained",
      ("Iberia Expat Guide", "answer", 0,
       "What Bizum is, which banks have it, and how to set it up on Brisa, BBVA and Santander."),
      ("deckchair_dan", "praise", 800, "finally someone explains it without rushing, subbed"),
      ("frankie_mcg", "question", 300,
       "does brisa let you bizum a foreign number? my kid has a uk mobile",
       M("bizum-en-3")),
      ("Iberia Expat Guide", "answer", 60,
       "@frankie_mcg Bizum only works with Spanish mobile numbers, at every bank, sadly.")),
    # -- fees
    T("reddit", "en", "Brisa charged me a 'weekend FX' fee nobody told me about",
      ("MIKE", "complaint", 0,
       "Paid a hotel in London on Saturday and got an extra 1% 'weekend exchange fee'. Brisa "
       "markets itself as no hidden fees. Where exactly was this one written? Honest question.",
       M("fx-en", "fees", key="fx-en-op")),
      ("oat_milk_olly", "answer", 35,
       "It's in the fees page, weekends are 1% extra. I just top up a Revolut for weekend stuff."),
      ("MIKE", "complaint", 20, "'in the fees page' is doing a lot of work there", F("fx-en")),
      key="fx-en"),
    T("youtube", "en", "Brisa fees explained (2026)",
      ("brand", "other", 0, "Every Brisa fee in four minutes: plans, foreign payments and cards."),
      ("MIKE", "complaint", 900,
       "You could put the weekend surcharge in the payment notification instead of a fees page. "
       "Asked on reddit as u/dunleavy_m, no answer there either.", M("fx-en", "fees")),
      ("brand", "other", 1300,
       "Hi Mike, fair point and we've passed it on. The 1% applies at weekends because currency "
       f"markets are closed; weekdays have no mark-up. All fees: {U('fees', 'en')}"),
      after=("fx-en", 20)),
    T("forum", "es", "Me han cobrado 5€ por la tarjeta nueva",
      ("CARLA", "complaint", 0,
       "Pedí tarjeta nueva porque la mía tenía el chip roto y me han cobrado 5 euros. ¿En serio "
       "me cobráis por algo que se rompe solo?", M("replace-es", "fees")),
      ("brand", "other", 120,
       "Hola Carla, la reposición cuesta 5 €, pero si la tarjeta estaba defectuosa no debería "
       "cobrarse. Mándanos un privado y lo revisamos. Comisiones: "
       f"{U('fees', 'es')}"),
      ("CARLA", "other", 15, "mandado", F("replace-es")),
      ("CARLA", "praise", 1400, "Devueltos los 5€, gracias", F("replace-es")), key="replace-es"),
    T("youtube", "es", "Brisa vs bancos tradicionales | ¿merece la pena?",
      ("Finanzas con Álvaro", "answer", 0,
       "Comparo Brisa con tres bancos de toda la vida: comisiones, app, tarjetas y atención."),
      ("CARLA", "other", 1000,
       "Yo me quejé por el cobro de la tarjeta y me lo devolvieron, en eso bien."),
      ("quinto_piso", "question", 200,
       "¿Brisa Plus merece la pena si solo viajo dos veces al año? 4,99 al mes me parece mucho",
       M("plus-es", "fees")),
      ("Finanzas con Álvaro", "answer", 45,
       "@quinto_piso para dos viajes al año yo no lo cogería, con el plan gratis te sobra"),
      after=("replace-es", 50)),
    T("reddit", "es", "¿Brisa cobra mantenimiento?",
      ("nieve_en_agosto", "question", 0,
       "Pregunta tonta: ¿la cuenta de Brisa tiene alguna comisión de mantenimiento o algo si no "
       "domicilias nómina?", M("maint-es", "fees")),
      ("cigarrita", "answer", 20, "ninguna, yo no tengo nómina ahí y 0€")),
    # -- login and two-step verification
    T("reddit", "en", "New phone, locked out of Brisa for 3 days",
      ("ELLIE", "complaint", 0,
       "Got a new phone, installed Brisa, did the selfie video, and it's been 'reviewing' for "
       "three days. Meanwhile I can't pay anything, can't see my balance, the card works but I "
       "have no idea what's on it. 'A few hours' they said 🙃", M("newphone-en", "login")),
      ("brand", "other", 400,
       "Hi Ellie, that's far longer than it should take, sorry. DM us the email on the account "
       "and we'll find where your check is stuck."),
      ("ELLIE", "other", 10, "DM'd", F("newphone-en")),
      ("brand", "other", 150,
       "Thanks Ellie, the video had failed silently; we've approved it by hand. Log in again and "
       f"you should be in. For next time: {U('login', 'en')}"),
      ("ELLIE", "complaint", 60, "still says under review on my side", F("newphone-en")),
      ("ELLIE", "other", 90, "ok restarting the phone did it, I'm in", F("newphone-en"))),
    T("forum", "es", "No me llega el SMS de verificación",
      ("TXEMA", "question", 0,
       "Al entrar en la app me pide el código por SMS y no llega. Ya lo he pedido cinco veces. "
       "El número es el de siempre. ¿Hay otra forma?", M("sms-es", "login")),
      ("brand", "other", 20,
       "Hola Txema, después de pedirlo espera dos minutos y elige 'Prefiero una llamada': te "
       f"leemos el código por teléfono. Aquí tienes más: {U('login', 'es')}"),
      ("TXEMA", "praise", 30, "con la llamada sí, gracias por la rapidez", F("sms-es"))),
    T("youtube", "es", "He probado 5 bancos online en un mes | vlog",
      ("La Cuenta de Nerea", "other", 0,
       "Un mes abriendo cuentas en cinco bancos online: lo que me gustó, lo que no y cuál me "
       "quedo."),
      ("TXEMA", "other", 1600, "lo del SMS de Brisa me pasó a mí también jaja, con la llamada "
       "se arregla"),
      ("pilarica_z", "complaint", 200,
       "a mi brisa me bloqueo la app por poner mal el codigo y ahora no puedo entrar, 30 minutos "
       "dice, ya llevo una hora", M("lock-es", "login")),
      ("La Cuenta de Nerea", "other", 50, "@pilarica_z uff qué rabia, ojalá se arregle pronto")),
    T("forum", "en", "Brisa on phone and tablet at the same time?",
      ("MOTH", "question", 0,
       "Is it possible to use the Brisa app on my phone and on an iPad at the same time? I log "
       "in on the iPad and it throws me out on the phone.", M("twodevices-en", "login"))),
]
# fmt: on
