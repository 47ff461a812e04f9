"""The header's "Partager" button and its dialog (the view's link, a copy button, the link's QR code), and the
"Fiche PDF" link. Texts come from callbacks/share.py; assets/16-twin-share.js fills in the link, the QR code's
address and the brief's address from the page's current address when they are used."""

from __future__ import annotations

from typing import Any

from dash import html

from components import ids


def _aria(**values: str) -> dict[str, Any]:
    """aria-* attributes (Dash passes them through; Python names cannot hold the dash)."""
    return {f"aria-{name}": value for name, value in values.items()}


def share_controls() -> html.Div:
    dialog = html.Dialog([
        html.H2(id=ids.SHARE_TITLE),
        html.P(id=ids.SHARE_INTRO),
        html.Label(id=ids.SHARE_LINK_LABEL, htmlFor=ids.SHARE_LINK),
        html.Div([
            html.Textarea(id=ids.SHARE_LINK, readOnly="readonly", rows=3, className="share-link"),
            html.Button(id=ids.SHARE_COPY, type="button", className="button-primary"),
        ], className="share-row"),
        html.Div(id=ids.SHARE_STATUS, role="status", className="feedback"),
        html.Span(id=ids.SHARE_COPIED_TEXT, hidden=True),
        html.Span(id=ids.SHARE_FAILED_TEXT, hidden=True),
        html.Img(id=ids.SHARE_QR, className="share-qr", width="200", height="200"),
        html.Div(html.Button(id=ids.SHARE_CLOSE, type="button", className="button-secondary"),
                 className="buttons"),
    ], id=ids.SHARE_DIALOG, className="share-dialog", **_aria(labelledby=ids.SHARE_TITLE))  # fmt: skip
    return html.Div([
        html.Button(id=ids.SHARE_BUTTON, type="button", className="button-secondary",
                    **_aria(haspopup="dialog")),
        html.A(id=ids.BRIEF_LINK, href="/brief.pdf", className="button-secondary brief-link",
               target="_blank", rel="noopener"),
        dialog,
    ], className="share-controls")  # fmt: skip
