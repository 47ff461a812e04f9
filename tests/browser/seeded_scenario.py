"""A published scenario in a real store, for the browser tests: "École 62" (two versions), written with the
store's own functions into a state directory before the app is started on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geodata.scenario import (
    BuildingChange,
    FloorChange,
    NewBuilding,
    NewFloor,
    ScenarioDocument,
    document_json,
)
from store.accounts import add_user
from store.database import default_url, open_store
from store.scenarios import create_scenario, publish, save_version

VERSION = 2
# Bâtiment 62's four vacant floors become a school and housing; hall 48 is demolished; a housing block is
# built on free ground north of 62 (a rectangle drawn clear of every sample building).
NEW_BLOCK = [[7.3215, 47.7547], [7.3221, 47.7547], [7.3221, 47.75495], [7.3215, 47.75495], [7.3215, 47.7547]]
DOCUMENT = ScenarioDocument(
    "École 62",
    (
        FloorChange("62-0", use="school", status="occupied", occupant="Collège DMC"),
        FloorChange("62-1", use="school", status="occupied", occupant="Collège DMC"),
        FloorChange("62-2", use="housing", status="occupied"),
        FloorChange("62-3", use="housing", status="occupied"),
        BuildingChange("48", "demolish"),
        NewBuilding("N1", "Îlot nord", {"type": "Polygon", "coordinates": [NEW_BLOCK]}, 15.0,
                    (NewFloor("retail"), NewFloor("housing"), NewFloor("housing"), NewFloor("housing"))),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class ScenarioApp:
    url: str
    scenario_id: str


def seed(state_dir: Path) -> str:
    """The scenario's id, after writing it (versions 1 and 2, published) into the store in `state_dir`."""
    store = open_store(default_url(state_dir))
    author = add_user(store, "paula", "planner", "correct horse battery")
    first = document_json(ScenarioDocument(DOCUMENT.name, DOCUMENT.changes[:2]))
    scenario_id, _ = create_scenario(store, first, author, "premiers niveaux")
    save_version(store, scenario_id, document_json(DOCUMENT), author, 1, "tout le programme")
    publish(store, scenario_id)
    store.engine.dispose()
    return scenario_id
