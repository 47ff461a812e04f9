"""The ground: the district boundary and the Mulhouse commune outline (always shown)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from layers import palette
from layers.base import entry, layer_spec, polygon_rows

DISTRICT_ID = "district"
COMMUNE_ID = "commune"


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
    return [entry(COMMUNE_ID, outline, None), entry(DISTRICT_ID, ground, None)]
