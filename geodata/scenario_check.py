"""`check_document`: a scenario document against the baseline tables (geodata.scenario re-exports it).

Refuses, with ScenarioError naming the change's field, what cannot be: unknown ids, a use or status outside
the codes, a negative capacity, a new volume with an invalid footprint, outside the study area or over a
building the scenario keeps, an implausible height, two changes to one floor (or building, lot, plot), a new
id taken, more dwellings than the floor area allows. Returns warnings for what may be but needs care
(protected buildings touched). The ids asked for go to DuckDB as an Arrow relation, never as SQL text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from geodata import scenario_volumes as volumes
from geodata.errors import ScenarioError
from geodata.ratios import Ratio, ratios_with
from geodata.scenario import (
    BuildingChange,
    Change,
    FloorChange,
    GreenChange,
    NewBuilding,
    NewFloor,
    ParkingLotChange,
    ScenarioDocument,
)
from geodata.schema import FLOOR_STATUSES
from geodata.uses import USES, VACANT

Connection = duckdb.DuckDBPyConnection
PHASES = (2000, 2200)


@dataclass(frozen=True)
class BaseFloor:
    building_id: str
    area_m2: float
    use: str
    status: str


@dataclass(frozen=True)
class Baseline:
    """The baseline rows a document names (only those: a city has 250,000 floors)."""

    floors: dict[str, BaseFloor]
    protected: dict[str, bool]  # building_id -> protected, for every building named or holding a named floor
    lots: set[str]
    plots: set[str]


@dataclass(frozen=True)
class ProtectedTouched:
    """A warning: a building protected in the local plan (PLU) is demolished or has a floor changed by
    these changes. Data for a translated message; `str()` is a plain English line."""

    building_id: str
    changes: tuple[str, ...]  # JSON paths, e.g. "changes[2]"

    def __str__(self) -> str:
        verb = "touches" if len(self.changes) == 1 else "touch"
        where = ", ".join(self.changes)
        return f"building {self.building_id} is protected in the local plan (PLU): {where} {verb} it"


def check(con: Connection, document: ScenarioDocument) -> list[str]:
    return [str(warning) for warning in warnings(con, document)]


def warnings(con: Connection, document: ScenarioDocument) -> list[ProtectedTouched]:
    """ScenarioError on the first impossible change, else the warnings (protected buildings touched)."""
    ratios = ratios_with(document.ratios)
    _check_unique(document.changes)
    cursor = con.cursor()  # the relations registered below vanish with it
    try:
        baseline = _baseline(cursor, document.changes)
        demolished = {
            c.building_id: c.phase
            for c in document.changes
            if isinstance(c, BuildingChange) and c.action == "demolish"
        }
        touched: dict[str, list[str]] = defaultdict(list)
        for where, change in indexed(document.changes):
            _check_phase(change.phase, where)
            for building_id in _check_change(cursor, baseline, ratios, demolished, change, where):
                touched[building_id].append(where)
        volumes.check_new_overlaps(document.changes)
    finally:
        cursor.close()
    return [
        ProtectedTouched(building_id, tuple(wheres))
        for building_id, wheres in touched.items()
        if baseline.protected.get(building_id)
    ]


def indexed(changes: Sequence[Change]) -> Iterator[tuple[str, Change]]:
    return ((f"changes[{i}]", change) for i, change in enumerate(changes))


def _check_change(
    con: Connection,
    baseline: Baseline,
    ratios: dict[str, Ratio],
    demolished: dict[str, int | None],
    change: Change,
    where: str,
) -> list[str]:
    """Refuses an impossible change; returns the baseline buildings it touches."""
    if isinstance(change, FloorChange):
        return [_check_floor(baseline, ratios, demolished, change, where)]
    if isinstance(change, BuildingChange):
        return _check_building(baseline, change, where)
    if isinstance(change, NewBuilding):
        _known_not(change.id, baseline.protected, f"{where}.id")
        _check_new_building(con, ratios, demolished, change, where)
    elif isinstance(change, ParkingLotChange):
        _known(change.lot_id, baseline.lots, f"{where}.lot_id", "parking lot")
        if change.capacity < 0:
            raise ScenarioError(f"{where}.capacity", f"expected at least 0 spaces, got {change.capacity}")
    else:
        _check_green(baseline, change, where)
    return []


# --- duplicates and phases --------------------------------------------------------------------------------


def _targets(change: Change) -> list[tuple[str, str]]:
    """What a change acts on, as (kind, id): two changes may not act on the same thing."""
    if isinstance(change, FloorChange):
        return [("floor", change.floor_id)]
    if isinstance(change, BuildingChange | NewBuilding):
        return [("building", change.building_id if isinstance(change, BuildingChange) else change.id)]
    if isinstance(change, ParkingLotChange):
        return [("parking lot", change.lot_id)]
    return [("parking lot", change.lot_id)] if change.lot_id is not None else [("plot", str(change.plot_id))]


def _check_unique(changes: Sequence[Change]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for where, change in indexed(changes):
        for target in _targets(change):
            if target in seen:
                field = "id" if isinstance(change, NewBuilding) else _id_field(change)
                raise ScenarioError(
                    f"{where}.{field}", f"{target[0]} {target[1]} is already changed by {seen[target]}"
                )
            seen[target] = where


def _id_field(change: Change) -> str:
    if isinstance(change, FloorChange):
        return "floor_id"
    if isinstance(change, BuildingChange):
        return "building_id"
    if isinstance(change, GreenChange) and change.lot_id is None:
        return "plot_id"
    return "lot_id"


def _check_phase(phase: int | None, where: str) -> None:
    if phase is not None and not PHASES[0] <= phase <= PHASES[1]:
        raise ScenarioError(f"{where}.phase", f"expected a year from {PHASES[0]} to {PHASES[1]}, got {phase}")


# --- the baseline rows named ------------------------------------------------------------------------------


# The baseline rows a document names, in one round trip: `wanted` (kind, id) is registered from the document.
_BASELINE_ROWS = """
SELECT 'floor' AS kind, floor_id AS id, building_id, area_m2, use, status, NULL::BOOLEAN AS protected
FROM floors WHERE floor_id IN (SELECT id FROM wanted WHERE kind = 'floor')
UNION ALL
SELECT 'building', building_id, NULL, NULL, NULL, NULL, protected FROM buildings
WHERE building_id IN (SELECT id FROM wanted WHERE kind = 'building')
   OR building_id IN (SELECT building_id FROM floors
                      WHERE floor_id IN (SELECT id FROM wanted WHERE kind = 'floor'))
