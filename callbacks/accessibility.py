"""Names and keys for everyone (WCAG 2.1 AA): the translated names of Dash's own widgets, the map's keyboard
help, and the page script (assets/16-twin-a11y.js) that repairs Dash's ARIA, puts the date picker's month
and day names in the page's language and lets the keyboard open a building."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output

from callbacks import inputs
from components import ids
from texts.i18n import Lang, t

DASH_LABELS = ("a11y_previous_month", "a11y_next_month", "a11y_close_calendar", "a11y_clear_date",
               "a11y_decrease", "a11y_increase")  # fmt: skip


def script_texts(lang: Lang) -> dict[str, Any]:
    """What the page script writes itself, in the page's language; `labels` maps the English names Dash gives
    its widgets' buttons to this language's."""
    keys = {"canvas": "a11y_map_canvas", "nothing": "a11y_map_nothing", "calendar": "a11y_calendar",
            "year": "a11y_year"}  # fmt: skip
    labels = {t(key, "en"): t(key, lang) for key in DASH_LABELS}
    return {"lang": lang, "labels": labels, **{name: t(key, lang) for name, key in keys.items()}}


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.SKIP_TO_MAP, "children"),
        Output(ids.LANG_GROUP_LABEL, "children"),
        Output(ids.DATE, "placeholder"),
        Output(ids.MAP_KEYS, "children"),
        Output(ids.A11Y_TEXTS, "data"),
        Input(ids.LANG, "value"),
    )
    def translate(value: object) -> tuple[Any, ...]:
        lang = inputs.lang(value)
        keys = ("a11y_skip_to_map", "a11y_lang_group", "a11y_date_placeholder", "a11y_map_keys")
        return (*(t(key, lang) for key in keys), script_texts(lang))

    app.clientside_callback(
        ClientsideFunction(namespace="a11y", function_name="apply"),
        Output(ids.A11Y_STATUS, "data"),
        Input(ids.A11Y_TEXTS, "data"),
    )
