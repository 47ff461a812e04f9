"""A scenario's versions: each can be opened read-only (a link any visitor who may see the scenario can
share) and, for its editors, restored — as a new version, so history is never rewritten."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, html, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import Shown, Working, shown, working
from callbacks.scenarios import as_store
from callbacks.services import Services
from components import ids
from store.accounts import Account
from store.scenarios import ScenarioVersion, StaleVersion, drop_draft, history, restore_version
from texts.formats import format_number
from texts.i18n import Lang, t


def _version_item(version: ScenarioVersion, work: Working, lang: Lang) -> html.Li:
    when = f"{version.created_at.astimezone():%d/%m/%Y %H:%M}"
    link = "/?" + urlencode({"scenario": version.scenario_id, "version": version.number, "lang": lang})
    parts: list[Any] = [
        html.Strong(f"v{format_number(version.number, lang)}"), f" · {version.author} · {when}",
        html.Div(version.message, className="version-message") if version.message else "",
        html.A(t("history_open", lang), href=link, className="version-open"),
    ]  # fmt: skip
    return html.Li(parts, className="version-current" if version.number == work.version else None)


def history_items(services: Services, work: Working | None, lang: Lang) -> tuple[list[html.Li], list[Any]]:
    """The versions, newest first, and the ones this visitor may restore (options of the restore choice)."""
    if work is None:
        return [], []
    versions = list(reversed(history(services.store, work.summary.id)))
    restorable = [{"label": f"v{v.number}", "value": v.number} for v in versions
                  if work.editable and v.number != work.version]  # fmt: skip
    return [_version_item(version, work, lang) for version in versions], restorable


def _restore(
    services: Services, work: Working | None, account: Account | None, number: int, lang: Lang
) -> Any:
    if work is None or account is None or not work.editable:
        return no_update, no_update, t("error_not_allowed", lang)
    try:
        restored = restore_version(services.store, work.summary.id, number, account, work.version)
    except StaleVersion as stale:
        return no_update, no_update, t("error_stale", lang, version=stale.current)
    drop_draft(services.store, work.summary.id, account)
    again = working(services, Shown(work.summary.id, restored), account)
    return as_store(again), [], t("done_restored", lang, version=number, new=restored)


def register(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO_HISTORY, "hidden"),
        Output(f"{ids.SCENARIO_HISTORY}-summary", "children"),
        Output(ids.SCENARIO_HISTORY_BODY, "children"),
        Output(ids.RESTORE_CHOICE, "options"),
        Output(ids.RESTORE_CHOICE, "value"),
        Output(ids.RESTORE_FORM, "hidden"),
        Output(f"{ids.RESTORE_CHOICE}-label", "children"),
        Output(ids.RESTORE_BUTTON, "children"),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
    )
    def show_history(data: object, value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        work = working(services, shown(data), services.current_account())
        items, restorable = history_items(services, work, lang)
        return (work is None, t("history_title", lang), items, restorable, None, not restorable,
                t("history_restore_label", lang), t("history_restore", lang))  # fmt: skip

    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Output(ids.UNDO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.RESTORE_BUTTON, "n_clicks"),
        State(ids.RESTORE_CHOICE, "value"),
        State(ids.SCENARIO, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def restore(_clicks: object, choice: object, data: object, value: object) -> Any:
        number = inputs.whole_number(choice)
        if number is None or number < 1:
            return no_update, no_update, no_update
        lang, account = chosen_lang(value), services.current_account()
        return _restore(services, working(services, shown(data), account), account, number, lang)
