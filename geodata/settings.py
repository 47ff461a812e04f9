"""Run-time settings: arguments > environment (TWIN_*) > defaults, read once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
# What users write (the SQLite store, the session secret): never inside the read-only data directory.
DEFAULT_STATE_DIR = REPO_ROOT / "var"


@dataclass(frozen=True)
class TwinSettings:
    host: str = "127.0.0.1"
    port: int = 8050
    data_dir: Path = DEFAULT_DATA_DIR
    # Optional raster basemap, an XYZ URL template such as https://.../{z}/{x}/{y}.png.
    # Off by default: the twin must work offline and without any token.
    basemap_url: str | None = None
    state_dir: Path = DEFAULT_STATE_DIR
    # postgresql+psycopg://user:password@host/db for PostgreSQL; unset: SQLite in the state directory.
    database_url: str | None = None
    # Workshop mode (?mode=atelier): seconds without a touch before a screen returns to its start view.
    atelier_idle_s: int = 180

    def __post_init__(self) -> None:
        if self.state_dir.resolve().is_relative_to(self.data_dir.resolve()):
            raise ValueError(
                f"TWIN_STATE_DIR ({self.state_dir}) must not be inside the data directory ({self.data_dir})"
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> TwinSettings:
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "host": env.get("TWIN_HOST", cls.host),
            "port": _port(env.get("TWIN_PORT", str(cls.port))),
            "data_dir": Path(env.get("TWIN_DATA_DIR", str(DEFAULT_DATA_DIR))),
            "basemap_url": env.get("TWIN_BASEMAP_URL") or None,
            "state_dir": Path(env.get("TWIN_STATE_DIR", str(DEFAULT_STATE_DIR))),
            "database_url": _database_url(env.get("TWIN_DATABASE_URL") or None),
            "atelier_idle_s": _idle_seconds(env.get("TWIN_ATELIER_IDLE_S", str(cls.atelier_idle_s))),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"TWIN_PORT must be a port number between 1 and 65535, got {text!r}")
    return int(text)


def _database_url(text: str | None) -> str | None:
    if text is not None and not text.startswith(("postgresql+psycopg://", "sqlite:///")):
        raise ValueError("TWIN_DATABASE_URL must start with postgresql+psycopg:// (or sqlite:///)")
    return text


MAX_IDLE_S = 86_400


def _idle_seconds(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= MAX_IDLE_S:
        raise ValueError(f"TWIN_ATELIER_IDLE_S must be seconds from 1 to {MAX_IDLE_S}, got {text!r}")
    return int(text)
