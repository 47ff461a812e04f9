"""Processes doing the same thing at the same moment (concurrent tests): each opens its own store, waits
at a barrier, then acts and reports on a queue."""

from __future__ import annotations

from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from store.accounts import TooManyAttempts, account_by_id, sign_in
from store.database import open_store
from store.scenarios import StaleVersion, save_version


def race(
    url: str, account_id: int, scenario_id: str, expected: int, barrier: Barrier, results: Queue
) -> None:
    """Puts ("won", new number) or ("stale", current number, message) on `results`."""
    store = open_store(url)
    account = account_by_id(store, account_id)
    assert account is not None
    document = {"name": f"by process {account_id}", "changes": []}
    barrier.wait(timeout=60)
    try:
        number = save_version(store, scenario_id, document, account, expected, "racing")
        results.put(("won", number, ""))
    except StaleVersion as stale:
        results.put(("stale", stale.current, str(stale)))
    finally:
        store.engine.dispose()


def wrong_sign_in(url: str, now_iso: str, barrier: Barrier, results: Queue) -> None:
    """Puts "refused" (a wrong password, counted) or "too many" on `results`."""
    store = open_store(url)
    barrier.wait(timeout=60)
    try:
        account = sign_in(store, "paula", "not the password", datetime.fromisoformat(now_iso))
        results.put("refused" if account is None else "signed in")
    except TooManyAttempts:
        results.put("too many")
    finally:
        store.engine.dispose()
