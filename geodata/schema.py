"""The datasets the twin loads: file names, required columns with their kinds, allowed values.

Kinds are deliberately coarse ("integer" accepts any Arrow integer width) so that a file written by
another tool with the same meaning still loads; see docs/data-model.md for units and meanings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from geodata.uses import USES

Kind = Literal["string", "integer", "float", "boolean", "timestamp", "date", "geometry"]

EXPECTED_CRS = "EPSG:4326"
PROVENANCE_FILE = "provenance.json"
FLOOR_STATUSES = ("occupied", "vacant")
SPACE_KINDS = ("room", "studio", "machine")
CONSTRUCTION_PERIODS = ("1841–1900", "1901–1920", "1921–1958")
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")  # every geometry dataset holds areas

# Plausibility limits (docs/data-model.md, "What is checked"). Generous on purpose: they catch unit and
# encoding mistakes (a height in millimetres, 10,000 storeys), not unusual buildings. The tallest
# buildings in Europe are under 500 m and the tallest anywhere has 163 storeys.
MAX_HEIGHT_M = 500.0
MAX_FLOORS = 200
MAX_FLOOR_AREA_M2 = 1_000_000.0  # one square kilometre on one storey
# height_m / floors_count: a low attic storey (2 m) up to a single-volume hall (the district's climbing
# centre is one 25 m storey; the tallest industrial halls approach 30 m).
STOREY_HEIGHT_M = (2.0, 30.0)
# Every geometry must lie inside the study area (the `district` dataset's bounding box) widened by this
# margin, in degrees (0.01° is about 1.1 km north-south and 0.75 km east-west at Mulhouse).
STUDY_AREA_MARGIN_DEG = 0.01
# The commune around the study area is wider than it: it must lie within this larger margin (~50 km),
# which still refuses swapped axes or another continent.
CONTEXT_MARGIN_DEG = 0.5


@dataclass(frozen=True)
class Range:
    """Plausible values of a numeric column: above `low` (strictly when `low_open`), at most `high`."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False

    def describe(self) -> str:
        parts = []
        if self.low is not None:
            parts.append(f"{'more than' if self.low_open else 'at least'} {self.low:g}")
        if self.high is not None:
            parts.append(f"at most {self.high:g}")
        return " and ".join(parts)


POSITIVE = Range(0.0, low_open=True)
NOT_NEGATIVE = Range(0.0)


@dataclass(frozen=True)
class DatasetSpec:
    """One dataset. Every column must be non-null (and not NaN) unless listed in `nullable`.

    `key` is the column whose values must be unique; `references` maps a column to the dataset whose key
    each of its values must name (e.g. floors.building_id -> buildings). Float columns must be finite;
    `ranges` bounds numeric columns. `area_margin_deg` is how far (in degrees) geometries may reach beyond
    the study area's bounding box; None for the study area itself.
    """

    name: str
    columns: dict[str, Kind]
    allowed_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    key: str | None = None
    references: dict[str, str] = field(default_factory=dict)
    nullable: tuple[str, ...] = ()
    ranges: dict[str, Range] = field(default_factory=dict)
    area_margin_deg: float | None = STUDY_AREA_MARGIN_DEG

    @property
    def file_name(self) -> str:
        return f"{self.name}.parquet"

    @property
    def has_geometry(self) -> bool:
        return "geometry" in self.columns

    def path(self, data_dir: Path) -> Path:
        return data_dir / self.file_name


DISTRICT = DatasetSpec("district", {"name": "string", "geometry": "geometry"}, area_margin_deg=None)
CONTEXT_COMMUNE = DatasetSpec(
    "context_commune",
    {"name": "string", "insee_code": "string", "geometry": "geometry"},
    area_margin_deg=CONTEXT_MARGIN_DEG,
)
BUILDINGS = DatasetSpec(
    "buildings",
    {
        "building_id": "string",
        "name": "string",
        "construction_period": "string",
        "height_m": "float",
        "floors_count": "integer",
        "protected": "boolean",
        "geometry": "geometry",
    },
    {"construction_period": CONSTRUCTION_PERIODS},
    key="building_id",
    nullable=("construction_period",),  # unknown in BD TOPO, OSM and the other building files
    ranges={"height_m": Range(0.0, MAX_HEIGHT_M, low_open=True), "floors_count": Range(1, MAX_FLOORS)},
)
FLOORS = DatasetSpec(
    "floors",
    {
        "floor_id": "string",
        "building_id": "string",
        "level": "integer",
        "area_m2": "float",
        "status": "string",
        "use": "string",
        "occupant": "string",
        "geometry": "geometry",
    },
    {"status": FLOOR_STATUSES, "use": USES},
    key="floor_id",
    references={"building_id": "buildings"},
    # status NULL: occupancy not known (a building file says what a building is for, not whether it is used)
    nullable=("status", "occupant"),
    ranges={"area_m2": Range(0.0, MAX_FLOOR_AREA_M2, low_open=True)},
)
SPACES = DatasetSpec(
    "spaces",
    {
        "space_id": "string",
        "name": "string",
        "kind": "string",
        "floor_id": "string",
        "building_id": "string",
        "level": "integer",
        "capacity": "integer",
        "geometry": "geometry",
    },
    {"kind": SPACE_KINDS},
    key="space_id",
    references={"building_id": "buildings", "floor_id": "floors"},
    ranges={"level": NOT_NEGATIVE, "capacity": NOT_NEGATIVE},
)
PARKING_LOTS = DatasetSpec(
    "parking_lots",
    {"lot_id": "string", "name": "string", "capacity": "integer", "geometry": "geometry"},
    key="lot_id",
    ranges={"capacity": NOT_NEGATIVE},
)
BIODIVERSITY_PLOTS = DatasetSpec(
    "biodiversity_plots",
    {"plot_id": "string", "name": "string", "habitat": "string", "area_m2": "float", "geometry": "geometry"},
    key="plot_id",
    ranges={"area_m2": POSITIVE},
)
BOOKINGS = DatasetSpec(
    "bookings",
    {
        "booking_id": "string",
        "space_id": "string",
        "start": "timestamp",
        "end": "timestamp",
        "booked_by": "string",
    },
    key="booking_id",
    references={"space_id": "spaces"},
)
PARKING_OCCUPANCY = DatasetSpec(
    "parking_occupancy",
    {"lot_id": "string", "observed_at": "timestamp", "free_spaces": "integer"},
    references={"lot_id": "parking_lots"},
    ranges={"free_spaces": NOT_NEGATIVE},
)
BIODIVERSITY_OBSERVATIONS = DatasetSpec(
    "biodiversity_observations",
    {
        "observation_id": "string",
        "plot_id": "string",
        "observed_on": "date",
        "species": "string",
        "count": "integer",
    },
    key="observation_id",
    references={"plot_id": "biodiversity_plots"},
    ranges={"count": NOT_NEGATIVE},
)

DATASETS: tuple[DatasetSpec, ...] = (
    DISTRICT,
    CONTEXT_COMMUNE,
    BUILDINGS,
    FLOORS,
    SPACES,
    PARKING_LOTS,
    BIODIVERSITY_PLOTS,
    BOOKINGS,
    PARKING_OCCUPANCY,
    BIODIVERSITY_OBSERVATIONS,
)
DATASET_NAMES: tuple[str, ...] = tuple(spec.name for spec in DATASETS)
# Together they give the app its activity period (none: the day the app started, see queries).
ACTIVITY_DATASETS: tuple[str, ...] = ("bookings", "parking_occupancy")


def spec_for(name: str) -> DatasetSpec:
    return next(spec for spec in DATASETS if spec.name == name)
