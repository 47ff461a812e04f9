"""Writing a planner's working copy: every document is checked against the baseline first (an impossible
change is refused with its reason and nothing is written)."""

from __future__ import annotations

from typing import Any

from callbacks.scenario_state import Shown, Working, working
from callbacks.services import Services
from geodata.scenario import ScenarioError, check_document, document_json, parse_document
from store.accounts import Account
from store.scenarios import put_draft
from texts.i18n import Lang, t


def checked_document(services: Services, raw: object, lang: Lang) -> tuple[dict[str, Any] | None, str]:
    """The document as it will be stored, or None and the refusal's message."""
    try:
        document = parse_document(raw)
        check_document(services.catalog.cursor(), document)
    except ScenarioError as error:
        return None, t("error_change", lang, reason=str(error))
    return document_json(document), ""


def save_working_copy(
    services: Services, work: Working, account: Account | None, document: dict[str, Any]
) -> Working | None:
    """Stores the planner's unsaved document and returns what the tab now shows."""
    if account is None:
        return None
    put_draft(services.store, work.summary.id, account, document, work.version)
    return working(services, Shown(work.summary.id, work.version), account)
