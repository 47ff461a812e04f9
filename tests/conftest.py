"""Shared fixtures: one sample dataset built by the real build command, once per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample data, built from scratch by `python -m geodata.sample` into a temp dir."""
    out = tmp_path_factory.mktemp("sample") / "data"
    subprocess.run([sys.executable, "-m", "geodata.sample", "--out", str(out)], cwd=REPO, check=True)
    return out
