"""A scenario's changes as Arrow tables, to register on a DuckDB cursor (geodata.indicators): the changes
reach SQL as relations, never as SQL text.

Only the changes in effect are kept: those without a phase, and, when a year is given, those whose phase
year is no later than it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import shapely

from geodata.geometry import metric_area_m2
from geodata.ratios import Ratio
from geodata.scenario import (
    BuildingChange,
    Change,
    FloorChange,
    GreenChange,
    NewBuilding,
    ParkingLotChange,
    ScenarioDocument,
)
from geodata.scenario_volumes import new_footprint
from geodata.uses import USES

_STRING, _INT = pa.string(), pa.int64()


@dataclass(frozen=True)
class Relations:
    """The tables registered under these names (each name is a constant of this module)."""

    floor_changes: pa.Table  # floor_id, use, status, occupant, dwellings (nulls: unchanged / estimated)
    demolished_buildings: pa.Table  # building_id
    new_floors: pa.Table  # floor_id, building_id, level, area_m2, use, status, dwellings
    lot_changes: pa.Table  # lot_id, capacity
    green_plots: pa.Table  # plot_id
    green_lots: pa.Table  # lot_id, area_m2 (of the lot's ground, Lambert-93)
    use_ratios: pa.Table  # use, jobs_per_100m2, parking_per_100m2, kwh_per_m2

    def register(self, cursor: duckdb.DuckDBPyConnection) -> None:
        for name, table in vars(self).items():
            cursor.register(name, table)


def in_effect(document: ScenarioDocument | None, until_year: int | None) -> list[Change]:
    changes = list(document.changes) if document is not None else []
    if until_year is None:
        return changes
    return [change for change in changes if change.phase is None or change.phase <= until_year]


def relations(con: duckdb.DuckDBPyConnection, changes: list[Change], ratios: dict[str, Ratio]) -> Relations:
    floors = [c for c in changes if isinstance(c, FloorChange)]
    lots = [c for c in changes if isinstance(c, ParkingLotChange)]
    greens = [c for c in changes if isinstance(c, GreenChange)]
    return Relations(
        floor_changes=pa.table(
            {
                "floor_id": pa.array([c.floor_id for c in floors], _STRING),
                "use": pa.array([c.use for c in floors], _STRING),
                "status": pa.array([c.status for c in floors], _STRING),
                "occupant": pa.array([c.occupant for c in floors], _STRING),
                "dwellings": pa.array([c.dwellings for c in floors], _INT),
            }
        ),
        demolished_buildings=_ids(
            "building_id",
            [c.building_id for c in changes if isinstance(c, BuildingChange) and c.action == "demolish"],
        ),
        new_floors=_new_floors([c for c in changes if isinstance(c, NewBuilding)]),
        lot_changes=pa.table(
            {
                "lot_id": pa.array([c.lot_id for c in lots], _STRING),
                "capacity": pa.array([c.capacity for c in lots], _INT),
            }
        ),
        green_plots=_ids("plot_id", [c.plot_id for c in greens if c.plot_id is not None]),
        green_lots=_green_lots(con, [c.lot_id for c in greens if c.lot_id is not None]),
        use_ratios=_use_ratios(ratios),
    )


def _ids(name: str, ids: list[str]) -> pa.Table:
    return pa.table({name: pa.array(ids, _STRING)})


def _new_floors(buildings: list[NewBuilding]) -> pa.Table:
    # Rounded to 0.1 m² like the data's areas (geodata/sample/site.py): a reprojected 1200 m² box is 1199.99…
    areas = [round(metric_area_m2(new_footprint(building)), 1) for building in buildings]
    rows = [
        (f"{building.id}-{level}", building.id, level, area, floor.use, floor.status, floor.dwellings)
        for building, area in zip(buildings, areas, strict=True)
        for level, floor in enumerate(building.floors)
    ]
    names = ("floor_id", "building_id", "level", "area_m2", "use", "status", "dwellings")
    types = (_STRING, _STRING, _INT, pa.float64(), _STRING, _STRING, _INT)
    return pa.table(
        {
            name: pa.array([row[i] for row in rows], kind)
            for i, (name, kind) in enumerate(zip(names, types, strict=True))
        }
    )


def _green_lots(con: duckdb.DuckDBPyConnection, lot_ids: list[str]) -> pa.Table:
    """The lots turned green with the area of their ground, computed from their polygons in Lambert-93."""
    if not lot_ids:
        return pa.table({"lot_id": pa.array([], _STRING), "area_m2": pa.array([], pa.float64())})
    wanted = _ids("lot_id", sorted(set(lot_ids)))
    con.register("wanted_lots", wanted)
    try:
        rows = con.execute(
            """SELECT lot_id, geometry FROM parking_lots
               WHERE lot_id IN (SELECT lot_id FROM wanted_lots) ORDER BY lot_id"""
        ).fetchall()
    finally:
        con.unregister("wanted_lots")
    areas = [round(metric_area_m2(shapely.from_wkb(row[1])), 1) for row in rows]
    return pa.table(
        {"lot_id": pa.array([row[0] for row in rows], _STRING), "area_m2": pa.array(areas, pa.float64())}
    )


def _use_ratios(ratios: dict[str, Ratio]) -> pa.Table:
    def values(prefix: str) -> Iterator[float]:
        return (ratios[f"{prefix}_{use}"].value if f"{prefix}_{use}" in ratios else 0.0 for use in USES)

    return pa.table(
        {
            "use": pa.array(USES, _STRING),
            "jobs_per_100m2": pa.array(list(values("jobs_per_100m2")), pa.float64()),
            "parking_per_100m2": pa.array(list(values("parking_per_100m2")), pa.float64()),
            "kwh_per_m2": pa.array(list(values("kwh_per_m2")), pa.float64()),
        }
    )
