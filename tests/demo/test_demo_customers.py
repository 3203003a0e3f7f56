"""The demo imports its CRM file: the customers it names own their posts and show their names."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from demo.run import demo_settings, load_demo, load_world, start_fakes
from pipelines.identity import customers_view, find_persona
from pipelines.models import Mention
from pipelines.models.db import Database
from tests.webapp.support import login
from webapp import create_app

pytestmark = pytest.mark.slow


def test_demo_customers_come_from_its_crm_file(tmp_path: Path) -> None:
    world = load_world()
    with ExitStack() as stack:
        urls = start_fakes(stack, world)
        settings = demo_settings(None, world, urls, home=tmp_path / "demo")
        done = load_demo(settings, echo=lambda *_: None)
        assert done["customers"]["customers"] == 6
        db = Database(settings)
        with db.session() as s:
            named = {c["name"]: c for c in customers_view(s) if c["external_id"]}
            handles = {
                name: {(p["platform"], p["handle"]) for p in c["personas"]}
                for name, c in named.items()
            }
            persona = find_persona(s, "youtube", "nadia_wifi")
            nadia = s.scalar(select(Mention).where(Mention.persona_id == persona.id))
            ticket_id = nadia.ticket_id
        assert ("reddit", "maria_quintana88") in handles["María Quintana"]
        assert ("youtube", "nadia_wifi") in handles["Nadia Kowalski"]
        assert ticket_id is not None

        client = create_app(settings=settings, test_config={"TESTING": True}).test_client()
        login(client, db, "demo-reader", "agent")
        html = client.get(f"/tickets/{ticket_id}").get_data(as_text=True)
        assert "Nadia Kowalski" in html and "CRM C-11290" in html
        again = load_demo(settings, echo=lambda *_: None)  # a second load adds no customer
        assert again["customers"]["customers"] == 0
        db.dispose()
