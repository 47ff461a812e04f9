"""The database handle: migrations on open (also from several processes at once), SQLite's pragmas,
one transaction per write, the URL from the settings."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from store.accounts import Account
from store.database import Store, default_url, open_store, store_url
from store.models import Base, User

REPO = Path(__file__).resolve().parents[2]
TABLES = {
    *("users", "api_tokens", "sign_in_attempts", "scenarios", "scenario_versions", "scenario_drafts"),
    *("contributions", "contribution_votes", "contribution_attempts", "moderation_decisions", "workshops"),
}


def test_open_store_creates_every_table_at_the_latest_revision(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    with store.engine.connect() as con:
        assert con.scalar(text("SELECT version_num FROM alembic_version")) == "0003"


def test_the_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as con:
        assert compare_metadata(MigrationContext.configure(con), Base.metadata) == []


def test_opening_again_migrates_nothing_and_keeps_the_rows(store_url: str, planner: Account) -> None:
    again = open_store(store_url)
    with again.reading() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1
    again.engine.dispose()


def test_several_processes_opening_a_new_database_at_once_all_succeed(empty_url: str) -> None:
    """Gunicorn starts its workers together: exactly one of them migrates, the others wait and find the
    schema done (without the lock, two would try to create the same tables)."""
    code = "import sys; from store.database import open_store; open_store(sys.argv[1]); print('ok')"
    workers = [subprocess.Popen([sys.executable, "-c", code, empty_url], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(4)]  # fmt: skip
    results = [worker.communicate(timeout=120) for worker in workers]
    assert [(worker.returncode, out) for worker, (out, _) in zip(workers, results, strict=True)] == [
        (0, "ok\n")
    ] * 4, [err for _, err in results]
    store = open_store(empty_url)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'twin.sqlite3'}")
    with store.reading() as session:
        assert session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert session.scalar(text("PRAGMA foreign_keys")) == 1
        assert session.scalar(text("PRAGMA busy_timeout")) == 30_000
    store.engine.dispose()


def test_a_transaction_that_raises_writes_nothing(store: Store, planner: Account) -> None:
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.get_one(User, planner.id).role = "admin"
        session.flush()
        raise RuntimeError("half-way")
    with store.reading() as session:
        assert session.get_one(User, planner.id).role == "planner"


def test_default_url_is_a_sqlite_file_in_the_created_state_dir(tmp_path: Path) -> None:
    state = tmp_path / "state" / "deeper"
    assert default_url(state) == f"sqlite:///{state.resolve() / 'twin.sqlite3'}"
    assert state.is_dir()


@dataclass(frozen=True)
class _Settings:
    state_dir: Path
    database_url: str | None


def test_store_url_prefers_the_database_url(tmp_path: Path) -> None:
    url = "postgresql+psycopg://twin@db.example/twin"
    assert store_url(_Settings(tmp_path, url)) == url
    assert store_url(_Settings(tmp_path, None)) == f"sqlite:///{tmp_path.resolve() / 'twin.sqlite3'}"


def test_a_database_of_the_first_revision_is_upgraded_on_open_and_keeps_its_accounts(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from store.accounts import account_by_id
    from store.database import MIGRATIONS

    url = default_url(tmp_path)
    engine = create_engine(url)
    with engine.begin() as con:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = con
        command.upgrade(config, "0001")
        con.execute(text("INSERT INTO users (name, role, password_hash, created_at) "
                         "VALUES ('old', 'planner', 'x', '2026-01-01 00:00:00')"))  # fmt: skip
    engine.dispose()
    store = open_store(url)
    account = account_by_id(store, 1)
    assert account is not None and (account.name, account.session_epoch) == ("old", 0)
