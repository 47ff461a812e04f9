"""The app as `python app.py` serves it, plus one fixed scenario the browser tests can open before the
scenario store is wired in: the app takes its scenario resolver as a create_app argument, and this test
server passes one. Run as `python -m tests.browser.scenario_server` (same TWIN_* settings as app.py)."""

from __future__ import annotations

from api.security import AnonymousRequestHandler
from app import _settings, create_app, load_catalog
from geodata.scenario import BuildingChange, FloorChange, NewBuilding, NewFloor, ScenarioDocument

SCENARIO_ID, VERSION = "ecole62", 2
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


def resolve(text: str) -> ScenarioDocument | None:
    return DOCUMENT if text in (f"{SCENARIO_ID}@1", f"{SCENARIO_ID}@{VERSION}") else None


def latest_version(scenario_id: str) -> int | None:
    return VERSION if scenario_id == SCENARIO_ID else None


def main() -> None:
    settings = _settings()
    app = create_app(load_catalog(settings), settings, resolve, latest_version)
    app.run(host=settings.host, port=settings.port, debug=False, request_handler=AnonymousRequestHandler)


if __name__ == "__main__":
    main()
