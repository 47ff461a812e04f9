"""A floor whose occupancy no file gives is "not known" (status NULL), never counted as occupied: in
floors.parquet, the report and provenance, the KPI strip, the floors layer (class, legend, tooltip), the
building panel, the scenario indicators, the exports and the vacancy ranking. Expected figures come from
pandas over the written parquet files, never from the twin's own queries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely

from callbacks.building_panel import panel_children
from callbacks.kpis import kpi_cards
from geodata.catalog import Catalog, open_catalog
from geodata.indicators import indicators, scenario_floors
from geodata.ingest.cli import main
from geodata.ingest.report import REPORT_FILE
from geodata.queries import UNKNOWN_STATUS, floor_area_kpis, legend_facts
from geodata.rankings import vacant_ranking
from geodata.scenario import parse_document
from layers import floors as floors_layer
from layers.base import Request
from layers.binary import Decoded, decode, encode
from layers.registry import legends
from layers.scenario import table_rows as scenario_rows
from tests.unit.api_client import build_twin
from tests.unit.ingest_files import bdtopo_grid
from tests.unit.tiles import tile_of
from texts.formats import format_value

NOON = pd.Timestamp("2026-12-06 12:00").to_pydatetime()
NNBSP, NBSP = "\u202f", "\u00a0"


def cleabs(number: int) -> str:
    return f"BATIMENT{number:016d}"


def ingest(work: Path) -> Path:
    assert main(["buildings", str(bdtopo_grid(work / "grid.gpkg")), "--out", str(work / "data")]) == 0
    return work / "data"


@pytest.fixture(scope="module")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Buildings only: no occupancy anywhere."""
    return ingest(tmp_path_factory.mktemp("unknown"))


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Buildings, then occupancy records for three floors of buildings 1 and 2; the rest stays unknown."""
    work = tmp_path_factory.mktemp("merged")
    out = ingest(work)
    rows = (
        f"floor_id,status,use\n{cleabs(1)}-0,vacant,\n{cleabs(1)}-1,occupied,office\n{cleabs(2)}-0,vacant,\n"
    )
    (work / "occupancy.csv").write_text(rows, encoding="utf-8")
    assert main(["occupancy", str(work / "occupancy.csv"), "--into", str(out)]) == 0
    return out


def floors_of(out: Path) -> pd.DataFrame:
    return pd.DataFrame(gpd.read_parquet(out / "floors.parquet").drop(columns="geometry"))


def french_m2(value: float) -> str:
    """12300.4 -> '12 300 m²' (narrow no-break space between thousands), written out here by hand."""
    return f"{round(value):,}".replace(",", NNBSP) + f"{NBSP}m²"


def strip_texts(catalog: Catalog, lang: str) -> dict[str, str]:
    cards = kpi_cards(catalog, NOON, lang)  # type: ignore[arg-type]
    return {card.id: " | ".join(str(part.children) for part in card.children) for card in cards}


def test_floors_parquet_holds_null_status_and_still_validates(unknown: Path) -> None:
    table = pq.read_table(unknown / "floors.parquet", columns=["status", "use"])
    assert table.num_rows > 0 and table.column("status").null_count == table.num_rows
    assert table.column("use").null_count == 0  # the use is known (BD TOPO usage_1); its occupancy is not
    assert open_catalog(unknown).row_counts["floors"] == table.num_rows  # validation accepts the nulls


def test_the_report_and_provenance_say_occupancy_is_not_known(unknown: Path) -> None:
    report = json.loads((unknown / REPORT_FILE).read_text(encoding="utf-8"))
    count = len(floors_of(unknown))
    entry = next(entry for entry in report["entries"] if entry["rule"] == "status_unknown")
    assert (entry["action"], entry["count"], report["floors_status_unknown"]) == ("derived", count, count)
    assert "not known" in entry["description"]
    rules = json.loads((unknown / "provenance.json").read_text(encoding="utf-8"))["floors"]["rules"]
    status_rules = [rule for rule in rules if rule.startswith("status:")]
    assert len(status_rules) == 1 and "not known" in status_rules[0] and "occupied" not in status_rules[0]


def test_occupancy_records_set_the_status_and_the_report_counts_what_stays_unknown(merged: Path) -> None:
    floors = floors_of(merged).set_index("floor_id")["status"]
    assert floors[[f"{cleabs(1)}-0", f"{cleabs(1)}-1", f"{cleabs(2)}-0"]].tolist() == [
        "vacant",
        "occupied",
        "vacant",
    ]
    assert floors.isna().sum() == len(floors) - 3
    report = json.loads((merged / REPORT_FILE).read_text(encoding="utf-8"))
    entry = next(entry for entry in report["entries"] if entry["rule"] == "status_unknown")
    assert entry["count"] == report["floors_status_unknown"] == len(floors) - 3
    rules = json.loads((merged / "provenance.json").read_text(encoding="utf-8"))["floors"]["rules"]
    status_rules = [rule for rule in rules if rule.startswith("status:")]
    assert len(status_rules) == 2 and "occupancy records" in status_rules[1]  # the buildings' rule kept


def test_kpis_of_a_buildings_only_twin_show_dashes_and_say_what_is_not_known(
    unknown: Path,
) -> None:
    total = floors_of(unknown)["area_m2"].sum()
    catalog = open_catalog(unknown)
    kpis = floor_area_kpis(catalog.cursor())
    assert (kpis.total_m2, kpis.unknown_m2) == (pytest.approx(total), pytest.approx(total))
    assert (kpis.occupied_m2, kpis.vacant_m2, kpis.occupied_share, kpis.vacant_share) == (0, 0, 0, 0)
    fr, en = strip_texts(catalog, "fr"), strip_texts(catalog, "en")
    assert f"dont {french_m2(total)} non renseignés" in fr["kpi-total"]
    assert f"of which {round(total):,}{NBSP}m² not known" in en["kpi-total"]
    # No status known, no spaces, no car parks: a dash and the reason, never a 0 that reads as "none vacant".
    assert [fr[kpi] for kpi in ("kpi-occupied", "kpi-vacant", "kpi-booked", "kpi-parking")] == [
        "Occupée | — | non renseigné",
        "Vacante | — | non renseigné",
        "Espaces réservés | — | aucune donnée",
        "Places libres | — | aucune donnée",
    ]
    assert en["kpi-vacant"] == "Vacant | — | not known" and en["kpi-parking"].endswith("| — | no data")


def test_kpis_after_occupancy_records_are_what_is_known_as_shares_of_the_total(merged: Path) -> None:
    floors = floors_of(merged)
    total = floors["area_m2"].sum()
    occupied = floors.loc[floors["status"] == "occupied", "area_m2"].sum()
    vacant = floors.loc[floors["status"] == "vacant", "area_m2"].sum()
    not_known = floors.loc[floors["status"].isna(), "area_m2"].sum()
    assert occupied == pytest.approx(25 * 15) and vacant == pytest.approx(2 * 25 * 15)  # by hand: 25 × 15 m
    catalog = open_catalog(merged)  # kept: its connection closes with it
    kpis = floor_area_kpis(catalog.cursor())
    assert (kpis.total_m2, kpis.occupied_m2, kpis.vacant_m2, kpis.unknown_m2) == pytest.approx(
        (total, occupied, vacant, not_known)
    )
    assert (kpis.occupied_share, kpis.vacant_share) == pytest.approx((occupied / total, vacant / total))
    assert f"dont {french_m2(not_known)} non renseignés" in strip_texts(catalog, "fr")["kpi-total"]


def test_the_grey_legend_entry_is_shown_only_when_something_is_grey(sample_dir: Path) -> None:
    """Grey is a floor of unknown status or a building without floors; tables made here, by hand."""
    con = duckdb.connect()
    con.sql("CREATE TABLE buildings AS SELECT * FROM (VALUES ('A'), ('B')) t(building_id)")
    con.sql("CREATE TABLE floors AS FROM (VALUES ('A', 'vacant'), ('B', 'occupied')) t(building_id, status)")
    assert legend_facts(con) == frozenset()
    con.sql("INSERT INTO buildings VALUES ('C')")  # no floors: drawn grey
    assert legend_facts(con) == {UNKNOWN_STATUS}
    con.sql("DELETE FROM buildings WHERE building_id = 'C'; INSERT INTO floors VALUES ('B', NULL)")
    assert legend_facts(con) == {UNKNOWN_STATUS}
    catalog = open_catalog(sample_dir)
    known = legend_facts(catalog.cursor())
    assert known == frozenset() and "Non renseigné" not in str(legends("fr", known))


def test_the_sample_data_stays_fully_known(sample_dir: Path) -> None:
    status = pq.read_table(sample_dir / "floors.parquet", columns=["status"]).column("status")
    assert status.null_count == 0
    catalog = open_catalog(sample_dir)
    assert floor_area_kpis(catalog.cursor()).unknown_m2 == 0
    assert "renseign" not in strip_texts(catalog, "fr")["kpi-total"]


def tile_payload(catalog: Catalog, source: str, building: int, zoom: int) -> Decoded:
    shape = gpd.read_parquet(catalog.data_dir / "buildings.parquet").set_index("building_id").geometry
    lon, lat = shapely.get_coordinates(shape[cleabs(building)].centroid)[0]
    request = Request((7.322, 47.753), tile=tile_of(lon, lat, zoom))
    return decode(
        encode(floors_layer.SOURCES[0 if source == "floors" else 1].build(catalog.cursor(), request))
    )


def test_the_floors_layer_draws_unknown_floors_in_the_no_data_class_and_names_them(merged: Path) -> None:
    catalog = open_catalog(merged)
    slabs = tile_payload(catalog, "floors", 3, floors_layer.FLOOR_TILE_ZOOM)
    row = slabs.texts["f_floor_id"].index(f"{cleabs(3)}-0")
    assert slabs.texts["f_status"][row] == "unknown" and slabs.numbers["row_class"][row] == 2
    vacant = slabs.texts["f_floor_id"].index(f"{cleabs(1)}-0")
    assert slabs.texts["f_status"][vacant] == "vacant" and slabs.numbers["row_class"][vacant] == 1
    volumes = tile_payload(catalog, "volumes", 3, floors_layer.VOLUME_TILE_ZOOM)
    ids = volumes.texts["f_building_id"]
    share = dict(zip(ids, volumes.numbers["f_occupied_share"].tolist(), strict=True))
    colour = dict(zip(ids, volumes.numbers["row_class"].tolist(), strict=True))
    assert np.isnan(share[cleabs(3)]) and colour[cleabs(3)] == 2  # nothing known: no data, not vacant
    assert share[cleabs(1)] == pytest.approx(0.5) and colour[cleabs(1)] == 0  # 1 occupied, 1 vacant storey
    assert share[cleabs(2)] == 0 and colour[cleabs(2)] == 1  # its one known storey is vacant


def test_legend_tooltip_and_panel_say_not_known(merged: Path) -> None:
    catalog = open_catalog(merged)
    facts = legend_facts(catalog.cursor())
    labels = [item.label for item in floors_layer.legend("fr").for_data(facts).items]
    assert labels[-1] == "Non renseigné"
    assert floors_layer.legend("en").for_data(facts).items[-1].label == "Not known"
    templates = {tip.layer_id: tip for tip in floors_layer.tooltips("fr")}
    assert templates[floors_layer.STATUS_LAYER_ID].values["unknown"] == "non renseigné"
    assert templates[floors_layer.VOLUMES_STATUS_ID].values["unknown"] == "non renseigné"
    assert "non renseigné" in str(panel_children(catalog, cleabs(3), "fr"))
    known = str(panel_children(catalog, cleabs(1), "en"))
    assert "not known" not in known and "vacant" in known and "occupied" in known


def test_scenario_indicators_count_unknown_as_neither_and_see_a_status_change(unknown: Path) -> None:
    catalog = open_catalog(unknown)  # kept: its connection closes with it
    con = catalog.cursor()
    total = floors_of(unknown)["area_m2"].sum()
    baseline = indicators(con, None)
    assert baseline["floor_area_m2"] == pytest.approx(total)
    assert (baseline["occupied_m2"], baseline["vacant_m2"], baseline["occupied_share"]) == (0, 0, 0)
    floor = f"{cleabs(3)}-0"
    document = parse_document(
        {"name": "t", "changes": [{"kind": "floor", "floor_id": floor, "status": "occupied"}]}
    )
    after = indicators(con, document)
    area = floors_of(unknown).set_index("floor_id").loc[floor, "area_m2"]
    assert after["occupied_m2"] == pytest.approx(area) and after["vacant_m2"] == 0
    changed = scenario_floors(con, document).to_pandas().set_index("floor_id")
    assert changed.loc[floor, "change"] == "status" and changed["change"].eq("status").sum() == 1
    named = parse_document(
        {"name": "t", "changes": [{"kind": "floor", "floor_id": floor, "occupant": "Atelier Nord"}]}
    )
    rows = {row["floor_id"]: row for row in scenario_rows(con, named)}
    assert rows[floor]["status"] == "unknown" and indicators(con, named)["occupied_m2"] == 0
    assert format_value(rows[floor]["status"], "value", "fr") == "non renseigné"


def test_exports_write_an_empty_status_and_the_ranking_counts_only_vacant(
    merged: Path, tmp_path: Path
) -> None:
    twin = build_twin(merged, tmp_path / "state")
    client = twin.client()
    response = client.get("/export/floors.csv")
    assert response.status_code == 200
    rows = {row["floor_id"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    expected = floors_of(merged).set_index("floor_id")["status"]
    assert len(rows) == len(expected)
    assert all(rows[f]["status"] == ("" if pd.isna(s) else s) for f, s in expected.items())
    floors = floors_of(merged)
    by_building = floors[floors["status"] == "vacant"].groupby("building_id")["area_m2"].sum()
    ranking = vacant_ranking(twin.catalog.cursor())
    assert [r.building_id for r in ranking] == [cleabs(1), cleabs(2)]  # equal areas: by id
    assert [r.vacant_m2 for r in ranking] == pytest.approx(by_building.loc[[cleabs(1), cleabs(2)]].tolist())
