"""CRM evidence: a YouTube channel named by its id, and a display name equal to a CRM
customer's name (weighed by how rare the name is), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from pipelines.chain import Chain
from pipelines.identity import customers_view, find_persona, import_customers
from pipelines.models import Persona
from pipelines.models.db import Database
from tests.helpers import mention

CRM = "customer_id,name,email,reddit,youtube,forum\n"
CHANNEL = "UCPqVKxD1n4xvVfpaS55ypjW"


def comment(source_id: str, author: str, text: str, **kw):  # noqa: ANN201
    kw.setdefault("created_at", datetime(2026, 11, 1, 12, 0))
    kw.setdefault("platform", "youtube")
    return mention(source_id, text, author=author, **kw)


def crm_customer(db: Database, external_id: str) -> dict:
    with db.session() as s:
        return next(c for c in customers_view(s) if c["external_id"] == external_id)


@pytest.mark.parametrize("crm_first", [True, False])
def test_a_crm_row_naming_a_youtube_channel_id_owns_that_channels_comments(
    any_db: Database, crm_first: bool
) -> None:
    csv = CRM + f"C-1,Nadia Kowalski,,,{CHANNEL},\n"

    def crm() -> None:
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)

    def crawl() -> None:
        with Chain(any_db.settings, any_db) as chain:
            chain.process(comment("y1", "@nadia_wifi", "wifi drops", author_id=CHANNEL))

    for step in (crm, crawl) if crm_first else (crawl, crm):
        step()
    customer = crm_customer(any_db, "C-1")
    assert customer["name"] == "Nadia Kowalski"
    assert [(p["platform"], p["handle"]) for p in customer["personas"]] == [
        ("youtube", "nadia_wifi")
    ]
    with any_db.session() as s:
        assert len(s.scalars(select(Persona)).all()) == 1


def test_a_channel_id_is_only_read_as_one_on_youtube(any_db: Database) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + f"C-1,A,,{CHANNEL},,\n")
        persona = find_persona(s, "reddit", CHANNEL)
        assert persona is not None and persona.author_id is None
