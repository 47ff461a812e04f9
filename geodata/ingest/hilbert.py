"""Rows in Hilbert-curve order of their bounding-box centres, so that rows near on the map are near in the
file: a reader that filters on the bbox covering column skips whole row groups."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

ORDER = 16  # a 65,536 × 65,536 grid over the data's extent: ~1 m cells over a 50 km city


def hilbert_index(
    x: npt.NDArray[np.int64], y: npt.NDArray[np.int64], order: int = ORDER
) -> npt.NDArray[np.int64]:
    """The distance along the Hilbert curve of each cell (x, y) of a 2^order grid (the classic xy2d)."""
    side = 1 << order
    x, y = x.astype(np.int64).copy(), y.astype(np.int64).copy()
    distance = np.zeros(len(x), dtype=np.int64)
    step = side >> 1
    while step > 0:
        rx = (x & step) > 0
        ry = (y & step) > 0
        distance += step * step * ((3 * rx.astype(np.int64)) ^ ry.astype(np.int64))
        flip = ~ry & rx
        x = np.where(flip, side - 1 - x, x)
        y = np.where(flip, side - 1 - y, y)
        x, y = np.where(~ry, y, x), np.where(~ry, x, y)
        step >>= 1
    return distance


def hilbert_order(shapes: npt.NDArray[np.object_]) -> npt.NDArray[np.intp]:
    """The permutation that sorts shapes along the curve (stable: ties keep their input order)."""
    if len(shapes) == 0:
        return np.arange(0, dtype=np.intp)
    bounds = shapely.bounds(shapes)
    cx, cy = (bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2
    cells = (1 << ORDER) - 1
    x = _scaled(cx, cells)
    y = _scaled(cy, cells)
    return np.argsort(hilbert_index(x, y), kind="stable")


def _scaled(values: npt.NDArray[np.float64], cells: int) -> npt.NDArray[np.int64]:
    low, high = float(values.min()), float(values.max())
    span = high - low or 1.0
    return np.floor((values - low) / span * cells).astype(np.int64)
