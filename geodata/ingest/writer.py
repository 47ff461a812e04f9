"""The data directory of an ingestion: every dataset the twin reads (empty where nothing was given), in
Hilbert order, with provenance.json and ingest-report.json; checked like the app checks it, then swapped
in atomically (a failed run leaves DIR as it was)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geodata.geometry import WGS84
from geodata.ingest.errors import IngestError
from geodata.ingest.hilbert import hilbert_order
from geodata.ingest.report import Report
from geodata.provenance import Provenance
from geodata.sample.swap import publish_directory
from geodata.schema import DATASETS, PROVENANCE_FILE, DatasetSpec, Kind, spec_for
from geodata.validate import validate_data_dir
from geodata.writer import write_geoparquet, write_table

Dataset: TypeAlias = gpd.GeoDataFrame | pa.Table
# Extra keys of a provenance entry (file, rows, rules…): the app reads only the Provenance fields.
Extras: TypeAlias = dict[str, Any]
_ARROW: dict[Kind, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
    "geometry": pa.binary(),
}


def empty_dataset(spec: DatasetSpec) -> Dataset:
    """A dataset with its columns and no rows: the app shows the layer as having no data."""
    columns = {name: kind for name, kind in spec.columns.items() if kind != "geometry"}
    table = pa.table({name: pa.array([], _ARROW[kind]) for name, kind in columns.items()})
    if not spec.has_geometry:
        return table
    return gpd.GeoDataFrame(table.to_pandas(), geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)


def spatially_sorted(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    order = hilbert_order(np.asarray(frame.geometry.to_numpy(), dtype=object))
    return frame.iloc[order].reset_index(drop=True)


def write_directory(
    datasets: Mapping[str, Dataset],
    provenance: Mapping[str, tuple[Provenance, Extras]],
    out: Path,
) -> None:
    for spec in DATASETS:
        data = datasets.get(spec.name)
        data = empty_dataset(spec) if data is None else data
        if isinstance(data, gpd.GeoDataFrame):
            write_geoparquet(data, spec.path(out))
        else:
            write_table(data, spec.path(out))
    entries = {name: {**asdict(entry), **extras} for name, (entry, extras) in sorted(provenance.items())}
    text = json.dumps(entries, ensure_ascii=False, indent=2, default=str)
    (out / PROVENANCE_FILE).write_text(text + "\n", encoding="utf-8")


def publish(
    datasets: Mapping[str, Dataset],
    provenance: Mapping[str, tuple[Provenance, Extras]],
    report: Report,
    out: Path,
) -> Path:
    """Writes a new version beside `out`, validates it as the app will, then swaps it in."""
    _check_replaceable(out)

    def fill(directory: Path) -> None:
        write_directory(datasets, provenance, directory)
        validated = validate_data_dir(directory)
        report.facts["rows"] = validated.row_counts
        report.write(directory)

    return publish_directory(out, fill)


def _check_replaceable(out: Path) -> None:
    """The swap replaces `out` whole: never a directory of other files given by mistake (~/Documents)."""
    if out.is_dir() and not out.is_symlink() and any(out.iterdir()) and not (out / PROVENANCE_FILE).is_file():
        raise IngestError(out, "exists and is not a data directory; give a new or empty directory to --out")


def read_directory(directory: Path) -> tuple[dict[str, Dataset], dict[str, tuple[Provenance, Extras]]]:
    """An existing data directory (for the commands that merge records into it), bbox columns dropped."""
    datasets: dict[str, Dataset] = {}
    for spec in DATASETS:
        if spec.has_geometry:
            frame = gpd.read_parquet(spec.path(directory))
            datasets[spec.name] = frame.drop(columns=[c for c in ("bbox",) if c in frame.columns])
        else:
            datasets[spec.name] = pq.read_table(spec.path(directory))
    raw = json.loads((directory / PROVENANCE_FILE).read_text(encoding="utf-8"))
    fields = set(Provenance.__dataclass_fields__)
    provenance = {
        name: (
            Provenance(**{k: v for k, v in entry.items() if k in fields}),
            {k: v for k, v in entry.items() if k not in fields},
        )
        for name, entry in raw.items()
    }
    return datasets, provenance


def with_schema(frame: pd.DataFrame, name: str) -> pa.Table:
    """A plain dataset's columns in the types its spec names (ids stay text, times without a zone)."""
    spec = spec_for(name)
    return pa.table({column: pa.array(frame[column], _ARROW[kind]) for column, kind in spec.columns.items()})
