"""The comparison: two 3D views side by side (left: the baseline or another scenario, right: the scenario),
their titles and the legend of what changed. Hidden unless the page's URL asks for it (callbacks/compare.py);
the bridge draws both views and links their cameras (assets/12-twin-bridge.js)."""

from __future__ import annotations

from dash import dcc, html

from components import ids
from components.panels import swatch
from layers.base import Legend


def _view(map_id: str, title_id: str) -> html.Div:
    return html.Div(
        [
            html.Div(id=title_id, className="compare-title"),
            html.Div(id=map_id, className="compare-map", role="img"),
        ],
        className="compare-view",
    )


def compare_area() -> html.Section:
    return html.Section(
        [
            dcc.Store(id=ids.COMPARE_SPEC),
            dcc.Store(id=ids.COMPARE_STATUS),
            html.Div([_view(ids.COMPARE_LEFT, ids.COMPARE_LEFT_TITLE),
                      _view(ids.COMPARE_RIGHT, ids.COMPARE_RIGHT_TITLE)], className="compare-views"),
            html.Div(id=ids.COMPARE_LEGEND, className="compare-legend"),
        ],
        id=ids.COMPARE_AREA,
        className="compare-area",
        hidden=True,
    )  # fmt: skip


def compare_tables() -> html.Details:
    """The changed floors as a table (accessibility: the same facts as the highlights), under the page."""
    return html.Details(
        [html.Summary(id=ids.COMPARE_TABLES_TITLE), html.Div(id=ids.COMPARE_TABLES_BODY)],
        id=ids.COMPARE_TABLES,
        className="sources",
        hidden=True,
    )


def change_legend(legend: Legend) -> list[html.Span]:
    """The legend of the changes, in one line under both views (not a toggle's legend: always shown)."""
    items = [
        html.Span([swatch(item.color), item.label], className="compare-legend-item") for item in legend.items
    ]
    return [html.Span(legend.title, className="compare-legend-title"), *items]
