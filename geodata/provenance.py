"""Where each dataset comes from: the `provenance.json` sidecar, read and written."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from geodata.errors import InvalidDatasetError

SAMPLE_NOTE = "sample — illustrative geometry"
_TEXT_FIELDS = ("title", "source", "date", "licence", "note")


@dataclass(frozen=True)
class Provenance:
    title: str
    source: str
    date: str  # ISO date, YYYY-MM-DD
    licence: str
    sample: bool
    note: str


def read_provenance(path: Path) -> dict[str, dict[str, Any]]:
    """The raw entries of a provenance file, keyed by dataset name (checked per entry later)."""
    if not path.is_file():
        raise InvalidDatasetError(path, "file not found")
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidDatasetError(path, f"not valid JSON ({error})") from None
    if not isinstance(entries, dict):
        raise InvalidDatasetError(path, "expected a JSON object keyed by dataset name")
    return entries


def provenance_entry(path: Path, entries: Mapping[str, Any], dataset: str) -> Provenance:
    """The checked entry for one dataset, or InvalidDatasetError naming what is wrong."""
    entry = entries.get(dataset)
    if not isinstance(entry, dict):
        raise InvalidDatasetError(path, f"no provenance entry for dataset '{dataset}'")
    for name in _TEXT_FIELDS:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise InvalidDatasetError(path, f"entry '{dataset}' lacks text field '{name}'")
    if not isinstance(entry.get("sample"), bool):
        raise InvalidDatasetError(path, f"entry '{dataset}' lacks boolean field 'sample'")
    _check_date(path, dataset, entry["date"])
    if entry["sample"] and "sample" not in entry["note"].lower():
        raise InvalidDatasetError(path, f"entry '{dataset}' is a sample but its note does not say so")
    return Provenance(**{key: entry[key] for key in (*_TEXT_FIELDS, "sample")})


def _check_date(path: Path, dataset: str, text: str) -> None:
    try:
        date.fromisoformat(text)
    except ValueError:
        raise InvalidDatasetError(
            path, f"entry '{dataset}' has date '{text}', expected an ISO date YYYY-MM-DD"
        ) from None


def write_provenance(entries: Mapping[str, Provenance], path: Path) -> None:
    payload = {name: asdict(entries[name]) for name in sorted(entries)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
