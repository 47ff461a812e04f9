"""The validated datasets behind one read-only DuckDB connection (one per process, a cursor per request).

Each dataset is copied into a TABLE of a DuckDB file at start-up, so what is queried is exactly what was
validated, even if the files on disk change later; a file that changes while it is being validated and
copied is refused. The file is one per data version, built by the first process that needs it and opened
read-only by every other (geodata.catalog_files): several workers share one copy.

DuckDB 2.0 is used WITHOUT the spatial extension (docs/adr/0002-duckdb-without-spatial.md): its core reads
GeoParquet geometry natively and hands it over Arrow as WKB (geoarrow.wkb), which shapely decodes. SQL only
filters, joins and counts; areas are computed once in Python, in Lambert-93, when the data is built.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from geodata.catalog_files import Lease, default_cache_dir, open_shared
from geodata.errors import InvalidDatasetError
from geodata.provenance import Provenance
from geodata.schema import DATASETS, PROVENANCE_FILE
from geodata.validate import validate_data_dir

# Part of the shared file's name: a file built by an older layout of the tables is never reused.
# Change it whenever _write_tables changes.
_TABLES_LAYOUT = "t1"


@dataclass(frozen=True)
class Catalog:
    data_dir: Path
    connection: duckdb.DuckDBPyConnection = field(repr=False)
    provenance: dict[str, Provenance]
    row_counts: dict[str, int]
    version: str  # a digest of the dataset files: what caches and ETags of served data are keyed by

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of the shared read-only connection: take one per request or thread."""
        return self.connection.cursor()

    @property
    def is_sample(self) -> bool:
        """True when any dataset is sample data (the real commune outline alone does not make it real)."""
        return any(entry.sample for entry in self.provenance.values())


def open_catalog(data_dir: Path, cache_dir: Path | None = None) -> Catalog:
    """Validates every dataset (InvalidDatasetError on the first problem), then opens a read-only copy.

    `cache_dir` holds the shared copies (default: a private directory in the system's temp dir)."""
    data_dir = Path(data_dir).resolve()
    before = _file_stamps(data_dir)
    version = data_version(data_dir)
    validated = validate_data_dir(data_dir)
    # The checked columns are garbage now; Arrow's allocator would keep their pages (~90 MB per worker
    # at city size).
    pa.default_memory_pool().release_unused()
    connection, lease = _shared_copy(data_dir, before, f"{version}-{_TABLES_LAYOUT}", cache_dir)
    catalog = Catalog(data_dir, connection, validated.provenance, validated.row_counts, version)
    # Runs when the catalog is collected and at interpreter exit (atexit), including an exit on SIGTERM.
    weakref.finalize(catalog, _dispose, connection, lease)
    return catalog


def _shared_copy(
    data_dir: Path, before: dict[Path, Stamp | None], key: str, cache_dir: Path | None
) -> tuple[duckdb.DuckDBPyConnection, Lease]:
    """The read-only connection to the copy of this data, made now unless another process made it."""
    build = functools.partial(_write_checked_tables, data_dir, before)
    connection, lease = open_shared(cache_dir or default_cache_dir(), key, build, _connect_read_only)
    try:
        _check_unchanged(data_dir, before)
    except BaseException:
        _dispose(connection, lease)
        raise
    return connection, lease


def data_version(data_dir: Path) -> str:
    """A short digest of every dataset file and the provenance: equal content, equal version.
    A missing file is left to validation to name (it digests as absent)."""
    digest = hashlib.sha256()
    for path in [*(spec.path(data_dir) for spec in DATASETS), data_dir / PROVENANCE_FILE]:
        digest.update(path.name.encode())
        try:
            with path.open("rb") as file:
                digest.update(hashlib.file_digest(file, "sha256").digest())
        except OSError:
            digest.update(b"absent")
    return digest.hexdigest()[:16]


def _write_checked_tables(data_dir: Path, before: dict[Path, Stamp | None], database: Path) -> None:
    _write_tables(data_dir, database)
    _check_unchanged(data_dir, before)  # before the copy is published for other processes


def _write_tables(data_dir: Path, database: Path) -> None:
    """Copies each dataset into a TABLE of a new database file."""
    with duckdb.connect(str(database)) as writer:
        # DuckDB draws a progress bar for statements over 2 s (a city-sized copy): start-up prints one
        # line or nothing. Under Jupyter, DuckDB refuses to touch the setting without ipywidgets; it draws
        # no terminal bar there anyway. (Local: the read-only connection's cursors keep the default.)
        with contextlib.suppress(duckdb.InvalidInputException):
            writer.execute("SET enable_progress_bar = false")
        for spec in DATASETS:
            writer.execute(_table_statement(spec.name, spec.path(data_dir)))


def _connect_read_only(database: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(database), read_only=True)


def _table_statement(name: str, parquet: Path) -> str:
    # Names come from geodata.schema and paths from our own settings, never from user text; both are
    # quoted anyway (DDL cannot take bound parameters).
    table, source = _identifier(name), _literal(str(parquet))
    return f"CREATE TABLE {table} AS SELECT * FROM read_parquet({source})"  # noqa: S608 - quoted, not user text


Stamp = tuple[int, int]  # (size in bytes, modification time in ns)


def _file_stamps(data_dir: Path) -> dict[Path, Stamp | None]:
    return {spec.path(data_dir): _stamp(spec.path(data_dir)) for spec in DATASETS}


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _check_unchanged(data_dir: Path, before: dict[Path, Stamp | None]) -> None:
    """Refuses a dataset file that was replaced or modified between validation and copy."""
    for path, stamp in _file_stamps(data_dir).items():
        if stamp != before[path]:
            raise InvalidDatasetError(path, "changed on disk while the twin was loading it; start again")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _dispose(connection: duckdb.DuckDBPyConnection, lease: Lease) -> None:
    connection.close()
    lease.release()
