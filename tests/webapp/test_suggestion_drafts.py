"""Stored suggestions as the pages show them: nothing before the knowledge index is built
(pending, no other ranking stands in); then the indexer's drafts, in the customer's language
when the article is in it, in the channel's format, with attribution for third-party answers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crawlers.items import utcnow
from indexer.version import kb_version
from pipelines.models.records import KnowledgeDoc, Mention
from tests.webapp.support import store_suggestions
from webapp import suggestions

KEYS = set(suggestions.WEB_KEYS) | set(suggestions.CLI_KEYS)
ES_CLOSE = "Si no se resuelve, responde aquí y lo revisamos contigo."


def _seed(db) -> dict[str, int]:  # noqa: ANN001
    now = utcnow()
    posts = {
        "es_reddit": ("reddit", "ana_r", "Me cobraron dos veces",
                      "Me cobraron dos veces el plan del router este mes", "es"),
        "es_youtube": ("youtube", "Ana R", None, "Me cobraron dos veces el plan del router", "es"),
        "en_youtube": ("youtube", "Sam", None, "I was charged twice for my router plan", "en"),
    }  # fmt: skip
    ids = {}
    with db.session() as s:
        s.add_all([
            KnowledgeDoc(source="kb", source_id="kb-es", title="Cobro duplicado del plan",
                         body="Si te cobraron dos veces el plan del router, devolvemos el cargo "
                              "duplicado en 5 días. La factura muestra las dos líneas hasta "
                              "entonces.",
                         url="https://help.example.com/es/cobro", lang="es", content_hash="k1"),
            KnowledgeDoc(source="kb", source_id="kb-en", title="Charged twice for your plan",
                         body="A double charge on the router plan is refunded within 5 days.",
                         url="https://help.example.com/en/billing", lang="en", content_hash="k2"),
            KnowledgeDoc(source="third_party", source_id="rd-es", platform="reddit",
                         title="Me cobraron dos veces [solucionado]",
                         body="Llama a facturación y pide la anulación del cobro duplicado; a mí "
                              "me funcionó.",
                         url="https://www.reddit.com/r/ayuda/1", lang="es", author="pepe_ayuda",
                         content_hash="k3"),
        ])  # fmt: skip
        for n, (key, (platform, author, title, text, lang)) in enumerate(posts.items()):
            m = Mention(platform=platform, source_id=f"p{n}", kind="post", thread_id=f"t{n}",
                        author=author, title=title, text=text, lang=lang,
                        created_at=now - timedelta(minutes=n), content_hash=f"h{n}")  # fmt: skip
            s.add(m)
            s.flush()
            ids[key] = m.id
    return ids


def _stored(settings, db, mention_id: int) -> list[dict]:  # noqa: ANN001
    with db.sessionmaker() as s:
        post = s.get(Mention, mention_id)
        found = suggestions.rank(settings, s, [post], post, db=db, compute=True)["suggestions"]
    assert found and all(set(f) == KEYS for f in found)  # the page/API shape
    return found


def test_nothing_stands_in_before_the_knowledge_index(settings, db) -> None:  # noqa: ANN001
    ids = _seed(db)
    assert kb_version(settings) is None
    with db.sessionmaker() as s:
        post = s.get(Mention, ids["es_reddit"])
        found = suggestions.rank(settings, s, [post], post)
    assert found["pending"] and found["suggestions"] == []


@pytest.mark.slow
def test_drafts_in_the_customers_language_and_channel_format(settings, db) -> None:  # noqa: ANN001
    ids = _seed(db)
    store_suggestions(settings, db)

    # a Spanish Reddit post: a Spanish draft in Reddit markdown (quote, escaped link)
    found = _stored(settings, db, ids["es_reddit"])
    top = found[0]
    assert (top["source"], top["lang"]) == ("kb", "es")
    assert top["draft"].startswith(
        "Hola, u/ana_r: nuestro artículo de ayuda lo explica:\n\n> Si te cobraron dos veces"
    )
    assert "Fuente: [Cobro duplicado del plan](https://help.example.com/es/cobro)" in top["draft"]
    assert top["draft"].endswith(ES_CLOSE)
    # the Spanish community answer: attributed, its markdown escaped
    [tip] = [f for f in found if f["source"] == "third_party"]
    assert tip["draft"].startswith("Hola, u/ana_r: esta respuesta de la comunidad lo explica:")
    assert ("Fuente: [Me cobraron dos veces \\[solucionado\\]](https://www.reddit.com/r/ayuda/1) "
            "(respuesta de pepe\\_ayuda)") in tip["draft"]  # fmt: skip
    assert not any("sorry for the trouble" in f["draft"] for f in found)

    # the same post on YouTube: Spanish plain text, the link written out, no markdown
    yt = _stored(settings, db, ids["es_youtube"])[0]
    assert yt["lang"] == "es"
    assert yt["draft"].startswith(
        "Hola, @Ana R: nuestro artículo de ayuda lo explica: Si te cobraron dos veces"
    )
    assert "Fuente: Cobro duplicado del plan https://help.example.com/es/cobro" in yt["draft"]
    assert "](" not in yt["draft"] and "> " not in yt["draft"]

    # an English post gets the English article and an English draft
    en = _stored(settings, db, ids["en_youtube"])[0]
    assert en["lang"] == "en"
    assert en["draft"].startswith("Hi @Sam, our help article covers this: A double charge")
