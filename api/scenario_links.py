"""What a scenario reference means for the person asking: "<id>@<n>" is version n of a scenario they may
see, "<id>@draft<rev>" revision rev of their own working copy of a scenario they may edit.

app.py builds one ScenarioLinks and hands `resolve` to the layer data endpoint (api/layer_data.py) and, with
`latest_version`, to the callbacks; both answer per request, from the session or the Bearer token of that
request. Anything unknown, hidden or stale is None (the endpoint says 404), so a reference never tells a
stranger that a draft exists. The decision itself is store.permissions.can's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api.auth import current_account
from geodata.scenario import ScenarioDocument, ScenarioError, parse_document
from store import scenarios
from store.accounts import Account
from store.database import Store
from store.permissions import can
from store.scenarios import ScenarioSummary

REFERENCE = re.compile(r"([A-Za-z0-9_-]{1,64})@(draft)?([1-9][0-9]{0,8})")


@dataclass(frozen=True)
class ScenarioLinks:
    store: Store
    current_account: Callable[[], Account | None]

    def _visible(self, scenario_id: str) -> ScenarioSummary | None:
        summary = scenarios.get_scenario(self.store, scenario_id)
        return (
            summary if summary is not None and can(self.current_account(), "view_scenario", summary) else None
        )

    def latest_version(self, scenario_id: str) -> int | None:
        """The scenario's latest version, if the person asking may see it."""
        summary = self._visible(scenario_id)
        return summary.version if summary else None

    def resolve(self, text: str) -> ScenarioDocument | None:
        match = REFERENCE.fullmatch(text)
        summary = self._visible(match.group(1)) if match else None
        if match is None or summary is None:
            return None
        number = int(match.group(3))
        document = self._draft(summary, number) if match.group(2) else self._version(summary, number)
        try:
            return None if document is None else parse_document(document)
        except ScenarioError:  # saved before a rule tightened: not drawable, and not a server error
            return None

    def _version(self, summary: ScenarioSummary, number: int) -> Any:
        found = scenarios.get_version(self.store, summary.id, number)
        return None if found is None else found.document

    def _draft(self, summary: ScenarioSummary, revision: int) -> Any:
        """The viewer's own working copy at exactly that revision (an older one is gone: None)."""
        viewer = self.current_account()
        if viewer is None or not can(viewer, "edit_scenario", summary):
            return None
        draft = scenarios.get_draft(self.store, summary.id, viewer)
        return draft[2] if draft is not None and draft[0] == revision else None


def resolve_scenario(store: Store, text: str) -> ScenarioDocument | None:
    """`text` resolved for the person behind the current request."""
    return ScenarioLinks(store, functools.partial(current_account, store)).resolve(text)
