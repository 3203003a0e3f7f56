"""Stack Exchange data dumps: questions with their accepted answers as third-party help docs.

``read_posts_xml(path, site)`` streams a dump's Posts.xml (``<posts><row Id PostTypeId
AcceptedAnswerId ParentId Score Body Title Tags OwnerUserId OwnerDisplayName .../></posts>``)
with ``iterparse``, keeping only the titles of questions whose accepted answer has not been read
yet, so a dump of millions of rows runs in little memory. Each question with an accepted answer
becomes a :class:`~crawlers.items.HelpDoc`: the question's title, the accepted answer's body as
text, ``https://{site}/q/{question id}``, the answer's score and author (its display name, or
``user<id>`` as Stack Exchange shows deleted-name accounts), the first tag as category.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse  # noqa: S405 - dumps are data, no DTDs

from crawlers.exceptions import CrawlError
from crawlers.items import HelpDoc
from crawlers.spiders.base import html_to_text

logger = logging.getLogger(__name__)

QUESTION, ANSWER = "1", "2"
_TAG = re.compile(r"<([^<>]+)>")
_SITE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")


class DumpError(CrawlError):
    """The file is not a readable Posts.xml. Raised by :func:`read_posts_xml`."""


@dataclass
class _Question:
    id: str
    title: str
    category: str | None


def guess_site(path: Path) -> str:
    """``coffee.stackexchange.com`` from a dump folder named like a site, else
    ``stackexchange.com``."""
    for part in (path.parent.name, path.parent.parent.name):
        name = part.lower().removesuffix(".7z")
        if _SITE.match(name):
            return name
    return "stackexchange.com"


def _author(row: dict[str, str]) -> str | None:
    if row.get("OwnerDisplayName"):
        return row["OwnerDisplayName"]
    if row.get("OwnerUserId"):
        return f"user{row['OwnerUserId']}"
    return None


def _doc(site: str, question: _Question, answer: dict[str, str]) -> HelpDoc | None:
    body = html_to_text(answer.get("Body"))
    if not body or not question.title.strip():
        return None
    return HelpDoc(
        source="third_party",
        source_id=f"{site}:{question.id}",
        title=question.title,
        body=body,
        url=f"https://{site}/q/{question.id}",
        author=_author(answer),
        score=int(answer.get("Score") or 0),
        category=question.category,
        platform="stackexchange",
    )


def read_posts_xml(path: str | os.PathLike[str], site: str | None = None) -> Iterator[HelpDoc]:
    """Yield one HelpDoc per question with an accepted answer, in the order answers are read."""
    path = Path(path)
    site = site or guess_site(path)
    waiting: dict[str, _Question] = {}  # accepted answer id -> its question
    early: dict[str, dict[str, str]] = {}  # answers read before their question
    try:
        for _event, elem in iterparse(path, events=("end",)):  # noqa: S314
            if elem.tag != "row":
                continue
            row = dict(elem.attrib)
            elem.clear()
            kind = row.get("PostTypeId")
            if kind == QUESTION and row.get("AcceptedAnswerId"):
                tags = _TAG.findall(row.get("Tags") or "")
                question = _Question(row["Id"], row.get("Title") or "", tags[0] if tags else None)
                answer = early.pop(row["AcceptedAnswerId"], None)
                if answer is not None:
                    doc = _doc(site, question, answer)
                    if doc is not None:
                        yield doc
                else:
                    waiting[row["AcceptedAnswerId"]] = question
            elif kind == ANSWER:
                question = waiting.pop(row.get("Id", ""), None)
                if question is not None:
                    doc = _doc(site, question, row)
                    if doc is not None:
                        yield doc
                elif row.get("ParentId") and int(row["ParentId"]) > int(row.get("Id") or 0):
                    early[row["Id"]] = row  # rare: the question comes later in the file
    except FileNotFoundError:
        raise DumpError(f"no such file: {path}") from None
    except ParseError as exc:
        raise DumpError(f"{path.name} is not valid XML: {exc}") from None
    if waiting:
        logger.info("%d accepted answers were not in %s", len(waiting), path.name)
