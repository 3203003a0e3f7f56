"""The pure parts of the forum collection: the Stack Exchange dump reader (on a Posts.xml written
for the project), dates, HTML to text, Retry-After, the Discourse post mapping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from config.settings import ForumSite
from crawlers.middlewares import retry_after_seconds
from crawlers.spiders.base import html_to_text, parse_date
from crawlers.spiders.discourse import json_url, like_count
from crawlers.spiders.generic import check_selectors
from crawlers.stackexchange import DumpError, guess_site, read_posts_xml

POSTS_XML = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="3" CreationDate="2026-01-02T10:00:00.000" Score="4"
       Body="&lt;p&gt;My router reboots.&lt;/p&gt;" OwnerUserId="7" Title="Router keeps rebooting"
       Tags="&lt;router&gt;&lt;firmware&gt;" AnswerCount="2" />
  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2026-01-02T11:00:00.000" Score="1"
       Body="&lt;p&gt;Buy a new one.&lt;/p&gt;" OwnerUserId="8" />
  <row Id="3" PostTypeId="2" ParentId="1" CreationDate="2026-01-02T12:00:00.000" Score="9"
Body="&lt;p&gt;Update the firmware &amp;amp; reset.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Hold&lt;/li&gt;"
       OwnerDisplayName="Ana" />
  <row Id="4" PostTypeId="1" CreationDate="2026-01-03T10:00:00.000" Score="0"
       Body="&lt;p&gt;No answer yet.&lt;/p&gt;" Title="Unanswered" />
  <row Id="6" PostTypeId="2" ParentId="7" CreationDate="2026-01-03T12:00:00.000" Score="2"
       Body="&lt;p&gt;Answer stored before its question.&lt;/p&gt;" OwnerUserId="9" />
  <row Id="7" PostTypeId="1" AcceptedAnswerId="6" CreationDate="2026-01-03T11:00:00.000"
       Score="1" Body="&lt;p&gt;?&lt;/p&gt;" Title="Odd order" />
  <row Id="8" PostTypeId="1" AcceptedAnswerId="99" Score="1" Body="" Title="Answer deleted" />
  <row Id="5" PostTypeId="5" Body="a tag wiki" />
</posts>
"""


def test_posts_xml_questions_with_accepted_answers(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_text(POSTS_XML, encoding="utf-8")
    docs = {d.source_id: d for d in read_posts_xml(path, site="router.stackexchange.com")}
    assert set(docs) == {"router.stackexchange.com:1", "router.stackexchange.com:7"}
    doc = docs["router.stackexchange.com:1"]
    assert doc.source == "third_party"
    assert doc.platform == "stackexchange"
    assert doc.title == "Router keeps rebooting"
    assert doc.body == "Update the firmware & reset.\n\nHold"
    assert doc.url == "https://router.stackexchange.com/q/1"
    assert doc.score == 9
    assert doc.author == "Ana"
    assert doc.category == "router"
    odd = docs["router.stackexchange.com:7"]
    assert (odd.body, odd.author, odd.category) == (
        "Answer stored before its question.",
        "user9",
        None,
    )


def test_posts_xml_errors(tmp_path: Path) -> None:
    with pytest.raises(DumpError, match="no such file"):
        list(read_posts_xml(tmp_path / "missing.xml"))
    bad = tmp_path / "Posts.xml"
    bad.write_text("<posts><row Id='1'", encoding="utf-8")
    with pytest.raises(DumpError, match="not valid XML"):
        list(read_posts_xml(bad))


def test_site_guessed_from_the_dump_folder(tmp_path: Path) -> None:
    assert guess_site(tmp_path / "coffee.stackexchange.com" / "Posts.xml") == (
        "coffee.stackexchange.com"
    )
    assert guess_site(tmp_path / "dump" / "Posts.xml") == "stackexchange.com"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-05-25T02:52:49.526Z", datetime(2016, 5, 25, 2, 52, 49, 526000, tzinfo=UTC)),
        ("2013-03-26 01:09:38 -0600", datetime(2013, 3, 26, 7, 9, 38, tzinfo=UTC)),
        ("1459908076", datetime(2016, 4, 6, 2, 1, 16, tzinfo=UTC)),
        (1459908076, datetime(2016, 4, 6, 2, 1, 16, tzinfo=UTC)),
        ("Tue, 05 Nov 2024 10:00:00 GMT", datetime(2024, 11, 5, 10, 0, tzinfo=UTC)),
        ("2024-11-05", datetime(2024, 11, 5, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: object, expected: datetime | None) -> None:
    assert parse_date(raw) == expected  # type: ignore[arg-type]


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<p>One &amp; two</p><script>alert(1)</script><ul><li>a</li><li>b</li></ul>x<br>y"
    assert html_to_text(html) == "One & two\n\na\nb\nx\ny"
    assert html_to_text(None) == ""


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds(b"2") == 2.0
    assert retry_after_seconds("0.5") == 0.5
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(b"soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after_seconds(later.encode()) <= 31  # type: ignore[operator]
    past = format_datetime(datetime.now(UTC) - timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(past) == 0.0


def test_discourse_helpers() -> None:
    assert json_url("http://f/latest?no_definitions=true&page=1") == (
        "http://f/latest.json?no_definitions=true&page=1"
    )
    assert json_url("http://f/latest.json?page=2") == "http://f/latest.json?page=2"
    assert like_count({"actions_summary": [{"id": 2, "count": 6}, {"id": 3, "count": 1}]}) == 6
    assert like_count({"like_count": 3}) == 3
    assert like_count({}) == 0


def test_generic_selectors_are_checked() -> None:
    site = ForumSite(name="f", kind="generic", url="http://f/", selectors={"thread_link": "a"})
    with pytest.raises(ValueError, match="post, body are required"):
        check_selectors(site)
    site = ForumSite(
        name="f", kind="generic", url="http://f/",
        selectors={"thread_link": "a", "post": ".p", "body": ".b", "tread_title": "h1"},
    )  # fmt: skip
    with pytest.raises(ValueError, match="unknown selector keys tread_title"):
        check_selectors(site)
