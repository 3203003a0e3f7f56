"""Screenshots of every page of a running demo, for the README and docs/:

    listenpost demo &            # prints the demo logins
    python -m demo.screenshots http://127.0.0.1:5000 docs/ [TICKET_ID]

Drives Debian's Chromium through Playwright (the browser test's set-up). Logs in as the demo
admin, who may open every page. For reply.png it sends a reply: the first suggestion's draft on
the first Reddit ticket of the queue goes to the demo's loopback Reddit, and the page is taken
once the reply shows as sent in the thread.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def main(
    base: str, out: Path, ticket: int | None = None, user: str = "admin",
    password: str = "demo-admin",  # noqa: S107 - the demo's published login
) -> None:  # fmt: skip
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(base + "/login")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.goto(base + "/")
        page.screenshot(path=str(out / "queue.png"))
        first = page.locator("a.open-ticket").first
        if ticket is not None:
            page.goto(f"{base}/tickets/{ticket}")
        elif first.count():
            first.click()
        if "/tickets/" in page.url:
            suggestion = page.locator("a.use-suggestion").first
            if suggestion.count():
                suggestion.click()
            page.screenshot(path=str(out / "ticket.png"), full_page=True)
        _reply(page, base, out)
        for name, path in (("gaps", "/gaps/"), ("reputation", "/reputation/"),
                           ("kpis", "/kpis/")):  # fmt: skip
            page.goto(base + path)
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        browser.close()


def _reply(page: Any, base: str, out: Path) -> None:
    """reply.png: a reply sent on the first Reddit ticket of the queue, under the post it
    answers (the ticket page shows sent without a reload)."""
    page.goto(base + "/?channel=reddit")
    first = page.locator("a.open-ticket").first
    if not first.count():
        return
    first.click()
    suggestion = page.locator("a.use-suggestion").first
    if suggestion.count():
        suggestion.click()
    page.click("#send-reply")
    page.locator("article.outbox[data-status=sent]").first.wait_for(timeout=60_000)
    page.locator("article.outbox").first.scroll_into_view_if_needed()
    page.screenshot(path=str(out / "reply.png"))


if __name__ == "__main__":
    main(
        sys.argv[1].rstrip("/"),
        Path(sys.argv[2] if len(sys.argv) > 2 else "docs"),
        int(sys.argv[3]) if len(sys.argv) > 3 else None,
    )
