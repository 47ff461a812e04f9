"""Importing a scenario from a JSON file (the export's format, docs/scenario.schema.json): checked against
the schema and the baseline like any edit, then created as version 1 of a new scenario of the planner."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from dash import Dash, Input, Output, State, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import Shown, working
from callbacks.scenario_writes import checked_document
from callbacks.scenarios import scenario_options, shown_store
from callbacks.services import Services
from components import ids
from store.permissions import can
from store.scenarios import create_scenario
from texts.i18n import Lang, t

MAX_FILE = 900_000  # characters of base64; requests above 1 MB are refused before they get here


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a scenario may hold")


def uploaded_json(contents: object) -> object | None:
    """The JSON value of an uploaded file ("data:...;base64,..."), or None when it is not JSON text."""
    text = inputs.text(contents, MAX_FILE)
    if text is None or "," not in text:
        return None
    try:
        decoded = base64.b64decode(text.split(",", 1)[1], validate=True).decode("utf-8")
        value: object = json.loads(decoded, parse_constant=_refuse_constant)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return value


def import_scenario(services: Services, contents: object, lang: Lang) -> tuple[Any, ...]:
    account = services.current_account()
    if account is None or not can(account, "create_scenario"):
        return no_update, no_update, no_update, t("error_not_allowed", lang), no_update
    raw = uploaded_json(contents)
    if raw is None:
        return no_update, no_update, no_update, t("error_import_json", lang), no_update
    document, error = checked_document(services, raw, lang)
    if document is None:
        return no_update, no_update, no_update, error, no_update
    scenario_id, _ = create_scenario(services.store, document, account, t("import_message", lang))
    done = t("done_imported", lang, name=document["name"])
    work = working(services, Shown(scenario_id), account)
    return (*shown_store(work, done), scenario_options(services, account, lang))


def register(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_CHOICE, "value", allow_duplicate=True),
        Output(ids.UNDO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_FEEDBACK, "children", allow_duplicate=True),
        Output(ids.SCENARIO_CHOICE, "options", allow_duplicate=True),
        Input(ids.SCENARIO_IMPORT, "contents"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def upload(contents: object, value: object) -> tuple[Any, ...]:
        return import_scenario(services, contents, chosen_lang(value))
