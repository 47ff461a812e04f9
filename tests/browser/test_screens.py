"""Every screen, one page load each: phone 390x844, tablets 768x1024 and 1024x768, desktop 1440x900 and
projector 1920x1080. No size scrolls the page sideways; the map takes the width on a phone and a portrait
tablet; every KPI card can be brought into view; the side panel opens as a drawer where it is one; the map is
drawn with the district's buildings fitted to it (on load and on resize); the building panel leaves the map
free (a third at most on a desktop, a bottom sheet on a phone, foldable); a projector gets larger type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import Browser, ViewportSize

from tests.browser.conftest import CSP_VIOLATIONS_AS_ERRORS, TwinPage, coloured_pixels
from tests.browser.test_app import _find_pixel
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
PORTRAIT: ViewportSize = {"width": 768, "height": 1024}
LANDSCAPE: ViewportSize = {"width": 1024, "height": 768}
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
PROJECTOR: ViewportSize = {"width": 1920, "height": 1080}
# The smallest share of the viewport's width the map takes: the issue asks 90 % on a phone; on the wider
# screens the side panel stands beside it.
MAP_SHARE = {390: 0.9, 768: 0.9, 1024: 0.6, 1440: 0.7, 1920: 0.7}
SCREENSHOTS = {390: "phone", 1920: "projector"}  # docs/<name>.png, as the README shows them
DETAIL_ZOOM = 15.5  # layers/floors.py: floors from this zoom on, whole buildings (volumes) below it

GEOMETRY = """() => {
  const rect = (el) => el ? el.getBoundingClientRect().toJSON() : null;
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
           map: rect(document.getElementById('deck-map')),
           rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
           kpiFont: parseFloat(getComputedStyle(document.querySelector('.kpi-value')).fontSize) };
}"""
# Each KPI card scrolled into view (inside the strip, which scrolls sideways on a phone): its box then.
KPI_BOXES = """() => [...document.querySelectorAll('#kpi-strip .kpi')].map((card) => {
  card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = card.getBoundingClientRect();
  return { id: card.id, left: r.left, right: r.right, width: r.width };
})"""
# Where the buildings' bounding box's corners land on the map canvas.
CORNERS = """(bounds) => {
  const [w, s, e, n] = bounds, viewport = window.twinDeck.getViewports()[0];
  return [[w, s], [e, s], [e, n], [w, n]].map((corner) => viewport.project(corner));
}"""


@pytest.fixture(scope="module")
def buildings_box(sample_dir: Path) -> list[float]:
    """The sample buildings' bounding box, read from the file (every one lies inside the study area)."""
    boxes = pq.read_table(sample_dir / "buildings.parquet", columns=["bbox"]).column("bbox").to_pylist()
    return [min(b["xmin"] for b in boxes), min(b["ymin"] for b in boxes),
            max(b["xmax"] for b in boxes), max(b["ymax"] for b in boxes)]  # fmt: skip


@pytest.fixture()
def screen(browser: Browser, request: pytest.FixtureRequest) -> Iterator[TwinPage]:
    context = browser.new_context(viewport=request.param, locale="fr-FR")
    page = context.new_page()
    page.add_init_script(CSP_VIOLATIONS_AS_ERRORS)
    twin = TwinPage(page)
    page.on("console", lambda m: twin.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: twin.console_errors.append(str(e)))
    yield twin
    context.close()


def _camera(twin: TwinPage) -> list[float]:
    camera = twin.page.evaluate(
        "() => { const c = window.twinBridge.map('deck-map').camera();"
        " return [c.longitude, c.latitude, c.zoom, c.pitch, c.bearing]; }"
    )
    return [float(value) for value in camera]


def _assert_fitted(twin: TwinPage, box: list[float], map_box: dict[str, float]) -> None:
    """Every corner of the buildings' box on the canvas, and the box fills it in width or in height."""
    corners = twin.page.evaluate(CORNERS, box)
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    width, height = map_box["width"], map_box["height"]
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height, (corners, map_box)
    assert max((max(xs) - min(xs)) / width, (max(ys) - min(ys)) / height) > 0.8, (corners, map_box)


def _assert_common(twin: TwinPage, viewport: ViewportSize, box: list[float]) -> dict[str, Any]:
    geometry: dict[str, Any] = twin.page.evaluate(GEOMETRY)
    assert geometry["scrollWidth"] <= geometry["innerWidth"] == viewport["width"], geometry
    assert geometry["map"]["width"] >= MAP_SHARE[viewport["width"]] * viewport["width"], geometry
    assert geometry["map"]["left"] >= 0 and geometry["map"]["right"] <= viewport["width"], geometry
    for card in twin.page.evaluate(KPI_BOXES):
        assert card["width"] > 0 and card["left"] >= -1 and card["right"] <= viewport["width"] + 1, card
    twin.page.evaluate("() => { scrollTo(0, 0); document.getElementById('kpi-strip').scrollLeft = 0; }")
    twin.settle()
    assert coloured_pixels(twin.map_image()) > 10_000
    _assert_fitted(twin, box, geometry["map"])
    if viewport["width"] in SCREENSHOTS:  # regenerated by this test
        twin.page.screenshot(path=str(REPO / "docs" / f"{SCREENSHOTS[viewport['width']]}.png"))
    return geometry


