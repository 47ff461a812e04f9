"""Named, parameterised queries over the catalog tables. Each takes a DuckDB connection or cursor first.

Results are pyarrow Tables with geometry as WKB binary (EPSG:4326). Times are naive local wall-clock
times (Europe/Paris), like the data; an aware datetime is refused rather than silently shifted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from geodata.schema import DATASET_NAMES

Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class FloorAreaKpis:
    total_m2: float
    occupied_m2: float
    vacant_m2: float
    occupied_share: float  # 0..1 of the total floor area
    vacant_share: float  # 0..1 of the total floor area
    unknown_m2: float = 0.0  # floors whose occupancy is not known (status NULL): neither occupied nor vacant


def _table(con: Connection, sql: str, **params: Any) -> pa.Table:
    return con.sql(sql, params=params or None).to_arrow_table()


def _one_row(con: Connection, sql: str, **params: Any) -> tuple[Any, ...]:
    """The single row of an aggregate query (DuckDB 2 relations have no fetchone)."""
    rows = con.sql(sql, params=params or None).fetchall()
    if len(rows) != 1:
        raise ValueError(f"expected one row, got {len(rows)}")
    return tuple(rows[0])


def _local(at: datetime) -> datetime:
    if at.tzinfo is not None:
        raise ValueError(f"expected a naive local (Europe/Paris) time, got {at.isoformat()}")
    return at


def district_boundary(con: Connection) -> pa.Table:
    return _table(con, "SELECT name, geometry FROM district ORDER BY name")


def context_commune(con: Connection) -> pa.Table:
    return _table(con, "SELECT name, insee_code, geometry FROM context_commune ORDER BY insee_code")


def buildings(con: Connection) -> pa.Table:
    return _table(
        con,
        """SELECT building_id, name, construction_period, height_m, floors_count, protected, geometry
           FROM buildings ORDER BY building_id""",
    )


def building(con: Connection, building_id: str) -> pa.Table:
    """One building's attributes without its geometry: 0 or 1 row."""
    return _table(
        con,
        """SELECT building_id, name, construction_period, height_m, floors_count, protected
           FROM buildings WHERE building_id = $building_id""",
        building_id=building_id,
    )


def pinned_buildings(con: Connection, building_ids: list[str]) -> pa.Table:
    """Name, height and storey count of the named buildings (unknown ids are left out): where a
    contribution's pin stands and what its building is called."""
    return _table(
        con,
        """SELECT building_id, name, height_m, floors_count FROM buildings
           WHERE list_contains($ids, building_id) ORDER BY building_id""",
        ids=sorted(set(building_ids)),
    )


def floors_with_status(con: Connection) -> pa.Table:
    return _table(
        con,
        """SELECT f.floor_id, f.building_id, b.name AS building_name, f.level, b.floors_count, b.height_m,
                  f.area_m2, f.status, f."use", f.occupant, f.geometry
           FROM floors f JOIN buildings b USING (building_id)
           ORDER BY f.building_id, f.level""",
    )


def floors_of_building(con: Connection, building_id: str) -> pa.Table:
    return _table(
        con,
        """SELECT floor_id, level, area_m2, status, "use", occupant
           FROM floors WHERE building_id = $building_id ORDER BY level""",
        building_id=building_id,
    )


def building_footprint(con: Connection, building_id: str) -> pa.Table:
    """One building's outline and roof height: 0 or 1 row."""
    return _table(
        con,
        "SELECT building_id, height_m AS top_m, geometry FROM buildings WHERE building_id = $building_id",
        building_id=building_id,
    )


def floor_footprint(con: Connection, floor_id: str) -> pa.Table:
    """One floor's outline, building, level and the height of its top, stacked in whole storeys as the
    floor slabs are (storey = building height / floors count): 0 or 1 row."""
    return _table(
        con,
        """SELECT f.floor_id, f.building_id, f.level,
                  (f.level + 1) * b.height_m / greatest(b.floors_count, 1) AS top_m, f.geometry
           FROM floors f JOIN buildings b USING (building_id)
           WHERE f.floor_id = $floor_id""",
        floor_id=floor_id,
    )


def space_footprints(con: Connection) -> pa.Table:
    """Every bookable space's id and outline."""
    return _table(con, "SELECT space_id, geometry FROM spaces ORDER BY space_id")


