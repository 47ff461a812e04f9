"""Editing a scenario from the building panel: the ticked levels get a new use and occupancy, or the whole
building is demolished. Each edit becomes the planner's working copy (checked, then stored), so the map,
the KPIs and the indicators follow at once; "undo" steps back through this tab's earlier copies."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from callbacks import inputs
from callbacks.building_panel import floors_shown
from callbacks.language import chosen_lang
from callbacks.scenario_state import Working, shown, working
from callbacks.scenario_writes import checked_document, save_working_copy
from callbacks.scenarios import MAX_UNDO, as_store
from callbacks.services import Services
from components import ids
from geodata.queries import building
from geodata.uses import USES
from texts.formats import format_area, level_label
from texts.i18n import Lang, data_value, t

STATUS_CHOICES = ("occupied", "vacant", "")  # "" keeps each level's occupancy as it is
MAX_LEVELS = 500
FORM_TEXTS = (
    (ids.EDIT_TITLE, "edit_title"),
    (f"{ids.EDIT_LEVELS}-label", "edit_levels"),
    (f"{ids.EDIT_USE}-label", "edit_use"),
    (f"{ids.EDIT_STATUS}-label", "edit_status"),
    (f"{ids.EDIT_PHASE}-label", "edit_phase"),
    (ids.EDIT_APPLY, "edit_apply"),
    (ids.EDIT_DEMOLISH, "edit_demolish"),
)


def _level_options(rows: list[dict[str, Any]], lang: Lang) -> list[dict[str, str]]:
    return [
        {"label": f"{level_label(row['level'], lang)} · {format_area(row['area_m2'], lang)} · "
                  f"{data_value(row['use'], lang)}", "value": row["floor_id"]}
        for row in rows
    ]  # fmt: skip


def _status_options(lang: Lang) -> list[dict[str, str]]:
    labels = {
        "occupied": t("value_occupied", lang),
        "vacant": t("value_vacant", lang),
        "": t("edit_keep", lang),
    }
    return [{"label": labels[status], "value": status} for status in STATUS_CHOICES]


def _floor_change(floor_id: str, use: str, status: str) -> dict[str, Any]:
    change: dict[str, Any] = {"kind": "floor", "floor_id": floor_id, "use": use}
    return {**change, "status": status} if status else change


def _phased(change: dict[str, Any], phase: int | None) -> dict[str, Any]:
    return {**change, "phase": phase} if phase is not None else change


def _with_changes(
    document: dict[str, Any], replaced: set[str], added: list[dict[str, Any]]
) -> dict[str, Any]:
    """The document with `added` instead of any earlier change of the same floor or building."""

    def key(change: dict[str, Any]) -> str:
        return str(change.get("floor_id") or change.get("building_id") or "")

    kept = [c for c in document.get("changes", []) if not (c.get("kind") in ("floor", "building")
                                                             and key(c) in replaced)]  # fmt: skip
    return {**document, "changes": kept + added}


def edited_document(
    work: Working,
    building_id: str,
    floor_ids: list[str],
    use: str,
    status: str,
    demolish: bool,
    phase: int | None = None,
) -> dict[str, Any]:
    """The working document with this edit; an earlier change of the same floor or building is replaced."""
    if demolish:
        change = _phased({"kind": "building", "building_id": building_id, "action": "demolish"}, phase)
        return _with_changes(work.document, {building_id}, [change])
    changes = [_phased(_floor_change(floor_id, use, status), phase) for floor_id in floor_ids]
    return _with_changes(work.document, set(floor_ids), changes)


def register(app: Dash, services: Services) -> None:
    @app.callback(
        *(Output(component, "children") for component, _ in FORM_TEXTS),
        Output(ids.EDIT_FORM, "hidden"),
        Output(ids.EDIT_LEVELS, "options"),
        Output(ids.EDIT_LEVELS, "value"),
        Output(ids.EDIT_USE, "options"),
        Output(ids.EDIT_USE, "value"),
        Output(ids.EDIT_STATUS, "options"),
        Output(ids.EDIT_STATUS, "value"),
        Output(ids.EDIT_WARNING, "children"),
        Input(ids.SELECTED_BUILDING, "data"),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
    )
    def show_form(selected: object, data: object, value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        texts = tuple(t(key, lang) for _, key in FORM_TEXTS)
        work = working(services, shown(data), services.current_account())
        building_id = inputs.building_id(selected)
        facts = building(services.catalog.cursor(), building_id).to_pylist() if building_id else []
        if work is None or not work.editable or not facts:
            return (*texts, True, [], [], [], None, [], "", "")
        rows = floors_shown(services.catalog, building_id or "", work.parsed())
        uses = [{"label": data_value(use, lang), "value": use} for use in USES]
        warning = t("edit_protected_warning", lang) if facts[0]["protected"] else ""
        return (*texts, False, _level_options(rows, lang), [row["floor_id"] for row in rows], uses, USES[0],
                _status_options(lang), "occupied", warning)  # fmt: skip

    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Output(ids.UNDO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.EDIT_APPLY, "n_clicks"),
        Input(ids.EDIT_DEMOLISH, "n_clicks"),
        State(ids.EDIT_LEVELS, "value"),
        State(ids.EDIT_USE, "value"),
        State(ids.EDIT_STATUS, "value"),
        State(ids.EDIT_PHASE, "value"),
        State(ids.SELECTED_BUILDING, "data"),
        State(ids.SCENARIO, "data"),
        State(ids.UNDO, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def apply(_a: object, _d: object, levels: object, use: object, status: object, phase: object,
              selected: object, data: object, stack: object, value: object) -> Any:  # fmt: skip
        lang, account = chosen_lang(value), services.current_account()
        work = working(services, shown(data), account)
        building_id = inputs.building_id(selected)
        if work is None or not work.editable or building_id is None:
            return no_update, no_update, t("error_not_allowed", lang)
        floor_ids = [f for f in levels[:MAX_LEVELS] if isinstance(f, str)] if isinstance(levels, list) else []
        chosen_use = use if isinstance(use, str) else ""
        chosen_status = status if status in STATUS_CHOICES else ""
        raw = edited_document(work, building_id, floor_ids, chosen_use, str(chosen_status),
                              ctx.triggered_id == ids.EDIT_DEMOLISH, inputs.whole_number(phase))  # fmt: skip
        document, error = checked_document(services, raw, lang)
        if document is None:
            return no_update, no_update, error
        earlier = (stack if isinstance(stack, list) else [])[-(MAX_UNDO - 1) :] + [work.document]
        return as_store(save_working_copy(services, work, account, document)), earlier, ""
