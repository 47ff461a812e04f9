"""Start-up with the store and sessions: a bad setting or an unusable state directory is one line and exit
code 2 (never a traceback, never a database password); the served app logs no client address."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO


def _start(sample_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "TWIN_DATA_DIR": str(sample_dir), "TWIN_PORT": "1", **env}
    return subprocess.run([sys.executable, "app.py"], cwd=REPO, env=environ, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def _refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_a_bad_secure_cookies_setting_stops_start_up(sample_dir: Path, tmp_path: Path) -> None:
    assert "TWIN_SECURE_COOKIES" in _refused(_start(sample_dir, TWIN_SECURE_COOKIES="yes",
                                                    TWIN_STATE_DIR=str(tmp_path)))  # fmt: skip


def test_a_short_secret_key_stops_start_up(sample_dir: Path, tmp_path: Path) -> None:
    stderr = _refused(_start(sample_dir, TWIN_SECRET_KEY="short", TWIN_STATE_DIR=str(tmp_path)))
    assert "at least 32 characters" in stderr and "short" not in stderr.replace("characters", "")


def test_a_state_dir_that_is_a_file_stops_start_up(sample_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "state").write_text("not a directory")
    assert "state" in _refused(_start(sample_dir, TWIN_STATE_DIR=str(tmp_path / "state")))


def test_an_unreachable_database_stops_start_up_without_showing_its_password(
    sample_dir: Path, tmp_path: Path
) -> None:
    url = "postgresql+psycopg://twin:s3cret-pw@127.0.0.1:1/twin"
    stderr = _refused(_start(sample_dir, TWIN_DATABASE_URL=url, TWIN_STATE_DIR=str(tmp_path)))
    assert "cannot open the store" in stderr and "s3cret-pw" not in stderr and "***" in stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_served_app_logs_no_client_address(sample_dir: Path, tmp_path: Path) -> None:
    port, log = _free_port(), tmp_path / "app.log"
    environ = {**os.environ, "TWIN_DATA_DIR": str(sample_dir), "TWIN_PORT": str(port),
               "TWIN_STATE_DIR": str(tmp_path / "state")}  # fmt: skip
    with log.open("wb") as output:  # a file, not a pipe that could fill up and block the server
        process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=environ, stdout=output,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        time.sleep(0.5)  # the log line is written after the answer
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log.read_text()
    assert "GET /healthz" in text, text
    assert "127.0.0.1 -" not in text
