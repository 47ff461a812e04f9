"""Participation in a real headless Chromium, against the real store: a citizen pins an opinion on a floor
of bât. 62 while a scenario is shown and gets a withdrawal code (refusals keep what was typed); a moderator
sees a hostile text as characters, approves it and answers it with a scenario version; a visitor supports
it; an author withdraws one; a click on the ground offers to pin one there."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from layers.contributions import KEY, LAYER_ID
from store import contributions
from store.accounts import sign_in
from store.database import Store, default_url, open_store
from tests.browser.conftest import TwinPage, serve_app
from tests.browser.participation_steps import approve_and_adopt, open_in_queue
from tests.browser.participation_steps import sign_in as sign_in_as
from tests.browser.seeded_scenario import VERSION, seed
from tests.browser.test_app import AT, _find_pixel
from tests.browser.test_contributions_layer import _screen_point
from tests.conftest import REPO

pytestmark = pytest.mark.browser

MODERATOR, PASSWORD = "claire", "correct horse battery"
HOSTILE = "<script>alert(1)</script> et <img src=x onerror=alert(1)> : un jardin ici"
FREE_GROUND = (7.3218, 47.75482)  # inside the district, clear of every sample building (seeded_scenario.py)
OUTSIDE = (7.3150, 47.7530)  # west of the district's outline (its bounds start at 7.3162), still on screen
GROUND_VIEW = "7.3184,47.7539,15.6,0,0"  # both points above, about 250 m either side of the centre


@dataclass(frozen=True)
class ParticipationApp:
    url: str
    state: Path
    scenario_id: str

    def store(self) -> Store:
        return open_store(default_url(self.state))


@pytest.fixture(scope="module")
def app(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ParticipationApp]:
    state = tmp_path_factory.mktemp("state")
    scenario_id = seed(state)
    env = {**os.environ, "TWIN_DATA_DIR": str(sample_dir), "TWIN_STATE_DIR": str(state)}
    command = [sys.executable, "-m", "app", "user", "add", MODERATOR, "--role", "moderator"]
    subprocess.run(command, input=PASSWORD + "\n", text=True, env=env, cwd=REPO, check=True, timeout=60)
    with serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url:
        yield ParticipationApp(url, state, scenario_id)


@pytest.fixture()
def dialogs(twin: TwinPage) -> list[str]:
    """Every alert/confirm the page opens (none should: user text is never code)."""
    opened: list[str] = []
    twin.page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def _floor_2_of_62(data: Path) -> str:
    floors = pd.read_parquet(data / "floors.parquet", columns=["floor_id", "building_id", "level"])
    return str(floors.loc[(floors.building_id == "62") & (floors.level == 2), "floor_id"].item())


def _send_and_expect_refusal(twin: TwinPage, words: str) -> None:
    twin.page.locator("#contribution-send").click()
    twin.page.locator("#contribution-feedback").filter(has_text=words).wait_for(timeout=20_000)


def _submitted(app: ParticipationApp, text: str, **place: object) -> contributions.Submitted:
    """A contribution sent straight to the store, as the form would (pinned on bât. 62 by default)."""
    where = {"building_id": "62", "floor_id": None, "level": None, "lon": 7.32, "lat": 47.754, **place}
    new = contributions.NewContribution("nature", text, "Lou", **where)  # type: ignore[arg-type]
    store = app.store()
    try:
        return contributions.submit(store, new, f"visitor-{text}", datetime.now(UTC))
    finally:
        store.engine.dispose()


def test_a_citizen_pins_an_opinion_on_a_floor_of_62_while_a_scenario_is_shown(
    twin: TwinPage, app: ParticipationApp, sample_dir: Path, dialogs: list[str]
) -> None:
    page = twin.page
    twin.open(f"{app.url}/?scenario={app.scenario_id}&at={AT}")
    x, y = _find_pixel(twin, "scenario-changes", "62")  # the scenario changes bât. 62's floors
    box = page.locator("#deck-map").bounding_box()
    assert box
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.locator("#contribute-button").click()
    page.locator("#contribution-form").wait_for(state="visible", timeout=20_000)
    assert "bât. 62" in page.locator("#contribution-about").inner_text()
    shown = page.locator("#contribution-shown").inner_text()
    assert "École 62" in shown and f"version {VERSION}" in shown and "23/11/2026 à 15:00" in shown

    page.locator("#contribution-where").click()
    page.get_by_role("option", name="étage 2", exact=False).click()
    _send_and_expect_refusal(twin, "thème")  # no category yet
    page.locator(".category-choice label", has_text="Nature").click()
    page.locator("#contribution-text").fill("   ")
    _send_and_expect_refusal(twin, "Écrivez votre avis")
    page.locator("#contribution-text").fill(HOSTILE)
    page.locator("#contribution-pseudonym").fill("Lou")
    page.locator("#contribution-count").filter(has_text=f"{len(HOSTILE)} / 1000").wait_for(timeout=10_000)
    _send_and_expect_refusal(twin, "Cochez la case")  # no consent: refused, and nothing is lost
    assert page.locator("#contribution-text").input_value() == HOSTILE
    assert page.locator("#contribution-pseudonym").input_value() == "Lou"

    page.locator("#contribution-consent input").check()
    page.locator("#contribution-send").click()
    code = page.locator("#withdraw-code-shown")
    code.wait_for(timeout=20_000)
    number = page.locator("#contribution-id-shown").inner_text()
    twin.save("participation-sent")
    assert len(code.inner_text()) == 11 and page.locator("#contribution-text").input_value() == ""

    store = app.store()
    saved = contributions.get(store, number)
    store.engine.dispose()
    assert saved is not None and saved.moderation == "pending"
    assert (saved.text, saved.pseudonym, saved.category) == (HOSTILE, "Lou", "nature")
    assert (saved.building_id, saved.floor_id, saved.level) == ("62", _floor_2_of_62(sample_dir), 2)
    assert (saved.scenario_id, saved.scenario_version) == (app.scenario_id, VERSION)
    assert saved.shown_at == datetime(2026, 11, 23, 15, 0)
    assert dialogs == [] and twin.console_errors == []


def _sign_in(twin: TwinPage) -> None:
    sign_in_as(twin, MODERATOR, PASSWORD)


def test_a_moderator_sees_hostile_text_as_characters_approves_and_answers_it(
    twin: TwinPage, app: ParticipationApp, dialogs: list[str]
) -> None:
    page = twin.page
    text = "<img src=x onerror=alert(1)> Une piste cyclable <script>alert(1)</script> rue de la Filature"
    submitted = _submitted(app, text, floor_id="62-1", level=1)
    twin.open(f"{app.url}/?at={AT}")
    assert page.locator("#moderation").is_hidden()  # not for the public
    _sign_in(twin)
    assert text in open_in_queue(twin, "piste cyclable")  # the characters, not markup
    exports = [link.get_attribute("href") for link in page.locator("#moderation-exports a").all()]
    assert exports == ["/api/contributions.csv?moderation=all", "/api/contributions.geojson?moderation=all"]
    assert page.locator("#moderation-detail blockquote").inner_text() == text
    assert page.locator("#moderation script, #moderation img").count() == 0

    page.locator("#moderation-reject").click()  # a reason is required
    page.locator("#moderation-feedback").filter(has_text="motif").wait_for(timeout=20_000)
    answer = "Un jardin partagé est prévu au pied du bâtiment."
    approve_and_adopt(twin, answer, f"École 62 — version {VERSION}")
    page.locator("#moderation").scroll_into_view_if_needed()
    twin.save("participation-moderation")

    store = app.store()
    saved, log = contributions.get(store, submitted.id), contributions.decisions(store, submitted.id)
    store.engine.dispose()
    assert saved is not None and saved.public and saved.follow_up == "retenue"
    assert saved.answer == answer
    assert (saved.answer_scenario_id, saved.answer_scenario_version) == (app.scenario_id, VERSION)
    assert [(d.action, d.actor) for d in log] == [("submit", None), ("approve", MODERATOR),
                                                  ("follow_up", MODERATOR)]  # fmt: skip
    assert dialogs == [] and twin.console_errors == []


def _click_pin(twin: TwinPage, text: str) -> None:
    """Shows the public contributions' layer and clicks the pin of the contribution with this text."""
    page = twin.page
    page.locator(f"#layer-toggles input[value='{KEY}']").check()
    page.wait_for_function(
        "([layer, text]) => window.twinBridge.features(layer).some((row) => row.text === text)",
        arg=[LAYER_ID, text], timeout=60_000,
    )  # fmt: skip
    twin.settle()
    x, y = _screen_point(twin, text)
    box = page.locator("#deck-map").bounding_box()
    assert box
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_a_visitor_opens_a_pin_and_supports_its_opinion_once(twin: TwinPage, app: ParticipationApp) -> None:
    page = twin.page
    submitted = _submitted(app, "Des bancs à l'ombre le long du canal")
    store = app.store()
    moderator = sign_in(store, MODERATOR, PASSWORD, datetime.now(UTC))
    assert moderator is not None
    contributions.moderate(store, submitted.id, "approve", "", moderator, datetime.now(UTC))
    store.engine.dispose()
    twin.open(f"{app.url}/?at={AT}")
    _click_pin(twin, "Des bancs à l'ombre le long du canal")
    page.locator("#contribution-view blockquote").filter(has_text="bancs à l'ombre").wait_for(timeout=20_000)
    assert page.locator("#building-panel").is_hidden()  # a pin is not its building
    page.locator("#contribution-support").click()
    page.locator("#contribution-view-feedback").filter(has_text="Merci pour votre soutien").wait_for()
    assert "1 soutien" in page.locator("#contribution-view .supports").inner_text()
    page.locator("#contribution-support").click()
    page.locator("#contribution-view-feedback").filter(has_text="déjà").wait_for(timeout=20_000)
    assert "1 soutien" in page.locator("#contribution-view .supports").inner_text()
    assert twin.console_errors == []


