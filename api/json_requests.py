"""What the JSON APIs share: one exception for a refusal (status, one line naming the field, and any
extra fields or headers), its error handler, a strict reading of a JSON body, and the 401/403 checks
(store.permissions.can decides; these only turn its answer into a refusal)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

from flask import Response, request

from api.auth import current_account, refusal
from store.accounts import Account
from store.database import Store
from store.permissions import can
from store.scenarios import ScenarioSummary


class ApiError(Exception):
    def __init__(
        self, status: int, message: str, headers: Mapping[str, str] | None = None, **extra: object
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})  # a 429's Retry-After
        self.extra = extra  # more fields beside "error", for scripts (a 409's current version)


def refused(error: ApiError) -> Response:
    """The error handler of the API blueprints: one JSON line, with the error's extra fields and headers."""
    response = refusal(error.status, str(error))
    if error.extra:
        response.set_data(json.dumps({"error": str(error), **error.extra}))
    response.headers.update(error.headers)
    return response


def signed_in(store: Store) -> Account:
    account = current_account(store)
    if account is None:
        raise ApiError(401, "sign in first, or send Authorization: Bearer <token>")
    return account


def allowed(account: Account | None, action: str, summary: ScenarioSummary | None = None) -> None:
    if not can(account, action, summary):
        raise ApiError(403, f"your account may not {action.replace('_', ' ')}")


def json_body() -> object:
    """The request's JSON (any value: its shape is the document parser's business), refusing what JSON
    does not allow or a store could not keep: NaN and infinities, text that is not Unicode, NUL."""
    if request.mimetype != "application/json":
        raise ApiError(415, "the body must be JSON, sent with Content-Type: application/json")
    try:
        data = json.loads(request.get_data() or b"", parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, RecursionError):
        raise ApiError(400, "the body is not valid JSON") from None
    problem = _text_problem(data)
    if problem is not None:
        raise ApiError(400, f"the body holds {problem}")
    return data


def _text_problem(data: object) -> str | None:
    """NUL or a lone surrogate in any key or string: no database column can keep those as text."""
    pending = [data]
    while pending:  # a loop, not recursion: the nesting is as deep as the body made it
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                return "a NUL character"
            try:
                value.encode()
            except UnicodeEncodeError:
                return "text that is not valid Unicode"
    return None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value
