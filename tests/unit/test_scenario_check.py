"""check_document against the hand-built tiny district (tests/unit/tinydata.py).

Tiny facts used here: buildings A (50 × 20 m, 2 floors, 10 m, not protected) and B (40 × 25 m, 1 floor, 6 m,
protected); floors A-0 (office, occupied), A-1 (vacant), B-0 (culture_sport, occupied), 1000 m² each; lots
L1, L2, L3; plots P1, P2; the study area is the square ±500 m around the grid's origin.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import shapely

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
    check_document,
    parse_document,
)
from geodata.scenario_check import ProtectedTouched, warnings
from tests.unit.tinydata import GRID


def footprint(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    """A GeoJSON Polygon of a box drawn in metres on the tiny district's grid."""
    shape = GRID.to_wgs84(shapely.box(x0, y0, x1, y1))
    return {"type": "Polygon", "coordinates": [[list(xy) for xy in shape.exterior.coords]]}


def new(id: str = "N", box: tuple[float, float, float, float] = (200, 200, 240, 230), height: float = 9.0,
        uses: tuple[str, ...] = ("housing", "office", "vacant"), **fields: Any) -> NewBuilding:  # fmt: skip
    floors = tuple(NewFloor(use, "vacant" if use == "vacant" else "occupied") for use in uses)
    return NewBuilding(id, id, footprint(*box), height, floors, **fields)


def check(con: duckdb.DuckDBPyConnection, *changes: Change, **fields: Any) -> list[str]:
    return check_document(con, ScenarioDocument("test", tuple(changes), **fields))


def test_a_sensible_document_passes_with_no_warning(tiny_con: duckdb.DuckDBPyConnection) -> None:
    warnings = check(
        tiny_con,
        FloorChange("A-1", use="housing", dwellings=14),
        FloorChange("A-0", status="vacant"),
        BuildingChange("A", "keep"),
        new(),
        ParkingLotChange("L1", 0),
        GreenChange(lot_id="L2"),
        GreenChange(plot_id="P1", phase=2030),
    )
    assert warnings == []


def test_the_empty_document_passes(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert check(tiny_con) == []


def test_touching_a_protected_building_warns_once_naming_each_change(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    assert check(tiny_con, FloorChange("B-0", occupant="Autre club")) == [
        "building B is protected in the local plan (PLU): changes[0] touches it"
    ]
    assert check(tiny_con, FloorChange("A-1", use="office"), BuildingChange("B", "demolish")) == [
        "building B is protected in the local plan (PLU): changes[1] touches it"
    ]
    both = ScenarioDocument("x", (FloorChange("B-0", occupant="X"), FloorChange("A-1", use="office"),
                                  BuildingChange("B", "demolish", phase=2040)))  # fmt: skip
    assert warnings(tiny_con, both) == [ProtectedTouched("B", ("changes[0]", "changes[2]"))]
    assert check_document(tiny_con, both) == [
        "building B is protected in the local plan (PLU): changes[0], changes[2] touch it"
    ]
    assert check(tiny_con, BuildingChange("B", "keep")) == []


def refused(con: duckdb.DuckDBPyConnection, *changes: Change, **fields: Any) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        check(con, *changes, **fields)
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ((FloorChange("Z-9", use="office"),), "changes[0].floor_id", "unknown floor 'Z-9'"),
        ((BuildingChange("Z", "demolish"),), "changes[0].building_id", "unknown building 'Z'"),
        ((ParkingLotChange("L9", 3),), "changes[0].lot_id", "unknown parking lot 'L9'"),
        ((GreenChange(plot_id="P9"),), "changes[0].plot_id", "unknown biodiversity plot 'P9'"),
        ((GreenChange(lot_id="L9"),), "changes[0].lot_id", "unknown parking lot 'L9'"),
        ((GreenChange(),), "changes[0]", "exactly one of plot_id, lot_id"),
        ((FloorChange("A-1", use="chateau"),), "changes[0].use", "unknown use 'chateau'"),
        ((FloorChange("A-1", status="busy"),), "changes[0].status", "unknown status 'busy'"),
        ((FloorChange("A-1", use="office", status="vacant"),), "changes[0].status", "a vacant floor has"),
        ((FloorChange("A-1", status="occupied"),), "changes[0].use", "needs a use other than vacant"),
        ((FloorChange("A-0", use="vacant", status="occupied"),), "changes[0].use", "needs a use"),
        ((ParkingLotChange("L1", -1),), "changes[0].capacity", "at least 0"),
        ((FloorChange("A-1", use="office", phase=1999),), "changes[0].phase", "from 2000 to 2200"),
        ((FloorChange("A-1", use="office"), FloorChange("A-1", status="vacant")), "changes[1].floor_id",
         "floor A-1 is already changed by changes[0]"),
        ((BuildingChange("A", "keep"), BuildingChange("A", "demolish")), "changes[1].building_id", "already"),
        ((ParkingLotChange("L1", 5), GreenChange(lot_id="L1")), "changes[1].lot_id", "already changed"),
        ((GreenChange(plot_id="P1"), GreenChange(plot_id="P1")), "changes[1].plot_id", "already changed"),
        ((new("N"), new("N", box=(300, 300, 320, 320))), "changes[1].id", "building N is already changed"),
        ((new("A"),), "changes[0].id", "taken by a baseline building"),
        ((BuildingChange("A", "demolish"), FloorChange("A-0", use="housing")), "changes[1].floor_id",
         "its building A is demolished by then"),
    ],
)  # fmt: skip
def test_impossible_changes_are_refused_naming_the_field(
    tiny_con: duckdb.DuckDBPyConnection, changes: tuple[Change, ...], field: str, words: str
) -> None:
    error = refused(tiny_con, *changes)
    assert error.field == field
    assert words in str(error)


