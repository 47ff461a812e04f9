"""Publish a data directory with ONE atomic rename: `out` is a symlink to a complete version beside it.

For out = data:

    data -> .data.versions/<id>     the symlink the app reads (it resolves it once, at start-up)
    .data.versions/<id>/            one complete dataset per build, written and checked before it is linked
    .data.versions/.lock            held while a build runs, so that two builds never delete each other's work
    .data.swap-<random>             a new symlink about to replace `data` (a leftover if a build was killed)

The swap is rename(2) of the new symlink onto `data`: a reader sees the old or the new version, never none.
A real `data/` directory (from before versions) is exchanged with the new symlink in one call
(renameat2 RENAME_EXCHANGE, Linux), then deleted. Whatever else sits beside `data` under these names is a
leftover of an earlier build: it is removed before each build and after each successful swap.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_LOCK_FILE = ".lock"
# Names the sample build used before versions: a half-written build and the data moved aside.
_LEGACY_PATTERNS = (".{name}.building-*", ".{name}.old-*")


class BuildInProgressError(RuntimeError):
    """Another build holds the lock of the same output directory."""


def versions_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.versions"


def publish_directory(out: Path, fill: Callable[[Path], None]) -> Path:
    """Calls fill(new) on a fresh version directory, then makes `out` point to it; returns the version.

    If fill raises, the version is deleted and `out` is left as it was.
    """
    out = Path(os.path.abspath(out))  # not resolve(): `out` itself is the symlink to replace
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is a file, not a data directory")
    versions = versions_dir(out)
    versions.mkdir(parents=True, exist_ok=True)
    with _locked(versions, out):
        remove_leftovers(out)
        new = _new_version(versions, fill)
        _point(out, new)
        remove_leftovers(out)
    return new


def _new_version(versions: Path, fill: Callable[[Path], None]) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ-", time.gmtime())
    new = Path(tempfile.mkdtemp(prefix=stamp, dir=versions))
    new.chmod(0o755)  # mkdtemp makes it private; the data is meant to be read by the app's user too
    try:
        fill(new)
        _sync_tree(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return new


def _point(out: Path, target: Path) -> None:
    """Makes `out` a symlink to `target` with a single rename (an exchange, if `out` is a real directory)."""
    link = out.parent / f".{out.name}.swap-{os.urandom(6).hex()}"
    os.symlink(os.path.relpath(target, out.parent), link)
    if out.is_dir() and not out.is_symlink():
        _migrate(link, out)
    else:
        os.replace(link, out)
    _sync_directory(out.parent)


def _migrate(link: Path, out: Path) -> None:
    """Replaces the real directory `out` by the symlink `link`; the old directory stays as a leftover."""
    try:
        _exchange(link, out)  # `link` now names the old directory
    except OSError as error:
        if error.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise
        # No atomic exchange on this system: `out` is missing for an instant, once, on the first build.
        os.rename(out, link.with_name(f"{link.name}-old"))
        os.replace(link, out)


def _exchange(first: Path, second: Path) -> None:
    """Swaps two names atomically (renameat2 with RENAME_EXCHANGE, Linux 3.15+, glibc 2.28+)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available on this system", str(second))
    status = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if status != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def remove_leftovers(out: Path) -> None:
    """Deletes every version but the one `out` points to, new symlinks never swapped in, and leftovers of
    the old two-rename build; only when `out` exists, so that no leftover is the last copy of the data."""
    out = Path(os.path.abspath(out))
    if not out.exists():
        return
    versions = versions_dir(out)
    current = out.resolve() if out.is_symlink() else None
    for entry in sorted(versions.iterdir()) if versions.is_dir() else []:
        if entry.name != _LOCK_FILE and entry != current:
            _remove(entry)
    patterns = (f".{out.name}.swap-*", *(pattern.format(name=out.name) for pattern in _LEGACY_PATTERNS))
    for pattern in patterns:
        for entry in sorted(out.parent.glob(pattern)):
            _remove(entry)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _locked(versions: Path, out: Path) -> Iterator[None]:
    descriptor = os.open(versions / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgressError(f"another build is writing {out}; wait for it to finish") from None
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _sync_tree(directory: Path) -> None:
    """Flushes every file of the new version to disk before it is linked, so a power cut cannot link a
    directory whose files are still only in memory."""
    for path in directory.iterdir():
        if path.is_file():
            _fsync(path, os.O_RDONLY)
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    _fsync(directory, os.O_RDONLY | os.O_DIRECTORY)


def _fsync(path: Path, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
