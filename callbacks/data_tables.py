"""The map's data as tables, built only while their panel is open."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
from dash import Dash, Input, Output, html

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.time_choice import parse_instant
from components import ids
from components.tables import Row, data_tables
from geodata.catalog import Catalog
from geodata.queries import floor_area_by_building, parking_free_at, plots_with_species, spaces_booked_at


def _rows(table: pa.Table) -> Sequence[Row]:
    """Plain rows of a query result, without the geometry a table does not show."""
    shown = [name for name in table.column_names if name != "geometry"]
    rows: list[Row] = table.select(shown).to_pylist()
    return rows


def table_rows(catalog: Catalog, at: datetime) -> dict[str, Sequence[Row]]:
    con = catalog.cursor()
    return {
        "buildings": _rows(floor_area_by_building(con)),
        "bookings": _rows(spaces_booked_at(con, at)),
        "plots": _rows(plots_with_species(con, until=at)),
        "parking": _rows(parking_free_at(con, at)),
    }


def register(app: Dash, catalog: Catalog) -> None:
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
        return [
            html.Div(data_tables(table_rows(catalog, instant), chosen_lang(value)), className="data-tables")
        ]
