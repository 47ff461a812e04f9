"""docs/scenarios.md documents every indicator and every ratio with the values the code uses."""

from __future__ import annotations

from pathlib import Path

from geodata.indicators import INDICATORS, UNITS
from geodata.ratios import RATIOS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")


def _row(name: str) -> list[str]:
    line = next((line for line in DOC.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert line is not None, name
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_every_indicator_is_documented_with_its_unit() -> None:
    for name in INDICATORS:
        unit = _row(name)[1]
        assert unit == ("0–1" if UNITS[name] == "share" else UNITS[name]), name


def test_every_ratio_is_documented_with_its_value_unit_and_kind() -> None:
    for name, ratio in RATIOS.items():
        _, value, unit, kind = _row(name)
        assert float(value) == ratio.value and unit == ratio.unit, name
        assert kind == ("assumption" if ratio.assumption else "published"), name


def test_the_example_document_is_valid_against_the_sample_data(sample_dir: Path) -> None:
    import re

    from geodata.catalog import open_catalog
    from geodata.scenario import check_document, parse_document

    example = re.search(r"```json\n(.*?)```", DOC, re.DOTALL)
    assert example is not None
    document = parse_document(example.group(1))
    catalog = open_catalog(sample_dir)  # held: the catalog closes its connection when collected
    assert check_document(catalog.cursor(), document) == []
