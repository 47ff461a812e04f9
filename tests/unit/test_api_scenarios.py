"""The scenarios' JSON API at the HTTP level (Flask's test client over the real app, the sample data's
catalog and a real SQLite store): every route's answer and every refusal. Expected indicator values come
from pandas reading the sample's parquet files, not from the app's queries."""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from store import accounts
from tests.browser.hostile import MALFORMED_BODIES, NUMBERS, OBJECTS, TEXTS
from tests.unit.api_client import Twin, build_twin, csrf, page_loaded, signed_in

FLOOR, LOT = "12-0", "P1"  # a vacant 900 m² ground floor; the Motoco car park
GOOD: dict[str, Any] = {
    "name": "Logements au 12",
    "description": "Le rez-de-chaussée du bâtiment 12 devient des logements.",
    "changes": [
        {"kind": "floor", "floor_id": FLOOR, "use": "housing", "status": "occupied"},
        {"kind": "parking_lot", "lot_id": LOT, "capacity": 43},
    ],
}
OUTSIDE = {"type": "Polygon", "coordinates": [[[0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001], [0, 0]]]}


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="module")
def ada(twin: Twin) -> FlaskClient:
    return signed_in(twin, "ada")


@pytest.fixture(scope="module")
def ben(twin: Twin) -> FlaskClient:
    return signed_in(twin, "ben")


@pytest.fixture()
def anonymous(twin: Twin) -> FlaskClient:
    return page_loaded(twin.client())


def create(client: FlaskClient, document: object = GOOD) -> str:
    response = client.post("/api/scenarios", json=document, headers=csrf(client))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["version"] == 1
    return str(body["id"])


def listed(client: FlaskClient) -> dict[str, dict[str, Any]]:
    response = client.get("/api/scenarios")
    assert response.status_code == 200
    return {item["id"]: item for item in response.get_json()["scenarios"]}


def publish(client: FlaskClient, scenario_id: str) -> int:
    return client.post(f"/api/scenarios/{scenario_id}/publish", headers=csrf(client)).status_code


def test_create_then_read_back_the_same_document(ada: FlaskClient) -> None:
    scenario_id = create(ada)
    response = ada.get(f"/api/scenarios/{scenario_id}")
    assert response.status_code == 200 and response.headers["X-Scenario-Version"] == "1"
    document = response.get_json()
    assert document["name"] == GOOD["name"] and document["description"] == GOOD["description"]
    assert [{k: v for k, v in change.items() if v is not None} for change in document["changes"]] == GOOD[
        "changes"
    ]
    assert listed(ada)[scenario_id] | {"updated_at": None} == {
        "id": scenario_id, "name": GOOD["name"], "status": "draft", "version": 1, "owner": "ada",
        "updated_at": None,
    }  # fmt: skip


def test_drafts_are_the_owner_s_and_the_admin_s_until_published(
    twin: Twin, ada: FlaskClient, ben: FlaskClient, anonymous: FlaskClient
) -> None:
    scenario_id = create(ada)
    root = signed_in(twin, "root")
    assert scenario_id not in listed(ben) and scenario_id not in listed(anonymous)
    assert scenario_id in listed(root)
    for client in (ben, anonymous):
        for tail in ("", "/versions", "/indicators", "/indicators.csv"):
            response = client.get(f"/api/scenarios/{scenario_id}{tail}")
            assert response.status_code == 404 and response.get_json() == {"error": "unknown scenario"}
    assert publish(ben, scenario_id) == 404, "another planner cannot even learn the draft exists"
    assert publish(ada, scenario_id) == 200
    assert listed(anonymous)[scenario_id]["status"] == "published"
    assert anonymous.get(f"/api/scenarios/{scenario_id}").status_code == 200


