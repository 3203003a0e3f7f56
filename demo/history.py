"""The demo's past: five weeks of answered complaints and questions, relative to the moment the
demo starts, so that the forecast and staffing on the KPIs page have history to learn from.

Each past post arrives at a rate that follows a care team's week (busy weekday daytimes, quieter
evenings and weekends), in English or Spanish, on Reddit, YouTube or the forum, and is answered
by the brand in its thread 10-90 minutes later; about one customer in six writes back that the
problem is still there and gets a second answer, so first-contact resolution is not perfect.
The posts go through the real importer and pipeline chain; then the agents' work behind each
answer is written as it would have been recorded: a claim in the audit log a few minutes before
the first answer, every answer sent as a reply, the ticket closed after the last one. Seeded,
so every demo has the same past relative to its start.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from config import Settings
from demo.clock import LEAD, SPAN

WEEKS = 5
BATCH = 64
PREFIX = "hist-"

PROBLEMS = {
    "en": [
        ("billing", "I was charged {n} euros twice on my {brand} bill this month, please fix it"),
        ("billing", "Why did my {brand} bill go up by {n} euros without any notice?"),
        ("network", "No signal with {brand} in {place} since this morning, is there an outage?"),
        ("network", "{brand} mobile data has been crawling at {n} kbps all day in {place}"),
        ("router", "How do I change the wifi password on my NubeBox router?"),
        ("router", "My NubeBox keeps rebooting every {n} minutes, anyone else?"),
        ("account", "How do I add a second line to my {brand} account?"),
        ("roaming", "Does my {brand} plan include roaming in {place}?"),
    ],
    "es": [
        ("billing", "Me habéis cobrado {n} euros dos veces este mes en {brand}, ¿lo arregláis?"),
        ("billing", "¿Por qué ha subido mi factura de {brand} {n} euros sin avisar?"),
        ("network", "Sin cobertura de {brand} en {place} desde esta mañana, ¿hay una avería?"),
        ("network", "Los datos de {brand} van a {n} kbps todo el día en {place}"),
        ("router", "¿Cómo cambio la contraseña del wifi del router NubeBox?"),
        ("router", "Mi NubeBox se reinicia cada {n} minutos, ¿a alguien más le pasa?"),
        ("account", "¿Cómo añado una segunda línea a mi cuenta de {brand}?"),
        ("roaming", "¿Mi tarifa de {brand} incluye roaming en {place}?"),
    ],
}
ANSWERS = {
    "en": "Hi {who}, thanks for telling us. We have sorted this out on your account; details in "
    "your inbox. ^{agent}",
    "es": "Hola {who}, gracias por avisarnos. Ya lo hemos resuelto en tu cuenta; tienes los "
    "detalles en tu correo. ^{agent}",
}
FOLLOW_UPS = {
    "en": "Still happening, nothing has changed on my side.",
    "es": "Sigue igual, no ha cambiado nada.",
}
SECOND_ANSWERS = {
    "en": "Sorry {who}, we escalated it and a technician has fixed it on our side. ^{agent}",
    "es": "Perdona, {who}: lo hemos escalado y un técnico ya lo ha corregido. ^{agent}",
}
FOLLOW_UP_SHARE = 1 / 6
PLACES = ("Valencia", "Sevilla", "Leeds", "Bilbao", "Bristol", "Zaragoza", "Porto", "Madrid")
NAMES = (
    "alba", "bruno", "carla", "dario", "elena", "fran", "gina", "hugo", "ines", "jon",
    "kai", "lucas", "mia", "nora", "oscar", "paula", "quique", "rosa", "sam", "teo",
)  # fmt: skip
PLATFORMS = (("reddit", 0.45), ("youtube", 0.25), ("forum", 0.30))


def rate(at: datetime) -> float:
    """Expected posts in the hour starting at ``at`` (UTC)."""
    h = at.hour + 0.5
    day = 0.15 + 1.6 * math.exp(-(((h - 11) / 3.0) ** 2)) + 1.1 * math.exp(-(((h - 18) / 2.5) ** 2))
    return 0.5 * day * (0.55 if at.weekday() >= 5 else 1.0)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    x, acc = rng.random(), 0.0
    for value, w in weighted:
        acc += w
        if x < acc:
            return value
    return weighted[-1][0]


def records(
    settings: Settings, now: datetime, seed: int = 7, weeks: int = WEEKS
) -> Iterator[dict[str, Any]]:
    """Interchange records (docs/configuration.md): each past post, then its answer."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not a secret
    again = random.Random(seed + 2)  # noqa: S311 - who writes back, apart from the posts' draws
    brand = settings.brand.name or "Nubefon"
    accounts = settings.brand.accounts
    start = (now - timedelta(weeks=weeks)).replace(minute=0, second=0, microsecond=0)
    stop = now - SPAN - LEAD  # the demo's live world (demo.clock) begins there
    at, n = start, 0
    while at < stop:
        for _ in range(_poisson(rng, rate(at))):
            n += 1
            lang = "es" if rng.random() < 0.5 else "en"
            _, template = rng.choice(PROBLEMS[lang])
            platform = _pick(rng, PLATFORMS)
            who = f"{rng.choice(NAMES)}_{rng.randrange(10, 99)}"
            posted = at + timedelta(minutes=rng.randrange(60))
            if posted >= stop:
                continue
            thread = f"{PREFIX}t{n}"
            text = template.format(brand=brand, n=rng.randrange(2, 40), place=rng.choice(PLACES))
            yield {"id": f"{PREFIX}{n}", "platform": platform, "author": who, "text": text,
                   "thread_id": thread, "created_at": posted.isoformat(), "lang": lang}  # fmt: skip
            answered = posted + timedelta(minutes=rng.randrange(10, 90))
            if answered < now:
                handle = getattr(accounts, platform)
                yield {"id": f"{PREFIX}{n}-a", "platform": platform,
                       "author": handle[0] if handle else brand, "by_brand": True,
                       "text": ANSWERS[lang].format(who=who, agent="AG"), "thread_id": thread,
                       "parent_id": f"{PREFIX}{n}", "created_at": answered.isoformat(),
                       "lang": lang}  # fmt: skip
                if again.random() < FOLLOW_UP_SHARE:
                    base = {"platform": platform, "thread_id": thread, "lang": lang}
                    yield from _follow_up(again, base, f"{PREFIX}{n}", answered, stop, who,
                                          handle[0] if handle else brand)  # fmt: skip
        at += timedelta(hours=1)


