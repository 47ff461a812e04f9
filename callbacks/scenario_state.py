"""Which scenario a tab shows, and the document it works on. The tab's store only names the scenario; the
server decides, on every call, what this visitor may see and edit (store.permissions) and reads the
document from the store — a planner's unsaved edits are their own working copy there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from callbacks import inputs
from callbacks.services import Services
from geodata.scenario import ScenarioDocument, ScenarioError, parse_document
from store.accounts import Account
from store.permissions import can
from store.scenarios import ScenarioSummary, get_draft, get_scenario, get_version

MAX_SCENARIO_ID = 64


@dataclass(frozen=True)
class Shown:
    """What the tab asks to see: a scenario and a version (None = the latest)."""

    id: str
    version: int | None = None

    def as_store(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version}


@dataclass(frozen=True)
class Working:
    summary: ScenarioSummary
    version: int  # the saved version the document is, or is based on
    document: dict[str, Any]
    draft: int | None  # the working copy's revision when there are unsaved edits
    editable: bool

    @property
    def map_param(self) -> str:
        """The map's scenario parameter: immutable, so the browser and the server may cache its data."""
        suffix = f"draft{self.draft}" if self.draft is not None else str(self.version)
        return f"{self.summary.id}@{suffix}"

    def parsed(self) -> ScenarioDocument | None:
        try:
            return parse_document(self.document)
        except ScenarioError:
            return None


def shown(value: object) -> Shown | None:
    """The SCENARIO store's value, checked; anything else means the baseline."""
    if not isinstance(value, dict):
        return None
    scenario_id = inputs.text(value.get("id"), MAX_SCENARIO_ID)
    version = inputs.whole_number(value.get("version"))
    if not scenario_id or (version is not None and version < 1):
        return None
    return Shown(scenario_id, version)


def working(services: Services, asked: Shown | None, account: Account | None) -> Working | None:
    """The document to show for `asked`, or None (baseline, unknown, or not for this visitor)."""
    if asked is None:
        return None
    summary = get_scenario(services.store, asked.id)
    if summary is None or not can(account, "view_scenario", summary):
        return None
    editable = can(account, "edit_scenario", summary)
    draft = get_draft(services.store, asked.id, account) if editable and account is not None else None
    if draft is not None and asked.version in (None, draft[1]):
        revision, base, document = draft
        return Working(summary, base, document, revision, True)
    saved = get_version(services.store, asked.id, asked.version)
    if saved is None:
        return None
    return Working(summary, saved.number, saved.document, None, editable and saved.number == summary.version)
