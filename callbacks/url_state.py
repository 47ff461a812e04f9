"""The page's query string (?lang=en&at=2026-11-23T14:00&layers=occupancy,parking&building=62
&view=lon,lat,zoom,pitch,bearing): parsed, checked, turned into the controls. The address is written back
as the user changes the view by assets/15-twin-address.js (history.replaceState, no reload), so a copied
link reopens what was shown."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from dash import Dash, Input, Output, Patch, no_update

from callbacks import inputs
from components import ids
from geodata.catalog import Catalog
from geodata.queries import activity_time_range
from layers.registry import TOGGLE_KEYS
from store.workshops import DEFAULT_CODE, WORKSHOP_CODE
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang

LOCAL_TZ = ZoneInfo("Europe/Paris")  # data timestamps are naive local wall-clock time
ATELIER_MODE = "atelier"  # ?mode=atelier: the workshop mode, for tablets and touch tables

VIEW_FIELDS = ("longitude", "latitude", "zoom", "pitch", "bearing")
# Each camera value's allowed range (deck.gl's MapView: web-mercator latitude, zoom 0-24, pitch up to 85°).
VIEW_BOUNDS = ((-180.0, 180.0), (-85.0, 85.0), (0.0, 24.0), (0.0, 85.0), (-360.0, 360.0))

Problem = tuple[str, dict[str, str]]


@dataclass(frozen=True)
class UrlState:
    lang: Lang
    at: datetime
    problems: tuple[Problem, ...] = field(default=())
    layers: tuple[str, ...] | None = None  # None: the default layers
    building: str | None = None
    view: dict[str, float] | None = None  # None: the first view that fits the district


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def default_at(period: tuple[datetime, datetime], now: datetime) -> datetime:
    """Now, to the hour, kept inside the data's period."""
    start, end = period
    return min(max(now.replace(minute=0, second=0, microsecond=0), start), end)


def _parse_at(text: str) -> datetime | None:
    try:
        at = datetime.fromisoformat(text.strip())
        # astimezone can overflow at the ends of the calendar (0001-01-01T00:00+05:00)
        return at.astimezone(LOCAL_TZ).replace(tzinfo=None) if at.tzinfo is not None else at
    except (ValueError, OverflowError):
        return None


def _lang(query: dict[str, list[str]]) -> tuple[Lang, list[Problem]]:
    raw = _first(query, "lang")
    lang = normalise_lang(raw) if raw is not None else DEFAULT_LANG
    return (lang, []) if lang else (DEFAULT_LANG, [("error_lang", {"value": inputs.echo(raw or "")})])


def _at(
    query: dict[str, list[str]], period: tuple[datetime, datetime], fallback: datetime
) -> tuple[datetime, list[Problem]]:
    raw = _first(query, "at")
    if raw is None:
        return fallback, []
    exact = _parse_at(raw)
    if exact is None:
        return fallback, [("error_at", {"value": inputs.echo(raw)})]
    at = exact.replace(minute=0, second=0, microsecond=0)
    if not period[0] <= at <= period[1]:
        bounds = {"start": f"{period[0]:%d/%m/%Y}", "end": f"{period[1]:%d/%m/%Y}"}
        return fallback, [("error_at_range", {"value": inputs.echo(raw), **bounds})]
    return at, [] if exact == at else [("note_at_rounded", {"value": inputs.echo(raw)})]


def layers_of(query: dict[str, list[str]]) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """?layers=occupancy,parking: the visible toggles ('' = none); an unknown key refuses the whole list."""
    raw = _first(query, "layers")
    if raw is None:
        return None, []
    keys = tuple(dict.fromkeys(key.strip() for key in raw.split(",") if key.strip()))
    if all(key in TOGGLE_KEYS for key in keys):
        return keys, []
    unknown = next(key for key in keys if key not in TOGGLE_KEYS)
    return None, [("error_layers", {"value": inputs.echo(unknown)})]


