"""What the callbacks use besides the read-only catalog: the store of what users write, who is asking (an
account, or an anonymous visitor's random id), and the scenario documents this visitor may see. Built by
app.py (which knows the request's account and visitor through api.auth) and handed to each callback
module: callbacks never import api/ and keep no per-user state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geodata.catalog import Catalog
from geodata.scenario import ScenarioDocument
from store.accounts import Account
from store.database import Store


@dataclass(frozen=True)
class Services:
    catalog: Catalog
    store: Store
    current_account: Callable[[], Account | None]
    # "<id>@<n>" or "<id>@draft<rev>" -> its document, if the current visitor may see it
    resolve_scenario: Callable[[str], ScenarioDocument | None]
    # a scenario id -> its latest version, if the current visitor may see it
    latest_version: Callable[[str], int | None]
    # the anonymous visitor's random id (api.auth.visitor_id: kept in the session cookie, made on first use)
    current_visitor: Callable[[], str]
