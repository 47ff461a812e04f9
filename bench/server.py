"""Server-side figures, in this process on the same catalog the app opens: the time to build and encode the
layer data the browser fetched for its first view (and every floor tile of the study area), per source, and
DuckDB's time per query, each beside the old path (pydeck JSON) or a trivial query."""

from __future__ import annotations

import math
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import duckdb

from api.layer_data import chosen_time, payload_of
from geodata import queries
from geodata.catalog import Catalog
from layers.base import Request
from layers.binary import encode
from layers.floors import FLOOR_TILE_ZOOM, FLOORS_SOURCE
from layers.registry import SOURCES
from layers.shapes import Origin, origin_of

QUERY_RUNS = 5
FIRST_VIEW_RUNS = 3
Tile = tuple[int, int, int]


def parse_url(url: str) -> tuple[str, Tile | None, dict[str, str]]:
    """/layer-data/<version>/<source>.bin?... or /layer-data/<version>/<source>/<z>/<x>/<y>.bin."""
    parts = urlsplit(url)
    path = unquote(parts.path).removesuffix(".bin").split("/")[3:]
    args = {name: values[0] for name, values in parse_qs(parts.query).items()}
    if len(path) == 4:
        return path[0], (int(path[1]), int(path[2]), int(path[3])), args
    return path[0], None, args


def build_s(con: duckdb.DuckDBPyConnection, origin: Origin, name: str, tile: Tile | None,
            at: datetime | None) -> float:  # fmt: skip
    """Query, columns, encoding and gzip of one response, as api/layer_data.py does on a cache miss."""
    start = time.perf_counter()
    payload_of(encode(SOURCES[name].build(con, Request(origin, at, tile))))
    return time.perf_counter() - start


def first_view(catalog: Catalog, urls: list[str]) -> list[dict[str, float]]:
    """Seconds per source to build every response of the first view (no cache), over FIRST_VIEW_RUNS
    runs: the first one cold (DuckDB's first reads), the others warm."""
    con = catalog.cursor()
    origin = origin_of(queries.study_area_bounds(con))
    requests = [parse_url(url) for url in urls]
    runs = []
    for _ in range(FIRST_VIEW_RUNS):
        per_source: dict[str, float] = defaultdict(float)
        for name, tile, args in requests:
            per_source[name] += build_s(con, origin, name, tile, chosen_time(SOURCES[name], args))
        runs.append(dict(per_source))
    return runs


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run whose total is the median one."""
    return sorted(runs, key=lambda run: sum(run.values()))[len(runs) // 2]


def tiles_covering(bounds: tuple[float, float, float, float], zoom: int) -> list[Tile]:
    west, south, east, north = bounds
    x0, x1 = (_tile_x(lon, zoom) for lon in (west, east))
    y0, y1 = (_tile_y(lat, zoom) for lat in (north, south))
    return [(zoom, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _tile_x(lon: float, zoom: int) -> int:
    return int((lon + 180) / 360 * 2**zoom)


def _tile_y(lat: float, zoom: int) -> int:
    rad = math.radians(lat)
    return int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * 2**zoom)


def all_floor_tiles(catalog: Catalog) -> tuple[float, int]:
    """Seconds to build every floor tile of the study area (the whole floors dataset), and how many tiles."""
    con = catalog.cursor()
    bounds = queries.study_area_bounds(con)
    tiles = tiles_covering(bounds, FLOOR_TILE_ZOOM)
    seconds = sum(build_s(con, origin_of(bounds), FLOORS_SOURCE, tile, None) for tile in tiles)
    return seconds, len(tiles)


def median_ms(work: Callable[[], object], runs: int = QUERY_RUNS) -> float:
    work()  # warm-up: DuckDB's first read of a file
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def query_ms(catalog: Catalog, at: datetime, tile: Tile) -> dict[str, float]:
    """Median ms per query the app runs, beside `SELECT count(*) FROM floors` as the trivial baseline."""
    con = catalog.cursor()
    work: dict[str, Callable[[], Any]] = {
        "baseline: count(*) FROM floors": lambda: con.sql("SELECT count(*) FROM floors").fetchall(),
        "floors_with_status": lambda: queries.floors_with_status(con),
        "tile_buildings (one floor tile)": lambda: queries.tile_buildings(con, *tile),
        "tile_floors (one floor tile)": lambda: queries.tile_floors(con, *tile),
        "tile_buildings_volumes (z12)": lambda: queries.tile_buildings_volumes(con, *_volume_tile(tile)),
        "spaces_booked_at": lambda: queries.spaces_booked_at(con, at),
        "parking_free_at": lambda: queries.parking_free_at(con, at),
        "plots_with_species": lambda: queries.plots_with_species(con),
        "floor_area_kpis": lambda: queries.floor_area_kpis(con),
        "booked_spaces_count": lambda: queries.booked_spaces_count(con, at),
        "free_parking_total": lambda: queries.free_parking_total(con, at),
    }
    return {name: round(median_ms(job), 2) for name, job in work.items()}


def _volume_tile(tile: Tile) -> Tile:
    shift = tile[0] - SOURCES["volumes"].tile_zoom if SOURCES["volumes"].tile_zoom is not None else 0
    return tile[0] - shift, tile[1] >> shift, tile[2] >> shift
