"""WCAG 2.1 AA on the main page, in French and in English: axe-core (vendored from npm, tests/browser/vendor/)
finds no serious or critical violation, the map takes the keyboard focus with a visible ring, pans and zooms
by keys, Enter opens the building under the centre cross, and the date picker names months and days in the
page's language. One page load per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pytest

from tests.browser.conftest import TwinPage

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AT = "2026-11-23T15:00"  # a Monday in November
BUILDING = "57"  # the climbing centre: a large roof, easy to put under the centre
MAX_TABS = 60
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 level AA, as axe-core tags its rules


def axe_violations(twin: TwinPage) -> list[str]:
    """Serious and critical violations of axe-core's WCAG 2.0/2.1 A and AA rules, as readable lines."""
    if not twin.page.evaluate("() => Boolean(window.axe)"):
        twin.page.evaluate(AXE.read_text(encoding="utf-8"))  # by DevTools, so the page's CSP is not relaxed
    result: dict[str, Any] = twin.page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def centre_of(sample_dir: Path, building_id: str) -> tuple[float, float]:
    """A point inside the building's footprint, from the data file (not from the app)."""
    buildings = gpd.read_parquet(sample_dir / "buildings.parquet")
    footprint = buildings.loc[buildings["building_id"] == building_id, "geometry"].iloc[0]
    point = footprint.representative_point()
    return point.x, point.y


def tab_to_map(twin: TwinPage) -> int:
    for presses in range(1, MAX_TABS + 1):
        twin.page.keyboard.press("Tab")
        if twin.page.evaluate("() => document.activeElement && document.activeElement.tagName") == "CANVAS":
            return presses
    raise AssertionError(f"the map's canvas was not reached in {MAX_TABS} presses of Tab")


def camera(twin: TwinPage) -> dict[str, float]:
    return twin.page.evaluate(
        "() => { const c = window.twinBridge.map('deck-map').camera();"
        " return {longitude: c.longitude, latitude: c.latitude, zoom: c.zoom}; }"
    )


def calendar_text(twin: TwinPage) -> str:
    twin.page.locator("#date-choice").click()
    dialog = twin.page.locator("[role=dialog]")
    dialog.wait_for(state="visible", timeout=10_000)
    return " ".join([dialog.inner_text(), *dialog.locator("select, input").evaluate_all(
        "(fields) => fields.map((f) => f.tagName === 'SELECT' ? f.selectedOptions[0].textContent : f.value)"
    )])  # fmt: skip


def test_french_page_keyboard_and_axe(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    lon, lat = centre_of(sample_dir, BUILDING)
    twin.open(f"{app_url}/?lang=fr&at={AT}&layers=occupancy&view={lon:.6f},{lat:.6f},17.5,0,0")
    assert axe_violations(twin) == []
    canvas = twin.page.locator("#deck-map canvas")
    assert canvas.get_attribute("aria-label") == "Carte 3D interactive"
    assert twin.page.locator("#deck-map").get_attribute("role") == "region"

    twin.page.keyboard.press("Tab")  # the first stop: the skip link, shown when focused
    skip = twin.page.locator("#skip-to-map")
    assert skip.evaluate("(a) => a === document.activeElement") and skip.is_visible()
    assert skip.inner_text() == "Aller à la carte"
    twin.page.keyboard.press("Enter")
    twin.page.wait_for_function("() => document.activeElement.tagName === 'CANVAS'", timeout=5_000)
    ring = canvas.evaluate(
        "(c) => { const s = getComputedStyle(c); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 3, f"no visible focus ring: {ring}"
    keys = twin.page.locator(".map-keys")
    assert keys.is_visible() and "Entrée pour ouvrir le bâtiment" in keys.inner_text()
    assert twin.page.locator(".map-cross").is_visible()

    twin.page.keyboard.press("Enter")
    panel = twin.page.locator("#building-panel")
    panel.wait_for(state="visible", timeout=15_000)
    twin.settle()
    assert f"Bâtiment {BUILDING}" in panel.inner_text()
    assert parse_qs(urlsplit(twin.page.url).query).get("building") == [BUILDING]
    assert panel.locator("th[scope=col]").count() >= 5  # the floors table's headers

    # One key at a time: deck.gl animates each move, and the next key would cut the previous one short.
    before = camera(twin)
    twin.page.keyboard.press("ArrowRight")
    twin.page.wait_for_function(
        "(lon) => Math.abs(window.twinBridge.map('deck-map').camera().longitude - lon) > 1e-6",
        arg=before["longitude"],
        timeout=10_000,
    )
    twin.page.wait_for_timeout(500)
    twin.page.keyboard.press("+")
    twin.page.wait_for_function(
        "(z) => window.twinBridge.map('deck-map').camera().zoom > z + 0.5", arg=before["zoom"], timeout=10_000
    )

    text = calendar_text(twin).lower()
    assert "novembre" in text and "lu" in text and "di" in text, text
    assert "november" not in text
    names = twin.page.locator("[role=dialog] button[aria-label]").evaluate_all(
        "(buttons) => buttons.map((b) => b.getAttribute('aria-label'))"
    )
    assert "Mois précédent" in names and "Mois suivant" in names and "Previous month" not in names
    twin.settle()
    assert axe_violations(twin) == []  # with the building panel and the calendar open
    assert twin.console_errors == []


def test_english_page_axe_and_calendar(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?lang=en&at={AT}")
    assert twin.page.evaluate("() => document.documentElement.lang") == "en"
    assert axe_violations(twin) == []
    assert twin.page.locator("#deck-map canvas").get_attribute("aria-label") == "Interactive 3D map"
    assert tab_to_map(twin) <= MAX_TABS  # the map is in the Tab order without the skip link too
    assert "Enter opens the building" in twin.page.locator(".map-keys").inner_text()
    assert twin.page.locator("#date-choice").get_attribute("placeholder") == "Choose a date"
    text = calendar_text(twin).lower()
    assert "november" in text and "mo" in text and "novembre" not in text, text
    twin.page.keyboard.press("Escape")
    twin.page.locator("#data-tables summary").click()  # the map's data as tables
    twin.page.locator("#data-tables-body > *").first.wait_for(
        state="visible", timeout=15_000
    )  # tables or grids
    twin.settle()
    assert twin.page.locator("#data-tables th:not([scope=col])").count() == 0
    assert axe_violations(twin) == []  # with the calendar and the tables open
    assert twin.console_errors == []
