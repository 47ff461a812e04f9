"""The public contributions' map layer in a real headless Chromium, on an app served over a store seeded
with approved, pending and rejected contributions (tests/seeded_contributions.py): off by default, pins
drawn where they were made in the colour of their follow-up, a tooltip that shows HTML as characters, only
approved ones, and a new approval reaching the open map without a reload."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store import contributions as c
from store.accounts import add_user, sign_in
from store.database import default_url, open_store
from tests.browser.conftest import TwinPage, changed_pixels, serve_app
from tests.seeded_contributions import ITEMS, SCRIPT_TEXT, Seeded, seed

pytestmark = pytest.mark.browser

AT = "2026-11-23T15:00"
LAYER_ID = "contribution-pins"
INDIGO = (51, 34, 136)  # "retenue" (layers/contributions.py), written out here


@dataclass(frozen=True)
class SeededApp:
    url: str
    state: Path
    seeded: Seeded


@pytest.fixture(scope="module")
def seeded_app(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededApp]:
    state = tmp_path_factory.mktemp("state")
    store = open_store(default_url(state))
    moderator = add_user(store, "mona", "moderator", "correct horse battery")
    seeded = seed(store, sample_dir, ITEMS, moderator)
    store.engine.dispose()
    with serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url:
        yield SeededApp(url, state, seeded)


def _pins(twin: TwinPage) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = twin.page.evaluate(f"() => window.twinBridge.features('{LAYER_ID}')")
    return rows


def _turn_on(twin: TwinPage, count: int) -> None:
    twin.page.locator("#layer-toggles input[value='contributions']").check()
    twin.page.wait_for_function(
        f"(n) => window.twinBridge.features('{LAYER_ID}').length === n", arg=count, timeout=60_000
    )
    twin.settle()


def _screen_point(twin: TwinPage, text: str) -> tuple[int, int]:
    """Where the top of the pin with this text is on the map, checked by picking there."""
    found = twin.page.evaluate(
        """([layerId, text]) => {
          const map = window.twinBridge.map("deck-map"), viewport = map.deck.getViewports()[0];
          const row = map.features(layerId).find((r) => r.text === text);
          if (!row) return null;
          const [x, y] = viewport.project([row.lon, row.lat, row.top]).map(Math.round);
          const hit = map.pickAt(x, y);
          return hit && hit.layerId === layerId && hit.row.text === text ? [x, y] : null;
        }""",
        [LAYER_ID, text],
    )
    assert found, f"the pin of {text!r} is not where it should be on the map"
    return int(found[0]), int(found[1])


def test_pins_are_drawn_only_for_approved_contributions(twin: TwinPage, seeded_app: SeededApp) -> None:
    twin.open(f"{seeded_app.url}/?at={AT}")
    assert _pins(twin) == [], "the layer is off by default"
    before = twin.map_image()
    approved = seeded_app.seeded.ids["approved"]
    _turn_on(twin, len(approved))
    assert sorted(str(row["id"]) for row in _pins(twin)) == sorted(approved)
    assert changed_pixels(before, twin.map_image()) > 200, "the pins changed nothing on the map"
    ids = seeded_app.seeded.ids
    hidden = {seeded_app.seeded.items[i].text for i in ids["pending"] + ids["rejected"]}
    assert not hidden & {str(row["text"]) for row in _pins(twin)}
    assert twin.console_errors == []


def test_an_adopted_pin_is_indigo_on_the_canvas(twin: TwinPage, seeded_app: SeededApp) -> None:
    twin.open(f"{seeded_app.url}/?at={AT}")
    _turn_on(twin, len(seeded_app.seeded.ids["approved"]))
    adopted = next(item for item in ITEMS if item.follow_up == "retenue")
    x, y = _screen_point(twin, adopted.text)
    image = twin.map_image()
    # The top face is lit, so not exactly the palette's colour: blue clearly above red and green, and dark.
    r, g, b = image.getpixel((x, y + 1))
    assert b > r + 40 and b > g + 40 and max(r, g, b) < 200, (r, g, b)
    indigo_like = sum(
        1 for dx in range(-6, 7) for dy in range(-6, 7) if _near(image.getpixel((x + dx, y + dy)), INDIGO, 70)
    )
    assert indigo_like >= 20, indigo_like


def _near(rgb: tuple[int, int, int], target: tuple[int, int, int], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))


def test_the_tooltip_shows_html_as_characters(twin: TwinPage, seeded_app: SeededApp) -> None:
    twin.open(f"{seeded_app.url}/?at={AT}")
    _turn_on(twin, len(seeded_app.seeded.ids["approved"]))
    x, y = _screen_point(twin, SCRIPT_TEXT)
    box = twin.page.locator("#deck-map").bounding_box()
    assert box
    twin.page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = twin.page.locator(".twin-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert SCRIPT_TEXT in text and "<b>Bob</b>" in text  # the text and the pseudonym, as typed
    assert "Contributions des habitants" in text and "Thème" in text and "Autre" in text and "Reçue" in text
    assert tooltip.locator("script, b, img").count() == 0
    assert twin.console_errors == []


def test_a_new_approval_reaches_the_open_map(twin: TwinPage, seeded_app: SeededApp) -> None:
    twin.open(f"{seeded_app.url}/?at={AT}")
    approved = seeded_app.seeded.ids["approved"]
    _turn_on(twin, len(approved))
    store = open_store(default_url(seeded_app.state))
    moderator = sign_in(store, "mona", "correct horse battery", datetime.now(UTC))
    assert moderator is not None
    pending = seeded_app.seeded.ids["pending"][0]
    c.moderate(store, pending, "approve", "", moderator, datetime.now(UTC))
    store.engine.dispose()
    # The page asks for the public revision every 30 s: within 45 s the pin is there, without a reload.
    twin.page.wait_for_function(
        f"(n) => window.twinBridge.features('{LAYER_ID}').length === n", arg=len(approved) + 1, timeout=45_000
    )
    assert pending in {str(row["id"]) for row in _pins(twin)}
    assert twin.console_errors == []
