"""More matters of the blind world (bench/make_blind_set.py): disputed card payments, opening an
account and the identity check, savings pots, cash abroad and card delivery, in English and
Spanish. Threads as in bench/blind_stories.py."""

from __future__ import annotations

from blind_stories import F, M, T, U

# fmt: off
MATTERS = [
    # -- disputes
    T("reddit", "en", "Charged twice by an airline, dispute 'in progress' for 5 weeks",
      ("halfmoon_rick", "complaint", 0,
       "Ryanair took €214 twice for one booking. Airline says talk to your bank. Opened a dispute "
       "in the Brisa app on 20 October. Five weeks later it still says 'In progress' and no "
       "provisional credit, even though your own page says 10 working days.",
       M("double-en", "disputes")),
      ("brand", "other", 35,
       "Hi, sorry it's dragged on. Could you DM us the dispute reference? We'll check why the "
       "provisional credit didn't go out."),
      ("halfmoon_rick", "other", 25, "Sent.", F("double-en")),
      ("brand", "other", 300,
       "Thanks, the credit of €214 is on your account now and the dispute stays open with the "
       f"card network. How it works: {U('disputes', 'en')}"),
      ("halfmoon_rick", "complaint", 4300,
       "And today the €214 was taken back out with no explanation. Still not fixed. Back to "
       "square one.", F("double-en")),
      ("halfmoon_rick", "question", 2800, "any update on this?", F("double-en")), key="double-en"),
    T("reddit", "es", "Reclamación por un pedido que nunca llegó",
      ("JORGE", "complaint", 0,
       "Compré unas zapatillas en una web que ahora ni contesta. Abrí reclamación en Brisa hace "
       "un mes, subí capturas y el correo de la tienda. Ni abono provisional ni nada. ¿Esto "
       "funciona o es de adorno?", M("dispute-es", "disputes")),
      ("carmen_de_triana", "answer", 90,
       "A mí tardaron unos 20 días en darme el abono provisional. Escríbeles por el chat con el "
       "número de la reclamación, por aquí no sé si lo miran."),
      ("JORGE", "other", 1500, "sigo esperando...", F("dispute-es"))),
    T("reddit", "es", "pago que no reconozco de 49,99",
      ("JORGE", "complaint", 0,
       "me aparece un cargo de 49,99 de una suscripcion que no he contratado nunca. congele la "
       "tarjeta. y ahora que?? me devuelven el dinero o me lo como",
       M("unknown-es", "disputes")),
      ("brand", "other", 55,
       "Hola Jorge, bien hecho congelando la tarjeta. Un pago que no reconoces lo tratamos como "
       "fraude: escríbenos por el chat de la app, lo anulamos y te pedimos tarjeta nueva sin "
       f"coste. Más info: {U('disputes', 'es')}"),
      ("JORGE", "other", 30, "hecho por el chat", F("unknown-es"))),
    T("forum", "en", "How long do disputes take?",
      ("PAUL", "question", 0,
       "Returned a jacket to Zalando three weeks ago, no refund yet. If I open a dispute with "
       "Brisa, roughly how long until I see the money? Not angry, just planning.",
       M("jacket-en", "disputes")),
      ("OWEN", "answer", 60,
       "Ask Zalando first with the return receipt. If they drag their feet, the dispute gives you "
       "a provisional credit in about two weeks."),
      ("brand", "other", 500,
       "Hi Paul, as Owen says, ask the shop first; if that fails, a dispute usually brings a "
       "provisional credit within 10 working days and the final answer within 45 days: "
       f"{U('disputes', 'en')}")),
    # -- account opening and identity check
    T("reddit", "en", "ID verification rejected 4 times. 'Document not readable'.",
      ("kestrel_jo", "complaint", 0,
       "Trying to open a Brisa account with my UK passport + NIE. Rejected four times, every time "
       "'document not readable'. The photo is crisp, I've tried daylight, lamp, different "
       "table. Starting to think they just don't want foreigners.",
       M("kyc-en", "kyc", key="kyc-en-op")), key="kyc-en"),
    T("reddit", "en", "(repost) Brisa ID check keeps rejecting my UK passport",
      ("kestrel_jo", "complaint", 0,
       "(repost, nobody answered) Brisa ID check rejected my UK passport four times as 'not "
       "readable'. Photo is perfectly clear. Anyone actually got this to work?",
       M("kyc-en", "kyc", dup="kyc-en-op")),
      ("windmill_wendy", "answer", 60,
       "The laminate on UK passports reflects like mad. Switch the flash off and tilt it "
       "slightly, worked for me on the 3rd try."),
      ("brand", "other", 200,
       "Hi Jo, sorry for the silence. Glare on the photo page is the usual culprit; Wendy's tip "
       "is the right one. If it fails again the app offers a manual review within 48 hours: "
       f"{U('kyc', 'en')}"),
      ("kestrel_jo", "praise", 90, "no flash + tilt = approved. thank you Wendy 🙏",
       F("kyc-en")), after=("kyc-en", 73)),
    T("forum", "es", "¿Puedo abrir cuenta con el NIE en trámite?",
      ("yasmina_oran", "question", 0,
       "Tengo la cita para la tarjeta de residencia en enero y de momento solo el pasaporte y "
       "el resguardo. ¿Me deja Brisa abrir cuenta así?", M("kyc-es", "kyc")),
      ("brand", "other", 600,
       "Hola Yasmina, necesitamos el número de NIE; el resguardo no nos sirve todavía, lo "
       f"sentimos. Los requisitos están aquí: {U('kyc', 'es')}"),
      ("yasmina_oran", "other", 40, "vale, pues a esperar a enero", F("kyc-es"))),
    T("youtube", "es", "Abrir cuenta en Brisa en 5 minutos",
      ("brand", "other", 0, "Abre tu cuenta Brisa desde el móvil en cinco minutos."),
      ("CARLA", "other", 3000, "a mi me tardo mas de 5 min pero bueno jaja"),
      ("Andrea Gómez", "complaint", 200,
       "5 minutos dice. Llevo 4 días con 'Necesitamos revisarlo' y ni un correo 😒",
       M("kyc-es-2", "kyc")),
      ("rubio_en_bici", "complaint", 100, "x2, seis días ya", M("kyc-es-3", "kyc"))),
    T("reddit", "es", "Revisión manual de la cuenta eterna",
      ("gaditano_83", "question", 0,
       "Mi mujer abrió la cuenta el lunes y sigue en 'Necesitamos revisarlo'. ¿Os suele tardar "
       "mucho la revisión manual? Lo digo para saber si pedir la nómina ya o esperar.",
       M("kyc-es-4", "kyc")),
      ("ANDREA", "answer", 80,
       "A mí dos días justos. Si pasan más de 48h escribe por el chat, ahí contestan."),
      ("brand", "other", 160,
       "Hola, la revisión manual tarda hasta 48 horas. Si mañana no está, escribe al chat y lo "
       f"miramos: {U('kyc', 'es')}")),
    # -- savings pots
    T("reddit", "en", "Does the savings pot interest compound?",
      ("PRIYA", "question", 0,
       "Spreadsheet question: the pot pays 2.1%. Is that worked out daily and paid monthly, and "
       "does the paid interest itself earn interest the next month?", M("pot-en", "savings")),
      ("ledger_lou", "answer", 30,
       "Daily, paid on the 1st, and yes, once it's in the pot it earns like the rest."),
      ("brand", "other", 70,
       "Hi Priya, Lou's right: calculated daily, paid on the first of each month into the pot, "
       f"where it earns from then on. Details: {U('savings', 'en')}"),
      ("PRIYA", "praise", 20, "perfect, thanks both", F("pot-en"))),
    T("forum", "es", "¿Han bajado el interés de la hucha?",
      ("ROCIO", "question", 0,
       "Me han pagado este mes menos intereses que el anterior con el mismo dinero en la hucha. "
       "¿Han bajado el tipo sin avisar?", M("pot-es", "savings")),
      ("nacho_bcn_", "answer", 100,
       "Noviembre tiene 30 días y octubre 31, por eso sale un poco menos."),
      ("ROCIO", "other", 45, "ahhh vale, no había caído", F("pot-es"))),
    T("youtube", "en", "Round-ups: how I saved €600 without noticing",
      ("Frugal in Spain", "answer", 0,
       "I turned on round-ups in my Brisa account for a year. Here's what happened, with the "
       "numbers."),
      ("MOTH", "question", 1800,
       "Can you take money out of the pot whenever you like or is it locked for a term?",
       M("pot-en-2", "savings")),
      ("Frugal in Spain", "answer", 40, "@T.H. whenever you like, it's instant"),
      ("tinned_peaches", "praise", 300, "this convinced me to turn it on, thanks")),
    T("reddit", "es", "La hucha no me deja sacar el dinero",
      ("bolboreta_gal", "complaint", 0,
       "Quiero pasar 300€ de la hucha al saldo para pagar el alquiler y el botón sale gris. "
       "Justo hoy. Me encanta 🙄", M("pot-es-2", "savings")),
      ("brand", "other", 25,
       "Hola, perdona el susto: hay un fallo desde esta mañana con el botón de la hucha en "
       "Android. Mientras lo arreglamos puedes moverlo desde la web (Ahorro > Mover). Más: "
       f"{U('savings', 'es')}"),
      ("bolboreta_gal", "praise", 40, "desde la web sí, gracias por contestar tan rápido",
       F("pot-es-2"))),
    # -- cash abroad
    T("reddit", "en", "2% fee on an ATM withdrawal in Morocco?",
      ("MIKE", "complaint", 0,
       "Took out 2,000 dirhams in Marrakech and Brisa charged me a 2% fee on top of the ATM's "
       "own fee. I'd taken out €150 earlier in the month in London. Is the €200 free limit per "
       "month or per trip? Because that fee says otherwise.", M("atm-en", "atm_abroad")),
      ("oat_milk_olly", "answer", 45,
       "Per calendar month, and London + Marrakech together is over 200. Annoying but that's "
       "the rule."),
      ("MIKE", "other", 30, "ah. that's on me then", F("atm-en"))),
    T("forum", "en", "ATM asked if I wanted to be charged in euros",
      ("PAUL", "question", 0,
       "At an ATM in Zürich the screen offered 'charge me in EUR, guaranteed rate'. I said yes "
       "and the rate looks awful. Should I have picked francs?", M("dcc-en", "atm_abroad")),
      ("brand", "other", 180,
       "Hi Paul, yes: always choose the local currency. The ATM's own conversion is usually much "
       f"worse than the card network's rate. More on cash abroad: {U('atm_abroad', 'en')}")),
    T("youtube", "es", "Viajar a Japón con tarjetas españolas | Vlog Tokio",
      ("Mochila y Ramen", "other", 0,
       "Primer día en Tokio: qué tarjetas funcionan, dónde sacar yenes y cuánto nos cobraron."),
      ("LUCIA", "other", 2000, "qué ganas de ir!! guardo el vídeo"),
      ("ratita_viajera", "question", 120,
       "alguien sabe cuanto cobra brisa por sacar yenes? voy en marzo",
       M("atm-es", "atm_abroad")),
      ("Mochila y Ramen", "answer", 60,
       "@ratita_viajera hasta 200€ al mes gratis y luego un 2%, nosotros sacamos en los 7-Eleven "
       "sin problema")),
    T("forum", "es", "Cajero en Marruecos se traga el dinero pero me lo cobran",
      ("CARLA", "complaint", 0,
       "Saqué 1000 dirhams en un cajero en Tánger, el cajero no me dio los billetes y en la app "
       "aparece el cargo. Llevo una semana y no me lo devuelven. Ya hablé con el chat y me dicen "
       "que esperar.", M("atm-es-2", "disputes")),
      ("brand", "other", 60,
       "Hola Carla, si el cajero no dispensó, el banco del cajero lo suele devolver solo en unos "
       "días; si no, abrimos reclamación nosotros. Te escribimos por privado para pedirte los "
       f"datos. Cómo funciona: {U('disputes', 'es')}"),
      ("CARLA", "complaint", 3000, "otra semana y nada. sigo esperando", F("atm-es-2"))),
    # -- card delivery
    T("reddit", "en", "Card never arrived, 3 weeks",
      ("ELLIE", "complaint", 0,
       "Ordered a replacement card three weeks ago. Tracking has said 'posted' since day one. "
       "Correos have no idea. How long am I supposed to wait?", M("deliv-en", "card_delivery")),
      ("coastal_chris", "answer", 20,
       "There's a button in the app under Card > Track delivery that says it hasn't arrived, "
       "they send a new one for free after 10 working days."),
      ("ELLIE", "praise", 60,
       "Didn't know that button existed. Pressed it. New one apparently ships tomorrow 🤞",
       F("deliv-en"))),
    T("forum", "es", "Tarjeta Brisa no llega a Canarias",
      ("GUANCHE", "complaint", 0,
       "Vivo en Tenerife y es la segunda tarjeta que me mandáis que no llega. ¿Enviáis a "
       "Canarias o no? Porque parece que no.", M("deliv-es", "card_delivery", key="deliv-es-op")),
      key="deliv-es"),
    T("forum", "es", "Tarjeta Brisa no llega a Canarias",
      ("GUANCHE", "complaint", 0,
       "Vivo en Tenerife y es la segunda tarjeta que me mandáis que no llega. ¿Enviáis a "
       "Canarias o no? Porque parece que no.", M("deliv-es", "card_delivery", dup="deliv-es-op")),
      ("brand", "other", 90,
       "Hola, sí enviamos a Canarias, aunque por aduanas tarda algo más. Te escribimos por "
       "privado para comprobar la dirección y mandarte una por mensajería sin coste. Mientras, "
       f"puedes pagar con la tarjeta virtual: {U('card_delivery', 'es')}"),
      ("GUANCHE", "other", 30, "vale, contesto por privado", F("deliv-es")),
      after=("deliv-es", 0.02)),
    T("reddit", "es", "Tarjeta Brisa no llega a Canarias",
      ("GUANCHE", "complaint", 0,
       "Vivo en Tenerife y es la segunda tarjeta que me mandan que no llega. ¿Envían a Canarias "
       "o no? Porque parece que no.", M("deliv-es", "card_delivery", dup="deliv-es-op")),
      ("tinerfeña_87", "answer", 40,
       "Pide el envío urgente, a mí con la mensajería me llegó en tres días."),
      after=("deliv-es", 0.5)),
    T("youtube", "en", "Unboxing the Brisa Plus metal card",
      ("Gadget Grove", "other", 0,
       "Unboxing the Brisa Plus metal card: weight, design and whether it's worth €4.99 a month."),
      ("JORGE", "other", 700, "la tarjeta metálica es una pasada, pesa un montón"),
      ("swift_kit", "question", 200,
       "how long did yours take to arrive? ordered mine 8 days ago", M("deliv-en-2",
                                                                     "card_delivery")),
      ("Gadget Grove", "answer", 90, "@swift_kit about a week, but mine came by courier")),
    T("reddit", "en", "Express delivery worth it?",
      ("gull_and_gin", "question", 0,
       "Flying out in 4 days, card hasn't arrived. Is the €6 express actually 2 days or will I "
       "be paying for nothing?", M("deliv-en-3", "card_delivery")),
      ("brand", "other", 15,
       "Hi! Express goes by courier and arrives in 2 working days. You can also add the virtual "
       f"card to Apple Pay or Google Pay right now: {U('card_delivery', 'en')}"),
      ("gull_and_gin", "praise", 2900, "arrived in 2 days as promised 👍", F("deliv-en-3"))),
]
# fmt: on
