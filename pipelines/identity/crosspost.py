"""Cross-posts: the same post written under the same handle on two platforms within hours.

A handle alone is weighed by how rare it is (:func:`handle_confidence`): "lucia24" could be
anybody's. The same handle posting the same text on another platform within
:data:`CROSSPOST_HOURS` is a second, independent coincidence that different people would need,
so such a pair links at :data:`CROSSPOST_CONFIDENCE` whenever the handle is more than a word or
a name (:func:`crosspost_confidence`). Short posts ("any news?", "same here") are what anyone
writes and never count; the text must have ``[triage] near_duplicate_min_words`` words and
share ``[triage] near_duplicate`` of its word 3-shingles with the other post.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import as_utc
from pipelines.identity.handles import handle_bits, is_display_name
from pipelines.models import Mention as MentionRow
from pipelines.models import Persona

CROSSPOST_HOURS = 6.0
CROSSPOST_CONFIDENCE = 0.95
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
