"""Names: linking a display name to user names that spell it, and an account to the CRM
customer whose name it bears, alone or with the same matter asked on both accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from pipelines.identity.crosspost import MATTER_BITS, same_matter_with
from pipelines.identity.crosspost import spread as _spread
from pipelines.identity.handles import (
    crm_name_confidence,
    is_display_name,
    name_confidence,
    name_forms,
    name_stem,
)
from pipelines.identity.keys import contact_digest, hash_key
from pipelines.models import ContactHash, Persona, PersonaLink
from pipelines.models import Mention as MentionRow

if TYPE_CHECKING:
    from pipelines.identity.linker import Linker

AMBIGUOUS = 0.5  # evidence shared by several people: only proposed to an agent
NAME_KINDS = ("name", "name_form")  # a CRM name, and the name with fewer surnames


def _detail(what: str, a: Persona, b: Persona, platforms: int) -> str:
    more = f", held on {platforms} platforms" if platforms > 2 else ""
    return f"{what} on {a.platform} and {b.platform}{more}"


class NameLinks:
    """The name rules of :class:`pipelines.identity.linker.Linker`."""

    def crm_name(
        self: Linker, row: Persona, evidence_bits: float = 0.0, only: int | None = None
    ) -> None:
        """Link an account whose name is a CRM customer's name, or that name with fewer
        surnames (:func:`crm_name_keys`, kept as keyed hashes on one of the customer's accounts
        by :func:`pipelines.identity.crm.import_customers`), to that account
        (:func:`crm_name_confidence`). A name the account's own handle already spells is the
        same-handle rule's evidence, not counted twice. ``evidence_bits``: what else the two
        accounts share, for the holder ``only`` (:meth:`matter_names`)."""
        key = row.handle_key or ""
        if len(key) < 5:
            return
        holders = self.session.scalars(
            select(Persona)
            .join(ContactHash, ContactHash.persona_id == Persona.id)
            .where(ContactHash.kind.in_(NAME_KINDS), ContactHash.digest == self.name_digest(key))
        ).all()
        holders = list({h.id: h for h in holders}.values())
        if not holders:
            return
        namesakes = self.session.scalar(
            select(func.count(Persona.id)).where(
                Persona.platform == row.platform, Persona.handle_key == key
            )
        )
        collisions = (namesakes or 1) - 1 + len({h.customer_id for h in holders}) - 1
        for holder in holders:
            if only is not None and holder.id != only:
                continue
            mates = self._group(holder.customer_id) if holder.customer_id else [holder]
            if holder.id == row.id or any(
                p.platform == row.platform and p.id != row.id for p in mates
            ):
                continue  # the customer's account on that platform is another one
            # another account of the customer spelling the name this account shows
            forms = set(name_forms(row.handle)) | {key}
            spelled = any(name_stem(p.handle_key or "") in forms for p in mates if p.id != row.id)
            confidence = crm_name_confidence(row.handle, collisions, spelled, evidence_bits)
            if collisions:  # which of the namesakes is the customer the name cannot tell
                confidence = min(confidence, AMBIGUOUS)
            if confidence > 0:
                what = "name is a CRM name" + (" and the same matter" if evidence_bits else "")
                self.link(row, holder, "crm_name", confidence, f"{row.platform} {what}")

    def matter_names(self: Linker, persona: Persona, row: MentionRow) -> None:
        """Weigh again the proposed ``crm_name`` links of ``persona`` whose other account asked
        about the same matter as ``row`` (:func:`same_matter_with`): the name and the matter
        are two coincidences different people would need, as for a handle."""
        links = self.session.scalars(
            select(PersonaLink).where(
                PersonaLink.evidence == "crm_name",
                PersonaLink.status == "proposed",
                PersonaLink.confidence > 0,
                or_(PersonaLink.persona_a_id == persona.id, PersonaLink.persona_b_id == persona.id),
            )
        ).all()
        ids = {
            ln.persona_b_id if ln.persona_a_id == persona.id else ln.persona_a_id for ln in links
        }
        others = [p for p in (self.session.get(Persona, i) for i in sorted(ids)) if p is not None]
        t = self.settings.triage
        hours = self.settings.identity.ticket_window_hours
        for other in same_matter_with(self.session, others, row, t.near_duplicate_min_words, hours):
            # either account may be the one bearing the name
            self.crm_name(persona, MATTER_BITS, only=other.id)
            self.crm_name(other, MATTER_BITS, only=persona.id)

    def name_digest(self: Linker, key: str) -> str:
        """The keyed hash a CRM customer's name is kept as (letters only, case and accents
        folded: "Lucía Fernández" -> 'luciafernandez')."""
        if self._key is None:
            self._key = hash_key(self.settings)
        return contact_digest(self._key, "name", key)

    def same_name(self: Linker, row: Persona) -> None:
        """Link a display name ("David Kowalczyk") to user names on the other platforms that
        spell it (:func:`name_confidence`), and the other way round. Every account on one
        platform that fits (another number, the same display name, another first name with the
        same initial) makes the name commoner, as for :meth:`same_handle`; a name held once on
        each of three platforms counts again."""
        if is_display_name(row.handle):
            displays = [row]
        else:
            stem = name_stem(row.handle_key or "")
            if len(stem) < 5:
                return
            displays = self._displays_spelled_by(stem)
        for display in displays:
            users = self._users_spelling(display)
            for user in users:
                if user.platform == display.platform:
                    continue
                spelled = self._displays_spelled_by(name_stem(user.handle_key))
                group = {p.id: p for p in [*users, *spelled]}
                collisions, platforms = _spread(group.values())
                pairs = [(display, user)]
                if collisions == 0:  # one account per platform: every pair counts the others
                    pairs = [
                        (d, u)
                        for d in group.values()
                        for u in group.values()
                        if is_display_name(d.handle)
                        and not is_display_name(u.handle)
                        and d.platform != u.platform
                    ]
                for d, u in pairs:
                    conf = name_confidence(d.handle, u.handle, collisions, platforms)
                    if conf > 0:
                        self.link(d, u, "same_handle", conf, _detail("same name", d, u, platforms))

    def _users_spelling(self: Linker, display: Persona) -> list[Persona]:
        """User names (not display names) whose key, without a number, is a form of the name."""
        forms = name_forms(display.handle)
        if not forms:
            return []
        rows = self.session.scalars(
            select(Persona).where(or_(*(Persona.handle_key.like(form + "%") for form in forms)))
        ).all()
        return [
            p for p in rows if not is_display_name(p.handle) and name_stem(p.handle_key) in forms
        ]

    def _displays_spelled_by(self: Linker, stem: str) -> list[Persona]:
        """Display names of which ``stem`` is a form (:func:`name_forms`): each form starts
        with the name's first letter, or ends with it after a surname."""
        rows = self.session.scalars(
            select(Persona).where(
                Persona.handle.contains(" "),
                or_(
                    Persona.handle_key.like(stem[0] + "%"), Persona.handle_key.like(stem[-1] + "%")
                ),
            )
        ).all()
        return [p for p in rows if is_display_name(p.handle) and stem in name_forms(p.handle)]
