"""The time to recompute a district scenario's indicators, server side, beside the baseline's indicators.

The scenario: every vacant floor of the three buildings with the most vacant floor area becomes housing,
school or offices, and a new three-storey building stands on the largest parking lot, which is no longer a
parking lot. What a planner's edit costs: parse the JSON document, check it against the baseline, compute
every indicator and the floor area by use. `python -m bench.scenario [DATA_DIR]` prints the figures alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb
import shapely

from bench.server import median_ms
from geodata.catalog import Catalog, open_catalog
from geodata.indicators import figures as scenario_figures
from geodata.indicators import indicators
from geodata.scenario import check_document, parse_document
from geodata.settings import TwinSettings

RUNS = 7
_USES = ("housing", "school", "office")
_SIDE_DEG = 0.0002  # ~15 m east-west, ~22 m north-south at Mulhouse: well inside a parking lot


def district_scenario(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The scenario's JSON document, made from whatever data is loaded (district sample or city)."""
    buildings = con.execute(
        """SELECT building_id FROM floors WHERE status = 'vacant'
           GROUP BY building_id ORDER BY sum(area_m2) DESC, building_id LIMIT 3"""
    ).fetchall()
    changes: list[dict[str, Any]] = []
    for (building_id,), use in zip(buildings, _USES, strict=False):
        floors = con.execute(
            "SELECT floor_id FROM floors WHERE building_id = $b AND status = 'vacant' ORDER BY level",
            {"b": building_id},
        ).fetchall()
        changes += [{"kind": "floor", "floor_id": floor_id, "use": use} for (floor_id,) in floors]
    lot_id, wkb = con.execute("SELECT lot_id, geometry FROM parking_lots ORDER BY lot_id LIMIT 1").fetchall()[
        0
    ]
    centre = shapely.from_wkb(wkb).representative_point()
    square = shapely.box(centre.x - _SIDE_DEG / 2, centre.y - _SIDE_DEG / 2, centre.x + _SIDE_DEG / 2,
                         centre.y + _SIDE_DEG / 2)  # fmt: skip
    changes.append({"kind": "green", "lot_id": lot_id})
    changes.append(
        {"kind": "new_building", "id": "BENCH-1", "name": "Bench", "height_m": 10.5,
         "geometry": shapely.geometry.mapping(square) | {"coordinates": _rings(square)},
         "floors": [{"use": "retail"}, {"use": "housing"}, {"use": "housing"}]}
    )  # fmt: skip
    return {"name": "Bench: vacant floors of three buildings, one new building", "changes": changes}


def _rings(polygon: shapely.Polygon) -> list[list[list[float]]]:
    return [[list(xy) for xy in polygon.exterior.coords]]


def recompute(con: duckdb.DuckDBPyConnection, data: dict[str, Any]) -> dict[str, float]:
    """What one edit costs the server: parse, check, every indicator, the floor area by use."""
    document = parse_document(data)
    check_document(con, document)
    return scenario_figures(con, document).indicators


def figures(catalog: Catalog) -> dict[str, Any]:
    con = catalog.cursor()
    data = district_scenario(con)
    document = parse_document(data)
    return {
        "scenario_changes": len(data["changes"]),
        "baseline_indicators_ms": round(median_ms(lambda: indicators(con, None), RUNS), 2),
        "scenario_indicators_ms": round(median_ms(lambda: indicators(con, document), RUNS), 2),
        "scenario_check_ms": round(median_ms(lambda: check_document(con, document), RUNS), 2),
        "scenario_recompute_ms": round(median_ms(lambda: recompute(con, data), RUNS), 2),
    }


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else TwinSettings.from_env().data_dir
    catalog = open_catalog(data_dir)
    print(f"{data_dir}: {catalog.row_counts['floors']:,} floors")
    for name, value in figures(catalog).items():
        print(f"  {name:<28}{value:>10}")


if __name__ == "__main__":
    main()
