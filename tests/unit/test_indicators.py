"""Every indicator on the hand-built tiny district, with the expected figures worked out by hand.

Tiny facts (tests/unit/tinydata.py): floors A-0 (office, occupied, occupant Acme), A-1 (vacant) of building A
(not protected) and B-0 (culture_sport, occupied) of building B (protected), 1000 m² each; lots L1 (50 × 50 m,
100 spaces), L2 (50 × 40 m, 50), L3 (20 × 20 m, 10); plots P1 (400 m²) and P2 (900 m²).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import shapely

from geodata.indicators import INDICATORS, UNITS, floor_area_by_use, indicators, scenario_floors
from geodata.ratios import RATIOS
from geodata.scenario import (
    BuildingChange,
    Change,
    FloorChange,
    GreenChange,
    NewBuilding,
    NewFloor,
    ParkingLotChange,
    ScenarioDocument,
    ScenarioError,
)
from geodata.uses import USES
from tests.unit.tinydata import GRID

# Ratios set by the tests, so that the figures below do not depend on the defaults of geodata/ratios.py.
RATIOS_SET = {
    "m2_per_dwelling": 50.0,
    "residents_per_dwelling": 2.0,
    "parking_per_dwelling": 1.0,
    "m2_per_parking_space": 25.0,
    "m2_per_pupil": 8.0,
    "jobs_per_100m2_office": 5.0,
    "jobs_per_100m2_culture_sport": 1.0,
    "jobs_per_100m2_retail": 3.0,
    "jobs_per_100m2_school": 2.0,
    "parking_per_100m2_office": 2.0,
    "parking_per_100m2_culture_sport": 1.0,
    "parking_per_100m2_retail": 4.0,
    "parking_per_100m2_school": 0.5,
    "kwh_per_m2_office": 100.0,
    "kwh_per_m2_culture_sport": 80.0,
    "kwh_per_m2_housing": 50.0,
    "kwh_per_m2_retail": 200.0,
    "kwh_per_m2_parking": 10.0,
    "kwh_per_m2_school": 120.0,
    "kwh_per_m2_vacant": 0.0,
}


def document(*changes: Change, **ratios: float) -> ScenarioDocument:
    return ScenarioDocument("test", changes, ratios={**RATIOS_SET, **ratios})


def footprint(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    shape = GRID.to_wgs84(shapely.box(x0, y0, x1, y1))
    return {"type": "Polygon", "coordinates": [[list(xy) for xy in shape.exterior.coords]]}


def approx(expected: dict[str, float]) -> Any:
    return pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_every_indicator_has_a_unit() -> None:
    assert set(UNITS) == set(INDICATORS)
    assert len(INDICATORS) == len(set(INDICATORS))


def test_the_baseline_with_the_default_ratios(tiny_con: duckdb.DuckDBPyConnection) -> None:
    r = {name: ratio.value for name, ratio in RATIOS.items()}
    assert indicators(tiny_con, None) == approx(
        {
            "floor_area_m2": 3000.0,
            "occupied_m2": 2000.0,  # A-0 and B-0
            "vacant_m2": 1000.0,
            "occupied_share": 2 / 3,
            "dwellings": 0.0,
            "residents": 0.0,
            "jobs": 10 * r["jobs_per_100m2_office"] + 10 * r["jobs_per_100m2_culture_sport"],
            "parking_demand": 10 * r["parking_per_100m2_office"] + 10 * r["parking_per_100m2_culture_sport"],
            "parking_supply": 160.0,  # 100 + 50 + 10
            "green_m2": 0.0,
            "green_ground_m2": 1300.0,  # 400 + 900
            "energy_mwh": r["kwh_per_m2_office"] + r["kwh_per_m2_culture_sport"] + r["kwh_per_m2_vacant"],
            "protected_touched": 0.0,
            "school_places": 0.0,
        }
    )


def test_the_baseline_with_the_ratios_set(tiny_con: duckdb.DuckDBPyConnection) -> None:
    figures = indicators(tiny_con, document())
    assert figures["jobs"] == pytest.approx(50 + 10)  # 10 × 5 (office) + 10 × 1 (culture_sport)
    assert figures["parking_demand"] == pytest.approx(20 + 10)  # 10 × 2 + 10 × 1
    assert figures["energy_mwh"] == pytest.approx(100 + 80 + 0)  # (1000 × 100 + 1000 × 80) kWh


def test_a_scenario_with_every_kind_of_change(tiny_con: duckdb.DuckDBPyConnection) -> None:
    new = NewBuilding(
        "N", "Neuf", footprint(200, 200, 240, 230), 9.0,  # 40 × 30 m = 1200 m² per floor
        (NewFloor("retail"), NewFloor("housing", dwellings=10), NewFloor("parking")),
    )  # fmt: skip
    changes = (
        FloorChange("A-1", use="housing"),  # 1000 m² / 50 = 20 dwellings
        FloorChange("B-0", status="vacant"),  # protected building B
        new,
        GreenChange(lot_id="L1"),  # 2500 m² de-sealed, its 100 spaces gone
        ParkingLotChange("L2", 20),
        GreenChange(plot_id="P2"),  # 900 m²
    )
    assert indicators(tiny_con, document(*changes)) == approx(
        {
            "floor_area_m2": 3000.0 + 3 * 1200.0,
            "occupied_m2": 1000.0 + 1000.0 + 3 * 1200.0,  # the three new floors
            "vacant_m2": 1000.0,  # B-0
            "occupied_share": 5600 / 6600,
            "dwellings": 20.0 + 10.0,
            "residents": 30 * 2.0,
            "jobs": 10 * 5.0 + 12 * 3.0,  # A-0 office, the new retail floor; housing and parking none
            "parking_demand": 30 * 1.0 + 10 * 2.0 + 12 * 4.0,  # dwellings, A-0 office, new retail
            "parking_supply": 0 + 20 + 10 + 1200 / 25,  # L1 green, L2 set to 20, L3; the parking floor
            "green_m2": 900.0 + 2500.0,
            "green_ground_m2": 400.0 + 900.0 + 2500.0,
            # kWh: A-0 1000 × 100, A-1 1000 × 50, B-0 vacant 0, new 1200 × (200 + 50 + 10)
            "energy_mwh": (100_000 + 50_000 + 0 + 1200 * 260) / 1000,
            "protected_touched": 1.0,
            "school_places": 0.0,
        }
    )


def test_a_school_counts_places_and_staff(tiny_con: duckdb.DuckDBPyConnection) -> None:
    figures = indicators(tiny_con, document(FloorChange("A-1", use="school")))
    assert figures["school_places"] == 125.0  # 1000 m² / 8 m² per pupil
    assert figures["jobs"] == pytest.approx(50 + 10 + 20)  # office, culture_sport, school 10 × 2
    assert figures["parking_demand"] == pytest.approx(20 + 10 + 5)
    assert figures["occupied_share"] == pytest.approx(1.0)


def test_a_planner_count_of_dwellings_replaces_the_estimate(tiny_con: duckdb.DuckDBPyConnection) -> None:
    figures = indicators(tiny_con, document(FloorChange("A-1", use="housing", dwellings=7)))
    assert (figures["dwellings"], figures["residents"]) == (7.0, 14.0)
    estimated = indicators(tiny_con, document(FloorChange("A-1", use="housing"), m2_per_dwelling=70.0))
    assert estimated["dwellings"] == 14.0  # 1000 / 70 = 14.3, rounded down


def test_demolishing_a_building_removes_its_floors(tiny_con: duckdb.DuckDBPyConnection) -> None:
    figures = indicators(tiny_con, document(BuildingChange("A", "demolish"), BuildingChange("B", "keep")))
    assert figures["floor_area_m2"] == 1000.0 and figures["occupied_m2"] == 1000.0
    assert figures["vacant_m2"] == 0.0 and figures["occupied_share"] == 1.0
    assert figures["jobs"] == pytest.approx(10.0)  # B-0 alone
    assert figures["protected_touched"] == 0.0  # A is not protected; keeping B touches nothing
    assert indicators(tiny_con, document(BuildingChange("B", "demolish")))["protected_touched"] == 1.0


def test_phases_count_only_the_changes_in_effect(tiny_con: duckdb.DuckDBPyConnection) -> None:
    scenario = document(
        FloorChange("A-1", use="housing"),  # at once
        GreenChange(lot_id="L3", phase=2028),  # 20 × 20 m
        BuildingChange("B", "demolish", phase=2032),
    )
    assert indicators(tiny_con, scenario, until_year=2027)["parking_supply"] == 160.0
    in_2030 = indicators(tiny_con, scenario, until_year=2030)
    assert (in_2030["parking_supply"], in_2030["green_m2"]) == (150.0, pytest.approx(400.0))
    assert (in_2030["floor_area_m2"], in_2030["dwellings"]) == (3000.0, 20.0)
    assert indicators(tiny_con, scenario, until_year=2032)["floor_area_m2"] == 2000.0
    assert indicators(tiny_con, scenario)["floor_area_m2"] == 2000.0


def test_an_empty_district_gives_zeros_not_errors(tiny_con: duckdb.DuckDBPyConnection) -> None:
    figures = indicators(tiny_con, document(BuildingChange("A", "demolish"), BuildingChange("B", "demolish")))
    assert (
        figures["floor_area_m2"] == 0.0 and figures["occupied_share"] == 0.0 and figures["energy_mwh"] == 0.0
    )


def test_floor_area_by_use_lists_every_code(tiny_con: duckdb.DuckDBPyConnection) -> None:
    baseline = floor_area_by_use(tiny_con, None)
    assert list(baseline) == list(USES)
    assert {use: area for use, area in baseline.items() if area} == {
        "office": 1000.0, "culture_sport": 1000.0, "vacant": 1000.0,
    }  # fmt: skip
    after = floor_area_by_use(
        tiny_con, document(FloorChange("A-1", use="retail"), BuildingChange("B", "demolish"))
    )
    assert {use: area for use, area in after.items() if area} == {"office": 1000.0, "retail": 1000.0}


def test_scenario_floors_says_what_changed_on_each_floor(tiny_con: duckdb.DuckDBPyConnection) -> None:
    new = NewBuilding(
        "N", "Neuf", footprint(200, 200, 210, 210), 6.0, (NewFloor("office"), NewFloor("vacant", "vacant"))
    )
    changes = (
        FloorChange("A-0", occupant="Beta"),
        FloorChange("A-1", use="retail"),
        BuildingChange("B", "demolish"),
    )
    table = scenario_floors(tiny_con, document(*changes, new))
    assert table.column_names == [
        "floor_id",
        "building_id",
        "level",
        "area_m2",
        "use",
        "status",
        "occupant",
        "change",
    ]
    rows = [(r["floor_id"], r["use"], r["status"], r["occupant"], r["change"]) for r in table.to_pylist()]
    assert rows == [
        ("A-0", "office", "occupied", "Beta", "status"),
        ("A-1", "retail", "occupied", None, "use"),
        ("B-0", "culture_sport", "occupied", "Club", "demolished"),
        ("N-0", "office", "occupied", None, "new"),
        ("N-1", "vacant", "vacant", None, "new"),
    ]
    assert table.column("area_m2").to_pylist()[3] == pytest.approx(100.0)


def test_vacating_a_floor_is_a_status_change_that_clears_the_occupant(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    rows = scenario_floors(tiny_con, document(FloorChange("A-0", status="vacant"))).to_pylist()
    assert (rows[0]["use"], rows[0]["status"], rows[0]["occupant"], rows[0]["change"]) == (
        "vacant", "vacant", None, "status",
    )  # fmt: skip
    unchanged = scenario_floors(tiny_con, document(FloorChange("A-0", use="office"))).to_pylist()
    assert (unchanged[0]["occupant"], unchanged[0]["change"]) == ("Acme", "")


def test_the_baseline_floors_are_all_unchanged(tiny_con: duckdb.DuckDBPyConnection) -> None:
    table = scenario_floors(tiny_con, None)
    assert table.column("floor_id").to_pylist() == ["A-0", "A-1", "B-0"]
    assert set(table.column("change").to_pylist()) == {""}


def test_a_bad_ratio_override_is_refused(tiny_con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ScenarioError, match=r"^ratios\.jobs_per_100m2_housing: unknown ratio"):
        indicators(tiny_con, document(jobs_per_100m2_housing=1.0))


def test_nothing_is_left_registered_on_the_caller_cursor(tiny_con: duckdb.DuckDBPyConnection) -> None:
    indicators(tiny_con, document(FloorChange("A-1", use="housing"), GreenChange(lot_id="L1")))
    views = {row[0] for row in tiny_con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    assert not views & {"scenario", "standing", "floor_changes", "green_lots", "use_ratios"}


def test_a_temporary_use_counts_until_its_building_goes(tiny_con: duckdb.DuckDBPyConnection) -> None:
    scenario = document(FloorChange("A-1", use="housing"), BuildingChange("A", "demolish", phase=2030))
    assert indicators(tiny_con, scenario, until_year=2029)["dwellings"] == 20.0  # 1000 m² / 50
    after = indicators(tiny_con, scenario, until_year=2030)
    assert (after["dwellings"], after["floor_area_m2"]) == (0.0, 1000.0)
