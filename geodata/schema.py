"""The datasets the twin loads: file names, required columns with their kinds, allowed values.

Kinds are deliberately coarse ("integer" accepts any Arrow integer width) so that a file written by
another tool with the same meaning still loads; see docs/data-model.md for units and meanings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Kind = Literal["string", "integer", "float", "boolean", "timestamp", "date", "geometry"]

EXPECTED_CRS = "EPSG:4326"
PROVENANCE_FILE = "provenance.json"
FLOOR_STATUSES = ("occupied", "vacant")
SPACE_KINDS = ("room", "studio", "machine")
CONSTRUCTION_PERIODS = ("1841–1900", "1901–1920", "1921–1958")
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")  # every geometry dataset holds areas


@dataclass(frozen=True)
class DatasetSpec:
    """One dataset. Every column must be non-null (and not NaN) unless listed in `nullable`.

    `key` is the column whose values must be unique; `references` maps a column to the dataset whose key
    each of its values must name (e.g. floors.building_id -> buildings).
    """

    name: str
    columns: dict[str, Kind]
    allowed_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    key: str | None = None
    references: dict[str, str] = field(default_factory=dict)
    nullable: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.parquet"

    @property
    def has_geometry(self) -> bool:
        return "geometry" in self.columns

    def path(self, data_dir: Path) -> Path:
        return data_dir / self.file_name


DISTRICT = DatasetSpec("district", {"name": "string", "geometry": "geometry"})
CONTEXT_COMMUNE = DatasetSpec(
    "context_commune", {"name": "string", "insee_code": "string", "geometry": "geometry"}
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
    {"status": FLOOR_STATUSES},
    key="floor_id",
    references={"building_id": "buildings"},
    nullable=("occupant",),
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
)
PARKING_LOTS = DatasetSpec(
    "parking_lots",
    {"lot_id": "string", "name": "string", "capacity": "integer", "geometry": "geometry"},
    key="lot_id",
)
BIODIVERSITY_PLOTS = DatasetSpec(
    "biodiversity_plots",
    {"plot_id": "string", "name": "string", "habitat": "string", "area_m2": "float", "geometry": "geometry"},
    key="plot_id",
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
# At least one of these must have rows: together they give the app its activity period.
ACTIVITY_DATASETS: tuple[str, ...] = ("bookings", "parking_occupancy")


def spec_for(name: str) -> DatasetSpec:
    return next(spec for spec in DATASETS if spec.name == name)
