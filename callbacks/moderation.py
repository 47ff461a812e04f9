"""The moderators' screen, below the map: a list (what awaits a decision: new contributions and those hidden
by visitors' reports; or the published, rejected, hidden ones) and the chosen contribution in full, with the
decisions open to it (publish, reject or hide with a reason, restore) and, on a published one, the public
follow-up (status, answer, the scenario version that answers it). Planners see the published ones and the
follow-up only. Every call asks store.permissions on the server; the store logs every decision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from callbacks import inputs
from callbacks.contribution_view import category_tag, status_tag, what_was_shown, when, where
from callbacks.contributions import contribution_id
from callbacks.language import chosen_lang
from callbacks.scenario_state import MAX_SCENARIO_ID
from callbacks.services import Services
from components import ids
from store import contributions as store
from store.accounts import Account
from store.permissions import can
from store.scenarios import history, list_scenarios
from texts.formats import format_number
from texts.i18n import Lang, t

FILTERS = ("queue", "approved", "rejected", "hidden")
EXCERPT_CHARS = 140
LABELS = (
    (ids.MODERATION_TITLE, "moderation_title"),
    (ids.MODERATION_REFRESH, "moderation_refresh"),
    (f"{ids.MODERATION_REASON}-label", "moderation_reason"),
    (ids.MODERATION_APPROVE, "moderation_approve"),
    (ids.MODERATION_REJECT, "moderation_reject"),
    (ids.MODERATION_HIDE, "moderation_hide"),
    (ids.MODERATION_RESTORE, "moderation_restore"),
    (f"{ids.FOLLOW_UP}-title", "follow_up_title"),
    (f"{ids.FOLLOW_UP_STATUS}-label", "follow_up_status"),
    (f"{ids.FOLLOW_UP_ANSWER}-label", "follow_up_answer"),
    (f"{ids.FOLLOW_UP_SCENARIO}-label", "follow_up_scenario"),
    (ids.FOLLOW_UP_SAVE, "follow_up_save"),
)
BUTTONS = {
    ids.MODERATION_APPROVE: "approve",
    ids.MODERATION_REJECT: "reject",
    ids.MODERATION_HIDE: "hide",
    ids.MODERATION_RESTORE: "restore",
}


def allowed_filters(account: Account | None) -> tuple[str, ...]:
    if can(account, "moderate"):
        return FILTERS
    return ("approved",) if can(account, "follow_up") else ()


def listed(services: Services, chosen: str) -> list[store.Contribution]:
    return store.queue(services.store) if chosen == "queue" else store.for_moderators(services.store, chosen)


def filter_options(services: Services, allowed: tuple[str, ...], lang: Lang) -> list[dict[str, str]]:
    def label(name: str) -> str:
        return t(f"moderation_filter_{name}", lang, count=format_number(len(listed(services, name)), lang))

    return [{"label": label(name), "value": name} for name in allowed]


def state_label(c: store.Contribution, lang: Lang) -> str:
    return t("moderation_reported" if c.auto_hidden else f"moderation_{c.moderation}", lang)


def _item(c: store.Contribution, selected: str | None, lang: Lang) -> html.Li:
    excerpt = c.text if len(c.text) <= EXCERPT_CHARS else c.text[:EXCERPT_CHARS] + "…"
    reports = (
        html.Span(t("moderation_reports", lang, count=c.reports), className="reports-tag")
        if c.reports
        else ""
    )
    state = html.Span(state_label(c, lang), className=f"state-tag state-{c.moderation}")
    date = html.Span(when(c.created_at, lang), className="item-date")
    head = html.Div([category_tag(c, lang), state, reports, date], className="item-head")
    body = [
        head,
        html.Div(excerpt, className="user-text item-text"),
        html.Div(where(c, lang), className="item-where"),
    ]
    css = "moderation-item selected" if c.id == selected else "moderation-item"
    return html.Li(html.Button(body, id={"type": ids.MODERATION_ITEM, "id": c.id}, className=css))


def decision_log(c: store.Contribution, services: Services, lang: Lang) -> html.Details:
    entries = [
        html.Li(t("moderation_log_item", lang, when=when(d.at, lang), action=_action(d.action, lang),
                  actor=d.actor or t("actor_nobody", lang)) + (f" — {d.reason}" if d.reason else ""))
        for d in store.decisions(services.store, c.id)
    ]  # fmt: skip
    return html.Details([html.Summary(t("moderation_log", lang)), html.Ol(entries)], className="decision-log")


def _action(action: str, lang: Lang) -> str:
    key = f"action_{action}"
    return t(key, lang) if key in _ACTION_KEYS else action


_ACTION_KEYS = frozenset(
    f"action_{a}" for a in (*store.DECISIONS, "auto_hide", "submit", "withdraw", "follow_up")
)


def detail(services: Services, c: store.Contribution, lang: Lang) -> list[Any]:
    facts = [t("moderation_sent", lang, when=when(c.created_at, lang)), where(c, lang),
             t("moderation_state", lang, state=state_label(c, lang))]  # fmt: skip
    if c.reports:
        facts.append(t("moderation_reports", lang, count=c.reports))
    if c.moderation == "approved":
        facts.append(t("moderation_supports", lang, count=c.supports))
    return [
        html.H3([t("view_title", lang, id=c.id), " ", category_tag(c, lang), " ",
                 status_tag(c.follow_up, lang)]),
        html.P(" · ".join(facts), className="hint"),
        html.P(t("moderation_on_screen", lang, what=what_was_shown(services, c, lang)), className="hint"),
        html.Blockquote(c.text, className="user-text contribution-quote", title=t("moderation_text", lang)),
        html.P(t("moderation_pseudonym", lang, pseudonym=c.pseudonym), className="hint")
        if c.pseudonym else "",
        decision_log(c, services, lang),
    ]  # fmt: skip


def decisions_open(c: store.Contribution) -> set[str]:
    """The decisions the store would accept for this contribution's state."""
    if c.moderation == "pending":
        return {"approve", "reject"}
    if c.moderation == "approved":
        return {"hide", "restore"} if c.auto_hidden else {"hide"}
    if c.moderation == "rejected":
        return {"approve"}
    return {"restore"}


