"""The real app under gunicorn on loopback, as it is deployed (several workers, each opening its own
read-only catalog), and the memory its workers hold."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKERS = 2
START_TIMEOUT_S = 300


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    start_s: float  # from launch to the first healthy answer

    def worker_rss_mb(self) -> list[float]:
        return [rss_mb(pid) for pid in children(self.pid)]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                # The parent pid is the 2nd field after the command name, which is in parentheses.
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {log.read_text()[-2000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/healthz", timeout=5) as answer:
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"the app did not answer /healthz within {START_TIMEOUT_S} s")


@contextlib.contextmanager
def gunicorn(data_dir: Path, workers: int = WORKERS) -> Iterator[Server]:
    """gunicorn 'app:wsgi()' on a free loopback port; its log goes to a file (a full pipe would block it)."""
    port = _free_port()
    env = {**os.environ, "TWIN_DATA_DIR": str(data_dir)}
    env.pop("TWIN_BASEMAP_URL", None)  # offline: the bench measures our layers, not a tile server
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--timeout", "300", "--log-level", "warning", "app:wsgi()"]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, (Path(tmp) / "gunicorn.log").open("wb") as sink:
        env["TWIN_STATE_DIR"] = str(Path(tmp) / "state")  # a store of its own, gone afterwards
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=sink, stderr=sink)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, Path(tmp) / "gunicorn.log")
            # /healthz answered by one worker: the other may still be loading; give every worker a moment.
            _wait_workers(process.pid, workers)
            yield Server(url, process.pid, time.perf_counter() - start)
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_workers(pid: int, workers: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while len(children(pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.2)
