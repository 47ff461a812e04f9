"""'Ce bâtiment a changé': the buildings a scenario version changes (pure diff over the tiny catalog) and the
first published version after a contribution that changed its building (scenarios saved in a real SQLite
store, their times the store's own)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from geodata.scenario import BuildingChange, FloorChange, ScenarioDocument, document_json
from geodata.scenario_diff import changed_buildings, floor_buildings
from layers.building_changed import Subject, VersionChange, building_changed, first_change_after
from store.accounts import Account, add_user
from store.database import Store, default_url, open_store
from store.scenarios import create_scenario, publish, save_version

FLOORS = {"A-0": "A", "A-1": "A", "B-0": "B"}  # tinydata's floors, written out by hand


def _doc(*changes: FloorChange | BuildingChange) -> ScenarioDocument:
    return ScenarioDocument("École", tuple(changes))


def test_the_catalog_maps_floors_to_their_buildings(tiny_con: duckdb.DuckDBPyConnection) -> None:
    assert floor_buildings(tiny_con, ["A-1", "B-0", "Z-9"]) == {"A-1": "A", "B-0": "B"}
    assert floor_buildings(tiny_con, []) == {}


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, _doc(FloorChange("A-0", use="school")), {"A"}),
        (_doc(FloorChange("A-0", use="school")), _doc(FloorChange("A-0", use="school")), set()),
        (_doc(FloorChange("A-0", use="school")), _doc(FloorChange("A-0", use="housing")), {"A"}),
        (
            _doc(FloorChange("A-0", use="school")),
            _doc(FloorChange("A-0", use="school"), FloorChange("B-0", status="vacant")),
            {"B"},
        ),
        (_doc(FloorChange("A-1", use="school")), _doc(), {"A"}),  # a change undone is a change
        (_doc(), _doc(BuildingChange("B", "demolish")), {"B"}),
    ],
)
def test_changed_buildings(
    before: ScenarioDocument | None, after: ScenarioDocument, expected: set[str]
) -> None:
    assert changed_buildings(before, after, FLOORS) == expected


def test_a_renamed_document_changes_no_building() -> None:
    before = _doc(FloorChange("A-0", use="school"))
    after = ScenarioDocument("École (v2)", before.changes, description="renamed")
    assert changed_buildings(before, after, FLOORS) == frozenset()


def _at(minutes: int) -> datetime:
    return datetime(2026, 5, 1, 10, tzinfo=UTC) + timedelta(minutes=minutes)


def test_first_change_after_picks_the_oldest_later_version_of_that_building() -> None:
    changes = [
        VersionChange("s", "École", 1, _at(0), frozenset({"A"})),
        VersionChange("s", "École", 2, _at(10), frozenset({"B"})),
        VersionChange("t", "Parc", 1, _at(20), frozenset({"A", "B"})),
        VersionChange("s", "École", 3, _at(30), frozenset({"A"})),
    ]
    assert first_change_after(changes, "A", _at(5)) == changes[2]
    assert first_change_after(changes, "A", _at(25)) == changes[3]
    assert first_change_after(changes, "A", _at(30)) is None  # not after: at the same moment
    assert first_change_after(changes, "C", _at(0)) is None
    assert first_change_after(changes, None, _at(0)) is None
    # A naive time is UTC, as the store writes it.
    assert first_change_after(changes, "B", datetime(2026, 5, 1, 10, 5)) == changes[1]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return open_store(default_url(tmp_path))


@pytest.fixture()
def planner(store: Store) -> Account:
    return add_user(store, "paula", "planner", "correct horse battery")


def _save(store: Store, scenario_id: str, number: int, author: Account, *changes: FloorChange) -> None:
    save_version(store, scenario_id, document_json(_doc(*changes)), author, number - 1, f"v{number}")


def test_a_later_published_version_that_changes_the_floor_s_building(
    store: Store, planner: Account, tiny_con: duckdb.DuckDBPyConnection
) -> None:
    school = _doc(FloorChange("A-0", use="school"))
    scenario_id, _ = create_scenario(store, document_json(school), planner, "v1")
    publish(store, scenario_id)
    before_v2 = datetime.now(UTC)
    housing_b = FloorChange("B-0", use="housing")
    _save(store, scenario_id, 2, planner, FloorChange("A-0", use="school"), housing_b)
    _save(store, scenario_id, 3, planner, FloorChange("A-0", use="housing"), housing_b)
    about_floor_a1 = Subject(None, "A-1", before_v2)  # a floor of A: A changed in version 3, not 2
    about_b = Subject("B", None, before_v2)
    on_the_ground = Subject(None, None, before_v2)
    after_all = Subject("A", None, datetime.now(UTC) + timedelta(seconds=1))
    found = building_changed(store, tiny_con, [about_floor_a1, about_b, on_the_ground, after_all])
    assert [(c.scenario_id, c.scenario_name, c.version) if c else None for c in found] == [
        (scenario_id, "École", 3),
        (scenario_id, "École", 2),
        None,
        None,
    ]


def test_an_unpublished_scenario_tells_nothing(
    store: Store, planner: Account, tiny_con: duckdb.DuckDBPyConnection
) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    create_scenario(store, document_json(_doc(FloorChange("A-0", use="school"))), planner, "draft")
    assert building_changed(store, tiny_con, [Subject("A", None, before)]) == [None]


def test_a_change_links_to_its_version_beside_the_one_before() -> None:
    def change(version: int) -> VersionChange:
        return VersionChange("s1", "École", version, datetime(2026, 12, 1, tzinfo=UTC), frozenset({"62"}))

    assert change(3).link_params() == {"scenario": "s1", "version": 3, "compare": "s1@2"}
    assert change(1).link_params() == {"scenario": "s1", "version": 1, "compare": "baseline"}
