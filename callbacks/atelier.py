"""The workshop mode (?mode=atelier[&atelier=<code>]): a tablet or touch table at a public workshop. The page
is the usual one under an `atelier` class (assets/atelier.css); this module gives it its texts, turns the
contributions layer on, and lets a signed-in facilitator choose the scenario every screen of the workshop
shows (store.workshops), which each screen asks for every few seconds. Touch, the on-map buttons, the guided
start and the inactivity reset live in the browser (assets/14-twin-atelier.js)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dash import Dash, Input, Output, State, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import MAX_SCENARIO_ID, Shown, shown, working
from callbacks.scenarios import as_store
from callbacks.services import Services
from components import ids
from components.view_query import url_layers, workshop
from layers.registry import TOGGLE_KEYS
from store.accounts import Account
from store.permissions import can
from store.scenarios import get_scenario, list_scenarios
from store.workshops import WORKSHOP_CODE, WorkshopError, set_scenario, shown_scenario
from texts.i18n import Lang, t

# The layers a resident needs at a table: what is used or empty, nature, and what others have said. Bookings
# and parking follow the time of day, whose control the workshop mode leaves out.
ATELIER_LAYERS = ("occupancy", "biodiversity", "contributions")
BASELINE = "baseline"
# What the last person at a table leaves behind, as props to set at the inactivity reset: the building and
# contribution panels close, the unsent contribution, its pseudonym and a shown withdrawal code are forgotten.
FORGET: dict[str, dict[str, Any]] = {
    ids.SELECTED_BUILDING: {"data": None},
    ids.CONTRIB_STATE: {"data": None},
    ids.CONTRIB_CATEGORY: {"value": None},
    ids.CONTRIB_TEXT: {"value": ""},
    ids.CONTRIB_PSEUDONYM: {"value": ""},
    ids.CONTRIB_CONSENT: {"value": []},
    f"{ids.CONTRIB_DONE}-body": {"children": None},
    ids.WITHDRAW_ID: {"value": ""},
    ids.WITHDRAW_CODE: {"value": ""},
}
BUTTON_NAMES = (
    (ids.ATELIER_ZOOM_IN, "atelier_zoom_in"),
    (ids.ATELIER_ZOOM_OUT, "atelier_zoom_out"),
    (ids.ATELIER_COMPASS, "atelier_compass"),
    (ids.ATELIER_HOME, "atelier_home"),
)
TEXTS = (
    (ids.ATELIER_HOME_LABEL, "atelier_home"),
    (ids.ATELIER_START_TITLE, "atelier_start"),
    (ids.ATELIER_START_DETAIL, "atelier_start_detail"),
    (ids.ATELIER_FACILITATOR_TITLE, "atelier_facilitator"),
)


def workshop_code(value: object) -> str | None:
    """The ATELIER store's workshop code, checked (any client may send any value)."""
    code = value.get("code") if isinstance(value, dict) else None
    return code if isinstance(code, str) and WORKSHOP_CODE.fullmatch(code) else None


def atelier_layers() -> list[str]:
    return [key for key in ATELIER_LAYERS if key in TOGGLE_KEYS]


def parse_ref(value: object) -> Shown | None:
    """'<id>@<n>' as the dropdown and the store write it; anything else is None."""
    ref = inputs.text(value, MAX_SCENARIO_ID + 12)
    scenario_id, _, number = (ref or "").rpartition("@")
    if not scenario_id or not number.isdigit() or len(number) > 9 or int(number) < 1:
        return None
    return Shown(scenario_id, int(number))


def published_ref(services: Services, value: object) -> str | None:
    """The ref if it names a version of a published scenario (what every table may show), else None."""
    asked = parse_ref(value)
    summary = get_scenario(services.store, asked.id) if asked else None
    if asked is None or asked.version is None or summary is None or not can(None, "view_scenario", summary):
        return None
    return f"{summary.id}@{asked.version}" if asked.version <= summary.version else None


def version_options(services: Services, account: Account | None, lang: Lang) -> list[dict[str, str]]:
    """The baseline, then every version of every published scenario, newest first."""
    options = [{"label": t("scenario_baseline", lang), "value": BASELINE}]
    for item in list_scenarios(services.store, account):
        if item.status != "published":
            continue
        for number in range(item.version, 0, -1):
            label = t("atelier_version_option", lang, name=item.name, version=number)
            options.append({"label": label, "value": f"{item.id}@{number}"})
    return options


def register(app: Dash, services: Services) -> None:
    _register_mode(app)
    _register_texts(app, services)
    _register_facilitator(app, services)
    _register_poll(app, services)


