"""The workshop mode's pieces of the page (?mode=atelier, a tablet or touch table): the on-map buttons, the
guided start, the facilitator's choice of scenario and the stores behind them. They are in every page and
shown only under the page root's `atelier` class (assets/atelier.css); texts come from callbacks/atelier.py,
behaviour from assets/14-twin-atelier.js."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from components import ids

POLL_MS = 5_000  # how often a workshop screen asks which scenario the facilitator has set


def atelier_stores() -> list[dcc.Store]:
    return [dcc.Store(id=ids.ATELIER), dcc.Store(id=ids.ATELIER_STATUS)]


def _map_button(button_id: str, content: list[html.Span | str], extra: str = "") -> html.Button:
    return html.Button(content, id=button_id, type="button", className=f"atelier-button {extra}".strip())


def _controls() -> html.Div:
    needle = html.Span([html.Span("N", className="compass-north")], className="compass-needle",
                       id=f"{ids.ATELIER_COMPASS}-needle")  # fmt: skip
    return html.Div([
        _map_button(ids.ATELIER_ZOOM_IN, [html.Span("+")]),
        _map_button(ids.ATELIER_ZOOM_OUT, [html.Span("−")]),
        _map_button(ids.ATELIER_COMPASS, [needle], "compass"),
        _map_button(ids.ATELIER_HOME, [html.Span("⌂", className="home-icon"),
                                       html.Span(id=ids.ATELIER_HOME_LABEL)], "home"),
    ], id=ids.ATELIER_CONTROLS, className="atelier-controls atelier-only")  # fmt: skip


def _guided_start() -> html.Div:
    """Over the map until its first touch (it lets touches through, so that first touch already counts)."""
    return html.Div([
        html.Span("☝", className="start-hand"),
        html.Div([html.P(id=ids.ATELIER_START_TITLE, className="start-title"),
                  html.P(id=ids.ATELIER_START_DETAIL, className="start-detail")]),
    ], id=ids.ATELIER_START, className="atelier-start atelier-only", role="status")  # fmt: skip


def map_overlays() -> list[Component]:
    """The on-map buttons, the guided start, the scenario's name and the poll of the facilitator's choice
    (enabled in workshop mode only)."""
    shown = html.Div(id=ids.ATELIER_SHOWN, className="atelier-shown atelier-only", role="status")
    poll = dcc.Interval(id=ids.ATELIER_POLL, interval=POLL_MS, disabled=True)
    return [_controls(), _guided_start(), shown, poll]


def facilitator_section() -> html.Section:
    """Signed-in facilitators only (the server checks it again on every choice)."""
    choice = dcc.Dropdown(id=ids.ATELIER_SCENARIO, options=[], clearable=False, searchable=False)
    return html.Section([
        html.H2(html.Label(id=ids.ATELIER_FACILITATOR_TITLE, htmlFor=ids.ATELIER_SCENARIO)),
        choice,
        html.Div(id=ids.ATELIER_FEEDBACK, className="hint", role="status"),
    ], id=ids.ATELIER_FACILITATOR, className="panel-section atelier-facilitator", hidden=True)  # fmt: skip
