"""The matters of the probe world (bench/make_probe_set.py): two per help-centre topic, one in
English and one in Spanish, thread by thread.

Threads are written as bench/scripted_world.py describes.
"""

from __future__ import annotations

from scripted_world import F, M, T


def U(topic: str, lang: str) -> str:  # noqa: N802
    return f"https://help.vela.example/{lang}/{topic}"


# kind: how the two accounts of one person can be told to be one (see the triage README's `link`).
# fmt: off
PEOPLE: dict[str, dict] = {
    "ROAM": {"lang": "en", "name": "Gareth Pryce", "kind": "same_handle",
             "handles": {"reddit": "gpryce_travels", "forum": "gpryce_travels"}},
    "ESIM": {"lang": "es", "name": "Irene Saldaña", "kind": "same_handle",
             "handles": {"forum": "irenesal_88", "youtube": "irenesal_88"}},
    "ZGZ": {"lang": "es", "name": "Jorge Beltrán", "kind": "same_handle", "crm": True,
            "handles": {"youtube": "jbeltran_zgz", "reddit": "jbeltran_zgz"}},
    "VISIT": {"lang": "en", "name": "Nadia Okafor", "kind": "crm", "crm": True,
              "handles": {"youtube": "Nadia O", "reddit": "n_okafor_ldn"}},
    "PAY": {"lang": "es", "name": "Raúl Medina", "kind": "crm", "crm": True,
            "handles": {"forum": "raulmedina", "reddit": "rmedina_bcn"}},
    "TV": {"lang": "es", "name": "Paula Serrano", "kind": "selfref",
           "handles": {"reddit": "paulaserr", "forum": "pserrano_tv"}},
    "EXIT": {"lang": "en", "name": "Tom Hadley", "kind": "selfref",
             "handles": {"forum": "thadley", "reddit": "hadley_t_92"}},
    "PORT": {"lang": "en", "name": "Priya Raman", "kind": "selfref",
             "handles": {"youtube": "Priya R", "forum": "priya_r_mcr"}},
    "MOVE": {"lang": "en", "name": "Owen Castell", "kind": "crm_name", "crm": True,
             "handles": {"reddit": "owencastell", "youtube": "Owen Castell"}},
    # A CRM customer whose name a different YouTube commenter also uses.
    "CARMEN"
    : {"lang": "es", "name": "Carmen Ruiz", "crm": True, "handles": {"reddit": "cruiz_vlc"}},
    "HOLLOW"
    : {"lang": "en", "name": "Dan Whitlow", "crm": True, "handles": {"reddit": "hollowpine"}},
    "ELENA": {"lang": "es", "name": "Elena Casado", "crm": True,
              "handles": {"forum": "elenacasado"}},
}

