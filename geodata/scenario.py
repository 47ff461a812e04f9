"""A redevelopment scenario: a named list of changes on top of the read-only baseline (copy-on-write).

This module is the document model shared by the store (which keeps each version's document as JSON), the
indicators (geodata.indicators, which hand the changes to DuckDB as relations), the map and the API.
The JSON form is described by docs/scenario.schema.json; `parse_document` turns checked JSON into these
classes, `document_json` turns them back (export, API, storage). `check_document` (geodata.scenario_check)
checks a document against the baseline data.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import duckdb
import jsonschema

from geodata.errors import ScenarioError as ScenarioError
from geodata.ratios import ratios_with

BuildingAction = Literal["demolish", "keep"]
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "scenario.schema.json"
MAX_DOCUMENT_ERRORS = 1  # one clear line: the first problem, as the schema's best match names it


@dataclass(frozen=True)
class FloorChange:
    floor_id: str
    use: str | None = None
    status: str | None = None  # "occupied" | "vacant"
    occupant: str | None = None  # "" removes the occupant; None leaves it as it is
    phase: int | None = None
    dwellings: int | None = None  # the planner's count for a housing floor; None: estimated from the area


@dataclass(frozen=True)
class BuildingChange:
    building_id: str
    action: BuildingAction
    phase: int | None = None


@dataclass(frozen=True)
class NewFloor:
    use: str
    status: str = "occupied"
    dwellings: int | None = None


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


# --- JSON -> document -------------------------------------------------------------------------------------


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    """The schema's validator, built once per process (read-only afterwards)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return cast(jsonschema.protocols.Validator, validator_class(schema))


def parse_document(data: object) -> ScenarioDocument:
    """A document from its JSON form (a dict, or JSON text); ScenarioError naming the first bad field."""
    if isinstance(data, str | bytes):
        data = _loads(data)
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        raise ScenarioError(_error_path(error), _error_reason(error))
    document = cast(dict[str, Any], data)
    ratios = {name: float(value) for name, value in document.get("ratios", {}).items()}
    ratios_with(ratios)  # unknown names, zero divisors: refused here too, with the field named
    return ScenarioDocument(
        name=document["name"],
        changes=tuple(_change(change, f"changes[{i}]") for i, change in enumerate(document["changes"])),
        description=document.get("description", ""),
        based_on=document.get("based_on"),
        ratios=ratios,
    )


def _loads(text: str | bytes) -> object:
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:  # JSONDecodeError and bad UTF-8 are ValueErrors
        raise ScenarioError("", f"not valid JSON: {str(error).splitlines()[0]}") from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _error_path(error: jsonschema.exceptions.ValidationError) -> str:
    parts = list(error.absolute_path)
    if error.validator == "required":  # the message names the missing field: point at it
        missing = [name for name in error.validator_value if name not in error.instance]
        parts += missing[:1]
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        parts += [name for name in error.instance if name not in allowed][:1]
    return _json_path(parts)