def _drawers_open_and_close(twin: TwinPage) -> None:
    page = twin.page
    assert page.locator("#layer-panel").is_hidden()
    words = ["Couches", "Heure", "Chercher", "Scénarios", "Participer"]
    assert page.locator(".drawer-button").all_inner_texts() == words
    # Every drawer button is in sight: the bar does not hide one past its edge.
    assert page.evaluate(
        "() => { const bar = document.getElementById('drawer-bar');"
        " return bar.scrollWidth <= bar.clientWidth; }"
    )
    page.locator("#drawer-open-layers").click()
    page.locator(".layer-toggles").wait_for(state="visible")
    assert page.locator("#drawer-open-layers").get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.getElementById('layer-panel').contains(document.activeElement)")
    assert page.locator("#time-title").is_hidden()  # one section per drawer
    page.locator(".layer-toggles input[value='parking']").uncheck()  # usable inside the drawer
    page.keyboard.press("Escape")
    page.locator("#layer-panel").wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.id") == "drawer-open-layers"
    page.locator("#drawer-open-time").click()
    page.locator("#time-title").wait_for(state="visible")
    assert page.locator("#layers-title").is_hidden()
    page.locator("#drawer-close").click()
    page.locator("#layer-panel").wait_for(state="hidden")
    assert page.locator("#drawer-open-time").get_attribute("aria-expanded") == "false"


def _building_panel(twin: TwinPage) -> dict[str, float]:
    layer = "floors-status" if _camera(twin)[2] >= DETAIL_ZOOM else "volumes-status"
    x, y = _find_pixel(twin, layer)
    twin.page.locator("#deck-map").click(position={"x": x, "y": y})
    panel = twin.page.locator("#building-panel")
    panel.wait_for(state="visible", timeout=15_000)
    twin.page.locator("#building-panel h2").wait_for()
    box: dict[str, float] = panel.bounding_box() or {}
    return box


def _fold_and_unfold(twin: TwinPage) -> None:
    page = twin.page
    page.locator("#panel-collapse").click()
    page.locator("#building-panel .floors-table").wait_for(state="hidden")
    assert page.locator("#panel-collapse").get_attribute("aria-expanded") == "false"
    assert page.locator("#panel-collapse").inner_text() == "Déplier"
    assert page.locator("#building-panel h2").is_visible()
    page.evaluate("() => window.dash_clientside.set_props('selected-building', {data: '57'})")
    page.locator("#building-panel .floors-table").wait_for(state="visible")  # a new building opens unfolded
    assert page.locator("#panel-collapse").inner_text() == "Réduire"


@pytest.mark.parametrize("screen", [PHONE, PORTRAIT], indirect=True, ids=["phone", "tablet-portrait"])
def test_narrow_screens_show_the_map_first_and_the_panels_as_drawers(
    screen: TwinPage, app_url: str, buildings_box: list[float]
) -> None:
    viewport = screen.page.viewport_size
    assert viewport
    screen.open(f"{app_url}/")
    geometry = _assert_common(screen, viewport, buildings_box)
    if viewport["width"] < 600:  # the phone: the KPIs come after the map, in a strip that scrolls sideways
        strip = screen.page.evaluate(
            "() => { const s = document.getElementById('kpi-strip');"
            " return [s.getBoundingClientRect().top, s.scrollWidth > s.clientWidth, s.tabIndex]; }"
        )
        assert strip[0] > geometry["map"]["bottom"] and strip[1] and strip[2] == 0, strip
    _drawers_open_and_close(screen)
    if viewport["width"] >= 600:
        assert screen.console_errors == []
        return  # the building sheet is the phone's (checked below)
    screen.page.evaluate("() => window.scrollTo(0, 0)")
    panel = _building_panel(screen)  # a sheet across the bottom of the screen
    assert panel["x"] == 0 and panel["width"] == viewport["width"], panel
    assert panel["y"] + panel["height"] == pytest.approx(viewport["height"], abs=1), panel
    _fold_and_unfold(screen)
    assert screen.page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert screen.console_errors == []


@pytest.mark.parametrize(
    "screen", [LANDSCAPE, DESKTOP, PROJECTOR], indirect=True, ids=["tablet-landscape", "desktop", "projector"]
)
def test_wide_screens_keep_the_side_panel_and_fit_the_district(
    screen: TwinPage, app_url: str, buildings_box: list[float]
) -> None:
    viewport = screen.page.viewport_size
    assert viewport
    screen.open(f"{app_url}/")
    geometry = _assert_common(screen, viewport, buildings_box)
    assert screen.page.locator("#drawer-bar").is_hidden()
    assert screen.page.locator(".layer-toggles").is_visible()
    assert geometry["rootFont"] == (20 if viewport["width"] >= 1800 else 16)  # larger type on a projector
    if viewport["width"] != DESKTOP["width"]:
        assert screen.console_errors == []
        return  # the building panel and the resize: on the desktop (below)
    panel = _building_panel(screen)
    assert panel["width"] < geometry["map"]["width"] / 3, (panel, geometry["map"])
    _fold_and_unfold(screen)
    # On resize the camera fits again, until someone moves it.
    before = _camera(screen)
    screen.page.set_viewport_size({"width": 1280, "height": 800})
    zoom_changed = "(before) => window.twinBridge.map('deck-map').camera().zoom !== before"
    screen.page.wait_for_function(zoom_changed, arg=before[2], timeout=10_000)
    screen.settle()
    _assert_fitted(screen, buildings_box, screen.page.evaluate(GEOMETRY)["map"])
    box = screen.page.locator("#deck-map").bounding_box()
    assert box
    screen.page.mouse.move(box["x"] + 40, box["y"] + box["height"] - 40)
    screen.page.mouse.wheel(0, -300)  # the person zooms in
    screen.settle()
    moved = _camera(screen)
    screen.page.set_viewport_size({"width": 1440, "height": 900})
    screen.settle()
    assert _camera(screen) == pytest.approx(moved)
    assert screen.console_errors == []
