"""A small Reddit world written for the tests (the format of demo/__init__.py), and the
helpers the Reddit crawler tests share: settings pointing at a FakeReddit, one crawl run, and
what the database holds afterwards."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from config import Settings, load_settings
from crawlers.api import reddit
from pipelines.chain import Chain, RunStats, run_source
from pipelines.models import CrawlState, KnowledgeDoc, Mention
from pipelines.models.db import Database

BRAND = {"name": "Acme", "queries": ["acme"], "accounts": {"reddit": ["u/AcmeSupport"]}}


def make_world(now: float | None = None) -> dict[str, Any]:
    """Four submissions: three mention "acme" (r/techsupport, r/acme, r/gadgets), one in r/acme
    does not (only the watch finds it), one elsewhere matches nothing."""
    t = (now or time.time()) - 5 * 3600
    subs = [
        ("q1", "techsupport", "alice", "How do I reset my Acme router?", "It drops every hour.", 0),
        ("b1", "acme", "bob", "Acme charged me twice", "Billing is a mess, support silent", 600),
        ("g1", "gadgets", "carol", "Acme X2 review", "Solid phone, bad battery.", 1200),
        ("w1", "acme", "dave", "Router lights blinking orange", "What does it mean?", 1800),
        ("z1", "cooking", "erin", "Pasta water salt", "How much?", 2400),
    ]
    comments = [
        # q1: an answer that qualifies as help, the asker's thanks, the brand, a deleted branch
        ("qa", "q1", "t3_q1", "helper", "Hold reset for 10 seconds, then wait 2 minutes.", 12),
        ("qb", "q1", "t1_qa", "alice", "That worked, thanks!", 3),
        ("qc", "q1", "t3_q1", "AcmeSupport", "Sorry about that, DM us your account number.", 4),
        ("qd", "q1", "t3_q1", "[deleted]", "[deleted]", 1),
        ("qe", "q1", "t1_qd", "frank", "Replying to a deleted comment.", 2),
        ("qf", "q1", "t3_q1", "lowscore", "Turn it off and on.", 1),
        ("qg", "q1", "t1_qb", "helper", "Glad it helped.", 2),
        ("qh", "q1", "t1_qg", "alice", "Cheers.", 1),
        # b1
        ("ba", "b1", "t3_b1", "acmesupport", "We are looking into it.", 2),
        ("bb", "b1", "t1_ba", "bob", "Still waiting after a week.", 5),
        # g1, w1
        ("ga", "g1", "t3_g1", "gina", "Battery is fine for me.", 1),
        ("wa", "w1", "t3_w1", "hank", "Firmware update in progress.", 3),
        # z1 (never fetched)
        ("za", "z1", "t3_z1", "ivan", "A spoonful.", 1),
    ]
    return {
        "brand": BRAND,
        "reddit": {
            "submissions": [
                {
                    "id": sid,
                    "subreddit": sub,
                    "author": author,
                    "title": title,
                    "selftext": text,
                    "created_utc": t + offset,
                    "score": 5,
                }
                for sid, sub, author, title, text, offset in subs
            ],
            "comments": [
                {
                    "id": cid,
                    "link_id": link,
                    "parent_id": parent,
                    "author": author,
                    "body": body,
                    "created_utc": t + 3000 + i * 10,
                    "score": score,
                }
                for i, (cid, link, parent, author, body, score) in enumerate(comments)
            ],
        },
    }


def make_settings(home: Path, url: str, **reddit_overrides: Any) -> Settings:
    cfg: dict[str, Any] = {
        "client_id": "test-id",
        "client_secret": "test-secret",
        "oauth_url": url,
        "reddit_url": url,
        "help_subreddits": ["TechSupport"],
        "backoff": 0.01,
        "retries": 2,
        "timeout": 5.0,
    }
    cfg.update(reddit_overrides)
    return load_settings(home=str(home), brand=BRAND, reddit=cfg)


def crawl_once(settings: Settings, db: Database, wrap: Any = None) -> RunStats:
    """One `listenpost crawl reddit` run through the real chain; ``wrap`` may wrap the item
    stream (to interrupt it)."""
    with Chain(settings, db) as chain:

        def produce(cursor: Any, stats: Any) -> Any:
            items = reddit.crawl(settings, cursor, stats)
            return wrap(items) if wrap else items

        return run_source(chain, "reddit", produce)


def stored(db: Database) -> dict[str, Mention]:
    with db.session() as s:
        return {m.source_id: m for m in s.scalars(select(Mention))}


def stored_docs(db: Database) -> dict[str, KnowledgeDoc]:
    with db.session() as s:
        return {d.source_id: d for d in s.scalars(select(KnowledgeDoc))}


def cursor_of(db: Database) -> dict[str, Any]:
    with db.session() as s:
        row = s.scalar(select(CrawlState).where(CrawlState.source == "reddit"))
        return dict(row.cursor) if row else {}


def expected_ids(world: dict[str, Any], links: set[str]) -> set[str]:
    """The fullnames a crawl of threads ``links`` should store (deleted bodies are dropped)."""
    out = {"t3_" + s["id"] for s in world["reddit"]["submissions"] if s["id"] in links}
    out |= {
        "t1_" + c["id"]
        for c in world["reddit"]["comments"]
        if c["link_id"] in links and c["body"] not in {"[deleted]", "[removed]"}
    }
    return out
