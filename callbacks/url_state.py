"""The page's query string (?lang=en&at=2026-11-23T14:00): parsed, checked, turned into the controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from dash import Dash, Input, Output

from callbacks import inputs
from components import ids
from geodata.catalog import Catalog
from geodata.queries import activity_time_range
from store.workshops import DEFAULT_CODE, WORKSHOP_CODE
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang

LOCAL_TZ = ZoneInfo("Europe/Paris")  # data timestamps are naive local wall-clock time
ATELIER_MODE = "atelier"  # ?mode=atelier: the workshop mode, for tablets and touch tables

Problem = tuple[str, dict[str, str]]


@dataclass(frozen=True)
class UrlState:
    lang: Lang
    at: datetime
    problems: tuple[Problem, ...] = field(default=())


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
    _, workshop_problems = _workshop(query)
    return UrlState(lang, at, tuple(lang_problems + at_problems + workshop_problems))


def register(app: Dash, catalog: Catalog) -> None:
    period = activity_time_range(catalog.cursor())  # fixed for the life of the read-only catalog

    @app.callback(
        Output(ids.LANG, "value"),
        Output(ids.DATE, "date"),
        Output(ids.HOUR, "value"),
        Output(ids.MESSAGE_STORE, "data"),
        Input(ids.URL, "search"),
    )
    def apply_url(search: object) -> tuple[str, str, int, list[Any]]:
        state = parse_query(inputs.query_string(search), period, datetime.now(LOCAL_TZ).replace(tzinfo=None))
        return state.lang, state.at.date().isoformat(), state.at.hour, [list(p) for p in state.problems]
