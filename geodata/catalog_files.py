"""The catalog's database files: one per data version, shared by every process of the user, built once.

A file `<version>.duckdb` in a private directory of the temp dir holds the validated tables. The first
process to need a version builds it (under an exclusive `flock` on `<version>.lock`, into a temporary name
renamed into place); every process then opens it read-only (DuckDB allows many read-only processes on one
file) and holds a shared lock on `<version>.lock` for as long as it uses it. So gunicorn's workers copy the
data once, not once each.

Clean-up needs no pid bookkeeping: the kernel drops a process's locks when it dies, however it dies. A
version whose lock nobody holds is unused; it is removed when its last user exits (atexit, or SIGTERM
turned into an exit by app.py), and at every start for any version left by a killed process.
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Opened = TypeVar("Opened")
_ATTEMPTS = 5  # a lock file removed under us by another process's clean-up: take the new one


def catalog_cache_name() -> str:
    return f"dmc-twin-catalogs-{os.getuid()}"


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / catalog_cache_name()


@dataclass(frozen=True)
class Lease:
    """A process's use of one catalog version: an open file descriptor holding a shared lock."""

    lock_fd: int
    directory: Path
    version: str

    def release(self) -> None:
        """Drops the lock, then removes the version's files if no other process (or catalog) uses it."""
        os.close(self.lock_fd)
        _remove_if_unused(self.directory, self.version)


def open_shared(
    cache_dir: Path, version: str, build: Callable[[Path], None], connect: Callable[[Path], Opened]
) -> tuple[Opened, Lease]:
    """`connect(database)` on the version's file, built first with `build(path)` if nobody has yet."""
    directory = _private_directory(cache_dir)
    remove_unused(directory, keep=version)
    for _ in range(_ATTEMPTS):
        fd = _locked(directory / f"{version}.lock", fcntl.LOCK_SH)
        try:
            opened = _open_or_build(fd, directory, version, build, connect)
        except BaseException:
            os.close(fd)
            raise
        if opened is not None:
            return opened[0], Lease(fd, directory, version)
        os.close(fd)
    raise RuntimeError(f"{directory}: the lock of catalog {version} kept being replaced; start again")


def _open_or_build(
    fd: int, directory: Path, version: str, build: Callable[[Path], None], connect: Callable[[Path], Opened]
) -> tuple[Opened] | None:
    """Returns None when the lock file was replaced while we waited (the caller starts over)."""
    database = directory / f"{version}.duckdb"
    if not database.exists():
        fcntl.flock(fd, fcntl.LOCK_EX)  # not atomic from shared: someone may build or clean up meanwhile
        if not _still_current(fd, directory / f"{version}.lock"):
            return None
        if not database.exists():
            _build(directory, version, build)
    # Opened while locked, so no clean-up can remove the file first (an open file outlives its unlinking).
    opened = connect(database)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return (opened,)


def _build(directory: Path, version: str, build: Callable[[Path], None]) -> None:
    _remove_files(directory, version, keep_lock=True)  # a build interrupted by a killed process
    partial = directory / f"{version}.duckdb.{os.getpid()}.tmp"
    try:
        build(partial)
        with partial.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, directory / f"{version}.duckdb")
    except BaseException:
        _remove_files(directory, version, keep_lock=True)
        raise


def remove_unused(directory: Path, keep: str | None = None) -> None:
    """Removes every version but `keep` that no live process holds (left by killed processes)."""
    versions = {path.name.split(".", 1)[0] for path in directory.iterdir()}
    for version in sorted(versions - {keep}):
        _remove_if_unused(directory, version)


def _remove_if_unused(directory: Path, version: str) -> None:
    lock = directory / f"{version}.lock"
    try:
        fd = _locked(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # in use
    try:
        _remove_files(directory, version, keep_lock=False)
    finally:
        os.close(fd)


def _remove_files(directory: Path, version: str, *, keep_lock: bool) -> None:
    """Under the version's exclusive lock. The lock file goes last, so a waiting process notices."""
    for path in sorted(directory.glob(f"{version}.*"), key=lambda path: path.suffix == ".lock"):
        if not (keep_lock and path.name == f"{version}.lock"):
            path.unlink(missing_ok=True)


def _locked(path: Path, operation: int) -> int:
    """An open descriptor of the lock file at `path` holding `operation`, checked to be the current file."""
    for _ in range(_ATTEMPTS):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, operation)
        except BaseException:
            os.close(fd)
            raise
        if _still_current(fd, path):
            return fd
        os.close(fd)
    raise RuntimeError(f"{path}: the lock file kept being replaced; start again")


def _still_current(fd: int, path: Path) -> bool:
    """False when a clean-up removed (and maybe someone recreated) the lock file since we opened it."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _private_directory(path: Path) -> Path:
    """The cache directory, created private; refused if another user could write there or owns it."""
    path.mkdir(mode=0o700, exist_ok=True)
    status = path.lstat()
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid() or status.st_mode & 0o022:
        raise PermissionError(f"{path}: not a private directory of this user; remove it and start again")
    return path
