"""The store's tests run on both backends: a SQLite file in a temp dir, and a fresh database on a real,
throw-away PostgreSQL server started once per session (tests/store/pgserver.py). Missing PostgreSQL
binaries fail the session with what to install: these tests are never skipped."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from store.accounts import Account, add_user
from store.database import Store, open_store
from tests.store import pgserver

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "twin_template"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    try:
        server = pgserver.start()
    except (RuntimeError, KeyError, OSError) as error:
        pytest.fail(f"cannot start the test PostgreSQL server: {error}", pytrace=False)
    try:
        _admin(server, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
        open_store(server.url(TEMPLATE)).engine.dispose()  # migrated once; every test copies it
        yield server
    finally:
        pgserver.stop(server)


def _admin(server: pgserver.PgServer, statement: sql.Composed) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE), on the maintenance database."""
    with psycopg.connect(host=str(server.root), port=server.port, user=server.user, dbname="postgres",
                         autocommit=True) as con:  # fmt: skip
        con.execute(statement)


def _database(server: pgserver.PgServer, template: str) -> Iterator[str]:
    """The URL of a new database copied from `template`, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex}"
    create = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
    _admin(server, create.format(sql.Identifier(name), sql.Identifier(template)))
    yield server.url(name)
    _admin(server, sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database already migrated (PostgreSQL: copied from the template) or a new SQLite file."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'twin.sqlite3'}"
    else:
        yield from _database(request.getfixturevalue("pg_server"), TEMPLATE)


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database without any table yet (SQLite: no file at all)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'twin.sqlite3'}"
    else:
        yield from _database(request.getfixturevalue("pg_server"), "template0")


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture()
def planner(store: Store) -> Account:
    return add_user(store, "paula", "planner", PASSWORD)


@pytest.fixture()
def other_planner(store: Store) -> Account:
    return add_user(store, "pierre", "planner", PASSWORD)


@pytest.fixture()
def admin(store: Store) -> Account:
    return add_user(store, "ada", "admin", PASSWORD)


@pytest.fixture()
def moderator(store: Store) -> Account:
    return add_user(store, "mona", "moderator", PASSWORD)
