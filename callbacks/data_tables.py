"""The map's data as grids, one per layer that has a table, built only while their panel is open; each with
its download links (the dataset at the chosen time, and in the scenario shown when there is one)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dash import Dash, Input, Output, html

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import shown
from callbacks.time_choice import parse_instant
from components import ids
from components.download_links import download_links
from components.grids import data_grid, grid_block
from geodata.catalog import Catalog
from layers.base import MapLayer
from layers.registry import TOGGLEABLE
from store.database import Store
from texts.i18n import Lang, t

# What each layer's table can be downloaded as (api/exports.py's datasets); none for what users write.
EXPORTS: dict[str, tuple[str, ...]] = {
    "occupancy": ("buildings", "floors"),
    "bookings": ("spaces", "bookings"),
    "biodiversity": ("biodiversity_plots",),
    "parking": ("parking_lots",),
}


def export_params(instant: datetime, scenario: object, lang: Lang) -> dict[str, str | None]:
    """The view's parameters an export takes, as the address writes them: the hour, the scenario shown (its
    version when one is named) and the language."""
    asked = shown(scenario)
    return {
        "at": instant.strftime("%Y-%m-%dT%H:%M"),
        "scenario": asked.id if asked else None,
        "version": str(asked.version) if asked and asked.version else None,
        "lang": lang,
    }


def layer_grid(
    layer: MapLayer, rows: list[dict[str, Any]], params: dict[str, str | None], lang: Lang
) -> html.Section:
    assert layer.table is not None
    caption, key = t(layer.label_key, lang), str(layer.key)
    grid = data_grid(f"{ids.DATA_GRID_PREFIX}{key}", layer.table.columns, rows, lang)
    datasets = EXPORTS.get(key, ())
    return grid_block(grid, caption, download_links(caption, datasets, params, lang) if datasets else None)


def register(app: Dash, catalog: Catalog, store: Store) -> None:
    @app.callback(
        Output(ids.DATA_TABLES_BODY, "children"),
        Input(ids.DATA_TABLES_TITLE, "n_clicks"),
        Input(ids.AT, "data"),
        Input(ids.LANG, "value"),
        Input(ids.SCENARIO, "data"),
    )
    def show_tables(clicks: object, at: object, value: object, scenario: object) -> list[Any]:
        # <details> does not report its `open` state to Dash; each click on its summary toggles it.
        is_open = inputs.clicks(clicks) % 2 == 1
        instant = parse_instant(at)
        if not is_open or instant is None:
            return []
        lang, con = chosen_lang(value), catalog.cursor()
        params = export_params(instant, scenario, lang)
        grids = [
            layer_grid(layer, layer.table.rows(con, instant, store), params, lang)
            for layer in TOGGLEABLE
            if layer.table is not None
        ]
        return [html.P(t("grid_hint", lang), className="hint"), html.Div(grids, className="data-grids")]
