"""Stage 3: drop what is already stored unchanged (platform + source_id, same content hash).
A known item whose text changed (an edited post) goes on and is updated by the store."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy import select

from crawlers.items import HelpDoc, Item, Mention
from pipelines.chain import Stage
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow


class Dedup(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        session = self.ctx.session
        if isinstance(item, Mention):
            stored = session.execute(
                select(MentionRow.content_hash, MentionRow.score, MentionRow.replies).where(
                    MentionRow.platform == item.platform, MentionRow.source_id == item.source_id
                )
            ).first()
            unchanged = stored is not None and (
                stored.content_hash == item.content_hash
                and stored.score == item.engagement.score
                and stored.replies == item.engagement.replies
            )
        elif isinstance(item, HelpDoc):
            stored_hash = session.scalar(
                select(KnowledgeDoc.content_hash).where(
                    KnowledgeDoc.source == item.source, KnowledgeDoc.source_id == item.source_id
                )
            )
            unchanged = stored_hash == item.content_hash
        else:  # pragma: no cover - the chain only carries the two item types
            raise DropItem(f"unknown item type {type(item).__name__}")
        if unchanged:
            self.ctx.stats.duplicates += 1
            raise DropItem(f"duplicate {item.source_id}")
        return item