STORIES = [
    T("reddit", "en", "eSIM QR code says 'already used'??",
      ("kestrel_jo", "question", 0,
       "Moving my Vela line to eSIM on the new Pixel and my home wifi dropped halfway through the "
       "install (my fault, not theirs). Now the QR says 'this code has already been used'. Do I "
       "request another one in the app, or do I have to go back to the physical SIM first?",
       M("esim-en", "esim")),
      ("brand", "other", 22,
       "Hi! Those codes only work once, so after a failed install you need a fresh one: Vela app "
       f"> Lines > eSIM > Request new code, then scan it on Wi-Fi. Guide: {U('esim', 'en')}"),
      ("kestrel_jo", "praise", 41, "new code worked first time, cheers 👍", F("esim-en"))),
    T("forum", "es", "eSIM sin activar desde el lunes",
      ("ESIM", "complaint", 0,
       "Contraté la línea con eSIM el lunes y a día de hoy el móvil sigue diciendo 'sin "
       "servicio'. He escaneado el QR dos veces, he reiniciado, nada. Estoy pagando una línea que "
       "no puedo usar y en el chat solo me dan largas.", M("esim-es", "esim")),
      ("brand", "other", 610,
       "Hola Irene, sentimos el retraso. Un código ya escaneado no vuelve a funcionar: pide uno "
       f"nuevo en Mi Vela (Líneas > eSIM) y escanéalo con wifi. Guía: {U('esim', 'es')}"),
      ("ESIM", "complaint", 1500,
       "Pedí el código nuevo como decís y sigue igual, 'sin servicio'. Tercer día sin línea.",
       F("esim-es")), key="esim-es"),
    T("youtube", "es", "Configurar tu eSIM de Vela en dos minutos",
      ("brand", "other", 0, "Configurar tu eSIM de Vela en dos minutos"),
      ("ESIM", "complaint", 4680,
       "la eSIM de vela sigue sin activarse después de 3 días y de pedir otro QR. ni el tutorial "
       "ni el foro lo arreglan 😤", M("esim-es", "esim")), after=("esim-es", -48)),
    T("youtube", "en", "Keeping your number when you switch to Vela",
      ("brand", "other", 0, "Switching to Vela? Here's how to bring your number with you."),
      ("PORT", "complaint", 3900,
       "Followed this exactly. Gave you my PAC on the 3rd, the date came and went and I still "
       "have the old network AND a Vela SIM with a temporary number. Six days now. Nobody answers "
       "the emails.", M("port-en", "porting")),
      ("PORT", "question", 2100, "hello?? any news, still stuck on the temp number", F("port-en")),
      key="port-en"),
    T("forum", "en", "Number transfer stuck for a week",
      ("PORT", "complaint", 0,
       "My number transfer to Vela has been stuck for over a week. PAC given, switch date passed, "
       "still on a temporary number. I left the same thing as a comment on your YouTube video (as "
       "Priya R), no reply there either.", M("port-en", "porting")),
      ("bramble_dev", "answer", 180,
       "Had exactly this in spring. If the old provider bounces the request the date just "
       "silently passes. Ask them for a fresh PAC and ring Vela with it, mine went through the "
       "next morning."),
      ("brand", "other", 760,
       "Hi Priya, sorry for the wait. That usually means the code expired. Could you DM us a "
       f"fresh one so we can rebook the transfer? More here: {U('porting', 'en')}"),
      ("PORT", "other", 35, "DM sent with the new code", F("port-en")),
      ("brand", "other", 300,
       "Got it, thanks. The transfer is booked for tomorrow morning; you'll get a text when it "
       "completes."),
      ("PORT", "praise", 1200, "Number moved this morning. Took a while but sorted, thank you.",
       F("port-en")), after=("port-en", 95)),
    T("reddit", "es", "¿Cuánto tarda la portabilidad a Vela?",
      ("nachete_92", "question", 0,
       "Buenas, me quiero pasar a Vela desde Movinet pero no me puedo quedar sin móvil por "
       "trabajo. ¿Cuánto tarda la portabilidad de verdad? ¿Me quedo muchas horas sin línea?",
       M("port-es", "porting")),
      ("alba_ferrer", "answer", 95,
       "A mí me la hicieron en dos días. La noche del cambio estuve como una hora sin cobertura, "
       "de madrugada, ni me enteré. Eso sí, no quites la SIM vieja hasta que se quede sin señal."),
      ("brand", "other", 40,
       "¡Hola! Suele tardar uno o dos días laborables y el cambio se hace de madrugada, así que "
       f"apenas notarás el corte. Más detalle: {U('porting', 'es')}"),
      ("nachete_92", "praise", 60, "genial, gracias a los dos 🙌", F("port-es"))),
    T("reddit", "en", "£140 of roaming for a weekend in Zurich. Seriously?",
      ("ROAM", "complaint", 0,
       "Went to Zurich for a long weekend, assumed it was covered like the rest of Europe. Got "
       "home to a £140 charge for data. No warning text that I noticed, nothing. How is "
       "Switzerland not in 'Europe'??", M("roam-en", "roaming")),
      ("fennwick", "complaint", 140,
       "same thing happend to me in Istanbul, £60 for two days of google maps 🙄",
       M("roam-en2", "roaming")),
      ("quietmoth", "answer", 200,
       "Their Zone 1 is basically the EU. Switzerland and Turkey need the Travel Pass bought "
       "before you leave. Also set a spending cap under Account > Limits, it cuts data off "
       "instead of billing you."), key="roam-en"),
    T("forum", "en", "Bill shock after a weekend in Switzerland",
      ("ROAM", "complaint", 0,
       "Charged £140 for data in Switzerland over one weekend with no warning. I want this "
       "reviewed, it's more than three months of my normal bill.",
       M("roam-en", "roaming", key="roam-fo")),
      ("ROAM", "complaint", 3,
       "Charged £140 for data in Switzerland over one weekend with no warning. I want this "
       "reviewed, it's more than three months of my normal bill.",
       M("roam-en", "roaming", dup="roam-fo")),
      ("brand", "other", 190,
       "Hi Gareth, sorry about the shock. Switzerland is outside Zone 1, but please DM us your "
       "account number and we'll review the charges."),
      ("ROAM", "other", 20, "Done, DM sent", F("roam-en")),
      ("brand", "other", 400,
       "Thanks Gareth, we've refunded half of the charge as a goodwill gesture and set a spending "
       "cap on your line so it can't happen again."),
      ("ROAM", "praise", 90, "Appreciate it, half back is more than I expected.", F("roam-en")),
      after=("roam-en", 5)),
    T("youtube", "es", "Marruecos en 10 días | vlog",
      ("Mochila y Ruta", "other", 0, "Vlog del viaje: Marrakech, el desierto y Chefchaouen."),
      ("Sofía Lamas", "question", 5200,
       "¿Alguien sabe si con la tarifa de Vela el roaming en Marruecos se cobra aparte? Me voy en "
       "diciembre y no quiero sorpresas en la factura", M("roam-es", "roaming")),
      ("brand", "other", 420,
       "Hola Sofía, Marruecos está fuera de la Zona 1 y se cobra por megas, pero puedes activar "
       f"un Bono Viaje antes de salir. Precios aquí: {U('roaming', 'es')}")),
    T("forum", "en", "Factory reset VelaHub? 192.168.1.1 won't load",
      ("deskfern", "question", 0,
       "How do I factory reset the VelaHub? I changed the wifi password months ago, forgot it, "
       "and the router's settings page won't open in the browser.", M("restart-en", "restart")),
      ("oldmodem", "answer", 35,
       "There's a tiny hole on the back next to the power socket. Paperclip in, hold about 10 "
       "seconds till the light goes amber. Then the name and password on the sticker work again."),
      ("deskfern", "praise", 50, "that did it, thanks @oldmodem", F("restart-en"))),
    T("reddit", "es", "El VelaHub se reinicia solo todas las noches",
      ("marcos_dlv", "complaint", 0,
       "Todas las noches sobre las 3 el VelaHub se reinicia y se corta todo. Tengo una cámara de "
       "vigilancia que se queda sin conexión y me salta la alarma. ¿Es normal??",
       M("restart-es", "restart")),
      ("brand", "other", 18,
       "Hola Marcos, a esa hora a veces se instalan actualizaciones, pero no debería pasar cada "
       f"noche. Te escribimos por privado para revisar el router. Guía: {U('restart', 'es')}"),
      ("marcos_dlv", "other", 25, "Ok, os contesto por privado", F("restart-es"))),
    T("reddit", "en", "600Mb plan, 40Mb in the bedroom",
      ("HOLLOW", "complaint", 0,
       "Paying for the 600Mb plan and the bedroom gets 40 on a good day. Speedtest next to the "
       "VelaHub says 580ish so the line is fine, it's the wifi. Is the VelaHub just weak or what?",
       M("wifi-en", "wifi")),
      ("tilly_b", "complaint", 50,
       "Same here, kitchens a dead zone. my flatmate u/kestrel_jo gave up and uses 4G lol",
       M("wifi-en2", "wifi")),
      ("netgoblin", "answer", 120,
       "Get it off the floor and out of the TV cabinet first, that alone doubled mine. Then split "
       "the bands: 5GHz for stuff near the router, 2.4 for the far rooms."),
      ("brand", "other", 560,
       "Hi there, that sounds like coverage rather than the line. Try Home > Wi-Fi > Optimise in "
       f"the app; if the bedroom is still slow, a Vela Mesh point usually fixes it: "
       f"{U('wifi', 'en')}")),
    T("forum", "es", "Wifi lentísimo por las noches",
      ("rocio.pz", "complaint", 0,
       "De 9 a 12 de la noche el wifi va a pedales, no carga ni un vídeo. Por la mañana perfecto. "
       "Vivo en un bloque con mil redes. ¿Hay algo que pueda hacer o me cambio de compañía?",
       M("wifi-es", "wifi", key="wifi-es")), key="wifi-es"),
    T("forum", "es", "Wifi lentísimo por las noches",
      ("rocio.pz", "complaint", 0,
       "Nadie responde, así que lo subo otra vez: de 9 a 12 de la noche el wifi va a pedales, no "
       "carga ni un vídeo. Por la mañana perfecto. Vivo en un bloque con mil redes. ¿Hay algo que "
       "pueda hacer o me cambio de compañía?", M("wifi-es", "wifi", dup="wifi-es")),
      after=("wifi-es", 20)),
    T("youtube", "en", "Vela TV on Samsung TVs - full setup",
      ("ScreenNerd", "answer", 0,
       "Walkthrough: installing Vela TV on a Samsung TV and signing in with the six-letter code "
       "from your phone."),
      ("Dev Khanna", "complaint", 4300,
       "The Vela TV app on my Samsung logs me out every single evening. Enter the code, works for "
       "an hour, then it kicks me out again. Paying for the sports pack and can't watch it.",
       M("tv-en", "tvlogin")),
      ("brand", "other", 25,
       "Hi Dev, that usually happens when the account has reached its five-device limit. Remove "
       "old devices under Vela TV > Devices and check the TV's clock is set automatically: "
       f"{U('tvlogin', 'en')}"),
      ("Dev Khanna", "praise", 180,
       "Removed 3 old phones from devices and it's stayed signed in all night. cheers",
       F("tv-en"))),
    T("reddit", "es", "¿Cómo entro en Vela TV en la tele?",
      ("TV", "question", 0,
       "Me acaban de instalar Vela TV y en la tele del salón me sale un código de letras para "
       "iniciar sesión. ¿Dónde se mete ese código? En la app del móvil no encuentro nada",
       M("tv-es", "tvlogin")), key="tv-es"),
    T("forum", "es", "Código de Vela TV en la smart tv",
      ("TV", "question", 0,
       "Alguien sabe dónde se introduce el código que sale en la tele al entrar en Vela TV? Ya lo "
       "pregunté en reddit como u/paulaserr pero nadie contesta. Llevo dos días sin ver nada",
       M("tv-es", "tvlogin")),
      ("pepe_ribera", "answer", 140,
       "Desde el móvil entra en vela.example/tv con tu usuario y ahí escribes las letras que "
       "salen en la tele. A mí me costó encontrarlo también."),
      ("TV", "praise", 30, "gracias!! ya funciona 😊", F("tv-es")), after=("tv-es", 26)),
    T("forum", "en", "£180 to leave because you don't cover my new flat",
      ("EXIT", "complaint", 0,
       "Moving to a village where Vela has no fibre at all. Rang to cancel and was told £180 "
       "early termination because I'm only two-thirds of the way through my contract. How is that "
       "fair when "
       "you're the ones who can't provide the service??", M("cancel-en", "cancel")),
      ("brand", "other", 1300,
       "Hi Tom, if we can't provide service at your new address there's no early termination "
       "fee. Please add the new address in the app under Account > Moving so the coverage check "
       f"is on record: {U('cancel', 'en')}"),
      ("EXIT", "complaint", 1900,
       "Did that. Coverage check says 'not available' and the cancellation screen STILL shows "
       "£180. Going round in circles.", F("cancel-en")), key="cancel-en"),
    T("reddit", "en", "Vela charging an exit fee when they can't even cover my address",
      ("EXIT", "complaint", 0,
       "Vela wants £180 to let me go even though their own checker says they can't supply my new "
       "address. Posted the whole saga on their forum as thadley, the support team there just "
       "repeats the help page. Anyone managed to get this waived?", M("cancel-en", "cancel")),
      ("ravenmarsh", "answer", 160,
       "Screenshot the 'not available' result and send it in writing quoting their own terms. "
       "They dropped mine within a week once I did that."), after=("cancel-en", 60)),
    T("youtube", "es", "Dejar Vela: permanencia y devolución del router",
      ("brand", "other", 0, "Todo lo que necesitas saber antes de dejar Vela."),
      ("Marta Quiles", "question", 2800,
       "Si me voy a los 7 meses de un contrato de 12, ¿cuánto me toca pagar? ¿Son todas las "
       "cuotas que faltan?", M("cancel-es", "cancel")),
      ("brand", "other", 30,
       "Hola Marta, es proporcional a los meses que faltan; el importe exacto te aparece en Mi "
       f"Vela antes de confirmar la baja. Más info: {U('cancel', 'es')}")),
    T("reddit", "en", "Payment failed and now my line is barred??",
      ("lanternjack", "complaint", 0,
       "My card expired, the payment failed, fine, my fault. But I paid it in the app within a "
       "DAY and my mobile is still barred 6 hours later. Can't make calls, need my phone for "
       "work. Ridiculous.", M("pay-en", "payment")),
      ("brand", "other", 45,
       "Hi, sorry about that, service should come back within an hour of payment. Can you DM us "
       "your number so we can lift the restriction by hand?"),
      ("lanternjack", "other", 12, "DM sent", F("pay-en")),
      ("brand", "other", 35,
       "Thanks, all done: calls and data are back, and we've waived the returned payment fee."),
      ("lanternjack", "praise", 20, "Working again. Sorted fast, appreciated 👍", F("pay-en"))),
    T("forum", "es", "Recibo devuelto y 5€ de gastos",
      ("PAY", "complaint", 0,
       "Cambié de banco, lo actualicé en la app y aun así me pasaron el recibo a la cuenta vieja. "
       "Ahora sale devuelto y me cobran 5€ de gastos de devolución. No me parece normal pagar por "
       "un error vuestro.", M("pay-es", "payment")),
      ("PAY", "question", 2700, "Sigo esperando... ¿alguien de Vela lee el foro?", F("pay-es")),
      key="pay-es"),
    T("reddit", "es", "Vela me cobra gastos de devolución por su error",
      ("PAY", "complaint", 0,
       "Actualicé la cuenta bancaria en Mi Vela hace un mes y han cargado el recibo en la "
       "antigua. Resultado: recibo devuelto + 5€ de penalización. Alguien ha conseguido que se lo "
       "quiten?", M("pay-es", "payment")),
      ("brand", "other", 130,
       "Hola Raúl, lo sentimos. Si el cambio de cuenta estaba hecho antes de emitir el recibo, "
       f"anulamos el cargo. Te escribimos por privado para comprobarlo. {U('payment', 'es')}"),
      ("PAY", "praise", 900, "Me lo han devuelto, gracias por la rapidez por aquí (en el foro ni "
       "caso)", F("pay-es")), after=("pay-es", 70)),
    T("youtube", "en", "Installation day with Vela",
      ("brand", "other", 0, "What to expect when a Vela engineer comes to install your fibre."),
      ("VISIT", "complaint", 6000,
       "What to expect? Nobody turning up, apparently. Took a day off work for the 8-1 slot, no "
       "engineer, no call, no text. Great start 👏", M("visit-en", "visit")),
      ("brand", "other", 900,
       "Hi Nadia, we're really sorry. Please report a missed visit the same day so we can book "
       f"the earliest available slot and add a credit to your bill: {U('visit', 'en')}"
       ), key="visit-en"),
    T("reddit", "en", "Engineer no-show, now the next slot is 12 days away",
      ("VISIT", "complaint", 0,
       "Vela engineer didn't show for my install on Tuesday. Reported it the same day like they "
       "say, and the 'first free slot' is 12 days away. No connection at the new place and I work "
       "from home. Any way to escalate?", M("visit-en", "visit")),
      ("mike", "answer", 240,
       "Ask to be put on the cancellation list, slots do come up. I got moved forward 9 days by "
       "calling every morning."), after=("visit-en", 103)),
    T("reddit", "es", "Mover la visita del técnico",
      ("anagv", "question", 0,
       "¿Se puede mover la visita del técnico? Me la han puesto el jueves por la mañana y "
       "trabajo. No encuentro dónde en la app", M("visit-es", "visit")),
      ("brand", "other", 15,
       "¡Hola Ana! Sí, con el enlace del SMS o en Mi Vela > Pedidos, hasta las 18:00 del día "
       f"antes. Te lo explicamos aquí: {U('visit', 'es')}"),
      ("anagv", "praise", 30, "Hecho, cambiada al viernes por la tarde. Gracias!", F("visit-es"))),
    T("reddit", "en", "Outage in Leeds? Status page says everything's fine",
      ("wrenfield", "complaint", 0,
       "No internet since about 7pm in LS6. Status page shows no faults for my postcode. Anyone "
       "else in Leeds without a connection tonight?", M("status-en", "status")),
      ("gritwell", "complaint", 20,
       "love how the status page is always green while the whole street is offline. truly "
       "world-class monitoring 🙃", M("status-en2", "status")),
      ("brand", "other", 28,
       "Hi both, we've found a fault on a street cabinet in LS6 and a team is fixing it. It "
       f"will show on the status page within 15 minutes: {U('status', 'en')}"),
      ("wrenfield", "praise", 170, "back up now, cheers for keeping us posted", F("status-en"))),
    T("youtube", "es", "¿Hay una avería en mi zona?",
      ("brand", "other", 0, "Te enseñamos a usar la página de estado de Vela."),
      ("ZGZ", "complaint", 4000,
       "pues en Zaragoza, barrio Delicias, sin internet desde las 8 de la mañana y en la web de "
       "averías pone que no hay incidencias. 6 horas ya",
       M("status-es", "status")), key="status-es"),
    T("reddit", "es", "¿Caída de Vela en Zaragoza?",
      ("ZGZ", "complaint", 0,
       "Sin internet en Zaragoza (Delicias) desde esta mañana y la web de estado de Vela en "
       "verde. ¿Alguien más de la zona?", M("status-es", "status")),
      ("zgz_maño", "complaint", 45, "Yo en Delicias tambien, desde las 8. Ni el movil tira bien",
       M("status-es2", "status")),
      ("ZGZ", "question", 600, "¿Alguna novedad? Seguimos igual", F("status-es")),
      after=("status-es", 68)),
    T("forum", "en", "How to add extra data mid-month?",
      ("sam_okoro", "question", 0,
       "Hit 80% of my data and it's only the 19th. Is there a way to buy a bit more just for this "
       "month without changing plan?", M("topup-en", "topup")),
      ("quietmoth", "answer", 65,
       "App > Lines > Add data. 5GB or 10GB, it lasts until your bill date, doesn't carry over "
       "though."),
      ("brand", "other", 200,
       f"Hi Sam, exactly as quietmoth says; the full details are here: {U('topup', 'en')}")),
    T("reddit", "es", "Compré 10GB extra y no aparecen",
      ("javi_rubio", "complaint", 0,
       "Ayer compré el bono de 10GB en la app, me lo cobraron (9,90€) y en Consumo no aparece "
       "nada. Sigo sin datos. Y el chat no contesta", M("topup-es", "topup")),
      ("nerea_lg", "answer", 240,
       "A mí me pasó lo mismo el mes pasado, el bono tardó como dos horas en salir en Consumo. "
       "Apaga y enciende los datos móviles, a veces con eso basta."),
      ("brand", "other", 1260,
       "Hola Javi, a veces el bono tarda unos minutos en verse; reinicia el móvil y, si sigue sin "
       f"aparecer, escríbenos por privado con tu número. {U('topup', 'es')}"),
      ("javi_rubio", "complaint", 200, "Reinciado tres veces y nada. Os escribo por privado",
       F("topup-es")),
      ("brand", "other", 2000,
       "Gracias Javi, ya está activo y te hemos devuelto el importe por las molestias."),
      ("javi_rubio", "praise", 60, "Funciona. Tarde, pero funciona", F("topup-es"))),
    T("reddit", "en", "Taking Vela broadband to a new flat",
      ("MOVE", "question", 0,
       "Moving across town on the 15th. Can I keep my Vela fibre and just take the router, or do "
       "I have to cancel and sign up again?", M("move-en", "moving")),
      ("brand", "other", 50,
       "Hi Owen, you can keep your plan: add the new address under Account > Moving a fortnight "
       f"before and we'll book the connection for your moving day. {U('moving', 'en')}"),
      key="move-en"),
    T("youtube", "en", "Moving home with Vela",
      ("brand", "other", 0, "How moving home works with Vela broadband."),
      ("MOVE", "complaint", 2000,
       "Did all this two weeks in advance like the video says and the new flat still isn't "
       "connected, three days after moving in. The order just says 'in progress'.",
       M("move-en", "moving")), after=("move-en", 120)),
    T("forum", "es", "Mudanza hace 3 semanas y sin fibra",
      ("ELENA", "complaint", 0,
       "Me mudé hace tres semanas, avisé con un mes de antelación y sigo sin fibra en el piso "
       "nuevo. Me cobran la cuota completa y trabajo con los datos del móvil. Vergonzoso",
       M("move-es", "moving")),
      ("brand", "other", 2200,
       "Hola Elena, lo sentimos mucho. Hemos revisado tu pedido y el técnico irá el jueves; la "
       f"cuota de estas semanas te la abonamos. {U('moving', 'es')}"),
      ("ELENA", "complaint", 3000, "El jueves no vino nadie. Otra vez. No sé ya qué más "
       "hacer 😩", F("move-es"))),
]
# fmt: on
