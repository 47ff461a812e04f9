"""The twin on a synthetic city (python -m geodata.sample.city, reduced to 5,000 floors for the test):
the layout stays as small as the district's, the first view draws whole buildings (level of detail), and
zooming in draws the floors of what is in view."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator

import pytest

from tests.browser.conftest import TwinPage, coloured_pixels, serve_app
from tests.conftest import REPO

pytestmark = pytest.mark.browser

CITY_FLOORS = 5000


@pytest.fixture(scope="module")
def city_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("city") / "data"
    command = [sys.executable, "-m", "geodata.sample.city", "--floors", str(CITY_FLOORS), "--out", str(out)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    with serve_app(out) as url:
        yield url


def _layout_bytes(url: str) -> int:
    request = urllib.request.Request(f"{url}/_dash-layout", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def test_the_layout_does_not_grow_with_the_data(city_url: str, app_url: str) -> None:
    district, city = _layout_bytes(app_url), _layout_bytes(city_url)
    assert city < 1.2 * district, f"layout {city} B for the city vs {district} B for the district"


def test_a_city_opens_on_whole_buildings_and_zooming_in_draws_floors(twin: TwinPage, city_url: str) -> None:
    twin.open(city_url)
    image = twin.map_image()
    assert coloured_pixels(image) / (image.width * image.height) > 0.05, "the city's buildings are not drawn"
    volumes = twin.page.evaluate("window.twinBridge.features('volumes-status')")
    assert len(volumes) > 100
    assert twin.page.evaluate("window.twinBridge.features('floors-status').length") == 0
    target = max(volumes, key=lambda v: v["top"])  # zoom onto the tallest building
    twin.page.evaluate(
        """([lon, lat]) => window.twinDeck.setProps({initialViewState:
             {longitude: lon, latitude: lat, zoom: 17, pitch: 45, bearing: 0}})""",
        [target["lon"], target["lat"]],
    )
    twin.page.wait_for_function(
        "() => window.twinBridge.features('floors-status').length > 0", timeout=60_000
    )
    twin.settle()
    floors = twin.page.evaluate("window.twinBridge.features('floors-status')")
    assert target["building_id"] in {f["building_id"] for f in floors}
    assert len(floors) < CITY_FLOORS, "zoomed in, only the floors of the tiles in view are loaded"
    assert twin.page.evaluate("window.twinBridge.features('volumes-status').length") == 0
    twin.save("city-zoomed")
    assert twin.console_errors == []
