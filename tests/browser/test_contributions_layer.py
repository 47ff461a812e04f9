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
from PIL import Image

from store import contributions as c
from store.accounts import add_user, sign_in
from store.database import default_url, open_store
from tests.browser.conftest import TwinPage, changed_pixels, serve_app
from tests.seeded_contributions import ITEMS, SCRIPT_TEXT, Seeded, seed

pytestmark = pytest.mark.browser

AT = "2026-11-23T15:00"
LAYER_ID = "contribution-pins"
INDIGO = (51, 34, 136)  # "retenue" (layers/contributions.py), written out here
GREEN = (17, 119, 51)  # "réalisée"


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


def _screen_point(twin: TwinPage, text: str, share: float = 1.0) -> tuple[int, int]:
    """Where the pin with this text is on the map, `share` of the way up its axis (1: its top face; lower:
    its front side), checked by picking there."""
    found = twin.page.evaluate(
        """([layerId, text, share]) => {
          const map = window.twinBridge.map("deck-map"), viewport = map.deck.getViewports()[0];
          const row = map.features(layerId).find((r) => r.text === text);
          if (!row) return null;
          const z = row.base + share * (row.top - row.base);
          const [x, y] = viewport.project([row.lon, row.lat, z]).map(Math.round);
          const hit = map.pickAt(x, y);
          return hit && hit.layerId === layerId && hit.row.text === text ? [x, y] : null;
        }""",
        [LAYER_ID, text, share],
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


def test_pins_have_their_follow_up_s_colour_on_the_canvas(twin: TwinPage, seeded_app: SeededApp) -> None:
    twin.open(f"{seeded_app.url}/?at={AT}")
    _turn_on(twin, len(seeded_app.seeded.ids["approved"]))
    image = twin.map_image()
    # "Réalisée", alone on bâtiment 5: its top face, lit, so near the palette's green rather than equal to it.
    done = next(item for item in ITEMS if item.follow_up == "realisee")
    x, y = _screen_point(twin, done.text)
    assert _count_near(image, (x, y), GREEN, 60) >= 12
    # "Retenue", at the bottom of bâtiment 62's pile (a newer pin stands on it): its front side.
    adopted = next(item for item in ITEMS if item.follow_up == "retenue")
    x, y = _screen_point(twin, adopted.text, share=0.5)
    assert _count_near(image, (x, y), INDIGO, 60) >= 12
    # Not green: a tighter tolerance, as the shaded side of a vacant (yellow) floor is an olive within 60.
    assert _count_near(image, (x, y), GREEN, 30) == 0


def _count_near(image: Image.Image, at: tuple[int, int], colour: tuple[int, int, int], tolerance: int) -> int:
    """Pixels within `tolerance` of `colour` in the 9×9 square round `at`."""
    x, y = at
    pixels = (image.getpixel((x + dx, y + dy)) for dx in range(-4, 5) for dy in range(-4, 5))
    return sum(1 for rgb in pixels if _near(rgb, colour, tolerance))


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
    assert "contributions des habitants" in text.lower()  # the heading is upper-cased by CSS
    assert "Thème\nAutre" in text and "Suite donnée\nReçue" in text and "étage 1" in text
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
