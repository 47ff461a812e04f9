"""Start-up refuses bad data with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from pyproj import Transformer

from geodata.catalog_files import catalog_cache_name
from tests.conftest import REPO


def _start(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # The store and session key go beside the data (a temp dir), never into the checkout's var/.
    state = str(Path(data_dir).parent / "state")
    environ = {**os.environ, "TWIN_DATA_DIR": str(data_dir), "TWIN_PORT": "1", "TWIN_STATE_DIR": state, **env}
    return subprocess.run([sys.executable, "app.py"], cwd=REPO, env=environ, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


@pytest.fixture()
def data_copy(sample_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(sample_dir, tmp_path / "data"))


def test_a_file_that_is_not_parquet_stops_start_up(data_copy: Path) -> None:
    (data_copy / "floors.parquet").write_text("floor_id,level\n75-0,0\n")
    result = _start(data_copy)
    assert result.returncode == 2
    assert "floors.parquet" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_dataset_stops_start_up(data_copy: Path) -> None:
    (data_copy / "parking_lots.parquet").unlink()
    result = _start(data_copy)
    assert result.returncode == 2
    assert "parking_lots.parquet" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_port_setting_is_refused_clearly(data_copy: Path) -> None:
    result = _start(data_copy, TWIN_PORT="eighty")
    assert result.returncode == 2
    assert "TWIN_PORT" in result.stderr and "Traceback" not in result.stderr


def test_a_floor_of_an_unknown_building_stops_start_up(data_copy: Path) -> None:
    path = data_copy / "floors.parquet"
    table = pq.read_table(path)  # keeps the GeoParquet metadata: only the link to buildings is broken
    ids = ["999", *table.column("building_id").to_pylist()[1:]]
    index = table.schema.get_field_index("building_id")
    table = table.set_column(index, table.schema.field(index), pa.array(ids, table.schema.field(index).type))
    pq.write_table(table, path)
    result = _start(data_copy)
    assert result.returncode == 2
    assert (
        "floors.parquet" in result.stderr
        and "'999'" in result.stderr
        and "buildings.parquet" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# Each bad input named in issue 6, made from the sample by changing one value of one row and keeping the
# file's GeoParquet metadata: start-up must say which file and row, in one line, and exit with code 2.


def _rewrite(path: Path, column: str, changes: dict[int, object]) -> None:
    table = pq.read_table(path)
    values = table.column(column).to_pylist()
    for row, value in changes.items():
        values[row] = value
    field = table.schema.field(column)
    pq.write_table(
        table.set_column(table.schema.get_field_index(column), field, pa.array(values, field.type)), path
    )


def _rewrite_geometry(path: Path, move: Callable[[np.ndarray], np.ndarray], row: int | None = None) -> None:
    """Moves the coordinates of one row (or of every row), and its bbox covering column with it."""
    table = pq.read_table(path)
    shapes = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    rows = range(len(shapes)) if row is None else [row]
    for index in rows:
        shapes[index] = shapely.transform(shapes[index], move)
    field = table.schema.field("geometry")
    table = table.set_column(
        table.schema.get_field_index("geometry"), field, pa.array(shapely.to_wkb(shapes), field.type)
    )
    bounds = shapely.bounds(shapes)
    bbox = pa.StructArray.from_arrays(
        [pa.array(bounds[:, i]) for i in range(4)], ["xmin", "ymin", "xmax", "ymax"]
    )
    table = table.set_column(table.schema.get_field_index("bbox"), "bbox", bbox)
    pq.write_table(table, path)


def _assert_refused(result: subprocess.CompletedProcess[str], file_name: str, row: int, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{file_name}: row index {row}: " in lines[0]
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    ("file_name", "column", "row", "value", "words"),
    [
        ("floors.parquet", "area_m2", 5, float("inf"), ("area_m2", "inf", "finite")),
        ("floors.parquet", "area_m2", 7, -120.0, ("area_m2", "-120", "more than 0")),
        ("buildings.parquet", "height_m", 3, float("inf"), ("height_m", "inf", "finite")),
        ("buildings.parquet", "height_m", 4, float("-inf"), ("height_m", "-inf", "finite")),
        ("buildings.parquet", "height_m", 2, -15.0, ("height_m", "-15", "more than 0")),
        ("buildings.parquet", "height_m", 6, 22_000.0, ("height_m", "22000", "at most 500")),
        ("buildings.parquet", "height_m", 12, 250.0, ("storeys of 250 m", "2 to 30 m")),
        ("buildings.parquet", "floors_count", 1, 10_000, ("floors_count", "10000", "at most 200")),
    ],
)
def test_an_impossible_number_stops_start_up(
    data_copy: Path, file_name: str, column: str, row: int, value: object, words: tuple[str, ...]
) -> None:
    _rewrite(data_copy / file_name, column, {row: value})
    _assert_refused(_start(data_copy), file_name, row, *words)


def test_a_name_that_is_not_utf8_stops_start_up(data_copy: Path) -> None:
    path = data_copy / "buildings.parquet"
    table = pq.read_table(path)
    names = [name.encode() for name in table.column("name").to_pylist()]
    names[9] = "Bâtiment".encode("latin-1")  # â is one byte in Latin-1, an invalid sequence in UTF-8
    field = table.schema.field("name")
    spoilt = pa.array(names, pa.large_binary()).view(field.type)  # a view: no UTF-8 check on the way in
    pq.write_table(table.set_column(table.schema.get_field_index("name"), field, spoilt), path)
    _assert_refused(_start(data_copy), "buildings.parquet", 9, "'name'", "UTF-8")


def test_two_floors_at_one_level_stop_start_up(data_copy: Path) -> None:
    path = data_copy / "floors.parquet"
    floors = pq.read_table(path, columns=["building_id", "level"]).to_pylist()
    upper = next(row for row, floor in enumerate(floors) if floor["level"] == 1)
    ground = next(row for row, floor in enumerate(floors) if floor == {**floors[upper], "level": 0})
    _rewrite(path, "level", {upper: 0})
    building = floors[upper]["building_id"]
    _assert_refused(
        _start(data_copy), "floors.parquet", max(upper, ground), f"building '{building}'", "level 0"
    )


def test_lambert93_numbers_in_a_lon_lat_file_stop_start_up(data_copy: Path) -> None:
    to_lambert = Transformer.from_crs(4326, 2154, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(to_lambert.transform(xy[:, 0], xy[:, 1]))

    _rewrite_geometry(data_copy / "parking_lots.parquet", project)  # the 'geo' metadata still says 4326
    _assert_refused(_start(data_copy), "parking_lots.parquet", 0, "not longitude/latitude", "Lambert-93")


def test_swapped_axes_stop_start_up(data_copy: Path) -> None:
    _rewrite_geometry(data_copy / "spaces.parquet", lambda xy: xy[:, ::-1], row=4)
    _assert_refused(_start(data_copy), "spaces.parquet", 4, "outside the study area", "swapped")


def test_any_other_failure_while_loading_is_one_line_too(data_copy: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    (temp / catalog_cache_name()).write_text("a file where the catalogs' directory should be")
    result = _start(data_copy, TMPDIR=str(temp))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and catalog_cache_name() in lines[0], result.stderr


# Temporary catalogs: `python app.py` stopped by SIGTERM leaves none; one left by a killed process goes at
# the next start. TMPDIR gives each test its own temp dir, so the catalogs seen are this app's only.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(data_dir: Path, temp: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    environ = {**os.environ, "TWIN_DATA_DIR": str(data_dir), "TWIN_PORT": str(port), "TMPDIR": str(temp),
               "TWIN_STATE_DIR": str(temp / "state")}  # fmt: skip
    with log.open("wb") as output:  # a file, not a pipe that could fill up and block the server
        process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=environ, stdout=output,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise AssertionError(f"the app did not start: {log.read_text()}")


def _catalog_files(temp: Path) -> set[str]:
    cache = temp / catalog_cache_name()
    return {path.name for path in cache.iterdir()} if cache.exists() else set()


def test_sigterm_leaves_no_temporary_catalog(data_copy: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    process, _ = _serve(data_copy, temp, tmp_path / "app.log")
    assert any(name.endswith(".duckdb") for name in _catalog_files(temp))  # there was one to remove
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert _catalog_files(temp) == set()
    assert "Traceback" not in (tmp_path / "app.log").read_text()


def test_a_catalog_left_by_a_killed_app_is_removed_at_the_next_start(data_copy: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    killed, _ = _serve(data_copy, temp, tmp_path / "first.log")
    killed.kill()  # SIGKILL: no clean-up can run
    killed.wait(timeout=30)
    left = _catalog_files(temp)
    assert any(name.endswith(".duckdb") for name in left)
    _rewrite(data_copy / "floors.parquet", "area_m2", {0: 401.0})  # new data, so a new version
    process, _ = _serve(data_copy, temp, tmp_path / "second.log")
    try:
        now = _catalog_files(temp)
        assert now and not now & left
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_gunicorn_workers_share_one_catalog_and_leave_none_on_sigterm(
    data_copy: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    port = _free_port()
    environ = {
        **os.environ,
        "TWIN_DATA_DIR": str(data_copy),
        "TMPDIR": str(temp),
        "TWIN_STATE_DIR": str(temp / "state"),
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "app:wsgi()",
    ]
    with (tmp_path / "gunicorn.log").open("wb") as log:
        master = subprocess.Popen(command, cwd=REPO, env=environ, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_workers(master.pid, 2, temp)
        databases = [name for name in _catalog_files(temp) if name.endswith(".duckdb")]
        assert len(databases) == 1, _catalog_files(temp)  # two workers, one copy of the data
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)
    assert _catalog_files(temp) == set()


def _wait_for_workers(master: int, count: int, temp: Path) -> None:
    """Until `count` worker processes each hold the catalog's lock (listed in /proc/locks by pid)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = set(Path(f"/proc/{master}/task/{master}/children").read_text().split())
        holders = {
            line.split()[4] for line in Path("/proc/locks").read_text().splitlines() if "FLOCK" in line
        }
        if len(workers) == count and workers <= holders and _catalog_files(temp):
            return
        time.sleep(0.3)
    raise AssertionError("the gunicorn workers did not open the catalog")
