"""Geometry checks over a whole column at once (shapely's vectorised functions, no loop per row): readable
WKB, areas, finite lon/lat degrees, valid shapes. Only the first bad row is explained."""

from __future__ import annotations

from dataclasses import dataclass
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
# The GeoParquet 1.1 bbox covering column: the map's tiles place each building by it (geodata/queries.py).
BBOX_COLUMN, BBOX_FIELDS = "bbox", ("xmin", "ymin", "xmax", "ymax")
BBOX_TOLERANCE_DEG = 1e-6
_TYPE_IDS = {"Polygon": 3, "MultiPolygon": 6}  # shapely.GeometryType values

Geometries = npt.NDArray[np.object_]
Floats = npt.NDArray[np.float64]
Indices = npt.NDArray[np.intp]


def checked_geometry_bounds(path: Path, column: pa.ChunkedArray) -> Floats:
    """Each row's (xmin, ymin, xmax, ymax), once every geometry passed; else InvalidDatasetError."""
    _refuse_first(path, pc.is_null(column).to_numpy(zero_copy_only=False), "missing geometry")
    # Each distinct WKB is decoded and checked once: a building's floors all repeat its footprint.
    encoded = pc.dictionary_encode(column.combine_chunks())
    shapes = _Shapes(path, _decode(encoded.dictionary), encoded.indices.to_numpy().astype(np.intp))
    shapes.refuse(shapely.is_missing(shapes.distinct), "geometry is not readable WKB")
    kinds = shapely.get_type_id(shapes.distinct)
    _refuse_type(shapes, ~np.isin(kinds, [_TYPE_IDS[name] for name in GEOMETRY_TYPES]))
    shapes.refuse(shapely.is_empty(shapes.distinct), "invalid geometry: empty")
    _check_coordinates(shapes)
    row = shapes.first(~shapely.is_valid(shapes.distinct))
    if row is not None:
        raise InvalidDatasetError(path, f"invalid geometry: {explain_validity(shapes.of_row(row))}", row)
    bounds: Floats = np.asarray(shapely.bounds(shapes.distinct), dtype=np.float64)
    return bounds[shapes.codes]


@dataclass(frozen=True)
class _Shapes:
    """Distinct geometries, and for each row the index of its geometry among them."""

    path: Path
    distinct: Geometries
    codes: Indices

    def first(self, bad: npt.NDArray[np.bool_]) -> int | None:
        """The first row whose geometry is bad (`bad` is over the distinct geometries)."""
        return _first(bad[self.codes])

    def of_row(self, row: int) -> shapely.Geometry:
        return self.distinct[self.codes[row]]

    def refuse(self, bad: npt.NDArray[np.bool_], reason: str) -> None:
        row = self.first(bad)
        if row is not None:
            raise InvalidDatasetError(self.path, reason, row)


def _decode(wkb: pa.Array) -> Geometries:
    # NaN coordinates make GEOS warn through numpy; they are refused later with a clearer line.
    with np.errstate(all="ignore"):
        geometries = shapely.from_wkb(
            np.asarray(wkb.to_numpy(zero_copy_only=False), dtype=object), on_invalid="ignore"
        )
    return np.asarray(geometries, dtype=object)


def _refuse_type(shapes: _Shapes, bad: npt.NDArray[np.bool_]) -> None:
    row = shapes.first(bad)
    if row is not None:
        expected = " or ".join(GEOMETRY_TYPES)
        found = shapes.of_row(row).geom_type
        raise InvalidDatasetError(shapes.path, f"geometry is a {found}, expected {expected}", row)


def _check_coordinates(shapes: _Shapes) -> None:
    """Finite, and degrees of longitude and latitude: projected metres (Lambert-93 numbers in a file that
    says EPSG:4326) are far outside -180..180 / -90..90."""
    coordinates, owners = shapely.get_coordinates(shapes.distinct, return_index=True)
    finite = np.isfinite(coordinates).all(axis=1)
    _refuse_coordinate(shapes, coordinates, owners, ~finite, "is not a finite number")
    lon, lat = coordinates[:, 0], coordinates[:, 1]
    degrees = (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
    reason = (
        "is not longitude/latitude in degrees (lon -180..180, lat -90..90): projected metres such as "
        "Lambert-93 in a file declared EPSG:4326?"
    )
    _refuse_coordinate(shapes, coordinates, owners, ~degrees, reason)


def _refuse_coordinate(
    shapes: _Shapes, coordinates: Floats, owners: Indices, bad: npt.NDArray[np.bool_], reason: str
) -> None:
    """`bad` is over coordinates; `owners` gives each coordinate's distinct geometry."""
    bad_shapes = np.zeros(len(shapes.distinct), dtype=bool)
    bad_shapes[owners[bad]] = True
    row = shapes.first(bad_shapes)
    if row is not None:
        own = coordinates[(owners == shapes.codes[row]) & bad]
        raise InvalidDatasetError(shapes.path, f"geometry coordinate {_point(own[0])} {reason}", row)


def _point(xy: Floats) -> str:
    return f"({xy[0]:.10g}, {xy[1]:.10g})"


def _refuse_first(path: Path, bad: npt.NDArray[np.bool_], reason: str) -> None:
    row = _first(bad)
    if row is not None:
        raise InvalidDatasetError(path, reason, row)


def _first(mask: npt.NDArray[np.bool_]) -> int | None:
    rows = np.flatnonzero(mask)
    return int(rows[0]) if len(rows) else None


def check_bbox_column(path: Path, table: pa.Table | None, bounds: Floats) -> None:
    """The bbox covering column is there, with its four fields, and matches each row's geometry."""
    kind = table.schema.field(BBOX_COLUMN).type if table is not None else None
    if kind is None or not pa.types.is_struct(kind) or not set(BBOX_FIELDS) <= {f.name for f in kind}:
        raise InvalidDatasetError(path, "no GeoParquet 1.1 'bbox' covering column (xmin, ymin, xmax, ymax)")
    assert table is not None
    boxes = table.column(BBOX_COLUMN).combine_chunks()
    found = np.column_stack(
        [pc.struct_field(boxes, name).to_numpy(zero_copy_only=False) for name in BBOX_FIELDS]
    )
    wrong = ~np.all(np.abs(found.astype(np.float64) - bounds) <= BBOX_TOLERANCE_DEG, axis=1)
    _refuse_first(path, wrong, "the bbox column does not match the geometry")
