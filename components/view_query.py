"""The view's query string (?lang=en&at=2026-11-23T14:00&layers=occupancy,parking&building=62
&view=lon,lat,zoom,pitch,bearing&mode=atelier&scenario=<id>&version=<n>), parsed and checked: pure
functions, no Dash.

It lives here, the lowest layer that knows the layer keys (layers.registry), so that the page's callbacks
(callbacks/url_state.py) and the routes beside it (api/exports.py and others) read one address the same way
and refuse the same values with the same messages (translation keys of texts/i18n.py)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from layers.registry import TOGGLE_KEYS
from store.workshops import DEFAULT_CODE, WORKSHOP_CODE
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang

LOCAL_TZ = ZoneInfo("Europe/Paris")  # data timestamps are naive local wall-clock time
ATELIER_MODE = "atelier"  # ?mode=atelier: the workshop mode, for tablets and touch tables
MAX_ECHO = 40  # characters of a refused value repeated back in a message
MAX_ID = 200  # a building id longer than this is not looked up (it cannot exist), only refused
SCENARIO_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
VERSION = re.compile(r"[1-9][0-9]{0,8}")

VIEW_FIELDS = ("longitude", "latitude", "zoom", "pitch", "bearing")
# Each camera value's allowed range (deck.gl's MapView: web-mercator latitude, zoom 0-24, pitch up to 85°).
VIEW_BOUNDS = ((-180.0, 180.0), (-85.0, 85.0), (0.0, 24.0), (0.0, 85.0), (-360.0, 360.0))

Problem = tuple[str, dict[str, str]]
Query = dict[str, list[str]]


@dataclass(frozen=True)
class UrlState:
    lang: Lang
    at: datetime
    problems: tuple[Problem, ...] = field(default=())
    layers: tuple[str, ...] | None = None  # None: the default layers
    building: str | None = None
    view: dict[str, float] | None = None  # None: the first view that fits the district


def echo(value: object) -> str:
    """A refused value as it may be shown back: text only, at most MAX_ECHO characters, never the whole
    of a large payload (a 5 MB id must not come back in the answer)."""
    text = value if isinstance(value, str) else type(value).__name__
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be encoded on the way out
    return text if len(text) <= MAX_ECHO else text[:MAX_ECHO] + "…"


def is_unicode(value: str) -> bool:
    """False for a string with lone surrogates ('\\ud800' in JSON): valid JSON, but not text that UTF-8,
    DuckDB or a response can carry."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def building_id(value: object) -> str | None:
    """A non-empty string; a longer one than MAX_ID is kept, to be refused by name (echoed, cut short)."""
    return value if isinstance(value, str) and value.strip() and is_unicode(value) else None


def parsed(search: str | None) -> Query:
    return parse_qs((search or "").lstrip("?"), keep_blank_values=True)


