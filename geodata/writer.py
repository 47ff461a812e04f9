"""The one way datasets are written, used by the build and by the test fixtures alike."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.schema import EXPECTED_CRS


def write_geoparquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    """GeoParquet 1.1 in EPSG:4326 with a bbox covering column (WKB geometry, CRS in the metadata)."""
    if frame.crs is None or frame.crs.to_string() != EXPECTED_CRS:
        raise ValueError(f"{path.name}: geometry must be in {EXPECTED_CRS}, got {frame.crs}")
    frame.to_parquet(path, index=False, schema_version="1.1.0", write_covering_bbox=True)


def write_table(table: pa.Table, path: Path) -> None:
    """A plain Parquet table (no geometry), with the column types given by the caller."""
    pq.write_table(table, path)