def test_an_unknown_id_is_a_404_on_every_route(ada: FlaskClient) -> None:
    for tail in ("", "/versions", "/indicators", "/indicators.csv"):
        assert ada.get(f"/api/scenarios/no-such-id{tail}").status_code == 404
    assert publish(ada, "no-such-id") == 404
    response = ada.put("/api/scenarios/no-such-id?base_version=1", json=GOOD, headers=csrf(ada))
    assert response.status_code == 404


def test_versions_are_kept_and_a_stale_save_is_a_409(ada: FlaskClient) -> None:
    scenario_id = create(ada)
    second = {**GOOD, "name": "Logements au 12, v2"}
    url = f"/api/scenarios/{scenario_id}?base_version=1&message=plus%20grand"
    response = ada.put(url, json=second, headers=csrf(ada))
    assert response.status_code == 201 and response.get_json()["version"] == 2
    stale = ada.put(url, json={**GOOD, "name": "Autre"}, headers=csrf(ada))
    assert stale.status_code == 409 and stale.get_json()["current"] == 2
    assert "version 2 by ada" in stale.get_json()["error"]
    assert ada.get(f"/api/scenarios/{scenario_id}").get_json()["name"] == second["name"]
    assert ada.get(f"/api/scenarios/{scenario_id}?version=1").get_json()["name"] == GOOD["name"]
    assert ada.get(f"/api/scenarios/{scenario_id}?version=3").status_code == 404
    assert listed(ada)[scenario_id]["version"] == 2
    history = ada.get(f"/api/scenarios/{scenario_id}/versions").get_json()["versions"]
    assert [(v["number"], v["author"], v["message"]) for v in history] == [
        (1, "ada", ""),
        (2, "ada", "plus grand"),
    ]


def test_a_script_with_a_token_needs_no_session_and_no_csrf(twin: Twin) -> None:
    bearer = {"Authorization": f"Bearer {accounts.new_token(twin.store, 'ben')}"}
    client = twin.client()
    response = client.post("/api/scenarios?message=depuis%20un%20script", json=GOOD, headers=bearer)
    assert response.status_code == 201
    scenario_id = response.get_json()["id"]
    assert client.get(f"/api/scenarios/{scenario_id}", headers=bearer).status_code == 200
    assert client.get(f"/api/scenarios/{scenario_id}").status_code == 404, "a draft: not without the token"
    assert client.post(f"/api/scenarios/{scenario_id}/publish", headers=bearer).status_code == 200
    assert client.get(f"/api/scenarios/{scenario_id}").status_code == 200
    message = client.get(f"/api/scenarios/{scenario_id}/versions").get_json()["versions"][0]["message"]
    assert message == "depuis un script"


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "", "9" * 12])
def test_a_bad_version_parameter_is_a_400(ada: FlaskClient, value: str) -> None:
    scenario_id = create(ada)
    response = ada.get(f"/api/scenarios/{scenario_id}?version={value}")
    assert response.status_code == 400 and response.get_json()["error"].startswith("version:")
    saved = ada.put(f"/api/scenarios/{scenario_id}?base_version={value}", json=GOOD, headers=csrf(ada))
    assert saved.status_code == 400 and saved.get_json()["error"].startswith("base_version:")


def test_a_save_without_base_version_is_a_400(ada: FlaskClient) -> None:
    scenario_id = create(ada)
    response = ada.put(f"/api/scenarios/{scenario_id}", json=GOOD, headers=csrf(ada))
    assert response.status_code == 400 and "base_version" in response.get_json()["error"]


