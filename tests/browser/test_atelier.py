"""The workshop mode (?mode=atelier) on a touch screen, in a real headless Chromium with touch emulation:
real touch events sent through the DevTools protocol (Input.dispatchTouchEvent) turn, pinch and tilt the
camera; the on-map buttons, the guided start, tooltips that a tap closes, the inactivity reset, the size of
every control; and a facilitator who switches the scenario shown on every screen of a workshop."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, CDPSession, ViewportSize

from layers.registry import TOGGLE_KEYS
from store.accounts import add_user, sign_in
from store.database import default_url, open_store
from store.workshops import set_scenario
from tests import seeded_contributions as contributions
from tests.browser.conftest import CSP_VIOLATIONS_AS_ERRORS, TwinPage, coloured_pixels, serve_app
from tests.browser.seeded_scenario import ScenarioApp, seed
from tests.browser.test_app import _find_pixel
from tests.conftest import REPO

pytestmark = pytest.mark.browser

LANDSCAPE: ViewportSize = {"width": 1024, "height": 768}
PORTRAIT: ViewportSize = {"width": 768, "height": 1024}
FACILITATOR, PASSWORD = "paula", "correct horse battery"  # the planner tests/browser/seeded_scenario.py adds
MIN_TARGET_PX = 44
CAMERA = """() => { const c = window.twinBridge.map('deck-map').camera();
  return c && {longitude: c.longitude, latitude: c.latitude, zoom: c.zoom, pitch: c.pitch,
               bearing: c.bearing}; }"""
# What a finger can touch: every visible control (a zero-sized, transparent or hidden one is not a target).
CONTROLS = """() => [...document.querySelectorAll(`button, input, select, textarea, a[href], label, summary,
    [role=button], [role=option]`)].filter((el) => {
      const r = el.getBoundingClientRect(), style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0
        && el.closest('[hidden]') === null && el.checkVisibility();
    }).map((el) => { const r = el.getBoundingClientRect();
      const what = `${el.tagName}#${el.id}.${el.className} ${el.textContent.trim().slice(0, 30)}`;
      return {what, width: r.width, height: r.height}; })"""


SHOWCASE = "vitrine"  # a workshop whose tables show "École 62" version 2 from the start


def _seed_workshop(state: Path, sample_dir: Path, scenario_id: str) -> None:
    """Residents' contributions (approved and answered, from tests/seeded_contributions.py, without the
    hostile ones) and the SHOWCASE workshop set to the scenario's version 2 by its planner."""
    store = open_store(default_url(state))
    moderator = add_user(store, "mona", "moderator", "correct horse battery")
    items = [item for item in contributions.ITEMS if "<" not in item.text]
    contributions.seed(store, sample_dir, items, moderator, (scenario_id, 2))
    planner = sign_in(store, FACILITATOR, PASSWORD, datetime.now(UTC))
    assert planner is not None
    set_scenario(store, SHOWCASE, f"{scenario_id}@2", planner, datetime.now(UTC))
    store.engine.dispose()


@pytest.fixture(scope="module")
def atelier_app(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScenarioApp]:
    """A store with the published "École 62" (versions 1 and 2), the planner who wrote it, a moderator,
    residents' contributions and the SHOWCASE workshop."""
    state = tmp_path_factory.mktemp("atelier-state")
    scenario_id = seed(state)
    _seed_workshop(state, sample_dir, scenario_id)
    with serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url:
        yield ScenarioApp(url, scenario_id)


@pytest.fixture(scope="module")
def quick_reset_url(sample_dir: Path) -> Iterator[str]:
    with serve_app(sample_dir, TWIN_ATELIER_IDLE_S="3") as url:
        yield url


@contextlib.contextmanager
def touch_page(browser: Browser, viewport: ViewportSize = LANDSCAPE) -> Iterator[TwinPage]:
    """A tablet: a touch screen, French, console errors collected as the `twin` fixture does."""
    context = browser.new_context(viewport=viewport, has_touch=True, locale="fr-FR")
    page = context.new_page()
    page.add_init_script(CSP_VIOLATIONS_AS_ERRORS)
    twin = TwinPage(page)
    page.on("console", lambda m: twin.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: twin.console_errors.append(str(e)))
    try:
        yield twin
    finally:
        context.close()


