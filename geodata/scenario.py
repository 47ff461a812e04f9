"""A redevelopment scenario: a named list of changes on top of the read-only baseline (copy-on-write).

This module is the document model shared by the store (which keeps each version's document as JSON), the
indicators (geodata.indicators, which hand the changes to DuckDB as relations), the map and the API.
The JSON form is described by docs/scenario.schema.json; `parse_document` turns checked JSON into these
classes, `document_json` turns them back (export, API, storage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BuildingAction = Literal["demolish", "keep"]


class ScenarioError(ValueError):
    """A document or a change the twin refuses. `field` names where the problem is, as a JSON path such as
    `changes[3].floor_id`; `str(error)` is one line that names it."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


@dataclass(frozen=True)
class FloorChange:
    floor_id: str
    use: str | None = None
    status: str | None = None  # "occupied" | "vacant"
    occupant: str | None = None
    phase: int | None = None


@dataclass(frozen=True)
class BuildingChange:
    building_id: str
    action: BuildingAction
    phase: int | None = None


@dataclass(frozen=True)
class NewFloor:
    use: str
    status: str = "occupied"


@dataclass(frozen=True)
class NewBuilding:
    id: str
    name: str
    geometry: dict[str, object]  # a GeoJSON Polygon in EPSG:4326, as given
    height_m: float
    floors: tuple[NewFloor, ...]
    phase: int | None = None


@dataclass(frozen=True)
class ParkingLotChange:
    lot_id: str
    capacity: int
    phase: int | None = None


@dataclass(frozen=True)
class GreenChange:
    """A plot or a parking lot turned into de-sealed green ground (exactly one of the two ids)."""

    plot_id: str | None = None
    lot_id: str | None = None
    phase: int | None = None


Change = FloorChange | BuildingChange | NewBuilding | ParkingLotChange | GreenChange


@dataclass(frozen=True)
class ScenarioDocument:
    name: str
    changes: tuple[Change, ...] = ()
    description: str = ""
    based_on: str | None = None  # "baseline" or "<scenario id>" or "<scenario id>@<version>"
    ratios: dict[str, float] = field(default_factory=dict)  # overrides of geodata.ratios, by name
