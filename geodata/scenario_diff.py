"""Which buildings one scenario document changes compared with another (e.g. a version and the one before
it): what tells a citizen "ce bâtiment a changé dans la version 4 du scénario École".

A building's part of a document is the list of its changes in the document's order: the changes of its
floors (mapped to the building through the catalog), its own building changes, or the whole new building.
A building changed when that list differs between the two documents; re-saving the same changes is no change.
Parking and green changes belong to no building.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import duckdb

from geodata.scenario import FloorChange, ScenarioDocument, document_json

FloorBuildings = Mapping[str, str]  # floor id -> building id


def floor_ids(*documents: ScenarioDocument | None) -> set[str]:
    """Every floor a document's floor changes name."""
    return {
        change.floor_id
        for document in documents
        if document is not None
        for change in document.changes
        if isinstance(change, FloorChange)
    }


def floor_buildings(con: duckdb.DuckDBPyConnection, floors: Iterable[str]) -> dict[str, str]:
    """The building of each of `floors` that the catalog knows (a parameter, never SQL text)."""
    wanted = sorted(set(floors))
    if not wanted:
        return {}
    rows = con.sql(
        "SELECT floor_id, building_id FROM floors WHERE list_contains($floors, floor_id)",
        params={"floors": wanted},
    ).fetchall()
    return {str(floor): str(building) for floor, building in rows}


def building_parts(document: ScenarioDocument | None, buildings_of: FloorBuildings) -> dict[str, list[str]]:
    """Per building, its changes in the document as canonical JSON texts, in the document's order."""
    if document is None:
        return {}
    parts: dict[str, list[str]] = {}
    for change in document_json(document).get("changes", []):
        building = _building_of(change, buildings_of)
        if building is not None:
            parts.setdefault(building, []).append(json.dumps(change, sort_keys=True, ensure_ascii=False))
    return parts


def _building_of(change: Mapping[str, object], buildings_of: FloorBuildings) -> str | None:
    kind = change.get("kind")
    if kind == "floor":
        return buildings_of.get(str(change["floor_id"]))
    if kind == "building":
        return str(change["building_id"])
    if kind == "new_building":
        return str(change["id"])
    return None  # parking lots and green ground


def changed_buildings(
    before: ScenarioDocument | None, after: ScenarioDocument, buildings_of: FloorBuildings
) -> frozenset[str]:
    """The buildings whose changes differ between `before` (None: the baseline, no change at all) and
    `after`."""
    old, new = building_parts(before, buildings_of), building_parts(after, buildings_of)
    return frozenset(b for b in old.keys() | new.keys() if old.get(b) != new.get(b))
