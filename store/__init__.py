"""What users write (scenarios, accounts, later contributions): SQLAlchemy models, Alembic migrations and
small repository functions, each one transaction. SQLite by default, PostgreSQL by URL. Knows nothing about
Dash or Flask."""
