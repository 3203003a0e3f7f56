"""Linking personas into customers, called by the store and the CLI inside their transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import Mention
from pipelines.identity.common import NO_PERSONA
from pipelines.identity.crosspost import corroborated
from pipelines.identity.crosspost import spread as _spread
from pipelines.identity.handles import _fold, clean_handle, handle_confidence, handle_key
from pipelines.identity.names import AMBIGUOUS, NameLinks, _detail
from pipelines.models import (
    AuditLog,
    ContactHash,
    Customer,
    Persona,
    PersonaLink,
    Ticket,
)
from pipelines.models import Mention as MentionRow

CHANNEL_ID = re.compile(r"^UC[\w-]{22}$")  # a YouTube channel id
CONTACT_CONFIDENCE = {"email": 0.97, "order": 0.95, "phone": 0.9}


def audit(
    session: Session, actor: str, action: str, target_type: str, target_id: Any, **detail: Any
) -> None:
    """One audit row: ids and counts only, never handles or text."""
    session.add(
        AuditLog(
            actor=actor or "unknown",
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            detail=detail or None,
        )
    )


@dataclass
class LinkStats:
    personas: int = 0
    links: int = 0
    joined: int = 0
    proposed: int = 0
    customers: int = 0
    skipped: list[str] = field(default_factory=list)
    bad: int = 0  # rows skipped as malformed (not forgotten or kept by an agent's choice)


def find_persona(session: Session, platform: str, handle: str) -> Persona | None:
    """The persona of an account by its handle (exact first, then ignoring case)."""
    handle = clean_handle(handle)
    rows = session.scalars(
        select(Persona).where(
            Persona.platform == platform, Persona.handle_key == handle_key(handle)
        )
    ).all()
    for row in rows:
        if row.handle == handle:
            return row
    for row in rows:
        if row.handle.casefold() == handle.casefold():
            return row
    for row in rows:  # "José Q" in a CRM file, "Jose Q" on the platform
        if _fold(row.handle) == _fold(handle):
            return row
    return None


class Linker(NameLinks):
    """Persona lookup, link upserts and customer joins on one session (never commits)."""

    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.threshold = settings.identity.threshold
        self.stats = LinkStats()
        self.created: list[Persona] = []
        self._key: bytes | None = None

    # personas ---------------------------------------------------------------------------

    def find_persona(self, platform: str, handle: str) -> Persona | None:
        return find_persona(self.session, platform, handle)

    def persona(
        self, platform: str, handle: str, author_id: str | None = None, match: bool = True
    ) -> Persona:
        """The persona for an account, created with a customer of its own when new; a new
        persona is compared with same-handle personas on the other platforms."""
        handle = clean_handle(handle)[:255]
        if platform == "youtube" and not author_id and CHANNEL_ID.match(handle):
            author_id = handle  # a channel named by its id (a CRM file): its posts carry the id
        row = None
        if author_id:
            row = self.session.scalar(
                select(Persona).where(Persona.platform == platform, Persona.author_id == author_id)
            )
            if row is not None and row.handle == author_id != handle:
                # the channel known by its id shows its name once it posts
                if self.find_persona(platform, handle) is None:
                    row.handle, row.handle_key = handle, handle_key(handle)
                    self.session.flush()
                    if match:
                        self.same_handle(row)
        if row is None:
            row = self.find_persona(platform, handle)
            if row is not None and author_id and row.author_id and row.author_id != author_id:
                # Another account shows the same name (YouTube display names are not unique).
                handle = f"{handle} ({author_id[-8:]})"[:255]
                row = self.find_persona(platform, handle)
        if row is not None:
            if author_id and not row.author_id:
                row.author_id = author_id
            return row
        customer = Customer()
        self.session.add(customer)
        row = Persona(
            platform=platform,
            handle=handle,
            handle_key=handle_key(handle),
            author_id=author_id,
            customer=customer,
            pinned=False,
        )
        self.session.add(row)
        self.session.flush()
        self.stats.personas += 1
        self.created.append(row)
        if match:
            self.same_handle(row)
        return row

    def same_handle(self, row: Persona) -> None:
        """Link a persona to same-handle personas on the other platforms. When every holder is
        alone on its platform, all of them are (re)linked, so a third platform counts for
        each pair (:func:`handle_confidence`)."""
        if len(row.handle_key or "") < 5:
            return
        others = self.session.scalars(
            select(Persona).where(Persona.handle_key == row.handle_key, Persona.id != row.id)
        ).all()
        holders = [row, *others]
        collisions, platforms = _spread(holders)
        pairs = combinations(holders, 2) if collisions == 0 else ((row, o) for o in others)
        for a, b in pairs:
            if a.platform == b.platform:
                continue
            conf = handle_confidence(a.handle, b.handle, collisions, platforms)
            if conf > 0:
                self.link(a, b, "same_handle", conf, _detail("same handle", a, b, platforms))
        self.same_name(row)
        self.crm_name(row)

    # links and joins --------------------------------------------------------------------

    def link(
        self, a: Persona, b: Persona, evidence: str, confidence: float, detail: str | None = None
    ) -> PersonaLink | None:
        """Record evidence that ``a`` and ``b`` are one person, and join them when it is strong
        enough and nothing an agent decided stands against it."""
        if a.id == b.id:
            return None
        lo, hi = (a, b) if a.id < b.id else (b, a)
        row = self.session.scalar(
            select(PersonaLink).where(
                PersonaLink.persona_a_id == lo.id,
                PersonaLink.persona_b_id == hi.id,
                PersonaLink.evidence == evidence,
            )
        )
        if row is None:
            row = PersonaLink(
                persona_a_id=lo.id,
                persona_b_id=hi.id,
                evidence=evidence,
                confidence=confidence,
                detail=detail,
                status="proposed",
            )
            self.session.add(row)
            self.stats.links += 1
        else:
            row.confidence = max(row.confidence, confidence)
            row.detail = detail or row.detail
        if row.status in ("confirmed", "rejected"):
            return row
        self.session.flush()
        if self.combined(lo, hi) >= self.threshold and self.join(lo, hi):
            if row.confidence < self.threshold:  # joined by several kinds together: all say so
                self.session.execute(
                    update(PersonaLink)
                    .where(
                        PersonaLink.persona_a_id == lo.id,
                        PersonaLink.persona_b_id == hi.id,
                        PersonaLink.status == "proposed",
                    )
                    .values(status="auto")
                )
            row.status = "auto"
            self.stats.joined += 1
        else:
            row.status = "proposed"
            self.stats.proposed += 1
        self.session.flush()
        return row

    def combined(self, a: Persona, b: Persona) -> float:
        """The pair's confidence from all its evidence kinds (noisy-OR): each kind is one row
        and is taken as independent of the others (a handle, a self-reference, a contact
        detail), so two middling kinds together can reach the threshold; one kind seen twice
        counts once (its row keeps the higher confidence). Rejected links do not count."""
        lo, hi = sorted((a.id, b.id))
        doubt = 1.0
        for conf in self.session.scalars(
            select(PersonaLink.confidence).where(
                PersonaLink.persona_a_id == lo,
                PersonaLink.persona_b_id == hi,
                PersonaLink.status != "rejected",
            )
        ):
            doubt *= 1.0 - conf
        return 1.0 - doubt

    def _group(self, customer_id: int) -> list[Persona]:
        return list(self.session.scalars(select(Persona).where(Persona.customer_id == customer_id)))

    def blocked(self, ca: int, cb: int) -> bool:
        """An agent rejected a link between the two customers' personas."""
        ids_a = [p.id for p in self._group(ca)]
        ids_b = [p.id for p in self._group(cb)]
        if not ids_a or not ids_b:
            return False
        return (
            self.session.scalar(
                select(func.count(PersonaLink.id)).where(
                    PersonaLink.status == "rejected",
                    or_(
                        PersonaLink.persona_a_id.in_(ids_a) & PersonaLink.persona_b_id.in_(ids_b),
                        PersonaLink.persona_a_id.in_(ids_b) & PersonaLink.persona_b_id.in_(ids_a),
                    ),
                )
            )
            or 0
        ) > 0

    def join(self, a: Persona, b: Persona) -> bool:
        """Put ``a`` and ``b`` in one customer automatically, when allowed."""
        if a.customer_id == b.customer_id:
            return True
        ca, cb = (
            self.session.get(Customer, a.customer_id),
            self.session.get(Customer, b.customer_id),
        )
        if ca is None or cb is None or self.blocked(ca.id, cb.id):
            return False
        options = []
        for keep, absorb in ((ca, cb), (cb, ca)):
            if absorb.external_id or any(p.pinned for p in self._group(absorb.id)):
                continue
            options.append((keep.external_id is None, keep.id, keep, absorb))
        if not options:
            return False
        _, _, keep, absorb = min(options, key=lambda o: (o[0], o[1]))
        self.move(keep, absorb)
        return True

    def move(self, keep: Customer, absorb: Customer) -> None:
        """Move every persona and ticket of ``absorb`` into ``keep``; ``absorb`` is deleted, or
        kept as an alias when it carries a CRM id."""
        self.session.execute(
            update(Persona).where(Persona.customer_id == absorb.id).values(customer_id=keep.id)
        )
        self.session.execute(
            update(Ticket).where(Ticket.customer_id == absorb.id).values(customer_id=keep.id)
        )
        self.session.execute(
            update(Customer)
            .where(Customer.merged_into_id == absorb.id)
            .values(merged_into_id=keep.id)
        )
        if keep.name is None and absorb.name:
            keep.name = absorb.name
        if absorb.external_id:
            absorb.merged_into_id = keep.id
            self.session.flush()
        else:
            self.session.flush()
            self.session.execute(delete(Customer).where(Customer.id == absorb.id))
        self.session.expire_all()

    # the store's entry point -------------------------------------------------------------

    def apply_mention(self, row: MentionRow, item: Mention) -> Persona | None:
        """Give the stored mention its persona and record the evidence the stage found."""
        notes = item.notes.get("identity")
        if notes is None or item.by_brand or item.author in NO_PERSONA:
            return None
        persona = self.persona(item.platform, item.author, item.author_id)
        row.persona_id = persona.id
        for platform, handle, confidence in notes["refs"]:
            if handle_key(handle) == persona.handle_key and platform == persona.platform:
                continue
            other = self.persona(platform, handle)
            self.link(
                persona,
                other,
                "self_reference",
                confidence,
                f"{item.platform} post names its writer's {platform} account",
            )
        for kind, digest, hint in notes["contacts"]:
            self.add_contact(persona, kind, digest, hint)
        self.crosspost(persona, row)
        self.session.flush()
        self.session.refresh(persona)
        return persona

    def crosspost(self, persona: Persona, row: MentionRow) -> None:
        """Link the accounts with the persona's handle that posted the same text on another
        platform within hours, or asked about the same matter there (:mod:`.crosspost`),
        unless the handle is a word or a name."""
        for other, conf, what in corroborated(self.session, self.settings, persona, row):
            self.link(persona, other, "same_handle", conf, _detail(what, persona, other, 2))
        self.matter_names(persona, row)

    def add_contact(self, persona: Persona, kind: str, digest: str, hint: str) -> None:
        exists = self.session.scalar(
            select(ContactHash.id).where(
                ContactHash.persona_id == persona.id,
                ContactHash.kind == kind,
                ContactHash.digest == digest,
            )
        )
        if exists is None:
            self.session.add(ContactHash(persona_id=persona.id, kind=kind, digest=digest))
            self.session.flush()
        holders = self.session.scalars(
            select(Persona)
            .join(ContactHash, ContactHash.persona_id == Persona.id)
            .where(ContactHash.kind == kind, ContactHash.digest == digest)
        ).all()
        per_platform = [p.platform for p in holders]
        # A detail two accounts on one platform, or more than three accounts, give as theirs is
        # not one person's (a shop's reference, a shared line): it only proposes.
        common = len(holders) > 3 or len(per_platform) != len(set(per_platform))
        confidence = AMBIGUOUS if common else CONTACT_CONFIDENCE[kind]
        for other in holders:
            if other.id != persona.id:
                self.link(persona, other, "contact", confidence, f"shared {hint}")
