"""Requests keep their promise: hostile callback inputs, malformed envelopes and oversized bodies sent to
the real app (a subprocess, as `make run` starts it) are refused clearly — never a 5xx, never a traceback;
every response carries the security headers; no server announces its version."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest

from tests.browser.conftest import TwinPage, _free_port, serving
from tests.browser.hostile import HOSTILE_VALUES, MALFORMED_BODIES

pytestmark = pytest.mark.browser

UPDATE = "/_dash-update-component"
LIMIT = 1_000_000  # api/security.py MAX_REQUEST_BYTES, restated: a change to it must be deliberate
HUGE_ID = "B" * 900_000  # under the limit, so it reaches the callback, which must not echo it back
# What the page's fetch wrapper (assets/05-csrf-fetch.js) sends: the csrf_token cookie echoed in a header.
# Without it every POST is a 403 (api/auth.py), before the checks these tests are about.
CSRF = {"Cookie": "csrf_token=test-token", "X-CSRF-Token": "test-token"}


def post(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url + UPDATE, data=body, method="POST",
                                     headers={"Content-Type": content_type, **CSRF})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def dependencies(url: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(url + "/_dash-dependencies", timeout=30) as response:
        deps: list[dict[str, Any]] = json.load(response)
    return deps


def server_callbacks(url: str) -> list[dict[str, Any]]:
    """Callbacks the browser sends to the server (clientside ones never reach it)."""
    return [dep for dep in dependencies(url) if dep["clientside_function"] is None]


def _outputs(output: str) -> dict[str, str] | list[dict[str, str]]:
    """Dash's output string ('a.b' or '..a.b...c.d..') as the renderer sends it."""
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    entries = [dict(zip(("id", "property"), name.rsplit(".", 1), strict=True)) for name in names]
    return entries if output.startswith("..") else entries[0]


def plausible_values(sample: Path) -> dict[str, object]:
    """What the page itself sends for each input, so that the one hostile input is the only bad one."""
    a_building = str(pq.read_table(sample / "buildings.parquet").column("building_id")[0])
    search = "?lang=en&at=2026-11-23T14:00&layers=occupancy,parking&view=7.32,47.75,16,45,-20"
    search += f"&building={a_building}"
    return {"url.search": search, "date-choice.date": "2026-11-23", "hour-choice.value": 14,
            "lang-choice.value": "en", "at-store.data": "2026-11-23T14:00", "message-store.data": [],
            "selected-building.data": a_building, "panel-close.n_clicks": 1,
            "data-tables-title.n_clicks": 1, "url.pathname": "/",
            # The planner's controls, as an anonymous visitor's page would send them (refused politely).
            "scenario-shown.data": {"id": "abcdefgh", "version": 1, "draft": None},
            "scenario-choice.value": "baseline", "scenario-create.n_clicks": 1,
            "scenario-new-name.value": "École",
            "scenario-save.n_clicks": 1, "scenario-publish.n_clicks": None, "scenario-message.value": "v2",
            "scenario-undo-button.n_clicks": 1, "scenario-undo.data": [], "account-result.data": "wrong",
            "edit-apply.n_clicks": 1, "edit-demolish.n_clicks": None, "edit-levels.value": ["62-0"],
            "edit-use.value": "housing", "edit-status.value": "occupied", "edit-phase.value": 2030,
            "scenario-import.contents": "data:application/json;base64,e30=", "restore-button.n_clicks": 1,
            "restore-choice.value": 1, "contributions-tick.n_intervals": 3,
            # Participation: an anonymous visitor's opinion form, a pin, withdrawal; the moderators' screen
            # (refused politely to an anonymous visitor).
            "contribute-button.n_clicks": 1, "contribution-accept.n_clicks": 1,
            "contribution-another.n_clicks": 1, "contribution-close.n_clicks": 1, "withdraw-open.n_clicks": 1,
            "ground-point.data": {"lon": 7.3218, "lat": 47.75482, "t": 1},
            "picked-contribution.data": {"id": "abcdefgh", "t": 1},
            "contribution-state.data": {"mode": "form", "target": {"building_id": a_building},
                                        "contribution": None},
            "contribution-where.value": "building", "contribution-send.n_clicks": 1,
            "contribution-category.value": "nature", "contribution-text.value": "Un jardin ici",
            "contribution-pseudonym.value": "Lou", "contribution-consent.value": ["yes"],
            "contribution-support.n_clicks": 1, "contribution-report.n_clicks": 1,
            "withdraw-button.n_clicks": 1, "withdraw-id.value": "abcdefgh",
            "withdraw-code.value": "ABCDE-FGHJK", "moderation-filter.value": "queue",
            "moderation-changed.data": 1, "moderation-refresh.n_clicks": 1,
            "moderation-selected.data": "abcdefgh",
            '{"id":["ALL"],"type":"moderation-item"}.n_clicks': 1,
            "moderation-approve.n_clicks": 1, "moderation-reject.n_clicks": None,
            "moderation-hide.n_clicks": None, "moderation-restore.n_clicks": None,
            "moderation-reason.value": "hors sujet", "follow-up-save.n_clicks": 1,
            "follow-up-status.value": "retenue", "follow-up-answer.value": "Prévu en 2027",
            "follow-up-scenario.value": "abcdefgh@1",
            # The workshop mode (callbacks/atelier.py), as a table's page sends it.
            "atelier.data": {"code": "atelier", "layers": ["occupancy", "biodiversity", "contributions"]},
            "atelier-scenario.value": "baseline", "atelier-poll.n_intervals": 3,
            # Answers in one tap (callbacks/finder.py): the search box, a result or ranked building chosen.
            "find-input.value": "réfectoire", "find-input.n_submit": 1,
            '{"building":["ALL"],"from":["ALL"],"type":"find-item"}.n_clicks': 1,
            "fly-to.data": {"building": a_building, "lon": 7.3218, "lat": 47.75482, "n": 1}}  # fmt: skip


