"""A throw-away PostgreSQL server from Debian's binaries (initdb, pg_ctl), for the store's tests.

PostgreSQL refuses to run as root, so when the tests do, the server runs as the `postgres` user the
Debian package creates (runuser). Its data directory and unix socket live in one temporary directory;
nothing listens on TCP."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "install Debian's postgresql package (apt-get install postgresql; .ci/run does it)"


@dataclass(frozen=True)
class PgServer:
    root: Path
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.root}&port={self.port}"


def pg_bin() -> Path:
    """The newest installed PostgreSQL's bin directory, or an error saying what to install."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError(f"no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: {INSTALL_HINT}")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start() -> PgServer:
    binaries, root = pg_bin(), Path(tempfile.mkdtemp(prefix="twin-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    user, port, data = "twin", _free_port(), root / "data"
    _run([str(binaries / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync"])
    options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c max_connections=60"
    log = root / "log"
    try:
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"])
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n{log.read_text() if log.exists() else ''}") from None
    return PgServer(root=root, port=port, user=user)


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()}")


def stop(server: PgServer) -> None:
    command = [str(pg_bin() / "pg_ctl"), "-D", str(server.root / "data"), "-m", "immediate", "-w", "stop"]
    subprocess.run(_as_server_user(command), check=False, capture_output=True)
    shutil.rmtree(server.root, ignore_errors=True)
