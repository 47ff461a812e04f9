"""The synthetic city's building footprints, in Lambert-93, drawn block by block without a loop per building.

Each block gets a kind: "perimeter" (narrow town houses along every street, centre), "courtyard" (one building
round an inner yard: a polygon with a hole), "terraced" (rows of small houses), "houses" (detached houses with
gardens, edges) or "large" (workshops, offices, schools). Parcel kinds cut each side of the block into
parcels of random frontage and put one building in each, set back from the street; some are L-shaped (a
wing at the back). Every building lies inside its block, so no two buildings overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from geodata.sample.city_blocks import Blocks, to_world

KINDS = ("perimeter", "courtyard", "terraced", "houses", "large")
MIN_M2, MAX_M2 = 60.0, 3000.0
# Chance of each kind (in the order of KINDS) at the centre, half-way out and at the edge.
_KIND_ODDS = np.array(
    [
        [0.74, 0.14, 0.02, 0.00, 0.10],
        [0.45, 0.05, 0.30, 0.05, 0.15],
        [0.20, 0.00, 0.35, 0.25, 0.20],
    ]
)


@dataclass(frozen=True)
class ParcelStyle:
    frontage_m: tuple[float, float]
    parcel_depth_m: tuple[float, float]
    setback_m: tuple[float, float]
    side_gap_m: float  # between two neighbours' walls
    building_depth_m: tuple[float, float]
    l_share: float  # share of L-shaped buildings


STYLES = {
    "perimeter": ParcelStyle((7.5, 13), (12, 15), (0, 0), 0.8, (10, 14), 0.2),
    "terraced": ParcelStyle((6.2, 8.5), (15, 19), (1, 4), 0.8, (9.5, 12), 0.15),
    "houses": ParcelStyle((11.5, 15), (20, 26), (3, 6), 4.5, (8.5, 11), 0.2),
    "large": ParcelStyle((30, 60), (26, 40), (3, 6), 5.0, (18, 36), 0.3),
}


_WITH_BACKYARD_BUILDINGS = ("perimeter", "terraced", "large")
_BACKYARD_CELL_M = ((13.0, 18.0), (10.0, 14.0))  # along and across the block
_BACKYARD_GAP_M = 3.0
_BACKYARD_SHARE = 0.6


@dataclass(frozen=True)
class Footprints:
    geometry: np.ndarray  # shapely Polygons, Lambert-93
    kind: np.ndarray  # index into KINDS
    block: np.ndarray  # index of the block


def block_kinds(blocks: Blocks, rng: np.random.Generator) -> np.ndarray:
    """A kind (index into KINDS) per block, drawn with odds that move from centre to edge."""
    share = np.clip(blocks.rho, 0.0, 1.0)[:, None]
    odds = np.where(share < 0.5, _KIND_ODDS[0] + (_KIND_ODDS[1] - _KIND_ODDS[0]) * share * 2,
                    _KIND_ODDS[1] + (_KIND_ODDS[2] - _KIND_ODDS[1]) * (share - 0.5) * 2)  # fmt: skip
    cumulative = np.cumsum(odds / odds.sum(axis=1, keepdims=True), axis=1)
    picked: np.ndarray = np.minimum(
        (rng.uniform(0, 1, len(blocks))[:, None] > cumulative).sum(axis=1), len(KINDS) - 1
    )
    return picked


def footprints(blocks: Blocks, kinds: np.ndarray, rng: np.random.Generator) -> Footprints:
    """Every building of every block, kind by kind (always in the order of KINDS, for determinism)."""
    parts = []
    for index, kind in enumerate(KINDS):
        members = np.flatnonzero(kinds == index)
        if kind == "courtyard":
            shapes = _courtyards(blocks.take(members), rng)
            owners = members
        else:
            shapes, local = _parcel_buildings(blocks.take(members), STYLES[kind], rng)
            owners = members[local]
        parts.append(Footprints(shapes, np.full(shapes.size, index), owners))
        if kind in _WITH_BACKYARD_BUILDINGS:
            shapes, local = _backyard_buildings(blocks.take(members), STYLES[kind], rng)
            parts.append(Footprints(shapes, np.full(shapes.size, index), members[local]))
    return Footprints(
        *(np.concatenate([getattr(part, name) for part in parts]) for name in Footprints.__annotations__)
    )


def _courtyards(blocks: Blocks, rng: np.random.Generator) -> np.ndarray:
    """One building per block round a yard: an outer rectangle with the yard as its hole."""
    count = len(blocks)
    half_u = np.minimum(blocks.length - 4, rng.uniform(45, 60, count)) / 2
    half_v = np.minimum(blocks.depth - 4, rng.uniform(45, 60, count)) / 2
    ring = rng.uniform(10, 13, count)
    shell = _world_rectangle(blocks, half_u, half_v)
    hole = _world_rectangle(blocks, half_u - ring, half_v - ring)
    shapes: np.ndarray = shapely.polygons(shell, holes=shapely.linearrings(hole)[:, None])
    return shapes


def _world_rectangle(blocks: Blocks, half_u: np.ndarray, half_v: np.ndarray) -> np.ndarray:
    u = np.array([-1.0, 1.0, 1.0, -1.0]) * half_u[:, None]
    v = np.array([-1.0, -1.0, 1.0, 1.0]) * half_v[:, None]
    xs, ys = to_world(blocks, u, v)
    return np.stack([xs, ys], axis=-1)


@dataclass(frozen=True)
class _Parcels:
    block: np.ndarray  # index into the blocks given
    side: np.ndarray  # 0 south, 1 east, 2 north, 3 west of the block's own axes
    start: np.ndarray  # metres along the side
    width: np.ndarray
    depth: np.ndarray  # metres from the street into the block


def _parcels(blocks: Blocks, style: ParcelStyle, rng: np.random.Generator) -> _Parcels:
    """Each side cut into parcels of random frontage, stretched to fill it; the east and west sides stop
    short of the parcels that run along the south and north sides."""
    count = len(blocks)
    depth = np.minimum(rng.uniform(*style.parcel_depth_m, count), blocks.depth / 2 - 1)
    spans = np.stack([blocks.length, blocks.depth - 2 * depth] * 2, axis=1).ravel()
    most = int(np.ceil(max(float(spans.max(initial=0.0)), 0.0) / style.frontage_m[0])) + 1
    drawn = rng.uniform(*style.frontage_m, (spans.size, most))
    ends = np.cumsum(drawn, axis=1)
    fits = ends <= spans[:, None]
    used = np.take_along_axis(ends, np.maximum(fits.sum(axis=1) - 1, 0)[:, None], axis=1)[:, 0]
    stretch = np.where(fits.any(axis=1), spans / used, 0.0)[:, None]
    sides = np.repeat(np.arange(spans.size)[:, None], most, axis=1)[fits]
    return _Parcels(
        sides // 4,
        sides % 4,
        ((ends - drawn) * stretch)[fits],
        (drawn * stretch)[fits],
        depth[sides // 4],
    )


def _parcel_buildings(
    blocks: Blocks, style: ParcelStyle, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """One building per parcel (rectangles and L-shapes), and the index of its block in `blocks`."""
    parcels = _parcels(blocks, style, rng)
    count = parcels.block.size
    setback = rng.uniform(*style.setback_m, count)
    width = parcels.width - style.side_gap_m
    depth = np.minimum(rng.uniform(*style.building_depth_m, count), parcels.depth - setback - 0.5)
    depth = np.minimum(depth, MAX_M2 / np.maximum(width, 1.0))
    notch = np.where(rng.uniform(0, 1, count) < style.l_share, rng.uniform(0.35, 0.6, (2, count)), 0.0)
    mirrored = rng.uniform(0, 1, count) < 0.5
    keep = (width >= 5.0) & (depth >= 6.0) & (width * depth * (1 - notch[0] * notch[1]) >= MIN_M2)
    u, v = _outline_uv(parcels.start + style.side_gap_m / 2, setback, width, depth, notch, mirrored)
    xs, ys = _side_to_world(blocks, parcels, u, v)
    is_l = notch[0] > 0
    rectangles = shapely.polygons(np.stack([xs[:, :4], ys[:, :4]], axis=-1)[keep & ~is_l])
    l_shapes = shapely.polygons(np.stack([xs, ys], axis=-1)[keep & is_l])
    order = np.concatenate([np.flatnonzero(keep & ~is_l), np.flatnonzero(keep & is_l)])
    return np.concatenate([rectangles, l_shapes]), parcels.block[order]


def _outline_uv(
    u0: np.ndarray,
    v0: np.ndarray,
    width: np.ndarray,
    depth: np.ndarray,
    notch: np.ndarray,
    mirrored: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Six corners per building along (u) and into (v) its side; a rectangle's are its first four, an
    L-shape's lack the back corner (right, or left when mirrored)."""
    front, back = v0, v0 + depth
    inner_u = np.where(mirrored, u0 + width * notch[0], u0 + width * (1 - notch[0]))
    inner_v = v0 + depth * (1 - notch[1])
    u = np.stack([u0, u0 + width, u0 + width, u0, u0, u0], axis=1)
    v = np.stack([front, front, back, back, back, back], axis=1)
    right = np.stack([u0, u0 + width, u0 + width, inner_u, inner_u, u0], axis=1)
    right_v = np.stack([front, front, inner_v, inner_v, back, back], axis=1)
    left = np.stack([u0, u0 + width, u0 + width, inner_u, inner_u, u0], axis=1)
    left_v = np.stack([front, front, back, back, inner_v, inner_v], axis=1)
    is_l = (notch[0] > 0)[:, None]
    u = np.where(is_l, np.where(mirrored[:, None], left, right), u)
    v = np.where(is_l, np.where(mirrored[:, None], left_v, right_v), v)
    return u, v


