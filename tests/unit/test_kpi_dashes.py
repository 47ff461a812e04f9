"""A KPI the data cannot give is a dash with its reason, never a 0: car parks not yet observed at the chosen
hour, and (tests/unit/test_ingest_unknown.py) a twin of buildings alone. Expected figures come from pandas
over the sample's files, not from the app's queries."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd

from components.kpis import kpi_figures
from geodata.catalog import open_catalog


def figures_at(sample_dir: Path, at: pd.Timestamp) -> dict[str, tuple[str, str]]:
    catalog = open_catalog(sample_dir)  # held while its cursor is used
    return {f.kpi_id: (f.value, f.detail) for f in kpi_figures(catalog.cursor(), at.to_pydatetime(), "fr")}


def test_before_any_parking_observation_the_free_places_are_a_dash_with_the_reason(sample_dir: Path) -> None:
    observed = pd.read_parquet(sample_dir / "parking_occupancy.parquet")["observed_at"]
    before = observed.min() - timedelta(hours=1)
    figures = figures_at(sample_dir, before)
    assert figures["parking"] == ("—", f"aucune observation le {before:%d/%m/%Y} à {before:%H:%M}")
    assert figures["booked"][0] != "—"  # the sample has spaces: a count, 0 or more


def test_once_observed_the_free_places_are_a_number_of_the_capacity(sample_dir: Path) -> None:
    observed = pd.read_parquet(sample_dir / "parking_occupancy.parquet")
    first = observed["observed_at"].min()
    at_first = observed[observed["observed_at"] == first]
    capacity = pd.read_parquet(sample_dir / "parking_lots.parquet").set_index("lot_id")["capacity"]
    expected_capacity = int(capacity[at_first["lot_id"]].sum())
    value, detail = figures_at(sample_dir, first)["parking"]
    assert value.replace("\u202f", "") == str(int(at_first["free_spaces"].sum()))
    assert detail.replace("\u202f", "") == f"sur {expected_capacity}"
