"""The columnar binary container in which layer data travels to the browser (docs/adr/0003).

    "TWB1" | uint32 header length | header JSON (UTF-8, space-padded to 8 bytes) | column buffers

The header holds `meta` (plain JSON values), the `columns` (name, dtype, count, byte offset from the start of
the buffers, each 8-byte aligned) and `strings`: for each text column, its distinct values; the column itself
holds int32 codes into that list (-1 = no value). Text therefore reaches the browser only through JSON.parse,
as plain strings: never through an expression evaluator or as HTML. The browser reads numeric columns as typed
arrays without copying (assets/10-twin-binary.js); `decode` below is the same reader in Python, for tests.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

MAGIC = b"TWB1"
ALIGN = 8
DTYPES = ("uint8", "int16", "uint16", "int32", "uint32", "float32", "float64")
NO_TEXT = -1  # the code of a missing text value


@dataclass
class Columns:
    """What one response carries: numeric columns, text columns and small JSON metadata."""

    numbers: dict[str, npt.NDArray[Any]] = field(default_factory=dict)
    texts: dict[str, list[str | None]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def text_column(values: pa.ChunkedArray | pa.Array | Sequence[str | None]) -> list[str | None]:
    """Any text-like column as a list of str or None (dates and times as ISO text)."""
    array = values if isinstance(values, pa.ChunkedArray | pa.Array) else pa.array(values, pa.string())
    if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
        array = pc.cast(array, pa.string())
    texts: list[str | None] = array.to_pylist()
    return texts


def scaled(columns: Columns, name: str, values: npt.ArrayLike, scale: float) -> None:
    """Stores `values` as uint16 multiples of `scale` (e.g. heights in decimetres up to 6.5 km): two bytes
    that compress well instead of a float32 with a noisy mantissa. Readers multiply them back."""
    steps = np.rint(np.asarray(values, dtype=np.float64) / scale)
    if steps.size and (steps.min() < 0 or steps.max() > np.iinfo(np.uint16).max):
        raise ValueError(f"column {name!r} does not fit uint16 steps of {scale}")
    columns.numbers[name] = steps.astype(np.uint16)
    columns.meta.setdefault("scales", {})[name] = scale


def _dictionary(values: Sequence[str | None]) -> tuple[list[str], npt.NDArray[np.int32]]:
    array = pa.array(values, pa.string()).dictionary_encode()
    codes = array.indices.to_numpy(zero_copy_only=False)
    codes = np.where(np.isnan(codes), NO_TEXT, codes) if codes.dtype.kind == "f" else codes
    return [str(v) for v in array.dictionary.to_pylist()], np.asarray(codes, dtype=np.int32)


def encode(columns: Columns) -> bytes:
    arrays = {name: np.ascontiguousarray(values) for name, values in columns.numbers.items()}
    strings: dict[str, list[str]] = {}
    for name, values in columns.texts.items():
        strings[name], arrays[name] = _dictionary(values)
    specs, offset = [], 0
    for name, array in arrays.items():
        if array.dtype.name not in DTYPES:
            raise TypeError(f"column {name!r}: dtype {array.dtype} cannot be sent (allowed: {DTYPES})")
        specs.append({"name": name, "dtype": array.dtype.name, "count": int(array.size), "offset": offset})
        offset += _padded(array.nbytes)
    header = json.dumps({"meta": columns.meta, "columns": specs, "strings": strings}, ensure_ascii=False)
    head = header.encode("utf-8")
    head += b" " * (_padded(len(MAGIC) + 4 + len(head)) - len(MAGIC) - 4 - len(head))
    body = b"".join(
        array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        + b"\0" * (_padded(array.nbytes) - array.nbytes)
        for array in arrays.values()
    )
    return MAGIC + struct.pack("<I", len(head)) + head + body


def _padded(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


@dataclass(frozen=True)
class Decoded:
    meta: dict[str, Any]
    numbers: Mapping[str, npt.NDArray[Any]]
    texts: Mapping[str, list[str | None]]


def decode(payload: bytes) -> Decoded:
    """The reader the browser uses, in Python: for tests and benchmarks."""
    if payload[:4] != MAGIC:
        raise ValueError("not a TWB1 payload")
    (length,) = struct.unpack_from("<I", payload, 4)
    header = json.loads(payload[8 : 8 + length].decode("utf-8"))
    body = memoryview(payload)[8 + length :]
    numbers: dict[str, npt.NDArray[Any]] = {}
    scales = header["meta"].get("scales", {})
    for spec in header["columns"]:
        dtype = np.dtype(spec["dtype"]).newbyteorder("<")
        values = np.frombuffer(body, dtype, spec["count"], spec["offset"])
        name = spec["name"]
        numbers[name] = (values * np.float32(scales[name])).astype(np.float32) if name in scales else values
    texts = {
        name: [values[code] if code >= 0 else None for code in numbers.pop(name)]
        for name, values in header["strings"].items()
    }
    return Decoded(header["meta"], numbers, texts)
