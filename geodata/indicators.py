"""Scenario indicators: one named, parameterised DuckDB query per indicator, over the baseline tables and a
scenario's changes (registered as Arrow relations on a cursor of its own; geodata.scenario_relations).

The floors a change names are worked out once (`changed`; the rule for a floor's use and status is the one of
geodata.scenario_check.effective_use_status), the standing floor area is summed by use and status (`standing`,
the unchanged floors straight from the catalog: a few rows even for a city), then each indicator is a small
query over those, the parking lots and the plots — all in one statement, one round trip. Ratios
(geodata/ratios.py, with the scenario's overrides) are bound parameters. Figures are not rounded: the app
formats them. `scenario_floors` lists every floor after the changes (SCENARIO_FLOORS).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from geodata.ratios import ratios_with
from geodata.scenario import ScenarioDocument
from geodata.scenario_relations import in_effect, relations
from geodata.uses import USES

Connection = duckdb.DuckDBPyConnection

# Each floor after the changes: demolished floors stay, marked, so the map and the comparison can show them;
# the indicators leave them out. `dwellings` is the planner's count or area / m2_per_dwelling, rounded down.
# {only} narrows it to the floors a change names or demolishes (what the indicators need floor by floor).
_FLOORS_AFTER = """
WITH joined AS (
    SELECT f.floor_id, f.building_id, f.level, f.area_m2, f.use AS base_use, f.status AS base_status,
           f.occupant AS base_occupant, c.use AS set_use, c.status AS set_status, c.occupant AS set_occupant,
           c.dwellings AS set_dwellings, d.building_id IS NOT NULL AS demolished
    FROM floors f
    LEFT JOIN floor_changes c ON c.floor_id = f.floor_id
    LEFT JOIN demolished_buildings d ON d.building_id = f.building_id
    {only}
), resolved AS (
    SELECT *,
        coalesce(set_use, CASE WHEN set_status = 'vacant' THEN 'vacant' END, base_use) AS use,
        coalesce(set_status,
                 CASE WHEN set_use = 'vacant' THEN 'vacant' WHEN set_use IS NOT NULL THEN 'occupied' END,
                 base_status) AS status
    FROM joined
), placed AS (
    SELECT *,
        CASE WHEN status = 'vacant' THEN NULL
             WHEN set_occupant IS NOT NULL THEN nullif(set_occupant, '')
             WHEN use <> base_use THEN NULL
             ELSE base_occupant END AS occupant
    FROM resolved
), scenario AS (
    SELECT floor_id, building_id, level, area_m2, use, status, occupant,
        CASE WHEN demolished THEN 'demolished'
             WHEN use <> base_use AND use <> 'vacant' THEN 'use'
             WHEN status IS DISTINCT FROM base_status OR occupant IS DISTINCT FROM base_occupant THEN 'status'
             ELSE '' END AS change,
        set_dwellings
    FROM placed
    UNION ALL
    SELECT floor_id, building_id, level, area_m2, use, status, NULL, 'new', dwellings FROM new_floors
)
SELECT floor_id, building_id, level, area_m2, use, status, occupant, change,
    CASE WHEN use = 'housing' AND status = 'occupied' AND change <> 'demolished'
         THEN coalesce(set_dwellings, floor(area_m2 / $m2_per_dwelling))::BIGINT ELSE 0 END AS dwellings
