"""Alembic environment: migrates on the connection store.database hands over, inside its transaction
(so the migration lock it holds covers the whole upgrade)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from store.models import Base


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("store migrations run through store.database.open_store(url)")
    _run_on(connection)


_run()
