"""The geometry of new building volumes in a scenario: a readable, valid footprint inside the study area, over
no building that still stands nor another new one, with a plausible height (limits of geodata.schema)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.errors import ScenarioError
from geodata.geometry import metric_area_m2
from geodata.places import district_outline
from geodata.scenario import Change, NewBuilding
from geodata.schema import MAX_FLOOR_AREA_M2, MAX_FLOORS, MAX_HEIGHT_M, STOREY_HEIGHT_M

Connection = duckdb.DuckDBPyConnection
MIN_FOOTPRINT_M2 = 1.0
# Footprints drawn by hand meet along shared walls: an overlap under this is a drawing tolerance, not a clash.
OVERLAP_TOLERANCE_M2 = 1.0


def check_volume(
    con: Connection, change: NewBuilding, demolished: dict[str, int | None], where: str
) -> float:
    """Refuses an impossible volume; returns its footprint area in m² (Lambert-93)."""
    shape = new_footprint(change, f"{where}.geometry")
    area = metric_area_m2(shape)
    if not MIN_FOOTPRINT_M2 <= area <= MAX_FLOOR_AREA_M2:
        raise ScenarioError(
            f"{where}.geometry",
            f"footprint of {area:,.1f} m², expected {MIN_FOOTPRINT_M2:g} to {MAX_FLOOR_AREA_M2:,.0f} m²",
        )
    _check_inside_study_area(con, shape, f"{where}.geometry")
    _check_over_kept_buildings(con, shape, demolished, change.phase, f"{where}.geometry")
    _check_height(change.height_m, len(change.floors), where)
    return area


def new_footprint(change: NewBuilding, where: str = "geometry") -> BaseGeometry:
    """The footprint of a new building as a shapely polygon (EPSG:4326); ScenarioError when it is not a
    readable, valid, non-empty polygon."""
    try:
        shape = shapely.geometry.shape(change.geometry)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.ShapelyError):
        raise ScenarioError(where, "not a GeoJSON Polygon") from None
    if shape.geom_type != "Polygon" or shape.is_empty:
        raise ScenarioError(where, "expected a non-empty GeoJSON Polygon")
    if not shape.is_valid:
        raise ScenarioError(where, f"invalid polygon: {shapely.is_valid_reason(shape)}")
    return shape


def _check_height(height_m: float, floors: int, where: str) -> None:
    if not 0 < height_m <= MAX_HEIGHT_M:  # also refuses NaN
        raise ScenarioError(
            f"{where}.height_m", f"expected more than 0 and at most {MAX_HEIGHT_M:g} m, got {height_m:g}"
        )
    if not 1 <= floors <= MAX_FLOORS:
        raise ScenarioError(f"{where}.floors", f"expected 1 to {MAX_FLOORS} floors, got {floors}")
    storey = height_m / floors
    low, high = STOREY_HEIGHT_M
    if not low <= storey <= high:
        raise ScenarioError(
            f"{where}.height_m",
            f"{height_m:g} m over {floors} floors is {storey:.1f} m per storey; "
            f"expected {low:g} to {high:g} m",
        )


def _check_inside_study_area(con: Connection, shape: BaseGeometry, where: str) -> None:
    if not district_outline(con).covers(shape):
        raise ScenarioError(where, "the footprint is not inside the study area (the district outline)")


def _check_over_kept_buildings(
    con: Connection, shape: BaseGeometry, demolished: dict[str, int | None], phase: int | None, where: str
) -> None:
    """Refuses a footprint over a baseline building that still stands when the new one is built."""
    west, south, east, north = shape.bounds
    rows = con.execute(
        """SELECT building_id, geometry FROM buildings
           WHERE bbox.xmax >= $west AND bbox.xmin <= $east AND bbox.ymax >= $south AND bbox.ymin <= $north
           ORDER BY building_id""",
        {"west": west, "east": east, "south": south, "north": north},
    ).fetchall()
    for building_id, wkb in rows:
        if building_id in demolished and no_later(demolished[building_id], phase):
            continue
        overlap = _overlap_m2(shape, shapely.from_wkb(wkb))
        if overlap > OVERLAP_TOLERANCE_M2:
            raise ScenarioError(
                where, f"the footprint covers {overlap:,.0f} m² of building {building_id}, which stands"
            )


def no_later(demolished_in: int | None, other_in: int | None) -> bool:
    """Whether a demolition (phase year, or None: at once) comes no later than another change."""
    return demolished_in is None or (other_in is not None and demolished_in <= other_in)


def _overlap_m2(one: BaseGeometry, other: BaseGeometry) -> float:
    if not one.intersects(other):
        return 0.0
    return metric_area_m2(one.intersection(other))


def check_new_overlaps(changes: Sequence[Change]) -> None:
    placed: list[tuple[str, BaseGeometry]] = []
    for i, change in enumerate(changes):
        where = f"changes[{i}]"
        if not isinstance(change, NewBuilding):
            continue
        shape = new_footprint(change, f"{where}.geometry")
        for other_id, other in placed:
            if _overlap_m2(shape, other) > OVERLAP_TOLERANCE_M2:
                raise ScenarioError(f"{where}.geometry", f"the footprint overlaps new building {other_id}")
        placed.append((change.id, shape))
