"""A city's own records merged into an ingested directory: occupancy onto floors, bookings onto spaces
(created on their floor when new), parking observations onto car parks; each with a report of what matched,
and the app's figures following them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geodata.catalog import open_catalog
from geodata.ingest.cli import main
from geodata.ingest.report import REPORT_FILE
from geodata.queries import activity_time_range
from tests.unit.ingest_files import bdtopo_grid


def cleabs(number: int) -> str:
    return f"BATIMENT{number:016d}"


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    assert main(["buildings", str(bdtopo_grid(tmp_path / "grid.gpkg")), "--out", str(tmp_path / "data")]) == 0
    return tmp_path / "data"


def csv(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def entries(out: Path) -> dict[str, list[str]]:
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    return {entry["rule"]: entry["ids"] for entry in report["entries"]}


def test_occupancy_sets_status_use_and_occupant_by_floor_or_building_level(out: Path, tmp_path: Path) -> None:
    floors = gpd.read_parquet(out / "floors.parquet")
    first = floors.loc[floors["building_id"] == cleabs(1)].sort_values("level")  # 2 levels (1 + 7 % 6)
    assert len(first) == 2
    rows = [f"{cleabs(1)}-0,vacant,,", f"{cleabs(1)}-1,,office,Acme", "ghost-3,vacant,,"]
    by_floor = csv(tmp_path / "by_floor.csv", "\n".join(["floor_id,status,use,occupant", *rows]) + "\n")
    assert main(["occupancy", by_floor, "--into", str(out)]) == 0
    assert entries(out)["unmatched"] == ["ghost-3"] and entries(out)["matched"] == [
        f"{cleabs(1)}-0",
        f"{cleabs(1)}-1",
    ]
    by_level = csv(tmp_path / "by_level.csv", f"building_id,level,status\n{cleabs(2)},0,vacant\n")
    assert main(["occupancy", by_level, "--into", str(out)]) == 0
    after = gpd.read_parquet(out / "floors.parquet").set_index("floor_id")
    assert after.loc[f"{cleabs(1)}-0", ["status", "use"]].tolist() == ["vacant", "vacant"]
    assert after.loc[f"{cleabs(1)}-1", ["status", "use", "occupant"]].tolist() == [
        "occupied",
        "office",
        "Acme",
    ]
    assert after.loc[f"{cleabs(2)}-0", ["status", "use"]].tolist() == ["vacant", "vacant"]
    expected_vacant = after.loc[[f"{cleabs(1)}-0", f"{cleabs(2)}-0"], "area_m2"].sum()  # 2 × 25 m × 15 m
    assert expected_vacant == pytest.approx(750.0, abs=0.01)
    catalog = open_catalog(out)  # kept: its connection closes with it
    frame = catalog.cursor().execute("SELECT sum(area_m2) FROM floors WHERE status = 'vacant'").fetchone()
    assert frame is not None and frame[0] == pytest.approx(expected_vacant)
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["floors"]["file"] == "by_level.csv" and provenance["floors"]["sample"] is False


def test_bookings_create_their_spaces_and_give_the_activity_period(out: Path, tmp_path: Path) -> None:
    bookings = csv(tmp_path / "bookings.csv",
                   "booking_id,space_id,floor_id,space_name,kind,capacity,start,end,booked_by\n"
                   f"K1,S1,{cleabs(1)}-0,Salle 1,room,12,2026-03-02T09:00,2026-03-02T11:00,Jeanne Dupont\n"
                   f"K2,S1,{cleabs(1)}-0,Salle 1,room,12,2026-03-02T14:00,2026-03-02T15:00,Jeanne Dupont\n"
                   f"K3,S2,{cleabs(3)}-0,Métier,machine,1,2026-03-03T10:00,2026-03-03T09:00,x\n"
                   "K4,S9,nowhere-0,?,room,1,2026-03-02T10:00,2026-03-02T11:00,x\n")  # fmt: skip
    assert main(["bookings", bookings, "--into", str(out)]) == 0
    assert entries(out)["unmatched"] == ["S9"] and entries(out)["bad_time"] == ["S2"]
    assert entries(out)["space_created"] == ["S1"]
    spaces = gpd.read_parquet(out / "spaces.parquet")
    assert spaces[["space_id", "name", "kind", "capacity", "level"]].values.tolist() == [
        ["S1", "Salle 1", "room", 12, 0]
    ]
    table = pd.read_parquet(out / "bookings.parquet")
    assert list(table["booking_id"]) == ["K1", "K2"] and set(table["booked_by"]) == {""}  # no personal data
    catalog = open_catalog(out)
    period = activity_time_range(catalog.cursor())
    assert period == (datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 15))


def test_parking_lots_from_points_and_their_observations(out: Path, tmp_path: Path) -> None:
    lots = csv(tmp_path / "lots.csv", "lot_id,name,capacity,lon,lat\nP1,Parking nord,120,7.3225,47.7540\n")
    observations = csv(tmp_path / "parking.csv",
                       "lot_id,observed_at,free_spaces\nP1,2026-03-02T08:00,100\nP1,2026-03-02T09:00,40\n"
                       "P1,2026-03-02T10:00,-3\nP7,2026-03-02T08:00,5\n")  # fmt: skip
    assert main(["parking", observations, "--lots", lots, "--into", str(out)]) == 0
    assert entries(out)["unmatched"] == ["P7"] and entries(out)["bad_value"] == ["P1"]
    lot = gpd.read_parquet(out / "parking_lots.parquet")
    assert lot[["lot_id", "name", "capacity"]].values.tolist() == [["P1", "Parking nord", 120]]
    side = 30.0  # a point becomes a 30 m square
    assert float(lot.to_crs(2154).area.iloc[0]) == pytest.approx(side * side, rel=1e-3)
    occupancy = pd.read_parquet(out / "parking_occupancy.parquet")
    assert occupancy["free_spaces"].tolist() == [100, 40]
    catalog = open_catalog(out)
    assert catalog.row_counts["parking_occupancy"] == 2
