"""Dash pieces filled by callbacks: legends, KPI cards, the building's floor table, the sources table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from components import ids
from layers.base import Legend
from texts.formats import format_area, format_date, format_number, level_label
from texts.i18n import Lang, data_value, dataset_title, t


def swatch(rgba: Sequence[int]) -> html.Span:
    r, g, b, a = rgba
    return html.Span(className="swatch", style={"backgroundColor": f"rgba({r},{g},{b},{a / 255:.2f})"})


def legend_block(legend: Legend, source: str) -> html.Div:
    items = [html.Li([swatch(item.color), html.Span(item.label)]) for item in legend.items]
    return html.Div(
        [
            html.Div(legend.title, className="legend-title"),
            html.Ul(items, className="legend-items"),
            html.Div(source, className="legend-source"),
        ],
        id={"type": ids.LEGEND_TYPE, "key": legend.key},
        className="legend",
    )


def kpi_card(label: str, value: str, detail: str = "", kpi_id: str = "") -> html.Div:
    return html.Div(
        [html.Div(label, className="kpi-label"), html.Div(value, className="kpi-value"),
         html.Div(detail, className="kpi-detail")],
        className="kpi", id=f"kpi-{kpi_id}",
    )  # fmt: skip


def _change_tag(change: str | None, lang: Lang) -> html.Span | str:
    """A scenario's change to this floor ("niveau modifié", "bâtiment démoli"…), or nothing."""
    return html.Span(t(f"legend_change_{change}", lang), className="change-tag") if change else ""


def _status_cell(status: str | None, lang: Lang) -> html.Td:
    """occupé / vacant, or "non renseigné" when the data says nothing (status NULL)."""
    shown = status or "unknown"
    return html.Td(t(f"value_{shown}", lang), className=f"status-{shown}")


def floors_table(rows: Sequence[dict[str, Any]], lang: Lang) -> html.Table:
    """The floors of one building, as a table a screen reader can read too."""
    header = html.Tr(
        [
            html.Th(t(key, lang), scope="col")
            for key in ("col_level", "col_area", "col_status", "col_use", "col_occupant")
        ]
    )
    body = [
        html.Tr([
            html.Td(level_label(row["level"], lang)),
            html.Td(format_area(row["area_m2"], lang), className="num"),
            _status_cell(row["status"], lang),
            html.Td([data_value(row["use"], lang) if row["use"] else "—",
                     _change_tag(row.get("change"), lang)]),
            html.Td(row["occupant"] or "—"),
        ], className=f"floor-change-{row['change']}" if row.get("change") else None)
        for row in rows
    ]  # fmt: skip
    return html.Table([html.Thead(header), html.Tbody(body)], className="floors-table")


def _dataset_cell(entry: dict[str, Any], lang: Lang) -> html.Td:
    sample = entry["sample"]
    label, css = ("label_sample", "tag-sample") if sample else ("label_real", "tag-real")
    tag = html.Span(t(label, lang), className=css)
    title = html.Strong(dataset_title(entry["dataset"], entry["title"], lang))
    return html.Td([title, html.Br(), html.Code(entry["dataset"]), " ", tag])


def sources_table(entries: Sequence[dict[str, Any]], lang: Lang) -> html.Table:
    """One row per dataset: where it comes from, when, under which licence, sample or real."""
    keys = ("col_dataset", "col_source", "col_date", "col_licence", "col_rows")
    header = html.Tr([html.Th(t(key, lang), scope="col") for key in keys])
    body = [
        html.Tr([
            _dataset_cell(e, lang),
            html.Td([e["source"], html.Br(), html.Small(e["note"])] if e["note"] else e["source"]),
            html.Td(format_date(e["date"], lang), className="nowrap"),
            html.Td(e["licence"]),
            html.Td(format_number(e["rows"], lang), className="num"),
        ])
        for e in entries
    ]  # fmt: skip
    return html.Table([html.Thead(header), html.Tbody(body)], className="sources-table")
