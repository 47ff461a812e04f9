"""Saves a large scenario document and is killed (SIGKILL, by the test) somewhere in the middle.

    python -m tests.store.killed_save URL ACCOUNT_ID create|save SCENARIO_ID|- WHERE

WHERE says when to tell the test (a line on stdout) and then wait to be killed:
  "version-written"  just after the INSERT of the version row (inside the transaction)
  "committing"       at the engine's commit event, before the driver's COMMIT is sent
  "start"            just before the call: the test kills after a delay of its choosing (timing)
  "never"            never waits; prints "done N" after the save (the control run)
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from store.accounts import account_by_id
from store.database import open_store
from store.scenarios import create_scenario, save_version

FLOORS = 20_000


def big_document() -> dict[str, Any]:
    """20,000 floor changes (about 2 MB of JSON): long enough to be caught half-way."""
    uses = ("housing", "school", "office", "workshop", "retail")
    changes = [
        {
            "kind": "floor",
            "floor_id": f"f{index:06d}",
            "use": uses[index % 5],
            "status": "occupied",
            "phase": 2030,
        }
        for index in range(FLOORS)
    ]
    return {"name": "Grand import", "description": "x" * 1000, "changes": changes}


def _report_and_wait(line: str) -> None:
    print(line, flush=True)
    time.sleep(600)  # the test kills us here


def main() -> None:
    url, account_id, mode, scenario_id, where = sys.argv[1:6]
    store = open_store(url)
    account = account_by_id(store, int(account_id))
    assert account is not None
    document = big_document()
    if where == "version-written":

        @event.listens_for(store.engine, "after_cursor_execute")
        def written(conn: object, cursor: object, statement: str, *args: object) -> None:
            if statement.startswith("INSERT INTO scenario_versions"):
                _report_and_wait(where)

    if where == "committing":
        event.listen(store.engine, "commit", lambda conn: _report_and_wait(where))
    if where == "start":
        print(where, flush=True)
    if mode == "create":
        number = create_scenario(store, document, account, "import")[1]
    else:
        number = save_version(store, scenario_id, document, account, 1, "import")
    print(f"done {number}", flush=True)


if __name__ == "__main__":
    main()
