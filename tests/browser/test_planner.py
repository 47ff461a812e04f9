"""A planner's whole path, in a real headless Chromium: sign in, create a scenario, convert bât. 62's floors
to housing, see the KPIs and the indicators change, save, publish, sign out — then an anonymous visitor opens
the comparison link and sees both 3D views drawn with the changed floors highlighted."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import TwinPage, coloured_pixels, serve_app
from tests.browser.test_app import AT, _find_pixel
from tests.browser.test_compare import VIEWS, _features, _image, _wait_compared, magenta_pixels
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PLANNER, PASSWORD = "marie", "correct horse battery"


@pytest.fixture(scope="module")
def planner_app(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    state = tmp_path_factory.mktemp("state")
    env = {**os.environ, "TWIN_DATA_DIR": str(sample_dir), "TWIN_STATE_DIR": str(state)}
    command = [sys.executable, "-m", "app", "user", "add", PLANNER, "--role", "planner"]
    subprocess.run(command, input=PASSWORD + "\n", text=True, env=env, cwd=REPO, check=True, timeout=60)
    with serve_app(sample_dir, TWIN_STATE_DIR=str(state)) as url:
        yield url


def _expected_building_62(data: Path) -> tuple[float, float]:
    """Bât. 62's floor area and the district's vacant area, read straight from the files."""
    floors = pd.read_parquet(data / "floors.parquet", columns=["building_id", "area_m2", "status"])
    area_62 = floors.loc[floors.building_id == "62", "area_m2"].sum()
    vacant = floors.loc[floors.status == "vacant", "area_m2"].sum()
    vacant_62 = floors.loc[(floors.building_id == "62") & (floors.status == "vacant"), "area_m2"].sum()
    return float(area_62), float(vacant - vacant_62)


def _fr_area(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") + "\u00a0m²"


def _sign_in(twin: TwinPage) -> None:
    page = twin.page
    page.locator("#account-form summary").click()
    page.locator("#account-name").fill(PLANNER)
    page.locator("#account-password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#account-sign-in").click()
    twin.wait_until_drawn()
    # The account's callback may answer after the map is drawn: wait for its words rather than read them once.
    page.locator("#account-status").filter(has_text=PLANNER).wait_for(timeout=15_000)


def _convert_62_to_housing(twin: TwinPage) -> None:
    page = twin.page
    x, y = _find_pixel(twin, "floors-status", "62")
    box = page.locator("#deck-map").bounding_box()
    assert box
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.locator("#edit-form").wait_for(state="visible", timeout=10_000)
    page.locator("#edit-use").click()
    page.get_by_role("option", name="logement", exact=True).click()
    page.locator("#edit-apply").click()
    page.locator("#scenario-status").filter(has_text="non enregistrée").wait_for(timeout=20_000)
    twin.settle()


def test_a_planner_converts_building_62_and_an_anonymous_visitor_compares(
    twin: TwinPage, planner_app: str, sample_dir: Path
) -> None:
    page = twin.page
    area_62, vacant_after = _expected_building_62(sample_dir)
    twin.open(f"{planner_app}/?at={AT}")
    vacant_before = page.locator("#kpi-vacant .kpi-value").inner_text()
    _sign_in(twin)

    page.locator("#scenario-new-name").fill("École et logements")
    page.locator("#scenario-create").click()
    page.locator("#scenario-status").filter(has_text="Version 1").wait_for(timeout=20_000)
    _convert_62_to_housing(twin)

    # The KPIs and the indicators follow the unsaved edit; undo takes it back, and it is made again.
    page.locator("#kpi-vacant .kpi-value").filter(has_text=_fr_area(vacant_after)).wait_for(timeout=20_000)
    assert page.locator("#kpi-vacant .kpi-value").inner_text() != vacant_before
    page.locator("#scenario-undo-button").click()
    page.locator("#kpi-vacant .kpi-value").filter(has_text=vacant_before).wait_for(timeout=20_000)
    page.locator("#edit-apply").click()
    page.locator("#kpi-vacant .kpi-value").filter(has_text=_fr_area(vacant_after)).wait_for(timeout=20_000)
    page.locator("#indicators").wait_for(state="visible", timeout=20_000)
    assert "=" not in page.locator("#indicator-dwellings .delta").inner_text()
    assert "bâtiment 62" in page.locator("#indicators-summary").inner_text()
    assert _fr_area(area_62) in page.locator("#indicators-summary").inner_text()

    page.locator("#scenario-message").fill("Bâtiment 62 en logements")
    page.locator("#scenario-save").click()
    page.locator("#scenario-status").filter(has_text="Version 2").wait_for(timeout=20_000)
    page.locator("#scenario-publish").click()
    page.locator("#scenario-feedback").filter(has_text="publié").wait_for(timeout=20_000)
    compare = page.locator("#scenario-compare-link").get_attribute("href")
    assert compare and "compare=baseline" in compare and "version=2" in compare
    _restore_version_1(twin, vacant_before)

    with page.expect_navigation():
        page.locator("#account-sign-out").click()
    twin.wait_until_drawn()
    assert PLANNER not in page.locator("#account-status").inner_text()

    twin.page.goto(f"{planner_app}{compare}")
    _assert_both_views_drawn_with_highlight(twin)
    twin.save("planner-compare")
    assert twin.console_errors == []


def _restore_version_1(twin: TwinPage, vacant_before: str) -> None:
    """Going back to version 1 (no change yet) makes a version 3 with its document: history is kept."""
    page = twin.page
    page.locator("#scenario-history summary").click()
    assert page.locator("#scenario-history-body li").count() == 2
    page.locator("#restore-choice").click()
    page.get_by_role("option", name="v1", exact=True).click()
    page.locator("#restore-button").click()
    page.locator("#scenario-status").filter(has_text="Version 3").wait_for(timeout=20_000)
    page.locator("#kpi-vacant .kpi-value").filter(has_text=vacant_before).wait_for(timeout=20_000)
    assert page.locator("#scenario-history-body li").count() == 3


def _assert_both_views_drawn_with_highlight(twin: TwinPage) -> None:
    """Both views draw (pixels), only the scenario's shows bât. 62 converted, in the highlight colour."""
    _wait_compared(twin)
    left, right = (_image(twin, view) for view in VIEWS)
    assert coloured_pixels(left) > 5000 and coloured_pixels(right) > 5000
    highlighted, stray = magenta_pixels(right), magenta_pixels(left)
    assert highlighted > 200 and stray * 10 < highlighted  # a few anti-aliased pixels at most on the left
    changed = {row["building_id"] for row in _features(twin, "compare-right")}
    assert changed == {"62"} and _features(twin, "compare-left") == []
