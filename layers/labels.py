"""Text labels drawn above the map: building numbers on roofs and free spaces on car parks."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import shapely

from layers.base import COORD_DECIMALS, Record, entry, geometries, layer_spec

LABEL_LIFT_M = 3.0  # above the roof, so the label is not inside the top slab


def label_rows(table: pa.Table, texts: list[str], heights: list[float]) -> list[Record]:
    """One label at the inner point of each geometry (always inside it, unlike a centroid)."""
    rows = []
    for geometry, text, height in zip(geometries(table), texts, heights, strict=True):
        point = shapely.point_on_surface(geometry)
        position = [round(point.x, COORD_DECIMALS), round(point.y, COORD_DECIMALS), height + LABEL_LIFT_M]
        rows.append({"position": position, "text": text})
    return rows


def text_spec(
    layer_id: str, rows: list[Record], size_px: int = 13, place_names: bool = False
) -> dict[str, Any]:
    """Labels on a white background: bold for our own figures and numbers, regular for place names."""
    return layer_spec(
        "TextLayer", layer_id, rows,
        get_position="position", get_text="text", get_size=size_px, size_units="pixels",
        get_color=[31, 35, 40, 255], background=True, get_background_color=[255, 255, 255, 225],
        background_padding=[4, 2], font_family="DejaVu Sans, Helvetica, Arial, sans-serif",
        font_weight=400 if place_names else 700,
        character_set="auto", billboard=True,
    )  # fmt: skip


def building_label_rows(buildings: pa.Table) -> list[Record]:
    ids = [str(value) for value in buildings.column("building_id").to_pylist()]
    return label_rows(buildings, ids, [float(h) for h in buildings.column("height_m").to_pylist()])


BUILDING_LABELS_ID = "building-labels"


def building_entry(buildings: pa.Table) -> dict[str, Any]:
    """Building numbers, always shown: they are how people on site name the buildings."""
    return entry(BUILDING_LABELS_ID, text_spec(BUILDING_LABELS_ID, building_label_rows(buildings)), None)
