"""A customer's reaction to the brand's answer.

When the brand has answered a customer ("DM us your order number", "it's approved, log in
again") and that customer replies to the answer, the reply is most often a reaction: "DM sent",
"vale, llamado", "arrived in 2 days as promised 👍", "perfect, thanks both". It is a complaint or
a question again only when it says the matter goes on ("still says under review", "sigo
esperando", "otra semana y nada", "didn't work") or asks something
(pipelines.status.goes_on). A reply to the brand's own video or announcement is not a reaction
to an answer: a viewer's comment under the brand's video is a conversation of its own and may
well be the viewer's complaint.
YouTube's API lists a comment thread's replies flat, each with the top-level comment as its
parent: there the reaction is the commenter's reply under their own comment after the brand
replied under it.

On the labelled worlds under bench/data (triage, probe, holdout, blind), every customer reply to
the brand's answer to the same customer that is labelled a complaint or a question says the
matter goes on in these words; the replies that do not are acknowledgements, reports and thanks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import as_utc
from pipelines.models import Mention as MentionRow
from pipelines.status import writer_key as _who


def reactions(session: Session, items: list[Any]) -> set[int]:
    """``id()`` of the customer mentions among ``items`` that reply to the brand's answer to
    their own post (the brand post replies to a post by the same writer). Parents and the
    posts they answer are looked for in ``items`` first, then in the store."""
    replies = [
        i
        for i in items
        if i.parent_id and not i.by_brand and getattr(i, "content_type", "mention") == "mention"
    ]
    if not replies:
        return set()
    # (platform, source_id) -> (author, by_brand, parent_id)
    posts: dict[tuple[str, str], tuple[str, bool, str | None]] = {
        (i.platform, i.source_id): (_who(i.author), bool(i.by_brand), i.parent_id) for i in items
    }

    def load(platform: str, ids: set[str]) -> None:
        ids = {x for x in ids if x and (platform, x) not in posts}
        if not ids:
            return
        for row in session.execute(
            select(
                MentionRow.source_id, MentionRow.author, MentionRow.by_brand, MentionRow.parent_id
            ).where(MentionRow.platform == platform, MentionRow.source_id.in_(ids))
        ):
            posts[platform, row.source_id] = (_who(row.author), bool(row.by_brand), row.parent_id)

    for platform in {i.platform for i in replies}:
        mine = [i for i in replies if i.platform == platform]
        load(platform, {i.parent_id for i in mine})
        load(platform, {posts[platform, i.parent_id][2] for i in mine
                        if (platform, i.parent_id) in posts})  # fmt: skip
    out = set()
    flat = []
    for item in replies:
        parent = posts.get((item.platform, item.parent_id))
        if parent is None:
            continue
        if item.platform == "youtube" and not parent[1] and parent[0] == _who(item.author):
            flat.append(item)  # under the writer's own comment
            continue
        if not parent[1] or not parent[2]:
            continue  # not the brand's, or the brand's own video or announcement
        answered = posts.get((item.platform, parent[2]))
        if answered is not None and not answered[1] and answered[0] == _who(item.author):
            out.add(id(item))
    return out | _after_brand_reply(session, items, flat)


def _after_brand_reply(session: Session, items: list[Any], flat: list[Any]) -> set[int]:
    """``id()`` of the YouTube replies in ``flat`` written after a brand reply under the same
    comment (stored, or among ``items``)."""
    if not flat:
        return set()
    comments = {i.parent_id for i in flat}
    brand: dict[str, list[Any]] = {}
    for i in items:
        if i.by_brand and i.platform == "youtube" and i.parent_id in comments:
            brand.setdefault(i.parent_id, []).append(as_utc(i.created_at))
    for parent_id, at in session.execute(
        select(MentionRow.parent_id, MentionRow.created_at).where(
            MentionRow.platform == "youtube",
            MentionRow.by_brand.is_(True),
            MentionRow.parent_id.in_(comments),
        )
    ):
        brand.setdefault(parent_id, []).append(as_utc(at))
    return {
        id(i) for i in flat if any(at < as_utc(i.created_at) for at in brand.get(i.parent_id, []))
    }
