"""Faults: a process killed (SIGKILL) in the middle of saving a large scenario leaves it complete or
absent and the database intact; two processes saving the same version at once: one wins, one is told."""

from __future__ import annotations

import multiprocessing
import select
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from store.accounts import Account, add_user
from store.database import Store, open_store
from store.scenarios import create_scenario, get_scenario, get_version, history, list_scenarios
from tests.store import racers
from tests.store.conftest import PASSWORD
from tests.store.killed_save import FLOORS, big_document

REPO = Path(__file__).resolve().parents[2]
_BTREE_INDEXES = text(
    "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
    " WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
)
SMALL = {"name": "Petit", "changes": [{"kind": "floor", "floor_id": "b62-1", "use": "school"}]}


def _start(url: str, account: Account, mode: str, scenario_id: str, where: str) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "tests.store.killed_save",
        url,
        str(account.id),
        mode,
        scenario_id,
        where,
    ]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _line(process: subprocess.Popen[str], timeout_s: float = 120) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout_s)
    assert ready, "the saving process said nothing"
    line = process.stdout.readline().strip()
    assert line, process.stderr.read() if process.stderr else ""
    return line


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL, "it finished before it was killed"


def _restarted(url: str) -> Store:
    """What a restarted server sees: a new engine, migrations checked, nothing shared with the dead one."""
    store = open_store(url)
    _check_integrity(store)
    return store


def _check_integrity(store: Store) -> None:
    with store.engine.begin() as con:
        if store.engine.dialect.name == "sqlite":
            assert con.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
            assert con.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            return
        con.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
        indexes = con.execute(_BTREE_INDEXES).scalars().all()
        for index in indexes:  # raises on a corrupt index or a heap row the index misses
            con.execute(text("SELECT bt_index_check(index => :oid, heapallindexed => true)"), {"oid": index})
        for table in ("scenarios", "scenario_versions", "users"):
            assert con.execute(text("SELECT * FROM verify_heapam(:t)"), {"t": table}).all() == []


def _outcome(store: Store, scenario_id: str) -> str:
    """'v1' (the small first version only), 'v2' (the large one, complete) or a description of a mess."""
    summary, versions = get_scenario(store, scenario_id), history(store, scenario_id)
    if summary is None:
        return "no scenario"
    if summary.version == 1 and [(v.number, v.document) for v in versions] == [(1, SMALL)]:
        return "v1"
    latest = get_version(store, scenario_id)
    if summary.version == 2 and latest is not None and latest.document == big_document():
        assert len(latest.document["changes"]) == FLOORS and [v.number for v in versions] == [1, 2]
        return "v2"
    return f"half-saved: version {summary.version}, {len(versions)} versions"


@pytest.mark.parametrize("where", ["version-written", "committing"])
def test_killed_inside_create_leaves_no_scenario(store_url: str, planner: Account, where: str) -> None:
    process = _start(store_url, planner, "create", "-", where)
    assert _line(process) == where
    _kill(process)
    store = _restarted(store_url)
    assert list_scenarios(store, planner) == []
    with store.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM scenario_versions")).scalar() == 0
    store.engine.dispose()


@pytest.mark.parametrize("where", ["version-written", "committing"])
def test_killed_inside_save_keeps_the_previous_version(
    store: Store, store_url: str, planner: Account, where: str
) -> None:
    scenario_id, _ = create_scenario(store, SMALL, planner)
    process = _start(store_url, planner, "save", scenario_id, where)
    assert _line(process) == where
    _kill(process)
    restarted = _restarted(store_url)
    assert _outcome(restarted, scenario_id) == "v1"
    restarted.engine.dispose()


def test_killed_at_any_moment_of_a_save_leaves_it_complete_or_absent(
    store: Store, store_url: str, planner: Account
) -> None:
    """Timing, not hooks: the kill lands wherever the save is after a delay, including inside the
    driver's COMMIT and SQLite's write of its journal. Delays spread over one undisturbed save's time."""
    control, _ = create_scenario(store, SMALL, planner)
    process = _start(store_url, planner, "save", control, "start")
    assert _line(process) == "start"
    began = time.monotonic()
    assert _line(process) == "done 2"
    duration = time.monotonic() - began
    assert _outcome(store, control) == "v2"
    outcomes = []
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0):
        scenario_id, _ = create_scenario(store, SMALL, planner)
        process = _start(store_url, planner, "save", scenario_id, "start")
        assert _line(process) == "start"
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        restarted = _restarted(store_url)
        outcomes.append(_outcome(restarted, scenario_id))
        restarted.engine.dispose()
    assert set(outcomes) <= {"v1", "v2"}, outcomes


def test_two_processes_saving_the_same_version_one_wins(
    store: Store, store_url: str, planner: Account
) -> None:
    other = add_user(store, "pierre", "planner", PASSWORD)
    context = multiprocessing.get_context("spawn")
    for _ in range(4):  # several rounds: the moment each process reaches the database varies
        scenario_id, _ = create_scenario(store, SMALL, planner)
        barrier, results = context.Barrier(2), context.Queue()
        processes = [
            context.Process(target=racers.race, args=(store_url, who.id, scenario_id, 1, barrier, results))
            for who in (planner, other)
        ]
        for process in processes:
            process.start()
        answers: list[Any] = sorted(results.get(timeout=120) for _ in processes)
        for process in processes:
            process.join(timeout=60)
            assert process.exitcode == 0
        (stale, current, message), (won, number, _) = answers
        assert (stale, current, won, number) == ("stale", 2, "won", 2), answers
        assert message.startswith("this scenario was saved as version 2 by ")
        assert [v.number for v in history(store, scenario_id)] == [1, 2]


def test_workers_signing_in_at_once_cannot_exceed_the_limit(
    store: Store, store_url: str, planner: Account
) -> None:
    """Seven wrong passwords at the same moment from seven processes: five are counted, two refused."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(7), context.Queue()
    now = datetime.now(UTC).isoformat()
    processes = [context.Process(target=racers.wrong_sign_in, args=(store_url, now, barrier, results))
                 for _ in range(7)]  # fmt: skip
    for process in processes:
        process.start()
    answers = sorted(results.get(timeout=180) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert answers == ["refused"] * 5 + ["too many"] * 2
