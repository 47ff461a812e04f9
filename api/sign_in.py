"""Signing in and out, for the page (a form or a fetch) and for scripts that prefer a session to a token.

    POST /auth/sign-in    {"name", "password"} as JSON or a form -> 200 {"name", "role"} and a fresh session
    POST /auth/sign-out   -> 204, the session cleared
    GET  /auth/me         -> 200 {"name", "role"}, or 401 when nobody is signed in

A wrong name and a wrong password get the same answer, so the answer does not tell which names exist.
Repeated failures for one name get 429 with Retry-After (counted by the store, shared by every worker).
Nothing here stores or logs the caller's address.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, Response, jsonify, request

from api.auth import (
    FORM_TYPES,
    AuthSettings,
    bearer_token,
    current_account,
    end_session,
    refusal,
    set_csrf_cookie,
    start_session,
)
from store import accounts
from store.database import Store

MAX_FIELD_CHARS = 1_000  # a name or password longer than this is a mistake or an attack, not a credential
WRONG_CREDENTIALS = "wrong name or password"


class BadCredentials(ValueError):
    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


def credentials() -> tuple[str, str]:
    """The name and password of a JSON body or a form, checked for shape (not for truth)."""
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        fields = body if isinstance(body, dict) else None
    elif request.mimetype in FORM_TYPES:
        fields = request.form.to_dict()
    else:
        raise BadCredentials("send the name and password as JSON or as a form", 415)
    if fields is None:
        raise BadCredentials("the body is not a JSON object")
    return _field(fields, "name"), _field(fields, "password")


def _field(fields: dict[str, object], name: str) -> str:
    value = fields.get(name)
    if not isinstance(value, str) or not value:
        raise BadCredentials(f"{name}: required, a non-empty string")
    if len(value) > MAX_FIELD_CHARS:
        raise BadCredentials(f"{name}: longer than {MAX_FIELD_CHARS} characters")
    try:
        value.encode()  # the password hasher encodes it: a lone surrogate would fail there
    except UnicodeEncodeError:
        raise BadCredentials(f"{name}: not valid Unicode text") from None
    return value


def _possible_name(name: str) -> bool:
    try:
        accounts.check_name(name)
    except accounts.AccountError:
        return False
    return True


def _signed_in(account: accounts.Account, settings: AuthSettings) -> Response:
    start_session(account)
    response = jsonify(name=account.name, role=account.role)
    set_csrf_cookie(response, settings.secure_cookies)  # a new session gets a new CSRF token too
    return response


def _too_many(error: accounts.TooManyAttempts) -> Response:
    seconds = max(1, int(error.retry_after_s))
    response = refusal(429, f"too many failed sign-ins for this name: try again in {seconds} s")
    response.headers["Retry-After"] = str(seconds)
    return response


def register_sign_in(server: Flask, store: Store, settings: AuthSettings) -> None:
    @server.post("/auth/sign-in")
    def sign_in() -> Response:
        try:
            name, password = credentials()
        except BadCredentials as error:
            return refusal(error.status, str(error))
        if not _possible_name(name):  # no account can have it: nothing to count or look up
            return refusal(401, WRONG_CREDENTIALS)
        try:
            account = accounts.sign_in(store, name, password, datetime.now(UTC))
        except accounts.TooManyAttempts as error:
            return _too_many(error)
        if account is None:
            return refusal(401, WRONG_CREDENTIALS)
        return _signed_in(account, settings)

    @server.post("/auth/sign-out")
    def sign_out() -> Response:
        account = current_account(store)
        if account is not None and bearer_token() is None:  # a script's token is not a session
            accounts.end_sessions(store, account.id)
        end_session()
        response = Response(status=204)
        set_csrf_cookie(response, settings.secure_cookies)
        return response

    @server.get("/auth/me")
    def me() -> Response:
        account = current_account(store)
        if account is None:
            return refusal(401, "not signed in")
        return jsonify(name=account.name, role=account.role)
