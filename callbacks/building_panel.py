"""Clicking a building opens a side panel listing its floors (as the scenario shown leaves them, changes
marked)."""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc
from dash import Dash, Input, Output, html

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import shown, working
from callbacks.services import Services
from components import ids
from components.panels import floors_table
from geodata.catalog import Catalog
from geodata.indicators import scenario_floors
from geodata.queries import building, floors_of_building, floors_rule
from geodata.scenario import ScenarioDocument
from texts.formats import building_title, format_area
from texts.i18n import Lang, t


def _building(catalog: Catalog, building_id: str) -> dict[str, Any] | None:
    rows = building(catalog.cursor(), building_id).to_pylist()
    return rows[0] if rows else None


def floors_shown(
    catalog: Catalog, building_id: str, document: ScenarioDocument | None
) -> list[dict[str, Any]]:
    """The building's floors, as the scenario leaves them when one is shown (with each floor's change)."""
    if document is None:
        rows: list[dict[str, Any]] = floors_of_building(catalog.cursor(), building_id).to_pylist()
        return rows
    floors = scenario_floors(catalog.cursor(), document)
    rows = floors.filter(pc.equal(floors.column("building_id"), building_id)).to_pylist()
    return rows


def panel_children(
    catalog: Catalog, building_id: str, lang: Lang, document: ScenarioDocument | None = None
) -> list[Any]:
    building = _building(catalog, building_id) if len(building_id) <= inputs.MAX_ID else None
    if building is None:
        return [html.P(t("panel_unknown", lang, building_id=inputs.echo(building_id)), className="message")]
    floors = floors_shown(catalog, building_id, document)
    total = sum(row["area_m2"] for row in floors)
    facts = [text for text in (building["construction_period"], format_area(total, lang)) if text]
    if building["protected"]:
        facts.append(t("panel_protected", lang))
    rule = floors_rule(catalog.cursor(), building_id)
    if rule in ("height", "default"):  # floors a file did not count: say they are estimated
        facts.append(t(f"floors_rule_{rule}", lang))
    return [
        html.H2(building_title(building_id, building["name"], lang)),
        html.P(" · ".join(facts), className="panel-facts"),
        floors_table(floors, lang),
    ]


def register(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.PANEL_CONTENT, "children"),
        Output(ids.BUILDING_PANEL, "hidden"),
        Input(ids.SELECTED_BUILDING, "data"),
        Input(ids.LANG, "value"),
        Input(ids.SCENARIO, "data"),
    )
    def show_building(selected: object, value: object, scenario: object) -> tuple[list[Any], bool]:
        building_id = inputs.building_id(selected)
        if building_id is None:
            return [], True
        work = working(services, shown(scenario), services.current_account())
        document = work.parsed() if work else None
        return panel_children(services.catalog, building_id, chosen_lang(value), document), False

    @app.callback(
        Output(ids.SELECTED_BUILDING, "data", allow_duplicate=True),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_panel(_clicks: object) -> None:  # any click closes; its count is not read
        return None
