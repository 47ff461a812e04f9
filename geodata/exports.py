"""The map's datasets as the tables a visitor downloads (api/exports.py writes them as CSV, GeoJSON or
GeoParquet): one named query per dataset, at a chosen hour and, for buildings and floors, with a scenario's
changes applied. Geometry stays WKB in EPSG:4326; areas are the datasets' own (computed in Lambert-93 when
the data was built, or for a scenario's new building in geodata.scenario_overlay).

What depends on what:
- floors: the scenario's uses, statuses and occupants applied, demolished buildings' floors left out, new
  buildings' floors added; `spaces_booked`: how many of the floor's bookable spaces are booked at `at`
  (a floor's status has no time in the data model: `at` does not change it).
- buildings: the same, each with its floor area, occupied and vacant m² and booked spaces summed over
  those floors.
- spaces: `booked` says whether a booking runs at `at` (start <= at < end).
- parking_lots: the latest free places observed at or before `at`.
- biodiversity_plots: species and observations counted up to the day of `at`.
- bookings: the bookings running at `at`, each on its space's outline. Never who booked (booked_by may name
  a person, and exports are public).
- parking_occupancy: every observation of the day of `at`, each on its car park's outline.
Each table lists the datasets it is drawn from (SOURCES), whose provenance goes into the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import duckdb
import pyarrow as pa
import shapely

from geodata import queries
from geodata.scenario import NewBuilding, ScenarioDocument
from geodata.scenario_overlay import demolished, floor_changes, footprint_of, new_building_floors

Connection = duckdb.DuckDBPyConnection
Builder = Callable[[Connection, datetime, ScenarioDocument | None], pa.Table]
FORMATS = ("csv", "geojson", "parquet")

# The dataset files each export is drawn from: their source, date and licence go into the file.
SOURCES: dict[str, tuple[str, ...]] = {
    "buildings": ("buildings", "floors"),
    "floors": ("floors", "buildings"),
    "spaces": ("spaces", "bookings"),
    "parking_lots": ("parking_lots", "parking_occupancy"),
    "biodiversity_plots": ("biodiversity_plots", "biodiversity_observations"),
    "bookings": ("bookings", "spaces"),
    "parking_occupancy": ("parking_occupancy", "parking_lots"),
}
# The exports a scenario changes; the others are the same with or without one.
SCENARIO_DATASETS = ("buildings", "floors")

_FLOORS = """
WITH busy AS (
    SELECT s.floor_id, count(DISTINCT s.space_id) AS spaces_booked
    FROM bookings k JOIN spaces s USING (space_id)
    WHERE k."start" <= $at AND $at < k."end" GROUP BY s.floor_id)
SELECT f.floor_id, f.building_id, b.name AS building_name, f.level::INTEGER AS level, f.area_m2,
       coalesce(c.status, f.status) AS status, coalesce(c."use", f."use") AS "use",
       CASE WHEN c.sets_occupant THEN c.occupant ELSE f.occupant END AS occupant,
       coalesce(busy.spaces_booked, 0)::INTEGER AS spaces_booked, f.geometry
FROM floors f JOIN buildings b USING (building_id)
LEFT JOIN scenario_floor_changes c USING (floor_id)
LEFT JOIN busy USING (floor_id)
WHERE f.building_id NOT IN (SELECT building_id FROM scenario_demolished)
UNION ALL
SELECT floor_id, building_id, building_name, level, area_m2, status, "use", occupant, 0, geometry
FROM new_floors
ORDER BY building_id, level
"""
_BUILDINGS = """
WITH area AS (
    SELECT building_id, sum(area_m2) AS floor_area_m2,
           coalesce(sum(area_m2) FILTER (WHERE status = 'occupied'), 0) AS occupied_m2,
           coalesce(sum(area_m2) FILTER (WHERE status = 'vacant'), 0) AS vacant_m2,
           sum(spaces_booked)::INTEGER AS spaces_booked
    FROM scenario_floors GROUP BY building_id),
standing AS (
    SELECT building_id, name, construction_period, height_m, floors_count::INTEGER AS floors_count,
           protected, geometry
    FROM buildings WHERE building_id NOT IN (SELECT building_id FROM scenario_demolished)
    UNION ALL
    SELECT building_id, name, NULL, height_m, floors_count, false, geometry FROM new_buildings)
SELECT s.building_id, s.name, s.construction_period, s.height_m, s.floors_count, s.protected,
       coalesce(a.floor_area_m2, 0) AS floor_area_m2, coalesce(a.occupied_m2, 0) AS occupied_m2,
       coalesce(a.vacant_m2, 0) AS vacant_m2, coalesce(a.spaces_booked, 0) AS spaces_booked, s.geometry
