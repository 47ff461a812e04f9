"""The scenario document: JSON Schema, parse_document and its inverse document_json (round trip)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.ratios import RATIOS
from geodata.scenario import (
    SCHEMA_FILE,
    BuildingChange,
    FloorChange,
    GreenChange,
    NewBuilding,
    NewFloor,
    ParkingLotChange,
    ScenarioDocument,
    ScenarioError,
    document_json,
    parse_document,
)
from geodata.schema import FLOOR_STATUSES
from geodata.uses import USES

SQUARE = {"type": "Polygon", "coordinates": [[[7.32, 47.75], [7.321, 47.75], [7.321, 47.751], [7.32, 47.75]]]}


def _schema() -> dict[str, Any]:
    return dict(json.loads(Path(SCHEMA_FILE).read_text(encoding="utf-8")))


def test_the_schema_is_valid_draft_2020_12_and_describes_every_field() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    undescribed = [
        path for path, node in _properties(schema, "") if "description" not in node and "$ref" not in node
    ]
    assert undescribed == []


def _properties(node: object, path: str) -> list[tuple[str, dict[str, Any]]]:
    """Every (path, schema) under a "properties" keyword, however deep."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            if name != "kind":  # "kind" is described once, in $defs/change
                found.append((f"{path}.{name}", child))
        for key, child in node.items():
            found += _properties(child, f"{path}.{key}")
    elif isinstance(node, list):
        for child in node:
            found += _properties(child, path)
    return found


def test_the_schema_lists_exactly_the_use_codes_and_statuses() -> None:
    defs = _schema()["$defs"]
    assert tuple(defs["use"]["enum"]) == USES
    assert tuple(defs["status"]["enum"]) == FLOOR_STATUSES


def test_a_full_document_parses_into_the_classes() -> None:
    data = {
        "name": "École 62",
        "description": "Un collège dans le bâtiment 62",
        "based_on": "baseline",
        "ratios": {"m2_per_dwelling": 60},
        "changes": [
            {"kind": "floor", "floor_id": "62-0", "use": "school", "occupant": "Collège", "phase": 2028},
            {"kind": "floor", "floor_id": "62-1", "status": "vacant"},
            {"kind": "floor", "floor_id": "62-2", "use": "housing", "dwellings": 40},
            {"kind": "building", "building_id": "117", "action": "demolish"},
            {"kind": "new_building", "id": "N1", "name": "Halle neuve", "geometry": SQUARE, "height_m": 9,
             "floors": [{"use": "retail"}, {"use": "vacant"}, {"use": "housing", "status": "vacant"}]},
            {"kind": "parking_lot", "lot_id": "P1", "capacity": 40},
            {"kind": "green", "plot_id": "BIO1", "phase": 2030},
            {"kind": "green", "lot_id": "P2"},
        ],
    }  # fmt: skip
    document = parse_document(data)
    assert document.name == "École 62" and document.based_on == "baseline"
    assert document.ratios == {"m2_per_dwelling": 60.0}
    assert document.changes[:4] == (
        FloorChange("62-0", use="school", occupant="Collège", phase=2028),
        FloorChange("62-1", status="vacant"),
        FloorChange("62-2", use="housing", dwellings=40),
        BuildingChange("117", "demolish"),
    )
    new = document.changes[4]
    assert isinstance(new, NewBuilding) and new.height_m == 9.0 and isinstance(new.height_m, float)
    # A floor's status defaults from its use; a given status is kept (the check refuses the mismatch).
    assert new.floors == (
        NewFloor("retail", "occupied"),
        NewFloor("vacant", "vacant"),
        NewFloor("housing", "vacant"),
    )
    assert document.changes[5:] == (
        ParkingLotChange("P1", 40),
        GreenChange(plot_id="BIO1", phase=2030),
        GreenChange(lot_id="P2"),
    )


def test_json_text_is_accepted_too() -> None:
    assert parse_document('{"name": "x", "changes": []}') == ScenarioDocument("x")


