"""The view beyond the screen: a one-page brief for a meeting and a picture for slides, each from the page's
own address (the same parameters, checked by the same parser), and the QR code of a view's link.

    GET /brief.pdf?<view parameters>    one A4 landscape page (WeasyPrint): map, KPIs, legends, sources, link
    GET /view.png?<view parameters>     the map picture, 1600×900
    GET /view-qr.svg?<query>            the QR code of <this site>/?<query> (the share dialog's)

A refused parameter is a 400 (a 404 for a scenario the asker may not see) with the page's one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import Flask, Response, request
from weasyprint import HTML

from api.brief_map import png_bytes, render
from api.brief_page import brief_html, qr_svg
from api.brief_view import MAX_QUERY, BriefView, RefusedView, Scenarios, brief_view
from components.view_query import LOCAL_TZ
from geodata.catalog import Catalog
from texts.i18n import DEFAULT_LANG, t

# The page's picture: at the address's zoom it shows about what a screen's map shows, and its labels stay
# readable once printed (16:9 like the slide picture).
PDF_PICTURE = (1200, 675)


def view_link(query: str) -> str:
    """The absolute address of the page showing this view."""
    return request.host_url + ("?" + query if query else "")


def filename(view: BriefView, extension: str) -> str:
    return f"dmc-{view.scene.at:%Y%m%d-%H%M}.{extension}"


def _refusal(error: RefusedView) -> Response:
    return Response(f"{error}\n", status=error.status, content_type="text/plain; charset=utf-8")


def _query() -> str:
    return request.query_string.decode("utf-8", "replace")


def register_brief(server: Flask, catalog: Catalog, scenarios: Scenarios) -> None:
    def answer(make: Callable[[BriefView], Response]) -> Response:
        try:
            view = brief_view(catalog, _query(), scenarios)
        except RefusedView as error:
            return _refusal(error)
        response = make(view)
        # A scenario may be someone's draft: no shared cache keeps what this asker was allowed to see.
        response.headers["Cache-Control"] = "private, no-cache" if view.scenario else "public, max-age=300"
        return response

    def pdf(view: BriefView) -> Response:
        picture = png_bytes(render(catalog.cursor(), view.camera(*PDF_PICTURE), view.scene))
        made = datetime.now(LOCAL_TZ).replace(tzinfo=None)
        page = brief_html(catalog, view.scene, view.scenario, picture, view_link(view.query), made)
        body = HTML(string=page).write_pdf()
        headers = {"Content-Disposition": f'inline; filename="{filename(view, "pdf")}"'}
        return Response(body, content_type="application/pdf", headers=headers)

    def png(view: BriefView) -> Response:
        body = png_bytes(render(catalog.cursor(), view.camera(), view.scene))
        headers = {"Content-Disposition": f'inline; filename="{filename(view, "png")}"'}
        return Response(body, content_type="image/png", headers=headers)

    server.add_url_rule("/brief.pdf", "brief_pdf", lambda: answer(pdf))
    server.add_url_rule("/view.png", "view_png", lambda: answer(png))

    @server.get("/view-qr.svg")
    def view_qr() -> Response:
        """The QR code of this site's page with this query: not checked like a brief, because it must encode
        exactly the link the share dialog shows, whatever it holds; only its length is bounded."""
        query = _query()
        if len(query) > MAX_QUERY:
            return _refusal(RefusedView(400, t("error_brief_too_long", DEFAULT_LANG, limit=MAX_QUERY)))
        svg = qr_svg(view_link(query), scale=5)
        return Response(
            svg, content_type="image/svg+xml; charset=utf-8", headers={"Cache-Control": "no-store"}
        )
