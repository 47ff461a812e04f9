"""Floors per building from the best attribute present — a level count (BD TOPO nombre_d_etages, OSM
building:levels), else the height ÷ 3 m, else one floor — with the rule each building's count came from.
Absurd values are set aside by stated rules (docs: README "Load your own district"), each one reported."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.ingest.report import Report
from geodata.schema import MAX_FLOOR_AREA_M2, STOREY_HEIGHT_M

STOREY_M = 3.0  # the storey height assumed where a file gives a height but no level count, or neither
MAX_HEIGHT_M = 300.0  # taller is refused as a unit or typing mistake (the tallest French tower is 231 m)
MAX_LEVELS = 100
FLOOR_RULES = ("levels", "height", "default")


def derive_floors(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """Adds floors_count, first_level, height_m, floors_rule; drops what cannot hold a floor (reported).
    `frame` has height, levels, min_level (NaN when missing) and footprint_m2."""
    ids = list(frame["building_id"])
    height, levels = frame["height"].to_numpy(), frame["levels"].to_numpy()
    bad_height = ~np.isnan(height) & ((height <= 0) | (height > MAX_HEIGHT_M))
    report.add(
        "height_refused", "fixed", f"height ≤ 0 or > {MAX_HEIGHT_M:g} m, ignored", _pick(ids, bad_height)
    )
    bad_levels = ~np.isnan(levels) & ((levels < 1) | (levels > MAX_LEVELS))
    report.add(
        "levels_refused", "fixed", f"level count < 1 or > {MAX_LEVELS}, ignored", _pick(ids, bad_levels)
    )
    height = np.where(bad_height, np.nan, height)
    levels = np.where(bad_levels, np.nan, np.floor(levels + 0.5))
    counted, measured = ~np.isnan(levels), ~np.isnan(height)
    count = np.where(counted, levels, np.where(measured, np.maximum(1, np.floor(height / STOREY_M + 0.5)), 1))
    rule = np.where(counted, "levels", np.where(measured, "height", "default"))
    out = frame.assign(floors_count=count.astype(np.int64), floors_rule=rule)
    out["height_m"] = _heights(height, count, counted, ids, report)
    out["first_level"] = _first_levels(frame["min_level"].to_numpy(), count)
    return _drop_implausible(out, report)


def _heights(
    height: np.ndarray, count: np.ndarray, counted: np.ndarray, ids: list[str], report: Report
) -> np.ndarray:
    """The file's height; the level count × 3 m where it has none, or where it contradicts the count."""
    storey = height / count
    low, high = STOREY_HEIGHT_M
    clash = counted & ~np.isnan(height) & ((storey < low) | (storey > high))
    report.add(
        "height_contradicts_levels",
        "fixed",
        f"height ÷ level count outside {low:g}–{high:g} m: height set to levels × {STOREY_M:g} m",
        _pick(ids, clash),
    )
    return np.where(np.isnan(height) | clash, count * STOREY_M, height)


def _first_levels(min_level: np.ndarray, count: np.ndarray) -> np.ndarray:
    """OSM building:min_level: the levels under it are not part of this building (a bridge, an overhang)."""
    usable = ~np.isnan(min_level) & (min_level >= 0) & (min_level < count)
    return np.where(usable, np.floor(min_level), 0).astype(np.int64)


def _drop_implausible(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    ids = list(frame["building_id"])
    too_low = (frame["height_m"] / frame["floors_count"] < STOREY_HEIGHT_M[0]).to_numpy()
    report.add(
        "too_low",
        "dropped",
        f"under {STOREY_HEIGHT_M[0]:g} m high: no storey fits (a wall, a shelter)",
        _pick(ids, too_low),
    )
    area = frame["footprint_m2"].to_numpy()
    bad_area = (area <= 0) | (area > MAX_FLOOR_AREA_M2)
    report.add(
        "footprint_area",
        "dropped",
        f"footprint of no area or over {MAX_FLOOR_AREA_M2:,.0f} m²",
        _pick(ids, bad_area),
    )
    return frame.loc[~too_low & ~bad_area].reset_index(drop=True)


def floor_rows(buildings: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per floor (building_id, level), levels first_level..floors_count-1, in building order."""
    repeats = (buildings["floors_count"] - buildings["first_level"]).to_numpy()
    index = np.repeat(np.arange(len(buildings)), repeats)
    starts = np.repeat(buildings["first_level"].to_numpy(), repeats)
    offsets = np.arange(len(index)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    return pd.DataFrame({"row": index, "level": starts + offsets})


def _pick(ids: list[str], mask: np.ndarray) -> list[str]:
    return [ids[row] for row in np.flatnonzero(mask)]
