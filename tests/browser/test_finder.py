"""Answers in one tap, in one page load: the search box flies the camera to a building, opens its panel and
marks it on the map; a ranked building does the same; the occupancy grid sorts by vacant area. Expected
values come from the sample's parquet files (pandas, shapely), not from the app."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pandas as pd
import pytest
from PIL import Image

from tests.browser.conftest import TwinPage

pytestmark = pytest.mark.browser

MAIN = "deck-map"
NEAR_M_DEG = 0.0003  # ~25 m: the camera's centre stands on the building


def _query(twin: TwinPage) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(twin.page.url).query).items()}


def _centre(twin: TwinPage) -> tuple[float, float]:
    lon, lat = twin.page.evaluate(
        "(id) => { const c = window.twinBridge.map(id).camera(); return [c.longitude, c.latitude]; }", MAIN
    )
    return float(lon), float(lat)


def _black_pixels(image: Image.Image) -> int:
    """The marker's pixels: near-black (the labels' dark text is thin; the band is not)."""
    grey = image.convert("L").point(lambda v: 255 if v < 25 else 0)
    return int(grey.histogram()[255])


def _marker_centre(twin: TwinPage) -> tuple[float, float]:
    shapes = twin.page.evaluate("() => window.twinBridge.features('selected-building')")
    assert len(shapes) == 2, shapes  # the foot band and the roof collar
    return sum(s["lon"] for s in shapes) / 2, sum(s["lat"] for s in shapes) / 2


def _choose(twin: TwinPage, button: str, building: str) -> None:
    twin.page.locator(button).first.click()
    twin.page.wait_for_function(
        f"() => new URLSearchParams(window.location.search).get('building') === {building!r}", timeout=15_000
    )
    twin.page.wait_for_timeout(1500)  # the flight lasts 1.2 s
    twin.settle()


def _near(point: tuple[float, float], geometry: object) -> bool:
    x, y = point
    west, south, east, north = geometry.bounds  # type: ignore[attr-defined]
    pad = NEAR_M_DEG
    return west - pad <= x <= east + pad and south - pad <= y <= north + pad


def test_search_and_ranking_fly_to_select_and_mark_a_building_and_the_grid_sorts(
    twin: TwinPage, app_url: str, sample_dir: Path
) -> None:
    footprints = gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id")["geometry"]
    twin.open(f"{app_url}/")
    start, before = _centre(twin), _black_pixels(twin.map_image())

    twin.page.locator("#find-input").fill("REFECTOIRE")  # no accent, upper case: "Réfectoire"
    twin.page.locator(".find-list button").first.wait_for(timeout=15_000)
    assert twin.page.locator(".find-list button").all_inner_texts() == ["Bâtiment REF — Réfectoire"]
    _choose(twin, ".find-list button", "REF")
    assert _near(_centre(twin), footprints["REF"]) and not _near(start, footprints["REF"])
    view = [float(value) for value in _query(twin)["view"].split(",")]
    assert view[:2] == pytest.approx(_centre(twin), abs=1e-5)  # the address followed the flight
    assert "Réfectoire" in twin.page.locator("#building-panel").inner_text()
    assert _near(_marker_centre(twin), footprints["REF"])
    marked = _black_pixels(twin.map_image())
    assert marked > before + 300, (before, marked)

    floors = pd.read_parquet(sample_dir / "floors.parquet")
    vacant = floors[floors["status"] == "vacant"].groupby("building_id")["area_m2"].sum()
    most = str(vacant.idxmax())
    first = twin.page.locator(".ranking-list button").first
    assert first.inner_text().startswith(f"Bâtiment {most}")
    _choose(twin, ".ranking-list button", most)
    assert _near(_centre(twin), footprints[most]) and _near(_marker_centre(twin), footprints[most])
    assert f"Bâtiment {most}" in twin.page.locator("#building-panel").inner_text()

    twin.page.locator("#data-tables-title").click()
    grid = twin.page.locator("#data-grid-occupancy")
    header = grid.locator('.ag-header-cell[col-id="v3"]')  # Vacante
    header.wait_for(timeout=20_000)
    assert header.inner_text().strip() == "Vacante"
    header.locator(".ag-header-cell-label").click()  # ascending, then descending
    header.locator(".ag-header-cell-label").click()
    twin.page.wait_for_function(
        """() => document.querySelector('#data-grid-occupancy .ag-header-cell[col-id="v3"]')
                 .getAttribute('aria-sort') === 'descending'""",
        timeout=10_000,
    )
    top = grid.locator('.ag-body-viewport .ag-row[row-index="0"] [col-id="v0"]')
    assert top.inner_text().startswith(f"{most} — ")
    total = grid.locator('.ag-floating-bottom [col-id="v3"]').inner_text()
    assert total.replace("\u202f", "").replace("\u00a0", " ") == f"{vacant.sum():.0f} m²"
    assert twin.console_errors == []
