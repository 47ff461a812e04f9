"""A published contribution, opened by a click on its pin: what it says (always as text), where, what was on
screen, the city's answer, and two buttons: support it (once per visitor) and report it. The sentences that
describe a contribution are shared with the moderators' screen (callbacks/moderation.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, html, no_update

from callbacks.contributions import contribution_id, panel_state
from callbacks.language import chosen_lang
from callbacks.services import Services
from components import ids
from layers.building_changed import Subject, building_changed
from store import contributions as store
from store.permissions import can
from store.scenarios import get_scenario
from texts.formats import format_number, level_label
from texts.i18n import Lang, t


def when(moment: datetime, lang: Lang) -> str:
    """A stored instant (UTC) in the server's local time, as people read it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone()
    return f"{local:%d/%m/%Y %H:%M}" if lang == "fr" else f"{local:%d %b %Y %H:%M}"


def where(c: store.Contribution, lang: Lang) -> str:
    if c.floor_id is not None and c.level is not None:
        return t("moderation_where_floor", lang, building_id=c.building_id, level=level_label(c.level, lang))
    if c.building_id is not None:
        return t("moderation_where_building", lang, building_id=c.building_id)
    return t("moderation_where_point", lang, lat=f"{c.lat:.5f}", lon=f"{c.lon:.5f}")


def scenario_name(services: Services, scenario_id: str, version: int | None, lang: Lang) -> str:
    """The scenario by name, if this visitor may see it (a planner's unpublished one stays unnamed)."""
    summary = get_scenario(services.store, scenario_id)
    if summary is None or not can(services.current_account(), "view_scenario", summary):
        return t("form_shown_unpublished", lang, version=version)
    return t("form_shown_scenario", lang, name=summary.name, version=version)


def what_was_shown(services: Services, c: store.Contribution, lang: Lang) -> str:
    """'the scenario “École”, version 2, on 23/11/2026 at 14:00' (or the baseline, or no time)."""
    what = (scenario_name(services, c.scenario_id, c.scenario_version, lang) if c.scenario_id
            else t("form_shown_baseline", lang))  # fmt: skip
    moment = (t("kpi_at", lang, date=f"{c.shown_at:%d/%m/%Y}", time=f"{c.shown_at:%H:%M}")
              if c.shown_at else t("moderation_no_time", lang))  # fmt: skip
    return f"{what}, {moment}"


def category_tag(c: store.Contribution, lang: Lang) -> html.Span:
    return html.Span(t(f"value_{c.category}", lang), className=f"category-tag category-{c.category}")


def status_tag(status: str | None, lang: Lang) -> html.Span | str:
    return html.Span(t(f"value_{status}", lang), className=f"status-tag status-{status}") if status else ""


def answer_block(services: Services, c: store.Contribution, lang: Lang) -> html.Div | str:
    if not c.answer and not c.answer_scenario_id:
        return ""
    link: Any = ""
    if c.answer_scenario_id:
        href = "/?" + urlencode({"scenario": c.answer_scenario_id, "version": c.answer_scenario_version,
                                 "lang": lang})  # fmt: skip
        label = scenario_name(services, c.answer_scenario_id, c.answer_scenario_version, lang)
        link = html.A(t("view_answer_scenario", lang, what=label), href=href)
    return html.Div([html.H3(t("view_answer", lang)), html.P(c.answer or "", className="user-text"), link],
                    className="answer")  # fmt: skip


def changed_note(services: Services, c: store.Contribution, lang: Lang) -> html.P | str:
    """ "Ce bâtiment a changé dans la version 4 du scénario École", with a link to that change, when a
    published version made after the contribution changed its building."""
    subject = Subject(c.building_id, c.floor_id, c.created_at)
    [change] = building_changed(services.store, services.catalog.cursor(), [subject])
    if change is None:
        return ""
    href = "/?" + urlencode({**change.link_params(), "lang": lang})
    text = t("said_changed", lang, version=change.version, name=change.scenario_name)
    return html.P([text, " ", html.A(t("said_changed_link", lang), href=href)], className="changed-note")


def public_view(services: Services, c: store.Contribution, lang: Lang) -> list[Any]:
    author = c.pseudonym or t("view_anonymous", lang)
    return [
        html.H2(t("view_title", lang, id=c.id)),
        html.P([category_tag(c, lang), " ", status_tag(c.follow_up, lang), " ",
                t("view_by", lang, pseudonym=author), " · ", when(c.created_at, lang), " · ", where(c, lang)],
               className="contribution-meta"),
        html.Blockquote(c.text, className="user-text contribution-quote"),
        answer_block(services, c, lang),
        changed_note(services, c, lang),
        html.P(t("view_shown_then", lang, what=what_was_shown(services, c, lang)), className="hint"),
        html.P(t("view_supports", lang, count=format_number(c.supports, lang)), className="supports"),
    ]  # fmt: skip


def _shown_contribution(services: Services, value: object) -> store.Contribution | None:
    state = panel_state(value)
    found = contribution_id(state.contribution) if state and state.mode == "view" else None
    contribution = store.get(services.store, found) if found else None
    return contribution if contribution and contribution.public else None


def register(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.CONTRIB_VIEW_BODY, "children"),
        Output(ids.CONTRIB_VIEW_FEEDBACK, "children"),
        Output(ids.CONTRIB_SUPPORT, "hidden"),
        Output(ids.CONTRIB_REPORT, "hidden"),
        Output(ids.CONTRIB_SUPPORT, "children"),
        Output(ids.CONTRIB_REPORT, "children"),
        Input(ids.CONTRIB_STATE, "data"),
        Input(ids.LANG, "value"),
    )
    def show(value: object, lang_value: object) -> tuple[Any, ...]:
        lang = chosen_lang(lang_value)
        labels = t("view_support", lang), t("view_report", lang)
        c = _shown_contribution(services, value)
        if c is None:
            return [html.P(t("view_gone", lang))], "", True, True, *labels
        return public_view(services, c, lang), "", False, False, *labels

    @app.callback(
        Output(ids.CONTRIB_VIEW_BODY, "children", allow_duplicate=True),
        Output(ids.CONTRIB_VIEW_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.CONTRIB_SUPPORT, "n_clicks"),
        State(ids.CONTRIB_STATE, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def support(_clicks: object, value: object, lang_value: object) -> tuple[Any, ...]:
        lang, before = chosen_lang(lang_value), _shown_contribution(services, value)
        if before is None:
            return no_update, t("view_gone", lang)
        try:
            count = store.support(services.store, before.id, services.current_visitor(), datetime.now(UTC))
        except store.UnknownContribution:
            return no_update, t("view_gone", lang)
        after = store.get(services.store, before.id)
        body = public_view(services, after, lang) if after else no_update
        return body, t("view_supported" if count > before.supports else "view_already_supported", lang)

    @app.callback(
        Output(ids.CONTRIB_VIEW_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.CONTRIB_REPORT, "n_clicks"),
        State(ids.CONTRIB_STATE, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def report(_clicks: object, value: object, lang_value: object) -> str:
        lang, c = chosen_lang(lang_value), _shown_contribution(services, value)
        if c is None:
            return t("view_gone", lang)
        try:
            store.report(services.store, c.id, services.current_visitor(), datetime.now(UTC))
        except store.UnknownContribution:
            return t("view_gone", lang)
        return t("view_reported", lang)
