"""The database handle: one engine per process, Alembic migrations on open, one transaction per write.

SQLite (the embedded default, a file under the state directory) runs in WAL mode so readers never wait
for a writer; every write transaction starts with BEGIN IMMEDIATE, so two workers saving at once queue on
the write lock (busy_timeout) instead of failing half-way with "database is locked". PostgreSQL is used
when the URL says so (postgresql+psycopg://...)."""

from __future__ import annotations

import fcntl
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another one before giving up
_WRITE = "twin_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)
# pg_advisory_xact_lock key: the same in every worker, so only one of them migrates at a time.
_MIGRATION_LOCK_KEY = zlib.crc32(b"dmc-twin store migrations")


class StoreSettings(Protocol):
    """What store_url needs from the app's settings (geodata.settings.TwinSettings has it)."""

    @property
    def state_dir(self) -> Path: ...

    @property
    def database_url(self) -> str | None: ...


@dataclass(frozen=True)
class Store:
    """The shared, read-mostly handle of a worker: the engine, and nothing about any user."""

    engine: Engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed on exit, rolled back if anything raises."""
        writer = self.engine.execution_options(**{_WRITE: True})
        with Session(writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One read-only transaction (a consistent snapshot; on SQLite it does not take the write lock)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session  # the session begins on first use and rolls back when closed


def serialise(session: Session, key: str) -> None:
    """Makes the transactions of `session` that name the same key run one after another: on PostgreSQL
    a transaction-scoped advisory lock; on SQLite nothing to do, write transactions already do (BEGIN
    IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(key.encode())})


def default_url(state_dir: Path) -> str:
    """The embedded database: sqlite:///<state_dir>/twin.sqlite3 (the directory is created)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(state_dir / 'twin.sqlite3').resolve()}"


def store_url(settings: StoreSettings) -> str:
    """TWIN_DATABASE_URL when set, else the SQLite file in the state directory."""
    return settings.database_url or default_url(settings.state_dir)


def open_store(url: str) -> Store:
    """The engine for `url`, its schema brought to the latest migration (once, even when several workers
    start at the same moment)."""
    engine = _engine(url)
    _migrate(engine)
    return Store(engine)


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_connected)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connected(dbapi_connection: Any, connection_record: object) -> None:
    # isolation_level None: sqlite3 stops emitting its own BEGIN (too late, and never for a SELECT);
    # _sqlite_begin emits ours, so every transaction, reads and DDL included, really is one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable in WAL mode except on power loss, never corrupt
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _migrate(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        with _file_lock(_sqlite_lock_path(engine)), engine.execution_options(**{_WRITE: True}).begin() as con:
            _upgrade(con)
        return
    with engine.begin() as con:
        # Released at the end of this transaction; PostgreSQL's DDL is transactional like the rest.
        con.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        _upgrade(con)


def _upgrade(con: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = con  # env.py migrates on this connection, inside this transaction
    command.upgrade(config, "head")


def _sqlite_lock_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".migrate-lock")


@contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    """An exclusive lock on `path` for the block (none for an in-memory database)."""
    if path is None:
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