def _json_path(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _error_reason(error: jsonschema.exceptions.ValidationError) -> str:
    reasons: dict[str, Callable[[jsonschema.exceptions.ValidationError], str]] = {
        "required": lambda e: "required",
        "additionalProperties": lambda e: "unknown field",
        "enum": lambda e: f"{e.instance!r} is not one of {', '.join(map(str, e.validator_value))}",
        "anyOf": lambda e: "give at least one of use, status, occupant, dwellings",
        "oneOf": lambda e: "give exactly one of plot_id, lot_id",
        "const": lambda e: f"expected {e.validator_value!r}",
        "type": lambda e: f"expected {_a(e.validator_value)}, got {_json_type(e.instance)}",
        "pattern": lambda e: (
            "must not be blank"
            if e.validator_value == r"\S"
            else f"{e.instance!r} does not match {e.validator_value}"
        ),
        "minItems": lambda e: f"expected at least {e.validator_value} items, got {len(e.instance)}",
        "maxItems": lambda e: f"expected at most {e.validator_value} items, got {len(e.instance)}",
        "minLength": lambda e: "must not be empty",
        "maxLength": lambda e: f"expected at most {e.validator_value} characters, got {len(e.instance)}",
    }
    explain = reasons.get(str(error.validator))
    message = explain(error) if explain else error.message
    return message.splitlines()[0][:300]


def _a(kind: object) -> str:
    names = {"object": "a JSON object", "array": "a list", "string": "text", "integer": "a whole number"}
    return names.get(str(kind), f"a {kind}")


def _json_type(value: object) -> str:
    names = {type(None): "null", bool: "true/false", dict: "an object", list: "a list", str: "text"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _change(data: Mapping[str, Any], where: str) -> Change:
    kind = data["kind"]
    phase = data.get("phase")
    if kind == "floor":
        return FloorChange(
            data["floor_id"],
            data.get("use"),
            data.get("status"),
            data.get("occupant"),
            phase,
            data.get("dwellings"),
        )
    if kind == "building":
        return BuildingChange(data["building_id"], data["action"], phase)
    if kind == "new_building":
        return _new_building(data, where)
    if kind == "parking_lot":
        return ParkingLotChange(data["lot_id"], int(data["capacity"]), phase)
    return GreenChange(data.get("plot_id"), data.get("lot_id"), phase)


def _new_building(data: Mapping[str, Any], where: str) -> NewBuilding:
    height = float(data["height_m"])
    if not math.isfinite(height):
        raise ScenarioError(f"{where}.height_m", "expected a finite number")
    floors = tuple(
        NewFloor(
            floor["use"],
            floor.get("status", "vacant" if floor["use"] == "vacant" else "occupied"),
            floor.get("dwellings"),
        )
        for floor in data["floors"]
    )
    geometry = _polygon(data["geometry"], f"{where}.geometry")
    return NewBuilding(data["id"], data["name"], geometry, height, floors, data.get("phase"))


def _polygon(data: Mapping[str, Any], where: str) -> dict[str, object]:
    """The polygon with float coordinates (any altitude dropped): what the twin stores and exports."""
    rings = [[[float(x), float(y)] for x, y, *_ in ring] for ring in data["coordinates"]]
    if not all(math.isfinite(value) for ring in rings for position in ring for value in position):
        raise ScenarioError(f"{where}.coordinates", "expected finite numbers")
    return {"type": "Polygon", "coordinates": rings}


# --- document -> JSON -------------------------------------------------------------------------------------


def document_json(document: ScenarioDocument) -> dict[str, Any]:
    """The JSON form of a document (what parse_document reads back to an equal document)."""
    data: dict[str, Any] = {"name": document.name}
    if document.description:
        data["description"] = document.description
    if document.based_on is not None:
        data["based_on"] = document.based_on
    if document.ratios:
        data["ratios"] = dict(document.ratios)
    data["changes"] = [_change_json(change) for change in document.changes]
    return data


def _change_json(change: Change) -> dict[str, Any]:
    if isinstance(change, FloorChange):
        fields = {"floor_id": change.floor_id, "use": change.use, "status": change.status,
                  "occupant": change.occupant, "dwellings": change.dwellings}  # fmt: skip
        return _present({"kind": "floor", **fields, "phase": change.phase})
    if isinstance(change, BuildingChange):
        return _present({"kind": "building", "building_id": change.building_id, "action": change.action,
                         "phase": change.phase})  # fmt: skip
    if isinstance(change, NewBuilding):
        return _new_building_json(change)
    if isinstance(change, ParkingLotChange):
        return _present({"kind": "parking_lot", "lot_id": change.lot_id, "capacity": change.capacity,
                         "phase": change.phase})  # fmt: skip
    return _present(
        {"kind": "green", "plot_id": change.plot_id, "lot_id": change.lot_id, "phase": change.phase}
    )


def _new_building_json(change: NewBuilding) -> dict[str, Any]:
    floors = [
        _present({"use": floor.use, "status": floor.status, "dwellings": floor.dwellings})
        for floor in change.floors
    ]
    return _present(
        {
            "kind": "new_building",
            "id": change.id,
            "name": change.name,
            "geometry": json.loads(json.dumps(change.geometry)),  # a deep copy: the caller may edit it
            "height_m": change.height_m,
            "floors": floors,
            "phase": change.phase,
        }
    )


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """Without the fields left unset (None): absent from the JSON means unchanged / default."""
    return {name: value for name, value in data.items() if value is not None}


# --- against the baseline ---------------------------------------------------------------------------------


def check_document(con: duckdb.DuckDBPyConnection, document: ScenarioDocument) -> list[str]:
    """Checks the document against the baseline tables: ScenarioError on the first impossible change, else
    the warnings (plain English, one line each; e.g. a protected building touched). For a translated
    message, geodata.scenario_check.warnings gives them as data (ProtectedTouched: building id, changes)."""
    from geodata.scenario_check import check  # here: scenario_check imports this module

    return check(con, document)