def open_atelier(twin: TwinPage, url: str) -> None:
    """The workshop page drawn (it has no KPI strip, which TwinPage.open waits for)."""
    twin.page.goto(url)
    twin.page.wait_for_function(
        "() => window.twinDeck && window.twinDeck.props.layers.length > 0 && window.twinBridge.idle()"
        " && window.twinBridge.map('deck-map').camera()",
        timeout=60_000,
    )
    twin.page.wait_for_function("() => window.twinAtelier && window.twinAtelier.active()", timeout=30_000)
    twin.settle()


def camera(twin: TwinPage) -> dict[str, float]:
    view: dict[str, float] = twin.page.evaluate(CAMERA)
    return view


def still_camera(twin: TwinPage) -> dict[str, float]:
    """The camera once deck.gl says it is no longer moving (no drag, inertia or transition) and drawn."""
    twin.page.wait_for_timeout(100)  # a transition starts at the next frame
    twin.page.wait_for_function(
        "() => !window.twinBridge.map('deck-map').moving() && !window.twinDeck.needsRedraw()", timeout=20_000
    )
    return camera(twin)


def map_centre(twin: TwinPage) -> tuple[float, float]:
    box = twin.page.locator("#deck-map").bounding_box()
    assert box
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def touches(cdp: CDPSession, kind: str, points: list[tuple[float, float]]) -> None:
    touch_points = [{"x": x, "y": y, "id": index} for index, (x, y) in enumerate(points)]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})


def gesture(twin: TwinPage, frames: list[list[tuple[float, float]]]) -> None:
    """Fingers down at the first frame's points, through the others, then lifted; then the camera settles."""
    cdp = twin.page.context.new_cdp_session(twin.page)
    touches(cdp, "touchStart", frames[0])
    for points in frames[1:]:
        touches(cdp, "touchMove", points)
        twin.page.wait_for_timeout(25)
    touches(cdp, "touchEnd", [])
    cdp.detach()
    still_camera(twin)  # after inertia


def two_fingers(centre: tuple[float, float], radius: float, angle_deg: float) -> list[tuple[float, float]]:
    """Two fingertips on a circle round `centre`, facing each other, at `angle_deg` (screen degrees)."""
    a = math.radians(angle_deg)
    dx, dy = radius * math.cos(a), radius * math.sin(a)
    return [(centre[0] + dx, centre[1] + dy), (centre[0] - dx, centre[1] - dy)]


STEPS = 15


def test_one_finger_pans_two_fingers_turn_pinch_and_tilt(browser: Browser, atelier_app: ScenarioApp) -> None:
    with touch_page(browser) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier")
        start, centre = camera(twin), map_centre(twin)
        assert twin.page.locator("#atelier-start").is_visible()

        # Two fingers turning 40° clockwise on the screen turn the map with them: the bearing drops by 40°.
        gesture(twin, [two_fingers(centre, 90, 40 * k / STEPS) for k in range(STEPS + 1)])
        turned = camera(twin)
        assert turned["bearing"] == pytest.approx(start["bearing"] - 40, abs=5), (start, turned)
        assert turned["zoom"] == pytest.approx(start["zoom"], abs=0.05)
        assert not twin.page.locator("#atelier-start").is_visible(), "the guided start stays after a touch"

        # Fingers spread from 60 to 120 px apart: twice the scale, one zoom level more.
        gesture(twin, [two_fingers(centre, 60 + 60 * k / STEPS, 0) for k in range(STEPS + 1)])
        pinched = camera(twin)
        assert pinched["zoom"] == pytest.approx(turned["zoom"] + 1, abs=0.1), (turned, pinched)

        # Two fingers sliding 120 px down together flatten the view by 30° (0.25° per pixel).
        fingers = [(centre[0] - 70, centre[1] - 60), (centre[0] + 70, centre[1] - 60)]
        gesture(twin, [[(x, y + 120 * k / STEPS) for x, y in fingers] for k in range(STEPS + 1)])
        tilted = camera(twin)
        assert tilted["pitch"] == pytest.approx(pinched["pitch"] - 30, abs=4), (pinched, tilted)
        assert tilted["zoom"] == pytest.approx(pinched["zoom"], abs=0.1)

        # One finger drags the map; the bearing, tilt and zoom stay.
        gesture(twin, [[(centre[0] - 4 * k, centre[1] + 3 * k)] for k in range(STEPS + 1)])
        panned = camera(twin)
        assert (panned["longitude"], panned["latitude"]) != (tilted["longitude"], tilted["latitude"])
        assert panned["bearing"] == pytest.approx(tilted["bearing"], abs=0.5)
        assert panned["zoom"] == pytest.approx(tilted["zoom"], abs=0.05)
        assert twin.console_errors == []


