"""Map layers: the time-dependent specs (bookings, parking) and the client-side rendering bridge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dash import ALL, Dash, Input, Output, State, no_update

from callbacks.time_choice import parse_instant
from components import ids
from geodata.catalog import Catalog
from geodata.queries import buildings, parking_free_at, plots_with_species, spaces_booked_at
from layers import biodiversity, bookings, parking


def timed_entries(catalog: Catalog, at: datetime) -> list[dict[str, Any]]:
    """Layers that depend on the chosen time: what was observed by then, booked and free at that hour."""
    con = catalog.cursor()
    return [
        *biodiversity.entries(plots_with_species(con, until=at)),
        *bookings.entries(spaces_booked_at(con, at), buildings(con)),
        *parking.entries(parking_free_at(con, at)),
    ]


def register(app: Dash, catalog: Catalog) -> None:
    @app.callback(Output(ids.TIMED_SPECS, "data"), Input(ids.AT, "data"), prevent_initial_call=True)
    def refresh_timed_layers(at: object) -> Any:
        instant = parse_instant(at)
        return timed_entries(catalog, instant) if instant else no_update

    # Toggles never reach the server: the bridge flips visibility on layers the browser already has.
    app.clientside_callback(
        "window.dash_clientside.twin.render",
        Output(ids.DECK_STATUS, "data"),
        Input(ids.STATIC_SPECS, "data"),
        Input(ids.TIMED_SPECS, "data"),
        Input(ids.LAYER_TOGGLES, "value"),
        State(ids.MAP_CONFIG, "data"),
    )
    app.clientside_callback(
        "window.dash_clientside.twin.setTooltips",
        Output(ids.TOOLTIP_STATUS, "data"),
        Input(ids.TOOLTIPS, "data"),
    )
    app.clientside_callback(
        "window.dash_clientside.twin.legendStyles",
        Output({"type": ids.LEGEND_TYPE, "key": ALL}, "style"),
        Input(ids.LAYER_TOGGLES, "value"),
        Input(ids.LEGENDS, "children"),
        State({"type": ids.LEGEND_TYPE, "key": ALL}, "id"),
    )
