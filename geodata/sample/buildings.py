"""The sample mill buildings: illustrative footprints whose floor areas agree with DMC-FACTS.

Footprints are drawn in metres on a local grid aligned with the site axis (rows of buildings west to east,
rows north to south, streets between them), then turned into EPSG:4326. The building numbers 75, 57, 62,
48, 63, 118, 59, 60 and the Réfectoire are the site's own; the others are illustrative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from shapely.geometry.base import BaseGeometry

from geodata.geometry import LocalFrame, l_shape, rectangle

Shape = Literal["rect", "L"]
ORIGIN_LON, ORIGIN_LAT = 7.3225, 47.7530  # middle of the study area
SITE_AXIS_DEG = 20.0  # illustrative orientation of the mill grid
SITE = LocalFrame(ORIGIN_LON, ORIGIN_LAT, SITE_AXIS_DEG)
ROW_STREET_M = 18.0  # street between two rows
GAPS_M = (14.0, 19.0, 16.0, 22.0, 15.0)  # gaps between neighbours in a row, cycled
L_NOTCH = 0.5  # an L-shape is its rectangle less a quarter: area = 0.75 · length · depth


@dataclass(frozen=True)
class BuildingSpec:
    building_id: str
    name: str
    period: str
    footprint_m2: float
    depth_m: float
    floors: int
    occupied_floors: int = 0  # counted from the ground floor up
    use: str = "vacant"
    occupant: str | None = None
    protected: bool = False
    shape: Shape = "rect"
    storey_m: float = 5.0

    @property
    def length_m(self) -> float:
        factor = 1 - L_NOTCH**2 if self.shape == "L" else 1.0
        return self.footprint_m2 / (factor * self.depth_m)

    @property
    def height_m(self) -> float:
        return round(self.floors * self.storey_m, 1)


P1, P2, P3 = "1841–1900", "1901–1920", "1921–1958"
VILLAGE, ARTISANS = "Village d'entreprises", "Ateliers d'artisans"
B = BuildingSpec

# North to south; in each row west to east. The business village sits in the north-east.
ROWS: tuple[tuple[BuildingSpec, ...], ...] = (
    (
        B("12", "Magasin nord", P2, 900, 20, 1),
        B("18", "Atelier de teinture", P1, 1200, 24, 2, shape="L"),
        B("21", "Bâtiment 21", P3, 1000, 20, 3, 1, "workshop", ARTISANS),
        B("110", "Village d'entreprises A", P3, 900, 18, 2, 2, "office", VILLAGE),
        B("112", "Village d'entreprises B", P3, 900, 18, 2, 1, "office", VILLAGE),
        B("114", "Village d'entreprises C", P3, 800, 16, 2, 1, "office", VILLAGE),
    ),
    (
        B("62", "Bâtiment 62", P2, 5330, 41, 4, storey_m=5.5),
        B("59", "Bâtiment 59", P2, 2000, 30, 3),
        B("60", "Bâtiment 60", P2, 1600, 30, 3),
        B("116", "Village d'entreprises D", P3, 900, 20, 2, 1, "office", "Bureaux d'études"),
        B("117", "Annexe 117", P3, 480, 16, 1),
    ),
    (
        B("75", "Motoco", P2, 3000, 30, 3, 3, "workshop", "Motoco — ateliers d'artistes", storey_m=5.5),
        B(
            "57",
            "Climbing Mulhouse Center",
            P1,
            2500,
            40,
            1,
            1,
            "culture_sport",
            "Climbing Mulhouse Center",
            storey_m=25.0,
        ),  # fmt: skip
        B("55", "Magasin de filés", P1, 1200, 24, 1, storey_m=8.0),
        B("54", "Bâtiment 54", P2, 1400, 30, 2, shape="L"),
        B("52", "Annexe 52", P2, 600, 15, 1),
    ),
    (
        B("1", "Filature DMC", P2, 2800, 30, 3, 1, "workshop", "DMC SAS — production textile"),
        B(
            "5",
            "DMC — bureaux et magasin",
            P3,
            1800,
            30,
            2,
            1,
            "office",
            "DMC SAS — bureaux et stockage",
            shape="L",
        ),
        B("48", "Halle à sheds 48", P3, 2400, 40, 1, storey_m=9.0),
        B("63", "Bâtiment 63", P1, 1500, 24, 3, protected=True),
        B("64", "Annexe 64", P1, 560, 14, 1, 1, "storage", "Logisticien local"),
    ),
    (
        B("REF", "Réfectoire", P1, 750, 15, 1, protected=True, storey_m=8.0),
        B("118", "Bâtiment 118", P2, 1800, 36, 2, protected=True, shape="L"),
        B(
            "66",
            "La Petite Manchester",
            P2,
            1400,
            24,
            2,
            1,
            "workshop",
            "La Petite Manchester — fab-lab textile",
        ),
        B("30", "École", P3, 1600, 20, 2, 1, "school", "École"),
        B("32", "Atelier 32", P3, 800, 16, 1, 1, "workshop", ARTISANS),
        B("34", "Annexe 34", P3, 500, 14, 1),
    ),
    (
        B("36", "Magasin sud", P2, 1000, 22, 2),
        B("38", "Chaufferie", P2, 700, 18, 1, storey_m=10.0),
        B("40", "Bâtiment 40", P2, 1000, 20, 2),
        B("42", "Bâtiment 42", P3, 1000, 20, 2, shape="L"),
        B("44", "Bâtiment 44", P3, 900, 20, 2),
        B("46", "Annexe 46", P3, 500, 14, 1),
    ),
    (
        B("70", "Bâtiment 70", P1, 1200, 24, 2),
        B("72", "Bâtiment 72", P2, 1200, 22, 2),
        B("78", "Bâtiment 78", P2, 900, 20, 2),
        B("80", "Bâtiment 80", P3, 900, 20, 1),
        B("85", "Annexe 85", P3, 450, 15, 1),
        B("14", "Annexe 14", P3, 520, 16, 1),
        B("90", "Annexe 90", P3, 400, 14, 1),
    ),
)
SPECS: tuple[BuildingSpec, ...] = tuple(spec for row in ROWS for spec in row)


@dataclass(frozen=True)
class PlacedBuilding:
    spec: BuildingSpec
    x: float  # south-west corner on the site grid, metres
    y: float
    local: BaseGeometry  # footprint on the site grid, metres

    @property
    def footprint(self) -> BaseGeometry:
        return SITE.to_wgs84(self.local)


def _row_depth(row: tuple[BuildingSpec, ...]) -> float:
    return max(spec.depth_m for spec in row)


def _row_length(row: tuple[BuildingSpec, ...]) -> float:
    gaps = sum(GAPS_M[i % len(GAPS_M)] for i in range(len(row) - 1))
    return sum(spec.length_m for spec in row) + gaps


def block_size() -> tuple[float, float]:
    """(length, depth) in metres of the whole mill block on the site grid."""
    depth = sum(_row_depth(row) for row in ROWS) + ROW_STREET_M * (len(ROWS) - 1)
    return max(_row_length(row) for row in ROWS), depth


def _place_row(row: tuple[BuildingSpec, ...], top: float, length: float) -> list[PlacedBuilding]:
    depth = _row_depth(row)
    x = -length / 2 + (length - _row_length(row)) / 2
    placed = []
    for index, spec in enumerate(row):
        y = top - depth + (depth - spec.depth_m) * (0.2 if index % 2 else 0.7)
        draw = l_shape if spec.shape == "L" else rectangle
        placed.append(PlacedBuilding(spec, x, y, draw(x, y, spec.length_m, spec.depth_m)))
        x += spec.length_m + GAPS_M[index % len(GAPS_M)]
    return placed


def place_buildings() -> list[PlacedBuilding]:
    """Every building at its place on the site grid, the block centred on the origin."""
    length, depth = block_size()
    top, placed = depth / 2, []
    for row in ROWS:
        placed.extend(_place_row(row, top, length))
        top -= _row_depth(row) + ROW_STREET_M
    return placed


def total_floor_area_m2() -> float:
    """Planned floor area (footprint × floors) — the built data recomputes it in EPSG:2154."""
    return math.fsum(spec.footprint_m2 * spec.floors for spec in SPECS)
