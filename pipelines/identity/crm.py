"""CRM import: one customer per row, its accounts linked with ``crm`` evidence."""

from __future__ import annotations

import csv
import io

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from config import Settings
from crawlers.importers import crm_row_problem
from pipelines.identity.common import CRM_COLUMNS, PLATFORMS, IdentityError
from pipelines.identity.handles import crm_name_keys, handle_key
from pipelines.identity.keys import contact_digest, hash_key, is_forgotten
from pipelines.identity.linker import Linker, LinkStats, audit
from pipelines.identity.names import NAME_KINDS
from pipelines.models import (
    ContactHash,
    Customer,
    Persona,
)


def _split_cell(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _keep_name(linker: Linker, holder: Persona, name: str) -> None:
    """Keep the CRM name as keyed hashes on one of the customer's accounts: the whole name
    (kind "name") and the name with fewer surnames (kind "name_form", :func:`crm_name_keys`);
    and link the accounts already known under them (:meth:`Linker.crm_name`)."""
    session, key, keys = linker.session, handle_key(name), crm_name_keys(name)
    wanted = {linker.name_digest(k): ("name" if k == key else "name_form") for k in keys}
    session.execute(
        delete(ContactHash).where(
            ContactHash.persona_id == holder.id,
            ContactHash.kind.in_(NAME_KINDS),
            ContactHash.digest.not_in(list(wanted)),
        )
    )
    held = set(
        session.scalars(
            select(ContactHash.digest).where(
                ContactHash.persona_id == holder.id, ContactHash.kind.in_(NAME_KINDS)
            )
        )
    )
    for digest, kind in wanted.items():
        if digest not in held:
            session.add(ContactHash(persona_id=holder.id, kind=kind, digest=digest))
    session.flush()
    for persona in session.scalars(select(Persona).where(Persona.handle_key.in_(keys))).all():
        linker.crm_name(persona)


def import_customers(
    session: Session, settings: Settings, text: str, actor: str = "crm"
) -> LinkStats:
    """Apply a CRM export (header customer_id,name,email,reddit,youtube,forum).

    Each row's customer is found by its CRM id (or created); each listed handle becomes a persona
    linked to the row's other personas with ``crm`` evidence. Re-importing is harmless and never
    undoes an agent's split: a rejected link stays rejected, a pinned persona stays where the
    agent put it. A row naming a forgotten account or CRM id (a tombstone) is skipped whole.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if header != list(CRM_COLUMNS):
        raise IdentityError(f"the header must be {','.join(CRM_COLUMNS)}, not {','.join(header)}")
    linker = Linker(session, settings)
    key = hash_key(settings)
    for lineno, raw in enumerate(reader, start=2):
        rec = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        problem = crm_row_problem(rec) if rec.get("customer_id") else "empty customer_id"
        if problem:
            linker.stats.skipped.append(f"line {lineno}: {problem}")
            linker.stats.bad += 1
            continue
        cells = [(platform, h) for platform in PLATFORMS for h in _split_cell(rec.get(platform))]
        if any(is_forgotten(session, key, p, h) for p, h in [("crm", rec["customer_id"]), *cells]):
            linker.stats.skipped.append(f"line {lineno}: a forgotten customer, not imported")
            continue
        customer = session.scalar(
            select(Customer).where(Customer.external_id == rec["customer_id"])
        )
        while customer is not None and customer.merged_into_id is not None:
            customer = session.get(Customer, customer.merged_into_id)
        linker.created = []
        personas = [linker.persona(platform, handle, match=False) for platform, handle in cells]
        if customer is None:
            # Adopt the first persona's customer when it is not somebody else's CRM record.
            base = next(
                (
                    session.get(Customer, p.customer_id)
                    for p in personas
                    if not p.pinned and session.get(Customer, p.customer_id).external_id is None  # type: ignore[union-attr]
                ),
                None,
            )
            if base is None:
                base = Customer()
                session.add(base)
            base.external_id = rec["customer_id"]
            base.name = rec.get("name") or base.name
            session.flush()
            customer = base
            linker.stats.customers += 1
        elif rec.get("name"):
            customer.name = rec["name"]
        members = [p for p in personas if p.customer_id == customer.id]
        for p in personas:
            if p.customer_id == customer.id:
                continue
            if not members:
                own = session.get(Customer, p.customer_id)
                if own is not None and not p.pinned and not own.external_id:
                    if not linker.blocked(customer.id, own.id) and not any(
                        q.pinned for q in linker._group(own.id)
                    ):
                        linker.move(customer, own)
                        members.append(p)
                        continue
                linker.stats.skipped.append(
                    f"line {lineno}: a persona stays with another CRM customer or an agent's choice"
                )
                continue
            linker.link(members[0], p, "crm", 1.0, f"CRM customer {rec['customer_id']}")
            session.refresh(p)
            if p.customer_id == customer.id:
                members.append(p)
        # Links among personas already together record the CRM as their evidence too.
        for p in members[1:]:
            linker.link(members[0], p, "crm", 1.0, f"CRM customer {rec['customer_id']}")
        if members and len(handle_key(rec.get("name") or "")) >= 5:
            _keep_name(linker, members[0], rec["name"])
        for p in list(linker.created):  # new personas meet same-handle ones once placed
            linker.same_handle(p)
        email = rec.get("email", "").lower()
        if email and members:
            # kept on one persona: the customer is one holder, however many accounts it has
            digest = contact_digest(key, "email", email)
            linker.add_contact(members[0], "email", digest, "CRM e-mail")
    audit(
        session,
        actor,
        "customers.import",
        "customer",
        "*",
        personas=linker.stats.personas,
        links=linker.stats.links,
    )
    return linker.stats
