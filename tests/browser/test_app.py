"""The app as a person uses it, in a real headless Chromium."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from geodata.catalog import open_catalog
from geodata.queries import floors_of_building
from layers.registry import TOGGLEABLE
from tests.browser.conftest import TwinPage, changed_pixels, coloured_pixels

pytestmark = pytest.mark.browser

AT = "2026-11-23T15:00"  # a weekday afternoon inside the sample period
# A camera set by the address: without one the page fits the camera to the map's size whenever that size
# settles, which on a busy machine can come after the page looked idle and fetch tiles of its own.
SET_VIEW = "7.3225,47.7528,16.2,45,-20"


def _find_pixel(
    twin: TwinPage, layer_id: str, building_id: str | None = None, view: str = "deck-map"
) -> tuple[int, int]:
    """The screen point (in the map `view`) of the top face of an object of `layer_id` (optionally of one
    building), checked with picking on it and around it, so a pointer there is over that object, not on its
    edge. Waits for the layer's data first: a scenario's overlay, say, arrives after the page is drawn."""
    twin.page.wait_for_function(
        """([layerId, buildingId, view]) => window.twinBridge.map(view).features(layerId)
             .some((o) => !buildingId || o.building_id === buildingId)""",
        arg=[layer_id, building_id, view], timeout=30_000,
    )  # fmt: skip
    if view == "deck-map":
        twin.settle()
    else:
        twin.settle_compare()
    found = twin.page.evaluate(
        """([layerId, buildingId, view]) => {
          const map = window.twinBridge.map(view), viewport = map.deck.getViewports()[0];
          const isTarget = (o) => !buildingId || o.building_id === buildingId;
          const hits = (x, y) => {
            const hit = map.pickAt(x, y);
            return hit && hit.layerId === layerId && isTarget(hit.row);
          };
          const rows = map.features(layerId).filter(isTarget).sort((a, b) => b.top - a.top);
          for (const row of rows) {
            const [x, y] = viewport.project([row.lon, row.lat, row.top]).map(Math.round);
            const around = [[0, 0], [-2, 0], [2, 0], [0, -2], [0, 2]];
            if (around.every(([dx, dy]) => hits(x + dx, y + dy))) return [x, y];
          }
          return null;
        }""",
        [layer_id, building_id, view],
    )
    assert found, f"no visible object of layer {layer_id} (building {building_id}) on the map"
    return int(found[0]), int(found[1])


def _hover(twin: TwinPage, xy: tuple[int, int]) -> str:
    box = twin.page.locator("#deck-map").bounding_box()
    assert box
    twin.page.mouse.move(box["x"] + xy[0], box["y"] + xy[1])
    tooltip = twin.page.locator(".twin-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip.inner_text()


def test_page_loads_draws_the_district_without_console_errors(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?at={AT}")
    image = twin.map_image()
    twin.save("app-fr")
    share = coloured_pixels(image) / (image.width * image.height)
    assert share > 0.15, f"only {share:.0%} of the map shows buildings, plots or car parks"
    assert twin.page.locator("h1").inner_text() == "Quartier DMC — jumeau numérique"
    assert "Données d'exemple" in twin.page.locator("#sample-notice").inner_text()
    assert twin.page.locator(".legend-source").first.inner_text().startswith("Source : exemple, ")
    assert twin.console_errors == []


# Layers on at first; the contributions' (off, and empty here) is toggled in test_contributions_layer.py.
@pytest.mark.parametrize("key", [str(layer.key) for layer in TOGGLEABLE if layer.on_by_default])
def test_each_toggle_changes_the_picture_without_refetching_data(
    twin: TwinPage, app_url: str, key: str
) -> None:
    twin.open(f"{app_url}/?at={AT}&view={SET_VIEW}")
    before = twin.map_image()
    requests_before, data_before = len(twin.dash_requests), len(twin.data_requests)
    twin.page.locator(f".layer-toggles input[value='{key}']").uncheck()
    twin.settle()
    after = twin.map_image()
    assert changed_pixels(before, after) > 500, f"switching off {key} did not change the map"
    assert twin.page.locator(f"""[id='{{"key":"{key}","type":"legend"}}']""").is_hidden()
    assert twin.dash_requests[requests_before:] == [], "a toggle went to the server"
    assert twin.data_requests[data_before:] == [], "a toggle fetched layer data again"
    twin.page.locator(f".layer-toggles input[value='{key}']").check()
    twin.settle()
    assert changed_pixels(twin.map_image(), before) < changed_pixels(before, after)
    assert twin.console_errors == []


def test_hovering_a_floor_shows_its_tooltip(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?at={AT}")
    text = _hover(twin, _find_pixel(twin, "floors-status", "75"))
    assert "Motoco" in text
    assert "Niveau" in text and "Surface" in text and "m²" in text
    assert "occupé" in text
    assert "Bâtiment\n75" in text  # "Motoco" does not name its number: the row does


def test_a_floor_tooltip_says_each_thing_once(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["building_id", "status", "use"])
    assert set(floors.loc[floors["building_id"] == "62", "use"]) == {"vacant"}  # all of building 62 is empty
    twin.open(f"{app_url}/?at={AT}")
    lines = _hover(twin, _find_pixel(twin, "floors-status", "62")).split("\n")
    assert lines.count("Bâtiment 62") == 1 and "Bâtiment" not in lines  # the title, no "Bâtiment: 62" row
    assert lines.count("vacant") == 1 and "Usage" not in lines and "Statut" in lines


@pytest.mark.parametrize(
    ("layer_id", "expected"),
    [
        ("booked-spaces", ("Espaces réservés", "Statut", "réservé", "Créneau")),
        ("biodiversity-plots", ("Parcelles de biodiversité", "Espèces observées", "Milieu")),
        ("parking-lots", ("Stationnement disponible", "Places libres", "Capacité")),
    ],
)
def test_each_layer_has_its_own_tooltip(
    twin: TwinPage, app_url: str, layer_id: str, expected: tuple[str]
) -> None:
    twin.open(f"{app_url}/?at={AT}")
    text = _hover(twin, _find_pixel(twin, layer_id)).lower()  # the heading is upper-cased by CSS
    assert all(label.lower() in text for label in expected), text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), f"a raw ISO date in the tooltip: {text}"


def _fr(number: float) -> str:
    """French grouping, written out here rather than taken from the app's own formatter."""
    return f"{round(number):,}".replace(",", "\u202f")


