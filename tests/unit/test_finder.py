"""Answers in one tap: the vacant-area ranking against pandas over the sample's parquet files, the search's
matching rules on hand-written buildings, choosing a building through the real app's callback (Flask test
client), and the chosen building's marker served by the layer data endpoint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely
from flask.testing import FlaskClient

from geodata.building_search import Candidate, folded, matching
from geodata.catalog import Catalog, open_catalog
from geodata.rankings import vacant_ranking
from layers.binary import decode
from layers.selection import OUTSIDE_M, band
from tests.unit.api_client import Twin, build_twin, csrf, page_loaded

TO_METRES = pyproj.Transformer.from_crs(4326, 2154, always_xy=True).transform


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="module")
def catalog(sample_dir: Path) -> Catalog:
    return open_catalog(sample_dir)


@pytest.fixture()
def client(twin: Twin) -> Iterator[FlaskClient]:
    yield page_loaded(twin.client())


def expected_ranking(sample_dir: Path) -> pd.DataFrame:
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["building_id", "area_m2", "status"])
    vacant = floors[floors["status"] == "vacant"].groupby("building_id")["area_m2"].sum()
    frame = vacant[vacant > 0].rename("vacant_m2").reset_index()
    frame["share"] = frame["vacant_m2"] / frame["vacant_m2"].sum()
    return frame.sort_values(["vacant_m2", "building_id"], ascending=[False, True]).head(10)


def test_the_ranking_is_the_ten_most_vacant_buildings_with_their_share(
    catalog: Catalog, sample_dir: Path
) -> None:
    expected = expected_ranking(sample_dir)
    ranked = vacant_ranking(catalog.cursor())
    assert [r.building_id for r in ranked] == expected["building_id"].tolist()
    assert [r.vacant_m2 for r in ranked] == pytest.approx(expected["vacant_m2"].tolist())
    assert [r.share for r in ranked] == pytest.approx(expected["share"].tolist())
    assert ranked[0].building_id == "62"  # DMC-FACTS: bât. 62, 20,000–23,000 m², vacant
    assert vacant_ranking(catalog.cursor(), limit=3) == ranked[:3]


BUILDINGS = [
    Candidate("6", "Bâtiment 6"),
    Candidate("62", "Bâtiment 62"),
    Candidate("75", "Motoco"),
    Candidate("160", "Halle"),
    Candidate("REF", "Réfectoire"),
    Candidate("57", None),
]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("62", ["62"]),
        ("6", ["6", "62", "160"]),  # the number itself, then numbers starting with it, then the others
        ("bat 6", ["6", "62"]),
        ("  BÂT   62 ", ["62"]),
        ("refectoire", ["REF"]),
        ("RÉFECTOIRE", ["REF"]),
        ("réf", ["REF"]),
        ("ref", ["REF"]),
        ("MÔTOCO", ["75"]),
        ("motoco 75", ["75"]),
        ("75 motoco", ["75"]),
        ("57", ["57"]),
        ("halle 62", []),
        ("xyz", []),
        ("", []),
        ("   ", []),
        ("«»!?", []),
    ],
)
def test_search_finds_numbers_and_names_without_accents_or_case(query: str, found: list[str]) -> None:
    assert [c.building_id for c in matching(BUILDINGS, query)] == found


def test_search_folds_accents_case_and_punctuation() -> None:
    assert folded("Bâtiment  n°62 — Réfectoire") == "batiment n 62 refectoire"
    assert folded("ÉCOLE") == "ecole"
    assert matching(BUILDINGS, "6", limit=2) == BUILDINGS[:2]
    assert matching(BUILDINGS, "6" * 10_000) == []  # cut at MAX_QUERY, then no match


def _dependency(client: FlaskClient, output_part: str) -> dict[str, Any]:
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if output_part in d["output"] and d["clientside_function"] is None)


def _outputs(output: str) -> list[dict[str, str]]:
    names = output[2:-2].split("...")
    return [dict(zip(("id", "property"), name.rsplit(".", 1), strict=True)) for name in names]


def choose(client: FlaskClient, building: object, origin: object, clicks: object = 1) -> Any:
    """The choosing callback as the page calls it when a result or ranked building is clicked."""
    dep = _dependency(client, "fly-to.data")
    item = {"building": building, "from": origin, "type": "find-item"}
    inputs = [
        [{"id": item, "property": "n_clicks", "value": clicks}],
        {"id": "find-input", "property": "n_submit", "value": None},
    ]
    state = [{"id": "find-input", "property": "value", "value": None},
             {"id": "fly-to", "property": "data", "value": {"n": 4}}]  # fmt: skip
    changed = json.dumps(item, sort_keys=True, separators=(",", ":")) + ".n_clicks"
    body = {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": inputs, "state": state,
            "changedPropIds": [changed]}  # fmt: skip
    response = client.post("/_dash-update-component", json=body, headers=csrf(client))
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
    return (None if response.status_code == 204 else response.get_json()["response"]) or None


def test_choosing_a_ranked_building_selects_it_and_flies_inside_its_footprint(
    client: FlaskClient, sample_dir: Path
) -> None:
    answer = choose(client, "62", "ranking")
    assert answer["selected-building"]["data"] == "62"
    target = answer["fly-to"]["data"]
    assert target["building"] == "62" and target["n"] == 5  # one more than the last flight
    buildings = gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id")
    assert buildings.loc["62", "geometry"].contains(shapely.Point(target["lon"], target["lat"]))


@pytest.mark.parametrize(
    ("building", "origin", "clicks"),
    [
        ("62", "ranking", None),
        ("62", "ranking", 0),
        ("nope", "search", 1),
        ("62", "elsewhere", 1),
        (["62"], "search", 1),
        ("", "search", 1),
    ],  # fmt: skip
)
def test_a_button_only_drawn_or_a_forged_choice_changes_nothing(
    client: FlaskClient, building: object, origin: object, clicks: object
) -> None:
    assert choose(client, building, origin, clicks) is None


def test_the_marker_is_a_band_just_outside_the_walls(sample_dir: Path) -> None:
    footprint = (
        gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id").loc["62", "geometry"]
    )
    local_band = shapely.transform(band(footprint), TO_METRES, interleaved=False)
    local = shapely.transform(footprint, TO_METRES, interleaved=False)
    assert local_band.intersection(local).area < 0.01  # the floors' colours stay visible inside
    middle = local.buffer(sum(OUTSIDE_M) / 2, join_style="mitre").exterior
    assert local_band.buffer(0.01).contains(middle)
    expected = (
        local.buffer(OUTSIDE_M[1], join_style="mitre").area
        - local.buffer(OUTSIDE_M[0], join_style="mitre").area
    )
    assert local_band.area == pytest.approx(expected, rel=0.01)


def test_the_marker_is_served_for_a_known_building_and_refused_otherwise(
    client: FlaskClient, twin: Twin
) -> None:
    base = f"/layer-data/{twin.catalog.version}/selection.bin"
    payload = decode(client.get(f"{base}?building=62").data)
    assert len(payload.numbers["shape_parts"]) == 2  # the band at the foot and the collar at the roof
    assert payload.numbers["row_base"][0] == 0 and payload.numbers["row_base"][1] > 10  # bât. 62: 22 m
    for query, status in (("", 400), ("?building=", 400), ("?building=%00", 400), ("?building=999", 404)):
        response = client.get(base + query)
        assert response.status_code == status, query
        assert response.get_data(as_text=True).count("\n") == 1


def submit(client: FlaskClient, query: object) -> Any:
    """Enter in the search box, as the page sends it."""
    dep = _dependency(client, "fly-to.data")
    inputs = [[], {"id": "find-input", "property": "n_submit", "value": 1}]
    state = [{"id": "find-input", "property": "value", "value": query},
             {"id": "fly-to", "property": "data", "value": None}]  # fmt: skip
    body = {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": inputs, "state": state,
            "changedPropIds": ["find-input.n_submit"]}  # fmt: skip
    response = client.post("/_dash-update-component", json=body, headers=csrf(client))
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
    return (None if response.status_code == 204 else response.get_json()["response"]) or None


def test_enter_in_the_search_box_chooses_its_best_match(client: FlaskClient) -> None:
    answer = submit(client, "motoco")
    assert answer["selected-building"]["data"] == "75" and answer["fly-to"]["data"]["n"] == 1
    assert submit(client, "réfectoire")["selected-building"]["data"] == "REF"
    for query in ("no such building", "", None, 62, "x" * 500):
        assert submit(client, query) is None, query
