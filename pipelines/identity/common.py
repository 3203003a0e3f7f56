"""Constants and the error shared by the identity modules."""

from __future__ import annotations

from config.errors import ListenpostError

PLATFORMS = ("reddit", "youtube", "forum")
NO_PERSONA = {"[unknown]", "[deleted]", "[removed]"}
CRM_COLUMNS = ("customer_id", "name", "email", "reddit", "youtube", "forum")


class IdentityError(ListenpostError, ValueError):
    """An agent action or a CRM file cannot be applied; the message says why (CLI shows it)."""

    status = 400
