"""The baseline indicators of the bundled sample, against pandas straight from its files and DMC-FACTS."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geodata.catalog import open_catalog
from geodata.indicators import figures
from geodata.ratios import RATIOS
from geodata.scenario import FloorChange, ScenarioDocument


def test_the_sample_baseline_agrees_with_its_files_and_the_district_facts(sample_dir: Path) -> None:
    floors = pd.read_parquet(
        sample_dir / "floors.parquet", columns=["building_id", "area_m2", "status", "use"]
    )
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet", columns=["capacity"])
    catalog = open_catalog(sample_dir)  # held: the catalog closes its connection when collected
    result = figures(catalog.cursor(), None)
    occupied = floors.loc[floors["status"] == "occupied"]
    jobs = sum(
        area / 100 * RATIOS[f"jobs_per_100m2_{use}"].value
        for use, area in zip(occupied["use"], occupied["area_m2"], strict=True)
    )
    assert result.indicators["floor_area_m2"] == pytest.approx(floors["area_m2"].sum())
    assert result.indicators["occupied_m2"] == pytest.approx(occupied["area_m2"].sum())
    assert result.indicators["jobs"] == pytest.approx(jobs)
    assert result.indicators["parking_supply"] == lots["capacity"].sum()
    assert result.floor_area_by_use == pytest.approx(
        {use: floors.loc[floors["use"] == use, "area_m2"].sum() for use in result.floor_area_by_use}
    )
    # DMC-FACTS: ≈ 110,000 m² (some sources 115,000), 20–25 % in use; the issue: ~85,000 m² vacant.
    assert 105_000 <= result.indicators["floor_area_m2"] <= 115_000
    assert 0.20 <= result.indicators["occupied_share"] <= 0.25
    assert 80_000 <= result.indicators["vacant_m2"] <= 90_000


def test_converting_building_62_to_housing_adds_its_area_in_dwellings(sample_dir: Path) -> None:
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["floor_id", "building_id", "area_m2"])
    b62 = floors.loc[floors["building_id"] == "62"]
    document = ScenarioDocument(
        "62", tuple(FloorChange(floor_id, use="housing") for floor_id in b62["floor_id"])
    )
    catalog = open_catalog(sample_dir)
    result = figures(catalog.cursor(), document).indicators
    per_floor = [area // RATIOS["m2_per_dwelling"].value for area in b62["area_m2"]]
    assert result["dwellings"] == sum(per_floor) and result["dwellings"] > 250  # 4 × ~5,330 m² / 70 m²
    assert result["residents"] == pytest.approx(sum(per_floor) * RATIOS["residents_per_dwelling"].value)
