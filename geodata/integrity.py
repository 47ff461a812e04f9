"""Checks across datasets and across columns, after each file passed its own: ids that must exist in their
parent dataset, floor levels within their building and one floor per level, plausible storey heights,
and geometry inside the study area. No activity is allowed: a twin of buildings alone shows one day.
Vectorised (pyarrow / numpy): a city of 250,000 floors is checked without a Python loop per row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from geodata.errors import InvalidDatasetError
from geodata.geometry_checks import BOUNDS
from geodata.schema import DATASETS, STOREY_HEIGHT_M, spec_for

Box = tuple[float, float, float, float]  # lon min, lat min, lon max, lat max


def check_integrity(data_dir: Path, tables: Mapping[str, pa.Table]) -> None:
    """`tables` holds every dataset's checked columns (geometry as BOUNDS), keyed by dataset name."""
    for spec in DATASETS:
        for column, parent in spec.references.items():
            keys = tables[parent].column(_key_of(parent))
            _check_reference(spec.path(data_dir), tables[spec.name].column(column), column, parent, keys)
    floors_path = spec_for("floors").path(data_dir)
    _check_levels(floors_path, tables["floors"], tables["buildings"])
    _check_one_floor_per_level(floors_path, tables["floors"])
    _check_storey_heights(spec_for("buildings").path(data_dir), tables["buildings"])
    _check_study_area(data_dir, tables)


def first_repeat(columns: Sequence[pa.ChunkedArray]) -> int | None:
    """The first row whose values, taken together, already appeared in an earlier row (None if none)."""
    count = len(columns[0]) if columns else 0
    combined = np.zeros(count, dtype=np.int64)
    for column in columns:
        encoded = pc.dictionary_encode(column.combine_chunks(), null_encoding="encode")
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        # Renumbering keeps the mixed-radix code below `count` squared, however many columns.
        combined = np.unique(combined * len(encoded.dictionary) + codes, return_inverse=True)[1]
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return _first(first[inverse] != np.arange(count))


def _key_of(dataset: str) -> str:
    key = spec_for(dataset).key
    if key is None:
        raise ValueError(f"dataset '{dataset}' has no key column to refer to")
    return key


def _check_reference(
    path: Path, values: pa.ChunkedArray, column: str, parent: str, keys: pa.ChunkedArray
) -> None:
    indices = pc.indices_nonzero(pc.invert(pc.is_in(values, value_set=keys.combine_chunks())))
    if len(indices):
        row = int(indices[0].as_py())
        found = values[row].as_py()
        raise InvalidDatasetError(path, f"column '{column}' has {found!r}, unknown in {parent}.parquet", row)


def _check_levels(path: Path, floors: pa.Table, buildings: pa.Table) -> None:
    """Each floor's level lies in 0..floors_count-1 of its building (every building id is known here)."""
    parent = pc.index_in(floors["building_id"], value_set=buildings["building_id"].combine_chunks())
    counts = pc.take(buildings["floors_count"], parent).to_numpy(zero_copy_only=False)
    levels = floors["level"].to_numpy()
    row = _first((levels < 0) | (levels >= counts))
    if row is not None:
        building_id, level, count = floors["building_id"][row].as_py(), int(levels[row]), int(counts[row])
        reason = f"level {level} is outside 0..{count - 1} (building {building_id!r} has {count} floors)"
        raise InvalidDatasetError(path, reason, row)


def _check_one_floor_per_level(path: Path, floors: pa.Table) -> None:
    """Two floors at one level of a building would draw one slab twice and count its area twice."""
    row = first_repeat([floors["building_id"], floors["level"]])
    if row is not None:
        building_id, level = floors["building_id"][row].as_py(), floors["level"][row].as_py()
        raise InvalidDatasetError(path, f"building {building_id!r} already has a floor at level {level}", row)


def _check_storey_heights(path: Path, buildings: pa.Table) -> None:
    """height_m / floors_count must be a storey a person could build (floors_count >= 1 was checked)."""
    heights = buildings["height_m"].to_numpy()
    counts = buildings["floors_count"].to_numpy().astype(np.float64)
    storeys = heights / counts
    low, high = STOREY_HEIGHT_M
    row = _first((storeys < low) | (storeys > high))
    if row is not None:
        reason = (
            f"height_m {heights[row]:g} over floors_count {int(counts[row])} gives storeys of "
            f"{storeys[row]:.3g} m, expected {low:g} to {high:g} m"
        )
        raise InvalidDatasetError(path, reason, row)


def _check_study_area(data_dir: Path, tables: Mapping[str, pa.Table]) -> None:
    """Geometry outside the study area's bounding box (plus a margin) is misplaced: swapped axes, another
    CRS's numbers or another town."""
    area = _study_area(spec_for("district").path(data_dir), tables["district"])
    for spec in DATASETS:
        if spec.has_geometry and spec.area_margin_deg is not None:
            _check_inside(spec.path(data_dir), tables[spec.name], area, spec.area_margin_deg)


def _study_area(path: Path, district: pa.Table) -> Box:
    if district.num_rows == 0:
        raise InvalidDatasetError(path, "no rows: the study area is unknown")
    xmin, ymin, xmax, ymax = (district[name].to_numpy() for name in BOUNDS)
    return float(xmin.min()), float(ymin.min()), float(xmax.max()), float(ymax.max())


def _check_inside(path: Path, table: pa.Table, area: Box, margin: float) -> None:
    xmin, ymin, xmax, ymax = (table[name].to_numpy() for name in BOUNDS)
    outside = (xmin < area[0] - margin) | (ymin < area[1] - margin)
    outside |= (xmax > area[2] + margin) | (ymax > area[3] + margin)
    row = _first(outside)
    if row is not None:
        found: Box = (xmin[row], ymin[row], xmax[row], ymax[row])
        reason = (
            f"geometry {_box(found)} lies outside the study area {_box(area)} "
            f"(district.parquet's extent, widened by {margin:g}°)"
        )
        if _is_inside((found[1], found[0], found[3], found[2]), area, margin):
            reason += "; are longitude and latitude swapped?"
        raise InvalidDatasetError(path, reason, row)


def _is_inside(box: Box, area: Box, margin: float) -> bool:
    return bool(
        box[0] >= area[0] - margin
        and box[1] >= area[1] - margin
        and box[2] <= area[2] + margin
        and box[3] <= area[3] + margin
    )


def _box(box: Box) -> str:
    return f"(lon {box[0]:.5f}..{box[2]:.5f}, lat {box[1]:.5f}..{box[3]:.5f})"


def _first(mask: npt.NDArray[np.bool_]) -> int | None:
    rows = np.flatnonzero(mask)
    return int(rows[0]) if len(rows) else None
