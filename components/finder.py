"""Answers in one tap: a search box for a building (number or name) with its results, and the buildings with
the most vacant floor area. Each result and ranked building is a button that chooses the building: the map
flies to it, marks it and opens its panel (callbacks/finder.py). Texts are filled in by that callback."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from components import ids

SEARCH_DEBOUNCE_S = 0.25  # results follow the typing without a request per key
POLITE: dict[str, Any] = {"aria-live": "polite"}  # screen readers hear the results as they change


def finder_stores() -> list[dcc.Store]:
    return [dcc.Store(id=ids.FLY_TO), dcc.Store(id=ids.FLY_STATUS), dcc.Store(id=ids.SELECTION_STATUS)]


def ranking_section() -> html.Section:
    """The buildings with the most vacant floor area, each a button (filled in by callbacks/finder.py)."""
    ranking = html.Details(
        [html.Summary(id=ids.RANKING_TITLE), html.Div(id=ids.RANKING_BODY)],
        id=ids.RANKING, className="ranking", open=True,
    )  # fmt: skip
    return html.Section([ranking], className="panel-section")


def finder_section() -> html.Section:
    search = dcc.Input(
        id=ids.FIND_INPUT, type="search", debounce=SEARCH_DEBOUNCE_S, autoComplete="off",
        className="find-input", maxLength=80,
    )  # fmt: skip
    return html.Section(
        [
            html.H2(id=ids.FIND_TITLE),
            html.Label(id=ids.FIND_LABEL, htmlFor=ids.FIND_INPUT),
            search,
            html.Div(id=ids.FIND_RESULTS, className="find-results", **POLITE),
        ],
        id=ids.FINDER,
        className="panel-section finder",
    )
