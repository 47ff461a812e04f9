"""The KPI figures: floor area, occupied and vacant (the scenario's when one is shown), spaces booked and
free parking at the chosen time. The page's strip (callbacks/kpis.py) and the council brief (api/brief.py)
both show these, so a figure on paper is the figure on screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from geodata.indicators import indicators
from geodata.queries import FloorAreaKpis, booked_spaces_count, floor_area_kpis, free_parking_total
from geodata.scenario import ScenarioDocument
from texts.formats import format_area, format_number, format_percent
from texts.i18n import Lang, t


@dataclass(frozen=True)
class KpiFigure:
    kpi_id: str
    label: str
    value: str
    detail: str = ""


def _share(share: float, baseline: float | None, lang: Lang) -> str:
    """ "43 %", or in a scenario "43 % (aujourd'hui : 23 %)"."""
    if baseline is None:
        return format_percent(share, lang)
    return t(
        "kpi_share_vs_today", lang, share=format_percent(share, lang), today=format_percent(baseline, lang)
    )


def _unknown(area: FloorAreaKpis, lang: Lang) -> str:
    """ "dont 12 300 m² non renseignés": occupied and vacant count only what is known, so say what is not."""
    return t("kpi_unknown_detail", lang, area=format_area(area.unknown_m2, lang)) if area.unknown_m2 else ""


def kpi_figures(
    con: duckdb.DuckDBPyConnection,
    at: datetime,
    lang: Lang,
    area: FloorAreaKpis | None = None,
    baseline: FloorAreaKpis | None = None,
) -> list[KpiFigure]:
    """The strip; `area` is the scenario's when one is shown, with `baseline` beside it for comparison."""
    area = area or floor_area_kpis(con)
    today = (baseline.occupied_share, baseline.vacant_share) if baseline else (None, None)
    booked = booked_spaces_count(con, at)
    free, capacity = free_parking_total(con, at)
    when = t("kpi_at", lang, date=f"{at:%d/%m/%Y}", time=f"{at:%H:%M}")
    return [
        KpiFigure("total", t("kpi_total", lang), format_area(area.total_m2, lang), _unknown(area, lang)),
        KpiFigure("occupied", t("kpi_occupied", lang), format_area(area.occupied_m2, lang),
                  _share(area.occupied_share, today[0], lang)),
        KpiFigure("vacant", t("kpi_vacant", lang), format_area(area.vacant_m2, lang),
                  _share(area.vacant_share, today[1], lang)),
        KpiFigure("booked", t("kpi_booked", lang), format_number(booked, lang), when),
        KpiFigure("parking", t("kpi_parking", lang), format_number(free, lang),
                  t("kpi_of_capacity", lang, capacity=format_number(capacity, lang))),
    ]  # fmt: skip


def scenario_floor_area(con: duckdb.DuckDBPyConnection, document: ScenarioDocument) -> FloorAreaKpis:
    """The floor areas of a scenario, from its indicators."""
    figures = indicators(con, document)
    total, occupied, vacant = figures["floor_area_m2"], figures["occupied_m2"], figures["vacant_m2"]
    unknown = round(total - occupied - vacant)  # the rest: floors of unknown status (rounding noise: 0)
    return FloorAreaKpis(total, occupied, vacant, figures["occupied_share"], vacant / total if total else 0.0,
                         float(max(unknown, 0)))  # fmt: skip
