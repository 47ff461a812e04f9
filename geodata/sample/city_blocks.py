"""The synthetic city's ground plan: its outline and its street blocks, in Lambert-93 metres.

The outline is the real Mulhouse commune (~22 km²), scaled about the city centre for other sizes. The city
is cut into square neighbourhoods, each with its own street grid turned by its own angle; a block is kept
when it lies wholly inside its neighbourhood (the edges are wide streets) and inside the outline. Blocks are
smaller near the centre (denser) and larger towards the edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.geometry import wgs84_to_lambert
from geodata.sample.site import context_commune

CENTRE_LON, CENTRE_LAT = 7.335, 47.75  # Mulhouse, place de la Réunion
NEIGHBOURHOOD_M = (350.0, 1100.0)  # smallest and largest side; about 0.42 of the city's radius in between
_BLOCK_LENGTH_M = (58.0, 100.0)  # at the centre, at the edge
_BLOCK_DEPTH_M = (48.0, 76.0)
_STREET_M = (10.0, 16.0)


@dataclass(frozen=True)
class Blocks:
    """Street blocks: centre, length and depth along the block's own axes, its angle, and `rho`, its distance
    from the city centre as a share of the city's radius (0 at the centre, about 1 at the edge)."""

    x: np.ndarray
    y: np.ndarray
    length: np.ndarray
    depth: np.ndarray
    angle: np.ndarray  # radians, anticlockwise
    rho: np.ndarray

    def __len__(self) -> int:
        return int(self.x.size)

    def take(self, keep: np.ndarray) -> Blocks:
        fields = (self.x, self.y, self.length, self.depth, self.angle, self.rho)
        return Blocks(*(values[keep] for values in fields))

    def rectangles(self, inset: float = 0.0) -> np.ndarray:
        """Each block (less `inset` metres on every side) as a shapely Polygon in Lambert-93."""
        u = np.array([-1.0, 1.0, 1.0, -1.0]) * (self.length[:, None] / 2 - inset)
        v = np.array([-1.0, -1.0, 1.0, 1.0]) * (self.depth[:, None] / 2 - inset)
        xs, ys = to_world(self, u, v)
        shapes: np.ndarray = shapely.polygons(np.stack([xs, ys], axis=-1))
        return shapes


def centre_lambert() -> tuple[float, float]:
    point = wgs84_to_lambert(shapely.Point(CENTRE_LON, CENTRE_LAT))
    return float(point.x), float(point.y)


def city_outline(scale: float) -> BaseGeometry:
    """The Mulhouse commune outline in Lambert-93, scaled by `scale` about the city centre."""
    commune = wgs84_to_lambert(context_commune().geometry.iloc[0])
    return shapely.affinity.scale(commune, scale, scale, origin=centre_lambert())


def city_radius(outline: BaseGeometry) -> float:
    """The radius of a disc as large as the city: what `rho` is measured against."""
    return math.sqrt(outline.area / math.pi)


