"""Security headers, the CSP, the version-free page config, the size limit and the callback-envelope check,
on the real app (built on the sample data) through Flask's test client."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from api.dash_requests import envelope_problem
from api.security import basemap_origin, content_security_policy
from app import create_app
from geodata.catalog import open_catalog
from geodata.settings import TwinSettings
from store.database import default_url, open_store

TILES = "http://127.0.0.1:8123/{z}/{x}/{y}.png"


def _client(sample_dir: Path, state_dir: Path, basemap_url: str | None) -> FlaskClient:
    settings = TwinSettings(data_dir=sample_dir, basemap_url=basemap_url, state_dir=state_dir)
    store = open_store(default_url(state_dir))
    return create_app(open_catalog(sample_dir), settings, store).server.test_client()


@pytest.fixture(scope="module")
def client(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    yield _client(sample_dir, tmp_path_factory.mktemp("state"), None)


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";")]
    return {words[0]: words[1:] for words in parts if words}


def inline_scripts(page: str) -> list[str]:
    """The page's executable inline scripts (not <script src>, not JSON data blocks, not IE comments)."""
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    tags = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    return [body for attrs, body in tags if "src=" not in attrs and "application/json" not in attrs]


def test_the_csp_lists_the_hash_of_every_inline_script_and_nothing_unsafe(client: FlaskClient) -> None:
    response = client.get("/")
    policy = directives(response.headers["Content-Security-Policy"])
    scripts = inline_scripts(response.get_data(as_text=True))
    assert len(scripts) >= 2  # the renderer and the clientside callbacks
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"], script[:80]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert "'unsafe-eval'" not in [value for values in policy.values() for value in values]
    assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/healthz", "/nope"])
def test_every_response_carries_the_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_the_page_config_carries_no_versions(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    block = page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0]
    config = json.loads(block)
    for field in ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url"):
        assert config[field] is None, field
    assert "4.4.1" not in block and "3.11" not in block


def test_a_body_over_one_megabyte_gets_413_and_one_line(client: FlaskClient) -> None:
    response = client.post("/_dash-update-component", data=b"x" * 1_000_001, content_type="application/json")
    assert response.status_code == 413
    assert response.get_data(as_text=True).count("\n") == 1 and response.mimetype == "text/plain"


def test_a_basemap_host_is_allowed_for_images_and_fetches_only(sample_dir: Path, tmp_path: Path) -> None:
    policy = directives(_client(sample_dir, tmp_path, TILES).get("/").headers["Content-Security-Policy"])
    assert "http://127.0.0.1:8123" in policy["img-src"] and "http://127.0.0.1:8123" in policy["connect-src"]
    assert "http://127.0.0.1:8123" not in policy["script-src"] + policy["default-src"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [(None, None), ("", None), (TILES, "http://127.0.0.1:8123"),
     ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org"),
     ("https://user:secret@tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
     ("https://tiles.{s}.example.org/{z}/{x}/{y}.png", None), ("javascript:alert(1)//{z}", None),
     ("ftp://tiles.example.org/{z}/{x}/{y}.png", None), ("/{z}/{x}/{y}.png", None)],
)  # fmt: skip
def test_basemap_origin(url: str | None, origin: str | None) -> None:
    assert basemap_origin(url) == origin


def test_the_policy_names_the_basemap_only_where_tiles_are_loaded() -> None:
    policy = directives(content_security_policy(["'sha256-abc='"], TILES))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]
    assert policy["img-src"] == ["'self'", "data:", "blob:", "http://127.0.0.1:8123"]
    assert policy["connect-src"] == ["'self'", "http://127.0.0.1:8123"]


CALLBACKS = {
    "at-store.data": {
        "callback": object(), "output": "at-store.data", "state": [],
        "inputs": [{"id": "date-choice", "property": "date"}, {"id": "hour-choice", "property": "value"}],
    },
    "legend.style": {"output": "legend.style", "inputs": [], "state": []},  # clientside: no "callback"
}  # fmt: skip
GOOD = {
    "output": "at-store.data", "outputs": {"id": "at-store", "property": "data"}, "changedPropIds": [],
    "inputs": [{"id": "date-choice", "property": "date", "value": 1},
               {"id": "hour-choice", "property": "value"}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem"),
    [({}, None), ({"output": "legend.style"}, "no server callback"), ({"output": None}, "no server callback"),
     ({"inputs": GOOD["inputs"][::-1]}, "inputs"), ({"inputs": GOOD["inputs"][:1]}, "inputs"),
     ({"state": [{"id": "x", "property": "y"}]}, "state"), ({"outputs": ["x"]}, "outputs"),
     ({"changedPropIds": [None]}, "changedPropIds")],
)  # fmt: skip
def test_envelope_problem(change: dict[str, object], problem: str | None) -> None:
    found = envelope_problem({**GOOD, **change}, CALLBACKS)
    assert found is None if problem is None else problem in (found or "")


def test_a_body_that_is_not_an_object_is_refused() -> None:
    assert envelope_problem([GOOD], CALLBACKS) == "the body is not a JSON object"
