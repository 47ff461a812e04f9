"""Alembic migrations of the store, run by store.database.open_store (no alembic.ini needed).

A schema change is a new module in versions/ (next number, `down_revision` the previous one), written by
hand after the change to store/models.py; tests/store/test_database.py checks that the migrations build
exactly the models."""