def scenario_options(services: Services, account: Account | None, lang: Lang) -> list[dict[str, str]]:
    """'None' and every version of every published scenario, newest first: what an answer may link to."""
    options = [{"label": t("follow_up_none", lang), "value": ""}]
    for summary in list_scenarios(services.store, account):
        if summary.status != "published":
            continue
        for version in reversed(history(services.store, summary.id)):
            label = t("scenario_version_option", lang, name=summary.name, version=version.number)
            options.append({"label": label, "value": f"{summary.id}@{version.number}"})
    return options


def scenario_choice(value: object) -> tuple[str, int] | None:
    """'<id>@<n>' -> (id, n); '' or anything else -> None."""
    text = inputs.text(value, MAX_SCENARIO_ID + 12) or ""
    scenario_id, _, number = text.rpartition("@")
    if not scenario_id or not number.isdigit() or len(number) > 9:
        return None
    return scenario_id, int(number)


def visible_to(account: Account | None, c: store.Contribution | None) -> store.Contribution | None:
    """Moderators see every contribution; planners the published ones only."""
    if c is None or can(account, "moderate"):
        return c
    return c if can(account, "follow_up") and c.moderation == "approved" else None


def register(app: Dash, services: Services) -> None:
    _register_section(app, services)
    _register_list(app, services)
    _register_detail(app, services)
    _register_decide(app, services)
    _register_follow_up(app, services)


def export_links(account: Account | None, lang: Lang) -> list[Any]:
    """Downloads of the contributions: every one, with its moderation state, for a moderator; the published
    ones (the public export) for a planner."""
    every = can(account, "moderate")
    query = "?moderation=all" if every else ""
    label = t("moderation_export_all" if every else "moderation_export_public", lang)
    return [
        label, " ",
        html.A("CSV", href=f"/api/contributions.csv{query}", download=""), " · ",
        html.A("GeoJSON", href=f"/api/contributions.geojson{query}", download=""),
    ]  # fmt: skip


