"""docs/data-model.md documents every dataset and every required column (checked, not hoped for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.schema import DATASETS, DatasetSpec

DOC = (Path(__file__).resolve().parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", DATASETS, ids=lambda spec: spec.name)
def test_every_dataset_and_column_is_documented(spec: DatasetSpec) -> None:
    row = next((line for line in DOC.splitlines() if line.startswith(f"| `{spec.name}` |")), None)
    assert row is not None, spec.name
    for column in spec.columns:
        assert f"`{column}`" in row, f"{spec.name}.{column}"


def test_time_convention_and_crs_are_stated() -> None:
    assert "Europe/Paris" in DOC and "EPSG:4326" in DOC and "EPSG:2154" in DOC
