"""The old data path, kept as the reference the new one is measured and tested against: every floor as one
JSON row (attributes + nested coordinate lists) in a pydeck layer, as the app sent it up to issue 6."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
import pydeck as pdk
import shapely

from layers import palette
from layers.floors import SLAB_GAP_M, slab_base, storey_height

ATTRIBUTES = ("floor_id", "building_id", "building_name", "level", "area_m2", "status", "use", "occupant")
STATUS_COLOURS = {"occupied": palette.OCCUPIED, "vacant": palette.VACANT}
COORD_DECIMALS = 6


def _ring(ring: Any, z: float) -> list[list[float]]:
    return [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS), z] for x, y, *_ in ring.coords]


def floor_rows(floors: pa.Table) -> list[dict[str, Any]]:
    """One row per polygon part of each floor (queries.floors_with_status): attributes, colour, thickness,
    and its rings at the floor's base height."""
    rows: list[dict[str, Any]] = []
    geometries = shapely.from_wkb(floors.column("geometry").to_pylist())
    sizes = floors.select(["height_m", "floors_count"]).to_pylist()
    attributes = floors.select(list(ATTRIBUTES)).to_pylist()
    for attrs, size, geometry in zip(attributes, sizes, geometries, strict=True):
        storey = storey_height(size["height_m"], size["floors_count"])
        for row in _part_rows(attrs, geometry, base=slab_base(attrs["level"], storey)):
            row["thickness"] = round(storey - SLAB_GAP_M, 2)
            rows.append(row)
    return rows


def _part_rows(attrs: dict[str, Any], geometry: Any, base: float) -> list[dict[str, Any]]:
    parts = getattr(geometry, "geoms", [geometry])
    polygons = [[_ring(p.exterior, base), *(_ring(h, base) for h in p.interiors)] for p in parts]
    fill = list(STATUS_COLOURS.get(attrs["status"], palette.NO_DATA))
    return [{**attrs, "area_m2": round(attrs["area_m2"]), "fill": fill, "polygon": poly} for poly in polygons]


def pydeck_json(rows: list[dict[str, Any]]) -> str:
    """The layer as pydeck serialises it (the JSON the old path sent in the Dash layout)."""
    layer = pdk.Layer(
        "PolygonLayer", rows, id="floors-status", get_polygon="polygon", get_elevation="thickness",
        get_fill_color="fill", extruded=True, wireframe=True, pickable=True,
    )  # fmt: skip
    return str(layer.to_json())


def pydeck_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(pydeck_json(rows))
    return spec