def spaces_booked_at(con: Connection, at: datetime) -> pa.Table:
    """Spaces with a booking running at `at` (start <= at < end), one row per such booking. Who booked is
    left out (status "booked"): the result reaches public screens, and booked_by may name a person."""
    return _table(
        con,
        """SELECT s.space_id, s.name AS space_name, s.kind, s.capacity, s.floor_id, s.building_id,
                  b.name AS building_name, s.level, k.booking_id, 'booked' AS status, k."start", k."end",
                  b.height_m, b.floors_count, s.geometry
           FROM bookings k
           JOIN spaces s USING (space_id)
           JOIN buildings b ON b.building_id = s.building_id
           WHERE k."start" <= $at AND $at < k."end"
           ORDER BY s.space_id, k."start"
        """,
        at=_local(at),
    )


def parking_free_at(con: Connection, at: datetime) -> pa.Table:
    """Every lot with its latest observation at or before `at` (null free_spaces when there is none)."""
    return _table(
        con,
        """WITH latest AS (
               SELECT lot_id, max(observed_at) AS observed_at,
                      arg_max(free_spaces, observed_at) AS free_spaces
               FROM parking_occupancy WHERE observed_at <= $at GROUP BY lot_id)
           SELECT l.lot_id, l.name, l.capacity, latest.free_spaces,
                  CAST(latest.free_spaces AS DOUBLE) / NULLIF(l.capacity, 0) AS free_share,
                  latest.observed_at, l.geometry
           FROM parking_lots l LEFT JOIN latest USING (lot_id)
           ORDER BY l.lot_id""",
        at=_local(at),
    )


_PLOTS_SQL = """WITH seen AS (
        SELECT plot_id, count(DISTINCT species) AS species_count,
               count(*) AS observation_count, max(observed_on) AS last_observed
        FROM biodiversity_observations {until} GROUP BY plot_id)
    SELECT p.plot_id, p.name, p.habitat, p.area_m2,
           coalesce(seen.species_count, 0) AS species_count,
           coalesce(seen.observation_count, 0) AS observation_count,
           seen.last_observed, p.geometry
    FROM biodiversity_plots p LEFT JOIN seen USING (plot_id)
    ORDER BY p.plot_id"""


def plots_with_species(con: Connection, until: datetime | None = None) -> pa.Table:
    """Every plot with its species and observations; with `until`, only those observed on or before its
    date count (a plot seen only later keeps 0 species and no last date)."""
    if until is None:
        return _table(con, _PLOTS_SQL.format(until=""))
    return _table(con, _PLOTS_SQL.format(until="WHERE observed_on <= $until"), until=_local(until).date())


def floor_area_kpis(con: Connection) -> FloorAreaKpis:
    row = _one_row(
        con,
        """SELECT coalesce(sum(area_m2), 0),
                  coalesce(sum(area_m2) FILTER (WHERE status = 'occupied'), 0),
                  coalesce(sum(area_m2) FILTER (WHERE status = 'vacant'), 0),
                  coalesce(sum(area_m2) FILTER (WHERE status IS NULL), 0)
           FROM floors""",
    )
    total, occupied, vacant, unknown = (float(value) for value in row)
    if not total:
        return FloorAreaKpis(total, occupied, vacant, 0.0, 0.0, unknown)
    return FloorAreaKpis(total, occupied, vacant, occupied / total, vacant / total, unknown)


def floor_area_by_building(con: Connection) -> pa.Table:
    """Per building: its floors and their occupied and vacant m², numbered buildings in numeric order
    (5 before 48 before 110), then named ones such as REF."""
    return _table(
        con,
        """SELECT b.building_id, b.name AS building_name, count(*) AS floors,
                  coalesce(sum(f.area_m2) FILTER (WHERE f.status = 'occupied'), 0) AS occupied_m2,
                  coalesce(sum(f.area_m2) FILTER (WHERE f.status = 'vacant'), 0) AS vacant_m2
           FROM floors f JOIN buildings b USING (building_id)
           GROUP BY b.building_id, b.name
           ORDER BY TRY_CAST(b.building_id AS INTEGER) NULLS LAST, b.building_id""",
    )


