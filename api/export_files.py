"""An export's table (geodata/exports.py) as the bytes of a file, each saying where its data comes from:

- CSV: UTF-8, a header row, the outline as WKT in the last column `geometry_wkt`; text cells made inert for
  spreadsheets as in the contributions' exports (api/contribution_exports.cell). CSV has no place for
  metadata: the same export as GeoJSON or GeoParquet carries it (README, "Exports").
- GeoJSON (RFC 7946): a FeatureCollection in EPSG:4326 (no `crs` member), outer rings counter-clockwise,
  its `bbox`, and a foreign member `metadata` (dataset, hour, scenario, each source's title, source, date,
  licence and note).
- GeoParquet 1.1: written by the data directory's own writer (geodata/writer.py: WKB, CRS in the `geo`
  metadata, bbox covering column), the same `metadata` as JSON under the file's key `dmc_twin`.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from api.contribution_exports import FORMULA_STARTS
from geodata.geometry import WGS84
from geodata.writer import write_geoparquet

METADATA_KEY = b"dmc_twin"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
Metadata = Mapping[str, Any]


def csv_bytes(table: pa.Table, metadata: Metadata) -> bytes:
    columns = [name for name in table.column_names if name != "geometry"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*columns, "geometry_wkt"])
    cells = [_csv_cells(table.column(name)) for name in columns]
    writer.writerows(zip(*cells, shapely.to_wkt(_shapes(table), rounding_precision=-1), strict=True))
    return out.getvalue().encode("utf-8")


def geojson_bytes(table: pa.Table, metadata: Metadata) -> bytes:
    """Written as text around each feature's JSON, not as one dict per feature: a city's 250,000 floors
    would take seconds more through json.loads and json.dumps."""
    shapes = shapely.orient_polygons(_shapes(table), exterior_cw=False)  # RFC 7946 §3.1.6: right-hand rule
    rows = table.drop_columns(["geometry"]).to_pylist()
    properties = [json.dumps(row, ensure_ascii=False, allow_nan=False, default=_iso) for row in rows]
    geometries = shapely.to_geojson(shapes)
    head: dict[str, Any] = {"type": "FeatureCollection", "metadata": dict(metadata)}
    if len(shapes):
        head["bbox"] = [float(v) for v in shapely.total_bounds(shapes)]
    features = ",".join(
        f'{{"type": "Feature", "properties": {props}, "geometry": {shape}}}'
        for props, shape in zip(properties, geometries, strict=True)
    )
    return (json.dumps(head, ensure_ascii=False)[:-1] + f', "features": [{features}]}}').encode("utf-8")


def parquet_bytes(table: pa.Table, metadata: Metadata) -> bytes:
    frame = gpd.GeoDataFrame(
        table.drop_columns(["geometry"]).to_pandas(types_mapper=pd.ArrowDtype),  # keeps nullable integers
        geometry=gpd.GeoSeries(_shapes(table), crs=WGS84),
        crs=WGS84,
    )
    with tempfile.TemporaryDirectory(prefix="dmc-export-") as folder:
        path = Path(folder) / "export.parquet"
        write_geoparquet(frame, path)
        written = pq.read_table(path)
    extra = {METADATA_KEY: json.dumps(metadata, ensure_ascii=False).encode("utf-8")}
    out = io.BytesIO()
    pq.write_table(written.replace_schema_metadata({**(written.schema.metadata or {}), **extra}), out)
    return out.getvalue()


ENCODERS: dict[str, Callable[[pa.Table, Metadata], bytes]] = {
    "csv": csv_bytes,
    "geojson": geojson_bytes,
    "parquet": parquet_bytes,
}


def _shapes(table: pa.Table) -> Any:
    return shapely.from_wkb(table.column("geometry").combine_chunks().cast(pa.binary()).to_numpy(False))


def _csv_cells(column: pa.ChunkedArray) -> list[str | None]:
    """A column's CSV cells (None is an empty cell): text made inert as api/contribution_exports.cell
    does it, times as ISO text, numbers and booleans converted by Arrow (a city has millions of cells)."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return [_inert(value) for value in column.to_pylist()]
    if pa.types.is_timestamp(column.type):
        seconds = column.cast(pa.timestamp("s", column.type.tz), safe=False)  # the data has no fractions
        return pc.strftime(seconds, "%Y-%m-%dT%H:%M:%S").to_pylist()  # type: ignore[no-any-return]
    return column.cast(pa.string()).to_pylist()  # type: ignore[no-any-return]


def _inert(text: str | None) -> str | None:
    """cell()'s rule for text, without its type tests: a formula's first character is escaped."""
    return text if text is None or not text.startswith(FORMULA_STARTS) else f"'{text}"


def _iso(value: object) -> str:
    """What json cannot write: times and dates, as ISO text (naive local time, like the data)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
