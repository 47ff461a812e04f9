"""Polygons and points as flat columns, vectorised (no Python loop per feature).

A shape (one feature's geometry) is made of parts (polygons), a part of rings (outer first, then holes), a
ring of vertices. The columns give how many of each level the level above holds, and the vertices as integer
steps of QUANTUM_DEG from the previous vertex (the first from the origin): small integers that compress well.
Rings are sent open (their closing vertex is the first one again; deck.gl closes them).
The browser turns them into lon/lat offsets from the origin (deck.gl LNGLAT_OFFSETS), which keeps
centimetre precision in 32-bit floats.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import shapely

QUANTUM_DEG = 1e-7  # about 1 cm: floors, plots, car parks
COARSE_QUANTUM_DEG = 1e-5  # about 1 m: whole buildings seen from afar (below zoom 15.5, a pixel is > 2 m)
Origin = tuple[float, float]


def from_wkb(column: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.object_]:
    wkb = column.to_numpy(zero_copy_only=False) if isinstance(column, pa.Array) else column.to_numpy()
    return np.asarray(shapely.from_wkb(wkb), dtype=object)


def polygon_columns(
    geometries: npt.NDArray[np.object_], origin: Origin, quantum: float = QUANTUM_DEG
) -> dict[str, npt.NDArray[Any]]:
    """shape_parts, part_rings, ring_sizes and xy (interleaved, delta-coded, int16 when every step fits) of
    (multi)polygons. A quantum other than QUANTUM_DEG must be sent in the payload's meta (`quantum`)."""
    coords, ring_starts, part_starts, shape_starts = _ragged(geometries)
    ring_sizes = np.diff(ring_starts)
    open_ring = np.ones(len(coords), dtype=bool)
    open_ring[ring_starts[1:][ring_sizes > 0] - 1] = False  # drop each ring's closing vertex
    return {
        "shape_parts": np.diff(shape_starts).astype(np.uint32),
        "part_rings": np.diff(part_starts).astype(np.uint32),
        "ring_sizes": np.maximum(ring_sizes - 1, 0).astype(np.uint32),
        "xy": narrowest(delta_coded(quantised(coords[open_ring], origin, quantum))),
    }


def _ragged(geometries: npt.NDArray[np.object_]) -> tuple[npt.NDArray[Any], ...]:
    """Coordinates and the start of each ring, part and shape (GeoArrow's layout, by shapely in C)."""
    if len(geometries) == 0:
        empty = np.zeros(1, dtype=np.int64)
        return np.zeros((0, 2)), empty, empty, empty
    kind, coords, offsets = shapely.to_ragged_array(geometries, include_z=False)
    if kind == shapely.GeometryType.POLYGON:  # one part per shape
        return coords, offsets[0], offsets[1], np.arange(len(geometries) + 1)
    return coords, offsets[0], offsets[1], offsets[2]


def point_columns(geometries: npt.NDArray[np.object_], origin: Origin) -> dict[str, npt.NDArray[Any]]:
    """One point inside each geometry (never outside, unlike a centroid), as absolute quantised xy."""
    inside = shapely.get_coordinates(shapely.point_on_surface(geometries))
    return {"point_xy": quantised(inside, origin).reshape(-1).astype(np.int32)}


def quantised(
    coords: npt.NDArray[np.float64], origin: Origin, quantum: float = QUANTUM_DEG
) -> npt.NDArray[np.int64]:
    steps: npt.NDArray[np.int64] = np.rint((coords - np.asarray(origin)) / quantum).astype(np.int64)
    return steps


def narrowest(values: npt.NDArray[np.int32]) -> npt.NDArray[Any]:
    """int16 when every value fits (half the bytes), else int32 as given."""
    small = np.iinfo(np.int16)
    if values.size == 0 or (values.min() >= small.min and values.max() <= small.max):
        return values.astype(np.int16)
    return values


def delta_coded(steps: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
    """Each vertex minus the previous one, per axis, interleaved x, y."""
    deltas = np.diff(steps, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return deltas.reshape(-1).astype(np.int32)


def origin_of(bounds: tuple[float, float, float, float]) -> Origin:
    """A round origin near the middle of the data, shared by every response of a data version."""
    west, south, east, north = bounds
    return round((west + east) / 2, 3), round((south + north) / 2, 3)
