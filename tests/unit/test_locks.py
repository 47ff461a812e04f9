"""The lock files agree with pyproject.toml: `make run` and `make test` install what pyproject names, at the
versions it names, and the developer set runs the same versions as the runtime set."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.conftest import REPO

LOCKS = REPO / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    return {_name(name): version for name, version in PIN.findall(text)}


def declared(group: str | None) -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    entries = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return pins("\n".join(entries))


@pytest.mark.parametrize(("lock", "groups"), [("run.lock", [None]), ("dev.lock", [None, "dev"])])
def test_each_lock_pins_what_pyproject_declares(lock: str, groups: list[str | None]) -> None:
    locked = pins((LOCKS / lock).read_text())
    for group in groups:
        for name, version in declared(group).items():
            assert locked.get(name) == version, (
                f"{lock}: {name} is {locked.get(name)}, pyproject says {version}"
            )


def test_the_developer_set_runs_the_runtime_set_at_the_same_versions() -> None:
    run, dev = pins((LOCKS / "run.lock").read_text()), pins((LOCKS / "dev.lock").read_text())
    assert {name: dev.get(name) for name in run} == run
    assert not set(declared("dev")) & set(run), "a developer tool is installed by `make run`"


@pytest.mark.parametrize("lock", ["run.lock", "dev.lock"])
def test_every_locked_package_has_a_hash(lock: str) -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (LOCKS / lock).read_text().strip())
    assert len(blocks) == len(pins((LOCKS / lock).read_text()))
    assert all("--hash=sha256:" in block for block in blocks)
