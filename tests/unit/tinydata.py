"""A hand-built tiny district, written with the project's own writers, for exact query tests.

Geometry is drawn in metres on a local grid near Mulhouse (see geodata.geometry.LocalFrame), so sizes
are known by hand. Each table builder is separate so that validation tests can spoil one dataset.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import shapely

from geodata.geometry import WGS84, LocalFrame
from geodata.provenance import SAMPLE_NOTE, Provenance, write_provenance
from geodata.schema import DATASET_NAMES, PROVENANCE_FILE, spec_for
from geodata.writer import write_geoparquet, write_table

GRID = LocalFrame(7.3225, 47.7530)
DAY = datetime(2026, 3, 2)  # a Monday


def at(hour: int, minute: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute)


def box(x0: float, y0: float, x1: float, y1: float) -> shapely.Geometry:
    return GRID.to_wgs84(shapely.box(x0, y0, x1, y1))


def geo(columns: dict[str, list[object]], shapes: list[shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def district() -> gpd.GeoDataFrame:
    return geo({"name": ["Tiny district"]}, [box(-500, -500, 500, 500)])


def context_commune() -> gpd.GeoDataFrame:
    return geo({"name": ["Mulhouse"], "insee_code": ["68224"]}, [box(-2000, -2000, 2000, 2000)])


def buildings() -> gpd.GeoDataFrame:
    columns: dict[str, list[object]] = {
        "building_id": ["A", "B"],
        "name": ["Alpha", "Beta"],
        "construction_period": ["1841–1900", "1921–1958"],
        "height_m": [10.0, 6.0],
        "floors_count": [2, 1],
        "protected": [False, True],
    }
    return geo(columns, [box(0, 0, 50, 20), box(100, 0, 140, 25)])


def floors() -> gpd.GeoDataFrame:
    columns: dict[str, list[object]] = {
        "floor_id": ["A-1", "A-0", "B-0"],  # deliberately not in order
        "building_id": ["A", "A", "B"],
        "level": [1, 0, 0],
        "area_m2": [1000.0, 1000.0, 1000.0],
        "status": ["vacant", "occupied", "occupied"],
        "use": ["vacant", "office", "culture_sport"],
        "occupant": [None, "Acme", "Club"],
    }
    return geo(columns, [box(0, 0, 50, 20), box(0, 0, 50, 20), box(100, 0, 140, 25)])


def spaces() -> gpd.GeoDataFrame:
    columns: dict[str, list[object]] = {
        "space_id": ["A-S1", "A-S2", "B-S1"],
        "name": ["Meeting room", "Loom", "Studio"],
        "kind": ["room", "machine", "studio"],
        "floor_id": ["A-0", "A-1", "B-0"],
        "building_id": ["A", "A", "B"],
        "level": [0, 1, 0],
        "capacity": [8, 1, 2],
    }
    return geo(columns, [box(0, 0, 10, 5), box(10, 0, 14, 4), box(100, 0, 110, 8)])


def parking_lots() -> gpd.GeoDataFrame:
    columns: dict[str, list[object]] = {
        "lot_id": ["L1", "L2", "L3"],
        "name": ["North", "South", "Empty"],
        "capacity": [100, 50, 10],
    }
    return geo(columns, [box(0, 100, 50, 150), box(0, -100, 50, -60), box(200, 0, 220, 20)])


def biodiversity_plots() -> gpd.GeoDataFrame:
    columns: dict[str, list[object]] = {
        "plot_id": ["P1", "P2"],
        "name": ["Friche", "Prairie"],
        "habitat": ["friche", "prairie"],
        "area_m2": [400.0, 900.0],
    }
    return geo(columns, [box(-100, 0, -80, 20), box(-200, 0, -170, 30)])


def bookings() -> pa.Table:
    return pa.table(
        {
            "booking_id": ["K1", "K2", "K3"],
            "space_id": ["A-S1", "A-S2", "B-S1"],
            "start": pa.array([at(10), at(11), at(12)], pa.timestamp("us")),
            "end": pa.array([at(12), at(11, 30), at(13)], pa.timestamp("us")),
            "booked_by": ["Acme", "Bob", "Carla"],
        }
    )


def parking_occupancy() -> pa.Table:
    rows = [
        ("L1", at(8), 80),
        ("L1", at(9), 40),
        ("L1", at(10), 10),
        ("L2", at(8, 30), 25),
        ("L2", at(10, 30), 5),
    ]
    return pa.table(
        {
            "lot_id": [row[0] for row in rows],
            "observed_at": pa.array([row[1] for row in rows], pa.timestamp("us")),
            "free_spaces": pa.array([row[2] for row in rows], pa.int32()),
        }
    )


def biodiversity_observations() -> pa.Table:
    rows = [
        ("O1", "P1", date(2026, 4, 1), "Hérisson d'Europe", 2),
        ("O2", "P1", date(2026, 4, 1), "Merle noir", 1),
        ("O3", "P1", date(2026, 5, 1), "Hérisson d'Europe", 3),
    ]
    names = ("observation_id", "plot_id", "observed_on", "species", "count")
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})


BUILDERS = {
    "district": district,
    "context_commune": context_commune,
    "buildings": buildings,
    "floors": floors,
    "spaces": spaces,
    "parking_lots": parking_lots,
    "biodiversity_plots": biodiversity_plots,
    "bookings": bookings,
    "parking_occupancy": parking_occupancy,
    "biodiversity_observations": biodiversity_observations,
}
PROVENANCE = Provenance("Tiny", "hand-built test data", "2026-11-23", "MIT", True, SAMPLE_NOTE)


def write_dataset(data_dir: Path, name: str, data: gpd.GeoDataFrame | pa.Table) -> Path:
    path = spec_for(name).path(data_dir)
    if isinstance(data, gpd.GeoDataFrame):
        write_geoparquet(data, path)
    else:
        write_table(data, path)
    return path


def write_tiny_district(data_dir: Path, *, sample: bool = True) -> Path:
    """Writes every dataset and a provenance.json into data_dir; returns data_dir."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in DATASET_NAMES:
        write_dataset(data_dir, name, BUILDERS[name]())
    entry = PROVENANCE if sample else replace(PROVENANCE, sample=False, note="real")
    write_provenance({name: entry for name in DATASET_NAMES}, data_dir / PROVENANCE_FILE)
    return data_dir
