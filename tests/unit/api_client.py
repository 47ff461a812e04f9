"""The real app for the HTTP-level API tests: create_app over the sample data's catalog and a real SQLite
store in a temporary state directory, with a few accounts, driven through Flask's test client."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask.testing import FlaskClient

from api.auth import AuthSettings
from app import create_app
from geodata.catalog import Catalog, open_catalog
from geodata.settings import TwinSettings
from store import accounts
from store.database import Store, default_url, open_store

PASSWORD = "correct horse battery staple"
USERS = {"ada": "planner", "ben": "planner", "mona": "moderator", "root": "admin"}


@dataclass(frozen=True)
class Twin:
    """One app with its store and catalog; each test takes fresh clients (fresh cookie jars) from it."""

    server: object
    store: Store
    catalog: Catalog
    state_dir: Path

    def client(self) -> FlaskClient:
        return self.server.test_client()  # type: ignore[attr-defined, no-any-return]


def build_twin(sample_dir: Path, state_dir: Path, auth: AuthSettings | None = None) -> Twin:
    store = open_store(default_url(state_dir))
    for name, role in USERS.items():
        accounts.add_user(store, name, role, PASSWORD)
    catalog = open_catalog(sample_dir)
    settings = TwinSettings(data_dir=sample_dir, state_dir=state_dir)
    app = create_app(catalog, settings, store, auth)
    return Twin(app.server, store, catalog, state_dir)


def csrf(client: FlaskClient) -> dict[str, str]:
    """The header that echoes the client's csrf_token cookie (as assets/05-csrf-fetch.js does)."""
    cookie = client.get_cookie("csrf_token")
    assert cookie is not None, "load a page first: it gives the csrf_token cookie"
    return {"X-CSRF-Token": cookie.value}


def page_loaded(client: FlaskClient) -> FlaskClient:
    assert client.get("/").status_code == 200
    return client


def signed_in(twin: Twin, name: str) -> FlaskClient:
    client = page_loaded(twin.client())
    response = client.post("/auth/sign-in", json={"name": name, "password": PASSWORD}, headers=csrf(client))
    assert response.status_code == 200, response.get_data(as_text=True)
    return client
