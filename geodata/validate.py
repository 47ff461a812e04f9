"""Check every dataset before the twin uses it; the first problem raises InvalidDatasetError (one line)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata.errors import InvalidDatasetError
from geodata.geometry_checks import BBOX_COLUMN, BOUNDS, check_bbox_column, checked_geometry_bounds
from geodata.integrity import check_integrity, first_repeat
from geodata.provenance import Provenance, provenance_entry, read_provenance
from geodata.schema import DATASETS, EXPECTED_CRS, PROVENANCE_FILE, DatasetSpec, Kind, Range

_KIND_CHECKS: dict[Kind, Callable[[pa.DataType], bool]] = {
    "string": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
    "integer": pa.types.is_integer,
    "float": pa.types.is_floating,
    "boolean": pa.types.is_boolean,
    "timestamp": lambda t: pa.types.is_timestamp(t) and t.tz is None,
    "date": pa.types.is_date,
    "geometry": lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t),
}
_KIND_WORDS: dict[Kind, str] = {"timestamp": "timestamp without time zone (local wall-clock time)"}
# GeoParquet: a missing "crs" key means OGC:CRS84, i.e. WGS 84 lon/lat like EPSG:4326.
_WGS84_LONLAT = ("EPSG:4326", "OGC:CRS84")


@dataclass(frozen=True)
class ValidatedData:
    provenance: dict[str, Provenance]
    row_counts: dict[str, int]


def validate_data_dir(data_dir: Path) -> ValidatedData:
    """Provenance first (it names every dataset), then each dataset file in turn, then the links between
    datasets (ids that must exist, levels within their building, an activity period)."""
    provenance_path = data_dir / PROVENANCE_FILE
    entries = read_provenance(provenance_path)
    provenance = {spec.name: provenance_entry(provenance_path, entries, spec.name) for spec in DATASETS}
    tables = {spec.name: checked_table(spec, spec.path(data_dir)) for spec in DATASETS}
    check_integrity(data_dir, tables)
    return ValidatedData(provenance, {name: int(table.num_rows) for name, table in tables.items()})


def validate_dataset(spec: DatasetSpec, path: Path) -> int:
    """Checks one file against its spec (not against other datasets) and returns its row count."""
    return int(checked_table(spec, path).num_rows)


def checked_table(spec: DatasetSpec, path: Path) -> pa.Table:
    """The file's required columns, checked against its spec. Geometry is checked, then replaced by its
    bounding box (columns BOUNDS), which the checks across datasets compare with the study area."""
    parquet = _open_parquet(path)
    schema = parquet.schema_arrow
    if spec.has_geometry:
        _check_geo_metadata(path, schema)
    _check_columns(spec, path, schema)
    table = _read_columns(path, parquet, list(spec.columns))
    _check_cells(spec, path, table)
    if spec.key is not None:
        _check_unique(path, [table.column(spec.key)], f"column '{spec.key}' repeats the id")
    if not spec.has_geometry:
        return table
    bounds = checked_geometry_bounds(path, table.column("geometry"))
    check_bbox_column(
        path, _read_columns(path, parquet, [BBOX_COLUMN]) if _has_bbox(schema) else None, bounds
    )
    table = table.drop_columns(["geometry"])
    for name, values in zip(BOUNDS, bounds.T, strict=True):
        table = table.append_column(name, pa.array(values, pa.float64()))
    return table


def _has_bbox(schema: pa.Schema) -> bool:
    return bool(schema.get_field_index(BBOX_COLUMN) >= 0)


def _check_cells(spec: DatasetSpec, path: Path, table: pa.Table) -> None:
    """Each value on its own: text is UTF-8, nothing missing, floats finite, numbers and labels allowed."""
    _check_text(spec, path, table)
    _check_missing_values(spec, path, table)
    _check_finite(spec, path, table)
    for column, bounds in spec.ranges.items():
        _check_range(path, table.column(column), column, bounds)
    for column, allowed in spec.allowed_values.items():
        _check_values(path, table.column(column), column, allowed, column in spec.nullable)


def _open_parquet(path: Path) -> pq.ParquetFile:
    if not path.is_file():
        raise InvalidDatasetError(path, "file not found")
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidDatasetError(path, f"not a Parquet file ({_first_line(error)})") from None


def _check_geo_metadata(path: Path, schema: pa.Schema) -> None:
    raw = (schema.metadata or {}).get(b"geo")
    if raw is None:
        raise InvalidDatasetError(path, "no GeoParquet 'geo' metadata (expected a GeoParquet 1.1 file)")
    geo = _json_object(path, raw)
    column = geo.get("columns", {}).get("geometry")
    if geo.get("primary_column") != "geometry" or not isinstance(column, dict):
        raise InvalidDatasetError(path, "GeoParquet metadata has no primary geometry column 'geometry'")
    if column.get("encoding") != "WKB":
        raise InvalidDatasetError(path, f"geometry encoding is {column.get('encoding')!r}, expected 'WKB'")
    _check_crs(path, column)


def _json_object(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        value = None
    if not isinstance(value, dict):
        raise InvalidDatasetError(path, "GeoParquet 'geo' metadata is not a JSON object")
    return value


def _check_crs(path: Path, column: dict[str, Any]) -> None:
    if "crs" not in column:
        return
    found = _crs_name(path, column["crs"])
    if found not in _WGS84_LONLAT:
        raise InvalidDatasetError(path, f"wrong CRS {found}, expected {EXPECTED_CRS}")


def _crs_name(path: Path, crs_json: object) -> str:
    if crs_json is None:
        return "unknown (null)"
    named = _projjson_id(crs_json)
    if named is not None:
        return named  # the PROJJSON names its CRS: no need to build it (~50 ms a file with pyproj)
    try:
        crs = CRS.from_user_input(crs_json)
    except CRSError:
        raise InvalidDatasetError(path, "geometry CRS cannot be read") from None
    authority = crs.to_authority(min_confidence=90)
    return ":".join(authority) if authority else crs.name


def _projjson_id(crs_json: object) -> str | None:
    identifier = crs_json.get("id") if isinstance(crs_json, dict) else None
    if not isinstance(identifier, dict) or not {"authority", "code"} <= identifier.keys():
        return None
    return f"{identifier['authority']}:{identifier['code']}"


def _check_columns(spec: DatasetSpec, path: Path, schema: pa.Schema) -> None:
    for column, kind in spec.columns.items():
        if schema.get_field_index(column) < 0:
            raise InvalidDatasetError(path, f"missing required column '{column}'")
        found = schema.field(column).type
        if not _KIND_CHECKS[kind](found):
            expected = _KIND_WORDS.get(kind, kind)
            raise InvalidDatasetError(path, f"column '{column}' has type {found}, expected {expected}")


def _read_columns(path: Path, parquet: pq.ParquetFile, columns: list[str]) -> pa.Table:
    try:
        return parquet.read(columns=columns)
    except (pa.ArrowException, OSError) as error:
        raise InvalidDatasetError(path, f"cannot be read ({_first_line(error)})") from None


def _check_missing_values(spec: DatasetSpec, path: Path, table: pa.Table) -> None:
    """Nulls (and NaN in float columns) in a required column; geometry is checked on its own."""
    for column, kind in spec.columns.items():
        if column in spec.nullable or kind == "geometry":
            continue
        values = table.column(column)
        indices = pc.indices_nonzero(pc.is_null(values, nan_is_null=True))
        if len(indices):
            row = int(indices[0].as_py())
            what = "null" if values[row].as_py() is None else "NaN"
            raise InvalidDatasetError(path, f"column '{column}' has no value ({what})", row)


def _check_text(spec: DatasetSpec, path: Path, table: pa.Table) -> None:
    """Parquet does not guarantee UTF-8 in string columns; DuckDB would refuse them later, less clearly."""
    for column, kind in spec.columns.items():
        if kind != "string":
            continue
        values = table.column(column)
        try:
            values.validate(full=True)
        except pa.ArrowInvalid:
            row = _first_invalid_row(values.combine_chunks())
            raise InvalidDatasetError(
                path, f"column '{column}' has text that is not valid UTF-8", row
            ) from None


def _first_invalid_row(values: pa.Array) -> int:
    """Bisects on full validation (in C++), so even a million rows take ~20 validations, no Python loop."""
    low, high = 0, len(values)  # the first bad row lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        try:
            values.slice(low, middle - low).validate(full=True)
            low = middle
        except pa.ArrowInvalid:
            high = middle
    return low


def _check_finite(spec: DatasetSpec, path: Path, table: pa.Table) -> None:
    """Infinite floats (NaN was refused as a missing value): they overflow every later computation."""
    for column in (name for name, kind in spec.columns.items() if kind == "float"):
        values = table.column(column)
        row = _first_true(pc.invert(pc.fill_null(pc.is_finite(values), True)))
        if row is not None:
            reason = f"column '{column}' has {values[row].as_py()}, expected a finite number"
            raise InvalidDatasetError(path, reason, row)


def _check_range(path: Path, values: pa.ChunkedArray, column: str, bounds: Range) -> None:
    inside: list[pa.ChunkedArray] = []
    if bounds.low is not None:
        above = pc.greater if bounds.low_open else pc.greater_equal
        inside.append(above(values, bounds.low))
    if bounds.high is not None:
        inside.append(pc.less_equal(values, bounds.high))
    row = _first_true(pc.invert(pc.fill_null(functools.reduce(pc.and_, inside), True)))
    if row is not None:
        reason = f"column '{column}' has {values[row].as_py()}, expected {bounds.describe()}"
        raise InvalidDatasetError(path, reason, row)


def _first_true(mask: pa.ChunkedArray | pa.Array) -> int | None:
    indices = pc.indices_nonzero(mask)
    return int(indices[0].as_py()) if len(indices) else None


def _check_unique(path: Path, columns: Sequence[pa.ChunkedArray], what: str) -> None:
    """The first row whose values (taken together) appeared in an earlier row is refused."""
    row = first_repeat(columns)
    if row is not None:
        shown = ", ".join(repr(column[row].as_py()) for column in columns)
        raise InvalidDatasetError(path, f"{what} {shown}", row)


def _check_values(
    path: Path, values: pa.ChunkedArray, column: str, allowed: tuple[str, ...], nullable: bool
) -> None:
    outside = pc.invert(pc.is_in(values, value_set=pa.array(allowed)))
    row = _first_true(pc.and_(outside, pc.is_valid(values)) if nullable else outside)
    if row is not None:
        expected = ", ".join(repr(value) for value in allowed)
        found = values[row].as_py()
        raise InvalidDatasetError(path, f"column '{column}' has {found!r}, expected one of {expected}", row)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
