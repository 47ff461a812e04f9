"""Where a contribution is pinned: on a building, on one of its floors, or on a point on the ground inside
the district. The pin stands on the footprint's representative point (always inside the outline, unlike
the centroid of an L-shaped building), at the height of the floor's top or the building's roof, so a pin
on the third floor floats above the third slab (slabs stack in whole storeys: height_m / floors_count).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import shapely
from shapely.geometry.base import BaseGeometry

from geodata import queries
from geodata.queries import Connection

PLACE_KINDS = ("building_id", "floor_id", "lon")  # "lon" stands for the pair lon + lat


@dataclass(frozen=True)
class Place:
    building_id: str | None
    floor_id: str | None
    level: int | None
    lon: float
    lat: float
    altitude_m: float  # the floor's top, the building's roof, or 0 on the ground


class PlaceError(ValueError):
    """A place that cannot be pinned; the message starts with the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def place_of(
    con: Connection,
    building_id: str | None = None,
    floor_id: str | None = None,
    lon: float | None = None,
    lat: float | None = None,
) -> Place:
    """The place of exactly one of: a building, a floor, a point (lon and lat, WGS84) inside the district."""
    kind = _one_kind(building_id, floor_id, lon, lat)
    if kind == "building_id":
        return _building_place(con, _identifier("building_id", building_id))
    if kind == "floor_id":
        return _floor_place(con, _identifier("floor_id", floor_id))
    return _ground_place(con, _coordinate("lon", lon, 180.0), _coordinate("lat", lat, 90.0))


def district_outline(con: Connection) -> BaseGeometry:
    """The district's outline (the union of the `district` dataset's polygons)."""
    return shapely.union_all(_shapes(queries.district_boundary(con)))


def _one_kind(building_id: object, floor_id: object, lon: object, lat: object) -> str:
    present = (building_id is not None, floor_id is not None, lon is not None or lat is not None)
    kinds = [kind for kind, given in zip(PLACE_KINDS, present, strict=True) if given]
    if not kinds:
        raise PlaceError("place", "give a building_id, a floor_id, or lon and lat")
    if len(kinds) > 1:
        raise PlaceError(kinds[1], f"not with {kinds[0]}: give one of building_id, floor_id, or lon and lat")
    return kinds[0]


def _identifier(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise PlaceError(field, "must be text")
    return value


def _coordinate(field: str, value: object, limit: float) -> float:
    """A finite number within ±limit (degrees); booleans are not numbers here, nor is NaN."""
    if value is None:
        raise PlaceError(field, "lon and lat go together: both are required")
    if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
        raise PlaceError(field, f"must be a number from {-limit:g} to {limit:g} (WGS84 degrees)")
    return float(value)


def _building_place(con: Connection, building_id: str) -> Place:
    found = queries.building_footprint(con, building_id)
    if found.num_rows == 0:
        raise PlaceError("building_id", "no such building in the district")
    lon, lat = _inside_point(found)
    return Place(building_id, None, None, lon, lat, _top(found))


def _floor_place(con: Connection, floor_id: str) -> Place:
    found = queries.floor_footprint(con, floor_id)
    if found.num_rows == 0:
        raise PlaceError("floor_id", "no such floor in the district")
    lon, lat = _inside_point(found)
    building_id, level = found["building_id"][0].as_py(), int(found["level"][0].as_py())
    return Place(building_id, floor_id, level, lon, lat, _top(found))


def _ground_place(con: Connection, lon: float, lat: float) -> Place:
    if not district_outline(con).covers(shapely.Point(lon, lat)):
        raise PlaceError("lon", f"the point ({lon:g}, {lat:g}) lies outside the district")
    return Place(None, None, None, lon, lat, 0.0)


def _shapes(table: pa.Table) -> list[BaseGeometry]:
    return list(shapely.from_wkb(table.column("geometry").to_pylist()))


def _inside_point(table: pa.Table) -> tuple[float, float]:
    point = _shapes(table)[0].representative_point()
    return float(point.x), float(point.y)


def _top(table: pa.Table) -> float:
    return float(table["top_m"][0].as_py())
