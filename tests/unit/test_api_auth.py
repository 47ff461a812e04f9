"""Sessions, sign-in and CSRF at the HTTP level, on the real app (sample data, a real SQLite store)."""

from __future__ import annotations

import dataclasses
import os
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from api.auth import AuthSettings, secret_key
from store import accounts
from store.models import User
from tests.unit.api_client import PASSWORD, Twin, build_twin, csrf, page_loaded, signed_in


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


def set_cookie_line(response: object, name: str) -> str:
    lines = [v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith(f"{name}=")]  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    return lines[0]


def attributes(line: str) -> set[str]:
    """A Set-Cookie line's attributes, lower-cased: {"httponly", "samesite=lax", "path=/", ...}."""
    return {part.strip().lower() for part in line.split(";")[1:]}


def test_a_page_load_gives_a_readable_strict_csrf_cookie_once(twin: Twin) -> None:
    client = twin.client()
    line = set_cookie_line(client.get("/"), "csrf_token")
    assert "samesite=strict" in attributes(line) and "httponly" not in attributes(line)
    assert "secure" not in attributes(line)
    assert len(line.split(";")[0].split("=", 1)[1]) >= 40  # 32 random bytes, URL-safe
    assert "csrf_token" not in str(client.get("/").headers.getlist("Set-Cookie"))  # kept, not renewed


def test_layer_data_and_json_reads_set_no_cookie(twin: Twin) -> None:
    client = twin.client()
    for path in ("/healthz", "/_dash-layout", "/auth/me", "/api/scenarios", "/api/indicators"):
        assert client.get(path).headers.getlist("Set-Cookie") == [], path


def test_signing_in_with_json_gives_an_httponly_lax_session_and_a_new_csrf_token(twin: Twin) -> None:
    client = page_loaded(twin.client())
    before = csrf(client)["X-CSRF-Token"]
    response = client.post("/auth/sign-in", json={"name": "ada", "password": PASSWORD}, headers=csrf(client))
    assert response.status_code == 200 and response.get_json() == {"name": "ada", "role": "planner"}
    session = attributes(set_cookie_line(response, "twin_session"))
    assert {"httponly", "samesite=lax"} <= session and "secure" not in session
    assert csrf(client)["X-CSRF-Token"] != before
    assert client.get("/auth/me").get_json() == {"name": "ada", "role": "planner"}