FROM scenario
"""
SCENARIO_FLOORS = _FLOORS_AFTER.format(only="")
_CHANGED_FLOORS = _FLOORS_AFTER.format(only="WHERE c.floor_id IS NOT NULL OR d.building_id IS NOT NULL")
# The standing floor area by (use, status), with its dwellings: the floors no change names, counted straight
# from the catalog, and the changed and new ones. A few rows even for a city, which the indicators sum.
_STANDING = """
SELECT use, status, sum(area_m2) AS area_m2, sum(dwellings) AS dwellings FROM (
    SELECT use, status, area_m2,
        CASE WHEN use = 'housing' AND status = 'occupied' THEN floor(area_m2 / $m2_per_dwelling)::BIGINT
             ELSE 0 END AS dwellings
    FROM floors
    WHERE floor_id NOT IN (SELECT floor_id FROM floor_changes)
      AND building_id NOT IN (SELECT building_id FROM demolished_buildings)
    UNION ALL
    SELECT use, status, area_m2, dwellings FROM changed WHERE change <> 'demolished'
)
GROUP BY use, status
"""


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    # Over the relations `standing` (area_m2 and dwellings of the floors after the changes, less the
    # demolished ones, by use and status), `changed` (the floors a change names or demolishes, and the new
    # ones, one row each), the changes (geodata.scenario_relations) and the baseline tables.
    sql: str
    ratios: tuple[str, ...] = ()  # the ratios bound as parameters, by name


_QUERIES = (
    Indicator("floor_area_m2", "m²", "SELECT coalesce(sum(area_m2), 0) FROM standing"),
    Indicator(
        "occupied_m2", "m²", "SELECT coalesce(sum(area_m2), 0) FROM standing WHERE status = 'occupied'"
    ),
    Indicator("vacant_m2", "m²", "SELECT coalesce(sum(area_m2), 0) FROM standing WHERE status = 'vacant'"),
    Indicator(
        "occupied_share",
        "share",
        """SELECT coalesce(sum(area_m2) FILTER (WHERE status = 'occupied') / nullif(sum(area_m2), 0), 0)
           FROM standing""",
    ),
    Indicator("dwellings", "dwellings", "SELECT coalesce(sum(dwellings), 0) FROM standing"),
    Indicator(
        "residents",
        "residents",
        "SELECT coalesce(sum(dwellings), 0) * $residents_per_dwelling FROM standing",
        ("residents_per_dwelling",),
    ),
    Indicator(
        "jobs",
        "jobs",
        """SELECT coalesce(sum(s.area_m2 / 100 * r.jobs_per_100m2), 0)
           FROM standing s JOIN use_ratios r ON r.use = s.use WHERE s.status = 'occupied'""",
    ),
    Indicator(
        "parking_demand",
        "spaces",
        """SELECT (SELECT coalesce(sum(dwellings), 0) FROM standing) * $parking_per_dwelling
                + (SELECT coalesce(sum(s.area_m2 / 100 * r.parking_per_100m2), 0)
                   FROM standing s JOIN use_ratios r ON r.use = s.use WHERE s.status = 'occupied')""",
        ("parking_per_dwelling",),
    ),
    Indicator(
        "parking_supply",
        "spaces",
        """SELECT (SELECT coalesce(sum(coalesce(c.capacity, l.capacity)) FILTER (WHERE g.lot_id IS NULL), 0)
                   FROM parking_lots l
                   LEFT JOIN lot_changes c ON c.lot_id = l.lot_id
                   LEFT JOIN green_lots g ON g.lot_id = l.lot_id)
                + (SELECT coalesce(floor(sum(area_m2) / $m2_per_parking_space), 0)
                   FROM standing WHERE use = 'parking' AND status = 'occupied')""",
        ("m2_per_parking_space",),
    ),
    Indicator(
        "green_m2",
        "m²",
        """SELECT (SELECT coalesce(sum(p.area_m2), 0) FROM biodiversity_plots p
                   WHERE p.plot_id IN (SELECT plot_id FROM green_plots))
                + (SELECT coalesce(sum(area_m2), 0) FROM green_lots)""",
    ),
    Indicator(
        "green_ground_m2",
        "m²",
        """SELECT (SELECT coalesce(sum(area_m2), 0) FROM biodiversity_plots)
                + (SELECT coalesce(sum(area_m2), 0) FROM green_lots)""",
    ),
    Indicator(
        "energy_mwh",
        "MWh / year",
        """SELECT coalesce(sum(s.area_m2 * r.kwh_per_m2), 0) / 1000
           FROM standing s JOIN use_ratios r ON r.use = s.use""",
    ),
    Indicator(
        "protected_touched",
        "buildings",
        """SELECT count(*) FROM buildings
           WHERE protected
             AND building_id IN (SELECT building_id FROM changed
                                 WHERE change IN ('use', 'status', 'demolished'))""",
    ),
    Indicator(
        "school_places",
        "pupils",
        """SELECT coalesce(floor(sum(area_m2) / $m2_per_pupil), 0)
           FROM standing WHERE use = 'school' AND status = 'occupied'""",
        ("m2_per_pupil",),
    ),
)
INDICATORS: tuple[str, ...] = tuple(query.name for query in _QUERIES)
UNITS: dict[str, str] = {query.name: query.unit for query in _QUERIES}


# Every indicator and the floor area by use in one statement, each indicator its named query as a scalar
# subquery over the floors after the changes, worked out once: one round trip to DuckDB, not sixteen.
_WITH_CHANGES = (
    f"WITH changed AS MATERIALIZED ({_CHANGED_FLOORS}), "  # noqa: S608 - constants of this module
    f"standing AS MATERIALIZED ({_STANDING}) "
)
_FIGURES = (
    _WITH_CHANGES  # noqa: S608 - constants of this module
    + "SELECT "
    + ", ".join(f"({query.sql}) AS {query.name}" for query in _QUERIES)
    + ", (SELECT list((use, area)) FROM (SELECT use, sum(area_m2) AS area FROM standing GROUP BY use))"
)
_FLOORS = f"SELECT * EXCLUDE (dwellings) FROM ({SCENARIO_FLOORS}) ORDER BY building_id, level"  # noqa: S608
_RATIOS = ("m2_per_dwelling", *dict.fromkeys(name for query in _QUERIES for name in query.ratios))


@dataclass(frozen=True)
class Figures:
    indicators: dict[str, float]  # by name, in INDICATORS order
    floor_area_by_use: dict[str, float]  # standing m² per use code, every code (0 when none)


def figures(con: Connection, document: ScenarioDocument | None, until_year: int | None = None) -> Figures:
    """Every indicator and the floor area by use of the scenario (None: the baseline), counting only the
    changes in effect in `until_year` when one is given. Expects a document check_document accepted."""
    with _changes_cursor(con, document, until_year) as (cursor, params):
        values = cursor.execute(_FIGURES, params).fetchall()[0]
    areas = {str(use): float(area) for use, area in values[-1] or []}
    by_name = {name: float(value) for name, value in zip(INDICATORS, values[:-1], strict=True)}
    return Figures(by_name, {use: areas.get(use, 0.0) for use in USES})


def indicators(
    con: Connection, document: ScenarioDocument | None, until_year: int | None = None
) -> dict[str, float]:
    """Every indicator (see `figures`)."""
    return figures(con, document, until_year).indicators


def floor_area_by_use(
    con: Connection, document: ScenarioDocument | None, until_year: int | None = None
) -> dict[str, float]:
    """Standing floor area (m²) per use code, every code present (0 when none)."""
    return figures(con, document, until_year).floor_area_by_use


def scenario_floors(
    con: Connection, document: ScenarioDocument | None, until_year: int | None = None
) -> pa.Table:
    """Every floor after the changes: floor_id, building_id, level, area_m2, use, status, occupant, change
    ("" unchanged; "use": a new use, not vacant; "status": vacated, or only the status or occupant changed;
    "new": a floor of a new building; "demolished"), by building then level."""
    with _changes_cursor(con, document, until_year) as (cursor, params):
        return cursor.sql(_FLOORS, params={"m2_per_dwelling": params["m2_per_dwelling"]}).to_arrow_table()


@contextlib.contextmanager
def _changes_cursor(
    con: Connection, document: ScenarioDocument | None, until_year: int | None
) -> Iterator[tuple[Connection, dict[str, float]]]:
    """A cursor of its own holding the document's changes as relations, and the ratios to bind."""
    ratios = ratios_with(document.ratios if document else {})
    cursor = con.cursor()
    try:
        relations(cursor, in_effect(document, until_year), ratios).register(cursor)
        yield cursor, {name: ratios[name].value for name in _RATIOS}
    finally:
        cursor.close()