PATTERN_KEY = "abcdefgh"  # the one component a pattern-matching (ALL) input matches in these requests


def _concrete(pattern_id: str) -> dict[str, object]:
    """'{"id":["ALL"],"type":"x"}' -> {"id": PATTERN_KEY, "type": "x"}."""
    return {key: PATTERN_KEY if value == ["ALL"] else value for key, value in json.loads(pattern_id).items()}


def _entry(item: dict[str, Any], value: object) -> object:
    if not item["id"].startswith("{"):
        return {**item, "value": value}
    return [{"id": _concrete(item["id"]), "property": item["property"], "value": value}]  # ALL: a list


def _changed(name: str) -> str:
    component, _, prop = name.rpartition(".")
    if not component.startswith("{"):
        return name
    return f"{json.dumps(_concrete(component), sort_keys=True, separators=(',', ':'))}.{prop}"


def request_body(dep: dict[str, Any], values: dict[str, object], changed: str) -> bytes:
    def entries(kind: str) -> list[object]:
        return [_entry(item, values.get(f"{item['id']}.{item['property']}")) for item in dep[kind]]

    body = {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": entries("inputs"),
            "state": entries("state"), "changedPropIds": [_changed(changed)]}  # fmt: skip
    return json.dumps(body).encode()


def assert_clean(status: int, body: bytes, what: str) -> None:
    assert status < 500, f"{what}: HTTP {status}"
    assert b"Traceback" not in body and b'File "' not in body, f"{what}: a traceback in the answer"


@pytest.fixture(scope="module")
def plausible(sample_dir: Path) -> dict[str, object]:
    return plausible_values(sample_dir)


def test_the_hostile_list_is_long_enough() -> None:
    assert len(HOSTILE_VALUES) >= 100


def test_every_callback_answers_its_plausible_inputs(app_url: str, plausible: dict[str, object]) -> None:
    """The baseline for the fuzz below: with the page's own values every callback runs (no 400), so a
    refusal below is the callback's doing, not the envelope check's."""
    callbacks = server_callbacks(app_url)
    names = {f"{item['id']}.{item['property']}" for dep in callbacks for item in dep["inputs"] + dep["state"]}
    assert callbacks and names <= plausible.keys(), f"add plausible values for {names - plausible.keys()}"
    for dep in callbacks:
        first = f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"
        status, body = post(app_url, request_body(dep, plausible, first))
        assert status in (200, 204), (dep["output"], status, body[:300])


def test_hostile_values_in_any_input_of_any_callback_are_refused_cleanly(
    app_url: str, plausible: dict[str, object]
) -> None:
    """Each input of each server callback in turn gets each hostile value, the others plausible ones."""
    sent = 0
    for dep in server_callbacks(app_url):
        for item in dep["inputs"] + dep["state"]:
            name = f"{item['id']}.{item['property']}"
            for index, value in enumerate([*HOSTILE_VALUES, HUGE_ID]):
                status, body = post(app_url, request_body(dep, {**plausible, name: value}, name))
                what = f"{dep['output']} with {name} = hostile value #{index}"
                assert_clean(status, body, what)
                assert status in (200, 204), f"{what}: HTTP {status} {body[:200]!r}"
                assert HUGE_ID[:100].encode() not in body, f"{what}: the huge value was echoed back"
                sent += 1
    assert sent >= 10 * len(HOSTILE_VALUES)


