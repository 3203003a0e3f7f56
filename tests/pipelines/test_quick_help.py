"""Praise of help given within minutes or hours is praise, though it tells the fault it
answered; a promise of quick help that failed is not. The texts name an invented provider,
Skyline."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.chain import Chain
from pipelines.classify import QUICK_PRAISE_WEIGHT, decide_role, vote_weights
from pipelines.status import quick_help
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0)


def test_quick_help() -> None:
    for text in ("Asked on Sunday and had a clear answer in half an hour. Didn't expect that.",
                 "No me llegaba la factura, escribí al chat y en diez minutos me la mandaron.",
                 "Froze the card, chat cancelled the payments within 20 minutes.",
                 "Respuesta en media hora, así da gusto 👌",
                 "the technician sorted it in 10 min"):  # fmt: skip
        assert quick_help(text), text
    for text in ("They said they'd call back in 10 minutes and nobody did.",
                 "Me dijeron que en una hora lo arreglaban y sigue igual.",
                 "On hold for 40 minutes and counting.", "llevo dos horas esperando",
                 "Skyline took three weeks to refund me.", "in 2 days it arrived"):  # fmt: skip
        assert not quick_help(text), text


def test_quick_help_weighs_praise() -> None:
    text = "Ayer no me llegaba un pago, escribí al chat y en diez minutos me lo explicaron todo."
    post = mention("t3_q", text, thread_id="t3_q")
    weights = vote_weights(post, text, set())
    assert weights[2] == QUICK_PRAISE_WEIGHT
    probs = [0.5, 0.02, 0.3, 0.03, 0.15]  # read alone: a complaint, praise second
    assert decide_role(0.5, probs, negative=True)[0] == "complaint"
    assert decide_role(0.5, probs, weights, negative=True)[0] == "praise"


@pytest.mark.slow
def test_praise_of_quick_help_needs_no_reply(settings, db) -> None:
    with Chain(settings, db) as chain:
        praise = chain.process(mention(
            "t3_p", "Credit where it's due: my card was skimmed on holiday, three odd payments. "
            "Skyline's chat cancelled them and sent a new card within 20 minutes.",
            author="tom", thread_id="t3_p", created_at=T0))  # fmt: skip
        fault = chain.process(mention(
            "t3_f", "Skyline said they'd call back in 10 minutes and nobody did. Still no "
            "internet after three days.", author="ria", thread_id="t3_f",
            created_at=T0))  # fmt: skip
    assert praise.role == "praise" and praise.needs_reply is False
    assert fault.role == "complaint" and fault.needs_reply is True
