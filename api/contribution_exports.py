"""Contributions as files: CSV (a header row, UTF-8) and GeoJSON (Point features in EPSG:4326, the
properties being each item's JSON), named contributions-<date>.<ext>.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return that hides one) as a
formula, and the texts come from anyone: such a text cell gets a leading apostrophe, which spreadsheets
show as plain text. Numbers are written as numbers (a negative one is not a formula)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date

from flask import Response

PUBLIC_COLUMNS = ("id", "created_at", "category", "status", "text", "pseudonym", "answer", "answer_scenario",
                  "answered_at", "building_id", "floor_id", "level", "lon", "lat", "scenario", "shown_at",
                  "supports")  # fmt: skip
MODERATOR_COLUMNS = (*PUBLIC_COLUMNS, "moderation", "auto_hidden", "reports")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Item = Mapping[str, object]  # a contribution's public_json or moderator_json


def csv_export(items: Iterable[Item], moderator: bool) -> Response:
    columns = MODERATOR_COLUMNS if moderator else PUBLIC_COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(item.get(column)) for column in columns] for item in items)
    return _attachment(out.getvalue(), "text/csv", "csv")


def geojson_export(items: Iterable[Item]) -> Response:
    features = [
        {"type": "Feature", "id": item["id"], "properties": dict(item),
         "geometry": {"type": "Point", "coordinates": [item["lon"], item["lat"]]}}
        for item in items
    ]  # fmt: skip
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return _attachment(text, "application/geo+json", "geojson")


def cell(value: object) -> str:
    """One CSV cell: empty for null, id@version for a scenario reference, text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return f"{value.get('id')}@{value.get('version')}"
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    return str(value)


def _attachment(text: str, mimetype: str, extension: str) -> Response:
    name = f"contributions-{date.today().isoformat()}.{extension}"
    response = Response(text.encode(), content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
