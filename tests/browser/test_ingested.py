"""The twin on a directory written by `python -m geodata.ingest buildings --name …` from a BD TOPO GeoPackage
(no activity, no parking, no biodiversity, no occupancy): it starts under the district's own name, draws the
buildings with their floors in the "not known" grey, counts their floor area, shows dashes with the reason
where nothing is known (occupied, vacant, booked, parking) rather than zeros, says which layers have no data,
and shows no sample notice."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest

from tests.browser.conftest import TwinPage, changed_pixels, serve_app
from tests.conftest import REPO
from tests.unit.ingest_files import bdtopo_grid

pytestmark = pytest.mark.browser
NAME = "Quartier d'essai"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("ingested")
    gpkg = bdtopo_grid(work / "batiment.gpkg")
    out = str(work / "data")
    command = [sys.executable, "-m", "geodata.ingest", "buildings", str(gpkg), "--out", out, "--name", NAME]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return work / "data"


@pytest.fixture(scope="module")
def ingested_url(ingested: Path) -> Iterator[str]:
    with serve_app(ingested) as url:
        yield url


def test_the_app_draws_an_ingested_district(twin: TwinPage, ingested: Path, ingested_url: str) -> None:
    twin.open(ingested_url)
    assert twin.page.locator("h1").inner_text() == f"{NAME} — jumeau numérique"
    assert twin.page.title() == f"{NAME} — jumeau numérique"
    assert twin.page.locator(".subtitle").inner_text() == ""  # not "… filatures Dollfus-Mieg …"
    image = twin.map_image()
    # No occupancy: every floor is "not known", grey; switching the layer off leaves the beige base floors.
    twin.page.locator(".layer-toggles input[value='occupancy']").uncheck()
    twin.settle()
    assert changed_pixels(image, twin.map_image()) / (image.width * image.height) > 0.02, (
        "the ingested buildings' floors are not drawn"
    )
    twin.page.locator(".layer-toggles input[value='occupancy']").check()
    twin.settle()
    # 30 buildings of 25 m × 15 m; floors counted from pandas over the file, not by the app's query.
    floors = gpd.read_parquet(ingested / "floors.parquet")
    total = round(float(floors["area_m2"].sum()))
    assert total == pytest.approx(375 * len(floors), abs=len(floors))
    shown = twin.page.inner_text("#kpi-total")
    assert "".join(c for c in shown if c.isdigit()).startswith(str(total)), shown
    assert "non renseignés" in shown  # "dont … m² non renseignés": all of it
    # Nothing known to be occupied or vacant, no spaces, no car parks: dashes with the reason, not zeros.
    reasons = {"occupied": "non renseigné", "vacant": "non renseigné", "booked": "aucune donnée",
               "parking": "aucune donnée"}  # fmt: skip
    for kpi, reason in reasons.items():
        assert twin.page.inner_text(f"#kpi-{kpi}").split("\n")[1:] == ["—", reason]
    assert twin.page.locator("#sample-notice").is_hidden()
    legends = twin.page.inner_text("#legends")
    assert legends.count("Aucune donnée chargée pour cette couche") == 3  # bookings, biodiversity, parking
    assert "Source : réel" in legends
    assert "Non renseigné" in legends
    twin.save("ingested")
    assert twin.console_errors == []
