"""Errors raised by geodata: each names the file, the row when there is one, and the reason."""

from __future__ import annotations

from pathlib import Path


class InvalidDatasetError(Exception):
    """A dataset file (or its provenance entry) that the twin refuses to load.

    `row` is the 0-based row index in the file when one row is at fault, else None.
    `str(error)` is a single line such as "floors.parquet: missing required column 'status'".
    """

    def __init__(self, path: Path, reason: str, row: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.row = row
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"row index {self.row}: " if self.row is not None else ""
        return f"{self.path.name}: {where}{self.reason}"

    def __reduce__(self) -> tuple[type[InvalidDatasetError], tuple[Path, str, int | None]]:
        return (type(self), (self.path, self.reason, self.row))


class ScenarioError(ValueError):
    """A document or a change the twin refuses. `field` names where the problem is, as a JSON path such as
    `changes[3].floor_id`; `str(error)` is one line that names it. (Re-exported by geodata.scenario.)"""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[str, str]]:
        return (type(self), (self.field, self.reason))
