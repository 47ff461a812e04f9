"""Query results (Arrow tables with WKB geometry) as the binary columns of a source, without a Python loop
per row: geometry through layers/shapes.py, attribute columns as numbers or dictionary-coded text.

Column names say what they describe: `f_<field>` one value per row (a floor, a lot), `s_<field>` one value per
shape (a building), `row_*` drawing columns (shape of the row, base and height in metres, colour class).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from layers.binary import Columns, text_column
from layers.shapes import Origin, from_wkb, point_columns, polygon_columns

Geometries = npt.NDArray[np.object_]


def numeric(column: pa.ChunkedArray | pa.Array) -> npt.NDArray[Any]:
    """Integers in the narrowest integer type (float32 with NaN when some are missing), floats as float32
    (NaN for missing)."""
    if pa.types.is_boolean(column.type):
        column = pc.cast(column, pa.uint8())
    if pa.types.is_integer(column.type) and column.null_count == 0:
        return small_integers(np.asarray(column.to_numpy(), dtype=np.int64))
    return np.asarray(pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float32)


def small_integers(values: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
    """The narrowest of uint8, int16 and int32 that holds every value: fewer bytes on the wire."""
    for dtype in (np.uint8, np.int16, np.int32):
        limits = np.iinfo(dtype)
        if values.size == 0 or (values.min() >= limits.min and values.max() <= limits.max):
            return values.astype(dtype)
    raise ValueError("integers beyond int32 cannot be sent")


def is_number(column: pa.ChunkedArray | pa.Array) -> bool:
    kind = column.type
    return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind))


def add_fields(columns: Columns, table: pa.Table, fields: Sequence[str], prefix: str = "f_") -> None:
    """Copies `fields` of `table` as tooltip/picking fields named prefix + field."""
    for name in fields:
        column = table.column(name)
        if is_number(column):
            columns.numbers[prefix + name] = numeric(column)
        else:
            columns.texts[prefix + name] = text_column(column)


def polygon_features(
    table: pa.Table, geometries: Geometries, origin: Origin, fields: Sequence[str]
) -> Columns:
    """One row per feature of `table`, drawn with its own geometry (decoded once by the caller, who may
    need it again for labels), carrying `fields`."""
    columns = Columns(numbers=polygon_columns(geometries, origin))
    add_fields(columns, table, fields)
    return columns


def geometries_of(table: pa.Table) -> Geometries:
    return from_wkb(table.column("geometry"))


def with_labels(
    columns: Columns, geometries: Geometries, origin: Origin, texts: Sequence[str | None]
) -> Columns:
    """Adds a label point inside each shape with its text (s_label)."""
    columns.numbers.update(point_columns(geometries, origin))
    columns.texts["s_label"] = list(texts)
    return columns


def rounded(values: npt.NDArray[Any], decimals: int = 2) -> npt.NDArray[np.float32]:
    return np.round(np.asarray(values, dtype=np.float64), decimals).astype(np.float32)
