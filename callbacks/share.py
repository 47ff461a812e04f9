"""The share dialog's and the brief link's texts follow the language switch (what they do is
assets/16-twin-share.js's: no server round trip to open a dialog or copy a link)."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks.language import chosen_lang
from components import ids
from texts.i18n import t

TEXTS = (
    (ids.SHARE_BUTTON, "children", "share_button"),
    (ids.SHARE_TITLE, "children", "share_title"),
    (ids.SHARE_INTRO, "children", "share_intro"),
    (ids.SHARE_LINK_LABEL, "children", "share_link_label"),
    (ids.SHARE_COPY, "children", "share_copy"),
    (ids.SHARE_COPIED_TEXT, "children", "share_copied"),
    (ids.SHARE_FAILED_TEXT, "children", "share_copy_failed"),
    (ids.SHARE_QR, "alt", "share_qr_alt"),
    (ids.SHARE_CLOSE, "children", "share_close"),
    (ids.BRIEF_LINK, "children", "brief_button"),
    (ids.BRIEF_LINK, "title", "brief_button_title"),
)


def register(app: Dash) -> None:
    @app.callback(*(Output(c, prop) for c, prop, _ in TEXTS), Input(ids.LANG, "value"))
    def translate(value: object) -> tuple[str, ...]:
        lang = chosen_lang(value)
        return tuple(t(key, lang) for _, _, key in TEXTS)
