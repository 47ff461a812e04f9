"""Giving one's opinion without an account: the panel over the map opens on a building (a floor can be
chosen), or offers to pin one on the ground after a click there; the form records what was on screen (the
scenario and its version, the time chosen) and the author gets a withdrawal code. Every check is on the
server: the place (geodata.places), the text and the rate limit (store.contributions). A refusal is one
translated line and leaves the form as it was."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dash import Dash, Input, Output, State, ctx, html, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from callbacks.scenario_state import shown, working
from callbacks.services import Services
from callbacks.time_choice import parse_instant
from components import ids
from geodata.places import Place, PlaceError, place_of
from geodata.queries import building, floors_of_building
from store import contributions as store
from texts.formats import format_area, level_label
from texts.i18n import Lang, t

MODES = ("offer", "form", "done", "view", "withdraw")
WHOLE_BUILDING = "building"
MAX_CONTRIBUTION_ID = 64
MAX_CODE = 64
LABELS = (
    (ids.CONTRIBUTE, "contribute_building"),
    (ids.CONTRIB_ACCEPT, "contribute_here"),
    (ids.CONTRIB_CLOSE, "contrib_close"),
    (ids.CONTRIB_FORM_TITLE, "form_title"),
    (f"{ids.CONTRIB_WHERE}-label", "form_where"),
    (f"{ids.CONTRIB_CATEGORY}-label", "form_category"),
    (f"{ids.CONTRIB_TEXT}-label", "form_text"),
    (f"{ids.CONTRIB_PSEUDONYM}-label", "form_pseudonym"),
    (f"{ids.CONTRIB_PSEUDONYM}-note", "form_pseudonym_note"),
    (ids.CONTRIB_SEND, "form_send"),
    (ids.CONTRIB_ANOTHER, "thanks_another"),
    (f"{ids.WITHDRAW}-summary", "withdraw_title"),
    (f"{ids.WITHDRAW_ID}-label", "withdraw_id"),
    (f"{ids.WITHDRAW_CODE}-label", "withdraw_code"),
    (ids.WITHDRAW_BUTTON, "withdraw_button"),
    (ids.WITHDRAW_OPEN, "withdraw_title"),
    (ids.PARTICIPATION_TITLE, "participation_title"),
    (ids.PARTICIPATION_HINT, "participation_hint"),
)


@dataclass(frozen=True)
class Target:
    """Where the form is about: a building (a floor is chosen in the form) or a point on the ground."""

    building_id: str | None = None
    lon: float | None = None
    lat: float | None = None

    def as_store(self) -> dict[str, Any]:
        if self.building_id is not None:
            return {"building_id": self.building_id}
        return {"lon": self.lon, "lat": self.lat}


@dataclass(frozen=True)
class PanelState:
    mode: str
    target: Target | None = None
    contribution: str | None = None

    def as_store(self) -> dict[str, Any]:
        target = self.target.as_store() if self.target else None
        return {"mode": self.mode, "target": target, "contribution": self.contribution}


def _coordinate(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def target_of(value: object) -> Target | None:
    """A target from a store or the bridge's click, checked; anything else is no target."""
    if not isinstance(value, dict):
        return None
    building_id = inputs.text(value.get("building_id"), inputs.MAX_ID)
    if building_id and building_id.strip():
        return Target(building_id=building_id)
    lon, lat = _coordinate(value.get("lon")), _coordinate(value.get("lat"))
    return Target(lon=lon, lat=lat) if lon is not None and lat is not None else None


def contribution_id(value: object) -> str | None:
    found = inputs.text(value, MAX_CONTRIBUTION_ID)
    return found.strip() if found and found.strip() else None


def panel_state(value: object) -> PanelState | None:
    """The CONTRIB_STATE store's value, checked (any client can write a store)."""
    if not isinstance(value, dict) or value.get("mode") not in MODES:
        return None
    return PanelState(
        str(value["mode"]), target_of(value.get("target")), contribution_id(value.get("contribution"))
    )


def _route(trigger: object, state: PanelState | None, selected: object, point: object, picked: object) -> Any:
    """The panel's next state after a click somewhere (None: closed)."""
    if trigger == ids.CONTRIBUTE:
        building_id = inputs.building_id(selected)
        return PanelState("form", Target(building_id=building_id)).as_store() if building_id else no_update
    if trigger == ids.GROUND_POINT:
        target = target_of(point)
        return PanelState("offer", target).as_store() if target else no_update
    if trigger == ids.PICKED_CONTRIBUTION:
        found = contribution_id(picked.get("id")) if isinstance(picked, dict) else None
        return PanelState("view", contribution=found).as_store() if found else no_update
    if trigger in (ids.CONTRIB_ACCEPT, ids.CONTRIB_ANOTHER):
        target = state.target if state else None
        return PanelState("form", target).as_store() if target else no_update
    if trigger == ids.WITHDRAW_OPEN:
        return PanelState("withdraw", state.target if state else None).as_store()
    return None  # closed, or another building chosen on the map


