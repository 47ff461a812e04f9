"""Sample bookable spaces: Motoco studios and event hall, La Petite Manchester's shared textile machines,
meeting rooms in the business village. Each is a small polygon inside its building's footprint, touching
the footprint's outer edge so that it shows from outside in 3D."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geodata.geometry import WGS84, rectangle
from geodata.sample.buildings import SITE, PlacedBuilding

EDGE_GAP_M = 2.0  # between two spaces along a wall


@dataclass(frozen=True)
class SpaceSpec:
    building_id: str
    level: int
    kind: str
    name: str
    capacity: int
    width_m: float
    depth_m: float
    wall: str = "south"  # which outer wall of the footprint it lines


_STUDIO_WIDTHS = (10.0, 14.0, 18.0, 12.0, 16.0, 11.0)
_MACHINES = (
    "Métier à tisser Jacquard",
    "Métier à tisser à bras",
    "Machine à tricoter rectiligne",
    "Machine à tricoter circulaire",
    "Brodeuse numérique 1",
    "Brodeuse numérique 2",
    "Surjeteuse industrielle",
    "Machine à coudre industrielle",
    "Presse à transfert",
    "Découpe laser textile",
)


def _motoco() -> list[SpaceSpec]:
    studios = [
        SpaceSpec("75", level, "studio", f"Atelier {level}{n + 1:02d}", 1 + n % 3, width, 8.0)
        for level in range(3)
        for n, width in enumerate(_STUDIO_WIDTHS)
    ]
    hall = SpaceSpec("75", 0, "room", "Grande halle Motoco", 1200, 36.0, 22.0, "north")
    meeting = SpaceSpec("75", 1, "room", "Salle de réunion Motoco", 20, 10.0, 8.0, "north")
    return [hall, meeting, *studios]


def _petite_manchester() -> list[SpaceSpec]:
    walls = ("south", "north")  # five machines along each long wall
    machines = [
        SpaceSpec("66", 0, "machine", name, 1, 4.0, 4.0, walls[n // 5]) for n, name in enumerate(_MACHINES)
    ]
    return [*machines, SpaceSpec("66", 0, "room", "Salle de formation textile", 12, 10.0, 8.0, "north")]


def _village() -> list[SpaceSpec]:
    rooms = []
    for building_id, letter in (("110", "A"), ("112", "B"), ("114", "C"), ("116", "D")):
        rooms.append(SpaceSpec(building_id, 0, "room", f"Salle de réunion {letter}1", 8, 7.0, 6.0))
        rooms.append(SpaceSpec(building_id, 0, "room", f"Salle de réunion {letter}2", 16, 10.0, 6.0))
    return [*rooms, SpaceSpec("30", 0, "room", "Salle polyvalente de l'école", 60, 14.0, 10.0)]


SPACE_SPECS: tuple[SpaceSpec, ...] = (*_motoco(), *_petite_manchester(), *_village())


def _local_box(building: PlacedBuilding, spec: SpaceSpec, offset: float) -> BaseGeometry:
    x = building.x + EDGE_GAP_M + offset
    y = building.y if spec.wall == "south" else building.y + building.spec.depth_m - spec.depth_m
    return rectangle(x, y, spec.width_m, spec.depth_m)


def _layout(placed: list[PlacedBuilding]) -> list[tuple[SpaceSpec, BaseGeometry]]:
    """Spaces of one building, level and wall sit side by side from the west end of that wall."""
    by_id = {building.spec.building_id: building for building in placed}
    offsets: dict[tuple[str, int, str], float] = {}
    laid = []
    for spec in SPACE_SPECS:
        key = (spec.building_id, spec.level, spec.wall)
        building = by_id[spec.building_id]
        local = _local_box(building, spec, offsets.get(key, 0.0))
        offsets[key] = offsets.get(key, 0.0) + spec.width_m + EDGE_GAP_M
        # Intersect after projecting, so the space stays within the footprint despite rounding.
        laid.append((spec, SITE.to_wgs84(local).intersection(building.footprint)))
    return laid


def spaces(placed: list[PlacedBuilding]) -> gpd.GeoDataFrame:
    laid = _layout(placed)
    counters: dict[str, int] = {}
    ids = []
    for spec, _ in laid:
        counters[spec.building_id] = counters.get(spec.building_id, 0) + 1
        ids.append(f"{spec.building_id}-S{counters[spec.building_id]:02d}")
    columns = {
        "space_id": ids,
        "name": [spec.name for spec, _ in laid],
        "kind": [spec.kind for spec, _ in laid],
        "floor_id": [f"{spec.building_id}-{spec.level}" for spec, _ in laid],
        "building_id": [spec.building_id for spec, _ in laid],
        "level": [spec.level for spec, _ in laid],
        "capacity": [spec.capacity for spec, _ in laid],
    }
    return gpd.GeoDataFrame(columns, geometry=[shape for _, shape in laid], crs=WGS84)
