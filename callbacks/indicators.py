"""The indicators of the scenario shown, against the baseline: a table with the changes, a chart of the
changes and a few sentences generated from the numbers. The figures come from geodata.indicators (DuckDB
over the baseline plus the scenario's changes) with the ratios of geodata.ratios."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, State, html

from callbacks import inputs
from callbacks.compare import Comparison, parse_comparison
from callbacks.language import chosen_lang
from callbacks.scenario_state import Working, shown, working
from callbacks.services import Services
from components import ids
from geodata.catalog import Catalog
from geodata.indicators import indicators, scenario_floors
from geodata.ratios import Ratio, ratios_with
from geodata.scenario import NewBuilding, ScenarioDocument
from texts.formats import format_area, format_number, format_percent
from texts.i18n import Lang, t
from texts.summary import ChangeGroup, scenario_summary

SHOWN = ("floor_area_m2", "occupied_m2", "vacant_m2", "occupied_share", "dwellings", "residents", "jobs",
         "parking_demand", "parking_supply", "green_m2", "energy_mwh", "protected_touched")  # fmt: skip
IN_SUMMARY = ("dwellings", "jobs", "vacant_m2", "occupied_share")
BAR_COLOURS = ("#0072B2", "#D55E00")  # Okabe-Ito blue (up) and vermillion (down)


def formatted(name: str, value: float, lang: Lang) -> str:
    if name.endswith("_share"):
        return format_percent(value, lang)
    return format_area(value, lang) if name.endswith("_m2") else format_number(value, lang)


def _delta(name: str, base: float, value: float, lang: Lang) -> str:
    change = value - base
    if abs(change) < 1e-9:
        return "="
    if name.endswith("_share"):
        return ("+" if change > 0 else "−") + format_number(abs(change) * 100, lang, 1) + " pt"
    return ("+" if change > 0 else "−") + formatted(name, abs(change), lang)


def indicators_table(
    base: Mapping[str, float], scenario: Mapping[str, float], lang: Lang, reference: str | None = None
) -> html.Table:
    """Indicator by indicator: the reference (the baseline, or the scenario compared with), the scenario
    and the change."""
    labels = [t("col_indicator", lang), reference or t("col_baseline", lang), t("col_scenario", lang),
              t("col_delta", lang)]  # fmt: skip
    head = html.Tr([html.Th(label, scope="col") for label in labels])
    rows = [
        html.Tr([html.Th(t(f"indicator_{name}", lang), scope="row"),
                 html.Td(formatted(name, base[name], lang), className="num"),
                 html.Td(formatted(name, scenario[name], lang), className="num"),
                 html.Td(_delta(name, base[name], scenario[name], lang), className="num delta")],
                id=f"indicator-{name}")
        for name in SHOWN
        if name in base and name in scenario
    ]  # fmt: skip
    return html.Table([html.Thead(head), html.Tbody(rows)], className="indicators-grid")


def deltas_figure(base: Mapping[str, float], scenario: Mapping[str, float], lang: Lang) -> go.Figure:
    """Each indicator's change in % of the baseline (the absolute change as the bar's text); unchanged
    indicators are left out."""
    names = [n for n in SHOWN if n in base and base[n] and abs(scenario[n] - base[n]) > 1e-9]
    shares = [100 * (scenario[n] - base[n]) / abs(base[n]) for n in names]
    figure = go.Figure(go.Bar(
        x=shares, y=[t(f"indicator_{n}", lang) for n in names], orientation="h",
        marker_color=[BAR_COLOURS[0] if s >= 0 else BAR_COLOURS[1] for s in shares],
        text=[_delta(n, base[n], scenario[n], lang) for n in names], textposition="outside",
        cliponaxis=False, hoverinfo="text+y",
    ))  # fmt: skip
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 30}, height=max(160, 34 * len(names) + 50),
        xaxis={"title": {"text": t("col_delta", lang) + " (%)"}, "zeroline": True, "range": _padded(shares)},
        yaxis={"autorange": "reversed", "automargin": True}, paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)", separators=", " if lang == "fr" else ".,",
    )  # fmt: skip
    return figure


def ratios_table(ratios: Mapping[str, Ratio], lang: Lang) -> html.Details:
    """Every ratio behind the figures, with its unit and source; a scenario's own values are marked."""
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("col_ratio", "col_value", "col_source")])
    rows = [
        html.Tr([html.Td(html.Code(name)),
                 html.Td([f"{format_number(r.value, lang, 2 if r.value % 1 else 0)} {r.unit}",
                          html.Br() if r.overridden else "",
                          html.Em(t("ratio_overridden", lang)) if r.overridden else ""], className="nowrap"),
                 html.Td([r.source, html.Br(), html.Small(r.note)] if r.note else r.source)])
        for name, r in ratios.items()
    ]  # fmt: skip
    table = html.Table([html.Thead(head), html.Tbody(rows)], className="ratios-table")
    return html.Details([html.Summary(t("ratios_title", lang)), table], className="ratios")


