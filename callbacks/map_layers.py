"""The map: drawn in the browser by the deck bridge (assets/1x-twin-*.js) from the layer configuration in the
layout and the data endpoints (api/layer_data.py). Toggles and time steps never reach a Dash callback: the
bridge fetches only the sources whose URL changed."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State

from components import ids


def register(app: Dash) -> None:
    app.clientside_callback(
        "window.dash_clientside.twin.render",
        Output(ids.DECK_STATUS, "data"),
        Input(ids.MAP_CONFIG, "data"),
        Input(ids.LAYER_TOGGLES, "value"),
        Input(ids.AT, "data"),
    )
    app.clientside_callback(
        "window.dash_clientside.twin.setScenario",
        Output(ids.SCENARIO_STATUS_MAP, "data"),
        Input(ids.SCENARIO_PARAM, "data"),
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
