"""The selected building stays marked on the map: a black collar around its roof and a band around its foot,
drawn just outside its walls so that the floors' own colours (occupied, vacant...) stay readable inside.
Black is the Okabe–Ito palette's first colour: it stands out from every hue of the layers, for any colour
vision, and from the light ground. Always shown while a building is selected (the bridge asks for it with
the `building` parameter only then)."""

from __future__ import annotations

import duckdb
import numpy as np
import shapely

from geodata import queries
from geodata.geometry import lambert_to_wgs84, wgs84_to_lambert
from layers import palette
from layers.base import DeckLayer, MapLayer, Request, Source
from layers.binary import Columns
from layers.features import geometries_of, rounded
from layers.shapes import polygon_columns

SOURCE = "selection"
LAYER_ID = "selected-building"
OUTSIDE_M = (0.6, 2.2)  # the band runs from 0.6 m to 2.2 m outside the walls
COLLAR_M = 1.6  # the roof collar's height, straddling the roof line
FOOT_M = 0.4


def band(footprint: shapely.Geometry) -> shapely.Geometry:
    """The ring between OUTSIDE_M[0] and OUTSIDE_M[1] outside a footprint (computed in Lambert-93, metres)."""
    local = wgs84_to_lambert(footprint)
    inner, outer = (shapely.buffer(local, metres, join_style="mitre") for metres in OUTSIDE_M)
    return lambert_to_wgs84(shapely.difference(outer, inner))


def build(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    """Two shapes: the band at the foot of the building and the same band as a collar round its roof."""
    if request.building is None:  # the endpoint checks the building before asking
        raise ValueError("the selection source needs a building")
    found = queries.building_footprint(con, request.building)
    rings = [band(geometry) for geometry in geometries_of(found)]
    tops = np.asarray(found.column("top_m"), dtype=np.float64)
    columns = Columns(numbers=polygon_columns(np.asarray(rings * 2, dtype=object), request.origin))
    collar_base = np.maximum(tops - COLLAR_M / 2, 0.0)
    columns.numbers.update(
        row_base=rounded(np.concatenate([np.zeros(len(rings)), collar_base])),
        row_height=rounded(np.concatenate([np.full(len(rings), FOOT_M), np.full(len(rings), COLLAR_M)])),
    )
    return columns


LAYER = MapLayer(
    None,
    "layer_selection",
    (Source(SOURCE, build, params=("building",)),),
    (
        DeckLayer(
            LAYER_ID,
            "PolygonLayer",
            SOURCE,
            "polygons",
            {"extruded": True, "wireframe": False, "pickable": False},
            palette.SELECTED,
            toggled=False,
        ),
    ),
)
