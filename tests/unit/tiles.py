"""XYZ (Web Mercator) tile numbers, written out here from the textbook formulas, independently of the SQL in
geodata/queries.py that the tests check."""

from __future__ import annotations

import math

Bounds = tuple[float, float, float, float]


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2**z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return z, int((lon + 180) / 360 * n), int(y)


def tiles_covering(bounds: Bounds, z: int) -> list[tuple[int, int, int]]:
    """Every tile of zoom z that the bounding box (west, south, east, north) touches."""
    _, x0, y0 = tile_of(bounds[0], bounds[3], z)
    _, x1, y1 = tile_of(bounds[2], bounds[1], z)
    return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
