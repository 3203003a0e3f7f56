"""A small bilingual KB and mention set written for the project's indexer tests (a made-up mobile
brand): own articles in English and Spanish, third-party answers, and mentions that the own KB
answers (router, double charge) or does not (eSIM activation, asked in both languages)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawlers.items import HelpDoc, Mention

NOW = datetime.now(UTC)

KB = [
    HelpDoc(source="kb", source_id="kb-router-en", lang="en",
            title="Wi-Fi keeps dropping: restart your router",
            body="If your Wi-Fi connection keeps dropping, unplug the router for 30 seconds, plug "
                 "it back in and wait until the light turns green. Keep it away from microwaves.",
            url="https://help.example.com/en/router"),
    HelpDoc(source="kb", source_id="kb-router-es", lang="es",
            title="El wifi se corta: reinicia el router",
            body="Si la conexión wifi se corta a menudo, desenchufa el router 30 segundos, vuelve "
                 "a enchufarlo y espera a que la luz se ponga verde. Aléjalo del microondas.",
            url="https://help.example.com/es/router"),
    HelpDoc(source="kb", source_id="kb-refund-en", lang="en",
            title="Charged twice? Refunds for duplicate charges",
            body="If your card was charged twice for the same bill, the duplicate charge is "
                 "refunded automatically within five business days.",
            url="https://help.example.com/en/refunds"),
    HelpDoc(source="kb", source_id="kb-refund-es", lang="es",
            title="¿Te cobramos dos veces? Reembolso de cargos duplicados",
            body="Si tu tarjeta recibió dos cargos por la misma factura, el cargo duplicado se "
                 "reembolsa automáticamente en cinco días hábiles.",
            url="https://help.example.com/es/reembolsos"),
    HelpDoc(source="kb", source_id="kb-cancel-en", lang="en",
            title="Cancel your subscription",
            body="Go to Account, then Plan, then Cancel. You keep access until the end of the "
                 "billing period and are not charged again.",
            url="https://help.example.com/en/cancel"),
    HelpDoc(source="third_party", source_id="se-router", lang="en", platform="forum",
            author="netguru", title="Router Wi-Fi drops every hour",
            body="Restart the router by unplugging it for 30 seconds; the Wi-Fi stops dropping.",
            url="https://forum.example.org/t/router-drops/1"),
    HelpDoc(source="third_party", source_id="rd-esim", lang="en", platform="reddit",
            author="simwizard", title="How I activated the eSIM on my new phone",
            body="To activate the eSIM, open Settings > Mobile data > Add eSIM and scan the QR "
                 "code from the welcome e-mail. If activation fails, restart the phone and scan "
                 "the QR code again.",
            url="https://www.reddit.com/r/examplemobile/comments/esim1/"),
]  # fmt: skip


def _m(source_id: str, text: str, *, days_ago: float, platform: str = "reddit", **kw) -> Mention:  # noqa: ANN003
    fields = {
        "platform": platform,
        "source_id": source_id,
        "author": kw.pop("author", f"user_{source_id}"),
        "text": text,
        "created_at": NOW - timedelta(days=days_ago),
    }
    fields.update(kw)
    return Mention(**fields)


MENTIONS = [
    _m("m-router-en", "My wifi keeps dropping every hour, how do I fix it?", days_ago=3,
       lang="en", author="alice"),
    _m("m-router-es", "Se me corta el wifi cada hora, ¿cómo lo arreglo?", days_ago=2,
       platform="youtube", lang="es", author="carlos"),
    _m("m-refund-es", "Me habéis cobrado dos veces la factura de este mes, ¿me lo devolvéis?",
       days_ago=5, platform="forum", lang="es", author="lucia"),
    _m("m-esim-1", "How do I activate the eSIM on my new phone?", days_ago=20, lang="en"),
    _m("m-esim-2", "eSIM activation keeps failing when I scan the QR code, any help?",
       days_ago=4, lang="en"),
    _m("m-esim-3", "¿Cómo activo la eSIM en mi móvil nuevo?", days_ago=1, lang="es",
       platform="youtube"),
    _m("m-legal", "You charged my card twice and I will take legal action, how do I get a refund?",
       days_ago=1, lang="en", author="dave"),
    _m("m-praise", "Love the new plan, great service", days_ago=1, lang="en"),
    _m("m-brand", "How do I activate the eSIM? Here is how.", days_ago=1, lang="en",
       by_brand=True),
    _m("m-old", "How do I activate the eSIM on my old tablet?", days_ago=90, lang="en"),
]  # fmt: skip
