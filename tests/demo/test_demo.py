"""The demo end to end: loopback servers in the real API shapes, the real crawlers and pipeline,
the KB import, the index, and a page listing the sample mentions."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import func, select

from demo.run import demo_settings, load_demo, load_world, start_fakes
from pipelines.models import KnowledgeDoc, Mention
from pipelines.models.db import Database
from tests.webapp.support import login
from webapp import create_app

pytestmark = pytest.mark.slow


def test_demo_loads_every_platform_and_serves_the_mentions(tmp_path: Path) -> None:
    world = load_world()
    with ExitStack() as stack:
        urls = start_fakes(stack, world)
        settings = demo_settings(None, world, urls, home=tmp_path / "demo")
        done = load_demo(settings, echo=lambda *_: None)
        db = Database(settings)
        with db.session() as s:
            per_platform = dict(
                s.execute(select(Mention.platform, func.count()).group_by(Mention.platform)).all()
            )
            kb = s.scalar(select(func.count()).where(KnowledgeDoc.source == "kb"))
            newest = s.scalar(select(Mention).order_by(Mention.created_at.desc()).limit(1))
        assert set(per_platform) == {"reddit", "youtube", "forum"}
        assert sum(per_platform.values()) >= 60
        kb_lines = (Path(__file__).parents[2] / "demo/kb.jsonl").read_text().splitlines()
        assert kb == sum(1 for line in kb_lines if line.strip())
        assert done["index"]["mentions"]["count"] == sum(per_platform.values())

        client = create_app(settings=settings, test_config={"TESTING": True}).test_client()
        login(client, db, "demo-reader", "agent")
        html = client.get("/mentions").get_data(as_text=True)
        assert newest.author in html

        again = load_demo(settings, echo=lambda *_: None)  # a second load adds nothing
        assert again["reddit"]["new"] == 0 and again["youtube"]["new"] == 0
        assert again["kb"]["new"] == 0
        db.dispose()
