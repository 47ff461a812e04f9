"""DMC Twin: the Dash app. Settings, layout and callbacks are wired here; everything else lives in
geodata (data), layers (map layers), components (page pieces) and callbacks (behaviour)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dash import Dash
from flask import Response, jsonify

from api.security import AnonymousRequestHandler, install_security
from callbacks import register_all
from callbacks.page import page_data
from components.layout import page_layout
from geodata.catalog import Catalog, open_catalog
from geodata.errors import InvalidDatasetError
from geodata.settings import TwinSettings

ASSETS = Path(__file__).resolve().parent / "assets"


def create_app(catalog: Catalog, settings: TwinSettings) -> Dash:
    # compress=True: stacked floors repeat their footprint, so layer specs shrink several times over.
    app = Dash(__name__, title="DMC — jumeau numérique", assets_folder=str(ASSETS), compress=True,
               update_title="")  # fmt: skip
    app.index_string = app.index_string.replace("<html>", '<html lang="fr">', 1)
    page = page_data(catalog, settings.basemap_url)
    app.layout = page_layout(page)
    register_all(app, catalog)

    @app.server.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok", sample=catalog.is_sample, datasets=catalog.row_counts)

    install_security(app, settings)  # last: its CSP hashes the inline scripts registered above
    return app


def load_catalog(settings: TwinSettings) -> Catalog:
    """The validated datasets, or a one-line message and exit code 2 (no traceback)."""
    try:
        return open_catalog(settings.data_dir)
    except InvalidDatasetError as error:
        print(f"DMC Twin cannot start — invalid dataset: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the DMC digital twin.")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--data-dir", type=Path)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    try:
        settings = TwinSettings.from_env(host=args.host, port=args.port, data_dir=args.data_dir)
    except ValueError as error:
        print(f"DMC Twin cannot start — {error}", file=sys.stderr)
        raise SystemExit(2) from None
    app = create_app(load_catalog(settings), settings)
    app.run(host=settings.host, port=settings.port, debug=False, request_handler=AnonymousRequestHandler)


def wsgi() -> object:
    """For gunicorn: `gunicorn 'app:wsgi()'` (each worker opens its own read-only catalog)."""
    settings = TwinSettings.from_env()
    return create_app(load_catalog(settings), settings).server


if __name__ == "__main__":
    main()