def _tap(twin: TwinPage, button: str) -> None:
    twin.page.locator(button).tap()
    still_camera(twin)  # the buttons' camera transitions take 400 ms


def test_the_on_map_buttons_zoom_turn_north_and_go_back_to_the_start(
    browser: Browser, atelier_app: ScenarioApp
) -> None:
    names = {"#atelier-zoom-in": "Zoomer", "#atelier-zoom-out": "Dézoomer",
             "#atelier-compass": "Boussole : remettre le nord en haut et la carte à plat",
             "#atelier-home": "Vue initiale"}  # fmt: skip
    with touch_page(browser) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier")
        page, start = twin.page, camera(twin)
        for selector, name in names.items():
            assert page.get_by_role("button", name=name, exact=True).count() == 1, name
            box = page.locator(selector).bounding_box()
            assert box and box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, (selector, box)
        _tap(twin, "#atelier-zoom-in")
        assert camera(twin)["zoom"] == pytest.approx(start["zoom"] + 1, abs=1e-6)
        _tap(twin, "#atelier-zoom-out")
        _tap(twin, "#atelier-zoom-out")
        assert camera(twin)["zoom"] == pytest.approx(start["zoom"] - 1, abs=1e-6)
        assert page.locator("#atelier-compass").get_attribute("data-bearing") == str(round(start["bearing"]))
        _tap(twin, "#atelier-compass")
        north = camera(twin)
        assert (north["bearing"], north["pitch"]) == (0, 0)
        assert page.locator("#atelier-compass").get_attribute("data-bearing") == "0"
        _tap(twin, "#atelier-home")
        assert camera(twin) == pytest.approx(start, abs=1e-9)
        assert twin.console_errors == []


def _pickable_and_empty_points(twin: TwinPage) -> tuple[tuple[float, float], tuple[float, float]]:
    """A point on bât. 1's floors and a point with nothing to pick around it, both in the left part of the
    map, which the building and opinion panels (on the right) leave free; in page pixels."""
    box = twin.page.locator("#deck-map").bounding_box()
    assert box
    x, y = _find_pixel(twin, "floors-status", "1")
    empty = twin.page.evaluate(
        """([w, h]) => { const none = (x, y) => [[0, 0], [12, 0], [-12, 0], [0, 12], [0, -12]]
            .every(([dx, dy]) => !window.twinBridge.pickAt(x + dx, y + dy));
          for (let y = h - 40; y > h / 2; y -= 30) {
            for (let x = 100; x < w * 0.4; x += 30) if (none(x, y)) return [x, y];
          }
          return null; }""",
        [box["width"], box["height"]],
    )
    assert empty and x < box["width"] * 0.4, ("no empty ground in the lower left of the map", x, empty)
    return (box["x"] + x, box["y"] + y), (box["x"] + empty[0], box["y"] + empty[1])


def tooltip(twin: TwinPage) -> str | None:
    shown: str | None = twin.page.evaluate("() => window.twinBridge.map('deck-map').tooltipShown()")
    return shown


