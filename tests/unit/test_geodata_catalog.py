"""The catalog: validated, read-only, one connection with a cursor per thread, absolute safe paths."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from geodata import catalog as catalog_module
from geodata import queries
from geodata.catalog import Catalog, open_catalog
from geodata.errors import InvalidDatasetError
from geodata.validate import ValidatedData
from tests.conftest import REPO
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
        catalog.cursor().execute("DROP TABLE floors")


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


def test_one_version_is_one_shared_file_removed_with_its_last_user(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = open_catalog(tinydata.write_tiny_district(tmp_path / "one"), cache)
    second = open_catalog(tinydata.write_tiny_district(tmp_path / "two"), cache)  # same content
    database = Path(_database_file(first))
    assert Path(_database_file(second)) == database and database.parent == cache
    assert first.version == second.version and database.name.startswith(first.version)
    del first
    gc.collect()
    assert database.exists()  # the second catalog still reads it
    assert queries.floor_area_kpis(second.cursor()).total_m2 == 3000.0
    del second
    gc.collect()
    assert list(cache.iterdir()) == []


_HOLD = """
import os, signal, sys
from pathlib import Path
from geodata.catalog import open_catalog
catalog = open_catalog(Path(sys.argv[1]), Path(sys.argv[2]))
print(catalog.version, flush=True)
if sys.argv[3] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.read()
"""


def _hold(data_dir: Path, cache: Path, how: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _HOLD, str(data_dir), str(cache), how], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip


def _other_data(tmp_path: Path) -> Path:
    data_dir = tinydata.write_tiny_district(tmp_path / "other")
    floors = tinydata.floors()
    floors["area_m2"] = [900.0, 1000.0, 1000.0]
    tinydata.write_dataset(data_dir, "floors", floors)
    return data_dir


def test_a_catalog_left_by_a_killed_process_is_removed_at_the_next_start(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    process = _hold(tinydata.write_tiny_district(tmp_path / "data"), cache, "kill")
    version = process.communicate(timeout=60)[0].strip()
    assert process.returncode == -signal.SIGKILL
    assert {path.name for path in cache.iterdir()} == {f"{version}-t1.duckdb", f"{version}-t1.lock"}
    catalog = open_catalog(_other_data(tmp_path), cache)
    assert catalog.version != version
    assert [path.name for path in cache.glob(f"{version}*")] == []


def test_a_catalog_another_process_uses_is_kept_until_it_exits(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    process = _hold(tinydata.write_tiny_district(tmp_path / "data"), cache, "hold")
    assert process.stdout is not None
    version = process.stdout.readline().strip()
    catalog = open_catalog(_other_data(tmp_path), cache)
    assert (cache / f"{version}-t1.duckdb").exists()
    process.communicate("", timeout=60)  # end of input: the holder exits normally
    assert process.returncode == 0
    assert not (cache / f"{version}-t1.duckdb").exists()
    assert (cache / f"{catalog.version}-t1.duckdb").exists()


def test_a_build_interrupted_by_a_killed_process_is_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    data_dir = tinydata.write_tiny_district(tmp_path / "data")
    cache.mkdir(mode=0o700)
    partial = cache / f"{catalog_module.data_version(data_dir)}-t1.duckdb.99999.tmp"
    partial.write_bytes(b"half a database")
    catalog = open_catalog(data_dir, cache)
    assert not partial.exists()
    assert queries.floor_area_kpis(catalog.cursor()).total_m2 == 3000.0


def test_a_catalog_directory_others_can_write_to_is_refused(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    with pytest.raises(PermissionError, match="not a private directory"):
        open_catalog(tinydata.write_tiny_district(tmp_path / "data"), cache)


def _database_file(catalog: Catalog) -> str:
    rows = catalog.cursor().sql("SELECT path FROM duckdb_databases() WHERE path IS NOT NULL").fetchall()
    return str(rows[0][0])


def test_each_dataset_is_a_table_copied_at_start_up(tmp_path: Path) -> None:
    catalog = open_catalog(tinydata.write_tiny_district(tmp_path / "data"))
    rows = catalog.cursor().sql("SELECT table_name, table_type FROM information_schema.tables").fetchall()
    assert {name: kind for name, kind in rows} == {name: "BASE TABLE" for name in catalog.row_counts}
    field = queries.buildings(catalog.cursor()).schema.field("geometry")
    assert (
        field.type == pa.binary() and (field.metadata or {}).get(b"ARROW:extension:name") == b"geoarrow.wkb"
    )


def test_files_changed_on_disk_later_do_not_change_what_is_queried(tmp_path: Path) -> None:
    data_dir = tinydata.write_tiny_district(tmp_path / "data")
    catalog = open_catalog(data_dir)
    floors = tinydata.floors()
    floors["area_m2"] = [5.0, 5.0, 5.0]
    tinydata.write_dataset(data_dir, "floors", floors)
    (data_dir / "bookings.parquet").unlink()
    assert queries.floor_area_kpis(catalog.cursor()).total_m2 == 3000.0
    assert queries.booked_spaces_count(catalog.cursor(), tinydata.at(11)) == 2


def test_a_file_changed_between_validation_and_copy_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tinydata.write_tiny_district(tmp_path / "data")
    validate = catalog_module.validate_data_dir

    def validate_then_change(path: Path) -> ValidatedData:
        validated = validate(path)
        floors = tinydata.floors()
        floors["area_m2"] = [float("nan"), 5.0, 5.0]  # would have been refused
        floors["use"] = ["a longer use, so the size differs too"] * 3
        tinydata.write_dataset(path, "floors", floors)
        return validated

    monkeypatch.setattr(catalog_module, "validate_data_dir", validate_then_change)
    with pytest.raises(InvalidDatasetError, match=r"^floors\.parquet: changed on disk while"):
        open_catalog(data_dir)
