"""Customers of the holdout world (bench/make_holdout_set.py) who write about two different
matters within hours or a day, on the same channel or another one, beside customers who tell one
matter again elsewhere in other words. A care team keeps the first kind as two tickets and the
second as one. Threads as in bench/holdout_stories.py; the one-off handles here are one person
on every platform they write on."""

from __future__ import annotations

from holdout_stories import F, M, T, U

# fmt: off
TWO_MATTERS = [
    # -- one person, two matters: an estimated bill on Reddit, a bank change on the forum
    T("reddit", "es", "Factura estimada de 190€ habiendo mandado la lectura",
      ("marga_alcala", "complaint", 0,
       "Me ha llegado una factura estimada de 190€ cuando mandé la foto del contador hace dos "
       "semanas. En la app la lectura sale como recibida. ¿Por qué estimáis entonces?",
       M("two-marga-1", "readings")), key="two-marga-1"),
    T("forum", "es", "Cambiar la cuenta de domiciliación",
      ("marga_alcala", "question", 0,
       "Este mes me he cambiado de banco. ¿Dónde pongo el IBAN nuevo para que los recibos de Lumen "
       "vayan a la cuenta nueva? No quiero que me devuelvan ninguno.",
       M("two-marga-2", "payment")), after=("two-marga-1", 3)),
    # -- one person, two matters on the same channel a day apart
    T("reddit", "en", "Lumen Fibra router reboots itself every evening",
      ("tom_whitby", "complaint", 0,
       "The Lumen Fibra router restarts on its own every evening around 8, right in the middle of "
       "video calls. All lights go off for a minute and come back. Third week of this.",
       M("two-tom-1", "router")),
      ("brand", "other", 300,
       "Sorry about that, Tom. A nightly restart is often the automatic update window; you can "
       f"move it or switch it off: {U('router', 'en')}"), key="two-tom-1"),
    T("reddit", "en", "Are Saturdays off-peak all day on Tres Tramos?",
      ("tom_whitby", "question", 0,
       "Separate question: on the Tres Tramos tariff, is the whole of Saturday and Sunday charged "
       "at the off-peak rate, or only the night hours?", M("two-tom-2", "time_bands")),
      after=("two-tom-1", 26)),
    # -- one person, two matters: solar surplus on the forum, a parent's meter under a video
    T("forum", "es", "¿Qué pasa con los excedentes que sobran?",
      ("rocio_granada", "question", 0,
       "Ya me aparece la compensación de las placas en la factura, bien. Pero si un mes vierto más "
       "de lo que consumo, ¿lo que sobra se pierde o se acumula para el mes siguiente?",
       M("two-rocio-1", "solar")), key="two-rocio-1"),
    T("youtube", "es", "Tu contador inteligente, explicado",
      ("brand", "other", 0, "Qué hace tu contador inteligente y cómo leerlo."),
      ("rocio_granada", "question", 130,
       "El contador de mi madre lleva sin mandar lecturas desde octubre y le llegan facturas "
       "estimadas. ¿Tiene que llamar a la distribuidora o lo gestionáis vosotros?",
       M("two-rocio-2", "smartmeter")), after=("two-rocio-1", 1)),
    # -- one person, one matter told again on another channel in other words
    T("forum", "en", "November direct debit bounced, money was there",
      ("pete_in_nerja", "complaint", 0,
       "My November direct debit to Lumen came back unpaid although there was plenty in the "
       "account. The bank says nothing was refused on their side.", M("two-pete", "payment")),
      key="two-pete"),
    T("reddit", "en", "€5 fee for a collection Lumen failed to make",
      ("pete_in_nerja", "complaint", 0,
       "And now a €5 'returned payment' charge on my account for a debit that Lumen itself failed "
       "to collect. Anyone else had this?", M("two-pete", "payment")),
      after=("two-pete", 4)),
    # -- one person, one matter: an outage, then the same outage asked under a video
    T("reddit", "es", "Sin luz en la Chana desde las 7",
      ("laura_mdz", "complaint", 0,
       "Se ha ido la luz en toda la Chana desde las 7 de la mañana y en el teléfono de averías de "
       "Lumen no para de comunicar.", M("two-laura", "outage")), key="two-laura"),
    T("youtube", "es", "Qué hacer si te quedas sin luz",
      ("brand", "other", 0, "Qué hacer si te quedas sin luz: pasos y a quién llamar."),
      ("laura_mdz", "complaint", 60,
       "seguimos sin luz en la Chana, cinco horas ya. alguien sabe algo?", F("two-laura")),
      after=("two-laura", 4)),
]
# fmt: on
