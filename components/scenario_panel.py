"""The planner's pieces of the page: the account box, the scenario section of the side panel, the building's
edit form and the indicators section. Texts are filled in by callbacks (callbacks/scenarios.py); the layout
only places things. Tools are hidden until the server says the visitor may use them — and every action is
checked again on the server."""

from __future__ import annotations

from dash import dcc, html

from components import ids


def scenario_stores() -> list[dcc.Store]:
    return [
        dcc.Store(id=ids.SCENARIO),
        dcc.Store(id=ids.SCENARIO_PARAM),
        dcc.Store(id=ids.SCENARIO_STATUS_MAP),
        dcc.Store(id=ids.UNDO, data=[]),
        dcc.Store(id=ids.ACCOUNT_RESULT),
    ]


def _labelled(label_id: str, control: html.Div | dcc.Input | dcc.Dropdown, control_id: str) -> html.Div:
    return html.Div([html.Label(id=label_id, htmlFor=control_id), control], className="field")


def account_box() -> html.Div:
    """Signed in: who and a sign-out button; else a small sign-in form (planners only need it)."""
    form = html.Details([
        html.Summary(id=f"{ids.ACCOUNT_FORM}-summary"),
        _labelled(f"{ids.ACCOUNT_NAME}-label", dcc.Input(id=ids.ACCOUNT_NAME, type="text",
                  autoComplete="username", maxLength=64), ids.ACCOUNT_NAME),
        _labelled(f"{ids.ACCOUNT_PASSWORD}-label", dcc.Input(id=ids.ACCOUNT_PASSWORD, type="password",
                  autoComplete="current-password", maxLength=200), ids.ACCOUNT_PASSWORD),
        html.Button(id=ids.ACCOUNT_SIGN_IN, className="button-primary"),
        html.Div(id=ids.ACCOUNT_FEEDBACK, className="feedback", role="status"),
    ], id=ids.ACCOUNT_FORM, className="account-form", hidden=True)  # fmt: skip
    signed_in = html.Div([
        html.Span(id=ids.ACCOUNT_STATUS),
        html.Button(id=ids.ACCOUNT_SIGN_OUT, className="button-link", hidden=True),
    ], className="account-status")  # fmt: skip
    return html.Div([signed_in, form], className="account-box")


def _planner_tools() -> html.Div:
    return html.Div([
        html.Button(id=ids.SCENARIO_UNDO, className="button-secondary"),
        _labelled(f"{ids.SCENARIO_MESSAGE}-label", dcc.Input(id=ids.SCENARIO_MESSAGE, type="text",
                  maxLength=500, debounce=False), ids.SCENARIO_MESSAGE),
        html.Div([html.Button(id=ids.SCENARIO_SAVE, className="button-primary"),
                  html.Button(id=ids.SCENARIO_PUBLISH, className="button-secondary")], className="buttons"),
    ], id=ids.SCENARIO_TOOLS, hidden=True)  # fmt: skip


def _restore_form() -> html.Div:
    choice = dcc.Dropdown(id=ids.RESTORE_CHOICE, options=[], clearable=False, searchable=False)
    return html.Div([_labelled(f"{ids.RESTORE_CHOICE}-label", choice, ids.RESTORE_CHOICE),
                     html.Button(id=ids.RESTORE_BUTTON, className="button-secondary")],
                    id=ids.RESTORE_FORM, hidden=True)  # fmt: skip


def _new_scenario() -> html.Div:
    return html.Div([
        _labelled(f"{ids.SCENARIO_NEW_NAME}-label", dcc.Input(id=ids.SCENARIO_NEW_NAME, type="text",
                  maxLength=120), ids.SCENARIO_NEW_NAME),
        html.Button(id=ids.SCENARIO_CREATE, className="button-secondary"),
        dcc.Upload(html.Button(id=f"{ids.SCENARIO_IMPORT}-button", className="button-link"),
                   id=ids.SCENARIO_IMPORT, accept="application/json,.json", max_size=900_000,
                   className="scenario-import"),
    ], id=ids.SCENARIO_NEW, hidden=True)  # fmt: skip


def scenario_section() -> html.Section:
    choice = dcc.Dropdown(id=ids.SCENARIO_CHOICE, options=[], value="baseline", clearable=False,
                          searchable=False)  # fmt: skip
    return html.Section([
        html.H2(id=ids.SCENARIOS_TITLE),
        _labelled(f"{ids.SCENARIO_CHOICE}-label", choice, ids.SCENARIO_CHOICE),
        html.Div(id=ids.SCENARIO_STATUS, className="hint", role="status"),
        _planner_tools(),
        html.Div(id=ids.SCENARIO_LINKS, className="scenario-links"),
        html.Details([html.Summary(id=f"{ids.SCENARIO_HISTORY}-summary"),
                      html.Ol(id=ids.SCENARIO_HISTORY_BODY, className="versions"), _restore_form()],
                     id=ids.SCENARIO_HISTORY, className="scenario-history", hidden=True),
        _new_scenario(),
        html.Div(id=ids.SCENARIO_FEEDBACK, className="feedback", role="status"),
    ], className="panel-section scenario-section")  # fmt: skip


def edit_form() -> html.Div:
    """Inside the building panel: change the ticked levels' use and occupancy, or demolish."""
    return html.Div([
        html.H3(id=ids.EDIT_TITLE),
        html.Div(id=ids.EDIT_WARNING, className="warning", role="status"),
        html.Fieldset([html.Legend(id=f"{ids.EDIT_LEVELS}-label"),
                       dcc.Checklist(id=ids.EDIT_LEVELS, options=[], value=[], className="edit-levels")]),
        _labelled(f"{ids.EDIT_USE}-label", dcc.Dropdown(id=ids.EDIT_USE, options=[], clearable=False,
                  searchable=False), ids.EDIT_USE),
        html.Fieldset([html.Legend(id=f"{ids.EDIT_STATUS}-label"),
                       dcc.RadioItems(id=ids.EDIT_STATUS, options=[], value="", inline=True)]),
        _labelled(f"{ids.EDIT_PHASE}-label", dcc.Input(id=ids.EDIT_PHASE, type="number", min=2000, max=2100,
                  step=1, placeholder="2030"), ids.EDIT_PHASE),
        html.Div([html.Button(id=ids.EDIT_APPLY, className="button-primary"),
                  html.Button(id=ids.EDIT_DEMOLISH, className="button-danger")], className="buttons"),
    ], id=ids.EDIT_FORM, className="edit-form", hidden=True)  # fmt: skip


def indicators_section() -> html.Section:
    chart = dcc.Graph(id=ids.INDICATORS_CHART, config={"displayModeBar": False, "responsive": True},
                      className="indicators-chart")  # fmt: skip
    return html.Section([
        html.H2(id=ids.INDICATORS_TITLE),
        html.P(id=ids.INDICATORS_SUMMARY, className="indicators-summary"),
        html.Div([html.Div(id=ids.INDICATORS_TABLE, className="indicators-table"), chart],
                 className="indicators-body"),
    ], id=ids.INDICATORS, className="indicators", hidden=True)  # fmt: skip