def _expected_kpis(data: Path, at: datetime) -> dict[str, str]:
    """The KPI figures computed straight from the parquet files with pandas, not with the app's queries."""
    floors = pd.read_parquet(data / "floors.parquet", columns=["area_m2", "status"])
    total = floors["area_m2"].sum()
    occupied = floors.loc[floors["status"] == "occupied", "area_m2"].sum()
    bookings = pd.read_parquet(data / "bookings.parquet")
    booked = bookings[(bookings["start"] <= at) & (bookings["end"] > at)]["space_id"].nunique()
    readings = pd.read_parquet(data / "parking_occupancy.parquet")
    latest = readings[readings["observed_at"] <= at].sort_values("observed_at").groupby("lot_id").last()
    lots = pd.read_parquet(data / "parking_lots.parquet", columns=["lot_id", "capacity"]).set_index("lot_id")
    return {
        "total": f"{_fr(total)}\u00a0m²",
        "occupied": f"{_fr(occupied)}\u00a0m²",
        "occupied_share": f"{round(100 * occupied / total)}\u00a0%",
        "vacant": f"{_fr(total - occupied)}\u00a0m²",
        "booked": str(booked),
        "parking": f"{_fr(latest['free_spaces'].sum())}",
        "capacity": f"sur {_fr(lots.loc[latest.index, 'capacity'].sum())}",
    }


