"""A synthetic city for size tests: `python -m geodata.sample.city [--floors N] [--seed S] [--out DIR]`.

Same datasets and schemas as the sample district, deterministic for a given (N, seed): about N / 5 buildings
and exactly N floors over the Mulhouse commune outline (~22 km² at the default N = 250 000, scaled about the
centre for other sizes), dense and tall in the centre, sparser and lower at the edges. The study area
(`district`) is the whole city. Spaces, bookings, parking and plots stay small, over the district sample's
activity period, so the app's time controls work. Checked with geodata.validate, then swapped in atomically.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

import geopandas as gpd
import numpy as np
import pyarrow as pa
import shapely

from geodata.geometry import WGS84, area_m2, lambert_to_wgs84
from geodata.provenance import SAMPLE_NOTE, Provenance
from geodata.sample import activity, city_ground, site
from geodata.sample.city_attributes import BuildingFacts, building_facts, building_names, floor_facts
from geodata.sample.city_blocks import city_outline, street_blocks
from geodata.sample.city_buildings import block_kinds, footprints
from geodata.sample.district import COMMUNE_PROVENANCE, SAMPLE_DATE, SAMPLE_LICENCE
from geodata.sample.publish import Dataset, publish_datasets
from geodata.sample.swap import BuildInProgressError
from geodata.schema import CONSTRUCTION_PERIODS, DATASET_NAMES

DEFAULT_FLOORS = 250_000
DEFAULT_SEED = 68224
MIN_FLOORS, MAX_FLOORS = 100, 2_000_000
# About the floors the commune outline holds at scale 1, less its parks and car parks (measured): the first
# guess of the scale; the outline grows by 3 % per try until it holds N floors.
FLOORS_AT_FULL_SCALE = 220_000
_MAX_TRIES = 10
CITY_NOTE = f"{SAMPLE_NOTE}; a synthetic city for size tests: invented buildings, uses and occupants"
SOURCE = "DMC Twin synthetic city generator (python -m geodata.sample.city)"


class _Plan:
    """The city's blocks and buildings in Lambert-93, with each building's facts, trimmed to N floors."""

    def __init__(self, floors: int, seed: int) -> None:
        scale = math.sqrt(floors / FLOORS_AT_FULL_SCALE) * 1.01
        for _ in range(_MAX_TRIES):
            drawn = self._draw(scale, floors, seed)
            if drawn >= floors:
                return
            scale *= max(1.03, math.sqrt(floors / drawn) * 1.02) if drawn else 1.5
        raise ValueError(f"no city of {floors} floors could be drawn")

    def _draw(self, scale: float, floors: int, seed: int) -> int:
        """Draws the city at this scale; keeps it and returns `floors` if it holds that many, else returns
        how many floors it held."""
        rng = np.random.default_rng([seed, floors])
        self.outline = city_outline(scale)
        self.blocks = street_blocks(self.outline, rng)
        drawn = footprints(self.blocks, block_kinds(self.blocks, rng), rng)
        rho = self.blocks.rho[drawn.block]
        facts = building_facts(drawn.kind, rho, rng)
        lots, plots = city_ground.pick_ground_blocks(self.blocks, _reach(rho, facts.floors, floors), rng)
        keep = ~np.isin(drawn.block, np.concatenate([lots, plots]))
        order = np.flatnonzero(keep)[np.argsort(rho[keep], kind="stable")]  # centre first
        total = np.cumsum(facts.floors[order])
        if total.size == 0 or total[-1] < floors:
            return int(total[-1]) if total.size else 0
        order = order[: int(np.searchsorted(total, floors)) + 1]
        self.lots, self.plots, self.rng = lots, plots, rng
        self._keep(order, drawn.geometry, drawn.kind, rho, facts, int(total[order.size - 1]) - floors)
        return floors

    def _keep(
        self,
        order: np.ndarray,
        shapes: np.ndarray,
        kind: np.ndarray,
        rho: np.ndarray,
        facts: BuildingFacts,
        extra: int,
    ) -> None:
        floors = facts.floors[order].copy()
        floors[-1] -= extra  # the outermost building kept loses the floors over N
        spatial = np.argsort(
            _morton(shapes[order]), kind="stable"
        )  # neighbours on the map, neighbours in files
        order, floors = order[spatial], floors[spatial]
        self.shapes, self.kind, self.rho = shapes[order], kind[order], rho[order]
        self.facts = BuildingFacts(floors, facts.storey_m[order], facts.period[order], facts.protected[order],
                                   facts.apartments[order])  # fmt: skip


def _reach(rho: np.ndarray, floors: np.ndarray, wanted: int) -> float:
    """How far from the centre (as rho) the first `wanted` floors go: ground blocks are picked inside."""
    order = np.argsort(rho, kind="stable")
    index = min(int(np.searchsorted(np.cumsum(floors[order]), wanted * 0.9)), order.size - 1)
    return float(rho[order][index])


def _morton(shapes: np.ndarray) -> np.ndarray:
    """Z-order of the centroids: neighbours on the map are neighbours in the file."""
    centres = shapely.get_coordinates(shapely.centroid(shapes))
    low, span = centres.min(axis=0), np.ptp(centres, axis=0).max() or 1.0
    cells = ((centres - low) / span * 65535).astype(np.uint64)
    code = np.zeros(len(shapes), dtype=np.uint64)
    for bit in range(16):
        for axis in (0, 1):
            code |= ((cells[:, axis] >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + axis)
    return code


def city_datasets(floors: int = DEFAULT_FLOORS, seed: int = DEFAULT_SEED) -> dict[str, Dataset]:
    plan = _Plan(floors, seed)
    buildings, floor_rows = _buildings_and_floors(plan)
    spaces = city_ground.spaces(floor_rows, plan.shapes, _space_count(floors), plan.rng)
    lots = city_ground.parking_lots(plan.blocks, plan.lots)
    plots = city_ground.biodiversity_plots(plan.blocks, plan.plots)
    return {
        "district": gpd.GeoDataFrame(
            {"name": ["Ville synthétique"]}, geometry=[lambert_to_wgs84(plan.outline)], crs=WGS84
        ),
        "context_commune": site.context_commune(),
        "buildings": buildings,
        "floors": floor_rows.drop(columns=["building_index"]),
        "spaces": spaces,
        "parking_lots": lots,
        "biodiversity_plots": plots,
        **_activity(spaces, lots, plots, plan.rng),
    }


def _space_count(floors: int) -> int:
    return max(20, min(300, floors // 800))


def _buildings_and_floors(plan: _Plan) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    shapes = np.array([lambert_to_wgs84(shape) for shape in plan.shapes], dtype=object)
    numbers = np.arange(1, shapes.size + 1)
    ids = [f"C{n:06d}" for n in numbers.tolist()]
    facts = plan.facts
    buildings = gpd.GeoDataFrame(
        {
            "building_id": ids,
            "name": building_names(plan.kind, numbers),
            "construction_period": np.array(CONSTRUCTION_PERIODS, dtype=object)[facts.period],
            "height_m": np.round(facts.floors * facts.storey_m, 1),
            "floors_count": facts.floors,
            "protected": facts.protected,
        },
        geometry=list(shapes),
        crs=WGS84,
    )
    return buildings, _floors(plan, shapes, ids, numbers)


def _floors(plan: _Plan, shapes: np.ndarray, ids: list[str], numbers: np.ndarray) -> gpd.GeoDataFrame:
    """One row per floor, its area the footprint's, computed in Lambert-93 from the stored geometry."""
    rows = floor_facts(plan.facts, plan.rho, numbers, plan.rng)
    areas = np.round(np.array(area_m2(list(shapes))), 1)
    id_array = np.array(ids, dtype=object)[rows.building]
    return gpd.GeoDataFrame(
        {
            "floor_id": [
                f"{bid}-{level}" for bid, level in zip(id_array.tolist(), rows.level.tolist(), strict=True)
            ],
            "building_id": id_array,
            "level": rows.level,
            "area_m2": areas[rows.building],
            "status": np.where(rows.occupied, "occupied", "vacant").astype(object),
            "use": rows.use,
            "occupant": rows.occupant,
            "building_index": rows.building,
        },
        geometry=list(shapes[rows.building]),
        crs=WGS84,
    )