def _follow_up(
    rng: random.Random, base: dict[str, str], post: str, answered: datetime, stop: datetime,
    who: str, brand: str,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    """The customer writes back under the answer to ``post`` and the brand answers again, both
    before ``stop`` (the past ends there), or nothing. ``base``: platform, thread and language."""
    back = answered + timedelta(minutes=rng.randrange(20, 180))
    again = back + timedelta(minutes=rng.randrange(15, 120))
    if again >= stop:
        return
    lang = base["lang"]
    yield {**base, "id": f"{post}-f", "author": who, "text": FOLLOW_UPS[lang],
           "parent_id": f"{post}-a", "created_at": back.isoformat()}  # fmt: skip
    yield {**base, "id": f"{post}-b", "author": brand, "by_brand": True,
           "text": SECOND_ANSWERS[lang].format(who=who, agent="AG"),
           "parent_id": f"{post}-f", "created_at": again.isoformat()}  # fmt: skip


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p < limit:
            return k
        k += 1


def load_history(
    settings: Settings, db: Any, now: datetime, seed: int = 7, weeks: int = WEEKS
) -> dict[str, int]:
    """Import the past through the real chain, then record the agents' work behind it."""
    from crawlers.importers import mention_from_record
    from pipelines.chain import Chain

    items = [mention_from_record(r) for r in records(settings, now, seed, weeks)]
    with Chain(settings, db) as chain:
        for i in range(0, len(items), BATCH):
            chain.process_batch(items[i : i + BATCH])
        new = chain.stats.new
    with db.session() as session:
        handled = _agent_work(session, seed)
    return {"posts": new, "handled": handled}


def _agent_work(session: Any, seed: int) -> int:
    """For each past ticket: a claim, every answer in its thread sent as a reply to the post it
    answers, and the ticket closed after the last answer."""
    from pipelines.models import AuditLog, Mention, Reply, Ticket

    rng = random.Random(seed + 1)  # noqa: S311 - a reproducible demo, not a secret
    past = list(
        session.scalars(
            select(Mention)
            .where(Mention.source_id.like(f"{PREFIX}%"))
            .order_by(Mention.created_at, Mention.id)
        )
    )
    by_source = {m.source_id: m for m in past}
    answers: dict[str | None, list[Any]] = {}
    for m in past:
        if m.by_brand:
            answers.setdefault(m.thread_id, []).append(m)
    done = 0
    for post in past:
        ticket = session.get(Ticket, post.ticket_id) if post.ticket_id else None
        if post.by_brand or ticket is None or ticket.status == "closed":
            continue
        later = [a for a in answers.get(post.thread_id, []) if a.created_at > post.created_at]
        if not later:
            continue
        minutes = max(1.5, rng.lognormvariate(math.log(6.0), 0.5))
        claimed = max(post.created_at, later[0].created_at - timedelta(minutes=minutes))
        session.add(AuditLog(actor="agent", action="claim", target_type="ticket",
                             target_id=str(ticket.id), at=claimed))  # fmt: skip
        for answer in later:
            to = by_source.get(answer.parent_id or "", post)
            session.add(Reply(mention_id=to.id, ticket_id=ticket.id, channel=post.platform,
                              text=answer.text, status="sent", agent="agent",
                              idempotency_key=f"{PREFIX}{answer.source_id}",
                              remote_id=answer.source_id,
                              created_at=max(claimed, to.created_at),
                              sent_at=answer.created_at))  # fmt: skip
        ticket.assignee = "agent"
        ticket.status = "closed"
        ticket.closed_at = later[-1].created_at + timedelta(minutes=rng.randrange(5, 240))
        done += 1
    session.commit()
    return done
