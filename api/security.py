"""What every response promises: a Content-Security-Policy that allows only what the app loads, no MIME
sniffing, no referrer beyond the site, no framing, no version strings; and a bounded request size.

A small after_request hook rather than flask-talisman: the app needs five fixed headers and no HTTPS
redirect (TLS ends at the reverse proxy), so a dependency would add more than it saves."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from dash import Dash
from flask import Response
from werkzeug.exceptions import HTTPException
from werkzeug.serving import WSGIRequestHandler

from api.dash_requests import install_request_checks
from geodata.settings import TwinSettings

# Dash's callback requests are a few kB (the largest, the URL callback's, is under 2 kB on the sample);
# 1 MB leaves room for growth and refuses a 300 MB body before it is read.
MAX_REQUEST_BYTES = 1_000_000
SERVER_NAME = "dmc-twin"  # what the Server header says: no product version, no Python version
# Fields of Dash's page config that name exact versions (Dash, Python, Plotly, Dash Design Kit). Only the
# dev-tools UI reads them, and it is off (debug=False), so they are blanked; DASH_VERSION_URL goes too,
# as the version check it serves is off with the dev tools.
VERSION_FIELDS = ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url")


def basemap_origin(url: str | None) -> str | None:
    """The CSP source of an XYZ template's host: 'https://{s}.tile.x.org/{z}/…' -> 'https://*.tile.x.org'."""
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = ["*" if "{" in label else label for label in host.split(".")]
    if parts.scheme not in ("http", "https") or not host or "*" in labels[1:]:
        return None  # not a URL a CSP source can name: the basemap stays blocked rather than all hosts
    return f"{parts.scheme}://{'.'.join(labels)}"


def content_security_policy(script_hashes: list[str], basemap_url: str | None) -> str:
    """The page may run its own scripts and Dash's inline ones (by hash), talk to itself and the basemap
    host, and nothing else: no eval, no plugins, no framing, no foreign <base>."""
    basemap = basemap_origin(basemap_url)
    extra = f" {basemap}" if basemap else ""
    directives = {
        "default-src": "'self'",
        # 'wasm-unsafe-eval' lets WebAssembly compile, and nothing else (no eval, no new Function): the
        # vendored deck.gl bundle instantiates a tiny wasm module at load (64-bit integer maths in
        # loaders.gl), which a CSP without it reports as a violation.
        "script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        # Dash's renderer and dcc (date picker, dropdown) inject <style> elements whose text varies, so
        # neither hashes nor 'self' suffice (checked: 'self' alone gives ~40 violations on one page load).
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob:{extra}",
        "connect-src": f"'self'{extra}",
        "worker-src": "'self'",  # deck.gl starts no blob: worker for in-memory data (checked in Chromium)
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    }


def _blank_version_fields(app: Dash) -> None:
    """Dash has no setting to leave versions out of its page config; wrap the one method that builds it
    (Dash._config, called for each page load) and blank the fields."""
    build_config = app._config

    def config_without_versions() -> dict[str, object]:
        return {**build_config(), **dict.fromkeys(VERSION_FIELDS)}

    app._config = config_without_versions  # type: ignore[method-assign]


def _short_error(error: HTTPException) -> Response:
    """Client errors as one plain line (Werkzeug's HTML page is longer and names the server's wording)."""
    line = f"{error.code} {error.name}: {error.description}\n"
    return Response(line, error.code or 400, mimetype="text/plain")


def install_security(app: Dash, settings: TwinSettings) -> None:
    """Call last in create_app: the CSP lists the hashes of the inline scripts registered so far."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    install_request_checks(app)
    _blank_version_fields(app)
    headers = security_headers(content_security_policy(list(app.csp_hashes()), settings.basemap_url))
    for code in (400, 413, 415):
        server.register_error_handler(code, _short_error)

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        response.headers.update(headers)
        return response


class AnonymousRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler (for `python app.py`), whose Server header would otherwise read
    'Werkzeug/3.1.9 Python/3.11.7' (gunicorn says 'gunicorn', without a version), and whose log lines
    would start with the client's IP address: the twin logs none (gunicorn's access log is off)."""

    def version_string(self) -> str:
        return SERVER_NAME

    def log(self, type: str, message: str, *args: Any) -> None:
        level = logging.getLevelName(type.upper())
        logging.getLogger("werkzeug").log(level if isinstance(level, int) else logging.INFO,
                                          f"[{self.log_date_time_string()}] {message}", *args)  # fmt: skip
