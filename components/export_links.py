"""Links to the exports (GET /export/<dataset>.<format>, api/exports.py), for the download links beside the
map's data tables: only the parameters an export reads are kept (at, scenario, version, lang), in that order,
so that one view gives one link."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlencode

from geodata.exports import EXPORTS, FORMATS

EXPORT_PARAMS = ("at", "scenario", "version", "lang")


def export_url(dataset: str, fmt: str, params: Mapping[str, object] | None = None) -> str:
    """'/export/floors.csv?at=2026-11-23T14:00&scenario=abc&version=2'. `params` may be the view's whole
    query (a datetime `at` is written to the minute; None and '' are left out). ValueError for a dataset or
    format the route does not serve: a link that could only answer 404 is a bug in the caller."""
    if dataset not in EXPORTS:
        raise ValueError(f"no export of dataset {dataset!r}")
    if fmt not in FORMATS:
        raise ValueError(f"no export format {fmt!r}")
    given = params or {}
    kept = [(name, _text(given[name])) for name in EXPORT_PARAMS if given.get(name) not in (None, "")]
    query = urlencode(kept, safe=":")  # readable colons in at=, as the page's address writes them
    return f"/export/{dataset}.{fmt}" + (f"?{query}" if query else "")


def _text(value: object) -> str:
    return f"{value:%Y-%m-%dT%H:%M}" if isinstance(value, datetime) else str(value)
