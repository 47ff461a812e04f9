"""The KPI strip: floor area, occupied and vacant (the scenario's when one is shown), spaces booked and free
parking at the chosen time."""

from __future__ import annotations

import functools
from datetime import datetime

from dash import Dash, Input, Output, html

from callbacks.language import chosen_lang
from callbacks.scenario_state import shown, working
from callbacks.services import Services
from callbacks.time_choice import parse_instant
from components import ids
from components.panels import kpi_card
from geodata.catalog import Catalog
from geodata.indicators import indicators
from geodata.queries import FloorAreaKpis, booked_spaces_count, floor_area_kpis, free_parking_total
from texts.formats import format_area, format_number, format_percent
from texts.i18n import Lang, t


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


def kpi_cards(
    catalog: Catalog,
    at: datetime,
    lang: Lang,
    area: FloorAreaKpis | None = None,
    baseline: FloorAreaKpis | None = None,
) -> list[html.Div]:
    """The strip; `area` is the scenario's when one is shown, with `baseline` beside it for comparison."""
    con = catalog.cursor()
    area = area or floor_area_kpis(con)
    today = (baseline.occupied_share, baseline.vacant_share) if baseline else (None, None)
    booked = booked_spaces_count(con, at)
    free, capacity = free_parking_total(con, at)
    when = t("kpi_at", lang, date=f"{at:%d/%m/%Y}", time=f"{at:%H:%M}")
    return [
        kpi_card(t("kpi_total", lang), format_area(area.total_m2, lang), _unknown(area, lang),
                 kpi_id="total"),
        kpi_card(t("kpi_occupied", lang), format_area(area.occupied_m2, lang),
                 _share(area.occupied_share, today[0], lang), kpi_id="occupied"),
        kpi_card(t("kpi_vacant", lang), format_area(area.vacant_m2, lang),
                 _share(area.vacant_share, today[1], lang), kpi_id="vacant"),
        kpi_card(t("kpi_booked", lang), format_number(booked, lang), when, kpi_id="booked"),
        kpi_card(t("kpi_parking", lang), format_number(free, lang),
                 t("kpi_of_capacity", lang, capacity=format_number(capacity, lang)), kpi_id="parking"),
    ]  # fmt: skip


def scenario_area(services: Services, data: object) -> FloorAreaKpis | None:
    """The floor areas of the scenario shown (None for the baseline, or one this visitor may not see)."""
    work = working(services, shown(data), services.current_account())
    document = work.parsed() if work else None
    if document is None:
        return None
    figures = indicators(services.catalog.cursor(), document)
    total, occupied, vacant = figures["floor_area_m2"], figures["occupied_m2"], figures["vacant_m2"]
    unknown = round(total - occupied - vacant)  # the rest: floors of unknown status (rounding noise: 0)
    return FloorAreaKpis(total, occupied, vacant, figures["occupied_share"], vacant / total if total else 0.0,
                         float(max(unknown, 0)))  # fmt: skip


def register(app: Dash, services: Services) -> None:
    catalog = services.catalog
    # Floor areas do not depend on the time and the catalog is read-only: summed once per app.
    area = functools.cache(lambda: floor_area_kpis(catalog.cursor()))

    @app.callback(
        Output(ids.KPI_STRIP, "children"),
        Input(ids.AT, "data"),
        Input(ids.LANG, "value"),
        Input(ids.SCENARIO, "data"),
    )
    def show_kpis(at: object, value: object, scenario: object) -> list[html.Div]:
        instant = parse_instant(at)
        if instant is None:
            return []
        chosen = scenario_area(services, scenario)
        lang = chosen_lang(value)
        return kpi_cards(catalog, instant, lang, chosen or area(), area() if chosen else None)