def bad(change: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    document = copy.deepcopy(GOOD) | fields
    if change is not None:
        document["changes"] = [change]
    return document


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"changes": []}, "name"),
        (bad(name=17), "name"),
        (bad(changes="all of them"), "changes"),
        (bad({"kind": "teleport", "floor_id": FLOOR}), "kind"),
        (bad({"kind": "floor", "floor_id": "no-such-floor", "use": "housing"}), "floor_id"),
        (bad({"kind": "floor", "floor_id": FLOOR, "use": "castle"}), "use"),
        (bad({"kind": "floor", "floor_id": FLOOR, "status": "haunted"}), "status"),
        (bad({"kind": "building", "building_id": "no-such-building", "action": "demolish"}), "building_id"),
        (bad({"kind": "building", "building_id": "12", "action": "paint"}), "action"),
        (bad({"kind": "parking_lot", "lot_id": LOT, "capacity": -5}), "capacity"),
        (bad({"kind": "parking_lot", "lot_id": "P99", "capacity": 5}), "lot_id"),
        (
            bad(
                {
                    "kind": "new_building",
                    "id": "n1",
                    "name": "Loin",
                    "geometry": OUTSIDE,
                    "height_m": 9,
                    "floors": [{"use": "housing"}],
                }
            ),
            "geometry",
        ),  # fmt: skip
        (bad({"kind": "green", "plot_id": "no-such-plot"}), "plot_id"),
        (bad(based_on="no-such-scenario"), "based_on"),
        ([GOOD], "object"),
        ("a string", "object"),
    ],
)
def test_an_impossible_document_is_a_400_naming_the_field_and_nothing_is_saved(
    ada: FlaskClient, document: object, field: str
) -> None:
    before = listed(ada)
    response = ada.post("/api/scenarios", json=document, headers=csrf(ada))
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert field in error and "\n" not in error
    assert listed(ada) == before


def test_an_impossible_new_version_is_refused_and_the_old_one_stays(ada: FlaskClient) -> None:
    scenario_id = create(ada)
    document = bad({"kind": "floor", "floor_id": "no-such-floor", "use": "housing"})
    response = ada.put(f"/api/scenarios/{scenario_id}?base_version=1", json=document, headers=csrf(ada))
    assert response.status_code == 400 and "floor_id" in response.get_json()["error"]
    assert listed(ada)[scenario_id]["version"] == 1


def test_a_body_that_is_not_json_is_a_415_and_broken_json_a_400(ada: FlaskClient) -> None:
    form = ada.post("/api/scenarios", data={"name": "x"}, headers=csrf(ada))
    assert form.status_code == 415 and "JSON" in form.get_json()["error"]
    broken = ada.post("/api/scenarios", data=b'{"name": ', content_type="application/json", headers=csrf(ada))
    assert broken.status_code == 400 and broken.get_json() == {"error": "the body is not valid JSON"}
    deep = ada.post("/api/scenarios", data=b"[" * 100_000, content_type="application/json", headers=csrf(ada))
    assert deep.status_code == 400


def test_a_body_over_the_limit_is_a_413(ada: FlaskClient) -> None:
    document = bad(description="x" * 1_000_001)
    assert ada.post("/api/scenarios", json=document, headers=csrf(ada)).status_code == 413


def test_writes_need_an_account_401_and_the_right_one_403(
    twin: Twin, ada: FlaskClient, ben: FlaskClient, anonymous: FlaskClient
) -> None:
    assert anonymous.post("/api/scenarios", json=GOOD, headers=csrf(anonymous)).status_code == 401
    mona = signed_in(twin, "mona")
    assert mona.post("/api/scenarios", json=GOOD, headers=csrf(mona)).status_code == 403
    scenario_id = create(ada)
    assert publish(anonymous, scenario_id) == 401
    assert publish(ada, scenario_id) == 200
    for client in (ben, mona):  # published: they may see it, not change it
        assert publish(client, scenario_id) == 403
        saved = client.put(f"/api/scenarios/{scenario_id}?base_version=1", json=GOOD, headers=csrf(client))
        assert saved.status_code == 403 and "may not" in saved.get_json()["error"]
    root = signed_in(twin, "root")
    saved = root.put(f"/api/scenarios/{scenario_id}?base_version=1", json=GOOD, headers=csrf(root))
    assert saved.status_code == 201


