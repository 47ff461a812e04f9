"""The contributions' JSON API: citizens pin a contribution without an account, moderators approve it,
planners and moderators answer it ("vous avez dit, nous avons fait"). Same permissions as the page
(store.permissions.can decides: `moderate`, `follow_up`); scripts send `Authorization: Bearer <token>`,
pages send the X-CSRF-Token header on every POST and DELETE.

    POST   /api/contributions                    {"building_id" | "floor_id" | "lon"+"lat", "category",
                                                 "text", "pseudonym"?, "scenario_id"?, "scenario_version"?,
                                                 "shown_at"?, "consent": true} -> 201 {"id", "withdraw_code"}
    GET    /api/contributions[?category=&status=]            {"contributions": [...], "counts": {...}}
    GET    /api/contributions/<id>                           one published contribution
    DELETE /api/contributions/<id>?code=<withdraw_code>      the author withdraws it -> 204
    POST   /api/contributions/<id>/support                   once per visitor -> {"id", "supports"}
    POST   /api/contributions/<id>/report                    once per visitor -> 204
    POST   /api/contributions/<id>/moderation                moderator: {"decision", "reason"}
    POST   /api/contributions/<id>/follow-up                 planner, moderator: {"status", "answer",
                                                             "scenario_id"?, "scenario_version"?}
    GET    /api/contributions.csv, /api/contributions.geojson   the same selection as the list, as files

Public answers hold approved contributions only (not hidden by moderators or by visitors' reports), each
as `public_json`; an unapproved one is unknown (404) to the public everywhere, support and report included.
A moderator adds `?moderation=pending|approved|rejected|hidden|reported|queue|all` to the list, the exports
and nothing else to see the others, with their moderation state, reports and (by id) the decisions log.
`counts` counts the selection before its category/status filter, per category, status (and moderation).

Categories: logement, nature, mobilite, culture, economie, autre. Statuses: recue, a_l_etude, retenue,
non_retenue, realisee. `shown_at` is the time chosen on screen, a local time (2026-03-02T10:00); the
scenario (latest version if none is given) must be one the sender may see; an answer's, a published one.

Nothing about the sender is kept but the SHA-256 of a random id in their session cookie (no IP address,
no user agent), which counts one support or report per visitor and limits each to 5 contributions per
10 minutes. Refusals are one JSON line {"error": "<field>: ..."}: 400 bad input, 401 nobody signed in,
403 not allowed, 404 unknown or not public, 409 a near-duplicate of a recent contribution, 413 too big,
415 not JSON, 429 too many (with Retry-After, in seconds).
"""

from __future__ import annotations

import contextlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from flask import Blueprint, Flask, Response, jsonify, request, url_for

from api.auth import current_account, visitor_id
from api.contribution_exports import csv_export, geojson_export
from api.contribution_fields import (
    FOLLOW_UP_FIELDS,
    MODERATION_FIELDS,
    NEW_FIELDS,
    json_object,
    new_contribution,
    referred_scenario,
    text_field,
)
from api.json_requests import ApiError, allowed, json_body, refused, signed_in
from geodata.catalog import Catalog
from store import contributions
from store.contributions import (
    CATEGORIES,
    FOLLOW_UPS,
    MODERATION_STATES,
    Contribution,
    ContributionError,
    Decision,
    Duplicate,
    TooManyContributions,
    UnknownContribution,
)
from store.database import Store
from store.permissions import can

MODERATION_VIEWS = (*MODERATION_STATES, "reported", "queue", "all")
Selection = tuple[list[Contribution], bool]  # the contributions, and whether seen as a moderator


def register_contributions_api(server: Flask, store: Store, catalog: Catalog) -> None:
    routes = Blueprint("contribution_api", __name__, url_prefix="/api")
    _register_refusals(routes)
    _register_reads(routes, store)
    _register_visitors(routes, store, catalog)
    _register_staff(routes, store)
    server.register_blueprint(routes)


def _register_refusals(routes: Blueprint) -> None:
    """The store's refusals as HTTP answers (Flask picks the closest class: Duplicate before its base)."""
    routes.register_error_handler(ApiError, refused)
    routes.register_error_handler(ContributionError, lambda error: refused(ApiError(400, str(error))))
    routes.register_error_handler(Duplicate, lambda error: refused(ApiError(409, str(error))))
    routes.register_error_handler(
        UnknownContribution, lambda _: refused(ApiError(404, "unknown contribution"))
    )
    routes.register_error_handler(TooManyContributions, _too_many)


def _too_many(error: TooManyContributions) -> Response:
    wait = max(1, math.ceil(error.retry_after_s))
    message = f"too many contributions from this browser: try again in {wait} s"
    return refused(ApiError(429, message, headers={"Retry-After": str(wait)}, retry_after=wait))


def selection(store: Store) -> Selection:
    """The public's contributions, or with ?moderation=, a moderator's view of the others."""
    moderation = request.args.get("moderation")
    if moderation is None:
        return contributions.public(store), False
    allowed(signed_in(store), "moderate")
    if moderation not in MODERATION_VIEWS:
        raise ApiError(400, f"moderation: one of {', '.join(MODERATION_VIEWS)}")
    if moderation == "queue":
        return contributions.queue(store), True
    return contributions.for_moderators(store, None if moderation == "all" else moderation), True