# --- what is on screen ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OnScreen:
    scenario: tuple[str, int] | None  # None: the baseline
    name: str | None
    draft: bool  # an unsaved working copy: not a version anyone can come back to
    at: datetime | None


def on_screen(services: Services, scenario: object, at: object) -> OnScreen:
    work = working(services, shown(scenario), services.current_account())
    instant = parse_instant(at)
    if work is None:
        return OnScreen(None, None, False, instant)
    return OnScreen((work.summary.id, work.version), work.summary.name, work.draft is not None, instant)


def shown_sentence(screen: OnScreen, lang: Lang) -> str:
    if screen.draft:
        return t("refuse_draft", lang)
    what = (t("form_shown_scenario", lang, name=screen.name, version=screen.scenario[1])
            if screen.scenario else t("form_shown_baseline", lang))  # fmt: skip
    when = (t("kpi_at", lang, date=f"{screen.at:%d/%m/%Y}", time=f"{screen.at:%H:%M}")
            if screen.at else t("moderation_no_time", lang))  # fmt: skip
    return t("form_shown", lang, what=what, when=when)


# --- the form ------------------------------------------------------------------------------------------


def where_options(
    services: Services, target: Target | None, lang: Lang
) -> tuple[bool, list[dict[str, str]], str]:
    """Hidden?, the choice of the whole building or one of its floors, and the form's heading line."""
    if target is None:
        return True, [], ""
    if target.building_id is None:
        return True, [], t("form_about_point", lang)
    con = services.catalog.cursor()
    facts = building(con, target.building_id).to_pylist() if len(target.building_id) <= inputs.MAX_ID else []
    if not facts:
        return True, [], t("refuse_place_unknown", lang)
    floors = floors_of_building(con, target.building_id).to_pylist()
    options = [{"label": t("form_whole_building", lang), "value": WHOLE_BUILDING}] + [
        {"label": f"{level_label(row['level'], lang)} · {format_area(row['area_m2'], lang)}",
         "value": row["floor_id"]} for row in floors
    ]  # fmt: skip
    about = t("form_about_building", lang, building_id=target.building_id, name=facts[0]["name"])
    return False, options, about


def offer_text(services: Services, target: Target | None, lang: Lang) -> tuple[str, bool]:
    """The offer after a click on the ground, or why it cannot be (outside the district)."""
    if target is None or target.lon is None or target.lat is None:
        return t("refuse_no_place", lang), True
    try:
        place_of(services.catalog.cursor(), lon=target.lon, lat=target.lat)
    except PlaceError:
        return t("refuse_place", lang), True
    return t("contribute_offer", lang), False


def _place(services: Services, target: Target | None, where: object) -> Place:
    con = services.catalog.cursor()
    if target is None:
        raise PlaceError("place", "no target")
    if target.building_id is None:
        return place_of(con, lon=target.lon, lat=target.lat)
    floor = inputs.text(where, inputs.MAX_ID)
    if not floor or floor == WHOLE_BUILDING:
        return place_of(con, building_id=target.building_id)
    place = place_of(con, floor_id=floor)
    if place.building_id != target.building_id:  # a floor of another building: not what the form showed
        raise PlaceError("floor_id", "not a floor of this building")
    return place


@dataclass(frozen=True)
class Draft:
    category: str
    text: str
    pseudonym: str | None
    consent: bool


def draft_of(category: object, text: object, pseudonym: object, consent: object) -> Draft:
    chosen = category if isinstance(category, str) and category in store.CATEGORIES else ""
    body = inputs.text(text, store.MAX_TEXT_CHARS * 4)  # longer: refused by length below, not as "empty"
    alias = inputs.text(pseudonym, store.MAX_PSEUDONYM_CHARS * 4)
    agreed = isinstance(consent, list) and "yes" in consent
    return Draft(chosen, (body or "").strip(), alias.strip() if alias and alias.strip() else None, agreed)


def first_refusal(draft: Draft, screen: OnScreen, lang: Lang) -> str | None:
    """The first thing to fix, in the order of the form; None when it may be sent."""
    if not draft.category:
        return t("refuse_category", lang)
    if not draft.text:
        return t("refuse_text_empty", lang)
    if len(draft.text) > store.MAX_TEXT_CHARS:
        return t("refuse_text_long", lang, limit=store.MAX_TEXT_CHARS)
    if draft.pseudonym and len(draft.pseudonym) > store.MAX_PSEUDONYM_CHARS:
        return t("refuse_pseudonym", lang, limit=store.MAX_PSEUDONYM_CHARS)
    if not draft.consent:
        return t("refuse_consent", lang)
    if screen.draft:
        return t("refuse_draft", lang)
    return None


