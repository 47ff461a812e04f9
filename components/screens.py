"""The page on every screen: on a phone or a portrait tablet the side panel's sections open as drawers from
a bar of buttons above the map; the building panel can be collapsed to its title. Texts come from
callbacks/screens.py, behaviour from assets/16-twin-screens.js, the layouts from assets/twin.screens.css."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from components import ids

# The side panel's sections a drawer button opens (assets/twin.screens.css shows the one asked for).
DRAWERS = ("layers", "time", "find", "scenarios", "participation")


def drawer_button_id(drawer: str) -> str:
    return f"{ids.DRAWER_BUTTON}-{drawer}"


def _attributes(**named: str) -> dict[str, Any]:
    """data-*/aria-* attributes (Dash takes them as keywords, which Python names cannot spell)."""
    return {name.replace("_", "-"): value for name, value in named.items()}


def _drawer_button(drawer: str) -> html.Button:
    extra = _attributes(data_drawer=drawer, aria_controls=ids.LAYER_PANEL, aria_expanded="false")
    return html.Button(id=drawer_button_id(drawer), type="button", className="drawer-button", **extra)


def drawer_bar() -> html.Nav:
    """Shown on narrow screens only (on wider ones the side panel is always there)."""
    return html.Nav([_drawer_button(d) for d in DRAWERS], id=ids.DRAWER_BAR, className="drawer-bar")


def drawer_close() -> html.Button:
    """At the top of the side panel while it is a drawer; hidden otherwise."""
    return html.Button(id=ids.DRAWER_CLOSE, type="button", className="drawer-close")


def collapse_button() -> html.Button:
    """Folds the building panel to its title so that it leaves the map free; its two words (collapse /
    expand) are both in the page, the panel's state shows one."""
    extra = _attributes(aria_controls=ids.PANEL_CONTENT, aria_expanded="true")
    return html.Button(id=ids.PANEL_COLLAPSE, type="button", className="panel-collapse", **extra)


def screens_stores() -> list[dcc.Store]:
    return [dcc.Store(id=ids.SCREENS_STATUS)]
