"""Dedup (300): exact and near-duplicates of other posts are grouped under the first seen."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from pipelines.chain import PipelineContext
from pipelines.dedup import Dedup, NearIndex, _words, signature
from pipelines.models import Mention as MentionRow
from pipelines.normalize import Normalize
from pipelines.store import Store
from tests.helpers import mention

LONG = "My router keeps dropping the connection every evening and support never calls back"


def _run(ctx: PipelineContext, items: list) -> dict[str, MentionRow]:
    stages = [Normalize(ctx), Dedup(ctx), Store(ctx)]
    for item in items:
        for stage in stages:
            item = stage.process_item(item)
    return {r.source_id: r for r in ctx.session.scalars(select(MentionRow))}


def test_signature_estimates_jaccard() -> None:
    a = signature(_words(LONG))
    assert (a == signature(_words(LONG))).all()
    near = signature(_words(LONG + " again"))
    far = signature(_words("Roaming charges in Spain were billed twice on my last invoice ok"))
    assert (a == near).mean() >= 0.8
    assert (a == far).mean() < 0.3


def test_exact_and_near_duplicates_point_to_the_first_seen(settings, db) -> None:
    t0 = datetime(2026, 11, 1, 12, 0)
    ctx = PipelineContext(settings, db)
    try:
        rows = _run(
            ctx,
            [
                mention("a", LONG, author="ana", created_at=t0),
                mention("b", LONG, platform="forum", author="ana", created_at=t0 + timedelta(1)),
                mention(
                    "c", "  " + LONG + "!!! Again.", author="ana2", created_at=t0 + timedelta(2)
                ),
                mention(
                    "d",
                    "Roaming charges in Spain were billed twice on my last invoice, why",
                    created_at=t0,
                ),  # fmt: skip
                mention("e", "me too", author="x", created_at=t0),
                mention("f", "me too", author="y", created_at=t0),
                mention("g", "me too", author="x", created_at=t0 + timedelta(hours=1)),
            ],
        )
    finally:
        ctx.close()
    a = rows["a"].id
    assert rows["a"].duplicate_of_id is None
    assert rows["b"].duplicate_of_id == a  # exact, cross-posted to another platform
    assert rows["c"].duplicate_of_id == a  # near
    assert rows["d"].duplicate_of_id is None
    assert rows["f"].duplicate_of_id is None  # short: another author is another voice
    assert rows["g"].duplicate_of_id == rows["e"].id  # short: same author repeats


def test_a_writers_copy_under_another_title_is_a_duplicate(settings, db) -> None:
    """A forum thread's title is the forum's: the same text pasted by its writer under a video
    (no title) or another title is a copy; another writer's post under another title is another
    voice, and so is one under a common name on another platform; a short text is compared with
    its title."""
    t0 = datetime(2026, 11, 1, 12, 0)
    body = "How do I get back into the app? The password reset email never arrives"
    fibre = "My fibre has been down since the storm and the engineer never came to fix it"
    ctx = PipelineContext(settings, db)
    try:
        rows = _run(
            ctx,
            [
                mention("a", body, platform="forum", title="Locked out of my account",
                        author="lu_moreno83", created_at=t0),
                mention("b", body, platform="youtube", author="lu_moreno83",
                        created_at=t0 + timedelta(minutes=20)),
                mention("c", body, title="Password reset broken", author="Lu_Moreno83",
                        created_at=t0 + timedelta(hours=1)),
                mention("c2", body, title="Cannot log in since Monday", author="mo",
                        created_at=t0 + timedelta(hours=1)),
                mention("m1", fibre, platform="forum", title="No fibre for days now",
                        author="marta", created_at=t0),
                mention("m2", fibre, title="Engineer no-show after the storm", author="Marta",
                        created_at=t0),
                mention("m3", fibre, platform="forum", title="Still down, still waiting",
                        author="marta", created_at=t0 + timedelta(hours=2)),
                mention("d", "Any news on this one?", platform="forum",
                        title="Router dropping every evening", created_at=t0),
                mention("e", "Any news on this one?", platform="forum",
                        title="Invoice charged twice in Spain", created_at=t0),
            ],
        )  # fmt: skip
    finally:
        ctx.close()
    assert rows["b"].duplicate_of_id == rows["a"].id
    assert rows["c"].duplicate_of_id == rows["a"].id
    assert rows["c2"].duplicate_of_id is None
    assert rows["m2"].duplicate_of_id is None  # a name anyone could hold, on another platform
    assert rows["m3"].duplicate_of_id == rows["m1"].id  # the same account
    assert rows["e"].duplicate_of_id is None  # short: the titles say which thread it chases


def test_a_writers_copy_has_their_own_post_for_root(settings, db) -> None:
    """Two people wrote the same words; the second one's copy of their own post is their own
    post's copy, not the first person's."""
    t0 = datetime(2026, 11, 1, 12, 0)
    tv = "Half of the TV channels are gone since yesterday and the sports pack too"
    ctx = PipelineContext(settings, db)
    try:
        rows = _run(
            ctx,
            [
                mention("o1", tv, platform="youtube", author="ana_other99", created_at=t0),
                mention("w1", tv + " 😡", title="TV channels gone", author="sergio_lantern83",
                        created_at=t0 + timedelta(days=3)),
                mention("w2", tv + " 😡", platform="youtube", author="sergio_lantern83",
                        created_at=t0 + timedelta(days=3, minutes=16)),
            ],
        )  # fmt: skip
    finally:
        ctx.close()
    assert rows["w2"].duplicate_of_id == rows["w1"].id


def test_index_is_filled_from_the_database_and_keeps_the_window(settings, db) -> None:
    t0 = datetime(2026, 11, 1, 12, 0)
    ctx = PipelineContext(settings, db)
    try:
        _run(ctx, [mention("a", LONG, created_at=t0)])
        index = NearIndex(0.8, 7)
        index.warm(ctx.session, t0)
        sig = signature(_words(LONG + " again"))
        assert index.match(sig, t0 + timedelta(days=1)) == ("reddit", "a")
        assert index.match(sig, t0 + timedelta(days=8)) is None  # outside the window
    finally:
        ctx.close()


def test_an_edited_duplicate_keeps_its_group(settings, db) -> None:
    t0 = datetime(2026, 11, 1, 12, 0)
    ctx = PipelineContext(settings, db)
    try:
        rows = _run(ctx, [mention("a", LONG, created_at=t0), mention("b", LONG, created_at=t0)])
        first = rows["a"].id
        rows = _run(ctx, [mention("b", LONG + " Edit: still down.", created_at=t0)])
        assert rows["b"].duplicate_of_id == first
    finally:
        ctx.close()


def test_reputation_volume_counts_a_group_once(settings, db) -> None:
    from pipelines.models.records import utcnow
    from webapp import reputation

    now = utcnow()
    ctx = PipelineContext(settings, db)
    try:
        _run(ctx, [mention(s, LONG, platform="forum", created_at=now) for s in ("a", "b", "c")])
        out = reputation.daily(ctx.session, 1, now)
        assert out["channels"]["forum"] == [1]
    finally:
        ctx.close()