def refusal_line(error: Exception, lang: Lang) -> str:
    """The store's and the place check's refusals, in words a citizen can act on."""
    if isinstance(error, store.TooManyContributions):
        return t("refuse_too_many", lang, minutes=max(1, math.ceil(error.retry_after_s / 60)))
    if isinstance(error, store.Duplicate):
        return t("refuse_duplicate", lang)
    if isinstance(error, PlaceError):
        return t("refuse_place" if error.field in ("lon", "lat") else "refuse_place_unknown", lang)
    field = getattr(error, "field", "")
    if field == "text":
        return t("refuse_text_empty" if str(error).endswith("required") else "refuse_text_invalid", lang)
    if field == "pseudonym":
        return t("refuse_pseudonym", lang, limit=store.MAX_PSEUDONYM_CHARS)
    if field == "category":
        return t("refuse_category", lang)
    return t("refuse_invalid", lang, field=inputs.echo(str(error)))


def submit_draft(services: Services, draft: Draft, place: Place, screen: OnScreen) -> store.Submitted:
    scenario_id, version = screen.scenario if screen.scenario else (None, None)
    new = store.NewContribution(
        draft.category, draft.text, draft.pseudonym, place.building_id, place.floor_id, place.level,
        place.lon, place.lat, scenario_id, version, screen.at,
    )  # fmt: skip
    return store.submit(services.store, new, services.current_visitor(), datetime.now(UTC))


def thanks(submitted: store.Submitted, lang: Lang) -> list[Any]:
    return [
        html.H2(t("thanks_title", lang)),
        html.P(t("thanks_moderation", lang)),
        html.Div([
            html.Div(t("withdraw_id", lang), className="code-label"),
            html.Div(submitted.id, id="contribution-id-shown", className="withdraw-code withdraw-number"),
            html.Div(t("thanks_code", lang), className="code-label"),
            html.Div(submitted.withdraw_code, id="withdraw-code-shown", className="withdraw-code"),
        ], className="code-box"),
        html.P(t("thanks_keep", lang), className="code-note"),
    ]  # fmt: skip


def register(app: Dash, services: Services) -> None:
    _register_texts(app)
    _register_route(app)
    _register_panel(app, services)
    _register_send(app, services)
    _register_withdraw(app, services)


def _register_texts(app: Dash) -> None:
    @app.callback(
        *(Output(component, "children") for component, _ in LABELS),
        Output(ids.CONTRIB_CATEGORY, "options"),
        Output(ids.CONTRIB_CONSENT, "options"),
        Output(ids.CONTRIB_TEXT, "placeholder"),
        Output(f"{ids.CONTRIB_COUNT}-template", "data"),
        Input(ids.LANG, "value"),
    )
    def translate(value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        categories = [{"label": t(f"value_{code}", lang), "value": code} for code in store.CATEGORIES]
        consent = [{"label": t("form_consent", lang), "value": "yes"}]
        template = t("form_count", lang, count="{count}", limit=store.MAX_TEXT_CHARS)
        return (*(t(key, lang) for _, key in LABELS), categories, consent, t("form_text_placeholder", lang),
                template)  # fmt: skip

    # The count follows each keystroke in the browser; the limit itself is checked on the server.
    app.clientside_callback(
        "(text, template) => (template || '{count}').replace('{count}', String((text || '').length))",
        Output(ids.CONTRIB_COUNT, "children"),
        Input(ids.CONTRIB_TEXT, "value"),
        Input(f"{ids.CONTRIB_COUNT}-template", "data"),
    )


def _register_route(app: Dash) -> None:
    @app.callback(
        Output(ids.CONTRIB_STATE, "data"),
        Input(ids.CONTRIBUTE, "n_clicks"),
        Input(ids.GROUND_POINT, "data"),
        Input(ids.PICKED_CONTRIBUTION, "data"),
        Input(ids.CONTRIB_ACCEPT, "n_clicks"),
        Input(ids.CONTRIB_ANOTHER, "n_clicks"),
        Input(ids.WITHDRAW_OPEN, "n_clicks"),
        Input(ids.CONTRIB_CLOSE, "n_clicks"),
        Input(ids.SELECTED_BUILDING, "data"),
        State(ids.CONTRIB_STATE, "data"),
        prevent_initial_call=True,
    )
    def route(_c: object, point: object, picked: object, _a: object, _n: object, _w: object, _x: object,
              selected: object, state: object) -> Any:  # fmt: skip
        return _route(ctx.triggered_id, panel_state(state), selected, point, picked)


def _register_panel(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.CONTRIB_PANEL, "hidden"),
        Output(ids.CONTRIB_OFFER, "hidden"),
        Output(ids.CONTRIB_FORM, "hidden"),
        Output(ids.CONTRIB_DONE, "hidden"),
        Output(ids.CONTRIB_VIEW, "hidden"),
        Output(ids.WITHDRAW, "open"),
        Output(ids.CONTRIB_OFFER_TEXT, "children"),
        Output(ids.CONTRIB_ACCEPT, "hidden"),
        Output(ids.CONTRIB_ABOUT, "children"),
        Output(f"{ids.CONTRIB_WHERE}-field", "hidden"),
        Output(ids.CONTRIB_WHERE, "options"),
        Output(ids.CONTRIB_WHERE, "value"),
        Output(ids.CONTRIB_FEEDBACK, "children"),
        Input(ids.CONTRIB_STATE, "data"),
        Input(ids.LANG, "value"),
        State(ids.CONTRIB_WHERE, "value"),
    )
    def show_panel(value: object, lang_value: object, where: object) -> tuple[Any, ...]:
        lang, state = chosen_lang(lang_value), panel_state(value)
        mode = state.mode if state else ""
        target = state.target if state else None
        offer, no_offer = offer_text(services, target, lang) if mode == "offer" else ("", True)
        hide_where, options, about = where_options(services, target, lang)
        # A new place starts on the whole building; a change of language keeps the choice (one offered).
        offered = {option["value"] for option in options}
        kept = ctx.triggered_id != ids.CONTRIB_STATE and isinstance(where, str) and where in offered
        chosen = where if kept else WHOLE_BUILDING
        return (state is None, mode != "offer", mode != "form", mode != "done", mode != "view",
                mode == "withdraw", offer, no_offer, about, hide_where, options, chosen, "")  # fmt: skip

    @app.callback(
        Output(ids.CONTRIB_SHOWN, "children"),
        Input(ids.SCENARIO, "data"),
        Input(ids.AT, "data"),
        Input(ids.LANG, "value"),
    )
    def show_on_screen(scenario: object, at: object, value: object) -> str:
        return shown_sentence(on_screen(services, scenario, at), chosen_lang(value))


