"""Scenario references ("<id>@<n>", "<id>@draft<rev>") resolved for the person asking, inside a real
request context of the real app (sample data, real SQLite store): the session or Bearer token decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.scenario_links import resolve_scenario
from geodata.scenario import FloorChange, ScenarioDocument
from store import accounts, scenarios
from tests.unit.api_client import Twin, build_twin

DOCUMENT = {"name": "Un", "changes": [{"kind": "floor", "floor_id": "12-0", "use": "housing"}]}
DRAFT = {"name": "Un, en cours", "changes": [{"kind": "floor", "floor_id": "12-0", "use": "office"}]}


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


def resolved(twin: Twin, text: str, name: str | None) -> ScenarioDocument | None:
    headers = {} if name is None else {"Authorization": f"Bearer {accounts.new_token(twin.store, name)}"}
    with twin.server.test_request_context(headers=headers):  # type: ignore[attr-defined]
        return resolve_scenario(twin.store, text)


def account(twin: Twin, name: str) -> accounts.Account:
    found = accounts.account_for_token(twin.store, accounts.new_token(twin.store, name))
    assert found is not None
    return found


def test_a_version_is_the_owner_s_until_published_then_everyone_s(twin: Twin) -> None:
    ada = account(twin, "ada")
    scenario_id, _ = scenarios.create_scenario(twin.store, DOCUMENT, ada)
    assert resolved(twin, f"{scenario_id}@1", "ada") is not None
    assert resolved(twin, f"{scenario_id}@1", "root") is not None
    assert (
        resolved(twin, f"{scenario_id}@1", "ben") is None and resolved(twin, f"{scenario_id}@1", None) is None
    )
    scenarios.publish(twin.store, scenario_id)
    document = resolved(twin, f"{scenario_id}@1", None)
    assert document is not None and document.name == "Un"
    assert isinstance(document.changes[0], FloorChange) and document.changes[0].use == "housing"
    for stale in (f"{scenario_id}@2", f"{scenario_id}@0", f"{scenario_id}@x", f"{scenario_id}@", "nope@1"):
        assert resolved(twin, stale, "ada") is None, stale


def test_a_draft_is_its_author_s_own_at_its_current_revision_only(twin: Twin) -> None:
    ada, root = account(twin, "ada"), account(twin, "root")
    scenario_id, _ = scenarios.create_scenario(twin.store, DOCUMENT, ada)
    scenarios.publish(twin.store, scenario_id)
    first = scenarios.put_draft(twin.store, scenario_id, ada, DRAFT, 1)
    second = scenarios.put_draft(twin.store, scenario_id, ada, {**DRAFT, "name": "Deux"}, 1)
    document = resolved(twin, f"{scenario_id}@draft{second}", "ada")
    assert document is not None and document.name == "Deux"
    assert resolved(twin, f"{scenario_id}@draft{first}", "ada") is None, "an older revision is gone"
    assert resolved(twin, f"{scenario_id}@draft{second}", "ben") is None, "another planner's view"
    assert resolved(twin, f"{scenario_id}@draft{second}", None) is None
    assert resolved(twin, f"{scenario_id}@draft{second}", "root") is None, "the admin has no draft of it"
    scenarios.put_draft(twin.store, scenario_id, root, DOCUMENT, 1)
    mine = resolved(twin, f"{scenario_id}@draft1", "root")
    assert mine is not None and mine.name == "Un", "each account sees its own working copy"