def test_a_tap_shows_a_tooltip_and_the_next_tap_closes_it(browser: Browser, atelier_app: ScenarioApp) -> None:
    with touch_page(browser) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier")
        start = camera(twin)
        building, empty = _pickable_and_empty_points(twin)
        twin.page.touchscreen.tap(*building)
        twin.page.wait_for_timeout(300)
        assert tooltip(twin) and "Bâtiment" in (tooltip(twin) or ""), tooltip(twin)
        assert twin.page.locator(".tap-tooltip").is_visible()
        twin.page.touchscreen.tap(*empty)  # elsewhere: closed
        twin.page.wait_for_timeout(300)
        assert tooltip(twin) is None and twin.page.locator(".tap-tooltip").count() == 0
        twin.page.touchscreen.tap(*building)
        twin.page.wait_for_timeout(300)
        assert tooltip(twin)
        twin.page.touchscreen.tap(*building)  # the same object again: closed, and no double-tap zoom
        twin.page.wait_for_timeout(500)
        assert tooltip(twin) is None
        assert camera(twin) == pytest.approx(start, abs=1e-9)
        assert twin.console_errors == []


def test_after_the_idle_time_the_screen_returns_to_its_start(browser: Browser, quick_reset_url: str) -> None:
    """TWIN_ATELIER_IDLE_S=3: three seconds without a touch bring back the start view and forget the rest."""
    with touch_page(browser) as twin:
        open_atelier(twin, quick_reset_url + "/?mode=atelier")
        page, start = twin.page, camera(twin)  # the start view, before any touch
        page.evaluate("() => window.twinAtelier.onReset(() => { window.resetHookRan = true; })")
        page.wait_for_timeout(3500)  # a reset with nothing to forget changes nothing
        assert camera(twin) == pytest.approx(start, abs=1e-9)
        building, _ = _pickable_and_empty_points(twin)
        _write_a_draft(twin, building)
        page.locator("#atelier-compass").tap()
        page.locator("#atelier-zoom-in").tap()
        moved = still_camera(twin)
        assert moved["zoom"] == pytest.approx(start["zoom"] + 1, abs=1e-6) and moved["pitch"] == 0
        assert not page.locator("#atelier-start").is_visible()
        resets = page.evaluate("() => window.twinAtelier.resets()")
        page.wait_for_function(f"() => window.twinAtelier.resets() > {resets}", timeout=10_000)
        assert still_camera(twin) == pytest.approx(start, abs=1e-6)  # the way back takes 800 ms
        page.locator("#building-panel").wait_for(state="hidden", timeout=10_000)
        page.locator("#contribution-panel").wait_for(state="hidden", timeout=10_000)
        assert page.locator("#atelier-start").is_visible()
        assert tooltip(twin) is None
        assert page.evaluate("() => window.resetHookRan") is True
        # The next person finds an empty form: no text, no pseudonym, no consent ticked.
        page.touchscreen.tap(*building)
        page.locator("#contribute-button").tap()
        page.locator("#contribution-form").wait_for(state="visible", timeout=10_000)
        assert page.locator("#contribution-text").input_value() == ""
        assert page.locator("#contribution-pseudonym").input_value() == ""
        assert not page.locator("#contribution-consent input").is_checked()
        assert twin.console_errors == []


def _write_a_draft(twin: TwinPage, building: tuple[float, float]) -> None:
    """Tap a building, open the opinion form on it, and write (without sending) a text and a pseudonym."""
    page = twin.page
    page.touchscreen.tap(*building)
    page.locator("#contribute-button").wait_for(state="visible", timeout=10_000)
    page.locator("#contribute-button").tap()
    page.locator("#contribution-form").wait_for(state="visible", timeout=10_000)
    page.locator("#contribution-text").fill("Un banc à l'ombre devant l'entrée")
    page.locator("#contribution-pseudonym").fill("Lou")
    page.locator("#contribution-consent input").check()
    assert page.locator("#contribution-text").input_value() == "Un banc à l'ombre devant l'entrée"


def _visible_controls(twin: TwinPage) -> list[dict[str, Any]]:
    controls: list[dict[str, Any]] = twin.page.evaluate(CONTROLS)
    return controls


