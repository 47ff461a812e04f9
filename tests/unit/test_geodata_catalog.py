"""The catalog: validated, read-only, one connection with a cursor per thread, absolute safe paths."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import duckdb
import pytest

from geodata import queries
from geodata.catalog import Catalog, open_catalog
from tests.unit import tinydata


def test_catalog_reports_provenance_and_row_counts(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    assert catalog.data_dir == (tmp_path / "data").resolve()
    assert catalog.row_counts == queries.row_counts(catalog.cursor())
    assert catalog.row_counts["bookings"] == 3
    assert catalog.provenance["floors"].licence == "MIT"
    assert catalog.is_sample


def test_real_data_is_not_flagged_as_sample(tmp_path: Path) -> None:
    assert not open_catalog(tinydata.write_tiny_district(tmp_path / "data", sample=False)).is_sample


def test_the_connection_is_read_only(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    with pytest.raises(duckdb.Error, match="read-only"):
        catalog.cursor().execute("CREATE TABLE intruder (x INTEGER)")
    with pytest.raises(duckdb.Error):
        catalog.cursor().execute("DROP VIEW floors")


def test_catalog_is_frozen(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    with pytest.raises(AttributeError):
        catalog.data_dir = tmp_path  # type: ignore[misc]


def test_views_use_absolute_paths_and_quote_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    odd = tinydata.write_tiny_district(tmp_path / 'l\'atelier "DMC"' / "data")
    monkeypatch.chdir(odd.parent)
    catalog = open_catalog(Path("data"))
    monkeypatch.chdir(tmp_path)
    assert queries.floor_area_kpis(catalog.cursor()).total_m2 == 3000.0


def test_one_cursor_per_thread_gives_the_same_answers(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    results: list[int] = []

    def work() -> None:
        cursor = catalog.cursor()
        results.extend(queries.booked_spaces_count(cursor, tinydata.at(11)) for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [2] * 80


def test_the_temporary_catalog_file_goes_away_with_the_catalog(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    database = Path(_database_file(catalog))
    assert database.exists() and database.parent != tmp_path / "data"
    del catalog
    gc.collect()
    assert not database.parent.exists()


def _database_file(catalog: Catalog) -> str:
    rows = catalog.cursor().sql("SELECT path FROM duckdb_databases() WHERE path IS NOT NULL").fetchall()
    return str(rows[0][0])
