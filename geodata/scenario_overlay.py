"""What a scenario changes on the map: the floors that differ from the baseline, with their geometry and
heights, for the scenario overlay (layers/scenario.py) and the comparison views.

The document's changes go to DuckDB as Arrow tables registered on a private cursor of the read-only catalog
(no SQL text is ever made from the document); new buildings, which the baseline does not know, are built
here from their GeoJSON footprint. Heights are whole storeys, as the floor slabs of layers/floors.py stack
them: storey = building height / floors count, a floor spans [level × storey, (level + 1) × storey].
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import duckdb
import pyarrow as pa
import shapely
from shapely.geometry import shape

from geodata.geometry import area_m2
from geodata.scenario import BuildingChange, FloorChange, NewBuilding, ScenarioDocument, ScenarioError

T = TypeVar("T")
CHANGE_KINDS = ("use", "status", "new", "demolished")  # a floor's change, in legend order

OVERLAY_SCHEMA = pa.schema(
    [
        ("building_id", pa.string()),
        ("building_name", pa.string()),
        ("floor_id", pa.string()),
        ("level", pa.int32()),
        ("use_before", pa.string()),
        ("use", pa.string()),
        ("status_before", pa.string()),
        ("status", pa.string()),
        ("occupant", pa.string()),
        ("area_m2", pa.float64()),
        ("base_m", pa.float64()),
        ("top_m", pa.float64()),
        ("change", pa.string()),
        ("geometry", pa.binary()),
    ]
)
_FLOOR_CHANGES = pa.schema([("floor_id", pa.string()), ("use", pa.string()), ("status", pa.string()),
                            ("occupant", pa.string()), ("sets_occupant", pa.bool_())])  # fmt: skip
_DEMOLISHED = pa.schema([("building_id", pa.string())])

# Demolition wins over a floor's own change; a floor whose values all equal the baseline is not a change.
_CHANGED_FLOORS = """
WITH changed AS (
    SELECT f.building_id, b.name AS building_name, f.floor_id, f.level::INTEGER AS level,
           f."use" AS use_before, coalesce(c."use", f."use") AS "use",
           f.status AS status_before, coalesce(c.status, f.status) AS status,
           CASE WHEN c.sets_occupant THEN c.occupant ELSE f.occupant END AS occupant,
           f.occupant AS occupant_before, f.area_m2,
           b.height_m / greatest(b.floors_count, 1) AS storey_m,
           d.building_id IS NOT NULL AS demolished, f.geometry
    FROM floors f JOIN buildings b USING (building_id)
    LEFT JOIN scenario_floor_changes c USING (floor_id)
    LEFT JOIN scenario_demolished d USING (building_id)
)
SELECT building_id, building_name, floor_id, level, use_before, "use", status_before, status, occupant,
       area_m2, level * storey_m AS base_m, (level + 1) * storey_m AS top_m,
       CASE WHEN demolished THEN 'demolished'
            WHEN "use" IS DISTINCT FROM use_before THEN 'use'
            ELSE 'status' END AS change,
       geometry
FROM changed
WHERE demolished OR "use" IS DISTINCT FROM use_before OR status IS DISTINCT FROM status_before
   OR occupant IS DISTINCT FROM occupant_before
ORDER BY building_id, level
"""


def scenario_overlay(con: duckdb.DuckDBPyConnection, document: ScenarioDocument) -> pa.Table:
    """Every floor that differs from the baseline (OVERLAY_SCHEMA): changed use or status/occupant,
    floors of demolished buildings, floors of new buildings; baseline floors first, by building and level."""
    cursor = con.cursor()  # registrations stay private to this cursor
    try:
        cursor.register("scenario_floor_changes", floor_changes(document))
        cursor.register("scenario_demolished", demolished(document))
        baseline = cursor.sql(_CHANGED_FLOORS).to_arrow_table()
    finally:
        cursor.close()
    return pa.concat_tables([_conformed(baseline), new_building_floors(document)])


def floor_changes(document: ScenarioDocument) -> pa.Table:
    """One row per changed floor, later changes of the same floor overriding earlier ones field by field
    (the document lists them in the order the planner made them)."""
    merged: dict[str, dict[str, object]] = {}
    for change in _of_type(document, FloorChange):
        values = merged.setdefault(change.floor_id, {"use": None, "status": None, "occupant": None,
                                                     "sets_occupant": False})  # fmt: skip
        values.update({k: v for k, v in (("use", change.use), ("status", change.status)) if v is not None})
        if change.occupant is not None:
            values.update(occupant=change.occupant or None, sets_occupant=True)  # "" clears the occupant
    rows = [{"floor_id": floor_id, **values} for floor_id, values in merged.items()]
    return pa.Table.from_pylist(rows, schema=_FLOOR_CHANGES)


def demolished(document: ScenarioDocument) -> pa.Table:
    """Buildings whose last building change is a demolition (a later "keep" undoes it)."""
    last: dict[str, str] = {}
    for change in _of_type(document, BuildingChange):
        last[change.building_id] = change.action
    ids = [building_id for building_id, action in last.items() if action == "demolish"]
    return pa.Table.from_pylist([{"building_id": i} for i in ids], schema=_DEMOLISHED)


def new_building_floors(document: ScenarioDocument) -> pa.Table:
    """The floors of the document's new buildings: the footprint on every storey, its area in Lambert-93."""
    rows: list[dict[str, object]] = []
    for index, building in enumerate(document.changes):
        if not isinstance(building, NewBuilding):
            continue
        footprint = footprint_of(building, f"changes[{index}].geometry")
        area = area_m2([footprint])[0]
        storey = building.height_m / max(len(building.floors), 1)
        wkb = shapely.to_wkb(footprint)
        for level, floor in enumerate(building.floors):
            rows.append({
                "building_id": building.id, "building_name": building.name,
                "floor_id": f"{building.id}-{level}", "level": level,
                "use_before": None, "use": floor.use, "status_before": None,
                "status": floor.status, "occupant": None, "area_m2": area, "base_m": level * storey,
                "top_m": (level + 1) * storey, "change": "new", "geometry": wkb,
            })  # fmt: skip
    return pa.Table.from_pylist(rows, schema=OVERLAY_SCHEMA)


def footprint_of(building: NewBuilding, where: str) -> shapely.Polygon:
    """The new building's GeoJSON polygon as shapely, refused with the field's name when it is not one."""
    try:
        footprint = shape(building.geometry)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise ScenarioError(where, f"not a GeoJSON polygon ({error})") from None
    if not isinstance(footprint, shapely.Polygon) or footprint.is_empty or not footprint.is_valid:
        raise ScenarioError(where, "not a valid GeoJSON polygon")
    return footprint


def _conformed(table: pa.Table) -> pa.Table:
    return pa.table([table.column(f.name).cast(f.type) for f in OVERLAY_SCHEMA], schema=OVERLAY_SCHEMA)


def _of_type(document: ScenarioDocument, kind: type[T]) -> Iterable[T]:
    return (change for change in document.changes if isinstance(change, kind))
