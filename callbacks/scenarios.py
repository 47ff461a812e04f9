"""The scenario section: who is signed in, which scenario is shown, creating, saving a version, publishing,
undoing. Every action re-checks the visitor's rights on the server (store.permissions) — the hidden buttons
are only a courtesy."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import Dash, Input, Output, State, ctx, html, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import MAX_SCENARIO_ID, Shown, Working, shown, working
from callbacks.scenario_writes import checked_document, save_working_copy
from callbacks.services import Services
from components import ids
from store.accounts import Account
from store.permissions import can
from store.scenarios import StaleVersion, create_scenario, drop_draft, list_scenarios, publish, save_version
from texts.i18n import Lang, t

MAX_NAME = 120
MAX_MESSAGE = 500
MAX_UNDO = 20

LABELS = (
    (ids.SCENARIOS_TITLE, "scenarios_title"),
    (f"{ids.SCENARIO_CHOICE}-label", "scenario_label"),
    (ids.SCENARIO_UNDO, "scenario_undo"),
    (f"{ids.SCENARIO_MESSAGE}-label", "scenario_message"),
    (ids.SCENARIO_SAVE, "scenario_save"),
    (ids.SCENARIO_PUBLISH, "scenario_publish"),
    (f"{ids.SCENARIO_NEW_NAME}-label", "scenario_new_name"),
    (ids.SCENARIO_CREATE, "scenario_create"),
    (f"{ids.SCENARIO_IMPORT}-button", "scenario_import"),
    (f"{ids.ACCOUNT_FORM}-summary", "account_for_planners"),
    (f"{ids.ACCOUNT_NAME}-label", "account_name"),
    (f"{ids.ACCOUNT_PASSWORD}-label", "account_password"),
    (ids.ACCOUNT_SIGN_IN, "account_sign_in"),
    (ids.ACCOUNT_SIGN_OUT, "account_sign_out"),
)


def as_store(work: Working | None) -> dict[str, Any] | None:
    """What the tab keeps: the scenario and its version; the draft revision makes every edit a new value."""
    if work is None:
        return None
    return {"id": work.summary.id, "version": work.version, "draft": work.draft}


def _url_scenario(search: str) -> Shown | None:
    """?scenario=<id>[&version=<n>]; bad values show nothing here (callbacks/compare.py reports them)."""
    query = parse_qs(search.lstrip("?"))
    scenario_id = inputs.text(next(iter(query.get("scenario", [])), None), MAX_SCENARIO_ID)
    version = _positive(next(iter(query.get("version", [])), ""))
    return Shown(scenario_id, version) if scenario_id else None


def _positive(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 and int(text) > 0 else None


def scenario_options(services: Services, account: Account | None, lang: Lang) -> list[dict[str, str]]:
    options = [{"label": t("scenario_baseline", lang), "value": "baseline"}]
    for item in list_scenarios(services.store, account):
        label = t("scenario_option", lang, name=item.name, version=item.version,
                  status=t(f"status_{item.status}", lang))  # fmt: skip
        options.append({"label": label, "value": item.id})
    return options


def _links(work: Working, lang: Lang) -> list[Any]:
    """Read-only links: the comparison (published or own), the JSON export and the indicators as CSV."""
    sid, version = work.summary.id, work.version

    def compare(other: str) -> str:
        return "/?" + urlencode({"scenario": sid, "version": version, "compare": other, "lang": lang})

    previous = [html.A(t("scenario_compare_previous", lang), href=compare(f"{sid}@{version - 1}"),
                       id="scenario-compare-previous")] if version > 1 else []  # fmt: skip
    return [
        html.A(t("scenario_compare", lang), href=compare("baseline"), id="scenario-compare-link"),
        *previous,
        html.A(t("scenario_export", lang), href=f"/api/scenarios/{sid}?version={version}", download=""),
        html.A(t("scenario_indicators_csv", lang), href=f"/api/scenarios/{sid}/indicators.csv", download=""),
    ]


def _status(work: Working, lang: Lang) -> str:
    if work.draft is None:
        return t("scenario_saved", lang, version=work.version)
    count = len(work.document.get("changes", []))
    return t("scenario_unsaved", lang, count=count, version=work.version)


def register(app: Dash, services: Services) -> None:
    _register_texts(app)
    _register_account(app, services)
    _register_choice(app, services)
    _register_view(app, services)
    _register_save(app, services)
    _register_undo(app, services)


def _register_texts(app: Dash) -> None:
    @app.callback(*(Output(c, "children") for c, _ in LABELS), Input(ids.LANG, "value"))
    def translate(value: object) -> tuple[str, ...]:
        lang = chosen_lang(value)
        return tuple(t(key, lang) for _, key in LABELS)


def _register_account(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.ACCOUNT_STATUS, "children"),
        Output(ids.ACCOUNT_SIGN_OUT, "hidden"),
        Output(ids.ACCOUNT_FORM, "hidden"),
        Output(ids.SCENARIO_NEW, "hidden"),
        Input(ids.URL, "pathname"),
        Input(ids.LANG, "value"),
    )
    def show_account(_path: object, value: object) -> tuple[str, bool, bool, bool]:
        lang, account = chosen_lang(value), services.current_account()
        if account is None:
            return "", True, False, True
        status = t("account_signed_in", lang, name=account.name, role=t(f"role_{account.role}", lang))
        return status, False, True, not can(account, "create_scenario")

    # Sign-in and sign-out go to the auth routes (api/auth.py), which set the session cookie; the page then
    # reloads so that every part of it sees the new account.
    app.clientside_callback(
        "window.dash_clientside.twinAccount.signIn",
        Output(ids.ACCOUNT_RESULT, "data"),
        Input(ids.ACCOUNT_SIGN_IN, "n_clicks"),
        State(ids.ACCOUNT_NAME, "value"),
        State(ids.ACCOUNT_PASSWORD, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "window.dash_clientside.twinAccount.signOut",
        Output(ids.ACCOUNT_RESULT, "data", allow_duplicate=True),
        Input(ids.ACCOUNT_SIGN_OUT, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(Output(ids.ACCOUNT_FEEDBACK, "children"), Input(ids.ACCOUNT_RESULT, "data"),
                  Input(ids.LANG, "value"))  # fmt: skip
    def sign_in_result(code: object, value: object) -> str:
        keys = {"wrong": "error_sign_in", "later": "error_sign_in_later", "failed": "error_sign_in_failed"}
        return t(keys[code], chosen_lang(value)) if isinstance(code, str) and code in keys else ""


def _register_choice(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO, "data"),
        Output(ids.SCENARIO_CHOICE, "value"),
        Output(ids.UNDO, "data"),
        Output(ids.SCENARIO_FEEDBACK, "children"),
        Output(ids.SCENARIO_CHOICE, "options"),
        Input(ids.URL, "search"),
        Input(ids.SCENARIO_CHOICE, "value"),
        Input(ids.SCENARIO_CREATE, "n_clicks"),
        State(ids.SCENARIO_NEW_NAME, "value"),
        State(ids.LANG, "value"),
    )
    def select(
        search: object, choice: object, _clicks: object, name: object, value: object
    ) -> tuple[Any, ...]:
        lang, account = chosen_lang(value), services.current_account()
        if ctx.triggered_id == ids.SCENARIO_CREATE:
            chosen = _create(services, account, name, lang)
        elif ctx.triggered_id == ids.SCENARIO_CHOICE:
            if not isinstance(choice, str):  # the list was being refreshed: nothing was chosen
                return no_update, no_update, no_update, no_update, no_update
            asked = shown({"id": choice}) if choice != "baseline" else None
            chosen = shown_store(working(services, asked, account), "")
        else:
            chosen = shown_store(working(services, _url_scenario(inputs.query_string(search)), account), "")
        # The list comes with the choice, so that the dropdown never holds a value it does not offer.
        return (*chosen, scenario_options(services, account, lang))


def shown_store(work: Working | None, feedback: str) -> tuple[Any, ...]:
    """The SCENARIO store, the dropdown's value, an empty undo history and a message."""
    return as_store(work), work.summary.id if work else "baseline", [], feedback


