"""The ground: the district boundary and the Mulhouse commune outline (always shown)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from layers import palette
from layers.base import COORD_DECIMALS, Record, entry, geometries, layer_spec, polygon_rows
from layers.labels import text_spec

DISTRICT_ID = "district"
COMMUNE_ID = "commune"
SIDES_ID = "district-sides"
# The streets and the railway that bound the district (shared/DMC-FACTS.md), by side of the boundary.
SIDE_NAMES = {"north": "Avenue DMC", "east": "Rue de Pfastatt", "south": "Avenue Aristide Briand",
              "west": "Voie ferrée"}  # fmt: skip
SIDE_OFFSET_DEG = 0.0004  # ~40 m outside the boundary, so the label sits on the street, not the site


def side_rows(district: pa.Table) -> list[Record]:
    """One label per side, just outside the middle of that side of the district's bounding box."""
    west, south, east, north = geometries(district)[0].bounds
    mid_x, mid_y = (west + east) / 2, (south + north) / 2
    positions = {
        "north": (mid_x, north + SIDE_OFFSET_DEG), "east": (east + SIDE_OFFSET_DEG, mid_y),
        "south": (mid_x, south - SIDE_OFFSET_DEG), "west": (west - SIDE_OFFSET_DEG, mid_y),
    }  # fmt: skip
    return [
        {"position": [round(x, COORD_DECIMALS), round(y, COORD_DECIMALS), 0.0], "text": SIDE_NAMES[side]}
        for side, (x, y) in positions.items()
    ]


def entries(district: pa.Table, commune: pa.Table) -> list[dict[str, Any]]:
    ground = layer_spec(
        "PolygonLayer", DISTRICT_ID, polygon_rows(district, ("name",)),
        get_polygon="polygon", get_fill_color=list(palette.DISTRICT_FILL),
        get_line_color=list(palette.DISTRICT_LINE), line_width_min_pixels=2, stroked=True, filled=True,
    )  # fmt: skip
    outline = layer_spec(
        "PolygonLayer", COMMUNE_ID, polygon_rows(commune, ("name",)),
        get_polygon="polygon", get_line_color=list(palette.COMMUNE_LINE), line_width_min_pixels=1,
        stroked=True, filled=False,
    )  # fmt: skip
    sides = text_spec(SIDES_ID, side_rows(district), size_px=15, place_names=True)
    return [entry(COMMUNE_ID, outline, None), entry(DISTRICT_ID, ground, None), entry(SIDES_ID, sides, None)]
