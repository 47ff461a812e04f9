"""The scenario overlay on the tiny district (tests/unit/tinydata.py), against figures worked out by hand:
building A is 50 × 20 m, 10 m high, 2 floors (storeys of 5 m): A-0 occupied "office" by Acme, A-1 vacant;
building B is 40 × 25 m, 6 m high, 1 floor: B-0 occupied "culture_sport" by Club."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import shapely
from shapely.geometry import mapping

from geodata.scenario import (
    BuildingChange,
    FloorChange,
    NewBuilding,
    NewFloor,
    ScenarioDocument,
    ScenarioError,
)
from geodata.scenario_overlay import OVERLAY_SCHEMA, scenario_overlay
from tests.unit.tinydata import box


def _rows(con: duckdb.DuckDBPyConnection, *changes: Any) -> list[dict[str, Any]]:
    table = scenario_overlay(con, ScenarioDocument("test", tuple(changes)))
    assert table.schema == OVERLAY_SCHEMA
    return [{k: v for k, v in row.items() if k != "geometry"} for row in table.to_pylist()]


def test_no_change_no_row(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(tiny_con) == []


def test_a_changed_use_is_one_floor_at_its_storey(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(tiny_con, FloorChange("A-1", use="housing")) == [
        {"building_id": "A", "building_name": "Alpha", "floor_id": "A-1", "level": 1,
         "use_before": "vacant", "use": "housing", "status_before": "vacant", "status": "vacant",
         "occupant": None, "area_m2": 1000.0, "base_m": 5.0, "top_m": 10.0, "change": "use"},
    ]  # fmt: skip


def test_status_or_occupant_alone_is_a_status_change(tiny_con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(tiny_con, FloorChange("A-0", status="vacant", occupant=""), FloorChange("B-0", occupant="X"))
    assert [(r["floor_id"], r["change"], r["status"], r["occupant"]) for r in rows] == [
        ("A-0", "status", "vacant", None),
        ("B-0", "status", "occupied", "X"),
    ]
    assert [(r["base_m"], r["top_m"]) for r in rows] == [(0.0, 5.0), (0.0, 6.0)]


def test_values_equal_to_the_baseline_are_no_change(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(tiny_con, FloorChange("A-0", use="office", status="occupied", occupant="Acme")) == []


def test_a_later_change_of_the_same_floor_wins(tiny_con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(
        tiny_con, FloorChange("A-1", use="housing", status="occupied"), FloorChange("A-1", use="school")
    )
    assert [(r["use"], r["status"]) for r in rows] == [("school", "occupied")]


def test_a_demolished_building_brings_all_its_floors(tiny_con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(tiny_con, FloorChange("A-0", use="housing"), BuildingChange("A", "demolish"))
    assert [(r["floor_id"], r["change"], r["base_m"], r["top_m"]) for r in rows] == [
        ("A-0", "demolished", 0.0, 5.0),
        ("A-1", "demolished", 5.0, 10.0),
    ]


def test_keep_after_demolish_undoes_it(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(tiny_con, BuildingChange("B", "demolish"), BuildingChange("B", "keep")) == []


def test_unknown_floor_changes_nothing(tiny_con: duckdb.DuckDBPyConnection) -> None:
    # check_document refuses unknown ids before a document is saved; the overlay just draws nothing for them
    assert _rows(tiny_con, FloorChange("Z-9", use="housing"), BuildingChange("Z", "demolish")) == []


def _new(height_m: float = 9.0, floors: int = 3, shape: shapely.Geometry | None = None) -> NewBuilding:
    footprint = box(200, 200, 230, 220) if shape is None else shape  # 30 × 20 m = 600 m²
    uses = tuple(NewFloor(use) for use in ("retail", "housing", "housing")[:floors])
    return NewBuilding("N1", "Neuf", dict(mapping(footprint)), height_m, uses)


def test_a_new_building_stacks_its_floors_on_its_footprint(tiny_con: duckdb.DuckDBPyConnection) -> None:
    table = scenario_overlay(tiny_con, ScenarioDocument("test", (_new(),)))
    rows = table.to_pylist()
    assert [(r["floor_id"], r["level"], r["use"], r["status"], r["change"]) for r in rows] == [
        ("N1-0", 0, "retail", "occupied", "new"),
        ("N1-1", 1, "housing", "occupied", "new"),
        ("N1-2", 2, "housing", "occupied", "new"),
    ]
    assert [(r["base_m"], r["top_m"]) for r in rows] == [(0.0, 3.0), (3.0, 6.0), (6.0, 9.0)]
    assert all(r["area_m2"] == pytest.approx(600.0, abs=0.01) for r in rows)
    assert all(r["building_name"] == "Neuf" and r["use_before"] is None for r in rows)
    assert shapely.from_wkb(rows[0]["geometry"]).equals_exact(box(200, 200, 230, 220), 1e-9)


def test_baseline_floors_keep_their_own_geometry(tiny_con: duckdb.DuckDBPyConnection) -> None:
    table = scenario_overlay(tiny_con, ScenarioDocument("test", (FloorChange("B-0", use="school"),)))
    geometry = shapely.from_wkb(table.column("geometry")[0].as_py())
    assert geometry.equals_exact(box(100, 0, 140, 25), 1e-9)


def test_an_invalid_footprint_is_refused_naming_the_change(tiny_con: duckdb.DuckDBPyConnection) -> None:
    bow_tie = shapely.Polygon([(7.32, 47.75), (7.321, 47.751), (7.321, 47.75), (7.32, 47.751)])
    document = ScenarioDocument("test", (FloorChange("A-1", use="housing"), _new(shape=bow_tie)))
    with pytest.raises(ScenarioError) as error:
        scenario_overlay(tiny_con, document)
    assert error.value.field == "changes[1].geometry"


def test_the_registered_changes_do_not_leak_into_the_callers_cursor(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    scenario_overlay(tiny_con, ScenarioDocument("test", (FloorChange("A-1", use="housing"),)))
    with pytest.raises(duckdb.CatalogException):
        tiny_con.sql("SELECT * FROM scenario_floor_changes").fetchall()
