"""Fixtures of the unit tests: the hand-built tiny district behind a real catalog, one per test module."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from geodata.catalog import Catalog, open_catalog
from tests.unit import tinydata


@pytest.fixture(scope="module")
def tiny_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return open_catalog(tinydata.write_tiny_district(tmp_path_factory.mktemp("tiny") / "data"))


@pytest.fixture()
def tiny_con(tiny_catalog: Catalog) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = tiny_catalog.cursor()
    yield cursor
    cursor.close()