def booked_spaces_count(con: Connection, at: datetime) -> int:
    """How many distinct spaces have a booking running at `at`."""
    row = _one_row(
        con,
        'SELECT count(DISTINCT space_id) FROM bookings WHERE "start" <= $at AND $at < "end"',
        at=_local(at),
    )
    return int(row[0])


def free_parking_total(con: Connection, at: datetime) -> tuple[int, int]:
    """(free spaces, capacity) summed over the lots that have an observation at or before `at`.

    A lot with no observation yet counts in neither figure, so free/capacity stays an honest share.
    """
    lots = parking_free_at(con, at)
    lots = lots.filter(pc.is_valid(lots.column("free_spaces")))
    free = pc.sum(lots.column("free_spaces")).as_py() or 0
    capacity = pc.sum(lots.column("capacity")).as_py() or 0
    return int(free), int(capacity)


def floors_rule(con: Connection, building_id: str) -> str | None:
    """How an ingestion derived the building's floors ("levels", "height", "default"); None for data that
    does not say (the optional column floors_rule, written by geodata.ingest)."""
    columns = con.execute("SELECT name FROM pragma_table_info('buildings')").fetchall()
    if ("floors_rule",) not in columns:
        return None
    row = con.execute("SELECT floors_rule FROM buildings WHERE building_id = ?", [building_id]).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def activity_time_range(con: Connection, today: date | None = None) -> tuple[datetime, datetime]:
    """The earliest and latest times covered by bookings and parking observations. Without any (a twin of
    buildings alone), the hours of `today` when it is given: the time controls then show one day."""
    row = _one_row(
        con,
        """SELECT least((SELECT min("start") FROM bookings),
                        (SELECT min(observed_at) FROM parking_occupancy)),
                  greatest((SELECT max("end") FROM bookings),
                           (SELECT max(observed_at) FROM parking_occupancy))""",
    )
    if (row[0] is None or row[1] is None) and today is not None:
        midnight = datetime.combine(today, time())
        return midnight, midnight.replace(hour=23)
    if row[0] is None or row[1] is None:
        raise ValueError("no bookings and no parking observations: the activity period is unknown")
    return row[0], row[1]


UNKNOWN_STATUS = "unknown-status"  # a floor of unknown occupancy, or a building without floors, is drawn grey


def legend_facts(con: Connection) -> frozenset[str]:
    """What the data holds that some legend entries depend on (e.g. the grey "non renseigné" entry)."""
    row = _one_row(
        con,
        """SELECT EXISTS (FROM floors WHERE status IS NULL)
                  OR EXISTS (FROM buildings b ANTI JOIN floors f USING (building_id))""",
    )
    return frozenset({UNKNOWN_STATUS} if row[0] else set())


def district_name(con: Connection) -> str:
    """The study area's name as the data gives it ('' when it gives none)."""
    return str(_one_row(con, "SELECT coalesce(first(name), '') FROM district")[0])


def has_rows(con: Connection, dataset: str) -> bool:
    """Whether a dataset holds anything (a twin of buildings alone has no spaces and no car parks)."""
    if dataset not in DATASET_NAMES:
        raise ValueError(f"no dataset {dataset!r}")
    return bool(_one_row(con, f'SELECT EXISTS (FROM "{dataset}")')[0])  # noqa: S608 - a fixed name, checked above


def row_counts(con: Connection) -> dict[str, int]:
    """Rows per dataset table. The table names are the fixed dataset names of geodata.schema."""
    selects = [
        f"SELECT '{name}' AS dataset, count(*) AS n FROM \"{name}\""  # noqa: S608 - fixed names, not input
        for name in DATASET_NAMES
    ]
    rows = con.sql(" UNION ALL ".join(selects)).fetchall()
    return {str(name): int(count) for name, count in rows}


# Tiles: a building belongs to the one XYZ (Web Mercator) tile that holds the middle of its bounding box
# (the GeoParquet 1.1 bbox covering column), so it is drawn once even when it straddles a tile edge.
_TILE_OF_BUILDING = """
    SELECT building_id,
           floor(((bbox.xmin + bbox.xmax) / 2 + 180) / 360 * $n) AS tile_x,
           floor((1 - ln(tan(radians((bbox.ymin + bbox.ymax) / 2))
                         + 1 / cos(radians((bbox.ymin + bbox.ymax) / 2))) / pi()) / 2 * $n) AS tile_y
    FROM buildings"""