def to_world(blocks: Blocks, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points at (u, v) metres along/across each block's axes from its centre, in Lambert-93.

    `u` and `v` are (blocks, points) arrays, or broadcast to them."""
    cos, sin = np.cos(blocks.angle)[:, None], np.sin(blocks.angle)[:, None]
    return blocks.x[:, None] + u * cos - v * sin, blocks.y[:, None] + u * sin + v * cos


def street_blocks(outline: BaseGeometry, rng: np.random.Generator) -> Blocks:
    """Every street block of the city, neighbourhood by neighbourhood."""
    cx, cy, radius = *centre_lambert(), city_radius(outline)
    size = float(np.clip(0.42 * radius, *NEIGHBOURHOOD_M))
    hx, hy = _neighbourhood_centres(outline, cx, cy, size)
    rho = np.hypot(hx - cx, hy - cy) / radius
    share = np.clip(rho, 0.0, 1.0)
    count = hx.size
    length = _between(_BLOCK_LENGTH_M, share) * rng.uniform(0.85, 1.15, count)
    depth = _between(_BLOCK_DEPTH_M, share) * rng.uniform(0.85, 1.15, count)
    street = _between(_STREET_M, share)
    angle = rng.uniform(-math.pi / 6, math.pi / 6, count)
    phase = rng.uniform(0.0, 1.0, (count, 2))
    # Enough candidates per side to cover the neighbourhood turned by up to 30°, at the smallest pitch.
    grid = 2 * math.ceil(size * 1.37 / 2 / float((length + street).min(initial=size))) + 3
    candidates = _grid_blocks(hx, hy, length, depth, street, angle, phase, grid)
    keep = _inside(candidates, hx, hy, street, outline, size, grid)
    kept = candidates.take(keep)
    return Blocks(
        kept.x, kept.y, kept.length, kept.depth, kept.angle, np.hypot(kept.x - cx, kept.y - cy) / radius
    )


def _between(ends: tuple[float, float], share: np.ndarray) -> np.ndarray:
    return ends[0] + (ends[1] - ends[0]) * share


def _neighbourhood_centres(
    outline: BaseGeometry, cx: float, cy: float, size: float
) -> tuple[np.ndarray, np.ndarray]:
    """Centres of the square neighbourhoods that touch the outline, on a grid through the city centre."""
    west, south, east, north = outline.bounds
    steps = [np.arange(math.floor((low - c) / size), math.ceil((high - c) / size) + 1)
             for low, high, c in ((west, east, cx), (south, north, cy))]  # fmt: skip
    gx, gy = np.meshgrid(cx + steps[0] * size, cy + steps[1] * size)
    half = size / 2
    squares = shapely.box(gx.ravel() - half, gy.ravel() - half, gx.ravel() + half, gy.ravel() + half)
    touching = shapely.intersects(squares, outline)
    return gx.ravel()[touching], gy.ravel()[touching]


def _grid_blocks(
    hx: np.ndarray,
    hy: np.ndarray,
    length: np.ndarray,
    depth: np.ndarray,
    street: np.ndarray,
    angle: np.ndarray,
    phase: np.ndarray,
    grid: int,
) -> Blocks:
    """A grid × grid street grid per neighbourhood (much of it outside, dropped later)."""
    offsets = np.arange(grid) - (grid - 1) / 2
    i, j = (values.ravel() for values in np.meshgrid(offsets, offsets))
    pitch_u, pitch_v = (length + street)[:, None], (depth + street)[:, None]
    u, v = (i + phase[:, :1]) * pitch_u, (j + phase[:, 1:]) * pitch_v
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x, y = hx[:, None] + u * cos - v * sin, hy[:, None] + u * sin + v * cos
    size = i.size
    return Blocks(
        x.ravel(),
        y.ravel(),
        np.repeat(length, size),
        np.repeat(depth, size),
        np.repeat(angle, size),
        np.zeros(x.size),
    )


def _inside(
    blocks: Blocks,
    hx: np.ndarray,
    hy: np.ndarray,
    street: np.ndarray,
    outline: BaseGeometry,
    size: float,
    grid: int,
) -> np.ndarray:
    """Blocks whose four corners lie inside their neighbourhood (less half a street) and the outline."""
    per = grid * grid
    u = np.array([-1.0, 1.0, 1.0, -1.0]) * blocks.length[:, None] / 2
    v = np.array([-1.0, -1.0, 1.0, 1.0]) * blocks.depth[:, None] / 2
    xs, ys = to_world(blocks, u, v)
    limit = (size - np.repeat(street, per)) / 2
    in_square = (np.abs(xs - np.repeat(hx, per)[:, None]) <= limit[:, None]) & (
        np.abs(ys - np.repeat(hy, per)[:, None]) <= limit[:, None]
    )
    shapely.prepare(outline)
    in_city = shapely.contains_xy(outline, xs, ys)
    result: np.ndarray = (in_square & in_city).all(axis=1)
    return result
