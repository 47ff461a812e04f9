"""The public contributions' pins follow the store without a reload: every ~30 s the page asks for the
public revision (one small query); when it changed, the bridge fetches the contributions source again."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks.language import chosen_lang
from callbacks.services import Services
from components import ids
from store import contributions


def register(app: Dash, services: Services) -> None:
    @app.callback(Output(ids.CONTRIBUTIONS_REVISION, "data"), Input(ids.CONTRIBUTIONS_TICK, "n_intervals"))
    def public_revision(_ticks: object) -> str:
        return contributions.public_revision(services.store)

    @app.callback(Output(ids.CONTRIBUTIONS_LINK, "href"), Input(ids.LANG, "value"))
    def page_link(value: object) -> str:
        return "/contributions" if chosen_lang(value) == "fr" else "/contributions?lang=en"

    app.clientside_callback(
        "window.dash_clientside.twin.setContributions",
        Output(ids.CONTRIBUTIONS_STATUS, "data"),
        Input(ids.CONTRIBUTIONS_REVISION, "data"),
    )