def _check_the_screen(twin: TwinPage) -> None:
    """Every visible control at least 44 x 44 px, nothing wider or taller than the screen, the map drawn."""
    controls = _visible_controls(twin)
    small = [c for c in controls if c["width"] < MIN_TARGET_PX or c["height"] < MIN_TARGET_PX]
    assert len(controls) >= 8 and not small, small
    width, height = twin.page.evaluate(
        "() => [document.documentElement.scrollWidth - document.documentElement.clientWidth,"
        " document.documentElement.scrollHeight - document.documentElement.clientHeight]"
    )
    assert (width, height) == (0, 0), "the page scrolls"
    assert coloured_pixels(twin.map_image()) > 10_000


def test_every_control_is_a_finger_wide_and_the_screen_does_not_scroll(
    browser: Browser, atelier_app: ScenarioApp
) -> None:
    expected_layers = {"occupancy", "biodiversity"} | ({"contributions"} & set(TOGGLE_KEYS))
    with touch_page(browser) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier")
        page = twin.page
        assert page.evaluate("() => document.documentElement.classList.contains('atelier')")
        checked = page.locator("#layer-toggles input:checked").evaluate_all("els => els.map((e) => e.value)")
        assert set(checked) == expected_layers
        assert page.locator("#kpi-strip").is_hidden() and page.locator("#date-choice").is_hidden()
        assert page.locator("#scenario-choice").is_hidden(), "residents do not choose the scenario"
        _check_the_screen(twin)
        building, _ = _pickable_and_empty_points(twin)
        page.touchscreen.tap(*building)
        page.locator("#building-panel").wait_for(state="visible", timeout=10_000)
        twin.settle()
        _check_the_screen(twin)
        page.locator("#contribute-button").tap()
        page.locator("#contribution-form").wait_for(state="visible", timeout=10_000)
        twin.settle()
        _check_the_screen(twin)  # the opinion form
        page.locator("#account-form summary").tap()
        _check_the_screen(twin)
        assert twin.console_errors == []
    with touch_page(browser, PORTRAIT) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier&lang=en")
        _check_the_screen(twin)
        assert twin.page.get_by_role("button", name="Starting view", exact=True).is_visible()
        assert twin.page.get_by_text("Touch a building to give your opinion").is_visible()
        map_box, panel_box = (twin.page.locator(s).bounding_box() for s in ("#map-area", ".layer-panel"))
        assert map_box and panel_box and map_box["y"] + map_box["height"] <= panel_box["y"], (
            "map above the panel"
        )
        assert map_box["height"] > 0.6 * PORTRAIT["height"]
        assert twin.console_errors == []


def test_a_bad_mode_or_workshop_code_is_refused_with_a_message(
    browser: Browser, atelier_app: ScenarioApp
) -> None:
    with touch_page(browser) as twin:
        twin.page.goto(atelier_app.url + "/?mode=kiosque")
        twin.page.get_by_text("Mode « kiosque » inconnu").wait_for(timeout=30_000)
        assert not twin.page.evaluate("() => document.documentElement.classList.contains('atelier')")
        assert twin.page.locator("#atelier-controls").is_hidden()
        open_atelier(twin, atelier_app.url + "/?mode=atelier&atelier=Salle%201")
        twin.page.get_by_text("Code d'atelier « Salle 1 » invalide").wait_for(timeout=30_000)
        status = twin.page.evaluate("() => window.twinAtelier.active()")
        assert status is True


def _sign_in(twin: TwinPage, url: str) -> None:
    page = twin.page
    page.goto(url)
    page.locator("#account-form summary").click()
    page.locator("#account-name").fill(FACILITATOR)
    page.locator("#account-password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#account-sign-in").click()
    open_atelier(twin, url)


def _map_scenario(twin: TwinPage) -> str | None:
    scenario: str | None = twin.page.evaluate("() => window.twinBridge.map('deck-map').scenario")
    return scenario


