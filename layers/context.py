"""The ground, always shown: the study area, the Mulhouse commune outline and the streets around it."""

from __future__ import annotations

import duckdb
import numpy as np
import shapely

from geodata import queries
from layers import palette
from layers.base import DeckLayer, MapLayer, Request, Source
from layers.binary import Columns
from layers.features import geometries_of, polygon_features
from layers.floors import LABEL_PROPS
from layers.shapes import point_columns

DISTRICT_ID, COMMUNE_ID, SIDES_ID = "district", "commune", "district-sides"
# The streets and the railway that bound the district (shared/DMC-FACTS.md), by side of the boundary.
SIDE_NAMES = {
    "north": "Avenue DMC",
    "east": "Rue de Pfastatt",
    "south": "Avenue Aristide Briand",
    "west": "Voie ferrée",
}
SIDE_OFFSET_DEG = 0.0004  # ~40 m outside the boundary, so the label sits on the street, not the site
DMC_STUDY_AREA = "Quartier DMC"  # the streets above bound this study area only; another one gets no names


def district(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    boundary = queries.district_boundary(con)
    return polygon_features(boundary, geometries_of(boundary), request.origin, ("name",))


def commune(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    outline = queries.context_commune(con)
    return polygon_features(outline, geometries_of(outline), request.origin, ("name",))


def street_names(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    """One label per side, just outside the middle of that side of the study area's bounding box."""
    names = queries.district_boundary(con).column("name").to_pylist()
    if names != [DMC_STUDY_AREA]:
        empty = np.zeros(0, dtype=np.float32)
        return Columns(numbers={"point_xy": np.zeros(0, dtype=np.int32), "s_z": empty}, texts={"s_label": []})
    west, south, east, north = queries.study_area_bounds(con)
    mid_x, mid_y = (west + east) / 2, (south + north) / 2
    positions = {
        "north": (mid_x, north + SIDE_OFFSET_DEG),
        "east": (east + SIDE_OFFSET_DEG, mid_y),
        "south": (mid_x, south - SIDE_OFFSET_DEG),
        "west": (west - SIDE_OFFSET_DEG, mid_y),
    }
    points = np.asarray(shapely.points(list(positions.values())), dtype=object)
    numbers = point_columns(points, request.origin)
    numbers["s_z"] = np.zeros(len(positions), dtype=np.float32)
    return Columns(numbers=numbers, texts={"s_label": [SIDE_NAMES[side] for side in positions]})


LAYER = MapLayer(
    None,
    "layer_district",
    (Source(COMMUNE_ID, commune), Source(DISTRICT_ID, district), Source(SIDES_ID, street_names)),
    (
        DeckLayer(
            COMMUNE_ID,
            "PolygonLayer",
            COMMUNE_ID,
            "polygons",
            {
                "getLineColor": list(palette.COMMUNE_LINE),
                "lineWidthMinPixels": 1,
                "stroked": True,
                "filled": False,
            },
        ),
        DeckLayer(
            DISTRICT_ID,
            "PolygonLayer",
            DISTRICT_ID,
            "polygons",
            {
                "getLineColor": list(palette.DISTRICT_LINE),
                "lineWidthMinPixels": 2,
                "stroked": True,
                "filled": True,
            },
            palette.DISTRICT_FILL,
        ),
        DeckLayer(
            SIDES_ID,
            "TextLayer",
            SIDES_ID,
            "points",
            {**LABEL_PROPS, "getSize": 15, "fontWeight": 400},
            text="s_label",
        ),
    ),
)