def sample_baseline(sample_dir: Path) -> dict[str, float]:
    floors = pd.read_parquet(sample_dir / "floors.parquet")
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet")
    occupied = float(floors.loc[floors["status"] == "occupied", "area_m2"].sum())
    vacant = float(floors.loc[floors["status"] == "vacant", "area_m2"].sum())
    return {"occupied_m2": occupied, "vacant_m2": vacant, "occupied_share": occupied / (occupied + vacant),
            "parking_supply": float(lots["capacity"].sum())}  # fmt: skip


def test_the_baseline_indicators_match_the_files(anonymous: FlaskClient, sample_dir: Path) -> None:
    response = anonymous.get("/api/indicators")
    assert response.status_code == 200
    baseline = response.get_json()["baseline"]
    for name, value in sample_baseline(sample_dir).items():
        assert baseline[name] == pytest.approx(value), name
    required = {"occupied_m2", "vacant_m2", "occupied_share", "dwellings", "jobs", "parking_demand",
                "parking_supply", "green_m2", "energy_mwh"}  # fmt: skip
    assert required <= baseline.keys()


def test_a_scenario_s_indicators_move_by_what_it_changes(ada: FlaskClient, sample_dir: Path) -> None:
    floors = pd.read_parquet(sample_dir / "floors.parquet").set_index("floor_id")
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet").set_index("lot_id")
    assert floors.loc[FLOOR, "status"] == "vacant"
    area, capacity = float(floors.loc[FLOOR, "area_m2"]), float(lots.loc[LOT, "capacity"])
    response = ada.get(f"/api/scenarios/{create(ada)}/indicators")
    assert response.status_code == 200
    body = response.get_json()
    expected = sample_baseline(sample_dir)
    assert body["baseline"]["occupied_m2"] == pytest.approx(expected["occupied_m2"])
    assert body["indicators"]["occupied_m2"] == pytest.approx(expected["occupied_m2"] + area)
    assert body["indicators"]["vacant_m2"] == pytest.approx(expected["vacant_m2"] - area)
    assert body["indicators"]["parking_supply"] == pytest.approx(expected["parking_supply"] - capacity + 43)
    assert body["indicators"]["dwellings"] > body["baseline"]["dwellings"]
    assert body["version"] == 1