def _change(**fields: object) -> dict[str, object]:
    return {"name": "x", "changes": [fields]}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ("{not json", "", "not valid JSON"),
        ('{"name": "x", "changes": [], "ratios": {"m2_per_dwelling": NaN}}', "", "NaN"),
        ([], "", "expected a JSON object, got a list"),
        (
            _change(kind="floor", floor_id="1-0", occupant=None),
            "changes[0].occupant",
            "expected text, got null",
        ),
        ({"changes": []}, "name", "required"),
        ({"name": " ", "changes": []}, "name", "blank"),
        ({"name": "x"}, "changes", "required"),
        ({"name": "x", "changes": [], "colour": "red"}, "colour", "unknown field"),
        (_change(kind="boat"), "changes[0].kind", "'boat' is not one of floor"),
        (_change(kind="floor", floor_id="1-0"), "changes[0]", "at least one of use, status"),
        (
            _change(kind="floor", floor_id="1-0", use="chateau"),
            "changes[0].use",
            "'chateau' is not one of housing",
        ),
        (
            _change(kind="floor", floor_id="1-0", status="busy"),
            "changes[0].status",
            "not one of occupied, vacant",
        ),
        (_change(kind="floor", floor_id="1 0", use="office"), "changes[0].floor_id", "does not match"),
        (_change(kind="floor", floor_id="1-0", use="office", size=3), "changes[0].size", "unknown field"),
        (
            _change(kind="floor", floor_id="1-0", use="housing", dwellings=-1),
            "changes[0].dwellings",
            "minimum",
        ),
        (_change(kind="floor", floor_id="1-0", use="office", phase=1066), "changes[0].phase", "minimum"),
        (
            _change(kind="floor", floor_id="1-0", use="office", phase=2030.5),
            "changes[0].phase",
            "whole number",
        ),
        (_change(kind="building", building_id="62", action="paint"), "changes[0].action", "demolish, keep"),
        (_change(kind="building", action="keep"), "changes[0].building_id", "required"),
        (_change(kind="parking_lot", lot_id="P1", capacity=-5), "changes[0].capacity", "minimum of 0"),
        (_change(kind="parking_lot", lot_id="P1", capacity=True), "changes[0].capacity", "whole number"),
        (_change(kind="green"), "changes[0]", "exactly one of plot_id, lot_id"),
        (_change(kind="green", plot_id="B", lot_id="P"), "changes[0]", "exactly one of plot_id, lot_id"),
        (
            _change(
                kind="new_building", id="N", name="n", height_m=0, floors=[{"use": "office"}], geometry=SQUARE
            ),
            "changes[0].height_m",
            "less than or equal to the minimum of 0",
        ),
        (
            _change(kind="new_building", id="N", name="n", height_m=5, floors=[], geometry=SQUARE),
            "changes[0].floors",
            "at least 1 items",
        ),
        (
            _change(
                kind="new_building",
                id="N",
                name="n",
                height_m=5,
                floors=[{"use": "office"}],
                geometry={"type": "Point", "coordinates": [7.3, 47.7]},
            ),
            "changes[0].geometry.type",
            "'Polygon'",
        ),
        (
            _change(
                kind="new_building",
                id="N",
                name="n",
                height_m=5,
                floors=[{"use": "office"}],
                geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},
            ),
            "changes[0].geometry.coordinates[0]",
            "at least 4 items",
        ),
        (
            _change(
                kind="new_building",
                id="N",
                name="n",
                height_m=5,
                floors=[{"use": "office"}],
                geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 95], [0, 0]]]},
            ),
            "changes[0].geometry.coordinates[0][2][1]",
            "maximum of 90",
        ),
        (
            {"name": "x", "changes": [], "ratios": {"bananas_per_m2": 1}},
            "ratios.bananas_per_m2",
            "unknown ratio",
        ),
        (
            {"name": "x", "changes": [], "ratios": {"m2_per_dwelling": -1}},
            "ratios.m2_per_dwelling",
            "minimum",
        ),
        (
            {"name": "x", "changes": [], "ratios": {"m2_per_dwelling": 0}},
            "ratios.m2_per_dwelling",
            "positive",
        ),
        (
            {"name": "x", "changes": [], "ratios": {"m2_per_dwelling": 5}},
            "ratios.m2_per_dwelling",
            "less than",
        ),
        ({"name": "x", "changes": [], "based_on": "a b"}, "based_on", "does not match"),
    ],
)
def test_a_bad_document_is_refused_with_one_line_naming_the_field(
    data: object, field: str, words: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_document(data)
    assert caught.value.field == field
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert message.startswith(f"{field}: ") if field else True


def test_nan_in_a_python_dict_is_refused_too() -> None:
    bad = _change(kind="new_building", id="N", name="n", height_m=float("nan"), floors=[{"use": "office"}],
                  geometry=SQUARE)  # fmt: skip
    with pytest.raises(ScenarioError, match=r"changes\[0\]\.height_m"):
        parse_document(bad)
    corner = {
        "type": "Polygon",
        "coordinates": [[[float("nan"), 47.75], [7.321, 47.75], [7.321, 47.751], [7.32, 47.75]]],
    }
    with pytest.raises(ScenarioError, match=r"changes\[0\]\.geometry"):
        parse_document(_change(kind="new_building", id="N", name="n", height_m=5, floors=[{"use": "office"}],
                               geometry=corner))  # fmt: skip


def test_document_json_leaves_out_what_is_unset() -> None:
    document = ScenarioDocument("x", (FloorChange("1-0", use="office"), GreenChange(lot_id="P1")))
    assert document_json(document) == {
        "name": "x",
        "changes": [{"kind": "floor", "floor_id": "1-0", "use": "office"}, {"kind": "green", "lot_id": "P1"}],
    }


# --- round trip -------------------------------------------------------------------------------------------

ids = st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True)
phases = st.none() | st.integers(2000, 2200)
uses = st.sampled_from(USES)
texts = st.text(max_size=30)
floor_changes = st.builds(
    FloorChange, ids, uses, st.sampled_from(FLOOR_STATUSES) | st.none(), texts | st.none(), phases,
    st.none() | st.integers(0, 500),
)  # fmt: skip
lon, lat = st.floats(-180, 180), st.floats(-90, 90)
rings = st.lists(st.lists(st.tuples(lon, lat).map(list), min_size=3, max_size=6), min_size=1, max_size=2).map(
    lambda rings: [[*ring, ring[0]] for ring in rings]
)
new_buildings = st.builds(
    NewBuilding,
    ids,
    st.text(min_size=1, max_size=20),
    rings.map(lambda r: {"type": "Polygon", "coordinates": r}),
    st.floats(0.5, 500),
    st.lists(
        st.builds(NewFloor, uses, st.sampled_from(FLOOR_STATUSES), st.none() | st.integers(0, 99)),
        min_size=1,
        max_size=4,
    ).map(tuple),
    phases,
)
changes = st.one_of(
    floor_changes,
    st.builds(BuildingChange, ids, st.sampled_from(("demolish", "keep")), phases),
    new_buildings,
    st.builds(ParkingLotChange, ids, st.integers(0, 5000), phases),
    st.builds(GreenChange, ids, st.none(), phases),
    st.builds(GreenChange, st.none(), ids, phases),
)
ratio_overrides = st.dictionaries(
    st.sampled_from(
        sorted(name for name in RATIOS if name not in ("m2_per_dwelling", "min_m2_per_dwelling"))
    ),
    st.floats(0.5, 1000),
    max_size=4,
)
documents = st.builds(
    ScenarioDocument,
    st.text(min_size=1, max_size=40).filter(str.strip),
    st.lists(changes, max_size=6).map(tuple),
    texts,
    st.none() | st.just("baseline") | ids.filter(lambda i: "." not in i),
    ratio_overrides,
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_parse_document_reads_back_what_document_json_writes(document: ScenarioDocument) -> None:
    data = document_json(document)
    assert parse_document(json.loads(json.dumps(data))) == document
    assert parse_document(data) == document
