"""Ingestion throughput: `python -m geodata.ingest buildings` on a generated BD TOPO-like GeoPackage of
50,000 buildings (Lambert-93, cached in bench/.cache/), in buildings per second, beside baselines from the
same run: GDAL reading the same file (pyogrio), and geopandas writing the same buildings as GeoParquet.
`python -m bench.ingest [--buildings N]` prints the figures alone."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from bench.datasets import CACHE
from geodata.ingest.buildings import BuildingsOptions, ingest_buildings

BUILDINGS = 50_000
SEED = 20261206
_USAGES = np.array(["Résidentiel", "Industriel", "Commercial et services", "Annexe", "Indifférencié"])
_CENTRE_L93 = (1_023_710.92, 6_748_040.95)  # the DMC district (7.3225 E, 47.7530 N)


def bdtopo_file(buildings: int = BUILDINGS) -> Path:
    """A GeoPackage with BD TOPO's BATIMENT columns: rectangles of 8–40 m on a 50 m grid, 1–8 levels,
    some without a level count or a height (so every floor rule runs). Deterministic; cached."""
    path = CACHE / f"bdtopo-{buildings}.gpkg"
    if path.exists():
        return path
    rng = np.random.default_rng(SEED)
    side = int(np.ceil(np.sqrt(buildings)))
    index = np.arange(buildings)
    x = _CENTRE_L93[0] + (index % side - side / 2) * 50.0
    y = _CENTRE_L93[1] + (index // side - side / 2) * 50.0
    width, depth = rng.uniform(8, 40, buildings), rng.uniform(8, 40, buildings)
    levels = rng.integers(1, 9, buildings).astype(float)
    height = levels * rng.uniform(2.6, 3.6, buildings)
    levels[rng.random(buildings) < 0.2] = np.nan
    height[rng.random(buildings) < 0.1] = np.nan
    frame = gpd.GeoDataFrame(
        {"cleabs": [f"BATIMENT{i:016d}" for i in index], "hauteur": height, "nombre_d_etages": levels,
         "usage_1": _USAGES[rng.integers(0, len(_USAGES), buildings)], "nombre_de_logements": 0},
        geometry=shapely.box(x, y, x + width, y + depth), crs="EPSG:2154",
    )  # fmt: skip
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial.gpkg")
    frame.to_file(partial, layer="batiment", driver="GPKG")
    partial.rename(path)
    return path


def figures(buildings: int = BUILDINGS) -> dict[str, Any]:
    source = bdtopo_file(buildings)
    with tempfile.TemporaryDirectory() as work:
        began = time.perf_counter()
        report = ingest_buildings(BuildingsOptions(source, Path(work) / "data"))
        ingest_s = time.perf_counter() - began
        began = time.perf_counter()
        frame = pyogrio.read_dataframe(source)
        read_s = time.perf_counter() - began
        began = time.perf_counter()
        frame.to_crs(4326).to_parquet(
            Path(work) / "plain.parquet", schema_version="1.1.0", write_covering_bbox=True
        )
        write_s = time.perf_counter() - began
    written = int(report.facts["buildings"])
    return {
        "buildings_in": buildings,
        "buildings_written": written,
        "floors_written": int(report.facts["floors"]),
        "ingest_s": round(ingest_s, 2),
        "buildings_per_s": round(written / ingest_s),
        "gdal_read_s": round(read_s, 2),
        "geoparquet_write_s": round(write_s, 2),
        "read_write_s": round(read_s + write_s, 2),
    }


def table(results: dict[str, Any]) -> str:
    figures = results.get("ingest")
    if not figures:
        return "ingestion: skipped"
    lines = [
        f"ingestion of {figures['buildings_in']:,} BD TOPO buildings (GeoPackage, Lambert-93): "
        f"{figures['buildings_written']:,} buildings and {figures['floors_written']:,} floors written",
        f"{'figure':<40}{'value':>11}  {'baseline (same run)':<36}{'value':>9}{'ratio':>9}",
        f"{'ingest, s':<40}{figures['ingest_s']:>11,.2f}  {'GDAL read + GeoParquet write, s':<36}"
        f"{figures['read_write_s']:>9,.2f}{_ratio(figures['ingest_s'], figures['read_write_s']):>9}",
        f"{'  buildings per second':<40}{figures['buildings_per_s']:>11,}",
        f"{'  GDAL read alone, s':<40}{figures['gdal_read_s']:>11,.2f}",
    ]
    return "\n".join(lines)


def _ratio(value: float, baseline: float) -> str:
    return f"×{value / baseline:.2f}" if baseline else ""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__)
    parser.add_argument("--buildings", type=int, default=BUILDINGS)
    results = {"ingest": figures(parser.parse_args().buildings)}
    print(table(results))


if __name__ == "__main__":
    main()
