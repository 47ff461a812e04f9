"""Every floor as its own slab, stacked at its level: a neutral base layer and the status layer."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from layers import palette
from layers.base import (
    Legend,
    LegendItem,
    Record,
    Tooltip,
    entry,
    layer_spec,
    level_labels,
    polygon_rows,
    value_labels,
)
from layers.i18n import Lang, data_values, t

KEY = "occupancy"
STATUS_LAYER_ID = "floors-status"
BASE_LAYER_ID = "floors-base"
SLAB_GAP_M = 0.8  # the visible gap between two stacked slabs
ATTRIBUTES = ("floor_id", "building_id", "building_name", "level", "area_m2", "status", "use", "occupant")
STATUS_COLOURS = {"occupied": palette.BLUE, "vacant": palette.ORANGE}


def storey_height(height_m: float, floors_count: int) -> float:
    return height_m / max(floors_count, 1)


def slab_base(level: int, storey_m: float) -> float:
    return level * storey_m


def floor_rows(floors: pa.Table) -> list[Record]:
    """Slab rows: the footprint at the floor's base height, its thickness and status colour."""
    heights = {row["floor_id"]: storey_height(row["height_m"], row["floors_count"]) for row in _sizes(floors)}
    rows = polygon_rows(floors, ATTRIBUTES, z_of=lambda a: slab_base(a["level"], heights[a["floor_id"]]))
    for row in rows:
        row["thickness"] = round(heights[row["floor_id"]] - SLAB_GAP_M, 2)
        row["area_m2"] = round(row["area_m2"])
        row["fill"] = list(STATUS_COLOURS.get(row["status"], palette.NO_DATA))
    return rows


def _sizes(floors: pa.Table) -> list[dict[str, Any]]:
    sizes: list[dict[str, Any]] = floors.select(["floor_id", "height_m", "floors_count"]).to_pylist()
    return sizes


def _slabs(layer_id: str, rows: list[Record], fill: str | list[int]) -> dict[str, Any]:
    return layer_spec(
        "PolygonLayer", layer_id, rows,
        get_polygon="polygon", get_elevation="thickness", get_fill_color=fill,
        get_line_color=list(palette.OUTLINE), extruded=True, wireframe=True, pickable=True,
        auto_highlight=True, highlight_color=[255, 255, 255, 90],
    )  # fmt: skip


def entries(floors: pa.Table) -> list[dict[str, Any]]:
    """The neutral slabs (shown while the status layer is off) and the status-coloured slabs."""
    rows = floor_rows(floors)
    neutral = _slabs(BASE_LAYER_ID, rows, list(palette.NEUTRAL_FLOOR))
    status = _slabs(STATUS_LAYER_ID, rows, "fill")
    return [entry(BASE_LAYER_ID, neutral, KEY, show_when_off=True), entry(STATUS_LAYER_ID, status, KEY)]


def legend(lang: Lang) -> Legend:
    items = (
        LegendItem(t("legend_occupied", lang), palette.BLUE),
        LegendItem(t("legend_vacant", lang), palette.ORANGE),
    )
    return Legend(KEY, t("layer_occupancy", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_building", lang), "building_id", "text"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_area", lang), "area_m2", "m2"),
        (t("tt_status", lang), "status", "value"),
        (t("tt_use", lang), "use", "value"),
        (t("tt_occupant", lang), "occupant", "text"),
    )
    values = {**data_values(lang), **value_labels(lang, "occupied", "vacant"), **level_labels(lang)}
    return [
        Tooltip(layer_id, t("layer_buildings", lang), "building_name", rows, values)
        for layer_id in (BASE_LAYER_ID, STATUS_LAYER_ID)
    ]