def _tile_params(z: int, x: int, y: int) -> dict[str, Any]:
    if not 0 <= z <= 24 or not 0 <= x < 2**z or not 0 <= y < 2**z:
        raise ValueError(f"no tile {z}/{x}/{y}")
    return {"n": 2**z, "x": x, "y": y}


def study_area_bounds(con: Connection) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the study area, from its bbox covering column."""
    row = _one_row(con, "SELECT min(bbox.xmin), min(bbox.ymin), max(bbox.xmax), max(bbox.ymax) FROM district")
    west, south, east, north = (float(value) for value in row)
    return west, south, east, north


def built_area_bounds(con: Connection) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the buildings inside the study area's bounds (what a first view should
    fill: the mills, not the fields around them); the study area's own bounds when it has no building."""
    west, south, east, north = study_area_bounds(con)
    row = _one_row(
        con,
        """SELECT min(bbox.xmin), min(bbox.ymin), max(bbox.xmax), max(bbox.ymax) FROM buildings
           WHERE bbox.xmin >= $west AND bbox.xmax <= $east AND bbox.ymin >= $south AND bbox.ymax <= $north""",
        west=west, south=south, east=east, north=north,
    )  # fmt: skip
    if row[0] is None:
        return west, south, east, north
    built_west, built_south, built_east, built_north = (float(value) for value in row)
    return built_west, built_south, built_east, built_north


def tile_buildings(con: Connection, z: int, x: int, y: int) -> pa.Table:
    """The buildings of one tile, in building_id order."""
    return _table(
        con,
        f"""WITH placed AS ({_TILE_OF_BUILDING})
           SELECT b.building_id, b.name, b.height_m, b.floors_count, b.geometry
           FROM buildings b JOIN placed p USING (building_id)
           WHERE p.tile_x = $x AND p.tile_y = $y
           ORDER BY b.building_id""",  # noqa: S608 - a fixed fragment, values are bound parameters
        **_tile_params(z, x, y),
    )


def tile_floors(con: Connection, z: int, x: int, y: int) -> pa.Table:
    """The floors of one tile's buildings; `building_index` is the building's row in tile_buildings."""
    return _table(
        con,
        f"""WITH placed AS ({_TILE_OF_BUILDING}),
           tile AS (SELECT building_id, (row_number() OVER (ORDER BY building_id)) - 1 AS building_index
                    FROM placed WHERE tile_x = $x AND tile_y = $y)
           SELECT f.floor_id, t.building_index, f.level, b.floors_count, b.height_m, f.area_m2, f.status,
                  f."use", f.occupant
           FROM floors f JOIN tile t USING (building_id) JOIN buildings b USING (building_id)
           ORDER BY f.building_id, f.level""",  # noqa: S608 - a fixed fragment, values are bound parameters
        **_tile_params(z, x, y),
    )


def tile_buildings_volumes(con: Connection, z: int, x: int, y: int) -> pa.Table:
    """One tile's buildings as whole volumes, with their occupied, vacant and total floor area."""
    return _table(
        con,
        f"""WITH placed AS ({_TILE_OF_BUILDING}),
           area AS (SELECT building_id, sum(area_m2) AS total_m2,
                           coalesce(sum(area_m2) FILTER (WHERE status = 'occupied'), 0) AS occupied_m2,
                           coalesce(sum(area_m2) FILTER (WHERE status = 'vacant'), 0) AS vacant_m2
                    FROM floors GROUP BY building_id)
           SELECT b.building_id, b.name, b.height_m, b.floors_count,
                  coalesce(a.total_m2, 0) AS total_m2, coalesce(a.occupied_m2, 0) AS occupied_m2,
                  coalesce(a.vacant_m2, 0) AS vacant_m2, b.geometry
           FROM buildings b JOIN placed p USING (building_id) LEFT JOIN area a USING (building_id)
           WHERE p.tile_x = $x AND p.tile_y = $y
           ORDER BY b.building_id""",  # noqa: S608 - a fixed fragment, values are bound parameters
        **_tile_params(z, x, y),
    )