UNION ALL
SELECT 'lot', lot_id, NULL, NULL, NULL, NULL, NULL FROM parking_lots
WHERE lot_id IN (SELECT id FROM wanted WHERE kind = 'lot')
UNION ALL
SELECT 'plot', plot_id, NULL, NULL, NULL, NULL, NULL FROM biodiversity_plots
WHERE plot_id IN (SELECT id FROM wanted WHERE kind = 'plot')
"""


def _wanted(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """(kind, id) of every baseline row the changes name; new building ids too, to find the ones taken."""
    wanted: list[tuple[str, str]] = []
    for change in changes:
        if isinstance(change, FloorChange):
            wanted.append(("floor", change.floor_id))
        elif isinstance(change, BuildingChange | NewBuilding):
            wanted.append(
                ("building", change.building_id if isinstance(change, BuildingChange) else change.id)
            )
        elif isinstance(change, ParkingLotChange) or (isinstance(change, GreenChange) and change.lot_id):
            wanted.append(("lot", str(change.lot_id)))
        elif isinstance(change, GreenChange) and change.plot_id:
            wanted.append(("plot", change.plot_id))
    return wanted


def _baseline(con: Connection, changes: Sequence[Change]) -> Baseline:
    wanted = _wanted(changes)
    baseline = Baseline({}, {}, set(), set())
    if not wanted:
        return baseline
    con.register("wanted", pa.table({"kind": [w[0] for w in wanted], "id": [w[1] for w in wanted]}))
    try:
        rows = con.execute(_BASELINE_ROWS).fetchall()
    finally:
        con.unregister("wanted")
    for kind, key, building_id, area, use, status, protected in rows:
        if kind == "floor":
            baseline.floors[key] = BaseFloor(building_id, float(area), use, status)
        elif kind == "building":
            baseline.protected[key] = bool(protected)
        else:
            (baseline.lots if kind == "lot" else baseline.plots).add(key)
    return baseline


def _known(value: str, known: set[str] | dict[str, Any], field: str, what: str) -> None:
    if value not in known:
        raise ScenarioError(field, f"unknown {what} {value!r}")


# --- floors and buildings ---------------------------------------------------------------------------------


def effective_use_status(use: str, status: str, change: FloorChange) -> tuple[str, str]:
    """A floor's (use, status) after a change: a use other than vacant makes it occupied unless a status is
    given; the status vacant makes its use vacant. (geodata.indicators applies the same rule in SQL.)"""
    new_use = change.use if change.use is not None else (VACANT if change.status == VACANT else use)
    implied = None if change.use is None else (VACANT if change.use == VACANT else "occupied")
    return new_use, change.status or implied or status


def _check_floor(
    baseline: Baseline,
    ratios: dict[str, Ratio],
    demolished: dict[str, int | None],
    change: FloorChange,
    where: str,
) -> str:
    _known(change.floor_id, baseline.floors, f"{where}.floor_id", "floor")
    floor = baseline.floors[change.floor_id]
    # A floor may change before its building goes (a temporary use), not once it has gone.
    if floor.building_id in demolished and volumes.no_later(demolished[floor.building_id], change.phase):
        raise ScenarioError(
            f"{where}.floor_id", f"its building {floor.building_id} is demolished by then in this scenario"
        )
    _check_codes(change.use, change.status, where)
    use, status = effective_use_status(floor.use, floor.status, change)
    _check_use_status(use, status, where)
    _check_dwellings(change.dwellings, use, floor.area_m2, ratios, where)
    return floor.building_id


def _check_codes(use: str | None, status: str | None, where: str) -> None:
    if use is not None and use not in USES:
        raise ScenarioError(f"{where}.use", f"unknown use {use!r}; expected one of {', '.join(USES)}")
    if status is not None and status not in FLOOR_STATUSES:
        raise ScenarioError(f"{where}.status", f"unknown status {status!r}; expected occupied or vacant")


def _check_use_status(use: str, status: str, where: str) -> None:
    if (use == VACANT) != (status == VACANT):
        reason = "an occupied floor needs a use other than vacant" if status != VACANT else (
            "a vacant floor has the use vacant"
        )  # fmt: skip
        raise ScenarioError(f"{where}.status" if status == VACANT else f"{where}.use", reason)


def _check_dwellings(
    dwellings: int | None, use: str, area: float, ratios: dict[str, Ratio], where: str
) -> None:
    if dwellings is None:
        return
    if use != "housing":
        raise ScenarioError(
            f"{where}.dwellings", f"dwellings given for a floor whose use is {use}, not housing"
        )
    least = ratios["min_m2_per_dwelling"].value
    if dwellings < 0 or dwellings * least > area:
        raise ScenarioError(
            f"{where}.dwellings",
            f"{dwellings} dwellings do not fit in {area:,.0f} m² (at least {least:g} m² each: "
            f"at most {int(area // least)})",
        )


def _check_building(baseline: Baseline, change: BuildingChange, where: str) -> list[str]:
    _known(change.building_id, baseline.protected, f"{where}.building_id", "building")
    if change.action not in ("demolish", "keep"):
        raise ScenarioError(f"{where}.action", f"expected demolish or keep, got {change.action!r}")
    return [change.building_id] if change.action == "demolish" else []


def _check_green(baseline: Baseline, change: GreenChange, where: str) -> None:
    if (change.plot_id is None) == (change.lot_id is None):
        raise ScenarioError(where, "give exactly one of plot_id, lot_id")
    if change.plot_id is not None:
        _known(change.plot_id, baseline.plots, f"{where}.plot_id", "biodiversity plot")
    else:
        _known(str(change.lot_id), baseline.lots, f"{where}.lot_id", "parking lot")


def _known_not(value: str, known: dict[str, bool], field: str) -> None:
    if value in known:
        raise ScenarioError(field, f"building id {value!r} is taken by a baseline building")


# --- new buildings ----------------------------------------------------------------------------------------


def _check_new_building(
    con: Connection,
    ratios: dict[str, Ratio],
    demolished: dict[str, int | None],
    change: NewBuilding,
    where: str,
) -> None:
    area = volumes.check_volume(con, change, demolished, where)
    for level, floor in enumerate(change.floors):
        _check_new_floor(floor, area, ratios, f"{where}.floors[{level}]")


def _check_new_floor(floor: NewFloor, area: float, ratios: dict[str, Ratio], where: str) -> None:
    _check_codes(floor.use, floor.status, where)
    _check_use_status(floor.use, floor.status, where)
    _check_dwellings(floor.dwellings, floor.use, area, ratios, where)
