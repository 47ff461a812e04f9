"""The sample build publishes its data with one atomic swap: `data` is always a complete dataset, old or new.

The killed builds run the real build command (`python -m geodata.sample`) in a subprocess that SIGKILLs
itself before its k-th file-system step (tests/unit/killed_build.py), for every k.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from geodata.sample.swap import BuildInProgressError, publish_directory, versions_dir
from geodata.validate import validate_data_dir

REPO = Path(__file__).resolve().parents[2]
OLD_TITLE = "Old data, from the build before"


def _write(name: str, text: str) -> Callable[[Path], None]:
    def fill(directory: Path) -> None:
        (directory / name).write_text(text)

    return fill


def _names(directory: Path) -> set[str]:
    return {path.name for path in directory.iterdir()}


def _only_current_version(out: Path) -> None:
    """`out` is a symlink into the versions directory, which holds that one version and the lock file."""
    assert out.is_symlink()
    target = out.resolve()
    assert target.parent == versions_dir(out).resolve()
    assert _names(out.parent) == {out.name, versions_dir(out).name}
    assert _names(versions_dir(out)) == {".lock", target.name}


def test_the_first_build_links_a_version_and_the_next_replaces_and_deletes_it(tmp_path: Path) -> None:
    out = tmp_path / "data"
    first = publish_directory(out, _write("a.txt", "one"))
    assert (out / "a.txt").read_text() == "one" and out.resolve() == first
    _only_current_version(out)
    second = publish_directory(out, _write("b.txt", "two"))
    assert _names(out) == {"b.txt"} and out.resolve() == second and not first.exists()
    _only_current_version(out)
    assert os.readlink(out) == f".data.versions/{second.name}"  # relative: the repository can move


def test_a_real_data_directory_is_replaced_by_the_link_and_deleted(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    (out / "old.txt").write_text("old")
    publish_directory(out, _write("new.txt", "new"))
    assert _names(out) == {"new.txt"}
    _only_current_version(out)


def test_a_failing_fill_leaves_the_old_data_and_no_leftover(tmp_path: Path) -> None:
    out = tmp_path / "data"
    publish_directory(out, _write("old.txt", "old"))

    def fail(directory: Path) -> None:
        (directory / "half.txt").write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        publish_directory(out, fail)
    assert (out / "old.txt").read_text() == "old"
    _only_current_version(out)


def test_a_failing_swap_leaves_the_old_data_and_the_next_build_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "data"
    publish_directory(out, _write("old.txt", "old"))
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", _raise_os_error)
        with pytest.raises(OSError, match="no space left"):
            publish_directory(out, _write("new.txt", "new"))
    assert (out / "old.txt").read_text() == "old"
    assert any(name.startswith(".data.swap-") for name in _names(tmp_path))  # the link never swapped in
    publish_directory(out, _write("new.txt", "new"))
    assert (out / "new.txt").read_text() == "new"
    _only_current_version(out)


def _raise_os_error(*_: object, **__: object) -> None:
    raise OSError("no space left")


def test_leftovers_of_the_old_two_rename_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    for leftover in (".data.building-x1y2", ".data.old-z3"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "floors.parquet").write_text("stale")
    publish_directory(out, _write("new.txt", "new"))
    _only_current_version(out)


def test_a_second_build_at_the_same_time_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "data"
    publish_directory(out, _write("old.txt", "old"))
    descriptor = os.open(versions_dir(out) / ".lock", os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a running build holds it
        with pytest.raises(BuildInProgressError, match="another build is writing"):
            publish_directory(out, _write("new.txt", "new"))
    finally:
        os.close(descriptor)
    assert _names(out) == {"old.txt"}
    _only_current_version(out)


def test_a_file_in_place_of_the_data_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.write_text("not a directory")
    with pytest.raises(NotADirectoryError, match="is a file"):
        publish_directory(out, _write("new.txt", "new"))
    assert out.read_text() == "not a directory"


# --- The real build, killed at every step -------------------------------------------------------------


def _old_data(sample_dir: Path, directory: Path) -> None:
    """A complete, valid dataset told apart from the new build by its district title."""
    for path in sample_dir.iterdir():
        shutil.copyfile(path, directory / path.name)
    provenance = json.loads((directory / "provenance.json").read_text(encoding="utf-8"))
    provenance["district"]["title"] = OLD_TITLE
    (directory / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")


def _start(sample_dir: Path, out: Path, layout: str) -> None:
    if layout == "real directory":
        out.mkdir(parents=True)
        _old_data(sample_dir, out)
    else:
        publish_directory(out, lambda directory: _old_data(sample_dir, directory))


def _killed_build(out: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "tests.unit.killed_build",
        str(kill_at),
        "geodata.sample",
        "--out",
        str(out),
    ]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def _which_data(out: Path, sample_dir: Path) -> str:
    """'old' or 'new', after checking that `out` is a complete dataset the app would accept."""
    validate_data_dir(out)
    title = json.loads((out / "provenance.json").read_text(encoding="utf-8"))["district"]["title"]
    if title == OLD_TITLE:
        return "old"
    for path in sample_dir.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    return "new"


def _kill_and_rebuild(sample_dir: Path, root: Path, layout: str, kill_at: int) -> str:
    out = root / "data"
    _start(sample_dir, out, layout)
    result = _killed_build(out, kill_at)
    assert result.returncode == -9, (kill_at, result.stderr)
    found = _which_data(out, sample_dir)
    publish_directory(out, lambda directory: _old_data(sample_dir, directory))  # the next build
    _only_current_version(out)
    return found


@pytest.mark.parametrize("layout", ["real directory", "symlink to a version"])
def test_a_build_killed_at_any_step_leaves_the_old_or_the_new_data(
    sample_dir: Path, tmp_path: Path, layout: str
) -> None:
    _start(sample_dir, tmp_path / "first" / "data", layout)
    counting = _killed_build(tmp_path / "first" / "data", 0)
    assert counting.returncode == 0, counting.stderr
    steps = int(counting.stdout.split()[-1])
    assert steps >= 20  # mkdir, 11 files written, symlink, swap, old files deleted
    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine has two cores
        found = list(
            pool.map(
                lambda k: _kill_and_rebuild(sample_dir, tmp_path / f"k{k}", layout, k), range(1, steps + 1)
            )
        )
    # Killed before the swap: the old data; after it: the new; the swap is one step, so one switch.
    assert "new" in found, found
    switch = found.index("new")
    assert found == ["old"] * switch + ["new"] * (steps - switch), found