def filtered(found: Iterable[Contribution]) -> list[Contribution]:
    category, status = _choice("category", CATEGORIES), _choice("status", FOLLOW_UPS)
    return [c for c in found if category in (None, c.category) and status in (None, c.follow_up)]


def _choice(name: str, codes: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    if value is not None and value not in codes:
        raise ApiError(400, f"{name}: one of {', '.join(codes)}")
    return value


def counts(found: list[Contribution], moderator: bool) -> dict[str, dict[str, int]]:
    result = {"category": _count(CATEGORIES, (c.category for c in found)),
              "status": _count(FOLLOW_UPS, (c.follow_up for c in found))}  # fmt: skip
    if moderator:
        result["moderation"] = _count(MODERATION_STATES, (c.moderation for c in found))
    return result


def _count(codes: tuple[str, ...], values: Iterable[str | None]) -> dict[str, int]:
    seen = Counter(values)
    return {code: seen[code] for code in codes}


def item_json(moderator: bool) -> Callable[[Contribution], dict[str, object]]:
    return Contribution.moderator_json if moderator else Contribution.public_json


def decision_json(decision: Decision) -> dict[str, object]:
    return {"action": decision.action, "actor": decision.actor, "reason": decision.reason,
            "at": decision.at.isoformat()}  # fmt: skip


def _register_reads(routes: Blueprint, store: Store) -> None:
    def selected() -> tuple[list[dict[str, object]], Selection]:
        found, moderator = selection(store)
        return [item_json(moderator)(c) for c in filtered(found)], (found, moderator)

    @routes.get("/contributions")
    def listed() -> Response:
        items, (found, moderator) = selected()
        return jsonify(contributions=items, counts=counts(found, moderator))

    @routes.get("/contributions.csv")
    def export_csv() -> Response:
        items, (_, moderator) = selected()
        return csv_export(items, moderator)

    @routes.get("/contributions.geojson")
    def export_geojson() -> Response:
        return geojson_export(selected()[0])

    @routes.get("/contributions/<contribution_id>")
    def one(contribution_id: str) -> Response:
        found = contributions.get(store, contribution_id)
        if found is not None and can(current_account(store), "moderate"):
            decisions = [decision_json(d) for d in contributions.decisions(store, found.id)]
            return jsonify(found.moderator_json() | {"decisions": decisions})
        if found is None or not found.public:
            raise UnknownContribution(contribution_id)
        return jsonify(found.public_json())


def _register_visitors(routes: Blueprint, store: Store, catalog: Catalog) -> None:
    @routes.post("/contributions")
    def submit() -> tuple[Response, int]:
        body = json_object(json_body(), NEW_FIELDS)
        with contextlib.closing(catalog.cursor()) as cursor:
            new = new_contribution(body, cursor, store, current_account(store))
        sent = contributions.submit(store, new, visitor_id(), datetime.now(UTC))
        response = jsonify(id=sent.id, withdraw_code=sent.withdraw_code)
        response.headers["Location"] = url_for(".one", contribution_id=sent.id)
        response.headers["Cache-Control"] = "no-store"  # the withdraw code is shown once
        return response, 201

    @routes.delete("/contributions/<contribution_id>")
    def withdraw(contribution_id: str) -> Response:
        code = request.args.get("code")
        if not code:
            raise ApiError(400, "code: required, the withdraw code given when the contribution was sent")
        contributions.withdraw(store, contribution_id, code, datetime.now(UTC))
        return Response(status=204)

    @routes.post("/contributions/<contribution_id>/support")
    def support(contribution_id: str) -> Response:
        return jsonify(
            id=contribution_id, supports=contributions.support(store, contribution_id, visitor_id())
        )

    @routes.post("/contributions/<contribution_id>/report")
    def report(contribution_id: str) -> Response:
        contributions.report(store, contribution_id, visitor_id(), datetime.now(UTC))
        return Response(status=204)


def _register_staff(routes: Blueprint, store: Store) -> None:
    @routes.post("/contributions/<contribution_id>/moderation")
    def moderate(contribution_id: str) -> Response:
        account = signed_in(store)
        allowed(account, "moderate")
        body = json_object(json_body(), MODERATION_FIELDS)
        decision, reason = text_field(body, "decision"), text_field(body, "reason")
        done = contributions.moderate(store, contribution_id, decision, reason, account, datetime.now(UTC))
        return jsonify(done.moderator_json())

    @routes.post("/contributions/<contribution_id>/follow-up")
    def follow_up(contribution_id: str) -> Response:
        account = signed_in(store)
        allowed(account, "follow_up")
        body = json_object(json_body(), FOLLOW_UP_FIELDS)
        status, answer = text_field(body, "status"), text_field(body, "answer")
        scenario_id, version = referred_scenario(
            store, None, body
        )  # the answer is public: so is its scenario
        scenario = None if scenario_id is None or version is None else (scenario_id, version)
        done = contributions.follow_up(
            store, contribution_id, status, answer, scenario, account, datetime.now(UTC)
        )
        return jsonify(done.moderator_json())