def _create(services: Services, account: Account | None, name: object, lang: Lang) -> tuple[Any, ...]:
    if not can(account, "create_scenario") or account is None:
        return no_update, no_update, no_update, t("error_not_allowed", lang)
    text = inputs.text(name, MAX_NAME)
    if not text or not text.strip():
        return no_update, no_update, no_update, t("error_name", lang)
    scenario_id, _ = create_scenario(services.store, {"name": text.strip(), "changes": []}, account)
    work = working(services, Shown(scenario_id), account)
    return shown_store(work, t("done_created", lang, name=text.strip()))


def _register_view(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO_PARAM, "data"),
        Output(ids.SCENARIO_STATUS, "children"),
        Output(ids.SCENARIO_TOOLS, "hidden"),
        Output(ids.SCENARIO_PUBLISH, "hidden"),
        Output(ids.SCENARIO_LINKS, "children"),
        Output(ids.SCENARIO_CHOICE, "options", allow_duplicate=True),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
        prevent_initial_call="initial_duplicate",
    )
    def show_scenario(data: object, value: object) -> tuple[Any, ...]:
        lang, account = chosen_lang(value), services.current_account()
        options = scenario_options(services, account, lang)
        work = working(services, shown(data), account)
        if work is None:
            return None, "", True, True, [], options
        publishable = work.summary.status == "draft" and can(account, "publish_scenario", work.summary)
        hide_publish = not publishable or work.draft is not None  # publish what is saved, not a draft
        return (
            work.map_param,
            _status(work, lang),
            not work.editable,
            hide_publish,
            _links(work, lang),
            options,
        )


