"""The identity stage: reads a post for self-references and contact details."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from crawlers.items import Item, Mention
from pipelines.chain import Stage
from pipelines.identity.contacts import contact_details, mask_contacts
from pipelines.identity.keys import contact_digest, hash_key, is_forgotten
from pipelines.identity.selfref import SelfReference, self_references

logger = logging.getLogger(__name__)


class Identity(Stage):
    """Finds self-references and contact details; hashes and masks the details. Drops posts
    (and help documents) by forgotten accounts, and ignores self-references to them, so a
    re-crawl never brings a forgotten person back (:mod:`pipelines.forget`)."""

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = hash_key(self.ctx.settings)
        return self._key

    def _forgotten(self, platform: str, handle: str) -> bool:
        return is_forgotten(self.ctx.session, self.key, platform, handle)

    def process_item(self, item: Item, spider: Any = None) -> Item:
        platform, author = getattr(item, "platform", None), getattr(item, "author", None)
        mine = not getattr(item, "by_brand", False)
        if platform and author and mine and self._forgotten(platform, author):
            # a forgotten person's post comes back with a re-crawl: never stored again
            self.ctx.stats.dropped += 1
            logger.info("dropped a %s post by a forgotten account", platform)
            raise DropItem("by a forgotten account")
        if not isinstance(item, Mention) or item.by_brand:
            return item
        refs: list[SelfReference] = []
        contacts: list[tuple[str, str, str]] = []
        for name in ("title", "text"):
            value = getattr(item, name)
            if not value:
                continue
            refs.extend(
                r
                for r in self_references(value, item.platform)
                if not self._forgotten(r.platform, r.handle)
            )
            found = contact_details(value)
            if found:
                contacts.extend(
                    (c.kind, contact_digest(self.key, c.kind, c.value), c.hint) for c, _ in found
                )
                setattr(item, name, mask_contacts(value, found))
        item.notes["identity"] = {
            "refs": [(r.platform, r.handle, r.confidence) for r in refs],
            "contacts": sorted(set(contacts)),
        }
        return item
