"""The page: header, KPI strip, layer panel, 3D map, building panel and sources. Texts are filled in
by the language callback; the layout only places things."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dash import dcc, html

from components import ids
from components.atelier import atelier_stores, facilitator_section, map_overlays
from components.compare import compare_area, compare_tables
from components.contribution_panel import (
    contribute_button,
    contribution_panel,
    moderation_section,
    participation_section,
    participation_stores,
)
from components.finder import finder_section, finder_stores, ranking_section
from components.scenario_panel import (
    account_box,
    edit_form,
    indicators_section,
    scenario_section,
    scenario_stores,
)
from components.screens import collapse_button, drawer_bar, drawer_close, screens_stores
from components.share import share_controls
from layers.registry import TOGGLEABLE
from texts.i18n import DEFAULT_LANG

CONTRIBUTIONS_REFRESH_MS = 30_000  # how soon an approved contribution reaches an open map


@dataclass(frozen=True)
class PageData:
    """Read-only inputs of the page, computed once per process at start-up. `map_config` is the bridge's
    description of every layer (sources and deck.gl props): small, whatever the size of the data."""

    map_config: dict[str, Any]
    initial_view: dict[str, float]
    first_day: date
    last_day: date
    is_sample: bool
    basemap_url: str | None
    atelier_idle_s: int = 180  # workshop mode: seconds without a touch before the start view returns


def aria(**attributes: str) -> dict[str, Any]:
    """aria-* attributes for a Dash html component (their names are not Python identifiers)."""
    return {f"aria-{name}": value for name, value in attributes.items()}


def _stores(page: PageData) -> list[dcc.Store | dcc.Interval]:
    config = {**page.map_config, "container_id": ids.DECK_CONTAINER, "toggles_id": ids.LAYER_TOGGLES,
              "view": page.initial_view,
              "basemap_url": page.basemap_url, "atelier_idle_s": page.atelier_idle_s}  # fmt: skip
    return [
        dcc.Store(id=ids.TOOLTIPS),
        dcc.Store(id=ids.MAP_CONFIG, data=config),
        dcc.Store(id=ids.AT),
        dcc.Store(id=ids.MESSAGE_STORE),
        dcc.Store(id=ids.SELECTED_BUILDING),
        dcc.Store(id=ids.DECK_STATUS),
        dcc.Store(id=ids.ADDRESS_STATUS),
        dcc.Store(id=ids.TOOLTIP_STATUS),
        dcc.Store(id=ids.PAGE_LANG_STATUS),
        dcc.Store(id=ids.HOUR_NAME_STATUS),
        dcc.Store(id=ids.A11Y_TEXTS),
        dcc.Store(id=ids.A11Y_STATUS),
        dcc.Store(id=ids.CONTRIBUTIONS_REVISION),
        dcc.Store(id=ids.CONTRIBUTIONS_STATUS),
        dcc.Interval(id=ids.CONTRIBUTIONS_TICK, interval=CONTRIBUTIONS_REFRESH_MS),
        *scenario_stores(),
        *participation_stores(),
        *atelier_stores(),
        *screens_stores(),
        *finder_stores(),
    ]


def _header(page: PageData) -> html.Header:
    notice = html.Div(id=ids.SAMPLE_NOTICE, className="sample-notice", hidden=not page.is_sample)
    language = dcc.RadioItems(
        id=ids.LANG, options=[{"label": "FR", "value": "fr"}, {"label": "EN", "value": "en"}],
        value=DEFAULT_LANG, inline=True, className="lang-switch",
    )  # fmt: skip
    titles = html.Div([html.H1(id=ids.TITLE), html.Div(id=ids.SUBTITLE, className="subtitle")])
    said_done = html.A(id=ids.CONTRIBUTIONS_LINK, href="/contributions", className="contributions-link")
    named = html.Div(
        [html.Span(id=ids.LANG_GROUP_LABEL, className="visually-hidden"), language],
        role="radiogroup", **aria(labelledby=ids.LANG_GROUP_LABEL),
    )  # fmt: skip
    return html.Header([titles, notice, said_done, share_controls(), account_box(), named],
                       className="twin-header")  # fmt: skip


def _time_choice(page: PageData) -> html.Section:
    marks = {h: f"{h} h" for h in range(0, 24, 3)}
    return html.Section([
        html.H2(id=ids.TIME_TITLE),
        dcc.DatePickerSingle(
            id=ids.DATE, display_format="DD/MM/YYYY", first_day_of_week=1,
            min_date_allowed=page.first_day.isoformat(), max_date_allowed=page.last_day.isoformat(),
        ),
        html.Label(id=ids.HOUR_LABEL, htmlFor=ids.HOUR, className="hour-label"),
        dcc.Slider(id=ids.HOUR, min=0, max=23, step=1, marks=marks, value=None),
        html.Div(id=ids.TIME_HINT, className="hint"),
    ], className="panel-section")  # fmt: skip


def _layer_panel(page: PageData) -> html.Aside:
    default_on = [str(layer.key) for layer in TOGGLEABLE if layer.on_by_default]
    return html.Aside([
        html.Section([
            html.H2(id=ids.LAYERS_TITLE),
            html.Div(
                dcc.Checklist(id=ids.LAYER_TOGGLES, options=[], value=default_on, className="layer-toggles"),
                id=ids.LAYER_TOGGLES_GROUP, role="group", **aria(labelledby=ids.LAYERS_TITLE),
            ),
            html.Div(id=ids.LEGENDS, className="legends"),
        ], className="panel-section"),
        finder_section(),
        ranking_section(),
        _time_choice(page),
        scenario_section(),
        participation_section(),
        facilitator_section(),
        drawer_close(),  # last: the atelier's styles count the sections from the first child
    ], id=ids.LAYER_PANEL, className="layer-panel")  # fmt: skip


def _building_panel() -> html.Aside:
    return html.Aside(
        [
            html.Button(id=ids.PANEL_CLOSE, className="panel-close"),
            collapse_button(),
            html.Div(id=ids.PANEL_CONTENT),
            contribute_button(),
            edit_form(),
        ],
        id=ids.BUILDING_PANEL,
        className="building-panel",
        hidden=True,
    )


def _map_keys() -> list[html.Div]:
    """The keyboard's way into the map (assets/16-twin-a11y.js): shown while the map has the keyboard focus,
    a cross marking the point Enter opens, and the keys."""
    cross = html.Div(className="map-cross", **aria(hidden="true"))
    keys = html.Div([html.Div(id=ids.MAP_KEYS), html.Div(id=ids.MAP_KEYS_NOTICE, role="status")],
                    className="map-keys")  # fmt: skip
    return [cross, keys]


def _map() -> html.Main:
    deck = html.Div(id=ids.DECK_CONTAINER, className="deck-map", role="region")
    hint = html.P(id=ids.PANEL_HINT, className="map-hint")
    return html.Main(
        [deck, *_map_keys(), hint, *map_overlays(), _building_panel(), contribution_panel()],
        id=ids.MAP_AREA,
        className="map-area",
    )


def page_layout(page: PageData) -> html.Div:
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        html.A(id=ids.SKIP_TO_MAP, href=f"#{ids.MAP_AREA}", className="skip-link"),
        *_stores(page),
        _header(page),
        html.Div(id=ids.MESSAGES, className="messages", role="alert"),
        html.Div(id=ids.COMPARE_MESSAGES, className="messages", role="alert"),
        # Focusable: on a phone the strip scrolls sideways, and a keyboard must be able to scroll it too.
        html.Div(id=ids.KPI_STRIP, className="kpi-strip", role="status", tabIndex="0"),
        html.Div([drawer_bar(), _layer_panel(page), _map(), compare_area()], className="twin-body"),
        indicators_section(),
        moderation_section(),
        compare_tables(),
        html.Details(
            [html.Summary(id=ids.DATA_TABLES_TITLE), html.Div(id=ids.DATA_TABLES_BODY)],
            id=ids.DATA_TABLES, className="sources",
        ),
        html.Details(id=ids.SOURCES, className="sources"),
    ], className="twin")  # fmt: skip
