"""Participation's pieces of the page: the "give your opinion" panel over the map (the offer after a click on
the ground, the form, the thank-you with the withdrawal code, a published contribution with support and
report, the withdrawal form), the side panel's short section, and the moderators' section below the map.
Texts and choices are filled in by callbacks (callbacks/contributions.py, callbacks/moderation.py)."""

from __future__ import annotations

from dash import dcc, html

from components import ids

MAX_TEXT_CHARS = 1000  # store.contributions.MAX_TEXT_CHARS, restated: components cannot import the store
MAX_PSEUDONYM_CHARS = 40  # store.contributions.MAX_PSEUDONYM_CHARS
MAX_CODE_CHARS = 64
MAX_ID_CHARS = 64


def participation_stores() -> list[dcc.Store]:
    return [
        dcc.Store(id=ids.GROUND_POINT),
        dcc.Store(id=ids.PICKED_CONTRIBUTION),
        dcc.Store(id=ids.CONTRIB_STATE),
        dcc.Store(id=ids.MODERATION_SELECTED),
        dcc.Store(id=ids.MODERATION_CHANGED, data=0),
        dcc.Store(id=f"{ids.CONTRIB_COUNT}-template"),
    ]


def _label(label_id: str, control_id: str) -> html.Label:
    return html.Label(id=label_id, htmlFor=control_id)


def contribute_button() -> html.Div:
    """In the building panel: opens the form for this building (a floor can be chosen in the form)."""
    return html.Div(html.Button(id=ids.CONTRIBUTE, className="button-primary button-big"),
                    className="contribute-launcher")  # fmt: skip


def participation_section() -> html.Section:
    """In the side panel: how to give one's opinion, and the way to withdraw one."""
    return html.Section([
        html.H2(id=ids.PARTICIPATION_TITLE),
        html.P(id=ids.PARTICIPATION_HINT, className="hint"),
        html.Button(id=ids.WITHDRAW_OPEN, className="button-link"),
    ], className="panel-section participation-section")  # fmt: skip


def _offer() -> html.Div:
    return html.Div([
        html.P(id=ids.CONTRIB_OFFER_TEXT, className="offer-text"),
        html.Button(id=ids.CONTRIB_ACCEPT, className="button-primary button-big"),
    ], id=ids.CONTRIB_OFFER, hidden=True)  # fmt: skip


def _category() -> html.Fieldset:
    return html.Fieldset([
        html.Legend(id=f"{ids.CONTRIB_CATEGORY}-label"),
        dcc.RadioItems(id=ids.CONTRIB_CATEGORY, options=[], value=None, className="category-choice"),
    ], className="form-step")  # fmt: skip


def _text() -> html.Div:
    area = dcc.Textarea(id=ids.CONTRIB_TEXT, value="", maxLength=MAX_TEXT_CHARS, rows=5,
                        className="contribution-text")  # fmt: skip
    return html.Div([
        _label(f"{ids.CONTRIB_TEXT}-label", ids.CONTRIB_TEXT),
        area,
        html.Div(id=ids.CONTRIB_COUNT, className="char-count"),
    ], className="field form-step")  # fmt: skip


def _pseudonym() -> html.Div:
    return html.Div([
        _label(f"{ids.CONTRIB_PSEUDONYM}-label", ids.CONTRIB_PSEUDONYM),
        dcc.Input(id=ids.CONTRIB_PSEUDONYM, type="text", value="", maxLength=MAX_PSEUDONYM_CHARS,
                  autoComplete="off"),
        html.P(id=f"{ids.CONTRIB_PSEUDONYM}-note", className="hint"),
    ], className="field form-step")  # fmt: skip


def _form() -> html.Div:
    where = dcc.Dropdown(
        id=ids.CONTRIB_WHERE, options=[], value="building", clearable=False, searchable=False
    )
    return html.Div([
        html.H2(id=ids.CONTRIB_FORM_TITLE),
        html.P(id=ids.CONTRIB_ABOUT, className="contribution-about"),
        html.Div([_label(f"{ids.CONTRIB_WHERE}-label", ids.CONTRIB_WHERE), where],
                 id=f"{ids.CONTRIB_WHERE}-field", className="field"),
        html.P(id=ids.CONTRIB_SHOWN, className="hint"),
        _category(),
        _text(),
        _pseudonym(),
        dcc.Checklist(id=ids.CONTRIB_CONSENT, options=[], value=[], className="consent"),
        html.Div(id=ids.CONTRIB_FEEDBACK, className="feedback refusal", role="alert"),
        html.Button(id=ids.CONTRIB_SEND, className="button-primary button-big"),
    ], id=ids.CONTRIB_FORM, hidden=True)  # fmt: skip


def _done() -> html.Div:
    return html.Div([
        html.Div(id=f"{ids.CONTRIB_DONE}-body", role="status"),
        html.Button(id=ids.CONTRIB_ANOTHER, className="button-secondary"),
    ], id=ids.CONTRIB_DONE, className="contribution-done", hidden=True)  # fmt: skip