def test_more_dwellings_than_the_floor_area_allows_are_refused(tiny_con: duckdb.DuckDBPyConnection) -> None:
    # A-1 has 1000 m²; a dwelling needs at least 9 m² (min_m2_per_dwelling): 111 fit, 112 do not.
    assert check(tiny_con, FloorChange("A-1", use="housing", dwellings=111)) == []
    error = refused(tiny_con, FloorChange("A-1", use="housing", dwellings=112))
    assert error.field == "changes[0].dwellings" and "at most 111" in str(error)
    # With the minimum raised to 20 m², 50 fit and 51 do not.
    error = refused(
        tiny_con, FloorChange("A-1", use="housing", dwellings=51), ratios={"min_m2_per_dwelling": 20}
    )
    assert "at most 50" in str(error)
    assert refused(tiny_con, FloorChange("A-0", dwellings=3)).field == "changes[0].dwellings"  # offices
    # A new building's floor has its footprint's area: 40 × 30 m = 1200 m², so 133 fit (1200 / 9), 134 do not.
    floors = (NewFloor("housing", dwellings=134), NewFloor("office"))
    building = NewBuilding("N", "N", footprint(200, 200, 240, 230), 7.0, floors)
    assert refused(tiny_con, building).field == "changes[0].floors[0].dwellings"
    fitting = NewBuilding("N", "N", footprint(200, 200, 240, 230), 7.0, (NewFloor("housing", dwellings=133),))
    assert check(tiny_con, fitting) == []


