"""The binary tile path draws the same floors as the old pydeck JSON path (bench/pydeck_path.py) did:
same floors, same slabs, same attributes for tooltips and picking, same outlines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bench.pydeck_path import floor_rows
from geodata.catalog import open_catalog
from geodata.queries import floors_with_status, study_area_bounds
from layers.base import Request
from layers.binary import decode, encode
from layers.floors import FLOOR_TILE_ZOOM, floor_tile
from layers.shapes import QUANTUM_DEG, origin_of
from tests.unit.tiles import tiles_covering


def _starts(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts, dtype=np.int64)])


def _new_floors(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every floor as the browser reads it from the tiles: attributes, base, thickness, outer ring."""
    catalog = open_catalog(data_dir)
    bounds = study_area_bounds(catalog.cursor())
    origin = origin_of(bounds)
    out: dict[str, dict[str, Any]] = {}
    for tile in tiles_covering(bounds, FLOOR_TILE_ZOOM):
        d = decode(encode(floor_tile(catalog.cursor(), Request(origin, tile=tile))))
        xy = np.cumsum(d.numbers["xy"].reshape(-1, 2).astype(np.int64), axis=0) * QUANTUM_DEG + origin
        ring_start = _starts(d.numbers["ring_sizes"])
        shape_ring = _starts(d.numbers["part_rings"])[_starts(d.numbers["shape_parts"])[:-1]]  # first ring
        for row, floor_id in enumerate(d.texts["f_floor_id"]):
            shape = int(d.numbers["row_shape"][row])
            ring = int(shape_ring[shape])
            out[str(floor_id)] = {
                "building_id": d.texts["s_building_id"][shape],
                "building_name": d.texts["s_building_name"][shape],
                **{f: d.texts[f"f_{f}"][row] for f in ("status", "use", "occupant")},
                "level": int(d.numbers["f_level"][row]),
                "area_m2": float(d.numbers["f_area_m2"][row]),
                "base": float(d.numbers["row_base"][row]),
                "thickness": float(d.numbers["row_height"][row]),
                "ring": xy[ring_start[ring] : ring_start[ring + 1]],
            }
    catalog.connection.close()
    return out


def test_tiles_give_the_same_floors_as_the_old_json_path(sample_dir: Path) -> None:
    catalog = open_catalog(sample_dir)
    old = {row["floor_id"]: row for row in floor_rows(floors_with_status(catalog.cursor()))}
    new = _new_floors(sample_dir)
    assert set(new) == set(old)
    for floor_id, was in old.items():
        now = new[floor_id]
        for field in ("building_id", "building_name", "status", "use", "occupant", "level", "area_m2"):
            assert now[field] == was[field], (floor_id, field)
        assert now["base"] == pytest.approx(was["polygon"][0][0][2], abs=0.01), floor_id
        assert now["thickness"] == pytest.approx(was["thickness"], abs=0.01), floor_id
        outer = np.asarray(was["polygon"][0])[:-1, :2]  # closed ring, rounded to 1e-6 degree
        assert now["ring"].shape == outer.shape and np.abs(now["ring"] - outer).max() < 1e-6, floor_id
