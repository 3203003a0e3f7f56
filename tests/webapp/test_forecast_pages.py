"""Forecast and staffing in the web app: the KPIs page shows them to agents and marketers, and
/api/forecast and /api/staffing answer with the CLI's JSON."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from crawlers.items import utcnow
from pipelines.models.records import Mention
from tests.webapp.support import login, token_for
from webapp.cli import main


def _history(db, weeks: int = 3) -> None:  # noqa: ANN001
    now = utcnow()
    with db.session() as s:
        i = 0
        for h in range(1, weeks * 168):
            at = now - timedelta(hours=h)
            for _ in range(2 if 8 <= at.hour < 20 else 0):
                i += 1
                s.add(Mention(platform="reddit" if i % 2 else "forum", source_id=f"f{i}",
                              author="a", text="t", created_at=at, content_hash=f"h{i}",
                              role="question", team="technical"))  # fmt: skip


def test_kpis_page_shows_forecast_and_staffing(client, db, settings) -> None:  # noqa: ANN001
    _history(db)
    settings.staffing.on_shift = {"technical": 3}
    login(client, db, "lead", "agent")
    html = client.get("/kpis/").get_data(as_text=True)
    assert "This week: posts that need a reply, forecast and actual" in html
    assert re.search(r"weekly-median, [23] weeks of history", html)
    assert "Agents needed per hour" in html and ", 3 on shift" in html
    assert "technical:" in html and "Its own error shows once there are four weeks" in html
    assert html.count("<polyline") >= 2 and 'class="band"' in html  # forecast, actual, interval


def test_kpis_page_says_when_history_is_short(client, db) -> None:  # noqa: ANN001
    with db.session() as s:
        s.add(Mention(platform="reddit", source_id="x", author="a", text="t", role="complaint",
                      created_at=utcnow() - timedelta(days=2), content_hash="x"))  # fmt: skip
    login(client, db, "mkt", "marketing")
    html = client.get("/kpis/").get_data(as_text=True)
    assert "at least 2 are needed for a forecast" in html


def test_api_forecast_and_staffing_match_the_cli(client, db, cli) -> None:  # noqa: ANN001
    _history(db, weeks=5)
    token = token_for(db, "bot", "marketing")
    auth = {"Authorization": f"Bearer {token}"}
    api = client.get("/api/forecast?days=2&by=channel", headers=auth).get_json()
    out = cli.invoke(main, ["forecast", "--days", "2", "--json"])
    assert out.exit_code == 0, out.output
    cli_json = json.loads(out.output)
    for key in ("by", "days", "start", "method", "history_weeks", "total", "series"):
        assert api[key] == cli_json[key], key
    assert api["recent_error"]["folds"] == 2
    plan = client.get("/api/staffing?days=1&service_level=0.9&aht_minutes=4", headers=auth)
    assert plan.status_code == 200
    body = plan.get_json()
    assert body["service_level"] == 0.9 and body["teams"][0]["aht_source"] == "given"
    assert len(body["total"]) == 24
    bad = client.get("/api/staffing?shrinkage=2", headers=auth)
    assert bad.status_code == 400 and "shrinkage" in bad.get_json()["error"]
    bad = client.get("/api/forecast?by=planet", headers=auth)
    assert bad.status_code == 400 and bad.is_json
    bad = client.get("/api/staffing?max_occupancy=nan", headers=auth)
    assert bad.status_code == 400


def test_forecast_api_follows_the_kpis_roles(client, db) -> None:  # noqa: ANN001
    token = token_for(db, "km", "knowledge")
    resp = client.get("/api/forecast", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 403
