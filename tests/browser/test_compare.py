"""The comparison link in a real headless Chromium: two 3D views side by side, cameras linked both ways, the
scenario's changed floors highlighted on the right only. The app is served on a real store holding one
published scenario (tests/browser/seeded_scenario.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import TwinPage, coloured_pixels, serve_app
from tests.browser.seeded_scenario import ScenarioApp, seed
from tests.browser.test_app import _find_pixel
from tests.conftest import REPO

pytestmark = pytest.mark.browser

AT = "2026-11-23T15:00"
VIEWS = ("compare-left", "compare-right")
# The "use changed" highlight, Tol's wine (136, 34, 85): a hue near 330° (district brick ~30°, occupancy
# blue ~217°, yellow ~56°, greens 110–165°, parking red ~11°), far more saturated (75 %) than anything else of
# that hue in a baseline view (the booked spaces are violet, ~296°; palette.py, test_palette_cvd.py).
MAGENTA_HUE = (215, 245)  # of 255, PIL's HSV scale
MIN_SATURATION = 145  # of 255: 57 %


@pytest.fixture(scope="module")
def scenario_app(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScenarioApp]:
    state = tmp_path_factory.mktemp("state")
    scenario_id = seed(state)
    with serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url:
        yield ScenarioApp(url, scenario_id)


def _compare_url(app: ScenarioApp, query: str = "") -> str:
    return f"{app.url}/?at={AT}&scenario={app.scenario_id}&compare=baseline{query}"


def _wait_compared(twin: TwinPage) -> None:
    twin.page.wait_for_function(
        """(ids) => ids.every((id) => {
             const map = window.twinBridge.map(id);
             return map && map.deck && map.deck.props.layers.length > 0 && map.idle()
               && !map.deck.needsRedraw();
           })""",
        arg=list(VIEWS),
        timeout=90_000,
    )
    twin.settle_compare()


def _image(twin: TwinPage, view: str) -> Image.Image:
    import io

    return Image.open(io.BytesIO(twin.page.locator(f"#{view}").screenshot())).convert("RGB")


def magenta_pixels(image: Image.Image) -> int:
    low, high = MAGENTA_HUE
    pixels = image.convert("HSV").get_flattened_data()
    return sum(1 for h, s, v in pixels if low <= h <= high and s > MIN_SATURATION and v > 60)


def _view_state(twin: TwinPage, view: str) -> dict[str, float]:
    state = twin.page.evaluate(
        """(id) => { const v = window.twinBridge.map(id).viewState();
                     return {longitude: v.longitude, latitude: v.latitude, zoom: v.zoom, pitch: v.pitch,
                             bearing: v.bearing}; }""",
        view,
    )
    return {key: float(value) for key, value in state.items()}


def test_both_views_draw_and_only_the_scenario_shows_its_changes(
    twin: TwinPage, scenario_app: ScenarioApp
) -> None:
    twin.page.goto(_compare_url(scenario_app, "&version=2"))
    _wait_compared(twin)
    left, right = (_image(twin, view) for view in VIEWS)
    for name, image in (("left", left), ("right", right)):
        share = coloured_pixels(image) / (image.width * image.height)
        assert share > 0.1, f"the {name} view shows only {share:.0%} of coloured pixels"
    highlighted, stray = magenta_pixels(right), magenta_pixels(left)
    assert highlighted > 300, "the changed floors of bâtiment 62 are not highlighted"
    # The baseline view may have a few pixels of that hue (anti-aliased edges of the booked spaces' purple),
    # never a highlight: the converted floors of 62 alone cover hundreds.
    assert stray * 10 < highlighted, f"the baseline view shows a scenario highlight ({stray} px)"
    assert twin.page.locator("#deck-map").is_hidden() and twin.page.locator("#compare-area").is_visible()
    titles = twin.page.locator(".compare-title").all_inner_texts()
    assert titles == ["Situation actuelle", "Scénario « École 62 » · version 2"]
    assert "Bâtiment démoli" in twin.page.locator("#compare-legend").inner_text()
    label = twin.page.locator("#compare-right").get_attribute("aria-label") or ""
    assert label.startswith("Scénario « École 62 » · version 2 — Carte 3D")
    right_floors = {row["floor_id"]: row["change"] for row in _features(twin, "compare-right")}
    assert right_floors["62-0"] == "use" and right_floors["48-0"] == "demolished"
    assert right_floors["N1-3"] == "new"
    assert _features(twin, "compare-left") == []
    assert twin.console_errors == []


def _features(twin: TwinPage, view: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = twin.page.evaluate(
        "(id) => window.twinBridge.map(id).features('scenario-changes')", view
    )
    return rows


def _centre(twin: TwinPage, view: str) -> tuple[float, float]:
    box = twin.page.locator(f"#{view}").bounding_box()
    assert box
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_moving_either_view_moves_the_other_the_same(twin: TwinPage, scenario_app: ScenarioApp) -> None:
    twin.page.goto(_compare_url(scenario_app))
    _wait_compared(twin)
    start = _view_state(twin, "compare-left")
    x, y = _centre(twin, "compare-left")
    twin.page.mouse.move(x, y)
    twin.page.mouse.down()
    twin.page.mouse.move(x + 120, y + 60, steps=8)
    twin.page.mouse.up()
    twin.settle_compare()
    dragged = _view_state(twin, "compare-left")
    assert (dragged["longitude"], dragged["latitude"]) != (start["longitude"], start["latitude"])
    assert _view_state(twin, "compare-right") == pytest.approx(dragged, abs=1e-9)

    x, y = _centre(twin, "compare-right")
    twin.page.mouse.move(x, y)
    twin.page.mouse.wheel(0, -400)
    twin.page.wait_for_timeout(600)  # deck's wheel zoom is animated
    twin.settle_compare()
    zoomed = _view_state(twin, "compare-right")
    assert zoomed["zoom"] > dragged["zoom"] + 0.1
    assert _view_state(twin, "compare-left") == pytest.approx(zoomed, abs=1e-9)
    assert twin.console_errors == []


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("?scenario=nope&compare=baseline", "Scénario « nope » inconnu"),
        ("?scenario={id}&version=9&compare=baseline", "Version « 9 » inconnue"),
        ("?scenario={id}&version=x1&compare=baseline", "Version « x1 » inconnue"),
        ("?compare=baseline", "indiquez le scénario"),
        ("?scenario={id}&compare=<b>x</b>", "Scénario « <b>x</b> » inconnu"),
    ],
)
def test_a_bad_comparison_link_says_why_and_shows_the_usual_map(
    twin: TwinPage, scenario_app: ScenarioApp, query: str, says: str
) -> None:
    twin.open(f"{scenario_app.url}/{query.format(id=scenario_app.scenario_id)}&at={AT}")
    assert says in twin.page.locator("#compare-messages").inner_text()
    assert twin.page.locator("#compare-area").is_hidden() and twin.page.locator("#deck-map").is_visible()
    assert twin.console_errors == []


def test_screenshot_of_the_comparison(twin: TwinPage, scenario_app: ScenarioApp) -> None:
    """docs/compare.png, as the README shows it (regenerated by this test)."""
    twin.page.goto(_compare_url(scenario_app, "&version=2"))
    _wait_compared(twin)
    twin.page.screenshot(path=str(REPO / "docs" / "compare.png"))
    assert twin.console_errors == []


def test_hovering_a_changed_floor_tells_what_changes(twin: TwinPage, scenario_app: ScenarioApp) -> None:
    twin.page.goto(_compare_url(scenario_app))
    _wait_compared(twin)
    x, y = _find_pixel(twin, "scenario-changes", "62", "compare-right")
    box = twin.page.locator("#compare-right").bounding_box()
    assert box
    twin.page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = twin.page.locator("#compare-right .twin-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    # The top floor of 62 (level 3, vacant today) becomes housing in this scenario.
    assert "Bâtiment 62" in text and "usage modifié" in text
    assert re.search(r"Usage actuel\s*vacant", text), text
    # the code "housing" until the use codes get their French names (texts/i18n.py)
    assert re.search(r"Usage prévu\s*(logement|housing)", text), text
    assert twin.console_errors == []


def test_the_main_map_shows_a_scenario_it_is_given_and_drops_it(
    twin: TwinPage, scenario_app: ScenarioApp
) -> None:
    """The hook for the planner's editor: twin.setScenario("<id>@<n>" | "<id>@draft<rev>" | null)."""
    twin.open(f"{scenario_app.url}/?at={AT}")
    assert twin.page.evaluate("window.twinBridge.features('scenario-changes').length") == 0
    twin.page.evaluate("(p) => window.dash_clientside.twin.setScenario(p)", f"{scenario_app.scenario_id}@2")
    twin.page.wait_for_function("() => window.twinBridge.features('scenario-changes').length > 0")
    floors = {row["floor_id"] for row in twin.page.evaluate("window.twinBridge.features('scenario-changes')")}
    assert {"62-0", "62-3", "48-0", "N1-0"} <= floors
    twin.page.evaluate("window.dash_clientside.twin.setScenario(null)")
    twin.page.wait_for_function("() => window.twinBridge.features('scenario-changes').length === 0")
    assert twin.console_errors == []


