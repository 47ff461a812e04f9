"""The page's query string (?lang=en&at=2026-11-23T14:00&layers=occupancy,parking&building=62
&view=lon,lat,zoom,pitch,bearing) turned into the controls; the parsing itself is components/view_query.py's
(shared with the routes beside the page). The address is written back as the user changes the view by
assets/15-twin-address.js (history.replaceState, no reload), so a copied link reopens what was shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Dash, Input, Output, Patch, no_update

from callbacks import inputs
from components import ids
from components.view_query import local_now, parse_query
from geodata.catalog import Catalog
from geodata.queries import activity_time_range


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
        state = parse_query(inputs.query_string(search), period, local_now())
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
