"""Agents' corrections as training data, and `listenpost classifier train`.

An agent's "not a complaint" and "no reply needed" (webapp.corrections) are stored in table
complaint_feedback and set the post's role; the store keeps that role when the post is crawled
again. Training reads them back: the complaint model learns the feedback label, the role model
the post's role as the agent left it; the latest correction of a mention wins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines import classifier as clf

FEEDBACK_LABELS = {"not_complaint": 0, "complaint": 1, "is_complaint": 1}
CORRECTIONS = ("not_complaint", "no_reply", "complaint", "is_complaint")


def _rows(session: Any) -> list[Any]:
    from sqlalchemy import select

    from pipelines.models.records import ComplaintFeedback
    from pipelines.models.records import Mention as MentionRow

    return list(
        session.execute(
            select(
                ComplaintFeedback.mention_id,
                ComplaintFeedback.label,
                MentionRow.title,
                MentionRow.text,
                MentionRow.role,
            )
            .join(MentionRow, MentionRow.id == ComplaintFeedback.mention_id)
            .where(ComplaintFeedback.label.in_(CORRECTIONS))
            .order_by(ComplaintFeedback.created_at, ComplaintFeedback.id)
        )
    )


def _full(title: str | None, text: str | None) -> str:
    return "\n".join(p for p in (title, text) if p)


def feedback_examples(session: Any) -> list[tuple[str, int]]:
    """(text, complaint label) of every mention an agent called a complaint or not."""
    latest: dict[int, tuple[str, int]] = {}
    for mention_id, label, title, text, _role in _rows(session):
        if label in FEEDBACK_LABELS:
            latest[mention_id] = (_full(title, text), FEEDBACK_LABELS[label])
    return list(latest.values())


def role_examples(session: Any) -> list[tuple[str, str]]:
    """(text, role) of every mention an agent corrected, with the role the correction left."""
    out: dict[int, tuple[str, str]] = {}
    for mention_id, _label, title, text, role in _rows(session):
        if role in clf.ROLES:
            out[mention_id] = (_full(title, text), role)
    return list(out.values())


def train_and_save(home: Path, session: Any | None = None) -> clf.Models:
    """The seed set plus stored corrections, saved in home for the classify stage."""
    feedback = feedback_examples(session) if session is not None else []
    roles = role_examples(session) if session is not None else []
    models = clf.train_models(feedback, roles)
    models.n_feedback = len({text for text, _ in feedback} | {text for text, _ in roles})
    clf.save_models(models, clf.model_path(home))
    clf.forget_loaded()
    return models
