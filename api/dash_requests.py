"""The envelope of a Dash callback request, checked before Dash reads it. Dash trusts the body's shape
(a JSON object naming a registered server callback, with its inputs and state as lists of {id, property,
value}) and answers anything else with a KeyError or TypeError, that is an HTTP 500. Here a malformed
envelope is refused with 400 and one line; the values inside are checked by the callbacks themselves
(callbacks/inputs.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from dash import Dash
from flask import Response, request
from werkzeug.exceptions import BadRequest

UPDATE_ROUTE = "_dash-update-component"


def _is_prop(item: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(item, dict) and "id" in item and isinstance(item.get("property"), str)


def _matches(item: object, declared: Mapping[str, Any]) -> bool:
    """One input or state entry: the declared component and property, or for a pattern (ALL, MATCH)
    a list of entries whose ids are objects."""
    if declared["id"].startswith("{"):  # a pattern-matching id, serialised as JSON by Dash
        entries = item if isinstance(item, list) else [item]
        return all(_is_prop(entry) and isinstance(entry["id"], dict) for entry in entries)
    return _is_prop(item) and item["id"] == declared["id"] and item["property"] == declared["property"]


def _entries_match(entries: object, declared: Sequence[Mapping[str, Any]]) -> bool:
    return (
        isinstance(entries, list)
        and len(entries) == len(declared)
        and all(_matches(entry, spec) for entry, spec in zip(entries, declared, strict=True))
    )


def _outputs_match(outputs: object, declared: object) -> bool:
    if isinstance(declared, list):  # several outputs: one entry each, in order
        return isinstance(outputs, list) and len(outputs) == len(declared) and all(map(_is_prop, outputs))
    entries = outputs if isinstance(outputs, list) else [outputs]  # one output, or one pattern output
    return all(_is_prop(entry) for entry in entries)


def envelope_problem(body: object, callback_map: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Why `body` is not a call of one of the app's server callbacks, or None when it is."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    callback = callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:  # unknown, or a clientside-only callback
        return "no server callback has this output"
    if not _entries_match(body.get("inputs"), callback["inputs"]):
        return "the inputs do not match the callback's inputs"
    if not _entries_match(body.get("state", []), callback["state"]):
        return "the state does not match the callback's state"
    if not _outputs_match(body.get("outputs"), callback["output"]):
        return "the outputs do not match the callback's outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(prop, str) for prop in changed):
        return "changedPropIds is not a list of strings"
    return None


def _json_body() -> object:
    try:
        return request.get_json(silent=True)
    except RecursionError:  # JSON nested thousands deep: Python's parser gives up, so do we
        return None


def install_request_checks(app: Dash) -> None:
    route = app.config.routes_pathname_prefix + UPDATE_ROUTE

    @app.server.before_request
    def refuse_malformed_callback_requests() -> Response | None:
        if request.path != route or request.method != "POST":
            return None
        problem = envelope_problem(_json_body(), app.callback_map)
        if problem is None:
            return None
        raise BadRequest(f"Malformed callback request: {problem}.")
