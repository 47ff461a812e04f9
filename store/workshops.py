"""Workshop sessions: the scenario every workshop screen of a session shows, chosen by a facilitator.
Screens ask for it from time to time (the page polls); a session is named by a short code in the URL."""

from __future__ import annotations

import re
from datetime import datetime

from store.accounts import Account
from store.database import Store, serialise
from store.models import Workshop
from store.permissions import can

WORKSHOP_CODE = re.compile(r"[a-z0-9-]{1,32}")
DEFAULT_CODE = "atelier"
_SCENARIO_REF = re.compile(r"[A-Za-z0-9_-]{1,32}@[1-9][0-9]{0,8}")


class WorkshopError(ValueError):
    pass


def set_scenario(store: Store, code: str, scenario: str | None, account: Account, now: datetime) -> None:
    """Every screen of workshop `code` is to show `scenario` ("<id>@<n>", a published version; None: the
    baseline). Who may see that version is the caller's check; who may facilitate is checked here."""
    if not can(account, "facilitate"):
        raise PermissionError("only a signed-in facilitator may choose what the workshop screens show")
    if not WORKSHOP_CODE.fullmatch(code):
        raise WorkshopError("atelier: 1 to 32 lower-case letters, digits or '-'")
    if scenario is not None and not _SCENARIO_REF.fullmatch(scenario):
        raise WorkshopError("scenario: <id>@<version>")
    with store.transaction() as session:
        serialise(session, f"workshop:{code}")
        row = session.get(Workshop, code)
        if row is None:
            session.add(Workshop(code=code, scenario=scenario, set_by=account.id, set_at=now))
        else:
            row.scenario, row.set_by, row.set_at = scenario, account.id, now


def shown_scenario(store: Store, code: str) -> tuple[str | None, datetime] | None:
    """(the scenario reference or None for the baseline, when it was set), or None if nobody set one."""
    if not WORKSHOP_CODE.fullmatch(code):
        return None
    with store.reading() as session:
        row = session.get(Workshop, code)
        return None if row is None else (row.scenario, row.set_at)
