"""Stored gap reports: the gaps are computed by a job and read by the pages.

Computing gaps embeds new posts and articles and reads the indexes, so it never runs inside a
web request. `listenpost index` and every `listenpost watch` run call :func:`refresh`; the gaps
page and ``GET /api/gaps`` read the newest stored report (:func:`latest`) and say how old it
is, and the suggested answers of its member posts are flagged for a human (:func:`gap_of`);
`listenpost gaps` goes through :func:`report`, which returns the stored report while it is
fresh and computes (and stores) a new one otherwise.

A report is fresh while nothing it was computed from changed (:func:`inputs`: a digest of the
posts' and articles' counts, newest ids and roles, the window and the method) and it is younger
than a thirtieth of its window (a day for the default 30 days), as the window moves with time.
`listenpost forget` drops every stored report (:func:`invalidate`): a label is a post's words.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import as_utc, utcnow
from indexer.gap_members import MEMBER_ROLES
from indexer.gaps import DEFAULT, Params, find_gaps
from indexer.manifest import Manifest
from pipelines.models import GapReport, KnowledgeDoc, Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

SINCE_DAYS = 30.0  # the window the jobs compute and the pages show
METHOD = "gaps-7"  # changes when the computation does: older reports are recomputed


def max_age(since_days: float) -> timedelta:
    return timedelta(days=since_days / 30)


def inputs(session: Session, settings: Settings, since_days: float, params: Params = DEFAULT
           ) -> str:  # fmt: skip
    """A digest of what a report depends on; cheap (a few aggregates, no model)."""
    asks = Mention.role.in_(MEMBER_ROLES)
    mentions = session.execute(
        select(
            func.count(Mention.id),
            func.max(Mention.id),
            func.sum(case((asks, 1), else_=0)),
            func.sum(case((Mention.needs_reply.is_(True), 1), else_=0)),
            func.sum(case((Mention.needs_reply.is_(False), 1), else_=0)),
            func.sum(case((Mention.duplicate_of_id.is_not(None), 1), else_=0)),
            func.sum(case((Mention.is_complaint.is_(True), 1), else_=0)),
        )
    ).one()
    docs = session.execute(
        select(
            func.count(KnowledgeDoc.id),
            func.max(KnowledgeDoc.id),
            func.max(KnowledgeDoc.fetched_at),
        )  # fmt: skip
    ).one()
    parts = [METHOD, settings.index.model, since_days, asdict(params),
             [None if v is None else int(v) for v in mentions],
             [docs[0], docs[1], str(docs[2])]]  # fmt: skip
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def latest(session: Session, since_days: float | None = SINCE_DAYS) -> GapReport | None:
    """The newest stored report of a window (any window when None)."""
    q = select(GapReport).order_by(GapReport.computed_at.desc(), GapReport.id.desc()).limit(1)
    if since_days is not None:
        q = q.where(GapReport.since_days == since_days)
    return session.scalars(q).first()


def gap_of(session: Session, mention_ids: list[int]) -> str | None:
    """The label of the gap that holds one of the posts ``mention_ids`` (the first of them that
    is a member) in the newest stored report the gaps page shows, else None: such a post is a
    question no own article answers, so its suggestions need a human (webapp.suggestions).
    Reads the stored report only (no model)."""
    row = latest(session, SINCE_DAYS) or latest(session, None)
    if row is None or not mention_ids:
        return None
    label: dict[int, str] = {}
    for gap in row.report.get("gaps", []):
        for mid in gap.get("ids", []):
            label.setdefault(mid, gap["label"])
    return next((label[m] for m in mention_ids if m in label), None)


def is_fresh(row: GapReport, digest: str, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return row.inputs == digest and now - as_utc(row.computed_at) < max_age(row.since_days)


def save(db: Database, since_days: float, digest: str, result: dict[str, Any]) -> None:
    """Store a report; older reports of the same window go."""
    with db.session() as s:
        row = GapReport(since_days=since_days, inputs=digest,
                        computed_at=datetime.fromisoformat(result["computed_at"]),
                        report=result)  # fmt: skip
        s.add(row)
        s.flush()
        s.execute(
            delete(GapReport).where(GapReport.since_days == since_days, GapReport.id < row.id)
        )


def report(
    settings: Settings,
    db: Database,
    since_days: float = SINCE_DAYS,
    force: bool = False,
    params: Params = DEFAULT,
) -> dict[str, Any]:
    """The gaps of the last ``since_days`` days: the stored report while it is fresh, else
    computed now (embedding what is new) and stored. Adds ``stored``: whether it was read."""
    with db.session() as s:
        digest = inputs(s, settings, since_days, params)
        row = latest(s, since_days)
        if row is not None and not force and is_fresh(row, digest):
            return {**row.report, "stored": True}
    result = find_gaps(settings, db, since_days=since_days, params=params)
    with db.session() as s:  # what changed while computing is seen by the next run
        digest_after = inputs(s, settings, since_days, params)
    save(db, since_days, digest if digest == digest_after else "changed", result)
    return {**result, "stored": False}


def refresh(settings: Settings, db: Database, since_days: float = SINCE_DAYS) -> dict[str, Any]:
    """For the jobs (`listenpost index`, `listenpost watch`): compute the report unless the
    stored one is fresh; a summary of what was done. Nothing before the indexes are built
    (`listenpost index` builds them)."""
    if not Manifest.path_for(settings.index_dir, "knowledge").exists():
        return {"gaps": None, "computed": False, "computed_at": None}
    result = report(settings, db, since_days)
    return {"gaps": len(result["gaps"]), "computed": not result["stored"],
            "computed_at": result["computed_at"]}  # fmt: skip


def invalidate(session: Session) -> int:
    """Drop every stored report (in the caller's transaction)."""
    return int(session.execute(delete(GapReport)).rowcount or 0)  # type: ignore[attr-defined]


def as_text(result: dict[str, Any]) -> str:
    """A report for a terminal: each gap's label, size and growth in words, its posts and the
    third-party answers that answer it."""
    if not result["gaps"]:
        return f"no knowledge gaps in the last {result['since_days']:g} days"
    lines = []
    for g in result["gaps"]:
        lines.append(f"{g['id']}: {g['label']} ({g['size']} posts: {g['growth_text']}; "
                     f"closest own article {g['coverage']:.2f})")  # fmt: skip
        lines.append("   mentions: " + ", ".join(g["mention_ids"]))
        for a in g["answers"]:
            where = f"{a['title']} ({a['platform'] or a['source']}) {a['url'] or ''}".rstrip()
            lines.append(f"   answered by the community, not by us: {where}")
    return "\n".join(lines)
