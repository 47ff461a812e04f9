"""Coordinates and areas: a Lambert-93 point lands where Lambert-93 defines it, and a rectangle's area
matches width × depth whether the buildings lie in France (Lambert-93) or elsewhere (their UTM zone)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata.geometry import area_m2, metric_area_m2, metric_crs
from geodata.ingest.cli import main

# Lambert-93 (EPSG:2154) is defined with its origin at lon 3°E, lat 46°30'N, placed at x 700 000 m,
# y 6 600 000 m (false easting and northing): an exact pair known without running any projection code.
ORIGIN_L93 = (700_000.0, 6_600_000.0)
ORIGIN_LONLAT = (3.0, 46.5)
METRES_PER_DEGREE = 111_320.0  # along a meridian, and along the equator


def ingest(path: Path) -> gpd.GeoDataFrame:
    assert main(["buildings", str(path), "--out", str(path.parent / "data")]) == 0
    return gpd.read_parquet(path.parent / "data" / "buildings.parquet")


def square_around(x: float, y: float, width: float, depth: float) -> shapely.Polygon:
    return shapely.box(x - width / 2, y - depth / 2, x + width / 2, y + depth / 2)


def test_a_lambert_93_point_lands_at_its_longitude_and_latitude_within_a_metre(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"hauteur": [6.0]}, geometry=[square_around(*ORIGIN_L93, 10, 10)], crs="EPSG:2154"
    )
    frame.to_file(tmp_path / "origin.gpkg", driver="GPKG")
    centre = ingest(tmp_path / "origin.gpkg").geometry.iloc[0].centroid
    lon, lat = ORIGIN_LONLAT
    east_m = (centre.x - lon) * METRES_PER_DEGREE * math.cos(math.radians(lat))
    north_m = (centre.y - lat) * METRES_PER_DEGREE
    assert math.hypot(east_m, north_m) < 1.0


def test_areas_in_france_are_lambert_93_areas(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"hauteur": [6.0]}, geometry=[square_around(*ORIGIN_L93, 40, 25)], crs="EPSG:2154"
    )
    frame.to_file(tmp_path / "france.gpkg", driver="GPKG")
    buildings = ingest(tmp_path / "france.gpkg")
    assert buildings["footprint_m2"].iloc[0] == pytest.approx(40 * 25, abs=0.01)
    floors = gpd.read_parquet(tmp_path / "data" / "floors.parquet")
    assert floors["area_m2"].tolist() == pytest.approx([1000.0, 1000.0], abs=0.01)
    provenance = json.loads((tmp_path / "data" / "provenance.json").read_text())
    assert provenance["buildings"]["metric_crs"] == "EPSG:2154"


def test_areas_outside_france_are_computed_in_the_local_utm_zone(tmp_path: Path) -> None:
    # Montréal is in UTM zone 18 north (EPSG:32618): a 30 m × 20 m rectangle drawn in that zone.
    x, y = 611_000.0, 5_040_000.0
    frame = gpd.GeoDataFrame({"height": [3.0]}, geometry=[square_around(x, y, 30, 20)], crs="EPSG:32618")
    frame.to_file(tmp_path / "montreal.geojson", driver="GeoJSON")
    buildings = ingest(tmp_path / "montreal.geojson")
    assert buildings["footprint_m2"].iloc[0] == pytest.approx(600.0, abs=0.01)
    provenance = json.loads((tmp_path / "data" / "provenance.json").read_text())
    assert provenance["buildings"]["metric_crs"] == "EPSG:32618"


@pytest.mark.parametrize(
    ("lon", "lat", "epsg"),
    [
        (7.32, 47.75, 2154),  # Mulhouse
        (-4.49, 48.39, 2154),  # Brest
        (13.40, 52.52, 32633),  # Berlin: zone 33 north
        (-73.57, 45.50, 32618),  # Montréal: zone 18 north
        (-58.38, -34.60, 32721),  # Buenos Aires: zone 21 south
        (174.78, -41.29, 32760),  # Wellington: zone 60 south
    ],
)
def test_the_metric_crs_suits_the_place(lon: float, lat: float, epsg: int) -> None:
    assert metric_crs(lon, lat) == epsg


def test_the_shared_area_helpers_no_longer_assume_france() -> None:
    """geodata.geometry's areas (used by the samples and the scenarios) follow the place too."""
    degrees = 0.001  # a square of 0.001° at the equator: 111.32 m × 110.57 m (WGS 84 ellipsoid)
    square = shapely.box(-60.0, 0.0, -60.0 + degrees, degrees)
    assert metric_area_m2(square) == pytest.approx(111.32 * 110.57, rel=2e-3)
    assert area_m2([square]) == pytest.approx([111.32 * 110.57], rel=2e-3)
