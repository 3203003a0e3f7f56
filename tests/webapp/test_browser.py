"""The agent's path in a real browser (Playwright driving Debian's Chromium): log in, open the
queue, open and claim a ticket, pick a suggestion, queue the reply, publish it to the loopback
Reddit and YouTube (the job, run here) and see it turn to sent without reloading, check the
replies arrived, and save screenshots. Runs in CI (`make test` installs chromium);
skipped elsewhere only when /usr/bin/chromium is missing."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from demo.fake_reddit import FakeReddit
from demo.fake_youtube import FakeYouTube
from pipelines.models.db import Database
from tests.webapp.publish_world import publish_settings, world
from tests.webapp.support import PASSWORD, add_user, seed, store_suggestions
from webapp import create_app
from webapp.publisher import publish_pending

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("needs Debian's chromium (make test installs it)", allow_module_level=True)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[dict]:
    w = world()
    with FakeReddit(w) as reddit, FakeYouTube(w, api_key="test-key") as youtube:
        settings = publish_settings(tmp_path / "home", reddit.url, youtube.url)
        db = Database(settings)
        db.init()
        ids = seed(db)
        store_suggestions(settings, db)  # what `listenpost index` does
        add_user(db, "alice", "agent")
        app = create_app(settings=settings)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield {"url": f"http://127.0.0.1:{server.server_port}", "ids": ids,
                   "reddit": reddit, "youtube": youtube, "settings": settings,
                   "db": db}  # fmt: skip
        finally:
            server.shutdown()
            thread.join(5)
            db.dispose()


def test_agent_claims_picks_a_suggestion_and_replies(site, tmp_path: Path) -> None:  # noqa: ANN001
    from playwright.sync_api import expect, sync_playwright

    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    url, ids = site["url"], site["ids"]
    tid = ids["tickets"][0]
    root_id, _yt_id = ids["mentions"][0]
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            page.goto(url + "/")
            expect(page).to_have_url(url + "/login?next=/")
            page.fill("input[name=username]", "alice")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Queue")
            rows = page.locator("tr.ticket-row")
            expect(rows).to_have_count(2)
            page.screenshot(path=str(shots / "queue.png"), full_page=True)

            page.click(f"tr[data-ticket='{tid}'] a.open-ticket")
            expect(page.locator("h1")).to_contain_text(f"Ticket {tid}")
            page.click("#claim")
            expect(page.locator(".flash")).to_contain_text(f"You have ticket {tid}")
            expect(page.locator("dd.assignee")).to_have_text("alice")

            # YouTube: the newest customer post is the default target; the suggestions are for
            # the ticket's matter (the Reddit post), the draft for the YouTube comment
            page.locator("a.use-suggestion").first.click()
            text = page.locator("#reply-text")
            expect(text).to_contain_text("Hi @Maria Q 0, our help article covers this:")
            counter = page.locator("#reply-count")
            expect(counter).to_contain_text("/ 10000")
            mine = "Hola Maria, sorry for the trouble: the double charge is refunded within 5 days."
            text.fill(mine)
            expect(counter).to_have_text(f"{len(mine)} / 10000")  # counted live by composer.js
            page.screenshot(path=str(shots / "ticket.png"), full_page=True)
            page.click("#send-reply")
            expect(page.locator(".flash")).to_contain_text("Reply queued for youtube")
            status = page.locator("article.outbox .reply-status")
            expect(status).to_have_text("queued")
            expect(page.locator("article.outbox .queued-note")).to_contain_text("listenpost watch")
            assert publish_pending(site["settings"], site["db"]) == {"sent": 1, "failed": 0}
            expect(status).to_have_text("sent")  # polled by composer.js, no reload
            expect(page.locator("li.reply-sent")).to_have_count(1)
            expect(page.locator(".queued-note")).to_have_count(0)

            # Reddit: reply to the original post, from a suggestion
            page.goto(f"{url}/tickets/{tid}?to={root_id}")
            page.locator("a.use-suggestion").first.click()
            expect(page.locator("#send-reply")).to_have_text("Reply on Reddit")
            page.click("#send-reply")
            expect(page.locator(".flash")).to_contain_text("Reply queued for reddit")
            expect(page.locator("li.reply-queued")).to_have_count(1)
            assert publish_pending(site["settings"], site["db"]) == {"sent": 1, "failed": 0}
            expect(page.locator("li.reply-sent")).to_have_count(2)
            expect(page.locator("article.outbox.reply-sent")).to_have_count(2)
            page.screenshot(path=str(shots / "outbox.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []  # no CSP violation, no script error
    yt = [c for c in site["youtube"].world["youtube"]["comments"] if c["parent_id"] == "Ugcomment0"]
    assert [c["text"] for c in yt] == [
        "Hola Maria, sorry for the trouble: the double charge is refunded within 5 days."
    ]
    rd = [c for c in site["reddit"].comments if c["parent_id"] == "t3_root0"]
    assert len(rd) == 1 and "our help article covers this:" in rd[0]["body"]  # the indexer's
    assert (
        "Source: [Charged twice for your plan](https://help.nubefon.example/billing)"
        in rd[0]["body"]
    )
    assert rd[0]["author"] == "NubefonSupport"
    assert (shots / "queue.png").stat().st_size > 10_000


def test_kpis_show_forecast_and_staffing(site, tmp_path: Path) -> None:  # noqa: ANN001
    from datetime import timedelta

    from playwright.sync_api import expect, sync_playwright

    from crawlers.items import utcnow
    from pipelines.models.records import Mention

    db = Database(publish_settings(tmp_path / "home", "http://127.0.0.1:9", "http://127.0.0.1:9"))
    now = utcnow()
    with db.session() as s:
        for h in range(1, 3 * 168):
            at = now - timedelta(hours=h)
            for k in range(3 if 8 <= at.hour < 20 else 0):
                s.add(Mention(platform="reddit", source_id=f"past{h}-{k}", author="a", text="t",
                              created_at=at, content_hash=f"past{h}-{k}", role="complaint",
                              team="billing"))  # fmt: skip
    add_user(db, "mara", "marketing")
    db.dispose()
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(site["url"] + "/login")
            page.fill("input[name=username]", "mara")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.goto(site["url"] + "/kpis/")
            forecast = page.locator("#forecast")
            expect(forecast).to_contain_text("forecast and actual")
            expect(forecast).to_contain_text("weekly-median")
            expect(forecast.locator("svg polyline")).to_have_count(2)  # forecast, actual
            expect(forecast.locator("svg polygon.band")).to_have_count(1)  # the 80% interval
            staffing = page.locator("#staffing")
            expect(staffing.locator(".now")).to_contain_text("agents needed")
            expect(staffing.locator("table.staffing tbody tr")).to_have_count(7)
            expect(staffing.locator("svg rect").first).to_be_visible()
            page.screenshot(path=str(shots / "kpis.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
