"""Geometry checks over a whole column at once (shapely's vectorised functions, no loop per row): readable
WKB, areas, finite lon/lat degrees, valid shapes. Only the first bad row is explained."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from shapely.validation import explain_validity

from geodata.errors import InvalidDatasetError
from geodata.schema import GEOMETRY_TYPES

# The bounding box of each row's geometry, kept once the geometry itself is checked and dropped.
BOUNDS = ("geometry_xmin", "geometry_ymin", "geometry_xmax", "geometry_ymax")
_TYPE_IDS = {"Polygon": 3, "MultiPolygon": 6}  # shapely.GeometryType values

Geometries = npt.NDArray[np.object_]
Floats = npt.NDArray[np.float64]


def checked_geometry_bounds(path: Path, column: pa.ChunkedArray) -> Floats:
    """Each row's (xmin, ymin, xmax, ymax), once every geometry passed; else InvalidDatasetError."""
    _refuse_first(path, pc.is_null(column).to_numpy(zero_copy_only=False), "missing geometry")
    geometries = _decode(path, column)
    kinds = shapely.get_type_id(geometries)
    _refuse_type(path, geometries, ~np.isin(kinds, [_TYPE_IDS[name] for name in GEOMETRY_TYPES]))
    _refuse_first(path, shapely.is_empty(geometries), "invalid geometry: empty")
    _check_coordinates(path, geometries)
    valid = shapely.is_valid(geometries)
    row = _first(~valid)
    if row is not None:
        raise InvalidDatasetError(path, f"invalid geometry: {explain_validity(geometries[row])}", row)
    return np.asarray(shapely.bounds(geometries), dtype=np.float64)


def _decode(path: Path, column: pa.ChunkedArray) -> Geometries:
    wkb = np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)
    # NaN coordinates make GEOS warn through numpy; they are refused below with a clearer line.
    with np.errstate(all="ignore"):
        geometries = shapely.from_wkb(wkb, on_invalid="ignore")
    _refuse_first(path, shapely.is_missing(geometries), "geometry is not readable WKB")
    return np.asarray(geometries, dtype=object)


def _refuse_type(path: Path, geometries: Geometries, bad: npt.NDArray[np.bool_]) -> None:
    row = _first(bad)
    if row is not None:
        expected = " or ".join(GEOMETRY_TYPES)
        found = geometries[row].geom_type
        raise InvalidDatasetError(path, f"geometry is a {found}, expected {expected}", row)


def _check_coordinates(path: Path, geometries: Geometries) -> None:
    """Finite, and degrees of longitude and latitude: projected metres (Lambert-93 numbers in a file that
    says EPSG:4326) are far outside -180..180 / -90..90."""
    coordinates, rows = shapely.get_coordinates(geometries, return_index=True)
    finite = np.isfinite(coordinates).all(axis=1)
    at = _first(~finite)
    if at is not None:
        raise InvalidDatasetError(
            path, f"geometry has a non-finite coordinate {_point(coordinates[at])}", int(rows[at])
        )
    lon, lat = coordinates[:, 0], coordinates[:, 1]
    at = _first((np.abs(lon) > 180) | (np.abs(lat) > 90))
    if at is not None:
        reason = (
            f"geometry coordinate {_point(coordinates[at])} is not longitude/latitude in degrees "
            "(lon -180..180, lat -90..90): projected metres such as Lambert-93 in a file declared EPSG:4326?"
        )
        raise InvalidDatasetError(path, reason, int(rows[at]))


def _point(xy: Floats) -> str:
    return f"({xy[0]:.10g}, {xy[1]:.10g})"


def _refuse_first(path: Path, bad: npt.NDArray[np.bool_], reason: str) -> None:
    row = _first(bad)
    if row is not None:
        raise InvalidDatasetError(path, reason, row)


def _first(mask: npt.NDArray[np.bool_]) -> int | None:
    rows = np.flatnonzero(mask)
    return int(rows[0]) if len(rows) else None
