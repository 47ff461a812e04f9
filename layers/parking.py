"""Car parks on the ground, coloured by their share of free spaces at the chosen time, with a label of the
free spaces on each ("P · 59 libres": a bare "P 59" read like a building number)."""

from __future__ import annotations

import duckdb
import numpy as np

from geodata import queries
from layers import palette
from layers.base import (
    ClassFill,
    DataTable,
    DeckLayer,
    Legend,
    LegendItem,
    MapLayer,
    Request,
    Source,
    TableColumn,
    Tooltip,
    class_codes,
)
from layers.binary import Columns
from layers.features import geometries_of, polygon_features, with_labels
from layers.floors import LABEL_LIFT_M, LABEL_PROPS
from texts.i18n import Lang, t

KEY = "parking"
SOURCE = "parking"
LAYER_ID = "parking-lots"
LABELS_ID = "parking-labels"
FIELDS = ("lot_id", "name", "capacity", "free_spaces", "free_share", "observed_at")
FREE_SHARE_BOUNDS = (0.0, 0.10, 0.40)
PALETTE = (palette.PARKING_FULL, palette.PARKING_SOME, palette.PARKING_MANY, palette.NO_DATA)
PATCH_BASE_M, PATCH_HEIGHT_M = 0.1, 0.6
NO_READING = "P · ?"  # a car park with no reading yet at the chosen time


def lots_at(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    assert request.at is not None
    lots = queries.parking_free_at(con, request.at)
    shapes = geometries_of(lots)
    columns = polygon_features(lots, shapes, request.origin, FIELDS)
    columns.numbers["row_class"] = class_codes(lots.column("free_share").to_pylist(), FREE_SHARE_BOUNDS)
    free = lots.column("free_spaces").to_pylist()
    labels = [NO_READING if n is None else t("label_parking_free", request.lang, free=str(n)) for n in free]
    with_labels(columns, shapes, request.origin, labels)
    columns.numbers["s_z"] = np.full(lots.num_rows, LABEL_LIFT_M, dtype=np.float32)
    columns.meta.update(base=PATCH_BASE_M, height=PATCH_HEIGHT_M)
    return columns


GROUND_PROPS = {
    "extruded": True,
    "pickable": True,
    "autoHighlight": True,
    "getLineColor": [40, 40, 40, 200],
    "lineWidthMinPixels": 1,
}


def legend(lang: Lang) -> Legend:
    labels = ("legend_parking_full", "legend_parking_some", "legend_parking_many", "legend_no_data")
    return Legend(
        KEY,
        t("layer_parking", lang),
        tuple(LegendItem(t(label, lang), rgba) for label, rgba in zip(labels, PALETTE, strict=True)),
    )


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_free", lang), "free_spaces", "int"),
        (t("tt_capacity", lang), "capacity", "int"),
        (t("tt_free_share", lang), "free_share", "percent"),
        (t("tt_observed_at", lang), "observed_at", "datetime"),
    )
    return [Tooltip(LAYER_ID, t("layer_parking", lang), "name", rows)]


LAYER = MapLayer(
    KEY,
    "layer_parking",
    (Source(SOURCE, lots_at, params=("at", "lang")),),
    (
        DeckLayer(
            LAYER_ID, "PolygonLayer", SOURCE, "polygons", GROUND_PROPS, ClassFill("row_class", PALETTE)
        ),
        DeckLayer(
            LABELS_ID,
            "TextLayer",
            SOURCE,
            "points",
            {**LABEL_PROPS, "getSize": 14},
            text="s_label",
            declutter=True,
        ),
    ),
    legend,
    tooltips,
    ("parking_lots", "parking_occupancy"),
    DataTable(
        queries.parking_free_at,
        (
            TableColumn("col_lot", "name"),
            TableColumn("tt_free", "free_spaces", "int"),
            TableColumn("tt_capacity", "capacity", "int"),
            TableColumn("tt_free_share", "free_share", "percent", ratio_of=("free_spaces", "capacity")),
        ),
    ),
)
