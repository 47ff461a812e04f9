"""The synthetic city built by `python -m geodata.sample.city` (at the browser test's size, 5,000 floors).

Expected values are computed here from the files with pandas, geopandas and pyproj, not with the generator.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from geodata import queries
from geodata.catalog import open_catalog
from geodata.schema import DATASET_NAMES
from geodata.validate import validate_data_dir

REPO = Path(__file__).resolve().parents[2]
FLOORS = 5_000
CENTRE = Transformer.from_crs(4326, 2154, always_xy=True).transform(7.335, 47.75)


def _build(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "geodata.sample.city", "--out", str(out), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("city") / "data"
    result = _build(out, "--floors", str(FLOORS))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def buildings(city: Path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(city / "buildings.parquet")


@pytest.fixture(scope="module")
def floors(city: Path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(city / "floors.parquet")


def test_the_city_has_exactly_the_floors_asked_for_and_passes_validation(city: Path) -> None:
    counts = validate_data_dir(city).row_counts
    assert counts["floors"] == FLOORS
    assert set(counts) == set(DATASET_NAMES)


def test_each_building_has_its_floors_from_the_ground_up(
    buildings: gpd.GeoDataFrame, floors: pd.DataFrame
) -> None:
    levels = floors.groupby("building_id")["level"].agg(["count", "min", "max"])
    joined = buildings.set_index("building_id").join(levels)
    assert (joined["count"] == joined["floors_count"]).all()
    assert (joined["min"] == 0).all() and (joined["max"] == joined["floors_count"] - 1).all()
    assert not floors.duplicated(["building_id", "level"]).any()


def test_about_five_floors_per_building_from_1_to_12_and_few_tall_ones(buildings: gpd.GeoDataFrame) -> None:
    assert 4.0 <= FLOORS / len(buildings) <= 6.5
    assert buildings["floors_count"].between(1, 12).all()
    assert (buildings["floors_count"] >= 9).mean() < 0.1
    storey = buildings["height_m"] / buildings["floors_count"]
    assert storey.between(2.8 - 0.05, 4.5 + 0.05).all()  # heights are rounded to 0.1 m


def test_floor_areas_are_the_footprint_areas_in_lambert_93_within_60_to_3000_m2(
    floors: gpd.GeoDataFrame,
) -> None:
    expected = floors.geometry.to_crs(2154).area
    assert np.allclose(floors["area_m2"], expected, atol=0.06)
    assert floors["area_m2"].between(60 - 0.1, 3000 + 0.1).all()


def test_footprints_are_rectangles_l_shapes_and_courtyards_with_holes(buildings: gpd.GeoDataFrame) -> None:
    shapes = buildings.geometry.to_numpy()
    holes = shapely.get_num_interior_rings(shapes)
    corners = shapely.get_num_coordinates(shapely.get_exterior_ring(shapes)) - 1
    assert (holes == 1).sum() >= 1
    assert {4, 6} <= set(corners[holes == 0].tolist())
    assert (corners == 4).mean() > 0.5


def test_streets_run_in_several_directions(buildings: gpd.GeoDataFrame) -> None:
    rings = shapely.get_exterior_ring(buildings.geometry.to_crs(2154).to_numpy())
    points = shapely.get_coordinates(rings)
    starts = np.cumsum([0, *shapely.get_num_coordinates(rings)[:-1]])
    dx, dy = (points[starts + 1] - points[starts]).T  # each footprint's first wall
    angles = np.degrees(np.arctan2(dy, dx)) % 90
    assert len(np.unique(np.round(angles))) >= 3  # blocks are turned by different angles


def test_no_two_footprints_overlap_and_all_lie_in_the_study_area(
    city: Path, buildings: gpd.GeoDataFrame
) -> None:
    shapes = buildings.geometry.to_numpy()
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    assert (left == right).all()
    district = gpd.read_parquet(city / "district.parquet").geometry.iloc[0]
    for name in ("buildings", "spaces", "parking_lots", "biodiversity_plots"):
        assert gpd.read_parquet(city / f"{name}.parquet").within(district).all(), name


def test_the_centre_is_denser_and_taller_than_the_edge(buildings: gpd.GeoDataFrame) -> None:
    centres = buildings.geometry.to_crs(2154).centroid
    distance = np.hypot(centres.x - CENTRE[0], centres.y - CENTRE[1])
    inner = distance < distance.median() / 2
    outer = distance > distance.quantile(0.75)
    assert buildings["floors_count"][inner].mean() > buildings["floors_count"][outer].mean() + 1
    inner_density = inner.sum() / (math.pi * (distance.median() / 2) ** 2)
    ring_area = math.pi * (distance.max() ** 2 - distance.quantile(0.75) ** 2)
    assert inner_density > 1.5 * outer.sum() / ring_area


def test_floors_are_mostly_occupied_housing_with_shops_and_some_vacancy(floors: pd.DataFrame) -> None:
    vacant = floors["status"].eq("vacant")
    assert 0.05 <= vacant.mean() <= 0.25
    assert (floors.loc[vacant, "use"] == "vacant").all() and floors.loc[vacant, "occupant"].isna().all()
    uses = floors.loc[~vacant, "use"].value_counts(normalize=True)
    assert uses["housing"] > 0.5 and "retail" in uses and "hospitality" in uses
    assert floors.loc[~vacant, "occupant"].notna().all()


def test_spaces_sit_on_occupied_floors_inside_their_footprint(city: Path, floors: gpd.GeoDataFrame) -> None:
    spaces = gpd.read_parquet(city / "spaces.parquet")
    assert 20 <= len(spaces) <= 300
    by_id = floors.set_index("floor_id")
    for space in spaces.itertuples():
        floor = by_id.loc[space.floor_id]
        assert (floor["building_id"], floor["level"], floor["status"]) == (
            space.building_id,
            space.level,
            "occupied",
        )
        assert floor.geometry.buffer(1e-9).contains(space.geometry), space.space_id
        assert space.geometry.distance(floor.geometry.exterior) < 1e-8, space.space_id


def test_bookings_never_overlap_on_one_space(city: Path) -> None:
    bookings = pd.read_parquet(city / "bookings.parquet").sort_values(["space_id", "start"])
    assert len(bookings) > 0 and (bookings["start"] < bookings["end"]).all()
    same_space = bookings["space_id"].eq(bookings["space_id"].shift(-1))
    assert (bookings["end"] <= bookings["start"].shift(-1))[same_space].all()


def test_activity_spans_the_district_samples_period(city: Path, sample_dir: Path) -> None:
    with_city, with_district = open_catalog(city), open_catalog(sample_dir)
    assert queries.activity_time_range(with_city.cursor()) == queries.activity_time_range(
        with_district.cursor()
    )
    kpis = queries.floor_area_kpis(with_city.cursor())
    assert kpis.total_m2 == pytest.approx(pd.read_parquet(city / "floors.parquet")["area_m2"].sum())


def test_provenance_says_it_is_a_synthetic_sample(city: Path) -> None:
    provenance = json.loads((city / "provenance.json").read_text(encoding="utf-8"))
    assert set(provenance) == set(DATASET_NAMES)
    for name, entry in provenance.items():
        if name != "context_commune":
            assert entry["sample"] is True and "synthetic city" in entry["note"], name
    assert provenance["context_commune"]["sample"] is False


def test_the_same_size_and_seed_give_the_same_files_and_another_seed_another_city(
    city: Path, tmp_path: Path
) -> None:
    assert _build(tmp_path / "same", "--floors", str(FLOORS)).returncode == 0
    for path in city.iterdir():
        assert (tmp_path / "same" / path.name).read_bytes() == path.read_bytes(), path.name
    assert _build(tmp_path / "other", "--floors", str(FLOORS), "--seed", "7").returncode == 0
    assert (tmp_path / "other" / "buildings.parquet").read_bytes() != (
        city / "buildings.parquet"
    ).read_bytes()


@pytest.mark.parametrize("floors", ["5", "abc"])
def test_a_bad_size_is_refused_in_one_line_with_exit_2_and_writes_nothing(
    tmp_path: Path, floors: str
) -> None:
    result = _build(tmp_path / "data", "--floors", floors)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--floors" in result.stderr
    assert not (tmp_path / "data").exists()
