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
import pyarrow.parquet as pq
import shapely

from api.contribution_exports import cell
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
    values = [table.column(name).to_pylist() for name in columns]
    shapes = shapely.to_wkt(_shapes(table), rounding_precision=-1)
    writer.writerows(
        [*(cell(_plain(v)) for v in row), wkt] for *row, wkt in zip(*values, shapes, strict=True)
    )
    return out.getvalue().encode("utf-8")


def geojson_bytes(table: pa.Table, metadata: Metadata) -> bytes:
    shapes = shapely.orient_polygons(_shapes(table), exterior_cw=False)  # RFC 7946 §3.1.6: right-hand rule
    properties = table.drop_columns(["geometry"]).to_pylist()
    features = [
        {"type": "Feature", "properties": {k: _plain(v) for k, v in props.items()},
         "geometry": json.loads(shapely.to_geojson(shape))}
        for props, shape in zip(properties, shapes, strict=True)
    ]  # fmt: skip
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "metadata": dict(metadata),
        "features": features,
    }
    if len(shapes):
        collection["bbox"] = [float(v) for v in shapely.total_bounds(shapes)]
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


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


def _plain(value: object) -> object:
    """Times and dates as ISO text (naive local time, like the data); everything else as it is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
