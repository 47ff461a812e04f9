"""The map's data as sortable, filterable grids (dash-ag-grid), with a totals row and share columns.

Each cell travels twice: `v<i>`, the value the grid sorts and number-filters on (a number, an ISO date, a
zero-padded building number), and `t<i>`, the text shown, formatted by texts/formats.py the French way
(110 000 m², 25 %). The grid's own words (menus, filters) come from the translation table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import dash_ag_grid as dag
from dash import html

from layers.base import TableColumn
from texts.formats import format_percent, format_value
from texts.grid import AG_GRID_KEYS
from texts.i18n import Lang, t

Row = dict[str, Any]
NUMERIC = ("int", "m2", "percent")
SUMMED = ("int", "m2")  # added up in the totals row; m² also get a share column
NOT_ADDITIVE = frozenset({"species_count"})  # a species seen on two plots is one species, not two
AUTO_HEIGHT_ROWS = 12  # longer grids scroll inside a fixed height
GRID_HEIGHT_PX = 420
DEFAULT_COLUMN = {"sortable": True, "resizable": True, "flex": 1, "minWidth": 110, "wrapHeaderText": True,
                  "autoHeaderHeight": True}  # fmt: skip


def locale_text(lang: Lang) -> dict[str, str]:
    return {key: t(f"aggrid_{key}", lang) for key in AG_GRID_KEYS}


def sort_value(value: Any, form: str) -> Any:
    """What a column sorts on: numbers as numbers, times as ISO text, building numbers zero-padded."""
    if value is None or form in NUMERIC or form == "level":
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if form == "building":
        text = str(value)
        return f"{int(text):09d}" if text.isdigit() else f"~{text}"
    return str(value)


def _is_summed(column: TableColumn) -> bool:
    return column.format in SUMMED and column.field not in NOT_ADDITIVE


def _totals(columns: Sequence[TableColumn], rows: Sequence[Row]) -> dict[str, float]:
    totals = {c.field: float(sum(row[c.field] or 0 for row in rows)) for c in columns if _is_summed(c)}
    for column in columns:
        share = _ratio_total(column.ratio_of, rows) if column.ratio_of else None
        if share is not None:
            totals[column.field] = share
    return totals


def _ratio_total(ratio_of: tuple[str, str], rows: Sequence[Row]) -> float | None:
    """Σ numerator / Σ denominator over the rows that have both (a lot not yet observed counts in neither,
    as in the KPI strip)."""
    numerator, denominator = ratio_of
    counted = [row for row in rows if row[numerator] is not None and row[denominator]]
    below = sum(row[denominator] for row in counted)
    return float(sum(row[numerator] for row in counted)) / below if below else None


def _cells(columns: Sequence[TableColumn], row: Row, totals: dict[str, float], lang: Lang) -> Row:
    cells: Row = {}
    for i, column in enumerate(columns):
        value = row[column.field]
        cells[f"v{i}"], cells[f"t{i}"] = (
            sort_value(value, column.format),
            format_value(value, column.format, lang, row),
        )
        if column.format == "m2":
            share = (value or 0) / totals[column.field] if totals.get(column.field) else None
            cells[f"s{i}"], cells[f"u{i}"] = share, format_value(share, "percent", lang)
    return cells


def _total_row(columns: Sequence[TableColumn], totals: dict[str, float], count: int, lang: Lang) -> Row:
    row: Row = {"v0": None, "t0": t("grid_total", lang, count=count)}
    for i, column in enumerate(columns):
        if i and column.field in totals:
            row[f"v{i}"], row[f"t{i}"] = (
                totals[column.field],
                format_value(totals[column.field], column.format, lang),
            )
        if column.format == "m2" and column.field in totals:
            row[f"s{i}"], row[f"u{i}"] = 1.0, format_percent(1.0, lang)
    return row


def _column_defs(columns: Sequence[TableColumn], lang: Lang) -> list[dict[str, Any]]:
    defs: list[dict[str, Any]] = []
    for i, column in enumerate(columns):
        header = t(column.header_key, lang)
        defs.append(_column_def(f"v{i}", f"t{i}", header, column.format in NUMERIC))
        if column.format == "m2":
            defs.append(_column_def(f"s{i}", f"u{i}", t("grid_share", lang, column=header), True))
    return defs


def _column_def(value: str, text: str, header: str, numeric: bool) -> dict[str, Any]:
    shown = {"function": f"params.data ? params.data.{text} : ''"}
    column: dict[str, Any] = {"field": value, "headerName": header, "valueFormatter": shown}
    if numeric:
        return {**column, "filter": "agNumberColumnFilter", "type": "rightAligned"}
    return {**column, "filter": "agTextColumnFilter", "filterValueGetter": shown}


def data_grid(grid_id: str, columns: Sequence[TableColumn], rows: Sequence[Row], lang: Lang) -> dag.AgGrid:
    totals = _totals(columns, rows)
    options: dict[str, Any] = {
        "localeText": locale_text(lang),
        "enableCellTextSelection": True,
        "ensureDomOrder": True,  # screen readers read the rows in their sorted order
        "suppressColumnVirtualisation": True,
    }
    if totals:
        options["pinnedBottomRowData"] = [_total_row(columns, totals, len(rows), lang)]
    tall = len(rows) > AUTO_HEIGHT_ROWS
    if not tall:
        options["domLayout"] = "autoHeight"
    return dag.AgGrid(
        id=grid_id,
        columnDefs=_column_defs(columns, lang),
        rowData=[_cells(columns, row, totals, lang) for row in rows],
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "flex": 1,
            "minWidth": 110,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions=options,
        style={"height": f"{GRID_HEIGHT_PX}px" if tall else None, "width": "100%"},
        className="data-grid",
    )


def grid_block(grid: dag.AgGrid, caption: str, downloads: html.P | None) -> html.Section:
    """A grid under its title (which names the section for screen readers), with its download links."""
    title_id = f"{grid.id}-title"
    parts: list[Any] = [html.H3(caption, id=title_id), grid]
    if downloads is not None:
        parts.append(downloads)
    labelled: dict[str, Any] = {"aria-labelledby": title_id}
    return html.Section(parts, className="grid-block", **labelled)
