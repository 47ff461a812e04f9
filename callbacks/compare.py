"""The comparison link: `?scenario=<id>[&version=<n>]&compare=baseline|<id2>` shows two synchronised 3D views,
the baseline (or the other scenario's latest version) on the left, the scenario on the right. Every value is
checked; a bad one shows why and leaves the usual single map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from dash import Dash, Input, Output, html

from callbacks import inputs
from callbacks.language import chosen_lang, message_items
from components import ids
from components.compare import change_legend
from components.tables import data_table
from components.view_query import SCENARIO_ID, scenario_version
from geodata.catalog import Catalog
from geodata.scenario import ScenarioDocument, ScenarioError
from layers.scenario import TABLE_COLUMNS, legend, table_rows
from texts.i18n import Lang, t

# Given the id of a scenario, its latest version the current viewer may see, or None (unknown, or not theirs).
LatestVersion = Callable[[str], int | None]
# Given "<id>@<n>", that version's document if the current viewer may see it (as api/layer_data.py takes it).
ResolveScenario = Callable[[str], ScenarioDocument | None]
BASELINE = "baseline"
Problem = tuple[str, dict[str, str]]


def no_versions(_scenario_id: str) -> int | None:
    """The versions of an app without a scenario store: none."""
    return None


@dataclass(frozen=True)
class Side:
    """One view: a scenario version, or the baseline (scenario_id None)."""

    scenario_id: str | None = None
    version: int | None = None

    @property
    def param(self) -> str | None:
        """The map's `scenario` parameter for the data endpoint (api/layer_data.py)."""
        return None if self.scenario_id is None else f"{self.scenario_id}@{self.version}"


@dataclass(frozen=True)
class Comparison:
    left: Side
    right: Side


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _side(raw_id: str, raw_version: str | None, latest_version: LatestVersion) -> Side | Problem:
    latest = latest_version(raw_id) if SCENARIO_ID.fullmatch(raw_id) else None
    version = scenario_version(raw_id, raw_version, latest)
    return Side(raw_id, version) if isinstance(version, int) else version


def parse_comparison(search: str, latest_version: LatestVersion) -> Comparison | Problem | None:
    """The comparison the query string asks for, the first problem with it, or None when it asks none."""
    query = parse_qs(search.lstrip("?"), keep_blank_values=True)
    other = _first(query, "compare")
    if other is None:
        return None
    scenario = _first(query, "scenario")
    if scenario is None:
        return "error_compare_scenario", {}
    right = _side(scenario, _first(query, "version"), latest_version)
    # compare=<id> is that scenario's latest version, compare=<id>@<n> its version n (two versions of one
    # scenario side by side: ?scenario=abc&version=3&compare=abc@2).
    other_id, at, other_version = other.partition("@")
    left = Side() if other == BASELINE else _side(other_id, other_version if at else None, latest_version)
    for side in (right, left):
        if not isinstance(side, Side):
            return side
    assert isinstance(left, Side) and isinstance(right, Side)
    return Comparison(left, right)


def _document(side: Side, resolve: ResolveScenario) -> ScenarioDocument | None:
    return None if side.param is None else resolve(side.param)


def _title(side: Side, document: ScenarioDocument | None, lang: Lang) -> str:
    if side.scenario_id is None:
        return t("compare_baseline", lang)
    name = document.name if document is not None else side.scenario_id
    return t("compare_scenario", lang, name=name, version=str(side.version))


def _tables(catalog: Catalog, documents: list[ScenarioDocument | None], lang: Lang) -> list[Any]:
    """One table of changed floors per scenario shown (the baseline has none)."""
    con = catalog.cursor()
    return [
        data_table(document.name, TABLE_COLUMNS, table_rows(con, document), lang)
        for document in documents
        if document is not None
    ]


def bridge_spec(comparison: Comparison) -> dict[str, Any]:
    """What the bridge needs: each view's container and scenario parameter."""
    return {"left_id": ids.COMPARE_LEFT, "right_id": ids.COMPARE_RIGHT,
            "left": comparison.left.param, "right": comparison.right.param}  # fmt: skip


def no_documents(_text: str) -> ScenarioDocument | None:
    return None


def _hidden(problems: list[Any], lang: Lang) -> tuple[Any, ...]:
    """The outputs when no comparison shows: the usual map, and why not if the link was bad."""
    return None, True, False, "", "", [], message_items(problems, lang), True, "", [], "", ""


def _shown(
    comparison: Comparison, documents: list[ScenarioDocument | None], catalog: Catalog, lang: Lang
) -> tuple[Any, ...]:
    sides = (comparison.left, comparison.right)
    titles = [_title(side, document, lang) for side, document in zip(sides, documents, strict=True)]
    try:
        tables = _tables(catalog, documents, lang)
    except ScenarioError as error:  # a stored document the baseline cannot draw: say so, show no views
        return _hidden([["error_scenario_document", {"value": inputs.echo(str(error))}]], lang)
    labels = [
        f"{title} — {t('map_label', lang)}" for title in titles
    ]  # what each view is, for screen readers
    tables_body = [html.Div(tables, className="data-tables")]
    return (bridge_spec(comparison), False, True, *titles, change_legend(legend(lang)), [], False,
            t("compare_tables_title", lang), tables_body, *labels)  # fmt: skip


def register(
    app: Dash,
    catalog: Catalog,
    latest_version: LatestVersion = no_versions,
    resolve_scenario: ResolveScenario = no_documents,
) -> None:
    @app.callback(
        Output(ids.COMPARE_SPEC, "data"),
        Output(ids.COMPARE_AREA, "hidden"),
        Output(ids.MAP_AREA, "hidden"),
        Output(ids.COMPARE_LEFT_TITLE, "children"),
        Output(ids.COMPARE_RIGHT_TITLE, "children"),
        Output(ids.COMPARE_LEGEND, "children"),
        Output(ids.COMPARE_MESSAGES, "children"),
        Output(ids.COMPARE_TABLES, "hidden"),
        Output(ids.COMPARE_TABLES_TITLE, "children"),
        Output(ids.COMPARE_TABLES_BODY, "children"),
        Output(ids.COMPARE_LEFT, "aria-label"),
        Output(ids.COMPARE_RIGHT, "aria-label"),
        Input(ids.URL, "search"),
        Input(ids.LANG, "value"),
    )
    def show_comparison(search: object, value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        found = parse_comparison(inputs.query_string(search), latest_version)
        if not isinstance(found, Comparison):
            return _hidden([] if found is None else [list(found)], lang)
        documents = [_document(side, resolve_scenario) for side in (found.left, found.right)]
        return _shown(found, documents, catalog, lang)

    app.clientside_callback(
        "window.dash_clientside.twin.compare",
        Output(ids.COMPARE_STATUS, "data"),
        Input(ids.COMPARE_SPEC, "data"),
    )
