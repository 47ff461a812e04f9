"""Write a sample's datasets, check them, and publish them with one atomic swap (district and city alike)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

import geopandas as gpd
import pyarrow as pa

from geodata.provenance import Provenance, write_provenance
from geodata.sample.swap import publish_directory
from geodata.schema import PROVENANCE_FILE, spec_for
from geodata.validate import validate_data_dir
from geodata.writer import write_geoparquet, write_table

Dataset: TypeAlias = gpd.GeoDataFrame | pa.Table


def write_datasets(datasets: dict[str, Dataset], provenance: dict[str, Provenance], out: Path) -> None:
    """Writes each dataset with the project's writers, then the provenance sidecar."""
    for name, data in datasets.items():
        path = spec_for(name).path(out)
        if isinstance(data, gpd.GeoDataFrame):
            write_geoparquet(data, path)
        else:
            write_table(data, path)
    write_provenance(provenance, out / PROVENANCE_FILE)


def publish_datasets(datasets: dict[str, Dataset], provenance: dict[str, Provenance], out: Path) -> Path:
    """Writes a new version beside `out`, validates it, then swaps it in; returns the version directory."""

    def fill(directory: Path) -> None:
        write_datasets(datasets, provenance, directory)
        validate_data_dir(directory)  # never swap in data the app would refuse

    return publish_directory(out, fill)
