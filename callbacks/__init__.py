"""Dash callbacks, one module per feature; `register_all` wires them to an app."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    accessibility,
    atelier,
    building_panel,
    compare,
    contribution_view,
    contributions,
    contributions_map,
    data_tables,
    finder,
    indicators,
    kpis,
    language,
    map_layers,
    moderation,
    scenario_edit,
    scenario_history,
    scenario_import,
    scenarios,
    screens,
    share,
    time_choice,
    url_state,
)
from callbacks.services import Services


def register_all(app: Dash, services: Services) -> None:
    catalog = services.catalog
    url_state.register(app, catalog)
    time_choice.register(app)
    language.register(app, catalog)
    map_layers.register(app)
    kpis.register(app, services)
    building_panel.register(app, services)
    data_tables.register(app, catalog, services.store)
    finder.register(app, catalog)
    compare.register(app, catalog, services.latest_version, services.resolve_scenario)
    scenarios.register(app, services)
    scenario_edit.register(app, services)
    scenario_history.register(app, services)
    scenario_import.register(app, services)
    indicators.register(app, services)
    contributions.register(app, services)
    contribution_view.register(app, services)
    moderation.register(app, services)
    contributions_map.register(app, services)
    atelier.register(app, services)
    accessibility.register(app)
    share.register(app)
    screens.register(app)
