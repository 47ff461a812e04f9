"""Two processes saving the same expected version of a scenario at the same moment (concurrent-save
test): each opens its own store, waits at a barrier, then saves."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from store.accounts import account_by_id
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
