"""The participation issue's whole path, as it happens at a workshop, in a real headless Chromium with touch
emulation (?mode=atelier on a 1024×768 tablet) and the real store:

1. the facilitator has put "École 62" version 2 on the workshop's tables; a resident taps bât. 62, pins an
   opinion on its floor 2 and gets a withdrawal code - the contribution records the scenario and version;
   until it is approved, no public answer holds it;
2. a moderator (at a desktop) approves it and sets "Retenue" with an answer linked to that version;
3. its planner publishes version 3, changing bât. 62 again; at another table, the pin is on the map in the
   "retenue" colour and a tap on it shows the answer and that the building changed in version 3; the public
   page /contributions lists it with both and the link to the answering version; two fingers turn the map;
   left alone, the table returns to its start view.

Two servers share one state directory (as gunicorn workers do): the second forgets faster (10 s idle), so
the end of the path does not wait three minutes."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from geodata.scenario import document_json, parse_document
from layers.contributions import LAYER_ID, STATUS_PALETTE, STATUSES
from store import contributions
from store.accounts import add_user, sign_in
from store.database import Store, default_url, open_store
from store.scenarios import get_version, save_version
from store.workshops import set_scenario
from tests.browser.conftest import TwinPage, serve_app
from tests.browser.participation_steps import approve_and_adopt, open_in_queue
from tests.browser.participation_steps import sign_in as sign_in_on_page
from tests.browser.seeded_scenario import VERSION, seed
from tests.browser.test_app import AT, _find_pixel
from tests.browser.test_atelier import (
    FACILITATOR,
    PASSWORD,
    camera,
    gesture,
    open_atelier,
    still_camera,
    touch_page,
    two_fingers,
)
from tests.browser.test_contributions_layer import _count_near, _screen_point

pytestmark = pytest.mark.browser

WORKSHOP = "quartier-dmc"
MODERATOR = "mona"
OPINION = "Au 2e étage du 62, des logements pour étudiants avec une salle commune ouverte au quartier."
ANSWER = "Retenue : le scénario École prévoit des logements aux niveaux 2 et 3 du bâtiment 62."
IDLE_S = 10


@dataclass(frozen=True)
class Workshop:
    url: str  # the default idle time
    quick_url: str  # the same store, IDLE_S
    state: Path
    scenario_id: str

    def store(self) -> Store:
        return open_store(default_url(self.state))

    def table(self, url: str) -> str:
        return f"{url}/?mode=atelier&atelier={WORKSHOP}&at={AT}"


@pytest.fixture(scope="module")
def workshop(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    state = tmp_path_factory.mktemp("workshop-state")
    scenario_id = seed(state)  # "École 62", published, versions 1 and 2, by the planner FACILITATOR
    store = open_store(default_url(state))
    add_user(store, MODERATOR, "moderator", PASSWORD)
    facilitator = sign_in(store, FACILITATOR, PASSWORD, datetime.now(UTC))
    assert facilitator is not None
    set_scenario(store, WORKSHOP, f"{scenario_id}@{VERSION}", facilitator, datetime.now(UTC))
    store.engine.dispose()
    with (
        serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url,
        serve_app(sample_dir, TWIN_STATE_DIR=str(state), TWIN_ATELIER_IDLE_S=str(IDLE_S)) as quick_url,
    ):
        yield Workshop(url, quick_url, state, scenario_id)


def _public_texts(url: str) -> str:
    """Everything the public can read about contributions: the list, both exports and the page."""
    paths = ("/api/contributions", "/api/contributions.csv", "/api/contributions.geojson", "/contributions")
    bodies = []
    for path in paths:
        with urllib.request.urlopen(url + path) as response:
            bodies.append(response.read().decode())
    return "\n".join(bodies)


def _pin_an_opinion_on_floor_2_of_62(twin: TwinPage, workshop: Workshop) -> str:
    """At a table showing the workshop's scenario: tap bât. 62, then fill the form with fingers. The
    contribution's number."""
    page = twin.page
    open_atelier(twin, workshop.table(workshop.url))
    page.wait_for_function(
        "(s) => window.twinBridge.map('deck-map').scenario === s", arg=f"{workshop.scenario_id}@{VERSION}",
        timeout=30_000,
    )  # fmt: skip
    twin.settle()
    x, y = _find_pixel(twin, "scenario-changes", "62")  # the scenario's change of bât. 62, on screen
    box = page.locator("#deck-map").bounding_box()
    assert box
    page.touchscreen.tap(box["x"] + x, box["y"] + y)
    page.locator("#contribute-button").tap()
    page.locator("#contribution-form").wait_for(state="visible", timeout=20_000)
    shown = page.locator("#contribution-shown").inner_text()
    assert "École 62" in shown and f"version {VERSION}" in shown
    page.locator("#contribution-where").tap()
    page.get_by_role("option", name="étage 2", exact=False).tap()
    page.locator(".category-choice label", has_text="Logement").tap()
    page.locator("#contribution-text").fill(OPINION)
    page.locator("#contribution-pseudonym").fill("Voisin du 62")
    page.locator("#contribution-consent input").tap()
    page.locator("#contribution-send").tap()
    page.locator("#withdraw-code-shown").wait_for(timeout=20_000)
    assert len(page.locator("#withdraw-code-shown").inner_text()) == 11
    return page.locator("#contribution-id-shown").inner_text()


