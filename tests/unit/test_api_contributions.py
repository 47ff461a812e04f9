"""The contributions' JSON API at the HTTP level (Flask's test client over the real app, the sample data's
catalog and a real SQLite store): every refusal (and that it stored nothing), that an unapproved
contribution is never in a public answer, moderation, follow-up, withdrawal, supports, reports, the rate
limit, near-duplicates, the exports, and that no stored row holds an IP address or a user agent.

Each test's anonymous visitor is a fresh client (a fresh session: a new visitor id); texts are made unique,
as the store refuses near-duplicates of any recent contribution. Expected places come from geopandas
reading the sample's parquet files, not from the app's queries."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import sqlite3
import uuid
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from flask.testing import FlaskClient
from sqlalchemy import text as sql
from werkzeug.test import TestResponse

from api import contributions as api_contributions
from store.contributions import RATE_LIMIT, REPORTS_TO_HIDE
from tests.unit.api_client import PASSWORD, Twin, build_twin, csrf, page_loaded, signed_in

SCENARIO = {
    "name": "Logements au 12",
    "description": "Le rez-de-chaussée du bâtiment 12 devient des logements.",
    "changes": [{"kind": "floor", "floor_id": "12-0", "use": "housing", "status": "occupied"}],
}
TABLES_OF_CONTRIBUTIONS = (
    "contributions",
    "contribution_votes",
    "contribution_attempts",
    "moderation_decisions",
)


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="module")
def ada(twin: Twin) -> FlaskClient:
    return signed_in(twin, "ada")


@pytest.fixture(scope="module")
def mona(twin: Twin) -> FlaskClient:
    return signed_in(twin, "mona")


@pytest.fixture()
def visitor(twin: Twin) -> FlaskClient:
    return page_loaded(twin.client())


@pytest.fixture(scope="module")
def published(ada: FlaskClient) -> str:
    """A published scenario with two versions."""
    scenario_id = _scenario(ada)
    second = copy.deepcopy(SCENARIO) | {"name": "Logements au 12, v2"}
    put = ada.put(f"/api/scenarios/{scenario_id}?base_version=1", json=second, headers=csrf(ada))
    assert put.status_code == 201, put.get_json()
    assert ada.post(f"/api/scenarios/{scenario_id}/publish", headers=csrf(ada)).status_code == 200
    return scenario_id


@pytest.fixture(scope="module")
def draft(ada: FlaskClient) -> str:
    return _scenario(ada)


def _scenario(client: FlaskClient) -> str:
    response = client.post("/api/scenarios", json=SCENARIO, headers=csrf(client))
    assert response.status_code == 201, response.get_json()
    return str(response.get_json()["id"])


def unique_text(about: str = "Plus d'arbres le long de la rue") -> str:
    return f"{about} ({uuid.uuid4().hex} {uuid.uuid4().hex})"


def body(**changes: object) -> dict[str, object]:
    """A good contribution on floor 62-2, with `changes` (None removes a field)."""
    good: dict[str, object] = {"floor_id": "62-2", "category": "nature", "text": unique_text(),
                               "pseudonym": "Camille", "consent": True}  # fmt: skip
    good.update(changes)
    return {name: value for name, value in good.items() if value is not None}


def post(
    client: FlaskClient, path: str, data: object = None, headers: dict[str, str] | None = None
) -> TestResponse:
    return client.post(path, json=data, headers=(headers or {}) | csrf(client))


def submit(client: FlaskClient, **changes: object) -> tuple[str, str]:
    response = post(client, "/api/contributions", body(**changes))
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    return answer["id"], answer["withdraw_code"]


def decide(moderator: FlaskClient, contribution_id: str, decision: str, reason: str = "") -> TestResponse:
    return post(moderator, f"/api/contributions/{contribution_id}/moderation",
                {"decision": decision, "reason": reason})  # fmt: skip


def approved(client: FlaskClient, moderator: FlaskClient, **changes: object) -> str:
    contribution_id, _ = submit(client, **changes)
    assert decide(moderator, contribution_id, "approve").status_code == 200
    return contribution_id


def public_ids(client: FlaskClient, query: str = "") -> list[str]:
    response = client.get(f"/api/contributions{query}")
    assert response.status_code == 200
    return [item["id"] for item in response.get_json()["contributions"]]


def row_counts(twin: Twin) -> dict[str, int]:
    with twin.store.reading() as session:
        return {name: session.execute(sql(f"SELECT count(*) FROM {name}")).scalar_one()  # noqa: S608
                for name in TABLES_OF_CONTRIBUTIONS}  # fmt: skip


def error_of(response: TestResponse) -> str:
    message = response.get_json()["error"]
    assert "\n" not in message
    return str(message)


# --- sending a contribution ---------------------------------------------------------------------------


def test_a_contribution_on_a_floor_is_pinned_on_it_and_awaits_moderation(
    twin: Twin, visitor: FlaskClient, mona: FlaskClient, published: str, sample_dir: Path
) -> None:
    response = post(visitor, "/api/contributions", body(scenario_id=published, scenario_version=1,
                                                         shown_at="2026-03-02T10:30"))  # fmt: skip
    assert response.status_code == 201
    assert set(response.get_json()) == {"id", "withdraw_code"}
    assert response.headers["Cache-Control"] == "no-store"
    contribution_id = response.get_json()["id"]
    seen = mona.get(response.headers["Location"]).get_json()
    floor = gpd.read_parquet(sample_dir / "floors.parquet").set_index("floor_id").loc["62-2"]
    assert (seen["building_id"], seen["floor_id"], seen["level"]) == ("62", "62-2", 2)
    assert floor.geometry.contains(shapely.Point(seen["lon"], seen["lat"]))
    assert seen["scenario"] == {"id": published, "version": 1}
    assert (seen["shown_at"], seen["moderation"], seen["status"]) == ("2026-03-02T10:30", "pending", None)
    assert [d["action"] for d in seen["decisions"]] == ["submit"]
    assert contribution_id not in public_ids(visitor)


def test_a_point_on_the_ground_and_the_latest_scenario_version(
    visitor: FlaskClient, mona: FlaskClient, published: str, sample_dir: Path
) -> None:
    centre = gpd.read_parquet(sample_dir / "district.parquet").geometry.iloc[0].representative_point()
    contribution_id, _ = submit(visitor, floor_id=None, lon=centre.x, lat=centre.y, scenario_id=published)
    seen = mona.get(f"/api/contributions/{contribution_id}").get_json()
    assert (seen["lon"], seen["lat"], seen["building_id"], seen["floor_id"]) == (
        centre.x,
        centre.y,
        None,
        None,
    )
    assert seen["scenario"] == {"id": published, "version": 2}


def test_texts_at_the_limits_are_accepted_stripped(visitor: FlaskClient, mona: FlaskClient) -> None:
    start = unique_text("x")
    longest = start + "é" * (1000 - len(start))
    contribution_id, _ = submit(visitor, text=f"  {longest}\n ", pseudonym="p" * 40)
    seen = mona.get(f"/api/contributions/{contribution_id}").get_json()
    assert (seen["text"], seen["pseudonym"]) == (longest, "p" * 40)
    contribution_id, _ = submit(visitor, text=unique_text("court"), pseudonym=None)
    assert mona.get(f"/api/contributions/{contribution_id}").get_json()["pseudonym"] is None


REFUSED: list[tuple[dict[str, object], str]] = [
    ({"text": ""}, "text"),
    ({"text": " \n\t "}, "text"),
    ({"text": "x" * 1001}, "text"),
    ({"text": 42}, "text"),
    ({"text": None}, "text"),
    ({"pseudonym": "p" * 41}, "pseudonym"),
    ({"pseudonym": "Camille\nDupont"}, "pseudonym"),
    ({"pseudonym": ["Camille"]}, "pseudonym"),
    ({"category": "sport"}, "category"),
    ({"category": "Économie"}, "category"),
    ({"category": None}, "category"),
    ({"floor_id": "62-9"}, "floor_id"),
    ({"floor_id": None, "building_id": "999"}, "building_id"),
    ({"floor_id": None, "building_id": 62}, "building_id"),
    ({"floor_id": None}, "place"),
    ({"floor_id": None, "building_id": "62", "lon": 7.32, "lat": 47.75}, "lon"),
    ({"lon": 7.32, "lat": 47.75}, "lon"),
    ({"floor_id": None, "lon": 0.0, "lat": 0.0}, "lon"),
    ({"floor_id": None, "lon": 7.40, "lat": 47.75}, "lon"),
    ({"floor_id": None, "lon": 7.32}, "lat"),
    ({"floor_id": None, "lon": "7.32", "lat": 47.75}, "lon"),
    ({"floor_id": None, "lon": 7.32, "lat": 200}, "lat"),
    ({"consent": None}, "consent"),
    ({"consent": False}, "consent"),
    ({"consent": "true"}, "consent"),
    ({"consent": 1}, "consent"),
    ({"scenario_id": "no-such-scenario"}, "scenario_id"),
    ({"scenario_id": 7}, "scenario_id"),
    ({"scenario_version": 1}, "scenario_version"),
    ({"shown_at": "demain"}, "shown_at"),
    ({"shown_at": "2026-13-01T10:00"}, "shown_at"),
    ({"shown_at": "2026-03-02T10:00+01:00"}, "shown_at"),
    ({"shown_at": 20260302}, "shown_at"),
    ({"consnet": True}, "consnet"),
]


@pytest.mark.parametrize(("changes", "field"), REFUSED)
def test_a_bad_contribution_is_refused_naming_the_field_and_nothing_is_stored(
    twin: Twin, visitor: FlaskClient, changes: dict[str, object], field: str
) -> None:
    before = row_counts(twin)
    response = post(visitor, "/api/contributions", body(**changes))
    assert response.status_code == 400
    assert error_of(response).startswith(f"{field}: ")
    assert row_counts(twin) == before


@pytest.mark.parametrize("version", [0, 3, "1", True, 1.5])
def test_a_version_the_scenario_does_not_have_is_refused(
    twin: Twin, visitor: FlaskClient, published: str, version: object
) -> None:
    before = row_counts(twin)
    response = post(visitor, "/api/contributions", body(scenario_id=published, scenario_version=version))
    assert (response.status_code, error_of(response).split(":")[0]) == (400, "scenario_version")
    assert row_counts(twin) == before


def test_a_draft_is_refused_to_a_visitor_who_may_not_see_it(
    twin: Twin, visitor: FlaskClient, ada: FlaskClient, draft: str
) -> None:
    before = row_counts(twin)
    response = post(visitor, "/api/contributions", body(scenario_id=draft, scenario_version=1))
    assert (response.status_code, error_of(response).split(":")[0]) == (400, "scenario_id")
    assert row_counts(twin) == before
    submit(ada, scenario_id=draft, scenario_version=1)  # its owner sees it


@pytest.mark.parametrize(
    ("data", "headers", "status"),
    [
        (b'{"text": ', {"Content-Type": "application/json"}, 400),
        (b"[]", {"Content-Type": "application/json"}, 400),
        (b'"consent"', {"Content-Type": "application/json"}, 400),
        (b'{"lon": NaN}', {"Content-Type": "application/json"}, 400),
        (
            b"category=nature&text=hello&consent=true",
            {"Content-Type": "application/x-www-form-urlencoded"},
            415,
        ),
        (b"{}" + b" " * 1_000_001, {"Content-Type": "application/json"}, 413),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    twin: Twin, visitor: FlaskClient, data: bytes, headers: dict[str, str], status: int
) -> None:
    before = row_counts(twin)
    response = visitor.post("/api/contributions", data=data, headers=headers | csrf(visitor))
    assert response.status_code == status
    assert row_counts(twin) == before


def test_a_post_without_the_csrf_header_is_refused(twin: Twin, visitor: FlaskClient) -> None:
    before = row_counts(twin)
    assert visitor.post("/api/contributions", json=body()).status_code == 403
    assert row_counts(twin) == before


def test_the_sixth_contribution_in_ten_minutes_is_refused_with_retry_after(
    twin: Twin, visitor: FlaskClient
) -> None:
    for _ in range(RATE_LIMIT):
        submit(visitor)
    before = row_counts(twin)
    response = post(visitor, "/api/contributions", body())
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 600
    assert row_counts(twin) == before
    submit(page_loaded(twin.client()))  # another visitor is not held back


def test_a_near_duplicate_is_refused_with_409(twin: Twin, visitor: FlaskClient) -> None:
    text = unique_text("Un banc devant le bâtiment 62, à l'ombre")
    submit(visitor, text=text)
    before = row_counts(twin)
    other = page_loaded(twin.client())
    response = post(other, "/api/contributions", body(text=f"  {text.upper()} !!", category="autre"))
    assert (response.status_code, error_of(response).split(":")[0]) == (409, "text")
    assert row_counts(twin) == before


# --- never public before approval ---------------------------------------------------------------------


def _public_answers(client: FlaskClient, contribution_id: str) -> list[TestResponse]:
    return [
        client.get("/api/contributions"),
        client.get("/api/contributions?category=nature"),
        client.get("/api/contributions.csv"),
        client.get("/api/contributions.geojson"),
        client.get(f"/api/contributions/{contribution_id}"),
        post(client, f"/api/contributions/{contribution_id}/support"),
        post(client, f"/api/contributions/{contribution_id}/report"),
    ]


def test_an_unapproved_contribution_is_in_no_public_answer(
    twin: Twin, visitor: FlaskClient, mona: FlaskClient
) -> None:
    marker = unique_text("Texte en attente de modération")
    pending, _ = submit(visitor, text=marker)
    rejected, _ = submit(visitor, text=unique_text("Texte refusé"))
    assert decide(mona, rejected, "reject", "hors sujet").status_code == 200
    hidden = approved(visitor, mona, text=unique_text("Texte masqué"))
    assert decide(mona, hidden, "hide", "propos injurieux").status_code == 200
    shown = approved(visitor, mona, text=unique_text("Texte publié"))
    before = row_counts(twin)
    anyone = page_loaded(twin.client())
    for contribution_id in (pending, rejected, hidden):
        answers = _public_answers(anyone, contribution_id)
        assert [r.status_code for r in answers] == [200, 200, 200, 200, 404, 404, 404]
        everything = b"".join(r.get_data() for r in answers)
        assert contribution_id.encode() not in everything and marker.encode() not in everything
    assert row_counts(twin) == before
    assert shown in public_ids(anyone) and pending not in public_ids(anyone)


@pytest.mark.parametrize("view", ["pending", "all", "queue", "rejected", "reported", "nonsense"])
def test_the_moderation_views_are_refused_to_the_public_and_planners(
    visitor: FlaskClient, ada: FlaskClient, view: str
) -> None:
    for path in ("/api/contributions", "/api/contributions.csv", "/api/contributions.geojson"):
        assert visitor.get(f"{path}?moderation={view}").status_code == 401
        assert ada.get(f"{path}?moderation={view}").status_code == 403


# --- moderation ---------------------------------------------------------------------------------------


def test_a_moderator_sees_the_queue_and_every_decision_is_logged(
    visitor: FlaskClient, mona: FlaskClient
) -> None:
    first, _ = submit(visitor)
    second, _ = submit(visitor)
    queue = mona.get("/api/contributions?moderation=queue").get_json()["contributions"]
    queued = [item["id"] for item in queue]
    assert queued.index(first) < queued.index(second), "oldest first"
    assert {item["moderation"] for item in queue if item["id"] in (first, second)} == {"pending"}
    assert decide(mona, first, "approve", "ok").get_json()["status"] == "recue"
    assert decide(mona, second, "reject", "publicité").get_json()["moderation"] == "rejected"
    assert decide(mona, first, "hide", "doublon d'une autre").get_json()["moderation"] == "hidden"
    log = mona.get(f"/api/contributions/{first}").get_json()["decisions"]
    assert [(d["action"], d["actor"], d["reason"]) for d in log] == [
        ("submit", None, ""), ("approve", "mona", "ok"), ("hide", "mona", "doublon d'une autre")]  # fmt: skip
    assert all(datetime.fromisoformat(d["at"]).tzinfo is not None for d in log)
    pending = mona.get("/api/contributions?moderation=pending").get_json()["contributions"]
    assert first not in [item["id"] for item in pending]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decision": "reject", "reason": ""}, "reason"),
        ({"decision": "delete", "reason": "x"}, "decision"),
        ({"decision": "approve"}, "reason"),
        ({"decision": "approve", "reason": "ok", "extra": 1}, "extra"),
    ],
)
def test_a_bad_decision_is_refused(
    twin: Twin, visitor: FlaskClient, mona: FlaskClient, data: dict[str, str], field: str
) -> None:
    contribution_id, _ = submit(visitor)
    before = row_counts(twin)
    response = post(mona, f"/api/contributions/{contribution_id}/moderation", data)
    assert (response.status_code, error_of(response).split(":")[0]) == (400, field)
    assert row_counts(twin) == before


def test_only_moderators_decide(
    twin: Twin, visitor: FlaskClient, ada: FlaskClient, mona: FlaskClient
) -> None:
    contribution_id, _ = submit(visitor)
    before = row_counts(twin)
    assert decide(visitor, contribution_id, "approve").status_code == 401
    assert decide(ada, contribution_id, "approve").status_code == 403
    assert decide(mona, "nosuchid", "approve").status_code == 404
    assert row_counts(twin) == before
    assert decide(signed_in(twin, "root"), contribution_id, "approve").status_code == 200


# --- follow-up ----------------------------------------------------------------------------------------


def follow(client: FlaskClient, contribution_id: str, **data: object) -> TestResponse:
    return post(client, f"/api/contributions/{contribution_id}/follow-up", data)


def test_planners_and_moderators_answer_publicly(
    visitor: FlaskClient, ada: FlaskClient, mona: FlaskClient, published: str
) -> None:
    contribution_id = approved(visitor, mona)
    answer = "Retenu : le rez-de-chaussée du 12 devient des logements."
    response = follow(ada, contribution_id, status="retenue", answer=answer, scenario_id=published,
                      scenario_version=2)  # fmt: skip
    assert response.status_code == 200
    item = next(i for i in visitor.get("/api/contributions?status=retenue").get_json()["contributions"]
                if i["id"] == contribution_id)  # fmt: skip
    assert (item["status"], item["answer"], item["answer_scenario"]) == (
        "retenue", answer, {"id": published, "version": 2})  # fmt: skip
    assert follow(mona, contribution_id, status="realisee", answer="Fait.").get_json()["status"] == "realisee"
    log = mona.get(f"/api/contributions/{contribution_id}").get_json()["decisions"]
    assert [(d["action"], d["actor"]) for d in log][-2:] == [("follow_up", "ada"), ("follow_up", "mona")]


def test_follow_up_refusals(
    twin: Twin, visitor: FlaskClient, ada: FlaskClient, mona: FlaskClient, draft: str
) -> None:
    contribution_id = approved(visitor, mona)
    pending, _ = submit(visitor)
    before = row_counts(twin)
    assert follow(visitor, contribution_id, status="retenue", answer="x").status_code == 401
    refusals = [
        (follow(ada, contribution_id, status="adopted", answer="x"), "status"),
        (follow(ada, contribution_id, status="retenue"), "answer"),
        (follow(ada, contribution_id, status="retenue", answer="x", scenario_id=draft), "scenario_id"),
        (follow(ada, pending, status="retenue", answer="x"), "status"),
    ]
    assert [(r.status_code, error_of(r).split(":")[0]) for r, _ in refusals] == [
        (400, f) for _, f in refusals
    ]
    assert follow(ada, "nosuchid", status="retenue", answer="x").status_code == 404
    assert row_counts(twin) == before


# --- withdrawal, supports, reports --------------------------------------------------------------------


def test_the_author_withdraws_with_the_code_and_only_with_it(
    twin: Twin, visitor: FlaskClient, mona: FlaskClient
) -> None:
    contribution_id, _ = submit(visitor)
    assert decide(mona, contribution_id, "approve").status_code == 200
    other_id, code = submit(visitor)
    before = row_counts(twin)
    assert (
        visitor.delete(f"/api/contributions/{contribution_id}?code={code}", headers=csrf(visitor)).status_code
        == 404
    )
    assert visitor.delete(f"/api/contributions/{contribution_id}", headers=csrf(visitor)).status_code == 400
    assert row_counts(twin) == before
    assert contribution_id in public_ids(visitor)
    assert (
        visitor.delete(f"/api/contributions/{other_id}?code={code}", headers=csrf(visitor)).status_code == 204
    )
    assert mona.get(f"/api/contributions/{other_id}").status_code == 404
    assert row_counts(twin)["contributions"] == before["contributions"] - 1


def test_one_support_per_visitor(twin: Twin, visitor: FlaskClient, mona: FlaskClient) -> None:
    contribution_id = approved(visitor, mona)
    other = page_loaded(twin.client())
    path = f"/api/contributions/{contribution_id}/support"
    assert [post(c, path).get_json()["supports"] for c in (visitor, other, visitor, other)] == [1, 2, 2, 2]
    listed = {i["id"]: i for i in other.get("/api/contributions").get_json()["contributions"]}
    assert listed[contribution_id]["supports"] == 2


def test_reports_of_three_visitors_hide_it_until_reviewed(
    twin: Twin, visitor: FlaskClient, mona: FlaskClient
) -> None:
    contribution_id = approved(visitor, mona)
    path = f"/api/contributions/{contribution_id}/report"
    for _ in range(REPORTS_TO_HIDE):
        assert post(visitor, path).status_code == 204  # one visitor's reports count once
    assert contribution_id in public_ids(visitor)
    for _ in range(REPORTS_TO_HIDE - 1):
        assert post(page_loaded(twin.client()), path).status_code == 204
    assert contribution_id not in public_ids(visitor)
    assert post(visitor, f"/api/contributions/{contribution_id}/support").status_code == 404
    reported = mona.get("/api/contributions?moderation=reported").get_json()["contributions"]
    assert [(i["auto_hidden"], i["reports"]) for i in reported if i["id"] == contribution_id] == [(True, 3)]
    assert contribution_id in [
        i["id"] for i in mona.get("/api/contributions?moderation=queue").get_json()["contributions"]
    ]
    assert decide(mona, contribution_id, "restore", "rien d'injurieux").status_code == 200
    assert contribution_id in public_ids(visitor)


# --- lists and exports --------------------------------------------------------------------------------


def test_filters_and_counts(visitor: FlaskClient, mona: FlaskClient) -> None:
    approved(visitor, mona, category="culture")
    answer = visitor.get("/api/contributions").get_json()
    items = answer["contributions"]
    assert answer["counts"]["category"]["culture"] == sum(i["category"] == "culture" for i in items) >= 1
    assert sum(answer["counts"]["status"].values()) == len(items)
    cultural = visitor.get("/api/contributions?category=culture").get_json()["contributions"]
    assert {i["category"] for i in cultural} == {"culture"}
    assert visitor.get("/api/contributions?category=sport").status_code == 400
    assert visitor.get("/api/contributions?status=done").status_code == 400


def _csv_rows(response: TestResponse) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8"))))


def test_the_csv_export_is_inert_in_a_spreadsheet(visitor: FlaskClient, mona: FlaskClient) -> None:
    formula = '=HYPERLINK("http://example.org";"clic") ' + unique_text()
    contribution_id = approved(visitor, mona, text=formula, pseudonym="@admin", category="economie")
    response = visitor.get("/api/contributions.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="contributions-{date.today().isoformat()}.csv"')  # fmt: skip
    rows = _csv_rows(response)
    assert list(rows[0])[:4] == ["id", "created_at", "category", "status"] and "moderation" not in rows[0]
    row = next(r for r in rows if r["id"] == contribution_id)
    assert (row["text"], row["pseudonym"]) == ("'" + formula, "'@admin")
    assert (row["floor_id"], row["level"], row["status"]) == ("62-2", "2", "recue")
    assert float(row["lon"]) > 7 and not row["lon"].startswith("'")
    for plus_minus in ("+33 6 12 34 56 78", "-1 pour ce projet"):
        contribution_id = approved(visitor, mona, text=unique_text(plus_minus))
        row = next(r for r in _csv_rows(visitor.get("/api/contributions.csv")) if r["id"] == contribution_id)
        assert row["text"].startswith("'" + plus_minus)


def test_the_moderators_export_holds_every_contribution_with_its_state(
    visitor: FlaskClient, mona: FlaskClient
) -> None:
    pending, _ = submit(visitor, text=unique_text("Économie circulaire — café associatif"))
    rows = {r["id"]: r for r in _csv_rows(mona.get("/api/contributions.csv?moderation=all"))}
    assert rows[pending]["moderation"] == "pending"
    assert rows[pending]["text"].startswith("Économie circulaire — café associatif")
    features = mona.get("/api/contributions.geojson?moderation=all").get_json()["features"]
    assert [f["properties"]["moderation"] for f in features if f["id"] == pending] == ["pending"]


def test_the_geojson_export_has_a_point_per_public_contribution(
    visitor: FlaskClient, mona: FlaskClient
) -> None:
    approved(visitor, mona)
    response = visitor.get("/api/contributions.geojson")
    assert response.mimetype == "application/geo+json"
    assert response.headers["Content-Disposition"].endswith(
        f'contributions-{date.today().isoformat()}.geojson"'
    )
    collection = json.loads(response.get_data())
    listed = visitor.get("/api/contributions").get_json()["contributions"]
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"] for f in collection["features"]] == listed
    for feature in collection["features"]:
        props = feature["properties"]
        assert feature["geometry"] == {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        assert "moderation" not in props


# --- nothing personal is stored -----------------------------------------------------------------------

TRACES = ("203.0.113.77", "127.0.0.1", "Mozilla/5.0 (Tablette-Atelier; DMC) Traceur/9.9")


def test_no_stored_row_holds_an_ip_address_or_a_user_agent(twin: Twin, mona: FlaskClient) -> None:
    """Every kind of request a visitor makes (and a sign-in), from an address and browser that would be
    recognisable; then every table of the SQLite file is read, whatever tables there are."""
    headers = {"X-Forwarded-For": TRACES[0], "User-Agent": TRACES[2]}
    client = twin.client()
    client.environ_base.update(REMOTE_ADDR=TRACES[1], HTTP_USER_AGENT=TRACES[2])
    page_loaded(client)
    texts = [body(), body()]
    sent = [post(client, "/api/contributions", text, headers).get_json() for text in texts]
    assert decide(mona, sent[0]["id"], "approve").status_code == 200
    for action in ("support", "report"):
        assert post(client, f"/api/contributions/{sent[0]['id']}/{action}", headers=headers).status_code < 300
    withdraw = f"/api/contributions/{sent[1]['id']}?code={sent[1]['withdraw_code']}"
    assert client.delete(withdraw, headers=headers | csrf(client)).status_code == 204
    sign_in = {"name": "root", "password": PASSWORD}
    assert post(client, "/auth/sign-in", sign_in, headers).status_code == 200
    stored = _every_cell(twin.state_dir / "twin.sqlite3")
    assert any(texts[0]["text"] in cell for cell in stored), "the store was read"
    for trace in TRACES:
        assert not [cell for cell in stored if trace in cell], trace


def _every_cell(path: Path) -> list[str]:
    """Every value of every row of every table, as text (blobs decoded leniently)."""
    cells: list[str] = []
    with sqlite3.connect(path) as con:
        tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names read from the schema
                cells.extend(v.decode(errors="replace") if isinstance(v, bytes) else str(v) for v in row)
    return cells


def test_every_route_is_documented(twin: Twin) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    docstring = api_contributions.__doc__ or ""
    rules = [r for r in twin.server.url_map.iter_rules() if r.rule.startswith("/api/contributions")]  # type: ignore[attr-defined]
    assert len(rules) == 10
    for rule in rules:
        path = rule.rule.replace("<contribution_id>", "<id>")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert re.search(rf"\n{method} +{re.escape(path)}[ \[?]", readme), (method, path)
            assert path in docstring, path
