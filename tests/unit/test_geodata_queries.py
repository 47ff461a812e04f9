"""Every named query on the hand-built tiny district, with results worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import pyarrow as pa
import pytest
import shapely

from geodata import queries
from geodata.catalog import Catalog
from tests.unit import tinydata
from tests.unit.tiles import tile_of
from tests.unit.tinydata import at


@pytest.fixture(scope="module")
def catalog(tiny_catalog: Catalog) -> Catalog:
    return tiny_catalog


@pytest.fixture()
def con(tiny_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return tiny_con


def test_district_boundary_gives_the_polygon_as_wkb(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.district_boundary(con)
    assert table.column_names == ["name", "geometry"]
    assert table.column("name").to_pylist() == ["Tiny district"]
    shape = shapely.from_wkb(table.column("geometry")[0].as_py())
    assert shape.equals_exact(tinydata.box(-500, -500, 500, 500), tolerance=1e-12)


def test_context_commune(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.context_commune(con)
    assert table.column_names == ["name", "insee_code", "geometry"]
    assert table.drop_columns(["geometry"]).to_pylist() == [{"name": "Mulhouse", "insee_code": "68224"}]


def test_buildings(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.buildings(con)
    assert table.column_names == [
        "building_id", "name", "construction_period", "height_m", "floors_count", "protected", "geometry",
    ]  # fmt: skip
    rows = table.drop_columns(["geometry"]).to_pylist()
    assert [(r["building_id"], r["floors_count"], r["protected"]) for r in rows] == [
        ("A", 2, False),
        ("B", 1, True),
    ]


def test_floors_with_status_joins_the_building_and_orders_by_building_then_level(
    con: duckdb.DuckDBPyConnection,
) -> None:
    table = queries.floors_with_status(con)
    assert table.column_names == [
        "floor_id", "building_id", "building_name", "level", "floors_count", "height_m", "area_m2", "status",
        "use", "occupant", "geometry",
    ]  # fmt: skip
    rows = table.drop_columns(["geometry"]).to_pylist()
    assert [r["floor_id"] for r in rows] == ["A-0", "A-1", "B-0"]
    assert rows[0] == {
        "floor_id": "A-0", "building_id": "A", "building_name": "Alpha", "level": 0, "floors_count": 2,
        "height_m": 10.0, "area_m2": 1000.0, "status": "occupied", "use": "office", "occupant": "Acme",
    }  # fmt: skip
    assert rows[1]["occupant"] is None


def test_floors_of_building_filters_and_orders_by_level(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.floors_of_building(con, "A")
    assert table.column_names == ["floor_id", "level", "area_m2", "status", "use", "occupant"]
    assert [(r["floor_id"], r["status"]) for r in table.to_pylist()] == [
        ("A-0", "occupied"),
        ("A-1", "vacant"),
    ]
    assert queries.floors_of_building(con, "Z").num_rows == 0


def test_a_building_id_is_a_parameter_never_sql(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.floors_of_building(con, "A' OR '1'='1").num_rows == 0


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(9, 59), []),
        (at(10), [("A-S1", "K1")]),
        (at(11), [("A-S1", "K1"), ("A-S2", "K2")]),
        (at(11, 30), [("A-S1", "K1")]),
        (at(12), [("B-S1", "K3")]),  # K1 ends at 12:00: end is exclusive
        (at(13), []),
    ],
)
def test_spaces_booked_at_uses_start_inclusive_end_exclusive(
    con: duckdb.DuckDBPyConnection, when: datetime, expected: list[tuple[str, str]]
) -> None:
    table = queries.spaces_booked_at(con, when)
    assert [(r["space_id"], r["booking_id"]) for r in table.to_pylist()] == expected


def test_spaces_booked_at_carries_space_building_and_booking(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.spaces_booked_at(con, at(11))
    assert table.column_names == [
        "space_id", "space_name", "kind", "capacity", "floor_id", "building_id", "building_name", "level",
        "booking_id", "status", "start", "end", "height_m", "floors_count", "geometry",
    ]  # fmt: skip
    loom = table.drop_columns(["geometry"]).to_pylist()[1]
    assert loom == {
        "space_id": "A-S2", "space_name": "Loom", "kind": "machine", "capacity": 1, "floor_id": "A-1",
        "building_id": "A", "building_name": "Alpha", "level": 1, "booking_id": "K2", "status": "booked",
        "start": at(11), "end": at(11, 30), "height_m": 10.0, "floors_count": 2,
    }  # fmt: skip


def test_an_aware_time_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="naive local"):
        queries.spaces_booked_at(con, at(11).replace(tzinfo=UTC))


def test_parking_free_at_picks_the_latest_observation_at_or_before(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.parking_free_at(con, at(9, 30))
    assert table.column_names == [
        "lot_id", "name", "capacity", "free_spaces", "free_share", "observed_at", "geometry",
    ]  # fmt: skip
    rows = {r["lot_id"]: r for r in table.drop_columns(["geometry"]).to_pylist()}
    assert (rows["L1"]["free_spaces"], rows["L1"]["observed_at"]) == (40, at(9))
    assert rows["L1"]["free_share"] == pytest.approx(0.4)
    assert (rows["L2"]["free_spaces"], rows["L2"]["free_share"]) == (25, pytest.approx(0.5))
    assert (rows["L3"]["free_spaces"], rows["L3"]["free_share"], rows["L3"]["observed_at"]) == (
        None,
        None,
        None,
    )


def test_parking_observation_exactly_at_the_time_counts(con: duckdb.DuckDBPyConnection) -> None:
    rows = {r["lot_id"]: r["free_spaces"] for r in queries.parking_free_at(con, at(10)).to_pylist()}
    assert rows == {"L1": 10, "L2": 25, "L3": None}


def test_plots_with_species_counts_distinct_species(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.plots_with_species(con)
    assert table.column_names == [
        "plot_id", "name", "habitat", "area_m2", "species_count", "observation_count", "last_observed",
        "geometry",
    ]  # fmt: skip
    rows = {r["plot_id"]: r for r in table.drop_columns(["geometry"]).to_pylist()}
    assert (rows["P1"]["species_count"], rows["P1"]["observation_count"]) == (2, 3)
    assert rows["P1"]["last_observed"] == date(2026, 5, 1)
    assert (rows["P2"]["species_count"], rows["P2"]["observation_count"], rows["P2"]["last_observed"]) == (
        0, 0, None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("until", "p1"),
    [
        (datetime(2026, 3, 31, 23, 59), (0, 0, None)),
        (datetime(2026, 4, 1, 0, 0), (2, 2, date(2026, 4, 1))),  # the whole day of `until` counts
        (datetime(2026, 4, 30, 12, 0), (2, 2, date(2026, 4, 1))),
        (datetime(2026, 5, 1, 8, 0), (2, 3, date(2026, 5, 1))),
    ],
)
def test_plots_with_species_until_counts_only_what_was_seen_by_then(
    con: duckdb.DuckDBPyConnection, until: datetime, p1: tuple[int, int, date | None]
) -> None:
    table = queries.plots_with_species(con, until)
    assert table.column_names == queries.plots_with_species(con).column_names
    rows = {r["plot_id"]: r for r in table.drop_columns(["geometry"]).to_pylist()}
    assert (rows["P1"]["species_count"], rows["P1"]["observation_count"], rows["P1"]["last_observed"]) == p1
    assert (rows["P2"]["species_count"], rows["P2"]["observation_count"], rows["P2"]["last_observed"]) == (
        0, 0, None,
    )  # fmt: skip


def test_plots_with_species_refuses_an_aware_until(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="naive local"):
        queries.plots_with_species(con, datetime(2026, 5, 1, tzinfo=UTC))


def test_floor_area_kpis(con: duckdb.DuckDBPyConnection) -> None:
    kpis = queries.floor_area_kpis(con)
    assert kpis == queries.FloorAreaKpis(3000.0, 2000.0, 1000.0, pytest.approx(2 / 3), pytest.approx(1 / 3))


def test_floor_area_kpis_with_no_floor_area_give_zero_shares() -> None:
    with duckdb.connect() as con:
        con.execute("CREATE TABLE floors (area_m2 DOUBLE, status VARCHAR)")
        assert queries.floor_area_kpis(con) == queries.FloorAreaKpis(0.0, 0.0, 0.0, 0.0, 0.0)


def test_building_gives_one_row_without_geometry(con: duckdb.DuckDBPyConnection) -> None:
    table = queries.building(con, "B")
    assert table.to_pylist() == [
        {"building_id": "B", "name": "Beta", "construction_period": "1921–1958", "height_m": 6.0,
         "floors_count": 1, "protected": True},
    ]  # fmt: skip


@pytest.mark.parametrize("building_id", ["Z", "A' OR '1'='1", ""])
def test_building_unknown_gives_no_row(con: duckdb.DuckDBPyConnection, building_id: str) -> None:
    table = queries.building(con, building_id)
    assert table.num_rows == 0
    assert table.column_names == [
        "building_id", "name", "construction_period", "height_m", "floors_count", "protected",
    ]  # fmt: skip


def test_booked_spaces_count(con: duckdb.DuckDBPyConnection) -> None:
    assert [queries.booked_spaces_count(con, at(h)) for h in (9, 10, 11, 12, 13)] == [0, 1, 2, 1, 0]


def test_free_parking_total_counts_only_lots_with_an_observation(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.free_parking_total(con, at(9, 30)) == (65, 150)
    assert queries.free_parking_total(con, at(11)) == (15, 150)
    assert queries.free_parking_total(con, at(7)) == (0, 0)


def test_activity_time_range_spans_bookings_and_parking(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.activity_time_range(con) == (at(8), at(13))


def test_row_counts(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.row_counts(con) == {
        "district": 1, "context_commune": 1, "buildings": 2, "floors": 3, "spaces": 3, "parking_lots": 3,
        "biodiversity_plots": 2, "bookings": 3, "parking_occupancy": 5, "biodiversity_observations": 3,
    }  # fmt: skip


def test_floor_area_by_building(con: duckdb.DuckDBPyConnection) -> None:
    rows = queries.floor_area_by_building(con).to_pylist()
    assert rows == [
        {
            "building_id": "A",
            "building_name": "Alpha",
            "floors": 2,
            "occupied_m2": 1000.0,
            "vacant_m2": 1000.0,
        },
        {"building_id": "B", "building_name": "Beta", "floors": 1, "occupied_m2": 1000.0, "vacant_m2": 0.0},
    ]


def test_floor_area_by_building_lists_numbers_in_numeric_order() -> None:
    buildings = pa.table({"building_id": ["110", "REF", "5"], "name": ["Village", "Réfectoire", "DMC"]})
    floors = pa.table({
        "building_id": ["110", "5", "5", "REF"], "status": ["occupied", "occupied", "vacant", "vacant"],
        "area_m2": [100.0, 10.0, 20.0, 5.0],
    })  # fmt: skip
    with duckdb.connect() as con:
        con.register("buildings", buildings)
        con.register("floors", floors)
        rows = queries.floor_area_by_building(con).to_pylist()
    assert [r["building_id"] for r in rows] == ["5", "110", "REF"]
    assert (rows[0]["floors"], rows[0]["occupied_m2"], rows[0]["vacant_m2"]) == (2, 10.0, 20.0)


def test_study_area_bounds_are_the_district_extent(con: duckdb.DuckDBPyConnection) -> None:
    west, south, east, north = tinydata.district().total_bounds
    assert queries.study_area_bounds(con) == pytest.approx((west, south, east, north))


def test_a_tile_holds_the_buildings_whose_middle_lies_in_it(con: duckdb.DuckDBPyConnection) -> None:
    lon, lat = tinydata.buildings().geometry.iloc[0].centroid.coords[0]
    z, x, y = tile_of(lon, lat, 15)
    n = 2**z
    assert queries.tile_buildings(con, z, x, y).column("building_id").to_pylist() == ["A", "B"]
    floors = queries.tile_floors(con, z, x, y)
    assert floors.column("floor_id").to_pylist() == ["A-0", "A-1", "B-0"]
    assert floors.column("building_index").to_pylist() == [0, 0, 1]
    assert queries.tile_buildings(con, z, x + 1, y).num_rows == 0
    with pytest.raises(ValueError, match="no tile"):
        queries.tile_floors(con, z, n, y)
