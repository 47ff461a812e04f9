"""Which scenario document a `scenario` parameter names, for the visitor asking: "<id>@<n>" (a saved
version: anyone for a published scenario, else its owner or an admin) or "<id>@draft<rev>" (a planner's
unsaved working copy: only its author, and only its current revision). The decision is
store.permissions.can's; this module only reads what it allows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from geodata.scenario import ScenarioDocument, ScenarioError, parse_document
from store.accounts import Account
from store.database import Store
from store.permissions import can
from store.scenarios import ScenarioSummary, get_draft, get_scenario, get_version

SCENARIO_PARAM = re.compile(r"([A-Za-z0-9_-]{1,64})@(draft)?([1-9][0-9]{0,8})")


@dataclass(frozen=True)
class ScenarioAccess:
    store: Store
    current_account: Callable[[], Account | None]

    def _visible(self, scenario_id: str) -> ScenarioSummary | None:
        summary = get_scenario(self.store, scenario_id)
        return (
            summary if summary is not None and can(self.current_account(), "view_scenario", summary) else None
        )

    def latest_version(self, scenario_id: str) -> int | None:
        summary = self._visible(scenario_id)
        return summary.version if summary else None

    def resolve(self, text: str) -> ScenarioDocument | None:
        match = SCENARIO_PARAM.fullmatch(text)
        summary = self._visible(match.group(1)) if match else None
        if match is None or summary is None:
            return None
        number = int(match.group(3))
        document = self._draft(summary, number) if match.group(2) else self._saved(summary, number)
        try:
            return parse_document(document) if document is not None else None
        except ScenarioError:
            return None

    def _saved(self, summary: ScenarioSummary, number: int) -> dict[str, Any] | None:
        version = get_version(self.store, summary.id, number)
        return version.document if version else None

    def _draft(self, summary: ScenarioSummary, revision: int) -> dict[str, Any] | None:
        account = self.current_account()
        if account is None or not can(account, "edit_scenario", summary):
            return None
        draft = get_draft(self.store, summary.id, account)
        return draft[2] if draft is not None and draft[0] == revision else None
