"""Spaces booked at the chosen time, highlighted on their floor as a box slightly proud of the slab."""

from __future__ import annotations

from typing import Any

import duckdb
import geopandas as gpd
import numpy as np

from geodata import queries
from geodata.geometry import LAMBERT_93, WGS84
from layers import palette
from layers.base import (
    DataTable,
    DeckLayer,
    Legend,
    LegendItem,
    MapLayer,
    Request,
    Source,
    TableColumn,
    Tooltip,
    level_labels,
    value_labels,
)
from layers.binary import Columns
from layers.features import add_fields, geometries_of, rounded
from layers.floors import SLAB_GAP_M, slab_base, storey_height
from layers.shapes import polygon_columns
from texts.i18n import Lang, t

KEY = "bookings"
SOURCE = "bookings"
LAYER_ID = "booked-spaces"
PROUD_M = 0.5  # how far the highlight sticks out of the facade and the slab, so it is not hidden inside
FIELDS = (
    "space_id",
    "space_name",
    "kind",
    "capacity",
    "building_id",
    "building_name",
    "level",
    "status",
    "start",
    "end",
)


def outsets(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Every space's outline grown by PROUD_M metres, measured in Lambert-93, not in degrees."""
    spaces = queries.space_footprints(con)
    shapes = gpd.GeoSeries(geometries_of(spaces), crs=WGS84)
    grown = shapes.to_crs(LAMBERT_93).buffer(PROUD_M, join_style="mitre").to_crs(WGS84)
    return dict(zip(spaces.column("space_id").to_pylist(), grown, strict=True))


def booked_spaces(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    assert request.at is not None
    booked = queries.spaces_booked_at(con, request.at)
    grown = request.memo.get("space_outsets", lambda: outsets(con))  # spaces do not move: grown once
    shapes = np.asarray([grown[space] for space in booked.column("space_id").to_pylist()], dtype=object)
    columns = Columns(numbers=polygon_columns(shapes, request.origin))
    storey = storey_height(booked.column("height_m"), booked.column("floors_count"))
    columns.numbers.update(
        row_base=rounded(slab_base(booked.column("level"), storey) - PROUD_M),
        row_height=rounded(storey - SLAB_GAP_M + 2 * PROUD_M),
    )
    add_fields(columns, booked, FIELDS)
    return columns


_PROPS = {
    "extruded": True,
    "wireframe": True,
    "pickable": True,
    "autoHighlight": True,
    "getLineColor": [70, 0, 80, 255],  # a dark violet, of the fill's hue
}


def legend(lang: Lang) -> Legend:
    items = (LegendItem(t("legend_booked", lang), palette.BOOKED),)
    return Legend(KEY, t("layer_bookings", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_kind", lang), "kind", "value"),
        (t("tt_building", lang), "building_name", "text"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_status", lang), "status", "value"),
        (t("tt_slot", lang), "start", "slot"),
    )
    values = {**value_labels(lang, "room", "studio", "machine", "booked"), **level_labels(lang)}
    return [Tooltip(LAYER_ID, t("layer_bookings", lang), "space_name", rows, values)]


LAYER = MapLayer(
    KEY,
    "layer_bookings",
    (Source(SOURCE, booked_spaces, params=("at",)),),
    (DeckLayer(LAYER_ID, "PolygonLayer", SOURCE, "polygons", _PROPS, palette.BOOKED),),
    legend,
    tooltips,
    ("spaces", "bookings"),
    DataTable(
        queries.spaces_booked_at,
        (
            TableColumn("col_space", "space_name"),
            TableColumn("tt_kind", "kind", "value"),
            TableColumn("tt_building", "building_name"),
            TableColumn("tt_level", "level", "level"),
            TableColumn("tt_status", "status", "value"),
            TableColumn("tt_slot", "start", "slot"),
        ),
    ),
)
