"""The KPI strip: floor area, occupied and vacant (the scenario's when one is shown), spaces booked and free
parking at the chosen time; the figures are components/kpis.py's (the council brief shows the same)."""

from __future__ import annotations

import functools
from datetime import datetime

from dash import Dash, Input, Output, html

from callbacks.language import chosen_lang
from callbacks.scenario_state import shown, working
from callbacks.services import Services
from callbacks.time_choice import parse_instant
from components import ids
from components.kpis import kpi_figures, scenario_floor_area
from components.panels import kpi_card
from geodata.catalog import Catalog
from geodata.queries import FloorAreaKpis, floor_area_kpis
from texts.i18n import Lang


def kpi_cards(
    catalog: Catalog,
    at: datetime,
    lang: Lang,
    area: FloorAreaKpis | None = None,
    baseline: FloorAreaKpis | None = None,
) -> list[html.Div]:
    """The strip; `area` is the scenario's when one is shown, with `baseline` beside it for comparison."""
    figures = kpi_figures(catalog.cursor(), at, lang, area, baseline)
    return [kpi_card(f.label, f.value, f.detail, kpi_id=f.kpi_id) for f in figures]


def scenario_area(services: Services, data: object) -> FloorAreaKpis | None:
    """The floor areas of the scenario shown (None for the baseline, or one this visitor may not see)."""
    work = working(services, shown(data), services.current_account())
    document = work.parsed() if work else None
    return None if document is None else scenario_floor_area(services.catalog.cursor(), document)


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
