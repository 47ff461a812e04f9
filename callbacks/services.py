"""What the callbacks use besides the read-only catalog: the store of what users write, and who is asking.
Built by app.py (which knows the request's account through api.auth) and handed to each callback module,
so that callbacks never import api/ and never keep per-user state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geodata.catalog import Catalog
from store.accounts import Account
from store.database import Store


@dataclass(frozen=True)
class Services:
    catalog: Catalog
    store: Store
    current_account: Callable[[], Account | None]
