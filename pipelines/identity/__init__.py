"""The identity stage: who wrote it. One persona per account; personas linked into one customer.

A persona is one account on one platform; a customer groups personas. Every link between two
personas is a ``persona_link`` row with its evidence and a confidence:

========================  ==========  =============================================================
evidence                  confidence  found by
========================  ==========  =============================================================
``crm``                   1.0         ``listenpost customers import FILE.csv`` (a row per customer)
``same_handle``           0 - 0.99    the same handle on two platforms, by how rare and long it is
                                      (:func:`handle_confidence`; "john" is never enough alone),
                                      or a display name and a user name spelling it: the whole
                                      name with a number, or initial and surname in either order
                                      (:func:`name_confidence`); a name held once on each of
                                      three platforms counts again (:func:`_confidence`); 0.95
                                      when the two accounts posted the same text within hours
                                      and the handle is more than a word (:mod:`.crosspost`);
                                      4.5 bits more when they asked about the same matter
                                      within the ticket window (:mod:`.crosspost`)
``self_reference``        0.93-0.95   first-person text naming another account, in English and
                                      Spanish ("I posted this on Reddit too, u/maria_q", "my
                                      channel is @mq88", "ya lo puse en Reddit como u/maria_q",
                                      "escribí en el foro como lucia.fernandez"; :mod:`.selfref`)
``crm_name``              0 - 0.99    an account whose name is a CRM customer's name, by how rare
                                      and long it is (:func:`crm_name_confidence`; "Maria Garcia"
                                      is never enough alone), or the name with fewer surnames
                                      ("Lucía Ferrer" for "Lucía Ferrer Vidal"); weighed like a
                                      chosen handle when the customer's own account spells it,
                                      4.5 bits more when the two accounts asked about the same
                                      matter (:mod:`.names`), 0.5 at most when namesakes share it
``contact``               0.9 - 0.97  the same order number, e-mail or phone in two personas' posts,
                                      stored only as an HMAC-SHA256 keyed hash (0.5 when a detail
                                      is shared by several people)
``agent``                 1.0         an agent's merge (confirmed) or split (rejected)
========================  ==========  =============================================================

A pair whose evidence reaches ``[identity] threshold`` joins the two customers automatically
(status ``auto``): one link alone, or several kinds together (:meth:`Linker.combined`,
noisy-OR); below it, or when joining is not allowed, it waits for an agent (``proposed``). Agents
confirm, reject, merge and split (:func:`confirm_link`, :func:`reject_link`,
:func:`merge_customers`, :func:`split_persona`); each action writes the audit log.

Automatic linking never undoes an agent's decision:

- a persona an agent placed is *pinned*: automatic joins never move it to another customer;
- a split leaves ``rejected`` links between the persona and its former customer's personas, and two
  customers joined by a rejected link are never joined automatically;
- a CRM customer (with an ``external_id``) is never absorbed into another one automatically.

Forgotten accounts (:mod:`pipelines.forget`) leave a tombstone, the keyed hash of
"platform:handle" (:func:`tombstone_digest`): the stage drops their posts before they are stored,
and the CRM import skips rows naming them.

Writing. The stage itself only reads the post: it finds self-references and contact details,
hashes the details and masks them in the text (they are never stored or shown in full), and hands
its findings to the store in ``item.notes["identity"]``. The store, the only writer of crawled
records, calls :meth:`Linker.apply_mention` inside the mention's own transaction, so a mention and
its persona, links and ticket are committed together or not at all.
"""

from pipelines.identity.agents import (
    confirm_link,
    customers_view,
    merge_customers,
    parse_persona_ref,
    reject_link,
    split_persona,
)
from pipelines.identity.common import CRM_COLUMNS, NO_PERSONA, PLATFORMS, IdentityError
from pipelines.identity.contacts import Contact, contact_details, mask_contacts
from pipelines.identity.crm import import_customers
from pipelines.identity.handles import (
    clean_handle,
    crm_name_confidence,
    handle_bits,
    handle_confidence,
    handle_key,
    is_display_name,
    name_confidence,
    name_forms,
    name_stem,
)
from pipelines.identity.keys import (
    add_tombstones,
    contact_digest,
    hash_key,
    is_forgotten,
    tombstone_digest,
)
from pipelines.identity.linker import CONTACT_CONFIDENCE, Linker, LinkStats, audit, find_persona
from pipelines.identity.selfref import SelfReference, places_named, self_references
from pipelines.identity.stage import Identity

__all__ = [
    "CONTACT_CONFIDENCE",
    "CRM_COLUMNS",
    "NO_PERSONA",
    "PLATFORMS",
    "Contact",
    "Identity",
    "IdentityError",
    "LinkStats",
    "Linker",
    "SelfReference",
    "add_tombstones",
    "audit",
    "clean_handle",
    "confirm_link",
    "contact_details",
    "contact_digest",
    "crm_name_confidence",
    "customers_view",
    "find_persona",
    "handle_bits",
    "handle_confidence",
    "handle_key",
    "hash_key",
    "import_customers",
    "is_display_name",
    "is_forgotten",
    "mask_contacts",
    "merge_customers",
    "name_confidence",
    "name_forms",
    "name_stem",
    "parse_persona_ref",
    "places_named",
    "reject_link",
    "self_references",
    "split_persona",
    "tombstone_digest",
]
