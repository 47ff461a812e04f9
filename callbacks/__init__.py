"""Dash callbacks, one module per feature; `register_all` wires them to an app."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    building_panel,
    compare,
    data_tables,
    kpis,
    language,
    map_layers,
    time_choice,
    url_state,
)
from callbacks.compare import LatestVersion, ResolveScenario, no_documents, no_versions
from geodata.catalog import Catalog


def register_all(
    app: Dash,
    catalog: Catalog,
    latest_version: LatestVersion = no_versions,
    resolve_scenario: ResolveScenario = no_documents,
) -> None:
    url_state.register(app, catalog)
    time_choice.register(app)
    language.register(app, catalog)
    map_layers.register(app)
    kpis.register(app, catalog)
    building_panel.register(app, catalog)
    data_tables.register(app, catalog)
    compare.register(app, catalog, latest_version, resolve_scenario)