def test_an_author_withdraws_an_opinion_with_its_code(twin: TwinPage, app: ParticipationApp) -> None:
    page = twin.page
    submitted = _submitted(app, "Un passage piéton devant le bâtiment 62")
    twin.open(f"{app.url}/?at={AT}")
    page.locator("#withdraw-open").click()
    page.locator("#withdraw").wait_for(state="visible", timeout=20_000)
    page.locator("#withdraw-id").fill(submitted.id)
    page.locator("#withdraw-code").fill("AAAAA-BBBBB")
    page.locator("#withdraw-button").click()
    page.locator("#withdraw-feedback").filter(has_text="incorrect").wait_for(timeout=20_000)
    page.locator("#withdraw-code").fill(submitted.withdraw_code.lower())  # as typed from a note
    page.locator("#withdraw-button").click()
    page.locator("#withdraw-feedback").filter(has_text="retiré").wait_for(timeout=20_000)
    store = app.store()
    assert contributions.get(store, submitted.id) is None
    store.engine.dispose()


def test_a_click_on_the_ground_offers_to_pin_an_opinion_there(twin: TwinPage, app: ParticipationApp) -> None:
    page = twin.page
    twin.open(f"{app.url}/?at={AT}&view={GROUND_VIEW}")  # a plan view with both points, at any map size
    _click_ground(twin, FREE_GROUND)
    page.locator("#contribution-offer").wait_for(state="visible", timeout=20_000)
    page.locator("#contribution-accept").click()
    page.locator("#contribution-form").wait_for(state="visible", timeout=20_000)
    assert "point au sol" in page.locator("#contribution-about").inner_text()
    assert page.locator("#contribution-where-field").is_hidden()
    page.locator("#contribution-close").click()
    _click_ground(twin, OUTSIDE)
    page.locator("#contribution-offer-text").filter(has_text="pas dans le quartier").wait_for(timeout=20_000)
    assert page.locator("#contribution-accept").is_hidden()
    assert twin.console_errors == []


def _click_ground(twin: TwinPage, where: tuple[float, float]) -> None:
    page = twin.page
    x, y = page.evaluate(
        "([lon, lat]) => window.twinDeck.getViewports()[0].project([lon, lat, 0]).slice(0, 2)"
        ".map(Math.round)",
        list(where),
    )
    box = page.locator("#deck-map").bounding_box()
    assert box and 0 < x < box["width"] and 0 < y < box["height"], (x, y, box)
    page.mouse.click(box["x"] + x, box["y"] + y)
