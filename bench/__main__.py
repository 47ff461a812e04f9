"""`make bench`: the district sample and a synthetic city, each served by gunicorn and opened in headless
Chromium, then measured on the server side beside the old pydeck path; a loopback load test; a table and
bench/results/latest.json. Figures are noisy across machines: compare each one with its baseline."""

from __future__ import annotations

import argparse
import gc
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import browser, datasets, ingest, load, report, scenario, server, wire
from bench.serve import REPO, gunicorn
from geodata import queries
from geodata.catalog import Catalog, open_catalog
from layers.floors import FLOOR_TILE_ZOOM

UNLOADED_STEPS = 5


def served(data_dir: Path, sessions: int, duration_s: int) -> tuple[browser.BrowserFigures, dict[str, Any],
                                                                  dict[str, Any]]:  # fmt: skip
    """Browser figures, load figures and worker memory from one gunicorn serving this dataset."""
    catalog = open_catalog(data_dir)
    period = queries.activity_time_range(catalog.cursor())
    with gunicorn(data_dir) as app:
        print(f"  gunicorn up in {app.start_s:.1f} s; opening the first view in Chromium…", flush=True)
        figures = browser.measure(app.url)
        print(f"  first frame {figures.first_frame_ms:,.0f} ms; load test ({sessions} sessions)…", flush=True)
        step = load.time_step(app.url, figures.layer_urls, figures.kpi_body)
        alone = load.run(step, period, 1, UNLOADED_STEPS)  # the baseline: one session on an idle server
        loaded = load.run(step, period, sessions, duration_s)
        loaded["one_session_p50_ms"], loaded["one_session_p95_ms"] = alone["p50_ms"], alone["p95_ms"]
        rss = app.worker_rss_mb()
        memory = {"start_s": round(app.start_s, 1), "worker_rss_mb": [round(mb) for mb in rss],
                  "worker_rss_mb_max": round(max(rss, default=0))}  # fmt: skip
    return figures, loaded, memory


def chosen_at(kpi_body: str, catalog: Catalog) -> datetime:
    for item in json.loads(kpi_body).get("inputs", []) if kpi_body else []:
        if item.get("id") == "at-store":
            return datetime.fromisoformat(item["value"])
    return queries.activity_time_range(catalog.cursor())[0]


def server_side(catalog: Catalog, figures: browser.BrowserFigures) -> dict[str, Any]:
    """Build times of the first view and of every floor tile, DuckDB per query, and the old path."""
    print("  server: first view, every floor tile, DuckDB queries, then the pydeck path…", flush=True)
    runs = server.first_view(catalog, figures.layer_urls)
    per_source = server.median_run(runs)
    all_tiles_s, tiles = server.all_floor_tiles(catalog)
    west, south, east, north = queries.study_area_bounds(catalog.cursor())
    centre = server.tiles_covering(((west + east) / 2, (south + north) / 2) * 2, FLOOR_TILE_ZOOM)[0]
    query_ms = server.query_ms(catalog, chosen_at(figures.kpi_body, catalog), centre)
    old = wire.old_path(catalog)
    scenario_figures = scenario.figures(catalog)
    gc.collect()
    return {
        **scenario_figures,
        "first_view_build_s": {name: round(s, 4) for name, s in per_source.items()},
        "serialise_s": round(sum(per_source.values()), 4),
        "serialise_cold_s": round(sum(runs[0].values()), 4),
        "all_floor_tiles_s": round(all_tiles_s, 3),
        "floor_tiles": tiles,
        "query_ms": query_ms,
        "pydeck_serialise_s": round(old.serialise_s, 3),
        "pydeck_query_s": round(old.query_s, 3),
        "pydeck_rows_s": round(old.rows_s, 3),
        "pydeck_to_json_s": round(old.to_json_s, 3),
        "pydeck_json_bytes": old.json_bytes,
        "pydeck_gzip_bytes": old.gzip_bytes,
        "pydeck_bytes_per_floor": round(old.gzip_bytes / max(old.floors, 1), 2),
        "pydeck_raw_bytes_per_floor": round(old.json_bytes / max(old.floors, 1), 2),
        "float32_bytes_per_floor": round(old.float32_bytes / max(old.floors, 1), 2),
    }


def measure(
    name: str, data_dir: Path, sessions: int, duration_s: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    print(f"{name}: {data_dir}", flush=True)
    catalog = open_catalog(data_dir)
    floors = catalog.row_counts["floors"]
    figures, loaded, memory = served(data_dir, sessions, duration_s)
    size = {
        "data_dir": _shown(data_dir),
        "floors": floors,
        "buildings": catalog.row_counts["buildings"],
        "wire_bytes_per_floor": round(figures.layer_data_bytes / max(floors, 1), 2),
        "wire_floor_bytes_per_floor": round(figures.floor_data_bytes / max(floors, 1), 2),
        **browser.summary(figures),
        **memory,
        **server_side(catalog, figures),
    }
    return size, loaded


def _shown(path: Path) -> str:
    """Relative to the repository when inside it: the committed results name no one's home directory."""
    path = path.absolute()  # not resolved: the city's cache path, not the version its symlink points to
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--city-floors", type=int, default=datasets.CITY_FLOORS,
                        help="floors of the synthetic city (0: district only)")  # fmt: skip
    parser.add_argument("--sessions", type=int, default=load.SESSIONS)
    parser.add_argument("--duration", type=int, default=load.DURATION_S, help="load test seconds")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    began = time.perf_counter()
    results: dict[str, Any] = {
        "machine": report.machine(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    print("machine:", ", ".join(f"{k} {v}" for k, v in results["machine"].items()), flush=True)
    results["district"], results["load"] = measure(
        "district", datasets.district_dir(), args.sessions, args.duration
    )
    city, generate_s = datasets.city_dir(args.city_floors) if args.city_floors else (None, 0.0)
    if city is None:
        print("city: skipped (no --city-floors, or geodata.sample.city is not in this checkout)")
    else:
        results["city"], results["load_city"] = measure("city", city, args.sessions, args.duration)
        results["city"]["generate_s"] = round(generate_s, 1)
        results["city"]["district_first_frame_ms"] = results["district"]["first_frame_ms"]
        results["city"]["district_worker_rss_mb"] = results["district"]["worker_rss_mb_max"]
    results["city_floors_requested"] = args.city_floors
    print(f"ingestion: {ingest.BUILDINGS:,} BD TOPO buildings from a GeoPackage…", flush=True)
    results["ingest"] = ingest.figures()
    results["bench_s"] = round(time.perf_counter() - began)
    print(f"\n{report.table(results)}\n\n{report.sources_table(results)}\n\n{report.queries_table(results)}")
    print(f"\n{ingest.table(results)}")
    print(
        f"\nmachine: {results['machine']}; bench took {results['bench_s']} s; wrote {report.write(results)}"
    )


if __name__ == "__main__":
    main()