def _activity(
    spaces: gpd.GeoDataFrame, lots: gpd.GeoDataFrame, plots: gpd.GeoDataFrame, rng: np.random.Generator
) -> dict[str, Dataset]:
    weekend = {lot_id for n, lot_id in enumerate(lots["lot_id"]) if n % 3 == 0}
    tables: dict[str, pa.Table] = {
        "bookings": activity.bookings(
            list(spaces["space_id"]), list(spaces["kind"]), [int(c) for c in spaces["capacity"]]
        ),
        "parking_occupancy": activity.parking_occupancy(
            list(lots["lot_id"]), [int(c) for c in lots["capacity"]], weekend
        ),
        "biodiversity_observations": activity.biodiversity_observations(
            list(plots["plot_id"]), list(plots["habitat"]), city_ground.species_pool_sizes(len(plots), rng)
        ),
    }
    return dict(tables)


def city_provenance() -> dict[str, Provenance]:
    entries = {
        name: Provenance(
            f"Synthetic city: {name.replace('_', ' ')}", SOURCE, SAMPLE_DATE, SAMPLE_LICENCE, True, CITY_NOTE
        )
        for name in DATASET_NAMES
    }
    entries["context_commune"] = COMMUNE_PROVENANCE
    return entries


def build(out: Path, floors: int = DEFAULT_FLOORS, seed: int = DEFAULT_SEED) -> Path:
    return publish_datasets(city_datasets(floors, seed), city_provenance(), out)


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Bad arguments: one line and exit code 2, without the usage block."""
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str] | None = None) -> None:
    parser = _OneLineParser(description="Build a synthetic city with the sample's datasets.")
    parser.add_argument(
        "--floors", type=int, default=DEFAULT_FLOORS, help=f"floors (default {DEFAULT_FLOORS})"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument("--out", type=Path, required=True, help="output directory (a symlink to a version)")
    args = parser.parse_args(argv)
    if not MIN_FLOORS <= args.floors <= MAX_FLOORS:
        parser.error(f"--floors must be between {MIN_FLOORS} and {MAX_FLOORS}, got {args.floors}")
    out = Path(os.path.abspath(args.out))  # not resolve(): `out` may be the symlink to replace
    started = time.perf_counter()
    try:
        build(out, args.floors, args.seed)
    except BuildInProgressError as error:
        sys.exit(str(error))
    print(f"synthetic city of {args.floors} floors written to {out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