def test_the_address_follows_the_scenario_shown(twin: TwinPage, scenario_app: ScenarioApp) -> None:
    """?scenario=&version= open a scenario; choosing another (or the baseline) rewrites them in place."""
    sid = scenario_app.scenario_id
    twin.open(f"{scenario_app.url}/?at={AT}&scenario={sid}&version=1")
    twin.page.wait_for_function("() => window.twinBridge.features('scenario-changes').length > 0")
    assert (_param(twin, "scenario"), _param(twin, "version")) == (sid, "1")
    twin.page.evaluate("() => window.dash_clientside.set_props('scenario-choice', {value: 'baseline'})")
    twin.page.wait_for_function("() => !new URLSearchParams(window.location.search).has('scenario')")
    assert _param(twin, "version") is None
    twin.page.evaluate("(id) => window.dash_clientside.set_props('scenario-choice', {value: id})", sid)
    # The scenario's latest version: the seed saved version 2 on top of version 1.
    twin.page.wait_for_function("() => new URLSearchParams(window.location.search).get('version') === '2'")
    assert _param(twin, "scenario") == sid
    twin.page.reload()
    twin.page.wait_for_function("() => window.twinBridge.features('scenario-changes').length > 0")
    assert twin.page.locator("#scenario-choice").inner_text().startswith("École 62")
    assert twin.console_errors == []


def _param(twin: TwinPage, name: str) -> str | None:
    return twin.page.evaluate("(name) => new URLSearchParams(window.location.search).get(name)", name)
