"""The scenario layer through the real data endpoint (Flask test client over the tiny catalog), with a
resolver injected the way app.py injects the store's (api/scenario_access.py; tested with the real store in
test_scenario_access.py): what is drawn, and every refusal."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.layer_data import register_layer_data
from geodata.catalog import Catalog
from geodata.scenario import BuildingChange, FloorChange, ScenarioDocument
from layers.binary import decode
from layers.registry import client_config, tooltip_templates
from layers.scenario import legend

DOCUMENT = ScenarioDocument("École", (FloorChange("A-1", use="school"), BuildingChange("B", "demolish")))
ASKED: list[str] = []


def resolve(text: str) -> ScenarioDocument | None:
    ASKED.append(text)
    return DOCUMENT if text in ("s1@1", "s1@draft2") else None


@pytest.fixture()
def client(tiny_catalog: Catalog) -> Iterator[FlaskClient]:
    server = Flask(__name__)
    register_layer_data(server, tiny_catalog, resolve)
    yield server.test_client()


def _get(client: FlaskClient, catalog: Catalog, query: str) -> tuple[int, bytes, dict[str, str]]:
    response = client.get(f"/layer-data/{catalog.version}/scenario.bin{query}")
    return response.status_code, response.data, dict(response.headers)


@pytest.mark.parametrize("name", ["s1@1", "s1@draft2"])
def test_the_changed_floors_are_drawn_over_their_slabs(
    client: FlaskClient, tiny_catalog: Catalog, name: str
) -> None:
    status, body, headers = _get(client, tiny_catalog, f"?scenario={name}")
    assert status == 200 and "private" in headers["Cache-Control"]
    payload = decode(body)
    assert payload.texts["f_floor_id"] == ["A-1", "B-0"]
    assert payload.texts["f_change"] == ["use", "demolished"]
    assert payload.numbers["row_class"].tolist() == [0, 3]  # palette positions: use, then demolished
    # storey 5 m at level 1 -> slab 5.0..9.2 (0.8 m gap), drawn 0.12 m beyond: 4.88..9.32
    # B-0: storey 6 m at level 0 -> 0..5.2, drawn from the ground (never below) to 5.32
    np.testing.assert_allclose(payload.numbers["row_base"], [4.88, 0.0], atol=1e-4)
    np.testing.assert_allclose(payload.numbers["row_height"], [4.44, 5.32], atol=1e-4)
    assert payload.texts["f_use_before"] == ["vacant", "culture_sport"]


def test_the_resolver_is_asked_every_time_even_when_cached(
    client: FlaskClient, tiny_catalog: Catalog
) -> None:
    ASKED.clear()
    assert _get(client, tiny_catalog, "?scenario=s1@1")[0] == 200
    assert _get(client, tiny_catalog, "?scenario=s1@1")[0] == 200
    assert ASKED == ["s1@1", "s1@1"]  # a permission withdrawn meanwhile is honoured


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("", 400, "missing parameter 'scenario'"),
        ("?scenario=s1", 400, "<id>@<version>"),
        ("?scenario=s1@0", 400, "<id>@<version>"),
        ("?scenario=s1@01", 400, "<id>@<version>"),
        ("?scenario=s1@draft", 400, "<id>@<version>"),
        ("?scenario=s1@1;DROP", 400, "<id>@<version>"),
        ("?scenario=../x@1", 400, "<id>@<version>"),
        ("?scenario=" + "a" * 65 + "@1", 400, "<id>@<version>"),
        ("?scenario=s2@1", 404, "unknown scenario"),
        ("?scenario=s1@3", 404, "unknown scenario"),
    ],
)
def test_bad_scenario_parameters_are_refused(
    client: FlaskClient, tiny_catalog: Catalog, query: str, status: int, says: str
) -> None:
    got, body, _ = _get(client, tiny_catalog, query)
    assert got == status and says in body.decode() and "Traceback" not in body.decode()


def test_data_routes_without_a_resolver_know_no_scenario(tiny_catalog: Catalog) -> None:
    server = Flask(__name__)
    register_layer_data(server, tiny_catalog)
    response = server.test_client().get(f"/layer-data/{tiny_catalog.version}/scenario.bin?scenario=s1@1")
    assert response.status_code == 404


def test_the_bridge_is_told_the_source_needs_a_scenario_and_the_layer_is_no_toggle() -> None:
    config = client_config("v", (7.3, 47.7), (7.2, 47.6, 7.4, 47.8))
    assert config["sources"]["scenario"]["params"] == ["scenario"]
    (spec,) = [layer for layer in config["layers"] if layer["source"] == "scenario"]
    assert spec["toggle"] is None and spec["fill"]["column"] == "row_class"


def test_legend_and_tooltip_speak_both_languages() -> None:
    assert [item.label for item in legend("fr").items] == [
        "Niveau modifié (usage)",
        "Niveau modifié (occupation)",
        "Nouveau bâtiment",
        "Bâtiment démoli",
    ]
    assert legend("en").title == "Scenario changes"
    template = tooltip_templates("en")["scenario-changes"]
    assert template["values"]["demolished"] == "demolished"  # type: ignore[index]
    assert ["Planned use", "use", "value"] in template["rows"]  # type: ignore[operator]


def test_two_working_copies_at_the_same_revision_never_share_a_cached_payload(tiny_catalog: Catalog) -> None:
    """The owner's and an admin's drafts of one scenario may both be revision 2: what is cached is keyed by
    the document, so each gets their own changes."""
    documents = iter([DOCUMENT, ScenarioDocument("Autre", (FloorChange("A-1", use="office"),))])
    server = Flask(__name__)
    register_layer_data(server, tiny_catalog, lambda _text: next(documents))
    client = server.test_client()
    first, second = (decode(_get(client, tiny_catalog, "?scenario=s1@draft2")[1]) for _ in range(2))
    assert first.texts["f_use"] != second.texts["f_use"]
    assert second.texts["f_floor_id"] == ["A-1"]
