"""The participation screens' checks (callbacks/contributions.py, callbacks/moderation.py): what a client may
put in the panel's store, the order of the form's refusals, and the moderators' buttons against what the
real store accepts."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from callbacks.contributions import Draft, OnScreen, Target, first_refusal, panel_state, target_of
from callbacks.moderation import decisions_open, scenario_choice
from store import contributions as c
from store.accounts import add_user
from store.database import Store, open_store
from texts.i18n import t

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
BASELINE = OnScreen(None, None, False, None)
# Texts far enough apart for the store's near-duplicate check.
TEXTS = ("Un jardin partagé au pied du bâtiment", "Des bancs à l'ombre le long du canal",
         "Une piste cyclable vers la gare", "Plus de logements pour les étudiants",
         "Un marché couvert le samedi matin", "Rouvrir la cheminée aux visites")  # fmt: skip


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'twin.sqlite3'}")


@pytest.mark.parametrize(
    "value",
    [None, "62", [], {"building_id": ""}, {"building_id": 62}, {"lon": "7.3", "lat": 47.7},
     {"lon": math.nan, "lat": 47.7}, {"lon": math.inf, "lat": 47.7}, {"lon": True, "lat": 47.7},
     {"lon": 7.3}],
)  # fmt: skip
def test_a_target_that_is_not_a_building_nor_a_finite_point_is_none(value: object) -> None:
    assert target_of(value) is None


def test_targets_and_states_read_back_what_they_wrote() -> None:
    assert target_of({"building_id": "62"}) == Target(building_id="62")
    assert target_of({"lon": 7, "lat": 47.75}) == Target(lon=7.0, lat=47.75)
    state = panel_state({"mode": "form", "target": {"building_id": "62"}, "contribution": None})
    assert state is not None and state.as_store() == {"mode": "form", "target": {"building_id": "62"},
                                                      "contribution": None}  # fmt: skip
    assert panel_state({"mode": "explode"}) is None and panel_state({"mode": ["form"]}) is None


def test_the_form_refuses_in_the_order_it_is_filled_in() -> None:
    full = Draft("nature", "Un jardin", None, True)
    assert first_refusal(full, BASELINE, "fr") is None
    assert first_refusal(Draft("", "", None, False), BASELINE, "fr") == t("refuse_category", "fr")
    assert first_refusal(Draft("nature", "", None, False), BASELINE, "fr") == t("refuse_text_empty", "fr")
    too_long = Draft("nature", "x" * (c.MAX_TEXT_CHARS + 1), None, True)
    assert first_refusal(too_long, BASELINE, "fr") == t("refuse_text_long", "fr", limit=c.MAX_TEXT_CHARS)
    assert first_refusal(Draft("nature", "x" * c.MAX_TEXT_CHARS, None, True), BASELINE, "fr") is None
    no_consent = Draft("nature", "Un jardin", None, False)
    assert first_refusal(no_consent, BASELINE, "fr") == t("refuse_consent", "fr")
    draft_shown = OnScreen(("abc", 2), "École", True, None)
    assert first_refusal(full, draft_shown, "fr") == t("refuse_draft", "fr")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("abc@2", ("abc", 2)), ("a@b@3", ("a@b", 3)), ("", None), ("abc", None), ("abc@", None), ("@2", None),
     ("abc@-1", None), ("abc@1e3", None), ("abc@" + "9" * 12, None), (["abc@2"], None), (None, None)],
)  # fmt: skip
def test_a_scenario_choice_is_an_id_and_a_version_number(value: object, expected: object) -> None:
    assert scenario_choice(value) == expected


def _in_state(store: Store, state: str, number: int) -> c.Contribution:
    """A contribution brought to `state` by the store's own decisions ("reported": hidden by reports)."""
    moderator = add_user(store, f"mod{number}", "moderator", "correct horse battery")
    new = c.NewContribution("nature", TEXTS[number], None, "62", None, None, 7.32, 47.75)
    sent = c.submit(store, new, f"author-{number}", NOW)
    if state != "pending":
        first = "reject" if state == "rejected" else "approve"
        c.moderate(store, sent.id, first, "motif", moderator, NOW)
    if state == "hidden":
        c.moderate(store, sent.id, "hide", "motif", moderator, NOW)
    for visitor in range(c.REPORTS_TO_HIDE if state == "reported" else 0):
        c.report(store, sent.id, f"reporter-{visitor}", NOW)
    found = c.get(store, sent.id)
    assert found is not None
    return found


@pytest.mark.parametrize("state", ["pending", "approved", "reported", "rejected", "hidden"])
def test_every_decision_button_shown_is_one_the_store_accepts(store: Store, state: str) -> None:
    for index, decision in enumerate(c.DECISIONS):
        contribution = _in_state(store, state, index)
        moderator = add_user(store, f"judge{index}", "moderator", "correct horse battery")
        try:
            c.moderate(store, contribution.id, decision, "motif", moderator, NOW)
            accepted = True
        except c.ContributionError:
            accepted = False
        assert accepted or decision not in decisions_open(contribution), (state, decision)
    assert decisions_open(_in_state(store, state, len(c.DECISIONS)))  # and something can always be decided
