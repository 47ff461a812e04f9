"""The map's data grids: totals and shares against pandas over the sample's parquet files, French number
formats written out by hand, sortable values, the grid's own words translated, and the download links
(through the real app's callback, Flask test client)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from callbacks.data_tables import export_params
from components.export_links import export_url
from components.grids import data_grid, locale_text, sort_value
from geodata.catalog import Catalog, open_catalog
from layers import floors, parking
from tests.unit.api_client import build_twin, csrf, page_loaded

AT = datetime(2026, 11, 23, 14)


@pytest.fixture(scope="module")
def catalog(sample_dir: Path) -> Catalog:
    return open_catalog(sample_dir)


def french_m2(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") + "\u00a0m²"


def occupancy_grid(catalog: Catalog, lang: str = "fr") -> Any:
    table = floors.LAYER.table
    assert table is not None
    return data_grid("g", table.columns, table.rows(catalog.cursor(), AT), lang)  # type: ignore[arg-type]


def test_the_occupancy_grid_totals_and_shares_match_the_floors_file(
    catalog: Catalog, sample_dir: Path
) -> None:
    frame = pd.read_parquet(sample_dir / "floors.parquet", columns=["building_id", "area_m2", "status"])
    vacant = frame[frame["status"] == "vacant"]["area_m2"].sum()
    occupied = frame[frame["status"] == "occupied"]["area_m2"].sum()
    grid = occupancy_grid(catalog)
    headers = [c["headerName"] for c in grid.columnDefs]
    assert headers == ["Bâtiment", "Étages", "Occupée", "Occupée (part du total)", "Vacante",
                       "Vacante (part du total)"]  # fmt: skip
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    count = frame["building_id"].nunique()
    assert total["t0"] == f"Total ({count} lignes)" and total["v1"] == len(frame)
    assert (total["v2"], total["v3"]) == (pytest.approx(occupied), pytest.approx(vacant))
    assert (total["t2"], total["t3"]) == (french_m2(occupied), french_m2(vacant))
    assert total["u3"] == "100\u00a0%"
    row_62 = next(row for row in grid.rowData if row["t0"].startswith("62 "))
    vacant_62 = frame[(frame["building_id"] == "62") & (frame["status"] == "vacant")]["area_m2"].sum()
    assert row_62["v3"] == pytest.approx(vacant_62) and row_62["t3"] == french_m2(vacant_62)
    assert row_62["s3"] == pytest.approx(vacant_62 / vacant)
    assert row_62["u3"] == f"{round(100 * vacant_62 / vacant)}\u00a0%"
    assert len(grid.rowData) == count


def test_numbers_sort_as_numbers_and_filter_as_numbers_other_columns_as_their_text(catalog: Catalog) -> None:
    grid = occupancy_grid(catalog, "en")
    by_field = {c["field"]: c for c in grid.columnDefs}
    assert by_field["v0"]["filter"] == "agTextColumnFilter" and "filterValueGetter" in by_field["v0"]
    assert by_field["v3"]["filter"] == "agNumberColumnFilter" and by_field["v3"]["type"] == "rightAligned"
    assert by_field["v3"]["headerName"] == "Vacant"
    assert all(c["valueFormatter"]["function"].startswith("params.data") for c in grid.columnDefs)
    ids = [row["v0"] for row in grid.rowData]
    assert ids == sorted(ids)  # zero-padded numbers: 5 before 48 before 110, then named ones
    assert sort_value("5", "building") < sort_value("48", "building") < sort_value("110", "building")
    assert sort_value("110", "building") < sort_value("REF", "building")
    assert sort_value(datetime(2026, 1, 2, 9), "slot") == "2026-01-02T09:00:00"
    assert sort_value(1200.0, "m2") == 1200.0


def test_the_parking_grid_adds_up_free_places_and_capacity(catalog: Catalog, sample_dir: Path) -> None:
    table = parking.LAYER.table
    assert table is not None
    grid = data_grid("p", table.columns, table.rows(catalog.cursor(), AT), "fr")
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet", columns=["capacity"])
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    assert total["v2"] == lots["capacity"].sum()
    assert total["t2"] == f"{lots['capacity'].sum():,}".replace(",", "\u202f")


def test_the_parking_grid_s_free_share_totals_as_free_places_over_capacity(
    catalog: Catalog, sample_dir: Path
) -> None:
    table = parking.LAYER.table
    assert table is not None
    grid = data_grid("p", table.columns, table.rows(catalog.cursor(), AT), "fr")
    # Each lot's latest observation at or before AT, from the files with pandas.
    seen = pd.read_parquet(sample_dir / "parking_occupancy.parquet")
    latest = seen[seen["observed_at"] <= AT].sort_values("observed_at").groupby("lot_id").last()
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet", columns=["lot_id", "capacity"])
    capacity = lots.set_index("lot_id").loc[latest.index, "capacity"]
    expected = latest["free_spaces"].sum() / capacity.sum()
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    assert total["v3"] == pytest.approx(expected)
    assert total["t3"] == f"{round(100 * expected)}\u00a0%"
    assert [column["headerName"] for column in grid.columnDefs][3] == "Part libre"
    first = grid.rowData[0]
    lot = str(catalog.cursor().sql("SELECT name FROM parking_lots ORDER BY lot_id LIMIT 1").fetchall()[0][0])
    assert first["t0"] == lot and first["v3"] == pytest.approx(first["v1"] / first["v2"])


def test_the_grid_s_own_words_are_french_or_english() -> None:
    french, english = locale_text("fr"), locale_text("en")
    assert french["contains"] == "Contient" and english["contains"] == "Contains"
    assert french["noRowsToShow"] == "Aucune ligne" and french.keys() == english.keys()


def test_export_links_carry_the_hour_and_the_scenario() -> None:
    assert export_url("floors", "csv", {"at": "2026-11-23T14:00", "scenario": None}) == (
        "/export/floors.csv?at=2026-11-23T14:00"
    )
    params = export_params(AT, {"id": "abc_DEF-1", "version": 3, "draft": None}, "en")
    assert params == {"at": "2026-11-23T14:00", "scenario": "abc_DEF-1", "version": "3", "lang": "en"}
    assert export_url("buildings", "parquet", params) == (
        "/export/buildings.parquet?at=2026-11-23T14:00&scenario=abc_DEF-1&version=3&lang=en"
    )
    assert export_params(AT, "forged", "fr")["scenario"] is None
    assert export_url("spaces", "geojson", {}) == "/export/spaces.geojson"


def test_the_open_tables_panel_holds_a_grid_and_download_links_per_layer(
    sample_dir: Path, tmp_path: Path
) -> None:
    client = page_loaded(build_twin(sample_dir, tmp_path).client())
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"] == "data-tables-body.children")
    values = {
        "data-tables-title": 1,
        "at-store": "2026-11-23T14:00",
        "lang-choice": "fr",
        "scenario-shown": None,
    }
    inputs = [{**item, "value": values[item["id"]]} for item in dep["inputs"]]
    body = {"output": dep["output"], "outputs": {"id": "data-tables-body", "property": "children"},
            "inputs": inputs, "state": [], "changedPropIds": ["data-tables-title.n_clicks"]}  # fmt: skip
    response = client.post("/_dash-update-component", json=body, headers=csrf(client))
    text = json.dumps(response.get_json(), ensure_ascii=False)
    for key in ("occupancy", "bookings", "biodiversity", "parking", "contributions"):
        assert f'"id": "data-grid-{key}"' in text, key
    for dataset in ("buildings", "floors", "spaces", "bookings", "biodiversity_plots", "parking_lots"):
        for fmt in ("csv", "geojson", "parquet"):
            assert f'"href": "/export/{dataset}.{fmt}?at=2026-11-23T14:00&lang=fr"' in text, (dataset, fmt)
    assert "Télécharger" in text and "GeoParquet" in text
