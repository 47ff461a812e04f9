"""Alembic migrations of the store, run by store.database.open_store (no alembic.ini needed)."""
