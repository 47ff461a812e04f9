"""The two datasets the bench measures: the district sample the app ships with, and a synthetic city made by
the city generator (geodata/sample/city.py) into a cache directory the first time it is asked for."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

from geodata.settings import TwinSettings

CACHE = Path(__file__).resolve().parent / ".cache"
CITY_FLOORS = 250_000
CITY_GENERATOR = "geodata.sample.city"


def district_dir() -> Path:
    return TwinSettings.from_env().data_dir


def city_dir(floors: int) -> tuple[Path | None, float]:
    """The cached city of this many floors, generated if missing (and the seconds that took); None when the
    generator is not in this checkout yet."""
    target = CACHE / f"city-{floors}"
    if (target / "provenance.json").exists():
        return target, 0.0
    if importlib.util.find_spec(CITY_GENERATOR) is None:
        return None, 0.0
    CACHE.mkdir(exist_ok=True)
    start = time.perf_counter()
    command = [sys.executable, "-m", CITY_GENERATOR, "--floors", str(floors), "--out", str(target)]
    subprocess.run(command, check=True)
    return target, time.perf_counter() - start
