"""The page on every screen: the drawer buttons' and the collapse button's words in the chosen language, and
the building panel folded to its title or open again (a newly chosen building always opens unfolded)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, html

from callbacks.language import chosen_lang
from components import ids
from components.screens import DRAWERS, drawer_button_id
from texts.i18n import Lang, t


def screen_texts(lang: Lang) -> tuple[Any, ...]:
    """Each drawer button's word, the bar's name, the drawer's close button, the collapse button's two words
    (the panel's state shows one) and the KPI strip's name."""
    words = tuple(t(f"drawer_{drawer}", lang) for drawer in DRAWERS)
    collapse = [html.Span(t("panel_collapse", lang), className="when-expanded"),
                html.Span(t("panel_expand", lang), className="when-collapsed")]  # fmt: skip
    return (*words, t("drawer_bar", lang), t("drawer_close", lang), collapse, t("kpi_strip_label", lang))


# Clientside: a click on the collapse button folds or unfolds the panel; a new building unfolds it.
FOLD = f"""(clicks, building, expanded) => {{
  const trigger = (window.dash_clientside.callback_context.triggered[0] || {{}}).prop_id || "";
  const open = trigger.startsWith("{ids.PANEL_COLLAPSE}.") ? String(expanded) !== "true" : true;
  return [open ? "true" : "false", open ? "building-panel" : "building-panel collapsed"];
}}"""


def register(app: Dash) -> None:
    @app.callback(
        *(Output(drawer_button_id(drawer), "children") for drawer in DRAWERS),
        Output(ids.DRAWER_BAR, "aria-label"),
        Output(ids.DRAWER_CLOSE, "children"),
        Output(ids.PANEL_COLLAPSE, "children"),
        Output(ids.KPI_STRIP, "aria-label"),
        Input(ids.LANG, "value"),
    )
    def translate(value: object) -> tuple[Any, ...]:
        return screen_texts(chosen_lang(value))

    app.clientside_callback(
        FOLD,
        Output(ids.PANEL_COLLAPSE, "aria-expanded"),
        Output(ids.BUILDING_PANEL, "className"),
        Input(ids.PANEL_COLLAPSE, "n_clicks"),
        Input(ids.SELECTED_BUILDING, "data"),
        State(ids.PANEL_COLLAPSE, "aria-expanded"),
    )

    # The first camera fits the district's buildings to the map (assets/16-twin-screens.js).
    app.clientside_callback(
        "window.dash_clientside.twinScreens.configure",
        Output(ids.SCREENS_STATUS, "data"),
        Input(ids.MAP_CONFIG, "data"),
    )