def _register_mode(app: Dash) -> None:
    @app.callback(
        Output(ids.ATELIER, "data"),
        Output(ids.ATELIER_POLL, "disabled"),
        Output(ids.LAYER_TOGGLES, "value"),
        Input(ids.URL, "search"),
    )
    def mode(search: object) -> tuple[Any, ...]:
        query = inputs.query_string(search)
        code = workshop(query)
        if code is None:  # the layers the address asks for (?layers=…), else the default ones
            asked = url_layers(query)
            return None, True, no_update if asked is None else asked
        layers = atelier_layers()
        return {"code": code, "layers": layers, "forget": FORGET}, False, layers

    app.clientside_callback(
        "window.dash_clientside.twinAtelier.start",
        Output(ids.ATELIER_STATUS, "data"),
        Input(ids.ATELIER, "data"),
        Input(ids.MAP_CONFIG, "data"),
    )


def _register_texts(app: Dash, services: Services) -> None:
    @app.callback(
        *(Output(component, "children") for component, _ in TEXTS),
        *(Output(button, "aria-label") for button, _ in BUTTON_NAMES),
        *(Output(button, "title") for button, _ in BUTTON_NAMES),
        Input(ids.LANG, "value"),
    )
    def translate(value: object) -> tuple[str, ...]:
        lang = chosen_lang(value)
        names = tuple(t(key, lang) for _, key in BUTTON_NAMES)
        return (*(t(key, lang) for _, key in TEXTS), *names, *names)

    @app.callback(
        Output(ids.ATELIER_SHOWN, "children"),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
    )
    def name_shown(data: object, value: object) -> str:
        lang = chosen_lang(value)
        work = working(services, shown(data), services.current_account())
        if work is None:
            return t("atelier_shown", lang, choice=t("compare_baseline", lang))
        choice = t("atelier_version_option", lang, name=work.summary.name, version=work.version)
        return t("atelier_shown", lang, choice=choice)


def _register_facilitator(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.ATELIER_FACILITATOR, "hidden"),
        Output(ids.ATELIER_SCENARIO, "options"),
        Output(ids.ATELIER_SCENARIO, "value"),
        Output(ids.ATELIER_FEEDBACK, "children"),
        Input(ids.ATELIER, "data"),
        Input(ids.LANG, "value"),
    )
    def facilitator(data: object, value: object) -> tuple[Any, ...]:
        lang, account, code = chosen_lang(value), services.current_account(), workshop_code(data)
        if code is None or not can(account, "facilitate"):
            return True, [], None, ""
        current = shown_scenario(services.store, code)
        chosen = (current[0] if current else None) or BASELINE
        hint = t("atelier_facilitator_hint", lang, code=code)
        return False, version_options(services, account, lang), chosen, hint

    @app.callback(
        Output(ids.ATELIER_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.ATELIER_SCENARIO, "value"),
        State(ids.ATELIER, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def choose(choice: object, data: object, value: object) -> Any:
        lang, account, code = chosen_lang(value), services.current_account(), workshop_code(data)
        if code is None or account is None or not can(account, "facilitate") or not isinstance(choice, str):
            return no_update if choice is None else t("error_not_allowed", lang)
        ref = None if choice == BASELINE else published_ref(services, choice)
        if choice != BASELINE and ref is None:
            return t("error_atelier_scenario", lang)
        current = shown_scenario(services.store, code)
        if current is not None and current[0] == ref:
            return no_update  # the dropdown was only told what the tables already show
        try:
            set_scenario(services.store, code, ref, account, datetime.now(UTC))
        except WorkshopError:
            return t("error_atelier_scenario", lang)
        options = version_options(services, account, lang)
        label = next((o["label"] for o in options if o["value"] == choice), choice)
        return t("atelier_set_done", lang, choice=label)


def _register_poll(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.SCENARIO, "data", allow_duplicate=True),
        Input(ids.ATELIER_POLL, "n_intervals"),
        State(ids.ATELIER, "data"),
        State(ids.SCENARIO, "data"),
        prevent_initial_call=True,
    )
    def follow_the_facilitator(_ticks: object, data: object, current: object) -> Any:
        """The session's scenario when this screen shows another one (compared by id and version)."""
        code = workshop_code(data)
        session = shown_scenario(services.store, code) if code else None
        if session is None:
            return no_update
        asked = parse_ref(session[0])
        wanted = as_store(working(services, asked, services.current_account())) if asked else None
        on_screen = shown(current)
        same = (wanted is None and on_screen is None) or (
            wanted is not None and on_screen is not None
            and (wanted["id"], wanted["version"]) == (on_screen.id, on_screen.version)
        )  # fmt: skip
        return no_update if same else wanted