FROM standing s LEFT JOIN area a USING (building_id)
ORDER BY s.building_id
"""
_SPACES = """
SELECT s.space_id, s.name, s.kind, s.floor_id, s.building_id, s.level, s.capacity,
       EXISTS (SELECT 1 FROM bookings k
               WHERE k.space_id = s.space_id AND k."start" <= $at AND $at < k."end") AS booked,
       s.geometry
FROM spaces s ORDER BY s.space_id
"""
_BOOKINGS = """
SELECT k.booking_id, k.space_id, s.name AS space_name, s.kind, s.building_id, s.floor_id, s.level,
       k."start", k."end", s.geometry
FROM bookings k JOIN spaces s USING (space_id)
WHERE k."start" <= $at AND $at < k."end"
ORDER BY k.space_id, k."start", k.booking_id
"""
_OCCUPANCY = """
SELECT o.lot_id, l.name, l.capacity, o.observed_at, o.free_spaces, l.geometry
FROM parking_occupancy o JOIN parking_lots l USING (lot_id)
WHERE o.observed_at >= $day AND o.observed_at < $day + INTERVAL 1 DAY
ORDER BY o.lot_id, o.observed_at
"""
_NEW_BUILDINGS = pa.schema([("building_id", pa.string()), ("name", pa.string()), ("height_m", pa.float64()),
                            ("floors_count", pa.int32()), ("geometry", pa.binary())])  # fmt: skip
_NEW_FLOOR_COLUMNS = ("floor_id", "building_id", "building_name", "level", "area_m2", "status", "use",
                      "occupant", "geometry")  # fmt: skip


def floors(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    """Every floor, with the scenario's changes applied when there is one."""
    with _scenario_cursor(con, document) as cursor:
        return cursor.sql(_FLOORS, params={"at": _local(at)}).to_arrow_table()


def buildings(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    """Every standing building with its floor areas, the scenario's changes applied when there is one."""
    with _scenario_cursor(con, document) as cursor:
        floors = cursor.sql(_FLOORS, params={"at": _local(at)}).to_arrow_table()
        cursor.register("scenario_floors", floors)
        cursor.register("new_buildings", new_buildings(document))
        return cursor.sql(_BUILDINGS).to_arrow_table()


def spaces(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    return con.sql(_SPACES, params={"at": _local(at)}).to_arrow_table()


def parking_lots(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    return queries.parking_free_at(con, at)


def biodiversity_plots(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    return queries.plots_with_species(con, until=at)


def bookings(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    return con.sql(_BOOKINGS, params={"at": _local(at)}).to_arrow_table()


def parking_occupancy(con: Connection, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    """Every observation of the day of `at` (the day's curve, before and after the hour), on its lot."""
    day = _local(at).replace(hour=0, minute=0, second=0, microsecond=0)
    return con.sql(_OCCUPANCY, params={"day": day}).to_arrow_table()


EXPORTS: dict[str, Builder] = {
    "buildings": buildings,
    "floors": floors,
    "spaces": spaces,
    "parking_lots": parking_lots,
    "biodiversity_plots": biodiversity_plots,
    "bookings": bookings,
    "parking_occupancy": parking_occupancy,
}


def export_table(con: Connection, dataset: str, at: datetime, document: ScenarioDocument | None) -> pa.Table:
    """The table of one export (KeyError for an unknown dataset name)."""
    return EXPORTS[dataset](con, at, document if dataset in SCENARIO_DATASETS else None)


def new_buildings(document: ScenarioDocument | None) -> pa.Table:
    """A scenario's new buildings: id, name, height, storeys and footprint (WKB)."""
    rows = []
    changes = document.changes if document is not None else ()
    for index, change in enumerate(changes):
        if isinstance(change, NewBuilding):
            footprint = footprint_of(change, f"changes[{index}].geometry")
            wkb = shapely.to_wkb(footprint)
            rows.append({"building_id": change.id, "name": change.name, "height_m": change.height_m,
                         "floors_count": len(change.floors), "geometry": wkb})  # fmt: skip
    return pa.Table.from_pylist(rows, schema=_NEW_BUILDINGS)


@contextmanager
def _scenario_cursor(con: Connection, document: ScenarioDocument | None) -> Iterator[Connection]:
    """A private cursor with the scenario's changes registered as relations (empty for the baseline):
    no SQL text is made from the document, and the registrations die with the cursor."""
    cursor = con.cursor()
    try:
        scenario = document or ScenarioDocument(name="baseline")
        cursor.register("scenario_floor_changes", floor_changes(scenario))
        cursor.register("scenario_demolished", demolished(scenario))
        cursor.register("new_floors", new_building_floors(scenario).select(list(_NEW_FLOOR_COLUMNS)))
        yield cursor
    finally:
        cursor.close()


def _local(at: datetime) -> datetime:
    if at.tzinfo is not None:
        raise ValueError(f"expected a naive local (Europe/Paris) time, got {at.isoformat()}")
    return at