def _view() -> html.Div:
    return html.Div([
        html.Div(id=ids.CONTRIB_VIEW_BODY),
        html.Div([html.Button(id=ids.CONTRIB_SUPPORT, className="button-primary"),
                  html.Button(id=ids.CONTRIB_REPORT, className="button-link")], className="buttons"),
        html.Div(id=ids.CONTRIB_VIEW_FEEDBACK, className="feedback", role="status"),
    ], id=ids.CONTRIB_VIEW, hidden=True)  # fmt: skip


def _withdraw() -> html.Details:
    return html.Details([
        html.Summary(id=f"{ids.WITHDRAW}-summary"),
        html.Div([
            html.Div([_label(f"{ids.WITHDRAW_ID}-label", ids.WITHDRAW_ID),
                      dcc.Input(id=ids.WITHDRAW_ID, type="text", value="", maxLength=MAX_ID_CHARS,
                                autoComplete="off")], className="field"),
            html.Div([_label(f"{ids.WITHDRAW_CODE}-label", ids.WITHDRAW_CODE),
                      dcc.Input(id=ids.WITHDRAW_CODE, type="text", value="", maxLength=MAX_CODE_CHARS,
                                autoComplete="off")], className="field"),
        ], className="withdraw-fields"),
        html.Button(id=ids.WITHDRAW_BUTTON, className="button-danger"),
        html.Div(id=ids.WITHDRAW_FEEDBACK, className="feedback", role="status"),
    ], id=ids.WITHDRAW, className="withdraw")  # fmt: skip


def contribution_panel() -> html.Aside:
    """Over the map, where the building panel stands (and above it): closing it shows the building again."""
    return html.Aside([
        html.Button(id=ids.CONTRIB_CLOSE, className="panel-close"),
        _offer(), _form(), _done(), _view(), _withdraw(),
    ], id=ids.CONTRIB_PANEL, className="building-panel contribution-panel", hidden=True)  # fmt: skip


def _decision() -> html.Div:
    return html.Div([
        html.Div([_label(f"{ids.MODERATION_REASON}-label", ids.MODERATION_REASON),
                  dcc.Input(id=ids.MODERATION_REASON, type="text", value="", maxLength=500)],
                 className="field"),
        html.Div([html.Button(id=ids.MODERATION_APPROVE, className="button-primary"),
                  html.Button(id=ids.MODERATION_REJECT, className="button-danger"),
                  html.Button(id=ids.MODERATION_HIDE, className="button-danger"),
                  html.Button(id=ids.MODERATION_RESTORE, className="button-secondary")], className="buttons"),
    ], id=ids.MODERATION_DECISION, hidden=True)  # fmt: skip


def _follow_up() -> html.Div:
    status = dcc.RadioItems(
        id=ids.FOLLOW_UP_STATUS, options=[], value=None, inline=True, className="status-choice"
    )
    scenario = dcc.Dropdown(
        id=ids.FOLLOW_UP_SCENARIO, options=[], value="", clearable=False, searchable=False
    )
    return html.Div([
        html.H3(id=f"{ids.FOLLOW_UP}-title"),
        html.Fieldset([html.Legend(id=f"{ids.FOLLOW_UP_STATUS}-label"), status]),
        html.Div([_label(f"{ids.FOLLOW_UP_ANSWER}-label", ids.FOLLOW_UP_ANSWER),
                  dcc.Textarea(id=ids.FOLLOW_UP_ANSWER, value="", maxLength=2000, rows=3)],
                 className="field"),
        html.Div([_label(f"{ids.FOLLOW_UP_SCENARIO}-label", ids.FOLLOW_UP_SCENARIO), scenario],
                 className="field"),
        html.Button(id=ids.FOLLOW_UP_SAVE, className="button-primary"),
    ], id=ids.FOLLOW_UP, className="follow-up", hidden=True)  # fmt: skip


def moderation_section() -> html.Section:
    """Below the map, for moderators (and planners, for the follow-up): a list and the chosen one."""
    choice = dcc.RadioItems(id=ids.MODERATION_FILTER, options=[], value="queue", inline=True,
                            className="moderation-filter")  # fmt: skip
    return html.Section([
        html.Div([html.H2(id=ids.MODERATION_TITLE), choice,
                  html.Button(id=ids.MODERATION_REFRESH, className="button-secondary")],
                 className="moderation-head"),
        html.Div([
            html.Ul(id=ids.MODERATION_LIST, className="moderation-list"),
            html.Div([
                html.Div(id=ids.MODERATION_DETAIL),
                _decision(),
                _follow_up(),
                html.Div(id=ids.MODERATION_FEEDBACK, className="feedback", role="status"),
            ], className="moderation-detail"),
        ], className="moderation-body"),
        html.P(id=ids.MODERATION_EXPORTS, className="moderation-exports"),
    ], id=ids.MODERATION, className="moderation", hidden=True)  # fmt: skip
