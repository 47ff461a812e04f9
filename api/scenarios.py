"""The scenarios' JSON API, for notebooks, the city's other tools and the checks. Same permissions as the
page (store.permissions.can decides, nothing here does); scripts send `Authorization: Bearer <token>`.

    GET  /api/scenarios                          published ones, plus the caller's drafts
    POST /api/scenarios                          create from a scenario document -> 201 {"id", "version"}
    GET  /api/scenarios/<id>[?version=n]         the document (latest version, or version n)
    GET  /api/scenarios/<id>/versions            its history: number, author, time, message
    PUT  /api/scenarios/<id>?base_version=n      save a new version of an edit that started from version n
    POST /api/scenarios/<id>/restore?version=k&base_version=n   version k's document as a new version
    POST /api/scenarios/<id>/publish             draft -> published
    GET  /api/scenarios/<id>/indicators[?version=n]      {"indicators": {...}, "baseline": {...}}
    GET  /api/scenarios/<id>/indicators.csv[?version=n]  the same as CSV, with a header row
    GET  /api/indicators                         {"baseline": {...}}

Refusals are one JSON line {"error": "..."} naming the field: 400 bad input, 401 nobody signed in, 403 not
allowed, 404 unknown (or a draft the caller may not see: drafts are not probed), 409 a stale version,
415 a body that is not JSON. A document is checked whole before anything is written, in one transaction.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request

from api.auth import current_account
from api.json_requests import ApiError, allowed, json_body, refused, signed_in
from geodata.catalog import Catalog
from geodata.indicators import indicators
from geodata.scenario import ScenarioDocument, ScenarioError, check_document, document_json, parse_document
from store import scenarios
from store.accounts import Account
from store.database import Store
from store.permissions import can
from store.scenarios import ScenarioSummary, ScenarioVersion

MAX_MESSAGE_CHARS = 500


def summary_json(summary: ScenarioSummary) -> dict[str, object]:
    return {"id": summary.id, "name": summary.name, "status": summary.status, "version": summary.version,
            "owner": summary.owner, "updated_at": summary.updated_at.isoformat()}  # fmt: skip


def positive_int(name: str, required: bool = False) -> int | None:
    """A query parameter that must be a whole number from 1 (a version number)."""
    text = request.args.get(name)
    if text is None:
        if required:
            raise ApiError(400, f"{name}: required, a version number")
        return None
    if not text.isdigit() or int(text) < 1 or len(text) > 9:
        raise ApiError(400, f"{name}: must be a whole number from 1")
    return int(text)


def message_arg() -> str:
    message = request.args.get("message", "")
    if len(message) > MAX_MESSAGE_CHARS or any(ord(c) < 32 for c in message):
        raise ApiError(400, f"message: at most {MAX_MESSAGE_CHARS} characters on one line")
    return message


class ScenarioApi:
    """The routes' shared parts: who asks, which scenario and version they may see, checked documents."""

    def __init__(self, store: Store, catalog: Catalog) -> None:
        self.store = store
        self.catalog = catalog
        self._baseline: dict[str, float | None] | None = None

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Any]:
        cursor = self.catalog.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def signed_in(self) -> Account:
        return signed_in(self.store)

    def allowed(self, account: Account, action: str, summary: ScenarioSummary | None = None) -> None:
        allowed(account, action, summary)

    def visible(self, scenario_id: str) -> ScenarioSummary:
        """The scenario if the caller may see it; an unknown id and a hidden draft get the same 404."""
        summary = scenarios.get_scenario(self.store, scenario_id)
        if summary is None or not can(current_account(self.store), "view_scenario", summary):
            raise ApiError(404, "unknown scenario")
        return summary

    def version(self, summary: ScenarioSummary) -> ScenarioVersion:
        number = positive_int("version")
        found = scenarios.get_version(self.store, summary.id, number)
        if found is None:
            raise ApiError(404, f"version: scenario {summary.id} has no version {number}")
        return found

    def checked(self, data: object) -> tuple[ScenarioDocument, list[str]]:
        """The document parsed and checked against the baseline, and its warnings; 400 naming the field."""
        if not isinstance(data, dict):  # parse_document would read a string as JSON text: not for a body
            raise ApiError(400, "the body must be a JSON object: a scenario document")
        try:
            document = parse_document(data)
            self.check_based_on(document)
            with self.cursor() as cursor:
                warnings = check_document(cursor, document)
        except ScenarioError as error:
            raise ApiError(400, str(error)) from None
        return document, [str(warning) for warning in warnings]

    def check_based_on(self, document: ScenarioDocument) -> None:
        """`based_on` names the baseline or a scenario (and version) the author may see."""
        if document.based_on in (None, "baseline"):
            return
        scenario_id, _, number = str(document.based_on).partition("@")
        summary = scenarios.get_scenario(self.store, scenario_id)
        viewer = current_account(self.store)
        if (
            summary is None
            or not can(viewer, "view_scenario", summary)
            or not _version_exists(number, summary.version)
        ):
            raise ScenarioError("based_on", "no such scenario or version")

    def scenario_values(self, cursor: Any, document: ScenarioDocument) -> dict[str, float | None]:
        return finite(indicators(cursor, document))

    def baseline_values(self, cursor: Any) -> dict[str, float | None]:
        """The baseline's indicators, computed once per app: the baseline is read-only."""
        if self._baseline is None:
            self._baseline = finite(indicators(cursor, None))
        return self._baseline


def _version_exists(number: str, latest: int) -> bool:
    return not number or (number.isdigit() and len(number) < 10 and 1 <= int(number) <= latest)


