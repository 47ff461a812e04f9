"""The one error of ingestion: a file the command refuses, with one line naming it and the problem."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """`str(error)` is one line such as "roofs.gpkg: no CRS in the file; name one with --crs EPSG:N"."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")