def test_ratio_overrides_are_checked(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert refused(tiny_con, ratios={"bananas": 1.0}).field == "ratios.bananas"
    assert refused(tiny_con, ratios={"m2_per_dwelling": float("inf")}).field == "ratios.m2_per_dwelling"
    assert refused(tiny_con, ratios={"m2_per_dwelling": 8.0}).field == "ratios.m2_per_dwelling"


@pytest.mark.parametrize(
    ("building", "field", "words"),
    [
        (new(box=(600, 0, 640, 30)), "changes[0].geometry", "not inside the study area"),
        (new(box=(480, 0, 520, 30)), "changes[0].geometry", "not inside the study area"),
        (new(box=(40, 10, 80, 40)), "changes[0].geometry", "covers 100 m² of building A"),
        (new(height=600.0), "changes[0].height_m", "at most 500"),
        (new(height=3.0), "changes[0].height_m", "1.0 m per storey"),
        (new(height=100.0), "changes[0].height_m", "33.3 m per storey"),
        (new(uses=("chateau",)), "changes[0].floors[0].use", "unknown use"),
        (
            NewBuilding(
                "N",
                "N",
                {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [7.3225, 47.753],
                            [7.3226, 47.7531],
                            [7.3226, 47.753],
                            [7.3225, 47.7531],
                            [7.3225, 47.753],
                        ]
                    ],
                },
                5.0,
                (NewFloor("office"),),
            ),
            "changes[0].geometry",
            "invalid polygon: Self-intersection",
        ),
        (
            NewBuilding(
                "N", "N", {"type": "Point", "coordinates": [7.3225, 47.753]}, 5.0, (NewFloor("office"),)
            ),
            "changes[0].geometry",
            "expected a non-empty GeoJSON Polygon",
        ),
        (
            NewBuilding("N", "N", {"kind": "nothing"}, 5.0, (NewFloor("office"),)),
            "changes[0].geometry",
            "not a GeoJSON Polygon",
        ),
        (
            NewBuilding("N", "N", footprint(200, 200, 240, 230), 5.0, ()),
            "changes[0].floors",
            "1 to 200 floors",
        ),
    ],
)
def test_impossible_new_volumes_are_refused(
    tiny_con: duckdb.DuckDBPyConnection, building: NewBuilding, field: str, words: str
) -> None:
    error = refused(tiny_con, building)
    assert error.field == field
    assert words in str(error)


def test_a_floor_may_change_before_its_building_is_demolished_not_after(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    assert (
        check(tiny_con, BuildingChange("A", "demolish", phase=2030), FloorChange("A-1", use="workshop")) == []
    )
    early = FloorChange("A-1", use="workshop", phase=2029)
    assert check(tiny_con, BuildingChange("A", "demolish", phase=2030), early) == []
    late = FloorChange("A-1", use="workshop", phase=2030)
    error = refused(tiny_con, BuildingChange("A", "demolish", phase=2030), late)
    assert error.field == "changes[1].floor_id" and "demolished by then" in str(error)


def test_a_new_volume_may_replace_a_building_demolished_no_later(tiny_con: duckdb.DuckDBPyConnection) -> None:
    over_a = new(box=(0, 0, 50, 20))
    assert check(tiny_con, BuildingChange("A", "demolish"), over_a) == []
    assert (
        check(tiny_con, BuildingChange("A", "demolish", phase=2030), new(box=(0, 0, 50, 20), phase=2031))
        == []
    )
    later = refused(
        tiny_con, BuildingChange("A", "demolish", phase=2032), new(box=(0, 0, 50, 20), phase=2031)
    )
    assert "building A, which stands" in str(later)
    assert "building A" in str(refused(tiny_con, BuildingChange("A", "keep"), over_a))


def test_a_new_volume_may_touch_a_building_but_not_overlap_another_new_one(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    assert check(tiny_con, new(box=(50, 0, 80, 20))) == []  # wall to wall with A
    error = refused(tiny_con, new("N1"), new("N2", box=(230, 220, 260, 250)))
    assert error.field == "changes[1].geometry" and "overlaps new building N1" in str(error)


def test_a_parsed_document_is_checked_the_same_way(tiny_con: duckdb.DuckDBPyConnection) -> None:
    document = parse_document(
        {"name": "x", "changes": [{"kind": "floor", "floor_id": "Q-1", "use": "retail"}]}
    )
    with pytest.raises(ScenarioError, match=r"^changes\[0\]\.floor_id: unknown floor 'Q-1'$"):
        check_document(tiny_con, document)


def test_the_check_leaves_no_relation_behind(tiny_con: duckdb.DuckDBPyConnection) -> None:
    check(tiny_con, FloorChange("A-1", use="office"), GreenChange(plot_id="P1"))
    sql = "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()"
    names = {row[0] for row in tiny_con.execute(sql).fetchall()}
    assert "wanted_ids" not in names