def test_a_facilitator_switches_the_scenario_on_every_screen_of_the_workshop(
    browser: Browser, atelier_app: ScenarioApp
) -> None:
    workshop = atelier_app.url + "/?mode=atelier&atelier=salle-2"
    with touch_page(browser) as table, touch_page(browser) as facilitator, touch_page(browser) as elsewhere:
        open_atelier(table, workshop)
        open_atelier(elsewhere, atelier_app.url + "/?mode=atelier&atelier=salle-3")
        assert table.page.locator("#atelier-facilitator").is_hidden(), "residents have no facilitator control"
        assert _map_scenario(table) is None
        assert table.page.locator("#atelier-shown").inner_text() == "Scénario présenté : Situation actuelle"

        _sign_in(facilitator, workshop)
        page = facilitator.page
        page.locator("#atelier-facilitator").wait_for(state="visible", timeout=20_000)
        assert "Scénario affiché sur les tables" in page.locator("#atelier-facilitator").inner_text()
        page.locator("#atelier-scenario").click()
        page.get_by_role("option", name="École 62 — version 1").wait_for(timeout=10_000)
        options = [
            o for o in page.get_by_role("option").all_inner_texts() if "École" in o or "Situation" in o
        ]
        assert options == ["Situation actuelle (référence)", "École 62 — version 2", "École 62 — version 1"]
        page.get_by_role("option", name="École 62 — version 2", exact=True).click()
        page.get_by_text("Affiché sur les tables : École 62 — version 2.").wait_for(timeout=20_000)

        wanted = f"{atelier_app.scenario_id}@2"
        table.page.wait_for_function(
            f"() => window.twinBridge.map('deck-map').scenario === '{wanted}'", timeout=20_000
        )  # the table asks every 5 s
        table.page.get_by_text("Scénario présenté : École 62 — version 2").wait_for(timeout=10_000)
        table.settle()
        assert table.page.evaluate("() => window.twinBridge.features('scenario-changes').length") > 0

        page.locator("#atelier-scenario").click()
        page.get_by_role("option", name="Situation actuelle (référence)", exact=True).click()
        table.page.wait_for_function(
            "() => window.twinBridge.map('deck-map').scenario === null", timeout=20_000
        )
        assert _map_scenario(elsewhere) is None, "another workshop's screens are not touched"
        for twin in (table, facilitator, elsewhere):
            assert twin.console_errors == []


def test_the_contributions_are_on_the_map_at_the_tables(browser: Browser, atelier_app: ScenarioApp) -> None:
    approved = [item for item in contributions.ITEMS if "<" not in item.text and item.moderation == "approve"]
    with touch_page(browser) as twin:
        open_atelier(twin, atelier_app.url + "/?mode=atelier")
        twin.page.wait_for_function(
            "() => window.twinBridge.features('contribution-pins').length > 0", timeout=30_000
        )
        pins = twin.page.evaluate("() => window.twinBridge.features('contribution-pins').map((p) => p.text)")
        assert sorted(pins) == sorted(item.text for item in approved)
        assert twin.console_errors == []


def test_screenshots_of_the_workshop_mode(browser: Browser, atelier_app: ScenarioApp) -> None:
    """docs/atelier-landscape.png and docs/atelier-portrait.png, as the README shows them (regenerated by
    this test): a table of the SHOWCASE workshop, showing "École 62" version 2 and the contributions."""
    for viewport, name in ((LANDSCAPE, "atelier-landscape"), (PORTRAIT, "atelier-portrait")):
        with touch_page(browser, viewport) as twin:
            open_atelier(twin, f"{atelier_app.url}/?mode=atelier&atelier={SHOWCASE}")
            twin.page.get_by_text("Scénario présenté : École 62 — version 2").wait_for(timeout=20_000)
            twin.page.wait_for_function(
                "() => window.twinBridge.features('contribution-pins').length > 0", timeout=30_000
            )
            twin.settle()
            if viewport is PORTRAIT:  # a resident has tapped bât. 62: its tooltip and its floors
                x, y = _find_pixel(twin, "scenario-changes", "62")
                box = twin.page.locator("#deck-map").bounding_box()
                assert box
                twin.page.touchscreen.tap(box["x"] + x, box["y"] + y)
                twin.page.locator("#building-panel").wait_for(state="visible", timeout=10_000)
                twin.settle()
            twin.page.screenshot(path=str(REPO / "docs" / f"{name}.png"))
            assert twin.console_errors == []