def _padded(shares: list[float]) -> list[float]:
    """The x range with room for the bars' labels outside them, on both sides of zero."""
    low, high = min([0.0, *shares]), max([0.0, *shares])
    span = max(high - low, 1.0)
    return [low - 0.45 * span if low < 0 else -0.05 * span, high + 0.45 * span if high > 0 else 0.05 * span]


def change_groups(catalog: Catalog, document: ScenarioDocument) -> list[ChangeGroup]:
    """The scenario's changed floors, grouped by building, kind and use, in building order."""
    groups: dict[tuple[str, str, str], list[float]] = {}
    for row in scenario_floors(catalog.cursor(), document).to_pylist():
        if row["change"]:
            use = row["use"] if row["change"] == "use" else ""
            groups.setdefault((row["building_id"], row["change"], use), []).append(row["area_m2"])
    names = {c.id: c.name for c in document.changes if isinstance(c, NewBuilding)}  # new ones by their name
    return [ChangeGroup(kind, names.get(building, building), len(areas), sum(areas), use)
            for (building, kind, use), areas in groups.items()]  # fmt: skip


def _reference(services: Services, search: object) -> tuple[str, dict[str, float]] | None:
    """With `?compare=<other scenario>`, that scenario's name and figures: the table's reference column."""
    comparison = parse_comparison(inputs.query_string(search), services.latest_version)
    param = comparison.left.param if isinstance(comparison, Comparison) else None
    document = services.resolve_scenario(param) if param else None
    return (document.name, indicators(services.catalog.cursor(), document)) if document else None


def _section(
    catalog: Catalog, base: Mapping[str, float], work: Working, lang: Lang, reference: str | None
) -> tuple[Any, ...]:
    document = work.parsed()
    if document is None:
        return True, "", [], {}, ""
    scenario = indicators(catalog.cursor(), document)
    labels = {name: t(f"indicator_{name}", lang).lower() for name in IN_SUMMARY}  # mid-sentence
    summary = scenario_summary(document.name, change_groups(catalog, document), base, scenario, labels, lang)
    title = f"{t('indicators_title', lang)} — {document.name}"
    tables = [
        indicators_table(base, scenario, lang, reference),
        ratios_table(ratios_with(document.ratios), lang),
    ]
    return False, title, tables, deltas_figure(base, scenario, lang), summary


def register(app: Dash, services: Services) -> None:
    baseline = functools.cache(lambda: indicators(services.catalog.cursor(), None))  # read-only catalog

    @app.callback(
        Output(ids.INDICATORS, "hidden"),
        Output(ids.INDICATORS_TITLE, "children"),
        Output(ids.INDICATORS_TABLE, "children"),
        Output(ids.INDICATORS_CHART, "figure"),
        Output(ids.INDICATORS_SUMMARY, "children"),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
        State(ids.URL, "search"),
    )
    def show_indicators(data: object, value: object, search: object) -> tuple[Any, ...]:
        work = working(services, shown(data), services.current_account())
        if work is None:
            return True, "", [], {}, ""
        other = _reference(services, search)
        base, name = (other[1], other[0]) if other else (baseline(), None)
        return _section(services.catalog, base, work, chosen_lang(value), name)
