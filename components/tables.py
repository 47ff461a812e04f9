"""The map's data as plain tables, for screen readers and for anyone who prefers figures to colours."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import html

from layers.base import level_label
from layers.i18n import Lang, data_value, format_area, format_date, format_number, t

Row = dict[str, Any]
Column = tuple[str, Callable[[Row, Lang], str], bool]  # header key, cell text, numeric


def _table(caption: str, columns: Sequence[Column], rows: Sequence[Row], lang: Lang) -> html.Table:
    header = html.Tr(
        [html.Th(t(key, lang), className="num" if numeric else None) for key, _, numeric in columns]
    )
    body = [
        html.Tr(
            [html.Td(cell(row, lang), className="num" if numeric else None) for _, cell, numeric in columns]
        )
        for row in rows
    ]
    return html.Table([html.Caption(caption), html.Thead(header), html.Tbody(body)], className="data-table")


BUILDING_COLUMNS: tuple[Column, ...] = (
    ("tt_building", lambda r, _: f"{r['building_id']} — {r['building_name']}", False),
    ("col_floors", lambda r, lang: format_number(r["floors"], lang), True),
    ("kpi_occupied", lambda r, lang: format_area(r["occupied_m2"], lang), True),
    ("kpi_vacant", lambda r, lang: format_area(r["vacant_m2"], lang), True),
)
BOOKING_COLUMNS: tuple[Column, ...] = (
    ("col_space", lambda r, _: r["space_name"], False),
    ("tt_kind", lambda r, lang: t(f"value_{r['kind']}", lang), False),
    ("tt_building", lambda r, _: r["building_name"], False),
    ("tt_level", lambda r, lang: level_label(r["level"], lang), False),
    ("tt_booked_by", lambda r, _: r["booked_by"], False),
    ("tt_slot", lambda r, _: f"{r['start']:%H:%M} – {r['end']:%H:%M}", False),
)
PLOT_COLUMNS: tuple[Column, ...] = (
    ("col_plot", lambda r, _: r["name"], False),
    ("tt_habitat", lambda r, lang: data_value(r["habitat"], lang), False),
    ("tt_species", lambda r, lang: format_number(r["species_count"], lang), True),
    ("tt_last_observed", lambda r, lang: format_date(str(r["last_observed"] or "—"), lang), False),
)
PARKING_COLUMNS: tuple[Column, ...] = (
    ("col_lot", lambda r, _: r["name"], False),
    (
        "tt_free",
        lambda r, lang: "—" if r["free_spaces"] is None else format_number(r["free_spaces"], lang),
        True,
    ),
    ("tt_capacity", lambda r, lang: format_number(r["capacity"], lang), True),
)


def data_tables(tables: dict[str, Sequence[Row]], lang: Lang) -> list[html.Table]:
    """One table per map layer, captioned with the layer's name."""
    return [
        _table(t("layer_occupancy", lang), BUILDING_COLUMNS, tables["buildings"], lang),
        _table(t("layer_bookings", lang), BOOKING_COLUMNS, tables["bookings"], lang),
        _table(t("layer_biodiversity", lang), PLOT_COLUMNS, tables["plots"], lang),
        _table(t("layer_parking", lang), PARKING_COLUMNS, tables["parking"], lang),
    ]