def test_kpi_strip_shows_the_dataset_totals(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    twin.open(f"{app_url}/?at={AT}")
    expected = _expected_kpis(sample_dir, datetime.fromisoformat(AT))
    text = {
        key: twin.page.locator(f"#kpi-{key} .kpi-value").inner_text()
        for key in ("total", "occupied", "vacant")
    }
    assert text == {key: expected[key] for key in ("total", "occupied", "vacant")}
    assert expected["occupied_share"] in twin.page.locator("#kpi-occupied").inner_text()
    assert twin.page.locator("#kpi-booked .kpi-value").inner_text() == expected["booked"]
    assert "23/11/2026 à 15:00" in twin.page.locator("#kpi-booked").inner_text()
    assert twin.page.locator("#kpi-parking .kpi-value").inner_text() == expected["parking"]
    assert twin.page.locator("#kpi-parking .kpi-detail").inner_text() == expected["capacity"]


def test_english_switch_changes_the_labels(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?at={AT}")
    twin.page.get_by_label("EN", exact=True).check()
    twin.page.wait_for_function("() => document.querySelector('h1').innerText.includes('digital twin')")
    twin.settle()  # the KPI strip is its own callback: it may answer after the title's
    assert "total floor area" in twin.page.locator("#kpi-total").inner_text().lower()
    assert "Booked spaces" in twin.page.locator(".layer-toggles").inner_text()
    assert "Sample data" in twin.page.locator("#sample-notice").inner_text()
    assert twin.console_errors == []


def test_clicking_a_building_lists_its_floors(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    twin.open(f"{app_url}/?at={AT}")
    x, y = _find_pixel(twin, "floors-status", "62")
    twin.open(f"{app_url}/?at={AT}")  # a fresh page: the click below is its very first pointer event
    box = twin.page.locator("#deck-map").bounding_box()
    assert box
    hint = twin.page.locator("#panel-hint")
    assert hint.is_visible() and hint.inner_text()
    twin.page.mouse.click(box["x"] + x, box["y"] + y)
    panel = twin.page.locator("#building-panel")
    panel.wait_for(state="visible", timeout=10_000)
    assert hint.is_hidden()  # the hint has done its job while the panel is open
    catalog = open_catalog(sample_dir)
    floors = floors_of_building(catalog.cursor(), "62").num_rows
    assert panel.locator("h2").inner_text() == "Bâtiment 62"  # the sample names it "Bâtiment 62": once
    assert panel.locator("tbody tr").count() == floors
    twin.page.locator("#panel-close").click()
    panel.wait_for(state="hidden", timeout=10_000)
    assert hint.is_visible()


def test_the_hour_slider_is_named_in_the_page_language(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?at={AT}")
    handle = twin.page.locator("#hour-choice [role=slider]")
    assert handle.get_attribute("aria-labelledby") == "hour-label"
    assert twin.page.get_by_role("slider", name="Heure").count() == 1
    assert twin.page.locator("#hour-choice input").get_attribute("aria-labelledby") == "hour-label"
    twin.page.get_by_label("EN", exact=True).check()
    twin.page.wait_for_function("() => document.documentElement.lang === 'en'")
    twin.page.get_by_role("slider", name="Hour").wait_for(timeout=10_000)
    handle.press("ArrowRight")
    twin.page.wait_for_function("() => document.querySelector('#kpi-booked').innerText.includes('16:00')")
    assert twin.page.get_by_role("slider", name="Hour").count() == 1  # still named after the slider redrew
    twin.page.wait_for_function("() => document.querySelector('#deck-map') !== null")
    twin.settle()
    assert any(
        "/parking.bin?at=2026-11-23T16%3A00&lang=en" in url for url in twin.data_requests
    )  # labels in English


def test_bad_query_values_are_refused_with_a_message(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?lang=klingon&at=not-a-date")
    messages = twin.page.locator("#messages").inner_text()
    assert "klingon" in messages and "not-a-date" in messages
    assert twin.page.locator("h1").inner_text() == "Quartier DMC — jumeau numérique"
    assert twin.console_errors == []


def _booked_space_ids(twin: TwinPage) -> list[str]:
    return twin.page.evaluate("window.twinBridge.features('booked-spaces').map((d) => d.space_id)")


def test_the_hour_slider_drives_bookings_parking_and_kpis(
    twin: TwinPage, app_url: str, sample_dir: Path
) -> None:
    twin.open(f"{app_url}/?at=2026-11-24T08:00")
    before = _booked_space_ids(twin)
    handle = twin.page.locator("#hour-choice [role=slider]")
    handle.focus()
    for _ in range(6):  # 08:00 -> 14:00, as a person would with the arrow key
        handle.press("ArrowRight")
    twin.page.wait_for_function("() => document.querySelector('#kpi-booked').innerText.includes('14:00')")
    twin.settle()
    expected = _expected_kpis(sample_dir, datetime(2026, 11, 24, 14))
    assert twin.page.locator("#kpi-booked .kpi-value").inner_text() == expected["booked"]
    assert twin.page.locator("#kpi-parking .kpi-value").inner_text() == expected["parking"]
    assert _booked_space_ids(twin) != before
    assert twin.console_errors == []


def test_a_time_step_fetches_only_the_layers_that_depend_on_time(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?at=2026-11-24T08:00&view={SET_VIEW}")
    first_view = list(twin.data_requests)
    assert any("/floors/" in url for url in first_view) and any("/district.bin" in url for url in first_view)
    handle = twin.page.locator("#hour-choice [role=slider]")
    handle.focus()
    handle.press("ArrowRight")
    twin.page.wait_for_function("() => document.querySelector('#kpi-booked').innerText.includes('09:00')")
    twin.settle()
    step = [url.split("/layer-data/")[1].split("/", 1)[1] for url in twin.data_requests[len(first_view) :]]
    assert sorted(step) == ["bookings.bin?at=2026-11-24T09%3A00", "parking.bin?at=2026-11-24T09%3A00&lang=fr"]


def _grid_rows(twin: TwinPage, key: str) -> list[dict[str, object]]:
    """Every row of a layer's grid (the grid draws only those in view), read through AG Grid's API."""
    twin.page.locator(f"#data-grid-{key} .ag-header-cell").first.wait_for(timeout=20_000)
    rows: list[dict[str, object]] = twin.page.evaluate(
        """(id) => { const out = []; window.dash_ag_grid.getApi(id).forEachNode((n) => out.push(n.data));
                     return out; }""",
        f"data-grid-{key}",
    )
    return rows


def test_the_map_data_is_also_offered_as_tables(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    twin.open(f"{app_url}/?at={AT}")
    twin.page.locator("#data-tables summary").click()
    buildings = len(pd.read_parquet(sample_dir / "buildings.parquet", columns=["building_id"]))
    assert len(_grid_rows(twin, "occupancy")) == buildings
    captions = [c.inner_text() for c in twin.page.locator(".grid-block h3").all()]
    assert captions == ["Surfaces occupées / vacantes", "Espaces réservés", "Parcelles de biodiversité",
                        "Stationnement disponible", "Contributions des habitants"]  # fmt: skip
    expected = _expected_kpis(sample_dir, datetime.fromisoformat(AT))
    assert len(_grid_rows(twin, "bookings")) >= int(expected["booked"])
    assert twin.console_errors == []


def test_a_public_screen_shows_no_booker_name(twin: TwinPage, app_url: str, sample_dir: Path) -> None:
    at = datetime.fromisoformat(AT)
    bookings = pd.read_parquet(sample_dir / "bookings.parquet")
    names = set(bookings[(bookings["start"] <= at) & (bookings["end"] > at)]["booked_by"])
    assert names, "the sample has bookings at AT"
    twin.open(f"{app_url}/?at={AT}")
    tooltip = _hover(twin, _find_pixel(twin, "booked-spaces"))
    assert "réservé" in tooltip.lower() and not any(name in tooltip for name in names)
    sent = twin.page.evaluate("JSON.stringify(window.twinBridge.features('booked-spaces'))")
    assert not any(name in sent for name in names)
    twin.page.locator("#data-tables summary").click()
    rows = _grid_rows(twin, "bookings")
    assert rows and all("réservé" in [str(v) for v in row.values()] for row in rows)
    shown = json.dumps(rows, ensure_ascii=False) + twin.page.locator("#data-grid-bookings").inner_text()
    assert not any(name in shown for name in names)


def test_layer_data_is_served_compressed(app_url: str) -> None:
    request = urllib.request.Request(f"{app_url}/_dash-layout", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"


def test_healthz_lists_datasets_and_row_counts(app_url: str, sample_dir: Path) -> None:
    with urllib.request.urlopen(f"{app_url}/healthz") as response:
        body = json.load(response)
    assert response.status == 200
    assert body["datasets"]["floors"] == len(
        pd.read_parquet(sample_dir / "floors.parquet", columns=["floor_id"])
    )
    assert body["sample"] is True


def test_picking_any_floor_gives_the_old_json_paths_values(
    twin: TwinPage, app_url: str, sample_dir: Path
) -> None:
    """Every floor whose top is in view picks as itself, with the values the old pydeck rows carried."""
    from bench.pydeck_path import floor_rows
    from geodata.queries import floors_with_status

    catalog = open_catalog(sample_dir)
    old = {row["floor_id"]: row for row in floor_rows(floors_with_status(catalog.cursor()))}
    twin.open(f"{app_url}/?at={AT}")
    picks = twin.page.evaluate(
        """() => {
          const viewport = window.twinDeck.getViewports()[0];
          return window.twinBridge.features('floors-status').map((f) => {
            const [x, y] = viewport.project([f.lon, f.lat, f.top]).map(Math.round);
            const hit = window.twinBridge.pickAt(x, y);
            return {drawn: f.floor_id, picked: hit && hit.layerId === 'floors-status' ? hit.row : null};
          });
        }"""
    )
    assert {pick["drawn"] for pick in picks} == set(old)
    topmost = [pick for pick in picks if pick["picked"] and pick["picked"]["floor_id"] == pick["drawn"]]
    assert len(topmost) >= len({row["building_id"] for row in old.values()}) // 2  # roofs in view pick
    for pick in topmost:
        was, now = old[pick["drawn"]], pick["picked"]
        fields = ("building_id", "building_name", "level", "area_m2", "status", "use", "occupant")
        assert {f: now[f] for f in fields} == {f: was[f] for f in fields}, pick["drawn"]
