"""What a scenario reference in a URL means for the person asking: "<id>@<n>" is version n of a scenario
they may see, "<id>@draft<rev>" revision rev of their own working copy of a scenario they may edit.

`scenario_resolver(store)` is the function the layer data endpoint takes (api/layer_data.py,
`resolve_scenario`): app.py builds it once and passes it in; it answers per request, from the session or
the Bearer token of that request. Anything unknown, hidden or stale is None (the endpoint says 404), so a
reference never tells a stranger that a draft exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api.auth import current_account
from geodata.scenario import ScenarioDocument, ScenarioError, parse_document
from store import scenarios
from store.accounts import Account
from store.database import Store
from store.permissions import can
from store.scenarios import ScenarioSummary

MAX_NUMBER_DIGITS = 9


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= MAX_NUMBER_DIGITS else None


def _version_document(store: Store, summary: ScenarioSummary, number: int | None) -> Any:
    found = None if number is None else scenarios.get_version(store, summary.id, number)
    return None if found is None else found.document


def _draft_document(store: Store, summary: ScenarioSummary, viewer: Account | None, rev: int | None) -> Any:
    """The viewer's own working copy at exactly that revision (an older one is gone: None)."""
    if viewer is None or rev is None or not can(viewer, "edit_scenario", summary):
        return None
    draft = scenarios.get_draft(store, summary.id, viewer)
    return draft[2] if draft is not None and draft[0] == rev else None


def resolve_scenario(store: Store, text: str) -> ScenarioDocument | None:
    scenario_id, _, state = text.partition("@")
    summary = scenarios.get_scenario(store, scenario_id)
    viewer = current_account(store)
    if summary is None or not can(viewer, "view_scenario", summary):
        return None
    if state.startswith("draft"):
        document = _draft_document(store, summary, viewer, _number(state.removeprefix("draft")))
    else:
        document = _version_document(store, summary, _number(state))
    try:
        return None if document is None else parse_document(document)
    except ScenarioError:  # saved before a rule tightened: not drawable, and not a server error
        return None


def scenario_resolver(store: Store) -> Callable[[str], ScenarioDocument | None]:
    return lambda text: resolve_scenario(store, text)
