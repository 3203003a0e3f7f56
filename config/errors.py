"""The root of every listenpost exception.

Each layer's errors derive from :class:`ListenpostError` (config is the lowest layer, so every
other package can import it). The ``listenpost`` command catches it once and prints its first
line as ``Error: ...`` with exit status 1; the web app renders it once as an error page (JSON
``{"error": ...}`` under /api/) with the class's ``status``.
"""

from __future__ import annotations


class ListenpostError(Exception):
    """Base class of the project's exceptions; the message is meant for a user, one line.

    ``status`` is the HTTP status the web app answers with when one reaches it: 500 unless the
    subclass is a mistake in what the request asked for.
    """

    status = 500


def one_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its class name when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
