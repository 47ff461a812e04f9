"""Runs a build command and kills it with SIGKILL just before its k-th file-system step (swap tests only).

    python -m tests.unit.killed_build K MODULE [ARGS...]

A step is one call that changes the file system: os.mkdir, rename, replace, symlink, unlink or rmdir (so
every file shutil.rmtree deletes), the atomic exchange of the swap, or the writing of one dataset file or of
the provenance. With K = 0 nothing is killed and the last line printed is the number of steps taken.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
from collections.abc import Callable
from typing import Any

import geodata.provenance
import geodata.writer
from geodata.sample import swap

_STEPS: tuple[tuple[object, str], ...] = (
    *((os, name) for name in ("mkdir", "rename", "replace", "symlink", "unlink", "rmdir")),
    (swap, "_exchange"),
    (geodata.writer, "write_geoparquet"),
    (geodata.writer, "write_table"),
    (geodata.provenance, "write_provenance"),
)


def _counted(function: Callable[..., Any], taken: list[int], kill_at: int) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        taken[0] += 1
        if taken[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)

    return step


def main() -> None:
    kill_at, module, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    taken = [0]
    # Patched before the build's modules are imported, so that `from geodata.writer import ...` sees it.
    for owner, name in _STEPS:
        setattr(owner, name, _counted(getattr(owner, name), taken, kill_at))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    print(taken[0])


if __name__ == "__main__":
    main()
