"""The machine, the printed table (each figure beside its baseline from the same run, with the issue's goal)
and bench/results/latest.json."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    ram_kb = next(
        (int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0
    )
    system = f"{platform.system()} {platform.release()}"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram_kb / 1024**2, 1), "system": system,
            "python": platform.python_version()}  # fmt: skip


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure and its baseline, at district and city size."""

    figure: str
    key: str
    baseline: str
    baseline_key: str
    goal: str = ""
    section: str = ""  # the results' key, when not per size


ROWS = (
    Row(
        "wire B/floor, first view",
        "wire_bytes_per_floor",
        "pydeck JSON gzip",
        "pydeck_bytes_per_floor",
        "≤ 4",
    ),
    Row("", "wire_bytes_per_floor", "raw float32 XYZ", "float32_bytes_per_floor"),
    Row(
        "  floors/volumes tiles only",
        "wire_floor_bytes_per_floor",
        "pydeck JSON gzip",
        "pydeck_bytes_per_floor",
    ),
    Row("layout bytes (as served)", "layout_bytes", "pydeck JSON gzip, all", "pydeck_gzip_bytes", "few KB"),
    Row("serialise first view, s", "serialise_s", "pydeck to_json path", "pydeck_serialise_s", "≤ 0.5"),
    Row("serialise all floor tiles, s", "all_floor_tiles_s", "pydeck to_json path", "pydeck_serialise_s"),
    Row("first frame, ms", "first_frame_ms", "district first frame", "district_first_frame_ms", "≤ 2×"),
    Row("toggle, ms", "toggle_ms", "deck redraw, next frame", "plain_redraw_ms", "≤ 1.2×"),
    Row("", "toggle_ms", "deck redraw, forced now", "forced_redraw_ms"),
    Row("RSS per worker, MB", "worker_rss_mb_max", "district worker", "district_worker_rss_mb"),
    Row(
        "scenario recompute, ms",
        "scenario_recompute_ms",
        "baseline indicators",
        "baseline_indicators_ms",
        "≤ 200",
    ),
    Row(
        "  scenario indicators, ms", "scenario_indicators_ms", "baseline indicators", "baseline_indicators_ms"
    ),
    Row("  scenario check, ms", "scenario_check_ms", "baseline indicators", "baseline_indicators_ms"),
    Row(
        "load p50, ms (30 sessions)", "p50_ms", "one session alone p50", "one_session_p50_ms", section="load"
    ),
    Row(
        "load p95, ms (30 sessions)",
        "p95_ms",
        "one session alone p95",
        "one_session_p95_ms",
        "≤ 300",
        section="load",
    ),
    Row("load errors", "errors", "requests", "requests", "0", section="load"),
)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and abs(value) < 100:
        return f"{value:,.2f}"
    return f"{value:,.0f}" if isinstance(value, int | float) else str(value)


def _ratio(value: Any, baseline: Any) -> str:
    ok = isinstance(value, int | float) and isinstance(baseline, int | float) and baseline
    return f"×{value / baseline:.2f}" if ok else ""


def _sizes(results: dict[str, Any]) -> list[str]:
    """Which data each column is: the city's size is a bench option."""
    lines = []
    for size in ("district", "city"):
        if size in results:
            figures = results[size]
            lines.append(f"{size}: {figures['floors']:,} floors, {figures['buildings']:,} buildings "
                         f"({figures['data_dir']})")  # fmt: skip
    done = [
        (size, results[key]) for key, size in (("load", "district"), ("load_city", "city")) if key in results
    ]
    if done:
        load = done[0][1]
        took = ", ".join(f"{size} in {figures['seconds']} s" for size, figures in done)
        lines.append(
            f"load: {load['sessions']} sessions x {load['steps']} time steps, one a second: done, {took}"
        )
    return [*lines, ""]


def table(results: dict[str, Any]) -> str:
    head = (
        f"{'figure':<30}{'district':>11}{'city':>11}  {'baseline (same run)':<24}{'district':>11}{'city':>11}"
    )
    lines = [*_sizes(results), head + f"{'× d':>8}{'× c':>8}  goal", "-" * (len(head) + 26)]
    for row in ROWS:
        sizes = ("load", "load_city") if row.section else ("district", "city")
        values = [results.get(size, {}).get(row.key) for size in sizes]
        bases = [results.get(size, {}).get(row.baseline_key) for size in sizes]
        ratios = [_ratio(v, b) for v, b in zip(values, bases, strict=True)]
        figure = f"{row.figure:<30}{_cell(values[0]):>11}{_cell(values[1]):>11}"
        baseline = f"  {row.baseline:<24}{_cell(bases[0]):>11}{_cell(bases[1]):>11}"
        lines.append(f"{figure}{baseline}{ratios[0]:>8}{ratios[1]:>8}  {row.goal}")
    return "\n".join(lines)


def queries_table(results: dict[str, Any]) -> str:
    district, city = (results.get(size, {}).get("query_ms", {}) for size in ("district", "city"))
    lines = [f"{'DuckDB query, median ms':<40}{'district':>11}{'city':>11}"]
    lines += [f"{name:<40}{_cell(ms):>11}{_cell(city.get(name)):>11}" for name, ms in district.items()]
    return "\n".join(lines)


def sources_table(results: dict[str, Any]) -> str:
    district, city = (results.get(size, {}).get("first_view_build_s", {}) for size in ("district", "city"))
    lines = [f"{'first view build+encode per source, s':<40}{'district':>11}{'city':>11}"]
    names = list(dict.fromkeys([*district, *city]))
    lines += [f"{name:<40}{_cell(district.get(name)):>11}{_cell(city.get(name)):>11}" for name in names]
    return "\n".join(lines)


def write(results: dict[str, Any]) -> Path:
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return RESULTS
