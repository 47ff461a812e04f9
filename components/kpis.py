"""The KPI figures: floor area, occupied and vacant (the scenario's when one is shown), spaces booked and
free parking at the chosen time. The page's strip (callbacks/kpis.py) and the council brief (api/brief.py)
both show these, so a figure on paper is the figure on screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from geodata.indicators import indicators
from geodata.queries import FloorAreaKpis, booked_spaces_count, floor_area_kpis, free_parking_total, has_rows
from geodata.scenario import ScenarioDocument
from texts.formats import format_area, format_number, format_percent
from texts.i18n import Lang, t

Baseline = tuple[float | None, float | None]  # today's occupied and vacant shares beside a scenario's


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


NO_FIGURE = "—"  # a figure the data cannot give: a dash and the reason, never a 0 that reads as a fact


def _figure(kpi: str, value: str, detail: str, lang: Lang) -> KpiFigure:
    return KpiFigure(kpi, t(f"kpi_{kpi}", lang), value, detail)


def _status_figures(area: FloorAreaKpis, today: Baseline, lang: Lang) -> list[KpiFigure]:
    """Occupied and vacant m²; a dash, "non renseigné", when no floor's status is known."""
    if area.total_m2 and not area.occupied_m2 and not area.vacant_m2:
        return [_figure(kpi, NO_FIGURE, t("kpi_not_known", lang), lang) for kpi in ("occupied", "vacant")]
    occupied, vacant = _share(area.occupied_share, today[0], lang), _share(area.vacant_share, today[1], lang)
    return [
        _figure("occupied", format_area(area.occupied_m2, lang), occupied, lang),
        _figure("vacant", format_area(area.vacant_m2, lang), vacant, lang),
    ]


def _booked_figure(con: duckdb.DuckDBPyConnection, at: datetime, when: str, lang: Lang) -> KpiFigure:
    if not has_rows(con, "spaces"):
        return _figure("booked", NO_FIGURE, t("kpi_no_data", lang), lang)
    return _figure("booked", format_number(booked_spaces_count(con, at), lang), when, lang)


def _parking_figure(con: duckdb.DuckDBPyConnection, at: datetime, when: str, lang: Lang) -> KpiFigure:
    """Free places in the car parks observed by `at`; a dash without car parks or before any observation."""
    if not has_rows(con, "parking_lots"):
        return _figure("parking", NO_FIGURE, t("kpi_no_data", lang), lang)
    free, capacity = free_parking_total(con, at)
    if not capacity:
        return _figure("parking", NO_FIGURE, t("kpi_no_observation", lang, when=when), lang)
    return _figure("parking", format_number(free, lang),
                   t("kpi_of_capacity", lang, capacity=format_number(capacity, lang)), lang)  # fmt: skip


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
    when = t("kpi_at", lang, date=f"{at:%d/%m/%Y}", time=f"{at:%H:%M}")
    return [
        _figure("total", format_area(area.total_m2, lang), _unknown(area, lang), lang),
        *_status_figures(area, today, lang),
        _booked_figure(con, at, when, lang),
        _parking_figure(con, at, when, lang),
    ]


def scenario_floor_area(con: duckdb.DuckDBPyConnection, document: ScenarioDocument) -> FloorAreaKpis:
    """The floor areas of a scenario, from its indicators."""
    figures = indicators(con, document)
    total, occupied, vacant = figures["floor_area_m2"], figures["occupied_m2"], figures["vacant_m2"]
    unknown = round(total - occupied - vacant)  # the rest: floors of unknown status (rounding noise: 0)
    return FloorAreaKpis(total, occupied, vacant, figures["occupied_share"], vacant / total if total else 0.0,
                         float(max(unknown, 0)))  # fmt: skip
