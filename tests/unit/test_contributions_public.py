"""The public contributions, at the HTTP level over a real app and SQLite store: the map layer's payload and
table (approved ones only, pins where they were made), and the page "Vous avez dit, nous avons fait"
(escaped texts, filters, counts, answers, "ce bâtiment a changé"). Expected values come from the seeded
items and the GeoParquet files, not from the code under test."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pytest

from geodata.scenario import FloorChange, ScenarioDocument, document_json
from layers import contributions as layer
from layers.binary import Decoded, decode
from store import contributions as c
from store.accounts import Account, sign_in
from store.scenarios import create_scenario, publish, save_version
from tests.seeded_contributions import IMG_TEXT, ITEMS, SCRIPT_TEXT, Seeded, seed
from tests.unit.api_client import PASSWORD, Twin, build_twin


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


def _account(twin: Twin, name: str) -> Account:
    account = sign_in(twin.store, name, PASSWORD, datetime.now(UTC))
    assert account is not None
    return account


@pytest.fixture(scope="module")
def scenario_id(twin: Twin) -> str:
    """'École 62', published: version 1 changes bâtiment 5, version 2 also bâtiment 62 (both made now, after
    the seeded contributions)."""
    planner = _account(twin, "ada")
    first = ScenarioDocument("École 62", (FloorChange("5-0", use="school"),))
    second = ScenarioDocument("École 62", (*first.changes, FloorChange("62-2", use="housing")))
    scenario, _ = create_scenario(twin.store, document_json(first), planner, "v1")
    save_version(twin.store, scenario, document_json(second), planner, 1, "v2")
    publish(twin.store, scenario)
    return scenario


@pytest.fixture(scope="module")
def seeded(twin: Twin, sample_dir: Path, scenario_id: str) -> Seeded:
    return seed(twin.store, sample_dir, ITEMS, _account(twin, "mona"), (scenario_id, 2))


def _payload(twin: Twin, revision: str) -> Decoded:
    response = twin.client().get(
        f"/layer-data/{twin.catalog.version}/contributions.bin?contributions={revision}"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return decode(response.get_data())


def test_the_layer_serves_approved_contributions_only(twin: Twin, seeded: Seeded) -> None:
    decoded = _payload(twin, c.public_revision(twin.store))
    assert sorted(decoded.texts["f_id"]) == sorted(seeded.ids["approved"])
    texts = dict(zip(decoded.texts["f_id"], decoded.texts["f_text"], strict=True))
    assert {texts[i] for i in seeded.ids["approved"]} == {
        seeded.items[i].text for i in seeded.ids["approved"]
    }
    assert SCRIPT_TEXT in texts.values() and IMG_TEXT in texts.values()  # as text, whatever it says
    assert decoded.numbers["ring_sizes"].tolist() == [8] * len(seeded.ids["approved"])  # octagons


def test_pins_stand_on_the_floor_the_roof_or_the_ground(twin: Twin, sample_dir: Path, seeded: Seeded) -> None:
    decoded = _payload(twin, c.public_revision(twin.store))
    buildings = gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id")
    row_of = {contribution_id: row for row, contribution_id in enumerate(decoded.texts["f_id"])}
    piles: dict[object, float] = {}  # a building (or a ground point) -> the top of its pile so far
    for contribution_id in seeded.ids["approved"]:  # oldest first: the bottom of each pile
        item, row = seeded.items[contribution_id], row_of[contribution_id]
        roof = 0.0 if item.building_id is None else float(buildings.loc[item.building_id, "height_m"])
        if item.level is None:
            base = roof
        else:
            storey = roof / int(buildings.loc[item.building_id, "floors_count"])
            base = (item.level + 1) * storey - 0.8  # the slab's top: slabs leave a 0.8 m gap
        where = item.building_id or item.ground
        base = piles[where] + layer.PIN_GAP_M if where in piles else base
        top = piles[where] = max(base, roof) + layer.PIN_ABOVE_M
        assert decoded.numbers["row_base"][row] == pytest.approx(base, abs=0.01), item.text
        assert decoded.numbers["row_base"][row] + decoded.numbers["row_height"][row] == pytest.approx(
            top, abs=0.02
        )
    assert piles["62"] == pytest.approx(22 + 10 + 1.5 + 10)  # two pins on bâtiment 62, one above the other


def test_pins_are_coloured_by_follow_up(twin: Twin, seeded: Seeded) -> None:
    decoded = _payload(twin, c.public_revision(twin.store))
    by_hand = {"recue": 0, "a_l_etude": 1, "retenue": 2, "realisee": 3, "non_retenue": 4}
    expected = [by_hand[seeded.items[i].follow_up or "recue"] for i in decoded.texts["f_id"]]
    assert decoded.numbers["row_class"].tolist() == expected


@pytest.mark.parametrize(
    "query", ["", "?contributions=", "?contributions=a%20b", "?contributions=%3Cscript%3E"]
)
def test_a_bad_revision_is_refused_in_one_line(twin: Twin, query: str) -> None:
    response = twin.client().get(f"/layer-data/{twin.catalog.version}/contributions.bin{query}")
    assert response.status_code == 400
    assert response.get_data(as_text=True).count("\n") == 1


def test_the_table_lists_approved_ones_newest_first(twin: Twin, seeded: Seeded) -> None:
    rows = layer.LAYER.table.rows(twin.catalog.cursor(), datetime(2026, 12, 1), twin.store)  # type: ignore[union-attr]
    approved_newest_first = list(reversed(seeded.ids["approved"]))  # seeded an hour apart, in order
    assert [row["id"] for row in rows] == approved_newest_first
    first = seeded.items[rows[-1]["id"]]
    assert (rows[-1]["text"], rows[-1]["status"], rows[-1]["building_id"], rows[-1]["level"]) == (
        first.text, "retenue", "62", 2)  # fmt: skip
    assert {column.field for column in layer.LAYER.table.columns} <= set(rows[0])  # type: ignore[union-attr]


# --- the page --------------------------------------------------------------------------------------------


def _page(twin: Twin, query: str = "") -> str:
    response = twin.client().get(f"/contributions{query}")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    return response.get_data(as_text=True)


def _articles(page: str) -> list[str]:
    """Each contribution's visible text (tags stripped, entities decoded)."""
    chunks = re.findall(r"<article.*?</article>", page, flags=re.S)
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", chunk))) for chunk in chunks]


