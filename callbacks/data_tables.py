"""The map's data as tables, one per layer that has one, built only while their panel is open."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, html

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.time_choice import parse_instant
from components import ids
from components.tables import data_table
from geodata.catalog import Catalog
from layers.registry import TOGGLEABLE
from store.database import Store
from texts.i18n import t


def register(app: Dash, catalog: Catalog, store: Store) -> None:
    @app.callback(
        Output(ids.DATA_TABLES_BODY, "children"),
        Input(ids.DATA_TABLES_TITLE, "n_clicks"),
        Input(ids.AT, "data"),
        Input(ids.LANG, "value"),
    )
    def show_tables(clicks: object, at: object, value: object) -> list[Any]:
        # <details> does not report its `open` state to Dash; each click on its summary toggles it.
        is_open = inputs.clicks(clicks) % 2 == 1
        instant = parse_instant(at)
        if not is_open or instant is None:
            return []
        lang, con = chosen_lang(value), catalog.cursor()
        tables = [
            data_table(
                t(layer.label_key, lang), layer.table.columns, layer.table.rows(con, instant, store), lang
            )
            for layer in TOGGLEABLE
            if layer.table is not None
        ]
        return [html.Div(tables, className="data-tables")]
