"""Who may do what: the one place that decides (api/ and callbacks/ both ask `can`, the UI only hides
what they would refuse anyway)."""

from __future__ import annotations

from collections.abc import Callable

from store.accounts import Account
from store.scenarios import ScenarioSummary

Rule = Callable[[Account | None, ScenarioSummary | None], bool]


def _is_owner(account: Account | None, scenario: ScenarioSummary | None) -> bool:
    return account is not None and scenario is not None and scenario.owner == account.name


def _is_admin(account: Account | None) -> bool:
    return account is not None and account.role == "admin"


def _has_role(account: Account | None, *roles: str) -> bool:
    return account is not None and account.role in roles


def _view(account: Account | None, scenario: ScenarioSummary | None) -> bool:
    if scenario is None:
        return False
    return scenario.status == "published" or _is_owner(account, scenario) or _is_admin(account)


def _change(account: Account | None, scenario: ScenarioSummary | None) -> bool:
    """Edit or publish: the planner who owns the scenario, or an admin."""
    if scenario is None:
        return False
    return _is_admin(account) or (_has_role(account, "planner") and _is_owner(account, scenario))


_RULES: dict[str, Rule] = {
    "view_scenario": _view,
    "create_scenario": lambda account, _: _has_role(account, "planner", "admin"),
    "edit_scenario": _change,
    "publish_scenario": _change,
    "moderate": lambda account, _: _has_role(account, "moderator", "admin"),
    # Answer a contribution publicly ("vous avez dit, nous avons fait"): those who moderate or plan.
    "follow_up": lambda account, _: _has_role(account, "planner", "moderator", "admin"),
    # Choose the scenario every workshop screen of a session shows.
    "facilitate": lambda account, _: _has_role(account, "planner", "moderator", "admin"),
    "manage_users": lambda account, _: _has_role(account, "admin"),
}
ACTIONS = tuple(_RULES)


def can(account: Account | None, action: str, scenario: ScenarioSummary | None = None) -> bool:
    """Whether `account` (None: an anonymous visitor) may do `action` (on `scenario`, for the actions
    about one). An unknown action is a programming error, not a refusal."""
    rule = _RULES.get(action)
    if rule is None:
        raise ValueError(f"unknown action {action!r} (one of: {', '.join(ACTIONS)})")
    return rule(account, scenario)
