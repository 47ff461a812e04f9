"""Start-up refuses bad data with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO


def _start(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "TWIN_DATA_DIR": str(data_dir), "TWIN_PORT": "1", **env}
    return subprocess.run([sys.executable, "app.py"], cwd=REPO, env=environ, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


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
