"""The two baselines for bytes on the wire: every floor as pydeck JSON, gzipped as the old app sent it inside
the layout (and the time the old path took to make it), and the floors' raw float32 XYZ vertices."""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass

import numpy as np
import shapely

from bench.pydeck_path import floor_rows, pydeck_json
from geodata import queries
from geodata.catalog import Catalog

OLD_GZIP_LEVEL = 6  # flask-compress's default, which served the old layout
FLOAT32_XYZ = 3 * 4


@dataclass(frozen=True)
class OldPath:
    floors: int
    json_bytes: int
    gzip_bytes: int
    query_s: float
    rows_s: float
    to_json_s: float
    float32_bytes: int  # every floor's rings as float32 x, y, z: no attributes, no compression

    @property
    def serialise_s(self) -> float:
        return self.query_s + self.rows_s + self.to_json_s


def old_path(catalog: Catalog) -> OldPath:
    """The old path run once over every floor: query, one dict per floor, pydeck to_json, gzip."""
    con = catalog.cursor()
    start = time.perf_counter()
    floors = queries.floors_with_status(con)
    queried = time.perf_counter()
    rows = floor_rows(floors)
    built = time.perf_counter()
    text = pydeck_json(rows).encode()
    done = time.perf_counter()
    geometries = shapely.from_wkb(floors.column("geometry").to_pylist())
    vertices = int(np.sum(shapely.get_num_coordinates(geometries)))
    return OldPath(
        floors=floors.num_rows,
        json_bytes=len(text),
        gzip_bytes=len(gzip.compress(text, OLD_GZIP_LEVEL)),
        query_s=queried - start,
        rows_s=built - queried,
        to_json_s=done - built,
        float32_bytes=vertices * FLOAT32_XYZ,
    )
