"""The sample district built by `python -m geodata.sample` agrees with DMC-FACTS and with itself."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata import queries
from geodata.catalog import Catalog, open_catalog
from geodata.geometry import area_m2
from geodata.provenance import SAMPLE_NOTE
from geodata.sample.district import build
from geodata.schema import DATASET_NAMES

NOW = datetime(2026, 11, 23, 14, 0)
TOLERANCE_DEG = 1e-8  # ~1 mm: a straight edge in Lambert-93 is not exactly straight in lon/lat


@pytest.fixture(scope="module")
def catalog(sample_dir: Path) -> Catalog:
    return open_catalog(sample_dir)


@pytest.fixture(scope="module")
def floors(catalog: Catalog) -> pd.DataFrame:
    return queries.floors_with_status(catalog.cursor()).drop_columns(["geometry"]).to_pandas()


def _shapes(path: Path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path)


def _building(floors: pd.DataFrame, building_id: str) -> pd.DataFrame:
    return floors[floors["building_id"] == building_id]


def test_total_floor_area_is_about_110000_m2(catalog: Catalog) -> None:
    assert queries.floor_area_kpis(catalog.cursor()).total_m2 == pytest.approx(110_000, rel=0.05)


def test_20_to_25_percent_of_the_floor_area_is_occupied(catalog: Catalog) -> None:
    kpis = queries.floor_area_kpis(catalog.cursor())
    assert 0.20 <= kpis.occupied_share <= 0.25
    assert kpis.occupied_share + kpis.vacant_share == pytest.approx(1.0)


def test_motoco_has_ground_plus_two_floors_all_occupied(floors: pd.DataFrame) -> None:
    motoco = _building(floors, "75")
    assert sorted(motoco["level"]) == [0, 1, 2]
    assert 8_500 <= motoco["area_m2"].sum() <= 9_600
    assert set(motoco["status"]) == {"occupied"}
    assert set(motoco["building_name"]) == {"Motoco"}


def test_building_62_is_large_and_vacant(floors: pd.DataFrame) -> None:
    b62 = _building(floors, "62")
    assert 20_000 <= b62["area_m2"].sum() <= 23_000
    assert set(b62["status"]) == {"vacant"}


def test_the_climbing_centre_is_in_57(floors: pd.DataFrame) -> None:
    climbing = floors[floors["occupant"] == "Climbing Mulhouse Center"]
    assert set(climbing["building_id"]) == {"57"}
    assert set(climbing["use"]) == {"culture_sport"}


def test_the_bleaching_works_is_57_and_no_other_building_claims_it(catalog: Catalog) -> None:
    names = {row["building_id"]: row["name"] for row in queries.buildings(catalog.cursor()).to_pylist()}
    assert not any("blanchiment" in name.lower() for name in names.values())
    assert names["55"] == "Magasin de filés"


def test_building_48_is_a_one_storey_sawtooth_hall_of_about_2400_m2(floors: pd.DataFrame) -> None:
    b48 = _building(floors, "48")
    assert len(b48) == 1
    assert b48["area_m2"].sum() == pytest.approx(2_400, rel=0.05)


def test_the_refectoire_is_one_storey_vacant_and_protected(catalog: Catalog, floors: pd.DataFrame) -> None:
    refectoire = _building(floors, "REF")
    assert len(refectoire) == 1 and set(refectoire["status"]) == {"vacant"}
    protected = _protected(catalog)
    assert protected["REF"]


def _protected(catalog: Catalog) -> dict[str, bool]:
    rows = queries.buildings(catalog.cursor()).to_pylist()
    return {row["building_id"]: row["protected"] for row in rows}


def test_buildings_63_and_118_are_protected(catalog: Catalog) -> None:
    protected = _protected(catalog)
    assert protected["63"] and protected["118"]


def test_about_forty_buildings_each_with_its_floors(catalog: Catalog, floors: pd.DataFrame) -> None:
    rows = queries.buildings(catalog.cursor()).to_pylist()
    assert 35 <= len(rows) <= 45
    counts = floors.groupby("building_id")["level"].agg(["count", "max"])
    for row in rows:
        assert counts.loc[row["building_id"], "count"] == row["floors_count"]
        assert counts.loc[row["building_id"], "max"] == row["floors_count"] - 1


def test_floor_areas_are_the_footprint_areas_in_lambert_93(sample_dir: Path) -> None:
    floors = _shapes(sample_dir / "floors.parquet")
    expected = area_m2(list(floors.geometry))
    assert floors["area_m2"].tolist() == pytest.approx(expected, abs=0.1)


def test_the_district_is_about_75_ha_within_the_known_bounds(sample_dir: Path) -> None:
    district = _shapes(sample_dir / "district.parquet")
    assert area_m2(list(district.geometry))[0] == pytest.approx(750_000, rel=0.02)
    west, south, east, north = district.total_bounds
    assert 7.315 <= west < east <= 7.330 and 47.748 <= south < north <= 47.758


def test_the_mill_land_is_12_to_17_ha_in_the_middle(sample_dir: Path) -> None:
    buildings = _shapes(sample_dir / "buildings.parquet")
    hull = buildings.union_all().convex_hull
    assert 120_000 <= area_m2([hull])[0] <= 170_000


@pytest.mark.parametrize("dataset", ["buildings", "parking_lots", "biodiversity_plots", "spaces"])
def test_everything_lies_inside_the_district(sample_dir: Path, dataset: str) -> None:
    district = _shapes(sample_dir / "district.parquet").geometry[0]
    assert _shapes(sample_dir / f"{dataset}.parquet").within(district).all()


def _overlapping_pairs(shapes: list[shapely.Geometry]) -> list[tuple[int, int]]:
    tree = shapely.STRtree(shapes)
    pairs = tree.query(shapes, predicate="intersects").T.tolist()
    return [(i, j) for i, j in pairs if i < j]


def test_footprints_do_not_overlap_or_touch(sample_dir: Path) -> None:
    shapes = list(_shapes(sample_dir / "buildings.parquet").geometry)
    assert _overlapping_pairs(shapes) == []


def test_ground_features_do_not_overlap_buildings_or_each_other(sample_dir: Path) -> None:
    ground = [*_shapes(sample_dir / "parking_lots.parquet").geometry]
    ground += list(_shapes(sample_dir / "biodiversity_plots.parquet").geometry)
    assert _overlapping_pairs(ground) == []
    buildings = shapely.union_all(list(_shapes(sample_dir / "buildings.parquet").geometry))
    assert not any(shape.intersects(buildings) for shape in ground)


def test_spaces_sit_inside_their_building_on_its_outer_edge(sample_dir: Path) -> None:
    spaces = _shapes(sample_dir / "spaces.parquet")
    footprints = _shapes(sample_dir / "buildings.parquet").set_index("building_id").geometry
    assert 30 <= len(spaces) <= 60
    for space in spaces.itertuples():
        footprint = footprints[space.building_id]
        assert footprint.buffer(TOLERANCE_DEG).contains(space.geometry), space.space_id
        assert space.geometry.distance(footprint.exterior) < TOLERANCE_DEG, space.space_id
        assert space.geometry.area > 0.5 * 1e-9, space.space_id


def test_spaces_are_on_occupied_floors_that_exist(sample_dir: Path, floors: pd.DataFrame) -> None:
    spaces = _shapes(sample_dir / "spaces.parquet")
    by_id = floors.set_index("floor_id")
    for space in spaces.itertuples():
        floor = by_id.loc[space.floor_id]
        assert (floor["building_id"], floor["level"], floor["status"]) == (
            space.building_id, space.level, "occupied",
        )  # fmt: skip
    assert set(spaces["kind"]) == {"room", "studio", "machine"}
    assert set(spaces.loc[spaces["kind"] == "machine", "building_id"]) == {"66"}


def test_bookings_never_overlap_on_one_space(sample_dir: Path) -> None:
    bookings = pd.read_parquet(sample_dir / "bookings.parquet").sort_values(["space_id", "start"])
    assert (bookings["start"] < bookings["end"]).all()
    same_space = bookings["space_id"].eq(bookings["space_id"].shift(-1))
    assert (bookings["end"] <= bookings["start"].shift(-1))[same_space].all()


def test_activity_covers_2026_to_mid_2027_and_now(catalog: Catalog) -> None:
    start, end = queries.activity_time_range(catalog.cursor())
    assert (start, end) == (datetime(2026, 1, 1, 0, 0), datetime(2027, 6, 30, 23, 0))
    assert queries.booked_spaces_count(catalog.cursor(), NOW) > 0


def test_parking_is_hourly_within_capacity_and_busier_by_day(sample_dir: Path) -> None:
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet", columns=["lot_id", "capacity"])
    occupancy = pd.read_parquet(sample_dir / "parking_occupancy.parquet").merge(lots, on="lot_id")
    assert 5 <= len(lots) <= 8
    assert occupancy["free_spaces"].between(0, occupancy["capacity"]).all()
    assert occupancy.groupby("lot_id")["observed_at"].diff().dropna().eq(pd.Timedelta(hours=1)).all()
    weekdays = occupancy[occupancy["observed_at"].dt.day_of_week < 5]
    share = (weekdays["free_spaces"] / weekdays["capacity"]).groupby(weekdays["observed_at"].dt.hour).mean()
    assert share[3] > share[11] + 0.4


def test_plots_have_several_species(catalog: Catalog) -> None:
    plots = queries.plots_with_species(catalog.cursor()).to_pylist()
    assert 6 <= len(plots) <= 10
    assert all(plot["species_count"] >= 3 for plot in plots)


def test_every_richness_class_of_the_map_occurs_on_23_november_2026(catalog: Catalog) -> None:
    plots = queries.plots_with_species(catalog.cursor(), until=NOW).to_pylist()
    counts = sorted(plot["species_count"] for plot in plots)
    assert any(1 <= n <= 3 for n in counts), counts
    assert any(4 <= n <= 7 for n in counts), counts
    assert any(n >= 8 for n in counts), counts


def test_buildings_and_floors_say_which_numbers_are_real(catalog: Catalog) -> None:
    for name in ("buildings", "floors"):
        note = catalog.provenance[name].note
        assert "48, 57, 59, 60, 62, 63, 75, 118 and the Réfectoire" in note, name
        assert "invented" in note and "occupants" in note, name


def test_provenance_marks_the_sample_and_the_real_commune(catalog: Catalog) -> None:
    assert set(catalog.provenance) == set(DATASET_NAMES)
    commune = catalog.provenance["context_commune"]
    assert not commune.sample and "IGN" in commune.source and "Etalab" in commune.licence
    for name, entry in catalog.provenance.items():
        if name != "context_commune":
            assert entry.sample and SAMPLE_NOTE in entry.note, name
    assert catalog.is_sample


def test_the_commune_is_the_real_mulhouse_outline(catalog: Catalog, sample_dir: Path) -> None:
    rows = queries.context_commune(catalog.cursor()).drop_columns(["geometry"]).to_pylist()
    assert rows == [{"name": "Mulhouse", "insee_code": "68224"}]
    commune = _shapes(sample_dir / "context_commune.parquet").geometry[0]
    assert commune.contains(_shapes(sample_dir / "district.parquet").geometry[0])


def test_the_build_is_deterministic(sample_dir: Path, tmp_path: Path) -> None:
    build(tmp_path / "again")
    names = sorted(path.name for path in sample_dir.iterdir())
    assert names == sorted(path.name for path in (tmp_path / "again").iterdir())
    for name in names:
        assert (sample_dir / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
