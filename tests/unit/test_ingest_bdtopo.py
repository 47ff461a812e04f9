"""`ingest buildings` on a BD TOPO BATIMENT GeoPackage in Lambert-93: the datasets written, the floors and
the rule behind each count, the ids, every report entry, the provenance, the file format, and the app's
catalog and panel on the result. Expected values are worked out by hand from tests/unit/ingest_files.py."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pytest

from callbacks.building_panel import panel_children
from callbacks.language import source_line
from geodata.catalog import Catalog, open_catalog
from geodata.ingest.cli import main
from geodata.ingest.report import REPORT_FILE
from geodata.queries import activity_time_range
from layers.floors import label_text
from tests.unit.api_client import build_twin
from tests.unit.ingest_files import bdtopo_gpkg


def cleabs(number: int) -> str:
    return f"BATIMENT{number:016d}"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bdtopo")
    assert main(["buildings", str(bdtopo_gpkg(work / "batiment.gpkg")), "--out", str(work / "data")]) == 0
    return work / "data"


@pytest.fixture(scope="module")
def buildings(out: Path) -> pd.DataFrame:
    return gpd.read_parquet(out / "buildings.parquet").set_index("building_id")


@pytest.fixture(scope="module")
def floors(out: Path) -> pd.DataFrame:
    return gpd.read_parquet(out / "floors.parquet")


@pytest.fixture(scope="module")
def catalog(out: Path) -> Catalog:
    return open_catalog(out)


def test_floors_come_from_the_best_attribute_with_its_rule(buildings: pd.DataFrame) -> None:
    expected = {  # id: (floors, height, rule)
        1: (4, 12.0, "levels"),  # nombre_d_etages 4
        2: (3, 9.0, "height"),  # 9 m ÷ 3 m
        3: (1, 3.0, "default"),  # nothing: one floor of 3 m
        4: (2, 6.0, "levels"),  # 350 m refused: 2 levels × 3 m
        5: (2, 6.0, "height"),  # 150 levels refused: 6 m ÷ 3 m
        6: (2, 10.0, "levels"),
        9: (5, 15.0, "levels"),  # 3 m for 5 levels contradicts: 5 × 3 m
    }
    assert set(buildings.index) == {cleabs(number) for number in expected}
    for number, (count, height, rule) in expected.items():
        row = buildings.loc[cleabs(number)]
        assert (row["floors_count"], row["height_m"], row["floors_rule"]) == (count, height, rule), number
    assert set(buildings["id_rule"]) == {"cleabs"}
    assert buildings["construction_period"].isna().all() and not buildings["protected"].any()


def test_each_floor_has_the_footprint_area_and_the_mapped_use(floors: pd.DataFrame) -> None:
    one = floors[floors["building_id"] == cleabs(1)].sort_values("level")
    assert list(one["level"]) == [0, 1, 2, 3]
    assert list(one["floor_id"]) == [f"{cleabs(1)}-{level}" for level in range(4)]
    assert one["area_m2"].tolist() == pytest.approx([200.0] * 4, abs=0.01)  # 20 m × 10 m
    # The bow tie (20 m × 20 m, crossing itself) becomes two triangles of 100 m² each.
    assert floors.loc[floors["building_id"] == cleabs(6), "area_m2"].tolist() == pytest.approx(
        [200.0] * 2, abs=0.01
    )
    uses = floors.groupby("building_id")["use"].first()
    assert (
        uses[cleabs(1)] == "housing" and uses[cleabs(2)] == "workshop" and uses[cleabs(6)] == "culture_sport"
    )
    assert uses[cleabs(3)] == "storage" and uses[cleabs(4)] == "office"
    assert floors["status"].isna().all() and floors["occupant"].isna().all()  # occupancy not known
    assert len(floors) == 4 + 3 + 1 + 2 + 2 + 2 + 5


def test_the_report_lists_every_rule_applied(out: Path) -> None:
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    entries = {entry["rule"]: (entry["action"], entry["count"], entry["ids"]) for entry in report["entries"]}
    assert entries == {
        "geometry_repaired": ("repaired", 1, [cleabs(6)]),
        "duplicate_geometry": ("dropped", 1, [cleabs(7)]),
        "height_refused": ("fixed", 1, [cleabs(4)]),
        "levels_refused": ("fixed", 1, [cleabs(5)]),
        "height_contradicts_levels": ("fixed", 1, [cleabs(9)]),
        "too_low": ("dropped", 1, [cleabs(8)]),
        "status_unknown": ("derived", 19, entries["status_unknown"][2]),
    }
    assert len(entries["status_unknown"][2]) == 19 and report["floors_status_unknown"] == 19
    assert (report["source"], report["input_crs"], report["metric_crs"]) == (
        "bdtopo",
        "EPSG:2154",
        "EPSG:2154",
    )
    assert report["features_read"] == 9 and report["buildings"] == 7 and report["floors"] == 19
    assert report["floors_rules"] == {"levels": 4, "height": 2, "default": 1}
    assert report["rows"]["buildings"] == 7 and report["rows"]["bookings"] == 0


def test_provenance_names_the_file_its_licence_rows_and_rules(out: Path) -> None:
    entries = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    buildings = entries["buildings"]
    assert (
        buildings["sample"] is False
        and buildings["file"] == "batiment.gpkg"
        and "BD TOPO" in buildings["source"]
    )
    assert "Licence Ouverte" in buildings["licence"] and buildings["rows"] == 7
    assert buildings["metric_crs"] == "EPSG:2154" and any(
        "height ÷ 3 m" in rule for rule in buildings["rules"]
    )
    assert entries["floors"]["rows"] == 19
    assert entries["bookings"]["rows"] == 0 and not any(entry["sample"] for entry in entries.values())


def test_files_are_geoparquet_1_1_with_a_bbox_covering_in_wgs84(out: Path) -> None:
    for name in ("buildings", "floors", "district", "spaces"):
        geo = json.loads(pq.read_schema(out / f"{name}.parquet").metadata[b"geo"])
        column = geo["columns"]["geometry"]
        assert geo["version"] == "1.1.0" and column["encoding"] == "WKB"
        assert "bbox" in column["covering"]
    frame = gpd.read_parquet(out / "buildings.parquet")
    assert frame.crs.to_epsg() == 4326
    xmin, ymin, xmax, ymax = frame.total_bounds
    assert 7.31 < xmin < xmax < 7.33 and 47.74 < ymin < ymax < 47.76


def test_the_study_area_is_the_buildings_extent(out: Path, buildings: pd.DataFrame) -> None:
    district = gpd.read_parquet(out / "district.parquet")
    assert list(district["name"]) == ["Emprise des bâtiments"]
    assert tuple(district.total_bounds) == pytest.approx(
        tuple(gpd.GeoSeries(buildings.geometry).total_bounds)
    )


def test_the_app_reads_it_as_real_data_with_one_day_of_time(catalog: Catalog) -> None:
    assert not catalog.is_sample
    assert catalog.row_counts["buildings"] == 7 and catalog.row_counts["parking_lots"] == 0
    start, end = activity_time_range(catalog.cursor(), pd.Timestamp("2026-12-06").date())
    assert (start.isoformat(), end.isoformat()) == ("2026-12-06T00:00:00", "2026-12-06T23:00:00")
    assert (
        source_line(catalog, ("parking_lots", "parking_occupancy"), "fr")
        == "Aucune donnée chargée pour cette couche"
    )
    assert source_line(catalog, ("floors",), "en").startswith("Source: real,")


def test_the_panel_says_when_floors_are_estimated(catalog: Catalog) -> None:
    assert "étages estimés d'après la hauteur" in str(panel_children(catalog, cleabs(2), "fr"))
    assert "number of floors unknown: one counted" in str(panel_children(catalog, cleabs(3), "en"))
    counted = str(panel_children(catalog, cleabs(1), "fr"))
    assert "estimés" not in counted and "inconnu" not in counted


def test_map_labels_keep_short_site_numbers_and_skip_long_register_ids() -> None:
    assert label_text("62", "Bâtiment 62") == "62"
    assert label_text(cleabs(1), "Maison") == "Maison"
    assert label_text(cleabs(1), "") is None


def test_the_whole_app_serves_it(out: Path, tmp_path: Path) -> None:
    """Every route set up at start-up copes with no activity data (the page, the health check, exports)."""
    client = build_twin(out, tmp_path / "state").client()
    health = client.get("/healthz").get_json()
    assert health["sample"] is False and health["datasets"]["buildings"] == 7
    assert client.get("/").status_code == 200
    exported = client.get("/export/buildings.csv")
    assert exported.status_code == 200 and exported.get_data(as_text=True).count(cleabs(1)) == 1