def _save_version_3_changing_62(workshop: Workshop) -> None:
    """The scenario's author saves a version whose only difference is bât. 62's floor 2 (its dwellings)."""
    store = workshop.store()
    author = sign_in(store, FACILITATOR, PASSWORD, datetime.now(UTC))
    latest = get_version(store, workshop.scenario_id)
    assert author is not None and latest is not None and latest.number == VERSION
    document = parse_document(latest.document)
    changes = tuple(
        replace(change, dwellings=40) if getattr(change, "floor_id", None) == "62-2" else change
        for change in document.changes
    )
    save_version(store, workshop.scenario_id, document_json(replace(document, changes=changes)), author,
                 VERSION, "40 logements au 2e étage")  # fmt: skip
    store.engine.dispose()


def _retenue_colour() -> tuple[int, int, int]:
    red, green, blue, _ = STATUS_PALETTE[STATUSES.index("retenue")]
    return red, green, blue


def test_a_resident_s_opinion_at_a_workshop_table_is_approved_answered_and_seen_by_all(
    browser: Browser, twin: TwinPage, workshop: Workshop
) -> None:
    # 1. A resident at a table pins an opinion on floor 2 of bât. 62 while "École 62" v2 is shown.
    with touch_page(browser) as table:
        number = _pin_an_opinion_on_floor_2_of_62(table, workshop)
        assert table.console_errors == []
    store = workshop.store()
    sent = contributions.get(store, number)
    store.engine.dispose()
    assert sent is not None and sent.moderation == "pending" and sent.text == OPINION
    assert (sent.building_id, sent.floor_id, sent.level) == ("62", "62-2", 2)
    assert (sent.scenario_id, sent.scenario_version) == (workshop.scenario_id, VERSION)
    assert OPINION not in _public_texts(workshop.url) and number not in _public_texts(workshop.url)

    # 2. A moderator, at a desktop, approves it and adopts it with an answer linked to version 2.
    twin.open(f"{workshop.url}/?at={AT}")
    sign_in_on_page(twin, MODERATOR, PASSWORD)
    assert OPINION in open_in_queue(twin, "logements pour étudiants")
    approve_and_adopt(twin, ANSWER, f"École 62 — version {VERSION}")
    assert twin.console_errors == []

    # 3. Later, the planner publishes version 3, which changes bât. 62 again: the contribution says so.
    _save_version_3_changing_62(workshop)
    changed = f"Ce bâtiment a changé dans la version {VERSION + 1} du scénario « École 62 »."

    # The public: the page and the API now list it with its answer and the version's link...
    public = _public_texts(workshop.url)
    assert OPINION in public and ANSWER in public and changed in public
    assert f"/?scenario={workshop.scenario_id}&amp;version={VERSION}" in public
    with urllib.request.urlopen(f"{workshop.url}/api/contributions?status=retenue") as response:
        listed = json.load(response)["contributions"]
    assert [(item["id"], item["answer"]) for item in listed] == [(number, ANSWER)]

    # ...and another table shows its pin in the "retenue" colour; a tap on it shows the answer.
    with touch_page(browser) as table:
        page = table.page
        open_atelier(table, workshop.table(workshop.quick_url))
        start = camera(table)  # the start view, before any touch
        page.wait_for_function(
            "([layer, text]) => window.twinBridge.features(layer).some((row) => row.text === text)",
            arg=[LAYER_ID, OPINION], timeout=60_000,
        )  # fmt: skip
        table.settle()
        x, y = _screen_point(table, OPINION, share=0.5)
        assert _count_near(table.map_image(), (x, y), _retenue_colour(), 60) >= 12
        box = page.locator("#deck-map").bounding_box()
        assert box
        page.touchscreen.tap(box["x"] + x, box["y"] + y)
        view = page.locator("#contribution-view")
        view.filter(has_text=ANSWER).wait_for(timeout=20_000)
        assert OPINION in view.inner_text() and changed in view.inner_text()

        # Two fingers turn the map; then, left alone, the table goes back to its start.
        before = still_camera(table)
        centre = (box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.6)  # clear of the open panel
        gesture(table, [two_fingers(centre, 60, 40 * step / 15) for step in range(16)])
        turned = camera(table)
        assert abs(turned["bearing"] - before["bearing"]) > 20
        resets = page.evaluate("() => window.twinAtelier.resets()")
        page.wait_for_function(f"() => window.twinAtelier.resets() > {resets}", timeout=(IDLE_S + 10) * 1000)
        back = still_camera(table)
        assert back["bearing"] == pytest.approx(start["bearing"], abs=1e-6)
        assert back["zoom"] == pytest.approx(start["zoom"], abs=1e-6)
        view.wait_for(state="hidden", timeout=10_000)
        assert page.locator("#atelier-start").is_visible()
        assert table.console_errors == []