def _register_send(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.CONTRIB_FEEDBACK, "children", allow_duplicate=True),
        Output(f"{ids.CONTRIB_DONE}-body", "children"),
        Output(ids.CONTRIB_STATE, "data", allow_duplicate=True),
        Output(ids.CONTRIB_CATEGORY, "value"),
        Output(ids.CONTRIB_TEXT, "value"),
        Output(ids.CONTRIB_PSEUDONYM, "value"),
        Output(ids.CONTRIB_CONSENT, "value"),
        Input(ids.CONTRIB_SEND, "n_clicks"),
        State(ids.CONTRIB_STATE, "data"),
        State(ids.CONTRIB_WHERE, "value"),
        State(ids.CONTRIB_CATEGORY, "value"),
        State(ids.CONTRIB_TEXT, "value"),
        State(ids.CONTRIB_PSEUDONYM, "value"),
        State(ids.CONTRIB_CONSENT, "value"),
        State(ids.SCENARIO, "data"),
        State(ids.AT, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def send(_clicks: object, value: object, where: object, category: object, text: object,
             pseudonym: object, consent: object, scenario: object, at: object,
             lang_value: object) -> tuple[Any, ...]:  # fmt: skip
        lang, state = chosen_lang(lang_value), panel_state(value)
        keep = (no_update,) * 6
        draft, screen = draft_of(category, text, pseudonym, consent), on_screen(services, scenario, at)
        refused = first_refusal(draft, screen, lang)
        if refused:
            return (refused, *keep)
        try:
            place = _place(services, state.target if state else None, where)
            submitted = submit_draft(services, draft, place, screen)
        except (PlaceError, store.ContributionError, store.TooManyContributions) as error:
            return (refusal_line(error, lang), *keep)
        done = PanelState("done", state.target if state else None).as_store()
        return "", thanks(submitted, lang), done, None, "", "", []


def _register_withdraw(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.WITHDRAW_FEEDBACK, "children"),
        Output(ids.WITHDRAW_ID, "value"),
        Output(ids.WITHDRAW_CODE, "value"),
        Input(ids.WITHDRAW_BUTTON, "n_clicks"),
        State(ids.WITHDRAW_ID, "value"),
        State(ids.WITHDRAW_CODE, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def withdraw(_clicks: object, number: object, code: object, value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        found, secret = contribution_id(number), inputs.text(code, MAX_CODE)
        if not found or not secret or not secret.strip():
            return t("withdraw_refused", lang), no_update, no_update
        try:
            store.withdraw(services.store, found.lower(), secret.strip(), datetime.now(UTC))
        except store.UnknownContribution:
            return t("withdraw_refused", lang), no_update, no_update
        return t("withdraw_done", lang, id=found.lower()), "", ""
