"""Figures (ms, bytes) for the data and layer paths, each with a ratio against a baseline measured in the
same run, because the machines are noisy: compare ratios across runs, not absolute numbers."""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

from callbacks.map_layers import timed_entries
from callbacks.page import static_entries
from geodata import queries
from geodata.catalog import open_catalog
from geodata.settings import TwinSettings

AT = datetime(2026, 11, 23, 15)
RUNS = 15


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def row(name: str, value: float, unit: str, baseline: float, baseline_name: str) -> None:
    figure = f"{value:>12,.0f}" if unit == "bytes" else f"{value:>12.2f}"
    print(f"{name:<42} {figure} {unit:<5} ×{value / baseline:>8.2f}  vs {baseline_name}")


def bench_queries(data_dir: Path) -> None:
    catalog = open_catalog(data_dir)
    con = catalog.cursor()
    base = median_ms(lambda: con.sql("SELECT count(*) FROM floors").fetchall())
    label = "baseline: count of floors"
    print(f"{label:<42} {base:>12.2f} ms")
    work: dict[str, Callable[[], object]] = {
        "floors_with_status": lambda: queries.floors_with_status(con),
        "spaces_booked_at": lambda: queries.spaces_booked_at(con, AT),
        "parking_free_at": lambda: queries.parking_free_at(con, AT),
        "plots_with_species": lambda: queries.plots_with_species(con),
        "floor_area_kpis": lambda: queries.floor_area_kpis(con),
        "static layer specs (queries + layers)": lambda: static_entries(catalog),
        "timed layer specs (one time change)": lambda: timed_entries(catalog, AT),
    }
    for name, job in work.items():
        row(name, median_ms(job), "ms", base, "baseline")


def bench_start_up(data_dir: Path) -> None:
    files = sorted(data_dir.glob("*.parquet"))
    base = median_ms(lambda: [pq.read_table(f) for f in files], runs=5)
    print(f"{'baseline: pyarrow reads every dataset':<42} {base:>12.2f} ms")
    row(
        "open_catalog (validate + connect)",
        median_ms(lambda: open_catalog(data_dir), runs=5),
        "ms",
        base,
        "baseline",
    )


def bench_payload(data_dir: Path) -> None:
    catalog = open_catalog(data_dir)
    static = json.dumps(static_entries(catalog)).encode()
    timed = json.dumps(timed_entries(catalog, AT)).encode()
    print(f"{'static specs, raw JSON':<42} {len(static):>12,d} bytes")
    row("static specs, gzip (as served)", len(gzip.compress(static)), "bytes", len(static), "raw")
    row("timed specs, raw JSON", len(timed), "bytes", len(static), "static raw")
    row("timed specs, gzip", len(gzip.compress(timed)), "bytes", len(timed), "raw")


def main() -> None:
    data_dir = TwinSettings.from_env().data_dir
    print(f"DMC Twin benchmarks on {data_dir} — median of {RUNS} runs\n")
    for section in (bench_queries, bench_start_up, bench_payload):
        section(data_dir)
        print()


if __name__ == "__main__":
    main()
