"""Checks across datasets, after each file passed its own: ids that must exist in their parent dataset,
floor levels within their building, and an activity period to show."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from geodata.errors import InvalidDatasetError
from geodata.schema import ACTIVITY_DATASETS, DATASETS, spec_for


def check_integrity(data_dir: Path, tables: Mapping[str, pa.Table]) -> None:
    """`tables` holds every dataset's checked columns, keyed by dataset name."""
    for spec in DATASETS:
        for column, parent in spec.references.items():
            keys = tables[parent].column(_key_of(parent))
            _check_reference(spec.path(data_dir), tables[spec.name].column(column), column, parent, keys)
    _check_levels(spec_for("floors").path(data_dir), tables["floors"], tables["buildings"])
    _check_activity(data_dir, tables)


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
    """Each floor's level lies in 0..floors_count-1 of its building."""
    counts = dict(
        zip(buildings["building_id"].to_pylist(), buildings["floors_count"].to_pylist(), strict=True)
    )
    rows = zip(floors.column("building_id").to_pylist(), floors.column("level").to_pylist(), strict=True)
    for row, (building_id, level) in enumerate(rows):
        count = counts[building_id]
        if not 0 <= level < count:
            reason = f"level {level} is outside 0..{count - 1} (building {building_id!r} has {count} floors)"
            raise InvalidDatasetError(path, reason, row)


def _check_activity(data_dir: Path, tables: Mapping[str, pa.Table]) -> None:
    if any(tables[name].num_rows for name in ACTIVITY_DATASETS):
        return
    first, *others = ACTIVITY_DATASETS
    elsewhere = ", ".join(f"{name}.parquet" for name in others)
    reason = f"no rows, and none in {elsewhere} either: the activity period is unknown"
    raise InvalidDatasetError(spec_for(first).path(data_dir), reason)
