"""Data in for the DMC twin: sample-data build, GeoParquet validation, read-only DuckDB catalog, queries.

Knows nothing about Dash or deck.gl (enforced by the import-linter layers contract).
"""