def _counts(page: str, block: str) -> dict[str, int]:
    section = re.search(rf'<section aria-labelledby="{block}".*?</section>', page, flags=re.S)
    assert section is not None
    pairs = re.findall(
        r'href="[^"]*(?:status|category)=(\w+)[^"]*".*?said-count-value">(\d+)<', section[0], re.S
    )
    return {code: int(count) for code, count in pairs}


def test_the_page_shows_approved_contributions_only(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin)
    articles = _articles(page)
    assert len(articles) == len(seeded.ids["approved"])
    for contribution_id in seeded.ids["approved"]:
        assert any(seeded.items[contribution_id].text in article for article in articles)
    for contribution_id in seeded.ids["pending"] + seeded.ids["rejected"]:
        assert seeded.items[contribution_id].text not in html.unescape(page)
        assert contribution_id not in page


def test_html_in_a_contribution_is_shown_as_characters(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin)
    assert "<script" not in page.lower()  # the page has no script at all, and the text's is escaped
    assert "&lt;script&gt;alert(&#39;pin&#39;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "<b>Bob</b>" not in page and "&lt;b&gt;Bob&lt;/b&gt;" in page


def test_counts_per_status_and_category(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin)
    # By hand from tests/seeded_contributions.ITEMS: seven approved, three without a follow-up yet.
    assert _counts(page, "said-by-status") == {
        "recue": 3, "a_l_etude": 1, "retenue": 1, "non_retenue": 1, "realisee": 1}  # fmt: skip
    assert _counts(page, "said-by-category") == {
        "logement": 1, "nature": 1, "mobilite": 1, "culture": 1, "economie": 1, "autre": 2}  # fmt: skip
    assert "7 contribution(s)" in page


@pytest.mark.parametrize(
    ("query", "count", "word"),
    [("?category=autre", 2, "Autre"), ("?status=retenue", 1, "Retenue"),
     ("?category=logement&status=retenue", 1, "Logement"), ("?category=culture&status=recue", 0, "")],
)  # fmt: skip
def test_filters(twin: Twin, seeded: Seeded, query: str, count: int, word: str) -> None:
    articles = _articles(_page(twin, query))
    assert len(articles) == count
    assert all(word in article for article in articles)


