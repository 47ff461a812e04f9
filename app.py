"""DMC Twin: the Dash app. Settings, layout and callbacks are wired here; everything else lives in
geodata (data), layers (map layers), components (page pieces) and callbacks (behaviour)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import NoReturn

from dash import Dash
from flask import Response, jsonify

from api.layer_data import ResolveScenario, no_scenarios, register_layer_data
from api.security import AnonymousRequestHandler, install_security
from callbacks import register_all
from callbacks.compare import LatestVersion, no_versions
from callbacks.page import page_data
from components.layout import page_layout
from geodata.catalog import Catalog, open_catalog
from geodata.errors import InvalidDatasetError
from geodata.settings import TwinSettings

ASSETS = Path(__file__).resolve().parent / "assets"


def create_app(
    catalog: Catalog,
    settings: TwinSettings,
    resolve_scenario: ResolveScenario = no_scenarios,
    latest_version: LatestVersion = no_versions,
) -> Dash:
    """The app on a catalog. `resolve_scenario` gives the document a map's `scenario` parameter names
    (api/layer_data.py) and `latest_version` a scenario's latest version (callbacks/compare.py), both for
    the current viewer; until the store is wired in, no scenario is known."""
    # compress=True: the layout and callback answers (layer data is compressed once by its own endpoint).
    app = Dash(__name__, title="DMC — jumeau numérique", assets_folder=str(ASSETS), compress=True,
               update_title="")  # fmt: skip
    app.index_string = app.index_string.replace("<html>", '<html lang="fr">', 1)
    page = page_data(catalog, settings.basemap_url)
    app.layout = page_layout(page)
    register_all(app, catalog, latest_version, resolve_scenario)
    register_layer_data(app.server, catalog, resolve_scenario)

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
        _refuse_to_start(f"invalid dataset: {error}")
    except Exception as error:  # noqa: BLE001 - start-up's promise: whatever went wrong, one line
        _refuse_to_start(f"cannot load {_where(error, settings.data_dir)}: {_first_line(error)}")


def _refuse_to_start(message: str) -> NoReturn:
    print(f"DMC Twin cannot start — {message}", file=sys.stderr)
    raise SystemExit(2) from None


def _where(error: Exception, data_dir: Path) -> str:
    """The file the error is about when it says (OSError does), else the data directory."""
    filename = getattr(error, "filename", None)
    return str(filename) if filename else str(data_dir)


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the process like Ctrl-C does, so the catalog's clean-up runs (the default action
    would kill it on the spot and leave its temporary catalog behind)."""
    raise SystemExit(128 + signum)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the DMC digital twin.")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--data-dir", type=Path)
    return parser.parse_args(argv)


def _settings(args: argparse.Namespace | None = None) -> TwinSettings:
    overrides = {} if args is None else {"host": args.host, "port": args.port, "data_dir": args.data_dir}
    try:
        return TwinSettings.from_env(None, **overrides)
    except ValueError as error:
        _refuse_to_start(str(error))


def _started(settings: TwinSettings) -> Dash:
    """The app on the validated data; whatever fails on the way is one line and exit code 2."""
    catalog = load_catalog(settings)
    try:
        return create_app(catalog, settings)
    except Exception as error:  # noqa: BLE001 - start-up's promise, as in load_catalog
        _refuse_to_start(f"cannot prepare the twin from {settings.data_dir}: {_first_line(error)}")


def main(argv: list[str] | None = None) -> None:
    settings = _settings(_arguments(argv))
    # Only here, not in wsgi(): gunicorn workers handle SIGTERM themselves and exit through atexit.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    _started(settings).run(
        host=settings.host, port=settings.port, debug=False, request_handler=AnonymousRequestHandler
    )


def wsgi() -> object:
    """For gunicorn: `gunicorn 'app:wsgi()'` (the workers share one read-only catalog file)."""
    return _started(_settings()).server


if __name__ == "__main__":
    main()
