"""Cross-posts and one matter asked twice: what two same-handle accounts share besides the handle.

A handle alone is weighed by how rare it is (:func:`handle_confidence`): "lucia24" could be
anybody's. The same handle posting the same text on another platform within
:data:`CROSSPOST_HOURS` is a second, independent coincidence that different people would need,
so such a pair links at :data:`CROSSPOST_CONFIDENCE` whenever the handle is more than a word or
a name (:func:`crosspost_confidence`). Short posts ("any news?", "same here") are what anyone
writes and never count; the text must have ``[triage] near_duplicate_min_words`` words and
share ``[triage] near_duplicate`` of its word 3-shingles with the other post.

The same handle asking about the same matter on another platform (a complaint or a question
each, of as many words, whose sentence vectors have a cosine of at least
:data:`MATTER_SIMILARITY`, within ``[identity] ticket_window_hours``) is a weaker coincidence:
different customers of one brand ask about the same things. It adds :data:`MATTER_BITS` to the
handle's bits (:func:`handle_confidence`), so a distinctive handle ("jdoe_kayak") that alone
waits for an agent links, and a name with a number stays apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import as_utc
from pipelines.identity.handles import handle_bits, handle_confidence, is_display_name
from pipelines.models import Mention as MentionRow
from pipelines.models import Persona

CROSSPOST_HOURS = 6.0
CROSSPOST_CONFIDENCE = 0.95
MATTER_ROLES = ("complaint", "question")
# Cosine of the classifier's sentence vectors (multilingual e5) at which two posts ask about
# the same matter, and what that is worth in bits. Measured on the triage world's tune split:
# of the pairs of accounts on two platforms with a complaint or question each within the
# window, 69% of one person's pairs and 2.6% of two people's reach 0.9 (log2 of the ratio:
# 4.7 bits); rounded down.
MATTER_SIMILARITY = 0.9
MATTER_BITS = 4.5
_WORD = re.compile(r"\w+")


def crosspost_confidence(handle: str, collisions: int = 0) -> float:
    """Confidence for two accounts with the same handle key that posted the same text within
    hours: 0 for a handle that is only a word or a name (under 16 bits, "marta", "mike99", a
    common display name), or one that several accounts on one platform hold (``collisions``)."""
    bits = handle_bits(handle) - 8.0 * collisions - (6.0 if is_display_name(handle) else 0.0)
    return CROSSPOST_CONFIDENCE if bits >= 16.0 else 0.0


def _shingles(text: str | None) -> set[tuple[str, ...]]:
    words = _WORD.findall((text or "").casefold())
    return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}


def same_post(a: str | None, b: str | None, min_words: int, share: float) -> bool:
    """Whether two texts are one post: both at least ``min_words`` words long, and the shorter
    sharing at least ``share`` of its word 3-shingles with the longer (a title added or a typo
    fixed on one side does not matter)."""
    if min(len(_WORD.findall(a or "")), len(_WORD.findall(b or ""))) < min_words:
        return False
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= share


def crossposted_with(
    session: Session, persona: Persona, row: MentionRow, min_words: int, share: float
) -> list[Persona]:
    """Accounts on other platforms with ``persona``'s handle key that wrote the same post as
    ``row`` within :data:`CROSSPOST_HOURS` of it."""
    others = session.scalars(
        select(Persona).where(
            Persona.handle_key == persona.handle_key,
            Persona.platform != persona.platform,
            Persona.id != persona.id,
        )
    ).all()
    if not others or row.created_at is None:
        return []
    at = as_utc(row.created_at)
    window = timedelta(hours=CROSSPOST_HOURS)
    found = []
    for other in others:
        texts = session.scalars(
            select(MentionRow.text).where(
                MentionRow.persona_id == other.id,
                MentionRow.created_at >= at - window,
                MentionRow.created_at <= at + window,
            )
        ).all()
        if any(same_post(row.text, text, min_words, share) for text in texts):
            found.append(other)
    return found


def spread(personas: Iterable[Persona]) -> tuple[int, int]:
    """(collisions, platforms) of the accounts sharing a name: how many more than one it has on
    its busiest platform, and on how many platforms it is held once each (2 when collisions)."""
    per_platform: dict[str, int] = {}
    for p in personas:
        per_platform[p.platform] = per_platform.get(p.platform, 0) + 1
    collisions = max(per_platform.values(), default=1) - 1
    return collisions, (len(per_platform) if collisions == 0 else 2)


def _asks(row: Any, min_words: int) -> bool:
    """A complaint or question (without a role, the complaint flag) of ``min_words`` words."""
    role = row.role or ("complaint" if row.is_complaint else None)
    return role in MATTER_ROLES and len(_WORD.findall(row.text or "")) >= min_words


def same_matter_with(
    session: Session, others: list[Persona], row: MentionRow, min_words: int, hours: float
) -> list[Persona]:
    """Of ``others``, the accounts that asked about the same matter as ``row`` within ``hours``
    of it: a complaint or question of theirs whose vector is within :data:`MATTER_SIMILARITY`
    of the row's (both :func:`_asks`)."""
    if not others or row.created_at is None or not _asks(row, min_words):
        return []
    from pipelines import classifier
    from pipelines.classify import mention_text

    at, window = as_utc(row.created_at), timedelta(hours=hours)
    mine = classifier.embed([mention_text(row)])[0]
    found = []
    for other in others:
        posts = session.execute(
            select(
                MentionRow.title, MentionRow.text, MentionRow.role, MentionRow.is_complaint
            ).where(
                MentionRow.persona_id == other.id,
                MentionRow.by_brand.is_(False),
                MentionRow.created_at >= at - window,
                MentionRow.created_at <= at + window,
            )
        ).all()
        texts = [mention_text(p) for p in posts if _asks(p, min_words)]
        if texts and float((classifier.embed(texts) @ mine).max()) >= MATTER_SIMILARITY:
            found.append(other)
    return found


def corroborated(
    session: Session, settings: Settings, persona: Persona, row: MentionRow
) -> list[tuple[Persona, float, str]]:
    """The accounts on other platforms with ``persona``'s handle key that wrote the same post
    as ``row`` or asked about the same matter, each with the pair's confidence and what they
    share; none when the handle is a word or a name (:func:`crosspost_confidence`)."""
    holders = session.scalars(select(Persona).where(Persona.handle_key == persona.handle_key)).all()
    others = [p for p in holders if p.platform != persona.platform and p.id != persona.id]
    collisions, platforms = spread(holders)
    copy = crosspost_confidence(persona.handle, collisions)
    if not others or copy == 0:
        return []
    t = settings.triage
    found = [
        (other, copy, "same handle and the same post")
        for other in crossposted_with(
            session, persona, row, t.near_duplicate_min_words, t.near_duplicate
        )
    ]
    copied = {other.id for other, _, _ in found}
    hours = settings.identity.ticket_window_hours
    for other in same_matter_with(
        session, [o for o in others if o.id not in copied], row, t.near_duplicate_min_words, hours
    ):
        conf = handle_confidence(persona.handle, other.handle, collisions, platforms, MATTER_BITS)
        if conf > 0:
            found.append((other, conf, "same handle and the same matter"))
    return found
