"""The map's data as tables, built only while their panel is open."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
from dash import Dash, Input, Output, html

from callbacks.language import chosen_lang
from callbacks.time_choice import parse_instant
from components import ids
from components.tables import Row, data_tables
from geodata.catalog import Catalog
from geodata.queries import floors_with_status, parking_free_at, plots_with_species, spaces_booked_at


def floor_area_by_building(floors: pa.Table) -> list[Row]:
    """Floors, occupied and vacant m² per building, in building order."""
    totals: dict[str, Row] = {}
    for floor in floors.drop_columns(["geometry"]).to_pylist():
        row = totals.setdefault(
            floor["building_id"],
            {"building_id": floor["building_id"], "building_name": floor["building_name"], "floors": 0,
             "occupied_m2": 0.0, "vacant_m2": 0.0},
        )  # fmt: skip
        row["floors"] += 1
        row[f"{floor['status']}_m2"] += floor["area_m2"]
    return sorted(totals.values(), key=lambda row: _site_order(row["building_id"]))


def _site_order(building_id: str) -> tuple[int, str]:
    """Numbers in numeric order (5 before 48 before 110), then named buildings such as REF."""
    return (int(building_id), "") if building_id.isdigit() else (10**9, building_id)


def _rows(table: pa.Table) -> Sequence[Row]:
    rows: list[Row] = table.drop_columns(["geometry"]).to_pylist()
    return rows


def table_rows(catalog: Catalog, at: datetime) -> dict[str, Sequence[Row]]:
    con = catalog.cursor()
    return {
        "buildings": floor_area_by_building(floors_with_status(con)),
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
    def show_tables(clicks: int | None, at: object, value: str) -> list[Any]:
        # <details> does not report its `open` state to Dash; each click on its summary toggles it.
        is_open = clicks is not None and clicks % 2 == 1
        instant = parse_instant(at)
        if not is_open or instant is None:
            return []
        return [
            html.Div(data_tables(table_rows(catalog, instant), chosen_lang(value)), className="data-tables")
        ]
