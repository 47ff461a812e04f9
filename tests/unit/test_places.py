"""Where contributions are pinned (geodata.places): the tiny district's values are known by hand (building
A: 10 m, 2 storeys of 5 m; B: 6 m, 1 storey); the sample's are computed with geopandas and shapely straight
from its parquet files, not with the catalog's queries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import geopandas as gpd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.catalog import Catalog, open_catalog
from geodata.places import Place, PlaceError, place_of
from tests.unit import tinydata

A_OUTLINE, B_OUTLINE = tinydata.box(0, 0, 50, 20), tinydata.box(100, 0, 140, 25)


def lon_lat(x: float, y: float) -> tuple[float, float]:
    """A point of the tiny district's local grid (metres) in WGS84."""
    point = tinydata.GRID.to_wgs84(shapely.Point(x, y))
    return point.x, point.y


@pytest.mark.parametrize(
    ("kwargs", "outline", "expected"),
    [
        ({"building_id": "A"}, A_OUTLINE, ("A", None, None, 10.0)),
        ({"building_id": "B"}, B_OUTLINE, ("B", None, None, 6.0)),
        ({"floor_id": "A-0"}, A_OUTLINE, ("A", "A-0", 0, 5.0)),
        ({"floor_id": "A-1"}, A_OUTLINE, ("A", "A-1", 1, 10.0)),
        ({"floor_id": "B-0"}, B_OUTLINE, ("B", "B-0", 0, 6.0)),
    ],
)
def test_a_building_or_floor_is_pinned_inside_its_footprint_at_its_top(
    tiny_con: duckdb.DuckDBPyConnection, kwargs: dict[str, str], outline: shapely.Geometry, expected: tuple
) -> None:
    place = place_of(tiny_con, **kwargs)
    assert (place.building_id, place.floor_id, place.level, place.altitude_m) == pytest.approx(expected)
    assert outline.contains(shapely.Point(place.lon, place.lat))


def test_a_point_on_the_ground_keeps_its_coordinates(tiny_con: duckdb.DuckDBPyConnection) -> None:
    lon, lat = lon_lat(200, -300)
    assert place_of(tiny_con, lon=lon, lat=lat) == Place(None, None, None, lon, lat, 0.0)
    assert place_of(tiny_con, lon=7.3225, lat=47.753).altitude_m == 0.0  # whole numbers of degrees too


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "place"),
        ({"building_id": "A", "floor_id": "A-0"}, "floor_id"),
        ({"building_id": "A", "lon": 7.3225, "lat": 47.753}, "lon"),
        ({"floor_id": "A-0", "lat": 47.753}, "lon"),
        ({"building_id": "Z"}, "building_id"),
        ({"building_id": ""}, "building_id"),
        ({"building_id": 12}, "building_id"),
        ({"floor_id": "A-9"}, "floor_id"),
        ({"floor_id": ["A-0"]}, "floor_id"),
        ({"lon": 7.3225}, "lat"),
        ({"lat": 47.753}, "lon"),
        ({"lon": float("nan"), "lat": 47.753}, "lon"),
        ({"lon": 7.3225, "lat": float("inf")}, "lat"),
        ({"lon": 181, "lat": 47.753}, "lon"),
        ({"lon": 7.3225, "lat": -90.5}, "lat"),
        ({"lon": 10**400, "lat": 47.753}, "lon"),
        ({"lon": True, "lat": 47.753}, "lon"),
        ({"lon": "7.3225", "lat": 47.753}, "lon"),
        ({"lon": 0.0, "lat": 0.0}, "lon"),  # a real place, far from the district
        ({"lon": lon_lat(501, 0)[0], "lat": lon_lat(501, 0)[1]}, "lon"),  # just outside the outline
    ],
)
def test_refusals_name_the_field(tiny_con: duckdb.DuckDBPyConnection, kwargs: dict, field: str) -> None:
    with pytest.raises(PlaceError) as refused:
        place_of(tiny_con, **kwargs)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert "\n" not in str(refused.value)


@pytest.fixture(scope="module")
def sample_catalog(sample_dir: Path) -> Catalog:
    return open_catalog(sample_dir)


@pytest.fixture()
def sample_con(sample_catalog: Catalog) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = sample_catalog.cursor()
    yield cursor
    cursor.close()


def test_every_sample_floor_is_pinned_on_its_own_slab(
    sample_con: duckdb.DuckDBPyConnection, sample_dir: Path
) -> None:
    floors = gpd.read_parquet(sample_dir / "floors.parquet")
    buildings = gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id")
    for floor in floors.itertuples():
        building = buildings.loc[floor.building_id]
        place = place_of(sample_con, floor_id=floor.floor_id)
        assert (place.building_id, place.level) == (floor.building_id, floor.level)
        assert floor.geometry.contains(shapely.Point(place.lon, place.lat))
        top = (floor.level + 1) * building.height_m / building.floors_count
        assert place.altitude_m == pytest.approx(top)


def test_building_62s_third_floor(sample_con: duckdb.DuckDBPyConnection, sample_dir: Path) -> None:
    """Bât. 62 (the browser tests' building): its level 2 floats at three storeys of its height."""
    building = gpd.read_parquet(sample_dir / "buildings.parquet").query("building_id == '62'").iloc[0]
    place = place_of(sample_con, floor_id="62-2")
    assert place.altitude_m == pytest.approx(3 * building.height_m / building.floors_count)
    roof = place_of(sample_con, building_id="62")
    assert roof.altitude_m == pytest.approx(building.height_m)
    assert building.geometry.contains(shapely.Point(roof.lon, roof.lat))


DISTRICT_BOUNDS = (7.3150, 47.7480, 7.3300, 47.7580)  # a little wider than the sample's outline


@pytest.fixture(scope="module")
def sample_outline(sample_dir: Path) -> shapely.Geometry:
    return gpd.read_parquet(sample_dir / "district.parquet").geometry.union_all()


@settings(max_examples=60, deadline=None)
@given(
    st.floats(DISTRICT_BOUNDS[0], DISTRICT_BOUNDS[2], allow_nan=False),
    st.floats(DISTRICT_BOUNDS[1], DISTRICT_BOUNDS[3], allow_nan=False),
)
def test_a_point_is_accepted_exactly_when_the_district_covers_it(
    sample_catalog: Catalog, sample_outline: shapely.Geometry, lon: float, lat: float
) -> None:
    inside = sample_outline.covers(shapely.Point(lon, lat))
    cursor = sample_catalog.cursor()
    try:
        if inside:
            assert place_of(cursor, lon=lon, lat=lat).altitude_m == 0.0
        else:
            with pytest.raises(PlaceError, match="^lon: .*outside the district"):
                place_of(cursor, lon=lon, lat=lat)
    finally:
        cursor.close()
