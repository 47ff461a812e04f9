"""Who sees which scenario on the map, and who may change it from the page: decided on the server, whatever
the browser sends. The map's data endpoint and the Dash callbacks are called directly, as a forged request
would, on the real app over the sample data and a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from store.accounts import account_by_id
from store.scenarios import get_draft, get_version, list_scenarios, put_draft
from tests.unit.api_client import Twin, build_twin, csrf, page_loaded, signed_in

GOOD = {
    "name": "Bâtiment 62 en logements",
    "changes": [{"kind": "floor", "floor_id": "62-0", "use": "housing"}],
}


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


def _create(client: FlaskClient) -> str:
    response = client.post("/api/scenarios", json=GOOD, headers=csrf(client))
    assert response.status_code == 201, response.get_data(as_text=True)
    return str(response.get_json()["id"])


def _overlay(client: FlaskClient, twin: Twin, param: str) -> int:
    return client.get(f"/layer-data/{twin.catalog.version}/scenario.bin?scenario={param}").status_code


def _ada(twin: Twin) -> Any:
    return next(a for a in (account_by_id(twin.store, i) for i in range(1, 10)) if a and a.name == "ada")


def test_a_draft_scenario_is_drawn_for_its_owner_only_until_published(twin: Twin) -> None:
    ada, ben, anonymous = signed_in(twin, "ada"), signed_in(twin, "ben"), page_loaded(twin.client())
    scenario_id = _create(ada)
    assert _overlay(ada, twin, f"{scenario_id}@1") == 200
    assert _overlay(ben, twin, f"{scenario_id}@1") == 404
    assert _overlay(anonymous, twin, f"{scenario_id}@1") == 404
    assert ada.post(f"/api/scenarios/{scenario_id}/publish", headers=csrf(ada)).status_code == 200
    assert _overlay(anonymous, twin, f"{scenario_id}@1") == 200
    assert _overlay(anonymous, twin, f"{scenario_id}@2") == 404  # no such version


def test_a_working_copy_is_drawn_for_its_author_only_and_only_its_current_revision(twin: Twin) -> None:
    ada, ben = signed_in(twin, "ada"), signed_in(twin, "ben")
    scenario_id = _create(ada)
    ada.post(f"/api/scenarios/{scenario_id}/publish", headers=csrf(ada))
    revision = put_draft(twin.store, scenario_id, _ada(twin), GOOD, 1)
    assert _overlay(ada, twin, f"{scenario_id}@draft{revision}") == 200
    assert _overlay(ben, twin, f"{scenario_id}@draft{revision}") == 404  # published, but not ben's draft
    later = put_draft(twin.store, scenario_id, _ada(twin), GOOD, 1)
    assert later != revision and _overlay(ada, twin, f"{scenario_id}@draft{revision}") == 404


def _callback(
    client: FlaskClient, output: str, inputs: list[dict[str, Any]], state: list[dict[str, Any]]
) -> Any:
    """A Dash callback request as the page sends it (with the CSRF header of its fetch wrapper)."""
    outputs = [
        dict(zip(("id", "property"), name.rsplit(".", 1), strict=True)) for name in output[2:-2].split("...")
    ]
    body = {"output": output, "outputs": outputs, "inputs": inputs, "state": state,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}  # fmt: skip
    response = client.post("/_dash-update-component", json=body, headers=csrf(client))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data(as_text=True))["response"]


def _save(client: FlaskClient, scenario: dict[str, Any]) -> Any:
    deps = client.get("/_dash-dependencies").get_json()
    output = next(d["output"] for d in deps if "scenario-save" in json.dumps(d["inputs"]))
    inputs = [{"id": "scenario-save", "property": "n_clicks", "value": 1},
              {"id": "scenario-publish", "property": "n_clicks", "value": None}]  # fmt: skip
    state = [{"id": "scenario-shown", "property": "data", "value": scenario},
             {"id": "scenario-message", "property": "value", "value": "forged"},
             {"id": "lang-choice", "property": "value", "value": "fr"}]  # fmt: skip
    return _callback(client, output, inputs, state)


def test_saving_someone_else_s_scenario_from_a_forged_callback_is_refused(twin: Twin) -> None:
    ada, ben = signed_in(twin, "ada"), signed_in(twin, "ben")
    scenario_id = _create(ada)
    put_draft(twin.store, scenario_id, _ada(twin), {**GOOD, "name": "changed"}, 1)
    answer = _save(ben, {"id": scenario_id, "version": 1, "draft": 1})
    assert "refusée" in json.dumps(answer, ensure_ascii=False)
    assert get_version(twin.store, scenario_id, 2) is None
    answer = _save(page_loaded(twin.client()), {"id": scenario_id, "version": 1, "draft": 1})
    assert (
        "refusée" in json.dumps(answer, ensure_ascii=False)
        and get_version(twin.store, scenario_id, 2) is None
    )
    # The owner's own save of the same working copy goes through, as version 2.
    _save(ada, {"id": scenario_id, "version": 1, "draft": 1})
    saved = get_version(twin.store, scenario_id, 2)
    assert saved is not None and saved.document["name"] == "changed" and saved.message == "forged"
    assert get_draft(twin.store, scenario_id, _ada(twin)) is None
    assert scenario_id in {s.id for s in list_scenarios(twin.store, _ada(twin))}