def _building(query: dict[str, list[str]]) -> tuple[str | None, list[Problem]]:
    """?building=<id>: opened in the building panel (which says so when no building has that id)."""
    raw = _first(query, "building")
    if raw is None:
        return None, []
    value = inputs.building_id(raw.strip())
    if value is None or len(value) > inputs.MAX_ID or not value.isprintable():
        return None, [("error_building", {"value": inputs.echo(raw)})]
    return value, []


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _view(query: dict[str, list[str]]) -> tuple[dict[str, float] | None, list[Problem]]:
    """?view=lon,lat,zoom,pitch,bearing: five numbers, each inside its range."""
    raw = _first(query, "view")
    if raw is None:
        return None, []
    numbers = [_number(part) for part in raw.split(",")]
    if len(numbers) == len(VIEW_FIELDS) and all(
        n is not None and low <= n <= high for n, (low, high) in zip(numbers, VIEW_BOUNDS, strict=True)
    ):
        return {name: float(n or 0.0) for name, n in zip(VIEW_FIELDS, numbers, strict=True)}, []
    return None, [("error_view", {"value": inputs.echo(raw)})]


def _workshop(query: dict[str, list[str]]) -> tuple[str | None, list[Problem]]:
    """?mode=atelier[&atelier=<code>]: the workshop's code in workshop mode, else None."""
    mode = _first(query, "mode")
    if mode is None:
        return None, []
    if mode != ATELIER_MODE:
        return None, [("error_mode", {"value": inputs.echo(mode)})]
    code = _first(query, "atelier")
    if code is None or WORKSHOP_CODE.fullmatch(code):
        return code or DEFAULT_CODE, []
    return DEFAULT_CODE, [("error_atelier_code", {"value": inputs.echo(code)})]


def workshop(search: str | None) -> str | None:
    """The workshop code of a query string (None: not the workshop mode); its problems are parse_query's."""
    return _workshop(parse_qs((search or "").lstrip("?"), keep_blank_values=True))[0]


def parse_query(search: str | None, period: tuple[datetime, datetime], now: datetime) -> UrlState:
    """Every value checked; a bad one falls back to its default and says why."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    lang, lang_problems = _lang(query)
    at, at_problems = _at(query, period, default_at(period, now))
    layers, layer_problems = layers_of(query)
    building, building_problems = _building(query)
    view, view_problems = _view(query)
    _, workshop_problems = _workshop(query)
    problems = [*lang_problems, *at_problems, *layer_problems, *building_problems, *view_problems]
    problems += workshop_problems
    return UrlState(lang, at, tuple(problems), layers, building, view)


def url_layers(search: str | None) -> list[str] | None:
    """The layers a query string asks for (None: the default ones); its problems are parse_query's."""
    layers = layers_of(parse_qs((search or "").lstrip("?"), keep_blank_values=True))[0]
    return None if layers is None else list(layers)


def _camera(view: dict[str, float] | None) -> Any:
    """The map configuration's first view, replaced by the address's (a patch: the rest is not resent)."""
    if view is None:
        return no_update
    patch = Patch()
    patch["view"] = view
    return patch


def register(app: Dash, catalog: Catalog) -> None:
    period = activity_time_range(catalog.cursor(), date.today())  # fixed for the catalog's life

    @app.callback(
        Output(ids.LANG, "value"),
        Output(ids.DATE, "date"),
        Output(ids.HOUR, "value"),
        Output(ids.MESSAGE_STORE, "data"),
        Output(ids.SELECTED_BUILDING, "data"),
        Output(ids.MAP_CONFIG, "data"),
        Input(ids.URL, "search"),
    )
    def apply_url(search: object) -> tuple[Any, ...]:
        state = parse_query(inputs.query_string(search), period, datetime.now(LOCAL_TZ).replace(tzinfo=None))
        problems = [list(p) for p in state.problems]
        day, hour = state.at.date().isoformat(), state.at.hour
        return state.lang, day, hour, problems, state.building, _camera(state.view)

    app.clientside_callback(
        "window.dash_clientside.twinAddress.write",
        Output(ids.ADDRESS_STATUS, "data"),
        Input(ids.LANG, "value"),
        Input(ids.AT, "data"),
        Input(ids.LAYER_TOGGLES, "value"),
        Input(ids.SELECTED_BUILDING, "data"),
        Input(ids.SCENARIO, "data"),
    )