def test_signing_in_with_the_form_takes_the_token_from_its_field(twin: Twin) -> None:
    client = page_loaded(twin.client())
    token = csrf(client)["X-CSRF-Token"]
    response = client.post("/auth/sign-in", data={"name": "mona", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 200 and response.get_json() == {"name": "mona", "role": "moderator"}
    forged = client.post("/auth/sign-in", data={"name": "mona", "password": PASSWORD, "csrf_token": "x"})
    assert forged.status_code == 403


def test_a_wrong_password_and_an_unknown_name_get_the_same_401(twin: Twin) -> None:
    client = page_loaded(twin.client())
    wrong = client.post("/auth/sign-in", json={"name": "ben", "password": "nope"}, headers=csrf(client))
    unknown = client.post("/auth/sign-in", json={"name": "zed", "password": "nope"}, headers=csrf(client))
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json() == {"error": "wrong name or password"}
    assert client.get("/auth/me").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [({"name": "ada"}, "password"), ({"password": PASSWORD}, "name"), ({"name": 7, "password": "x"}, "name"),
     ({"name": "ada", "password": ""}, "password"), ({"name": "a" * 1001, "password": "x"}, "name"),
     ({"name": "ada", "password": "\ud800"}, "password")],
)  # fmt: skip
def test_a_malformed_sign_in_is_a_400_naming_the_field(
    twin: Twin, body: dict[str, object], field: str
) -> None:
    client = page_loaded(twin.client())
    response = client.post("/auth/sign-in", json=body, headers=csrf(client))
    assert response.status_code == 400 and response.get_json()["error"].startswith(f"{field}:")


def test_a_sign_in_that_is_neither_json_nor_a_form_is_a_415(twin: Twin) -> None:
    client = page_loaded(twin.client())
    response = client.post("/auth/sign-in", data="ada:pw", content_type="text/plain", headers=csrf(client))
    assert response.status_code == 415 and "JSON" in response.get_json()["error"]


def test_repeated_failures_lock_the_name_with_429_and_retry_after(twin: Twin) -> None:
    accounts.add_user(twin.store, "locked", "planner", PASSWORD)
    client = page_loaded(twin.client())
    statuses = [
        client.post(
            "/auth/sign-in", json={"name": "locked", "password": "bad"}, headers=csrf(client)
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [401] * 5
    response = client.post(
        "/auth/sign-in", json={"name": "locked", "password": PASSWORD}, headers=csrf(client)
    )
    assert response.status_code == 429, "even the right password waits"
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert "try again" in response.get_json()["error"]
    other = client.post("/auth/sign-in", json={"name": "ben", "password": PASSWORD}, headers=csrf(client))
    assert other.status_code == 200, "the lock is per name"


def test_sign_out_ends_the_session(twin: Twin) -> None:
    client = signed_in(twin, "ben")
    response = client.post("/auth/sign-out", headers=csrf(client))
    assert response.status_code == 204
    assert client.get("/auth/me").status_code == 401


def test_signing_out_also_ends_a_copy_of_the_session_cookie(twin: Twin) -> None:
    """On a shared workshop tablet, a cookie copied before signing out must not keep the account open."""
    client = signed_in(twin, "ben")
    copy = page_loaded(twin.client())
    copy.set_cookie("twin_session", client.get_cookie("twin_session").value)  # type: ignore[union-attr]
    assert copy.get("/auth/me").get_json() == {"name": "ben", "role": "planner"}
    assert client.post("/auth/sign-out", headers=csrf(client)).status_code == 204
    assert copy.get("/auth/me").status_code == 401
    assert signed_in(twin, "ben").get("/auth/me").status_code == 200  # signing in again works


def test_signing_in_as_someone_else_replaces_the_session(twin: Twin) -> None:
    client = signed_in(twin, "ben")
    client.post("/auth/sign-in", json={"name": "root", "password": PASSWORD}, headers=csrf(client))
    assert client.get("/auth/me").get_json() == {"name": "root", "role": "admin"}


def test_a_tampered_session_cookie_is_anonymous(twin: Twin) -> None:
    client = signed_in(twin, "ada")
    cookie = client.get_cookie("twin_session")
    assert cookie is not None
    client.set_cookie("twin_session", cookie.value[:-2] + ("AA" if cookie.value[-2:] != "AA" else "BB"))
    assert client.get("/auth/me").status_code == 401


def test_a_session_signed_by_another_key_is_anonymous(twin: Twin, sample_dir: Path, tmp_path: Path) -> None:
    other = build_twin(sample_dir, tmp_path, AuthSettings(secret_key="k" * 40))
    cookie = signed_in(other, "ada").get_cookie("twin_session")
    assert cookie is not None
    client = twin.client()
    client.set_cookie("twin_session", cookie.value)
    assert client.get("/auth/me").status_code == 401


@pytest.mark.parametrize("cookie", [None, "a-token"])
@pytest.mark.parametrize(
    "path", ["/auth/sign-in", "/auth/sign-out", "/api/scenarios", "/_dash-update-component"]
)
def test_a_post_without_the_matching_header_is_a_403(twin: Twin, path: str, cookie: str | None) -> None:
    client = twin.client()
    if cookie is not None:
        client.set_cookie("csrf_token", cookie)
    for headers in ({}, {"X-CSRF-Token": "another-token"}):
        response = client.post(path, json={"name": "ada", "password": PASSWORD}, headers=headers)
        assert response.status_code == 403, (path, headers)
        assert response.get_data(as_text=True).count("\n") <= 1 and "csrf" in response.get_data(as_text=True)


def test_dash_callbacks_pass_with_the_header(twin: Twin) -> None:
    """The token is checked before the envelope: with it, a malformed envelope reaches the envelope check."""
    client = page_loaded(twin.client())
    assert (
        client.post("/_dash-update-component", json={"output": "x"}, headers=csrf(client)).status_code == 400
    )


def test_a_bearer_token_needs_no_csrf_and_a_bad_one_is_not_saved_by_a_cookie(twin: Twin) -> None:
    token = accounts.new_token(twin.store, "ada")
    client = twin.client()  # no page load: no cookie at all
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.post("/auth/sign-out", headers=bearer).status_code == 204
    assert client.get("/auth/me", headers=bearer).get_json() == {"name": "ada", "role": "planner"}
    session = signed_in(twin, "ben")
    for header in ("Bearer nope", "Bearer ", "Basic YWRhOnB3"):
        response = session.get("/auth/me", headers={"Authorization": header})
        assert response.status_code == 401, header  # judged by the token alone, not by ben's cookie
    assert session.get("/auth/me").get_json()["name"] == "ben"


def test_secure_cookies_when_asked(sample_dir: Path, tmp_path: Path) -> None:
    twin = build_twin(sample_dir, tmp_path, AuthSettings(secure_cookies=True))
    client = twin.client()
    assert "secure" in attributes(set_cookie_line(client.get("/"), "csrf_token"))
    response = client.post("/auth/sign-in", json={"name": "ada", "password": PASSWORD}, headers=csrf(client))
    assert "secure" in attributes(set_cookie_line(response, "twin_session"))


def test_auth_settings_from_the_environment() -> None:
    assert AuthSettings.from_env({}) == AuthSettings(None, False)
    assert AuthSettings.from_env({"TWIN_SECRET_KEY": "s" * 32, "TWIN_SECURE_COOKIES": "1"}).secure_cookies
    with pytest.raises(ValueError, match="TWIN_SECURE_COOKIES"):
        AuthSettings.from_env({"TWIN_SECURE_COOKIES": "yes"})


def test_the_key_file_is_created_once_private_and_shared(tmp_path: Path) -> None:
    keys: list[str] = []
    threads = [
        threading.Thread(target=lambda: keys.append(secret_key(None, tmp_path / "state"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    path = tmp_path / "state" / "secret_key"
    assert len(set(keys)) == 1 and len(keys[0]) == 64 and path.read_text().strip() == keys[0]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert os.listdir(tmp_path / "state") == ["secret_key"]  # no temporary file left behind
    assert secret_key("x" * 32, tmp_path / "elsewhere") == "x" * 32
    with pytest.raises(ValueError, match="at least 32"):
        secret_key("short", tmp_path)


def test_the_auth_settings_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for setting in dataclasses.fields(AuthSettings):
        assert f"TWIN_{setting.name.upper()}" in readme, setting.name


def test_a_role_change_or_a_removed_account_ends_its_sessions(twin: Twin) -> None:
    for name in ("carl", "dora"):
        accounts.add_user(twin.store, name, "planner", PASSWORD)
    carl, dora = signed_in(twin, "carl"), signed_in(twin, "dora")
    assert carl.get("/auth/me").status_code == dora.get("/auth/me").status_code == 200
    with twin.store.transaction() as session:  # what an admin's role change or removal does to the row
        session.execute(update(User).where(User.name == "carl").values(role="moderator"))
        session.execute(delete(User).where(User.name == "dora"))
    assert carl.get("/auth/me").status_code == 401, "signed in as a planner, now a moderator: sign in again"
    assert dora.get("/auth/me").status_code == 401
