"""Names and keys for everyone (WCAG 2.1 AA): the translated names of Dash's own widgets, the map's keyboard
help, and the page script (assets/16-twin-a11y.js) that repairs Dash's ARIA, puts the date picker's month
and day names in the page's language and lets the keyboard open a building."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output

from callbacks import inputs
from components import ids
from texts.i18n import Lang, t


def script_texts(lang: Lang) -> dict[str, str]:
    """What the page script writes itself, in the page's language."""
    keys = {"canvas": "a11y_map_canvas", "nothing": "a11y_map_nothing", "calendar": "a11y_calendar",
            "year": "a11y_year"}  # fmt: skip
    return {"lang": lang, **{name: t(key, lang) for name, key in keys.items()}}


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