def finite(values: dict[str, float]) -> dict[str, float | None]:
    """JSON has no NaN or infinity (a share of nothing): those become null."""
    return {name: (float(v) if math.isfinite(v) else None) for name, v in values.items()}


def indicators_csv(values: dict[str, float | None], baseline: dict[str, float | None]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator", "scenario", "baseline", "delta"])
    for name, value in values.items():
        base = baseline.get(name)
        delta = None if value is None or base is None else value - base
        writer.writerow([name, *("" if v is None else repr(v) for v in (value, base, delta))])
    return out.getvalue()


def register_scenario_api(server: Flask, store: Store, catalog: Catalog) -> None:
    api = ScenarioApi(store, catalog)
    routes = Blueprint("scenario_api", __name__, url_prefix="/api")
    routes.register_error_handler(ApiError, refused)
    _register_reads(routes, api)
    _register_writes(routes, api)
    _register_indicators(routes, api)
    server.register_blueprint(routes)


def _register_reads(routes: Blueprint, api: ScenarioApi) -> None:
    @routes.get("/scenarios")
    def list_scenarios() -> Response:
        viewer = current_account(api.store)
        found = [s for s in scenarios.list_scenarios(api.store, viewer) if can(viewer, "view_scenario", s)]
        return jsonify(scenarios=[summary_json(summary) for summary in found])

    @routes.get("/scenarios/<scenario_id>/versions")
    def scenario_history(scenario_id: str) -> Response:
        summary = api.visible(scenario_id)
        versions = [{"number": v.number, "author": v.author, "created_at": v.created_at.isoformat(),
                     "message": v.message} for v in scenarios.history(api.store, summary.id)]  # fmt: skip
        return jsonify(id=summary.id, versions=versions)

    @routes.get("/scenarios/<scenario_id>")
    def scenario_document(scenario_id: str) -> Response:
        version = api.version(api.visible(scenario_id))
        response = jsonify(version.document)
        response.headers["X-Scenario-Version"] = str(version.number)
        return response


def _register_writes(routes: Blueprint, api: ScenarioApi) -> None:
    @routes.post("/scenarios")
    def create() -> tuple[Response, int]:
        account = api.signed_in()
        api.allowed(account, "create_scenario")
        document, warnings = api.checked(json_body())
        scenario_id, number = scenarios.create_scenario(api.store, document_json(document), account,
                                                        message_arg())  # fmt: skip
        return jsonify(id=scenario_id, version=number, warnings=warnings), 201

    @routes.put("/scenarios/<scenario_id>")
    def save(scenario_id: str) -> tuple[Response, int]:
        account = api.signed_in()
        summary = api.visible(scenario_id)
        api.allowed(account, "edit_scenario", summary)
        base = positive_int("base_version", required=True)
        document, warnings = api.checked(json_body())
        try:
            number = scenarios.save_version(api.store, scenario_id, document_json(document), account,
                                            expected_version=base or 0, message=message_arg())  # fmt: skip
        except scenarios.StaleVersion as error:
            raise ApiError(409, str(error), current=error.current) from None
        return jsonify(id=scenario_id, version=number, warnings=warnings), 201

    @routes.post("/scenarios/<scenario_id>/restore")
    def restore(scenario_id: str) -> tuple[Response, int]:
        account = api.signed_in()
        summary = api.visible(scenario_id)
        api.allowed(account, "edit_scenario", summary)
        base, number = positive_int("base_version", required=True), positive_int("version", required=True)
        old = api.version(summary)
        _, warnings = api.checked(old.document)  # it passed when saved; the rules may have tightened since
        try:
            new = scenarios.restore_version(api.store, scenario_id, number or 0, account, base or 0)
        except scenarios.StaleVersion as error:
            raise ApiError(409, str(error), current=error.current) from None
        return jsonify(id=scenario_id, version=new, warnings=warnings), 201

    @routes.post("/scenarios/<scenario_id>/publish")
    def publish(scenario_id: str) -> Response:
        account = api.signed_in()
        summary = api.visible(scenario_id)
        api.allowed(account, "publish_scenario", summary)
        scenarios.publish(api.store, scenario_id)
        return jsonify(id=scenario_id, status="published", version=summary.version)


def _register_indicators(routes: Blueprint, api: ScenarioApi) -> None:
    def both(scenario_id: str) -> tuple[ScenarioVersion, dict[str, float | None], dict[str, float | None]]:
        version = api.version(api.visible(scenario_id))
        try:
            document = parse_document(version.document)
        except ScenarioError as error:  # saved before a rule tightened: say so rather than fail
            raise ApiError(400, f"the saved document no longer passes: {error}") from None
        with api.cursor() as cursor:
            return version, api.scenario_values(cursor, document), api.baseline_values(cursor)

    @routes.get("/scenarios/<scenario_id>/indicators")
    def scenario_indicators(scenario_id: str) -> Response:
        version, values, baseline = both(scenario_id)
        return jsonify(id=scenario_id, version=version.number, indicators=values, baseline=baseline)

    @routes.get("/scenarios/<scenario_id>/indicators.csv")
    def scenario_indicators_csv(scenario_id: str) -> Response:
        version, values, baseline = both(scenario_id)
        name = f"scenario-{scenario_id}-v{version.number}-indicators.csv"
        return Response(indicators_csv(values, baseline), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip

    @routes.get("/indicators")
    def baseline_indicators() -> Response:
        with api.cursor() as cursor:
            return jsonify(baseline=api.baseline_values(cursor))
