"""Start-up with the store and sessions: a bad setting or an unusable state directory is one line and exit
code 2 (never a traceback, never a database password); the served app logs no client address."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

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


def test_two_processes_started_together_share_one_session_key(sample_dir: Path, tmp_path: Path) -> None:
    """As gunicorn's workers do: two servers start at once on one state directory, each reading or creating
    the key file; a session signed by one is good at the other, both ways."""
    state = tmp_path / "state"
    environ = {**os.environ, "TWIN_DATA_DIR": str(sample_dir), "TWIN_STATE_DIR": str(state)}
    environ.pop("TWIN_SECRET_KEY", None)
    add = [sys.executable, "-m", "app", "user", "add", "ada", "--role", "planner"]
    subprocess.run(add, cwd=REPO, env=environ, input="pw-ada-1234567\n", text=True, check=True, timeout=120)
    (state / "secret_key").unlink(missing_ok=True)  # the race is the servers'
    ports, processes = [_free_port(), _free_port()], []
    for port in ports:
        with (tmp_path / f"{port}.log").open("wb") as log:
            processes.append(subprocess.Popen([sys.executable, "app.py"], cwd=REPO, stdout=log, stderr=log,
                                              env=environ | {"TWIN_PORT": str(port)}))  # fmt: skip
    try:
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        by_first, by_second = _signed_in(first), _signed_in(second)  # each waits until its server answers
        answers = [_status(f"{second}/auth/me", by_first), _status(f"{first}/auth/me", by_second)]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)
    assert answers == [200, 200]
    assert stat.S_IMODE(os.stat(state / "secret_key").st_mode) == 0o600


def _status(url: str, cookies: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookies, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _cookie(response: Any, name: str) -> str:
    """'name=value' of the response's Set-Cookie for `name`."""
    lines = [line.split(";")[0] for line in response.headers.get_all("Set-Cookie") or []]
    return next(line for line in lines if line.startswith(f"{name}="))


def _page(base: str) -> str:
    """The page's CSRF cookie, once the server answers."""
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/", timeout=30) as page:
                return _cookie(page, "csrf_token")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _signed_in(base: str) -> str:
    """The Cookie header of a session: the page's CSRF cookie, then a sign-in that echoes it."""
    csrf = _page(base)
    body = json.dumps({"name": "ada", "password": "pw-ada-1234567"}).encode()
    headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf.split("=", 1)[1], "Cookie": csrf}
    request = urllib.request.Request(f"{base}/auth/sign-in", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return _cookie(response, "twin_session")