def _register_section(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.MODERATION, "hidden"),
        Output(ids.MODERATION_EXPORTS, "children"),
        *(Output(component, "children") for component, _ in LABELS),
        Input(ids.URL, "pathname"),
        Input(ids.LANG, "value"),
    )
    def show_section(_path: object, value: object) -> tuple[Any, ...]:
        lang, account = chosen_lang(value), services.current_account()
        labels = (t(key, lang) for _, key in LABELS)
        return not allowed_filters(account), export_links(account, lang), *labels


def _register_list(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.MODERATION_LIST, "children"),
        Output(ids.MODERATION_FILTER, "options"),
        Output(ids.MODERATION_FILTER, "value"),
        Input(ids.MODERATION_FILTER, "value"),
        Input(ids.MODERATION_CHANGED, "data"),
        Input(ids.MODERATION_REFRESH, "n_clicks"),
        Input(ids.MODERATION_SELECTED, "data"),
        Input(ids.LANG, "value"),
        Input(ids.URL, "pathname"),
    )
    def show_list(chosen: object, _changed: object, _refresh: object, selected: object, value: object,
                  _path: object) -> tuple[Any, ...]:  # fmt: skip
        lang, allowed = chosen_lang(value), allowed_filters(services.current_account())
        if not allowed:
            return [], [], no_update
        name = chosen if isinstance(chosen, str) and chosen in allowed else allowed[0]
        items = [_item(c, contribution_id(selected), lang) for c in listed(services, name)]
        empty = [html.Li(t("moderation_empty", lang), className="hint")]
        return items or empty, filter_options(services, allowed, lang), name

    @app.callback(
        Output(ids.MODERATION_SELECTED, "data"),
        Input({"type": ids.MODERATION_ITEM, "id": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def select(_clicks: object) -> Any:
        # A click, not the list being drawn again (new buttons arrive with no clicks).
        picked = ctx.triggered_id
        clicked = inputs.clicks(ctx.triggered[0].get("value")) if ctx.triggered else 0
        if not isinstance(picked, dict) or not clicked:
            return no_update
        return contribution_id(picked.get("id")) or no_update


def _register_detail(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.MODERATION_DETAIL, "children"),
        Output(ids.MODERATION_DECISION, "hidden"),
        *(Output(button, "hidden") for button in BUTTONS),
        Output(ids.FOLLOW_UP, "hidden"),
        Output(ids.FOLLOW_UP_STATUS, "options"),
        Output(ids.FOLLOW_UP_STATUS, "value"),
        Output(ids.FOLLOW_UP_ANSWER, "value"),
        Output(ids.FOLLOW_UP_SCENARIO, "options"),
        Output(ids.FOLLOW_UP_SCENARIO, "value"),
        Output(ids.MODERATION_REASON, "value"),
        Input(ids.MODERATION_SELECTED, "data"),
        Input(ids.MODERATION_CHANGED, "data"),
        Input(ids.LANG, "value"),
    )
    def show_detail(selected: object, _changed: object, value: object) -> tuple[Any, ...]:
        lang, account = chosen_lang(value), services.current_account()
        found = contribution_id(selected)
        c = visible_to(account, store.get(services.store, found) if found else None)
        statuses = [{"label": t(f"value_{code}", lang), "value": code} for code in store.FOLLOW_UPS]
        if c is None or not allowed_filters(account):
            return ([html.P(t("moderation_pick", lang), className="hint")], True, *(True,) * len(BUTTONS),
                    True, statuses, None, "", [], "", "")  # fmt: skip
        open_ = decisions_open(c) if can(account, "moderate") else set()
        answerable = c.moderation == "approved" and can(account, "follow_up")
        linked = f"{c.answer_scenario_id}@{c.answer_scenario_version}" if c.answer_scenario_id else ""
        options = scenario_options(services, account, lang) if answerable else []
        return (detail(services, c, lang), not open_, *(BUTTONS[b] not in open_ for b in BUTTONS),
                not answerable, statuses, c.follow_up, c.answer or "", options, linked, "")  # fmt: skip


REFUSALS = {
    "decision": "moderation_refused_state",
    "reason": "moderation_reason_invalid",
    "answer": "follow_up_answer_invalid",
    "scenario_id": "follow_up_scenario_refused",
    "scenario_version": "follow_up_scenario_refused",
}


def refusal_line(error: Exception, lang: Lang) -> str:
    """The store's refusal of a decision or a follow-up, as one translated line."""
    if isinstance(error, PermissionError):
        return t("error_not_allowed", lang)
    field = getattr(error, "field", "")
    if field == "status":
        return t("follow_up_only_published" if "approved" in str(error) else "follow_up_status_needed", lang)
    return t(REFUSALS.get(field, "moderation_refused_state"), lang)


def _bumped(changed: object) -> int:
    number = inputs.whole_number(changed)
    return (number or 0) % 1_000_000 + 1


def _register_decide(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.MODERATION_FEEDBACK, "children"),
        Output(ids.MODERATION_CHANGED, "data"),
        *(Input(button, "n_clicks") for button in BUTTONS),
        State(ids.MODERATION_SELECTED, "data"),
        State(ids.MODERATION_REASON, "value"),
        State(ids.MODERATION_CHANGED, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def decide(_a: object, _r: object, _h: object, _s: object, selected: object, reason: object,
               changed: object, value: object) -> tuple[Any, ...]:  # fmt: skip
        lang, account = chosen_lang(value), services.current_account()
        decision, found = BUTTONS.get(str(ctx.triggered_id), ""), contribution_id(selected)
        if not can(account, "moderate") or account is None or not decision or not found:
            return t("error_not_allowed", lang), no_update
        why = (inputs.text(reason, store.MAX_REASON_CHARS) or "").strip()
        if decision in ("reject", "hide") and not why:
            return t("moderation_reason_needed", lang), no_update
        try:
            store.moderate(services.store, found, decision, why, account, datetime.now(UTC))
        except store.UnknownContribution:
            return t("moderation_gone", lang), _bumped(changed)
        except (store.ContributionError, PermissionError) as error:
            return refusal_line(error, lang), no_update
        return t(f"moderation_done_{decision}", lang, id=found), _bumped(changed)


def _register_follow_up(app: Dash, services: Services) -> None:
    @app.callback(
        Output(ids.MODERATION_FEEDBACK, "children", allow_duplicate=True),
        Output(ids.MODERATION_CHANGED, "data", allow_duplicate=True),
        Input(ids.FOLLOW_UP_SAVE, "n_clicks"),
        State(ids.MODERATION_SELECTED, "data"),
        State(ids.FOLLOW_UP_STATUS, "value"),
        State(ids.FOLLOW_UP_ANSWER, "value"),
        State(ids.FOLLOW_UP_SCENARIO, "value"),
        State(ids.MODERATION_CHANGED, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def save(_clicks: object, selected: object, status: object, answer: object, scenario: object,
             changed: object, value: object) -> tuple[Any, ...]:  # fmt: skip
        lang, account = chosen_lang(value), services.current_account()
        found = contribution_id(selected)
        if not can(account, "follow_up") or account is None or not found:
            return t("error_not_allowed", lang), no_update
        code = status if isinstance(status, str) and status in store.FOLLOW_UPS else ""
        text = inputs.text(answer, store.MAX_ANSWER_CHARS) or ""
        try:
            store.follow_up(services.store, found, code, text, scenario_choice(scenario), account,
                            datetime.now(UTC))  # fmt: skip
        except store.UnknownContribution:
            return t("moderation_gone", lang), _bumped(changed)
        except (store.ContributionError, PermissionError) as error:
            return refusal_line(error, lang), no_update
        return t("follow_up_done", lang, id=found), _bumped(changed)
