"""Who may do what, for every action and kind of visitor, on scenarios read back from both backends."""

from __future__ import annotations

import pytest

from store.accounts import Account, add_user
from store.database import Store
from store.permissions import ACTIONS, can
from store.scenarios import ScenarioSummary, create_scenario, get_scenario, publish
from tests.store.conftest import PASSWORD

# Who may, by hand from the issue: (anonymous, owner planner, other planner, moderator, admin).
ON_OWN_DRAFT = {
    "view_scenario": (False, True, False, False, True),
    "edit_scenario": (False, True, False, False, True),
    "publish_scenario": (False, True, False, False, True),
}
ON_PUBLISHED = {
    "view_scenario": (True, True, True, True, True),
    "edit_scenario": (False, True, False, False, True),
    "publish_scenario": (False, True, False, False, True),
}
WITHOUT_SCENARIO = {
    "create_scenario": (False, True, True, False, True),
    "moderate": (False, False, False, True, True),
    "follow_up": (False, True, True, True, True),
    "facilitate": (False, True, True, True, True),
    "manage_users": (False, False, False, False, True),
    "view_scenario": (False, False, False, False, False),
    "edit_scenario": (False, False, False, False, False),
    "publish_scenario": (False, False, False, False, False),
}


@pytest.fixture()
def visitors(store: Store, planner: Account, other_planner: Account) -> tuple[Account | None, ...]:
    moderator = add_user(store, "mona", "moderator", PASSWORD)
    admin = add_user(store, "ada", "admin", PASSWORD)
    return (None, planner, other_planner, moderator, admin)


def _summary(store: Store, owner: Account, published: bool) -> ScenarioSummary:
    scenario_id, _ = create_scenario(store, {"name": "École", "changes": []}, owner)
    if published:
        publish(store, scenario_id)
    summary = get_scenario(store, scenario_id)
    assert summary is not None
    return summary


@pytest.mark.parametrize(("published", "table"), [(False, ON_OWN_DRAFT), (True, ON_PUBLISHED)])
def test_actions_on_a_scenario(
    store: Store, visitors: tuple[Account | None, ...], published: bool, table: dict[str, tuple[bool, ...]]
) -> None:
    scenario = _summary(store, visitors[1] or pytest.fail("no owner"), published)
    for action, expected in table.items():
        assert tuple(can(visitor, action, scenario) for visitor in visitors) == expected, action


def test_actions_without_a_scenario(visitors: tuple[Account | None, ...]) -> None:
    assert set(WITHOUT_SCENARIO) == set(ACTIONS)
    for action, expected in WITHOUT_SCENARIO.items():
        assert tuple(can(visitor, action) for visitor in visitors) == expected, action


def test_a_moderator_owning_a_draft_still_cannot_edit_it(
    store: Store, visitors: tuple[Account | None, ...]
) -> None:
    """Only planners (and admins) edit: a scenario owned by someone whose role changed stays read-only."""
    moderator = visitors[3]
    assert moderator is not None
    scenario = ScenarioSummary(
        "x", "École", "draft", 1, moderator.name, _summary(store, moderator, False).updated_at
    )
    assert can(moderator, "view_scenario", scenario)
    assert not can(moderator, "edit_scenario", scenario)


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown action 'delete_everything'"):
        can(None, "delete_everything")
