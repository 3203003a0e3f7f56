"""Keyed hashes of contact details and the tombstones forgotten accounts leave."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from pipelines.identity.handles import _fold, clean_handle
from pipelines.models import (
    Tombstone,
)


def hash_key(settings: Settings) -> bytes:
    """[identity] hash_key, or a random key kept in the data directory across runs."""
    if settings.identity.hash_key:
        return settings.identity.hash_key.encode("utf-8")
    path = Path(settings.home) / "identity_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip().encode("ascii")


def contact_digest(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def tombstone_digest(key: bytes, platform: str, handle: str) -> str:
    """The keyed hash a forgotten account leaves: HMAC of "platform:handle", the handle without
    u/ or @, case and accents folded ("reddit:maria_q"); ``platform`` "crm" for a CRM id."""
    return contact_digest(key, platform, _fold(clean_handle(handle)))


def add_tombstones(session: Session, key: bytes, accounts: Iterable[tuple[str, str]]) -> int:
    """Record forgotten ``(platform, handle)`` accounts; how many were new."""
    added = 0
    for digest in {tombstone_digest(key, platform, handle) for platform, handle in accounts}:
        if session.scalar(select(Tombstone.id).where(Tombstone.digest == digest)) is None:
            session.add(Tombstone(digest=digest))
            added += 1
    session.flush()
    return added


def is_forgotten(session: Session, key: bytes, platform: str, handle: str) -> bool:
    """Whether the account was forgotten (a tombstone holds its keyed hash)."""
    digest = tombstone_digest(key, platform, handle)
    return session.scalar(select(Tombstone.id).where(Tombstone.digest == digest)) is not None
