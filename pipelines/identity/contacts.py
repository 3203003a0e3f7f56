"""Contact details in text: order numbers, and e-mails and phones the writer calls theirs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64})@([\w-]{1,63}(?:\.[\w-]{1,63})+)")
_ORDER = re.compile(
    r"\b(?:order|pedido|orden|invoice|factura|case|caso|ticket|booking|reserva)\s*"
    r"(?:number|num\.?|no\.?|nº|n°|número|numero|id)?\s*(?:is|es|was|era|=)?\s*[:#]?\s*"
    r"(?P<v>[A-Z]{0,3}-?\d[\d-]{4,18}\d)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(\+?\d[\d ().-]{7,18}\d)(?!\w)")
# "my email is", "mi número:", "reach me at", "llámame al" right before the detail
_MINE = re.compile(
    r"(?:\b(?:my|mi)\s+(?:personal\s+|own\s+)?(?:e-?mail|mail|correo|address|dirección|"
    r"direccion|number|phone|cell|mobile|número|numero|teléfono|telefono|tel|móvil|movil|"
    r"whatsapp)(?:\s+(?:address|number|electrónico|electronico))?(?:\s+(?:is|es|was|era))?"
    r"|\b(?:reach|contact|email|e-mail|call|text|message|write\s+to)\s+me(?:\s+(?:at|on))?"
    r"|\b(?:escríbeme|escribeme|llámame|llamame|contáctame|contactame)(?:\s+(?:a|al|en))?)"
    r"\s*[:=-]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contact:
    kind: str  # email, order, phone
    value: str  # normalised; never stored
    hint: str  # what may be shown: "m•••@e•••.com", "order •••456"


def _first_person_before(text: str, start: int) -> bool:
    return bool(_MINE.search(text[max(0, start - 40) : start]))


def contact_details(text: str) -> list[tuple[Contact, tuple[int, int]]]:
    """Order numbers anywhere; e-mails and phones only when the writer says they are theirs
    ("my email is", "call me at"): a support address or hotline is shared by everyone."""
    out: list[tuple[Contact, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _ORDER.finditer(text):
        value = re.sub(r"\D", "", m.group("v"))  # "NB-558812-22" and "55881222" match
        if len(value) < 5 or len(set(value)) < 4:  # "0000001" is a template, not an order
            continue
        out.append((Contact("order", value, f"order •••{value[-3:]}"), m.span("v")))
        taken.append(m.span("v"))
    for m in _EMAIL.finditer(text):
        if not _first_person_before(text, m.start()):
            continue
        local, domain = m.group(1).lower(), m.group(2).lower()
        tld = domain.rsplit(".", 1)[-1]
        hint = f"{local[0]}•••@{domain[0]}•••.{tld}"
        out.append((Contact("email", f"{local}@{domain}", hint), m.span()))
        taken.append(m.span())
    for m in _PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits = re.sub(r"\D", "", m.group(1))
        if not 9 <= len(digits) <= 15 or len(set(digits)) < 4:
            continue
        if not _first_person_before(text, m.start()):
            continue
        out.append((Contact("phone", digits[-9:], f"phone •••{digits[-2:]}"), m.span(1)))
    return out


def mask_contacts(text: str, found: list[tuple[Contact, tuple[int, int]]]) -> str:
    """The text with every found contact detail replaced by its hint."""
    for contact, (start, end) in sorted(found, key=lambda f: f[1][0], reverse=True):
        shown = contact.hint.split(" ", 1)[-1] if contact.kind != "email" else contact.hint
        text = text[:start] + shown + text[end:]
    return text
