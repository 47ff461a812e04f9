"""Checks for what a callback receives. Any client can POST any JSON to a callback, so every input is read
through one of these: a value of the wrong type or shape becomes None (or is dropped), and the callback
answers with no_update, an empty output or a translated message — never an exception, never a 500."""

from __future__ import annotations

import math
from datetime import date, datetime
from string import Formatter

from components.view_query import MAX_ECHO as MAX_ECHO
from components.view_query import MAX_ID as MAX_ID
from components.view_query import building_id as building_id
from components.view_query import echo as echo
from components.view_query import is_unicode
from texts.i18n import DEFAULT_LANG, TEXT, Lang, normalise_lang

MAX_ISO = 32  # the longest ISO date-time a control or store legitimately holds ("2026-11-23T14:00:00.000000")
MAX_MESSAGES = 20  # the URL callback writes at most one message per query parameter
MESSAGE_KEYS = frozenset(key for key in TEXT if key.startswith(("error_", "note_")))

Problem = tuple[str, dict[str, str]]


def text(value: object, max_length: int) -> str | None:
    """A string of at most `max_length` characters, or None."""
    return value if isinstance(value, str) and len(value) <= max_length and is_unicode(value) else None


def whole_number(value: object) -> int | None:
    """An int (or a float with an integral value, as JSON numbers may arrive); not a bool, NaN or infinity."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def hour(value: object) -> int | None:
    """An hour of the day, 0 to 23."""
    number = whole_number(value)
    return number if number is not None and 0 <= number <= 23 else None


def clicks(value: object) -> int:
    """A button's click count; anything that is not a count of clicks counts as no click."""
    number = whole_number(value)
    return number if number is not None and number >= 0 else 0


def day(value: object) -> date | None:
    """A calendar day from a date picker: 'YYYY-MM-DD', possibly followed by a time of day."""
    raw = text(value, MAX_ISO)
    if raw is None or (len(raw) > 10 and raw[10] not in "T "):
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def instant(value: object) -> datetime | None:
    """A naive local date-time as the AT store holds it; one with a UTC offset is refused, because the
    data's timestamps are naive wall-clock time and the two cannot be compared."""
    raw = text(value, MAX_ISO)
    if raw is None:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else None


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def _problem(item: object) -> Problem | None:
    """One [key, {placeholder: text}] message whose key we know and whose placeholders are all filled."""
    if not isinstance(item, list | tuple) or len(item) != 2:
        return None
    key, params = item
    if not isinstance(key, str) or key not in MESSAGE_KEYS or not isinstance(params, dict):
        return None
    # Values were echoed once by the URL callback (at most MAX_ECHO characters and "…"): cap, never re-cut.
    values = {name: v[: MAX_ECHO + 1] for name, v in params.items() if isinstance(v, str)}
    needed = {name for template in TEXT[key].values() for name in _placeholders(template)}
    return (key, {name: values[name] for name in needed}) if needed <= values.keys() else None


def problems(value: object) -> list[Problem]:
    """The messages of the message store; anything that is not a message we can show is dropped."""
    if not isinstance(value, list):
        return []
    checked = (_problem(item) for item in value[:MAX_MESSAGES])
    return [problem for problem in checked if problem is not None]


def query_string(value: object) -> str:
    """The page's query string ('?lang=en&at=…'); not a string (or not text) means no query."""
    return value if isinstance(value, str) and is_unicode(value) else ""


def lang(value: object) -> Lang:
    """The language switch's value; anything else is the default language."""
    chosen = normalise_lang(value) if isinstance(value, str) and len(value) <= MAX_ECHO else None
    return chosen or DEFAULT_LANG
