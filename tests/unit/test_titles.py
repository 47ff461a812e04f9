"""The title names the district the data is about: "Quartier DMC" in the reader's language for the bundled
sample, the name given to `ingest buildings --name` (or its study area's) for a city's own data, and a plain
"Jumeau numérique" when the data names no district — never the DMC's name over someone else's buildings."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.titles import district_subtitle, district_title
from geodata.catalog import open_catalog
from geodata.ingest.cli import main
from tests.unit.ingest_files import bdtopo_grid


def titles(data_dir: Path) -> dict[tuple[str, str], str]:
    catalog = open_catalog(data_dir)
    return {
        (kind, lang): district_title(catalog.cursor(), lang, kind)  # type: ignore[arg-type]
        for kind in ("app_title", "brief_title")
        for lang in ("fr", "en")
    }


def subtitle(data_dir: Path) -> str:
    catalog = open_catalog(data_dir)
    return district_subtitle(catalog.cursor(), "fr")


def ingested(work: Path, *options: str) -> Path:
    gpkg = bdtopo_grid(work / "grid.gpkg")
    assert main(["buildings", str(gpkg), "--out", str(work / "data"), *options]) == 0
    return work / "data"


def test_the_sample_is_the_dmc_district_in_either_language(sample_dir: Path) -> None:
    assert titles(sample_dir) == {
        ("app_title", "fr"): "Quartier DMC — jumeau numérique",
        ("app_title", "en"): "DMC district — digital twin",
        ("brief_title", "fr"): "Quartier DMC — fiche de la vue",
        ("brief_title", "en"): "DMC district — brief of the view",
    }
    assert subtitle(sample_dir) == "Mulhouse · anciennes filatures Dollfus-Mieg et Compagnie"


def test_a_named_ingested_district_is_titled_by_its_name(tmp_path: Path) -> None:
    data = ingested(tmp_path, "--name", "  Quartier Fonderie <b>  ")
    assert titles(data) == {
        ("app_title", "fr"): "Quartier Fonderie <b> — jumeau numérique",  # text, escaped where it is shown
        ("app_title", "en"): "Quartier Fonderie <b> — digital twin",
        ("brief_title", "fr"): "Quartier Fonderie <b> — fiche de la vue",
        ("brief_title", "en"): "Quartier Fonderie <b> — brief of the view",
    }
    assert subtitle(data) == ""  # not the DMC's mills


@pytest.mark.parametrize("where", [(), ("--bbox", "7.0,47.0,8.0,48.5")], ids=["extent", "bbox"])
def test_an_unnamed_ingested_district_is_a_plain_digital_twin(tmp_path: Path, where: tuple[str, ...]) -> None:
    data = ingested(tmp_path, *where)
    assert titles(data) == {
        ("app_title", "fr"): "Jumeau numérique",
        ("app_title", "en"): "Digital twin",
        ("brief_title", "fr"): "Fiche de la vue",
        ("brief_title", "en"): "Brief of the view",
    }
