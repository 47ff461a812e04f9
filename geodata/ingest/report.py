"""What an ingestion did: each rule applied, how many rows it touched and the first of their ids; written
as DIR/ingest-report.json and printed as a short summary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPORT_FILE = "ingest-report.json"
MAX_IDS = 20  # ids listed per entry; the count is always complete


@dataclass
class Entry:
    rule: str  # a stable code, e.g. "geometry_repaired"
    action: str  # "repaired", "fixed", "dropped", "matched", "unmatched", "derived"
    description: str
    count: int = 0
    ids: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Accumulated by one run; `facts` holds the run's figures (file, source, CRS, row counts)."""

    command: str
    facts: dict[str, Any] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def add(self, rule: str, action: str, description: str, ids: list[str]) -> None:
        """Records a rule that touched `ids` (nothing is recorded when it touched none)."""
        if ids:
            self.entries.append(Entry(rule, action, description, len(ids), [str(i) for i in ids[:MAX_IDS]]))

    def count(self, rule: str) -> int:
        return sum(entry.count for entry in self.entries if entry.rule == rule)

    def as_json(self) -> dict[str, Any]:
        entries = [vars(entry) for entry in self.entries]
        return {"command": self.command, **self.facts, "entries": entries}

    def write(self, directory: Path) -> None:
        text = json.dumps(self.as_json(), ensure_ascii=False, indent=2, default=str)
        (directory / REPORT_FILE).write_text(text + "\n", encoding="utf-8")

    def summary(self) -> list[str]:
        """A few lines for the terminal: the figures, then one line per rule."""
        lines = [f"{key}: {value}" for key, value in self.facts.items() if not isinstance(value, dict)]
        lines += [f"{entry.action} {entry.count}: {entry.description}" for entry in self.entries]
        return lines
