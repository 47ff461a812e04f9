"""DMC Twin: the Dash app. Settings, layout and callbacks are wired here; everything else lives in
geodata (data), layers (map layers), components (page pieces) and callbacks (behaviour)."""

from __future__ import annotations

import argparse
import functools
import signal
import sys
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import NoReturn

from dash import Dash
from flask import Response, jsonify
from sqlalchemy.engine import make_url

from api.auth import (
    AuthSettings,
    configure_sessions,
    current_account,
    install_csrf,
    install_store_errors,
    secret_key,
    visitor_id,
)
from api.brief import register_brief
from api.brief_view import Scenarios
from api.contributions import register_contributions_api
from api.contributions_page import register_contributions_page
from api.exports import register_exports
from api.layer_data import ContributionFeed, register_layer_data
from api.scenario_links import ScenarioLinks
from api.scenarios import register_scenario_api
from api.security import AnonymousRequestHandler, install_security
from api.sign_in import register_sign_in
from callbacks import register_all
from callbacks.page import page_data
from callbacks.services import Services
from components.layout import page_layout
from components.titles import district_title
from geodata.catalog import Catalog, open_catalog
from geodata.errors import InvalidDatasetError
from geodata.settings import TwinSettings
from store import cli as store_cli
from store import contributions
from store.database import Store, open_store, store_url

ASSETS = Path(__file__).resolve().parent / "assets"


def create_app(
    catalog: Catalog,
    settings: TwinSettings,
    store: Store,
    auth: AuthSettings | None = None,
) -> Dash:
    # compress=True: the layout and callback answers (layer data is compressed once by its own endpoint).
    title = district_title(catalog.cursor(), "fr")  # the tab's; the page's own heading follows the language
    app = Dash(__name__, title=title, assets_folder=str(ASSETS), compress=True, update_title="")
    app.index_string = app.index_string.replace("<html>", '<html lang="fr">', 1)
    page = page_data(catalog, settings.basemap_url, settings.atelier_idle_s)
    app.layout = page_layout(page)
    auth = auth or AuthSettings()
    configure_sessions(app.server, auth, settings.state_dir)
    install_csrf(app.server, auth)  # first: a forged request is refused before any other check reads it
    install_store_errors(app.server)
    viewer = functools.partial(current_account, store)
    links = ScenarioLinks(store, viewer)
    register_all(app, Services(catalog, store, viewer, links.resolve, links.latest_version, visitor_id))
    feed = ContributionFeed(
        functools.partial(contributions.public_revision, store),
        functools.partial(contributions.public, store),
    )
    register_layer_data(app.server, catalog, links.resolve, feed)
    register_exports(app.server, catalog, links.resolve, links.latest_version)
    register_contributions_page(app.server, store, catalog)
    register_sign_in(app.server, store, auth)
    register_scenario_api(app.server, store, catalog)
    register_contributions_api(app.server, store, catalog)
    register_brief(app.server, catalog, Scenarios(links.latest_version, links.resolve))

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


def load_store(settings: TwinSettings) -> Store:
    """The store of what users write, migrated to the current schema, or one line and exit code 2."""
    where = _without_password(settings.database_url) if settings.database_url else str(settings.state_dir)
    try:
        return open_store(store_url(settings))
    except Exception as error:  # noqa: BLE001 - start-up's promise, as in load_catalog
        _refuse_to_start(f"cannot open the store in {where}: {_first_line(error)}")


def load_auth(settings: TwinSettings) -> AuthSettings:
    """TWIN_SECRET_KEY and TWIN_SECURE_COOKIES, the key read (or created) now: a bad setting or an
    unwritable state directory is one line and exit code 2, not a failure at the first request."""
    try:
        auth = AuthSettings.from_env()
        return replace(auth, secret_key=secret_key(auth.secret_key, settings.state_dir))
    except (ValueError, OSError) as error:
        _refuse_to_start(f"cannot prepare sessions: {_first_line(error)}")


def _without_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL SQLAlchemy cannot read is not shown at all
        return "(unreadable TWIN_DATABASE_URL)"


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
    catalog, auth = load_catalog(settings), load_auth(settings)
    store = load_store(settings)
    try:
        return create_app(catalog, settings, store, auth)
    except Exception as error:  # noqa: BLE001 - start-up's promise, as in load_catalog
        _refuse_to_start(f"cannot prepare the twin from {settings.data_dir}: {_first_line(error)}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["user"]:  # admin commands (store/cli.py), not the server
        raise SystemExit(store_cli.main(argv[1:], _settings()))
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
