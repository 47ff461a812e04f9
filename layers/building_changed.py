"""The line "ce bâtiment a changé dans la version 4 du scénario École": for a contribution about a
building (or a floor of it), the first published scenario version made after the contribution that changed
that building compared with the scenario's previous version (geodata/scenario_diff.py). Shared by the
public page (api/) and the map (callbacks/), which is why it lives here and not in either of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from geodata.scenario import ScenarioDocument, ScenarioError, parse_document
from geodata.scenario_diff import FloorBuildings, changed_buildings, floor_buildings, floor_ids
from store import scenarios
from store.database import Store


@dataclass(frozen=True)
class VersionChange:
    """One published version and the buildings it changed compared with the version before it."""

    scenario_id: str
    scenario_name: str
    version: int
    created_at: datetime  # aware, UTC
    buildings: frozenset[str]

    def link_params(self) -> dict[str, str | int]:
        """The map's parameters showing this version beside the one before it, where what changed is
        highlighted."""
        before = f"{self.scenario_id}@{self.version - 1}" if self.version > 1 else "baseline"
        return {"scenario": self.scenario_id, "version": self.version, "compare": before}


@dataclass(frozen=True)
class Subject:
    """What a contribution is about, as this module needs it."""

    building_id: str | None
    floor_id: str | None
    created_at: datetime


def utc(moment: datetime) -> datetime:
    """An aware UTC time (a naive one is taken as UTC, as the store writes them)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _document(data: object) -> ScenarioDocument | None:
    try:
        return parse_document(data)
    except ScenarioError:  # a stored document that no longer reads: it changed nothing we can tell
        return None


def _scenario_changes(store: Store, con: duckdb.DuckDBPyConnection, scenario_id: str) -> list[VersionChange]:
    versions = scenarios.history(store, scenario_id)
    documents = [_document(version.document) for version in versions]
    buildings_of = floor_buildings(con, floor_ids(*documents))
    changes, before = [], None
    for version, document in zip(versions, documents, strict=True):
        if document is not None:
            changed = changed_buildings(before, document, buildings_of)
            name = document.name
            changes.append(VersionChange(scenario_id, name, version.number, utc(version.created_at), changed))
            before = document
    return changes


def published_changes(store: Store, con: duckdb.DuckDBPyConnection) -> list[VersionChange]:
    """Every version of every published scenario with the buildings it changed, oldest first."""
    published = scenarios.list_scenarios(store, None)  # anonymous: published scenarios only
    changes = [change for s in published for change in _scenario_changes(store, con, s.id)]
    return sorted(changes, key=lambda change: (change.created_at, change.scenario_id, change.version))


def building_of(subject: Subject, buildings_of: FloorBuildings) -> str | None:
    if subject.building_id is not None:
        return subject.building_id
    if subject.floor_id is not None:
        return buildings_of.get(subject.floor_id)
    return None  # a point on the ground


def first_change_after(
    changes: Sequence[VersionChange], building_id: str | None, after: datetime
) -> VersionChange | None:
    """The first of `changes` (oldest first) made after `after` that changed `building_id`."""
    if building_id is None:
        return None
    moment = utc(after)
    return next((c for c in changes if c.created_at > moment and building_id in c.buildings), None)


def building_changed(
    store: Store, con: duckdb.DuckDBPyConnection, subjects: Sequence[Subject]
) -> list[VersionChange | None]:
    """For each subject, the first published version after it that changed its building, or None. The
    published histories are read once for all of them."""
    if not subjects:
        return []
    changes = published_changes(store, con)
    buildings_of = floor_buildings(con, {s.floor_id for s in subjects if s.floor_id is not None})
    return [first_change_after(changes, building_of(s, buildings_of), s.created_at) for s in subjects]