def test_the_indicators_csv_has_a_header_and_the_json_s_values(ada: FlaskClient) -> None:
    scenario_id = create(ada)
    response = ada.get(f"/api/scenarios/{scenario_id}/indicators.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"scenario-{scenario_id}-v1-indicators.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == ["indicator", "scenario", "baseline", "delta"]
    body = ada.get(f"/api/scenarios/{scenario_id}/indicators").get_json()
    assert {row["indicator"] for row in rows} == body["indicators"].keys()
    for row in rows:
        value, base = body["indicators"][row["indicator"]], body["baseline"][row["indicator"]]
        if value is not None and base is not None:
            assert math.isclose(float(row["scenario"]), value) and math.isclose(float(row["baseline"]), base)
            assert math.isclose(float(row["delta"]), value - base, abs_tol=1e-9)


def test_a_scenario_s_ratios_drive_its_dwellings_and_residents(ada: FlaskClient, sample_dir: Path) -> None:
    floors = pd.read_parquet(sample_dir / "floors.parquet").set_index("floor_id")
    floors.loc[FLOOR, ["use", "status"]] = ["housing", "occupied"]  # the change, applied by hand
    housing = floors[(floors["use"] == "housing") & (floors["status"] == "occupied")]
    dwellings = float((housing["area_m2"] // 60).sum())
    document = {**GOOD, "ratios": {"m2_per_dwelling": 60, "residents_per_dwelling": 2}}
    body = ada.get(f"/api/scenarios/{create(ada, document)}/indicators").get_json()
    assert dwellings > 0 and body["indicators"]["dwellings"] == dwellings
    assert body["indicators"]["residents"] == 2 * dwellings


def _placed(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


FUZZED = [("name",), ("description",), ("based_on",), ("changes", 0, "floor_id"), ("changes", 0, "use"),
          ("changes", 0, "phase"), ("changes", 1, "capacity"), ("changes", 1, "lot_id"),
          ("ratios",)]  # fmt: skip


def test_hostile_values_anywhere_in_a_document_are_a_201_or_a_one_line_400(twin: Twin) -> None:
    """Never a 500: each field of a good document gets each hostile value of the callback fuzz test."""
    bearer = {"Authorization": f"Bearer {accounts.new_token(twin.store, 'ada')}"}
    client, sent = twin.client(), 0
    for path in FUZZED:
        for index, value in enumerate([*NUMBERS, *TEXTS, *OBJECTS, {"m2_per_dwelling": -1}]):
            body = json.dumps(_placed(path, value)).encode()  # NaN and Infinity as Python writes them
            response = client.post(
                "/api/scenarios", data=body, content_type="application/json", headers=bearer
            )
            assert response.status_code in (201, 400), (path, index, response.get_data()[:200])
            if response.status_code == 400:
                assert "\n" not in response.get_json()["error"], (path, index)
            sent += 1
    assert sent > 500


@pytest.mark.parametrize("index", range(len(MALFORMED_BODIES)))
def test_malformed_bodies_are_refused_cleanly(twin: Twin, index: int) -> None:
    body, content_type = MALFORMED_BODIES[index]
    bearer = {"Authorization": f"Bearer {accounts.new_token(twin.store, 'ada')}"}
    response = twin.client().post("/api/scenarios", data=body, content_type=content_type, headers=bearer)
    assert response.status_code in (400, 415), response.get_data()[:200]


def test_a_broken_store_is_a_503_and_one_line(sample_dir: Path, tmp_path: Path) -> None:
    broken = build_twin(sample_dir, tmp_path)
    ada = signed_in(broken, "ada")
    with broken.store.engine.begin() as connection:  # what a failing disk or a lost server looks like
        connection.execute(text("DROP TABLE scenario_versions"))
    response = ada.post("/api/scenarios", json=GOOD, headers=csrf(ada))
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "nothing was saved" in response.get_json()["error"]
    assert ada.get("/api/scenarios").get_json()["scenarios"] == []


def test_touching_a_protected_building_is_saved_with_a_warning(ada: FlaskClient, sample_dir: Path) -> None:
    buildings = pd.read_parquet(sample_dir / "buildings.parquet")
    protected = str(buildings.loc[buildings["protected"], "building_id"].iloc[0])
    document = bad({"kind": "building", "building_id": protected, "action": "demolish"})
    response = ada.post("/api/scenarios", json=document, headers=csrf(ada))
    assert response.status_code == 201
    (warning,) = response.get_json()["warnings"]
    assert protected in warning


def test_restoring_a_version_makes_it_the_latest_again(ada: FlaskClient, ben: FlaskClient) -> None:
    scenario_id = create(ada)
    ada.put(f"/api/scenarios/{scenario_id}?base_version=1", json={**GOOD, "name": "Deux"}, headers=csrf(ada))
    url = f"/api/scenarios/{scenario_id}/restore?version=1&base_version=2"
    response = ada.post(url, headers=csrf(ada))
    assert response.status_code == 201 and response.get_json()["version"] == 3
    assert ada.get(f"/api/scenarios/{scenario_id}").get_json()["name"] == GOOD["name"]
    assert ada.get(f"/api/scenarios/{scenario_id}/versions").get_json()["versions"][-1]["message"] == (
        "restored version 1"
    )
    stale = ada.post(url, headers=csrf(ada))
    assert stale.status_code == 409 and stale.get_json()["current"] == 3
    assert ben.post(url, headers=csrf(ben)).status_code == 404, "a draft: another planner cannot see it"
    for query, field in (
        ("version=1", "base_version"),
        ("base_version=3", "version"),
        ("version=9&base_version=3", "version"),
    ):
        answer = ada.post(f"/api/scenarios/{scenario_id}/restore?{query}", headers=csrf(ada))
        assert answer.status_code in (400, 404) and answer.get_json()["error"].startswith(field), query