def _register_save(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Output(ids.UNDO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_FEEDBACK, "children", allow_duplicate=True),
        Output(ids.SCENARIO_MESSAGE, "value"),
        Input(ids.SCENARIO_SAVE, "n_clicks"),
        Input(ids.SCENARIO_PUBLISH, "n_clicks"),
        State(ids.SCENARIO, "data"),
        State(ids.SCENARIO_MESSAGE, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def save_or_publish(
        _saves: object, _publishes: object, data: object, message: object, value: object
    ) -> Any:
        lang, account = chosen_lang(value), services.current_account()
        work = working(services, shown(data), account)
        if ctx.triggered_id == ids.SCENARIO_PUBLISH:
            return _publish(services, work, account, lang)
        return _save(services, work, account, inputs.text(message, MAX_MESSAGE) or "", lang)


def _save(services: Services, work: Working | None, account: Account | None, message: str, lang: Lang) -> Any:
    if work is None or account is None or not work.editable:
        return no_update, no_update, t("error_not_allowed", lang), no_update
    if work.draft is None:
        return no_update, no_update, t("scenario_saved", lang, version=work.version), no_update
    try:
        number = save_version(services.store, work.summary.id, work.document, account, work.version, message)
    except StaleVersion as stale:
        return no_update, no_update, t("error_stale", lang, version=stale.current), no_update
    drop_draft(services.store, work.summary.id, account)
    saved = working(services, Shown(work.summary.id, number), account)
    return as_store(saved), [], t("done_saved", lang, version=number), ""


def _publish(services: Services, work: Working | None, account: Account | None, lang: Lang) -> Any:
    if work is None or not can(account, "publish_scenario", work.summary):
        return no_update, no_update, t("error_not_allowed", lang), no_update
    publish(services.store, work.summary.id)
    again = working(services, Shown(work.summary.id, work.version), account)
    return as_store(again), no_update, t("done_published", lang), no_update


def _register_undo(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Output(ids.UNDO, "data", allow_duplicate=True),
        Output(ids.SCENARIO_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.SCENARIO_UNDO, "n_clicks"),
        State(ids.SCENARIO, "data"),
        State(ids.UNDO, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def undo(_clicks: object, data: object, stack: object, value: object) -> Any:
        lang, account = chosen_lang(value), services.current_account()
        work = working(services, shown(data), account)
        earlier = stack[-MAX_UNDO:] if isinstance(stack, list) else []
        if work is None or not work.editable or not earlier:
            return no_update, [], ""
        document, error = checked_document(services, earlier[-1], lang)
        if document is None:
            return no_update, [], error
        return as_store(save_working_copy(services, work, account, document)), earlier[:-1], ""
