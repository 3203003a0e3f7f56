"""Help articles from a site's sitemap.xml: the brand's own help centre (``third_party = false``:
the articles become source="kb" knowledge docs) and listed third-party how-to sites.

The site's ``url`` is the sitemap itself when it ends in ``.xml``, else ``<url>/sitemap.xml``;
sitemap indexes are followed. Optional selectors: ``title`` (default ``h1``, then ``<title>``),
``body`` (default the first of ``article``, ``main``, ``[role=main]``, ``body``), ``category``,
``url_regex`` (only matching article URLs are fetched).

Incremental: the site's state keeps each article's ``<lastmod>``; an article whose lastmod did not
change is not fetched again. Articles without lastmod are fetched every run (dedup drops them
when unchanged).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from config.settings import ForumSite
from crawlers.items import HelpDoc
from crawlers.spiders.base import ForumSpider
from crawlers.spiders.generic import first_text, select, text_of

logger = logging.getLogger(__name__)

BODY_DEFAULTS = ("article", "main", "[role=main]", "body")


def sitemap_url(site: ForumSite) -> str:
    if site.url.endswith(".xml") or site.url.endswith(".xml.gz"):
        return site.url
    return site.url.rstrip("/") + "/sitemap.xml"


class HelpCenterSpider(ForumSpider):
    name = "helpcenter"
    kind = "sitemap"

    async def start(self) -> Any:
        for site in self.sites:
            self.state.setdefault(site.name, {}).setdefault("pages", {})
            yield scrapy.Request(
                sitemap_url(site),
                callback=self.parse_sitemap,
                errback=self.errback,
                cb_kwargs={"site": site},
            )

    def parse_sitemap(self, response: Response, site: ForumSite) -> Iterator[Any]:
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # noqa: BLE001 - lxml raises several kinds on garbage
            yield from self.retry_bad(response, f"not a sitemap: {type(exc).__name__}")
            return
        if sitemap.type not in ("urlset", "sitemapindex"):
            yield from self.retry_bad(response, f"not a sitemap ({sitemap.type})")
            return
        known: dict[str, str] = self.state[site.name]["pages"]
        only = site.selectors.get("url_regex")
        for entry in sitemap:
            loc = (entry.get("loc") or "").strip()
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(
                    loc, callback=self.parse_sitemap, errback=self.errback, cb_kwargs={"site": site}
                )
                continue
            if only and not re.search(only, loc):
                continue
            lastmod = (entry.get("lastmod") or "").strip()
            if lastmod and known.get(loc) == lastmod:
                continue
            yield scrapy.Request(
                loc,
                callback=self.parse_article,
                errback=self.errback,
                cb_kwargs={"site": site, "lastmod": lastmod, "loc": loc},
                priority=1,
            )

    def parse_article(
        self, response: Response, site: ForumSite, lastmod: str, loc: str
    ) -> Iterator[Any]:
        if not hasattr(response, "selector"):
            self.failed(response.request)
            logger.warning("not an HTML page: %s", response.url)
            return
        sel = site.selectors
        title = first_text(select(response.selector, sel.get("title") or "h1")) or first_text(
            response.css("title::text")
        )
        body = ""
        for query in [sel["body"]] if sel.get("body") else BODY_DEFAULTS:
            body = text_of(select(response.selector, query)[:1])
            if body:
                break
        if title and body:
            parts = urlsplit(response.url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            yield HelpDoc(
                source="third_party" if site.third_party else "kb",
                source_id=f"{site.name}:{path}",
                title=title,
                body=body,
                url=response.url,
                lang=(response.xpath("/html/@lang").get() or "").split("-")[0].lower() or None,
                category=first_text(select(response.selector, sel.get("category"))) or None,
                platform="web",
            )
        else:
            logger.warning("no title or body in %s", response.url)
        if lastmod:
            self.state[site.name]["pages"][loc] = lastmod