@pytest.mark.parametrize(
    ("query", "message"),
    [("?category=bogus", "Thème « bogus » inconnu"), ("?status=ok", "Suite « ok » inconnue"),
     ("?lang=de", "Langue « de » inconnue"), ("?lang=en&status=x", "Unknown follow-up “x”")],
)  # fmt: skip
def test_a_bad_parameter_is_a_visible_message_and_the_whole_list(
    twin: Twin, seeded: Seeded, query: str, message: str
) -> None:
    page = _page(twin, query)
    assert message in html.unescape(page)
    assert len(_articles(page)) == len(seeded.ids["approved"])


def test_a_hostile_parameter_is_escaped_in_the_message(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin, "?category=%3Cscript%3Ex%3C/script%3E")
    assert "<script" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_english(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin, "?lang=en")
    assert '<html lang="en">' in page and "You said, we did" in page
    assert any("Under study" in article for article in _articles(page))


def test_answers_link_the_scenario_version_and_say_what_changed(
    twin: Twin, seeded: Seeded, scenario_id: str
) -> None:
    page = _page(twin)
    by_text = {next(a for a in _articles(page) if seeded.items[i].text in a): seeded.items[i]
               for i in seeded.ids["approved"]}  # fmt: skip
    for article, item in by_text.items():
        if item.building_id == "62":  # version 2 is the first to change bâtiment 62
            assert "Ce bâtiment a changé dans la version 2 du scénario « École 62 »." in article
        elif item.building_id == "5":  # version 1 already changed bâtiment 5
            assert "Ce bâtiment a changé dans la version 1 du scénario « École 62 »." in article
        else:
            assert "a changé" not in article
        assert (item.answer or "Pas encore de réponse.") in article
    assert f'href="/?scenario={scenario_id}&amp;version=2"' in page  # the answering version
    assert "Voir la version 2 du scénario « École 62 »" in html.unescape(page)
    assert f"/?scenario={scenario_id}&amp;version=2&amp;compare={scenario_id}%402" not in page
    assert f"/?scenario={scenario_id}&amp;version=2&amp;compare={scenario_id}%401" in page  # the change


def test_where_and_who(twin: Twin, seeded: Seeded) -> None:
    articles = _articles(_page(twin))
    assert any("Bâtiment 62 · étage 2" in a and "par Camille du quartier" in a for a in articles)
    assert any("Réfectoire (bât. REF)" in a and "par Une voisine" in a for a in articles)
    assert any("Atelier de teinture (bât. 18) · rez-de-chaussée" in a for a in articles)
    assert any("Dans le quartier (au sol)" in a and "par anonyme" in a for a in articles)


def test_the_main_page_links_to_the_page(twin: Twin) -> None:
    layout = twin.client().get("/_dash-layout").get_json()
    found: list[dict[str, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "A":
                found.append(node["props"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    assert any(props.get("href") == "/contributions" for props in found)


def test_a_new_approval_changes_the_revision_and_the_payload(twin: Twin, seeded: Seeded) -> None:
    before = c.public_revision(twin.store)
    pending = seeded.ids["pending"][0]
    c.moderate(twin.store, pending, "approve", "", _account(twin, "mona"), datetime.now(UTC))
    after = c.public_revision(twin.store)
    assert after != before
    assert pending in _payload(twin, after).texts["f_id"]
    seeded.ids["approved"].append(seeded.ids["pending"].pop())  # later tests see it as approved


def test_the_page_offers_the_public_exports_which_hold_only_what_it_shows(twin: Twin, seeded: Seeded) -> None:
    page = _page(twin)
    links = re.findall(r'href="(/api/contributions\.(?:csv|geojson))"', page)
    assert links == ["/api/contributions.csv", "/api/contributions.geojson"]
    client = twin.client()
    exported = client.get(links[0]).get_data(as_text=True) + client.get(links[1]).get_data(as_text=True)
    for contribution_id in seeded.ids["approved"]:
        assert contribution_id in exported
    for contribution_id in seeded.ids["pending"] + seeded.ids["rejected"]:
        assert contribution_id not in exported