def first(query: Query, name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def default_at(period: tuple[datetime, datetime], now: datetime) -> datetime:
    """Now, to the hour, kept inside the data's period."""
    start, end = period
    return min(max(now.replace(minute=0, second=0, microsecond=0), start), end)


def local_now() -> datetime:
    return datetime.now(LOCAL_TZ).replace(tzinfo=None)


def _parse_at(text: str) -> datetime | None:
    try:
        at = datetime.fromisoformat(text.strip())
        # astimezone can overflow at the ends of the calendar (0001-01-01T00:00+05:00)
        return at.astimezone(LOCAL_TZ).replace(tzinfo=None) if at.tzinfo is not None else at
    except (ValueError, OverflowError):
        return None


def lang_of(query: Query) -> tuple[Lang, list[Problem]]:
    raw = first(query, "lang")
    lang = normalise_lang(raw) if raw is not None else DEFAULT_LANG
    return (lang, []) if lang else (DEFAULT_LANG, [("error_lang", {"value": echo(raw or "")})])


def at_of(
    query: Query, period: tuple[datetime, datetime], fallback: datetime
) -> tuple[datetime, list[Problem]]:
    """?at=: a local time inside the data's period, rounded down to the hour (with a note)."""
    raw = first(query, "at")
    if raw is None:
        return fallback, []
    exact = _parse_at(raw)
    if exact is None:
        return fallback, [("error_at", {"value": echo(raw)})]
    at = exact.replace(minute=0, second=0, microsecond=0)
    if not period[0] <= at <= period[1]:
        bounds = {"start": f"{period[0]:%d/%m/%Y}", "end": f"{period[1]:%d/%m/%Y}"}
        return fallback, [("error_at_range", {"value": echo(raw), **bounds})]
    return at, [] if exact == at else [("note_at_rounded", {"value": echo(raw)})]


def layers_of(query: Query) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """?layers=occupancy,parking: the visible toggles ('' = none); an unknown key refuses the whole list."""
    raw = first(query, "layers")
    if raw is None:
        return None, []
    keys = tuple(dict.fromkeys(key.strip() for key in raw.split(",") if key.strip()))
    if all(key in TOGGLE_KEYS for key in keys):
        return keys, []
    unknown = next(key for key in keys if key not in TOGGLE_KEYS)
    return None, [("error_layers", {"value": echo(unknown)})]


def _building(query: Query) -> tuple[str | None, list[Problem]]:
    """?building=<id>: opened in the building panel (which says so when no building has that id)."""
    raw = first(query, "building")
    if raw is None:
        return None, []
    value = building_id(raw.strip())
    if value is None or len(value) > MAX_ID or not value.isprintable():
        return None, [("error_building", {"value": echo(raw)})]
    return value, []


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _view(query: Query) -> tuple[dict[str, float] | None, list[Problem]]:
    """?view=lon,lat,zoom,pitch,bearing: five numbers, each inside its range."""
    raw = first(query, "view")
    if raw is None:
        return None, []
    numbers = [_number(part) for part in raw.split(",")]
    if len(numbers) == len(VIEW_FIELDS) and all(
        n is not None and low <= n <= high for n, (low, high) in zip(numbers, VIEW_BOUNDS, strict=True)
    ):
        return {name: float(n or 0.0) for name, n in zip(VIEW_FIELDS, numbers, strict=True)}, []
    return None, [("error_view", {"value": echo(raw)})]


def workshop_of(query: Query) -> tuple[str | None, list[Problem]]:
    """?mode=atelier[&atelier=<code>]: the workshop's code in workshop mode, else None."""
    mode = first(query, "mode")
    if mode is None:
        return None, []
    if mode != ATELIER_MODE:
        return None, [("error_mode", {"value": echo(mode)})]
    code = first(query, "atelier")
    if code is None or WORKSHOP_CODE.fullmatch(code):
        return code or DEFAULT_CODE, []
    return DEFAULT_CODE, [("error_atelier_code", {"value": echo(code)})]


def workshop(search: str | None) -> str | None:
    """The workshop code of a query string (None: not the workshop mode); its problems are parse_query's."""
    return workshop_of(parsed(search))[0]


def parse_query(search: str | None, period: tuple[datetime, datetime], now: datetime) -> UrlState:
    """Every value checked; a bad one falls back to its default and says why."""
    query = parsed(search)
    lang, lang_problems = lang_of(query)
    at, at_problems = at_of(query, period, default_at(period, now))
    layers, layer_problems = layers_of(query)
    building, building_problems = _building(query)
    view, view_problems = _view(query)
    _, workshop_problems = workshop_of(query)
    problems = [*lang_problems, *at_problems, *layer_problems, *building_problems, *view_problems]
    problems += workshop_problems
    return UrlState(lang, at, tuple(problems), layers, building, view)


def url_layers(search: str | None) -> list[str] | None:
    """The layers a query string asks for (None: the default ones); its problems are parse_query's."""
    layers = layers_of(parsed(search))[0]
    return None if layers is None else list(layers)


def scenario_version(raw_id: str, raw_version: str | None, latest: int | None) -> int | Problem:
    """The version of ?scenario=<id>[&version=<n>] to show, given the scenario's latest version the viewer
    may see (None: unknown, or not theirs), or the problem: no version given means the latest."""
    if not SCENARIO_ID.fullmatch(raw_id) or latest is None:
        return "error_scenario_id", {"value": echo(raw_id)}
    if raw_version is None:
        return latest
    if not VERSION.fullmatch(raw_version) or int(raw_version) > latest:
        return "error_scenario_version", {"value": echo(raw_version)}
    return int(raw_version)
