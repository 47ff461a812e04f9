"""The map's data as plain tables, for screen readers and for anyone who prefers figures to colours. Each
layer names its table's query and columns (layers/base.py::DataTable); this only lays them out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from layers.base import TableColumn
from texts.formats import format_value
from texts.i18n import Lang, t

Row = dict[str, Any]
NUMERIC_FORMATS = ("int", "m2", "percent")  # right-aligned, like numbers in print


def _cell(tag: type[html.Th] | type[html.Td], text: str, column: TableColumn) -> Any:
    scope: dict[str, Any] = (
        {"scope": "col"} if tag is html.Th else {}
    )  # a header names its column for screen readers
    return tag(text, className="num" if column.format in NUMERIC_FORMATS else None, **scope)


def data_table(caption: str, columns: Sequence[TableColumn], rows: Sequence[Row], lang: Lang) -> html.Table:
    header = html.Tr([_cell(html.Th, t(column.header_key, lang), column) for column in columns])
    body = [
        html.Tr([_cell(html.Td, format_value(row[c.field], c.format, lang, row), c) for c in columns])
        for row in rows
    ]
    return html.Table([html.Caption(caption), html.Thead(header), html.Tbody(body)], className="data-table")