def _side_to_world(
    blocks: Blocks, parcels: _Parcels, u: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """From (along the side, into the block) to the block's axes, then to Lambert-93."""
    half_l, half_d = blocks.length[parcels.block] / 2, blocks.depth[parcels.block] / 2
    side = parcels.side
    origin_u = np.choose(side, [-half_l, half_l, half_l, -half_l])
    origin_v = np.choose(side, [-half_d, -half_d + parcels.depth, half_d, half_d - parcels.depth])
    along = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])[side]  # (dx, dy) per side
    inward = np.stack([-along[:, 1], along[:, 0]], axis=1)  # the left normal points into the block
    bu = origin_u[:, None] + u * along[:, :1] + v * inward[:, :1]
    bv = origin_v[:, None] + u * along[:, 1:] + v * inward[:, 1:]
    return to_world(blocks.take(parcels.block), bu, bv)


def _backyard_buildings(
    blocks: Blocks, style: ParcelStyle, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Workshops, garages and back houses on a grid in the middle of the block, clear of the parcels along
    its streets (which are at most `style.parcel_depth_m[1]` deep); some cells stay empty."""
    count, most = len(blocks), 8
    cell_u, cell_v = (rng.uniform(*size, count) for size in _BACKYARD_CELL_M)
    free_u = blocks.length / 2 - style.parcel_depth_m[1] - 1
    free_v = blocks.depth / 2 - style.parcel_depth_m[1] - 1
    cols, rows = np.floor(2 * free_u / cell_u), np.floor(2 * free_v / cell_v)
    i, j = (values.ravel() for values in np.meshgrid(np.arange(most), np.arange(most)))
    used = (i[None, :] < np.minimum(cols, most)[:, None]) & (j[None, :] < np.minimum(rows, most)[:, None])
    used &= rng.uniform(0, 1, used.shape) < _BACKYARD_SHARE
    low_u = (i[None, :] - cols[:, None] / 2) * cell_u[:, None] + _BACKYARD_GAP_M / 2
    low_v = (j[None, :] - rows[:, None] / 2) * cell_v[:, None] + _BACKYARD_GAP_M / 2
    block, cell = np.nonzero(used)
    high_u = low_u[block, cell] + cell_u[block] - _BACKYARD_GAP_M
    high_v = low_v[block, cell] + cell_v[block] - _BACKYARD_GAP_M
    u = np.stack([low_u[block, cell], high_u, high_u, low_u[block, cell]], axis=1)
    v = np.stack([low_v[block, cell], low_v[block, cell], high_v, high_v], axis=1)
    xs, ys = to_world(blocks.take(block), u, v)
    return shapely.polygons(np.stack([xs, ys], axis=-1)), block