def test_malformed_envelopes_are_refused_with_400_and_one_line(app_url: str) -> None:
    for index, (body, content_type) in enumerate(MALFORMED_BODIES):
        status, answer = post(app_url, body, content_type)
        assert_clean(status, answer, f"malformed body #{index}")
        assert status == 400, (index, status, answer[:200])
        assert answer.count(b"\n") == 1 and len(answer) < 300, answer[:300]


def test_a_body_over_the_limit_is_refused_with_413(app_url: str) -> None:
    status, answer = post(app_url, b'{"output": "' + b"x" * (LIMIT + 10) + b'"}')
    assert status == 413 and answer.startswith(b"413 Request Entity Too Large"), (status, answer[:200])


def test_a_declared_300_mb_body_is_refused_before_it_is_sent(app_url: str) -> None:
    parts = urlsplit(app_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.putrequest("POST", UPDATE)
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(300_000_000))
    connection.endheaders(b"{}")
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/healthz", "/nope",
                                  "/assets/twin.css", "/_favicon.ico", "/contributions", "/view.png?layers=",
                                  "/brief.pdf?lang=xx", "/view-qr.svg?lang=en"])  # fmt: skip
def test_every_response_has_the_security_headers_and_no_version(app_url: str, path: str) -> None:
    try:
        response = urllib.request.urlopen(app_url + path, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    headers = response.headers
    assert all(headers[name] for name in SECURITY_HEADERS), dict(headers)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Server"] == "dmc-twin", headers["Server"]
    assert "python" not in str(headers).lower() and "werkzeug" not in str(headers).lower()


@contextlib.contextmanager
def serve_gunicorn(data_dir: Path) -> Iterator[str]:
    """The app as deployed: `gunicorn 'app:wsgi()'` with two workers, on a free port."""
    port = _free_port()
    env = {**os.environ, "TWIN_DATA_DIR": str(data_dir)}
    env.pop("TWIN_BASEMAP_URL", None)
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:wsgi()"]
    with (
        tempfile.TemporaryDirectory() as state,  # the workers' shared store and session key
        serving(command, env | {"TWIN_STATE_DIR": state}, port, stop_s=30) as url,
    ):
        yield url


def test_gunicorn_names_no_version_and_refuses_large_bodies(sample_dir: Path) -> None:
    with serve_gunicorn(sample_dir) as url:
        with urllib.request.urlopen(url + "/", timeout=30) as response:
            server, policy = response.headers["Server"], response.headers["Content-Security-Policy"]
        status, _ = post(url, b"[" * (LIMIT + 10))
    assert server == "gunicorn", server  # gunicorn's own name, without its version
    assert policy.startswith("default-src 'self'")
    assert status == 413


def test_the_page_config_names_no_versions(app_url: str) -> None:
    with urllib.request.urlopen(app_url + "/", timeout=30) as response:
        page = response.read().decode()
    config = json.loads(
        page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0]
    )
    assert {config[key] for key in ("dash_version", "python_version", "plotly_version")} == {None}
    assert sys.version.split()[0] not in page


def test_the_page_s_own_requests_are_far_below_the_limit(twin: TwinPage, app_url: str) -> None:
    """The limit must never refuse the app itself: its largest callback request, over a session that
    loads the page, moves the hour and switches language, is a small fraction of it."""
    twin.open(app_url + "/?lang=en&at=2026-11-23T14:00")
    handle = twin.page.locator("#hour-choice [role=slider]")
    handle.focus()
    handle.press("ArrowRight")
    twin.page.get_by_label("FR", exact=True).check()
    twin.page.locator("#data-tables summary").click()
    twin.page.locator(".data-grid .ag-header-cell").first.wait_for(timeout=20_000)
    twin.settle()
    assert twin.dash_requests, "no callback request seen"
    assert max(len(body.encode()) for body in twin.dash_requests) < LIMIT / 100
    assert twin.console_errors == []


def test_the_page_s_posts_carry_the_csrf_token_and_others_are_refused(twin: TwinPage, app_url: str) -> None:
    """The fetch wrapper (assets/05-csrf-fetch.js) adds the header; a request that does not go through it,
    here an XMLHttpRequest, is what a forged request looks like to the server, and gets a 403."""
    twin.open(app_url + "/")
    assert twin.page.evaluate("() => document.cookie.includes('csrf_token=')")
    wrapped = twin.page.evaluate("async () => (await fetch('/auth/sign-out', {method: 'POST'})).status")
    bare = twin.page.evaluate(
        """() => new Promise((resolve) => {
             const request = new XMLHttpRequest();
             request.open('POST', '/auth/sign-out');
             request.onload = () => resolve(request.status);
             request.send();
           })"""
    )
    assert (wrapped, bare) == (204, 403)
