"""Who is asking, and whether a state-changing request really comes from the twin's own page.

- Identity: a signed session cookie (Flask's, HttpOnly, SameSite=Lax, Secure on request) holding the account
  id and a fingerprint of what the account was when it signed in, or `Authorization: Bearer <token>` for
  scripts. A request that names a Bearer token is judged by the token alone, never by its cookies.
- CSRF: double-submit. Page loads get a random `csrf_token` cookie (readable by the page's script, SameSite
  Strict); every POST/PUT/PATCH/DELETE without a Bearer token must echo it in an `X-CSRF-Token` header
  (assets/05-csrf-fetch.js adds it to the page's own fetches, Dash's included), or in a `csrf_token` form
  field for the sign-in form. Another site can neither read the cookie nor set the header.
- Anonymous visitors: a random id in the same session cookie (visitor_id), made the first time something
  needs to tell one browser session from another (a support counted once, a rate limit). It is made from
  nothing about the visitor: no IP address, no user agent.
- The key that signs sessions comes from TWIN_SECRET_KEY or a file created once under the state directory,
  so every gunicorn worker signs and checks with the same key.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, g, jsonify, request, session
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from store import accounts
from store.accounts import Account
from store.database import Store

CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"  # the sign-in form's hidden field, for a form posted without script
SESSION_COOKIE = "twin_session"
SESSION_LIFETIME = timedelta(hours=12)  # Flask refuses a session cookie signed longer ago than this
VISITOR_KEY = "visitor"  # the session's anonymous visitor id
VISITOR_ID_BYTES = 18  # 144 random bits: 24 URL-safe characters
SECRET_FILE = "secret_key"
MIN_SECRET_CHARS = 32
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_FIELD_PATHS = frozenset({"/auth/sign-in"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_NOT_LOOKED_UP = object()


@dataclass(frozen=True)
class AuthSettings:
    secret_key: str | None = None  # TWIN_SECRET_KEY; None: the state directory's key file
    secure_cookies: bool = False  # TWIN_SECURE_COOKIES=1 behind HTTPS: cookies never travel in clear

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AuthSettings:
        env = os.environ if env is None else env
        secure = env.get("TWIN_SECURE_COOKIES", "0")
        if secure not in ("0", "1"):
            raise ValueError(f"TWIN_SECURE_COOKIES must be 0 or 1, got {secure!r}")
        return cls(env.get("TWIN_SECRET_KEY") or None, secure == "1")


def secret_key(configured: str | None, state_dir: Path) -> str:
    """The configured key, else the one in the state directory's key file, created on first start."""
    key = configured if configured else _key_file(state_dir / SECRET_FILE)
    if len(key) < MIN_SECRET_CHARS:
        raise ValueError(f"the secret key must have at least {MIN_SECRET_CHARS} characters")
    return key


def _key_file(path: Path) -> str:
    if not path.exists():
        _create_key_file(path)
    return path.read_text(encoding="ascii").strip()


def _create_key_file(path: Path) -> None:
    """Written whole to a private temporary file (mkstemp: mode 600), then linked into place: workers that
    start together each try, the first link wins, and nobody ever reads a half-written key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32) + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another worker's key is in place: all use that one
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def configure_sessions(server: Flask, settings: AuthSettings, state_dir: Path) -> None:
    server.config.update(
        SECRET_KEY=secret_key(settings.secret_key, state_dir),
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )


def session_fingerprint(account: Account) -> str:
    """What the session must still match: a renamed account, a changed role or a sign-out (which raises the
    account's session epoch) ends the session."""
    text = f"{account.id}\0{account.name}\0{account.role}\0{account.session_epoch}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def start_session(account: Account) -> None:
    """A fresh session (new content, new signature): nothing from before signing in carries over."""
    session.clear()
    session.permanent = True
    session.update(account=account.id, fingerprint=session_fingerprint(account), nonce=secrets.token_hex(8))
    g.twin_account = account


def end_session() -> None:
    session.clear()
    g.twin_account = None


def visitor_id() -> str:
    """This browser session's anonymous id, random, created on first use. Signing in starts a new session
    (start_session clears it), so a visitor and the account they sign in with are not linked."""
    found = session.get(VISITOR_KEY)
    if not isinstance(found, str) or not found:
        found = secrets.token_urlsafe(VISITOR_ID_BYTES)
        session[VISITOR_KEY] = found
    return found


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header ("" when the header is malformed), else None."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def current_account(store: Store) -> Account | None:
    """The account behind this request (looked up once per request), or None for an anonymous visitor."""
    found = g.get("twin_account", _NOT_LOOKED_UP)
    if found is _NOT_LOOKED_UP:
        found = _account(store)
        g.twin_account = found
    return found if isinstance(found, Account) else None


def _account(store: Store) -> Account | None:
    token = bearer_token()
    if token is not None:
        return accounts.account_for_token(store, token) if token else None
    account_id = session.get("account")
    if not isinstance(account_id, int) or isinstance(account_id, bool):
        return None
    account = accounts.account_by_id(store, account_id)
    if account is None or session.get("fingerprint") != session_fingerprint(account):
        return None
    return account


def csrf_problem() -> str | None:
    """Why this request may not change anything, or None when it may."""
    if request.method not in UNSAFE_METHODS or bearer_token() is not None:
        return None
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie:
        return "no csrf_token cookie: load the page first, then send it back in the X-CSRF-Token header"
    sent = request.headers.get(CSRF_HEADER) or _form_token()
    if not sent or not hmac.compare_digest(sent.encode(), cookie.encode()):
        return "the X-CSRF-Token header does not match the csrf_token cookie"
    return None


def _form_token() -> str | None:
    if request.path not in FORM_FIELD_PATHS or request.mimetype not in FORM_TYPES:
        return None
    return request.form.get(CSRF_FIELD)


def set_csrf_cookie(response: Response, secure: bool) -> None:
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), max_age=None, path="/", secure=secure,
                        httponly=False, samesite="Strict")  # fmt: skip


def refusal(status: int, message: str) -> Response:
    """One line: JSON for the API and sign-in routes (scripts read it), plain text elsewhere."""
    if request.path.startswith(("/api/", "/auth/")):
        response = jsonify(error=message)
    else:
        response = Response(f"{status} {message}\n", mimetype="text/plain")
    response.status_code = status
    return response


def install_store_errors(server: Flask) -> None:
    """A store that cannot answer (locked past its busy timeout, unreachable, broken) is a 503 with one
    line, not a 500: the transaction was rolled back, nothing was saved, a retry may succeed."""

    @server.errorhandler(OperationalError)
    def store_unavailable(error: OperationalError) -> Response:
        response = refusal(503, "the store could not answer; nothing was saved, try again shortly")
        response.headers["Retry-After"] = "5"
        return response


def install_csrf(server: Flask, settings: AuthSettings) -> None:
    """Register before the other request checks: a forged request is refused before anything reads it."""

    @server.before_request
    def refuse_cross_site_writes() -> Response | None:
        _refuse_oversized_bodies(server)
        problem = csrf_problem()
        return None if problem is None else refusal(403, problem)

    @server.after_request
    def give_csrf_cookie(response: Response) -> Response:
        page_load = request.method == "GET" and response.mimetype == "text/html"
        if page_load and response.status_code == 200 and CSRF_COOKIE not in request.cookies:
            set_csrf_cookie(response, settings.secure_cookies)
        return response


def _refuse_oversized_bodies(server: Flask) -> None:
    """A declared body over the limit is 413 whoever sends it: the size is known before anything is read,
    so the answer does not depend on which check happens to run first."""
    limit = server.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
