"""Integers from outside: the ``<id:...>`` URL converter and the one parser for query strings,
forms and JSON bodies.

Database ids are 32-bit on PostgreSQL (``integer``), so an id outside 1..MAX_ID names nothing:
a URL with one is a 404 and a parameter with one finds no row. A parameter that is not a whole
number at all is a 400 naming the parameter. Strings from outside that the database cannot hold
(NUL characters, lone surrogates from JSON escapes) are refused the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask, abort
from werkzeug.routing import BaseConverter, ValidationError

from config.errors import ListenpostError

MAX_ID = 2**31 - 1  # PostgreSQL integer
MAX_INT = 2**63 - 1  # the widest integer any parameter is compared with
MAX_PAGE = 1_000_000  # pages are clamped to 1..MAX_PAGE
_INT = re.compile(r"[+-]?[0-9]+")


class BadParameter(ListenpostError, ValueError):
    """A parameter that is not what its name promises; the message names it."""

    status = 400


class IdConverter(BaseConverter):
    """``<id:name>``: a database id (1..MAX_ID); anything else does not match the route."""

    regex = r"\d{1,10}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def parse_int(name: str, raw: Any) -> int:
    """A whole number of at most 64 bits, else :class:`BadParameter`."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise BadParameter(f"{name} must be a whole number")
    if isinstance(raw, int):
        number = raw
    else:
        text = raw.strip()
        if not _INT.fullmatch(text):
            raise BadParameter(f"{name} must be a whole number")
        if len(text.lstrip("+-").lstrip("0")) > 19:
            raise BadParameter(f"{name} is out of range")
        number = int(text)
    if not -MAX_INT <= number <= MAX_INT:
        raise BadParameter(f"{name} is out of range")
    return number


def int_arg(args: Mapping[str, Any], name: str, default: int, lo: int, hi: int) -> int:
    """An integer parameter clamped to ``lo..hi``; ``default`` when absent or empty; 400 when it
    is not a whole number of at most 64 bits."""
    raw = args.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    try:
        return min(max(parse_int(name, raw), lo), hi)
    except BadParameter as exc:
        abort(400, str(exc))


def id_arg(args: Mapping[str, Any], name: str) -> int | None:
    """An id parameter: None when absent or empty, 0 (no row has it) when outside 1..MAX_ID;
    400 when it is not a whole number."""
    raw = args.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str) and _INT.fullmatch(raw.strip()):
        digits = raw.strip().lstrip("+").lstrip("0")
        if not digits.isdigit() or len(digits) > 10:  # negative, zero or too long
            return 0
        return int(digits) if int(digits) <= MAX_ID else 0
    try:
        number = parse_int(name, raw)
    except BadParameter as exc:
        abort(400, str(exc))
    return number if 1 <= number <= MAX_ID else 0


def clean_text(name: str, value: Any, limit: int | None = None) -> str:
    """A string the database can store: no NUL, no lone surrogates; 400 otherwise."""
    if not isinstance(value, str):
        abort(400, f"{name} must be a string")
    if "\x00" in value:
        abort(400, f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        abort(400, f"{name} is not valid Unicode")
    if limit is not None and len(value) > limit:
        abort(400, f"{name} is longer than {limit} characters")
    return value


def json_body() -> Any:
    """The request's JSON body, None when it is not JSON; 400 when it nests too deeply to
    parse."""
    from flask import request

    try:
        return request.get_json(silent=True)
    except RecursionError:
        abort(400, "the JSON body is nested too deeply")


def check_request_strings(args: Mapping[str, Any], form: Mapping[str, Any]) -> None:
    """Refuse query and form values with characters no column can hold (400 naming the field)."""
    for source in (args, form):
        for key, values in source.lists():  # type: ignore[attr-defined]
            clean_text("parameter name", key)
            for value in values:
                clean_text(key[:40], value)


def register(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter


def float_arg(args: Mapping[str, Any], name: str, default: float) -> float:
    """A finite number parameter; ``default`` when absent or empty; 400 naming it otherwise."""
    raw = args.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        abort(400, f"{name} must be a number")
    try:
        number = float(raw.strip()[:40] if isinstance(raw, str) else raw)
    except ValueError:
        abort(400, f"{name} must be a number")
    if not math.isfinite(number):
        abort(400, f"{name} must be a finite number")
    return number
