"""The synthetic city's small datasets: parking lots and biodiversity plots (whole blocks kept free of
buildings) and bookable spaces (a corner of an occupied floor, touching the building's outer wall)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geodata.geometry import WGS84, area_m2
from geodata.sample.city_blocks import Blocks, shapes_to_wgs84

M2_PER_PARKING_SPACE = 25.0
_HABITATS = ("friche", "prairie", "mare", "jardin partagé", "haie")
_SPACE_KINDS = ("room", "studio", "machine")
_SPACE_NAMES = {"room": "Salle de réunion", "studio": "Atelier partagé", "machine": "Machine partagée"}
_SPACE_SIDE_M = 7.0  # half the side of the square cut out at a corner of the floor


def ground_counts(blocks: int) -> tuple[int, int]:
    """How many parking lots and biodiversity plots: a few dozen at city size, a few for a small town."""
    return max(4, min(30, blocks // 60)), max(4, min(20, blocks // 90))


def pick_ground_blocks(
    blocks: Blocks, near: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Blocks for the parking lots and for the plots, among those closer to the centre than `near`."""
    lots, plots = ground_counts(len(blocks))
    candidates = np.flatnonzero(blocks.rho <= near)
    if candidates.size < 2:  # a very small town: the blocks nearest the centre
        candidates = np.argsort(blocks.rho, kind="stable")[:2]
    count = min(lots + plots, candidates.size)
    chosen = rng.choice(candidates, size=count, replace=False)
    split = max(1, count * lots // (lots + plots))
    return np.sort(chosen[:split]), np.sort(chosen[split:])


def _block_shapes(blocks: Blocks, which: np.ndarray) -> list[shapely.Geometry]:
    return list(shapes_to_wgs84(blocks.take(which).rectangles(inset=3.0)))


def parking_lots(blocks: Blocks, which: np.ndarray) -> gpd.GeoDataFrame:
    shapes = _block_shapes(blocks, which)
    columns = {
        "lot_id": [f"P{n}" for n in range(1, len(shapes) + 1)],
        "name": [f"Parking {n}" for n in range(1, len(shapes) + 1)],
        "capacity": [int(area // M2_PER_PARKING_SPACE) for area in area_m2(shapes)],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def biodiversity_plots(blocks: Blocks, which: np.ndarray) -> gpd.GeoDataFrame:
    shapes = _block_shapes(blocks, which)
    columns = {
        "plot_id": [f"BIO{n}" for n in range(1, len(shapes) + 1)],
        "name": [f"Parc {n}" for n in range(1, len(shapes) + 1)],
        "habitat": [_HABITATS[n % len(_HABITATS)] for n in range(len(shapes))],
        "area_m2": [round(value, 1) for value in area_m2(shapes)],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def species_pool_sizes(count: int, rng: np.random.Generator) -> list[int]:
    """From 3 species (a young friche) to 14, so every richness class of the map occurs."""
    return [int(size) for size in rng.integers(3, 15, count)]


def spaces(
    floors: gpd.GeoDataFrame, footprints_lambert: np.ndarray, count: int, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """`count` spaces on occupied floors that are not housing, each a corner of the footprint (the first
    corner of its outline, on the street) cut out by a small square."""
    eligible = np.flatnonzero(floors["status"].eq("occupied") & ~floors["use"].isin(["housing"]))
    chosen = np.sort(rng.choice(eligible, size=min(count, eligible.size), replace=False))
    picked = floors.iloc[chosen]
    building = picked["building_index"].to_numpy()
    corner = shapely.get_point(shapely.get_exterior_ring(footprints_lambert[building]), 0)
    squares = shapely.buffer(corner, _SPACE_SIDE_M, cap_style="square")
    local = shapely.intersection(footprints_lambert[building], squares)
    shapes = shapely.intersection(shapes_to_wgs84(local), picked.geometry.to_numpy())
    kinds = [_SPACE_KINDS[n % len(_SPACE_KINDS)] for n in range(len(picked))]
    columns = {
        "space_id": [f"{floor_id}-S1" for floor_id in picked["floor_id"]],
        "name": [f"{_SPACE_NAMES[kind]} {n + 1}" for n, kind in enumerate(kinds)],
        "kind": kinds,
        "floor_id": list(picked["floor_id"]),
        "building_id": list(picked["building_id"]),
        "level": [int(level) for level in picked["level"]],
        "capacity": [
            _capacity(kind, int(size))
            for kind, size in zip(kinds, rng.integers(1, 6, len(kinds)), strict=True)
        ],
    }
    return gpd.GeoDataFrame(columns, geometry=list(shapes), crs=WGS84)


def _capacity(kind: str, size: int) -> int:
    return {"room": 4 * size + 4, "studio": size, "machine": 1}[kind]
