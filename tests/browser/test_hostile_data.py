"""Text in the data is shown as text: deck.gl JSON expressions and HTML in every free-text column of the
data neither run nor break the map (issue 6: "@@#Nope.nothing" used to blank the map for everyone)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.browser.conftest import TwinPage, coloured_pixels, serve_app
from tests.browser.test_app import AT, _find_pixel, _hover

pytestmark = pytest.mark.browser

EXPRESSION, CONSTRUCTOR, HTML = "@@#Nope.nothing", "@@=constructor", '<img src="x" onerror="window.owned=1">'
# Every free-text column a person can write into (ids and coded values, floors.use among them since the use
# codes of issue 7, are checked at start-up instead).
HOSTILE = {
    "buildings": {"name": EXPRESSION},
    "floors": {"occupant": HTML},
    "spaces": {"name": HTML},
    "bookings": {"booked_by": CONSTRUCTOR},
    "parking_lots": {"name": EXPRESSION},
    "biodiversity_plots": {"name": HTML, "habitat": CONSTRUCTOR},
    "district": {"name": EXPRESSION},
}


def _spoil(path: Path, columns: dict[str, str]) -> None:
    """Replaces every value of `columns`, keeping the file's GeoParquet metadata."""
    table = pq.read_table(path)
    for name, value in columns.items():
        index = table.schema.get_field_index(name)
        field = table.schema.field(index)
        table = table.set_column(index, field, pa.array([value] * table.num_rows, field.type))
    pq.write_table(table, path)


@pytest.fixture(scope="module")
def hostile_url(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = Path(shutil.copytree(sample_dir, tmp_path_factory.mktemp("hostile") / "data"))
    for dataset, columns in HOSTILE.items():
        _spoil(data / f"{dataset}.parquet", columns)
    with serve_app(data) as url:
        yield url


def test_expressions_and_html_in_the_data_show_as_plain_text(twin: TwinPage, hostile_url: str) -> None:
    twin.open(f"{hostile_url}/?at={AT}")
    image = twin.map_image()
    assert coloured_pixels(image) / (image.width * image.height) > 0.15, "the map did not draw"
    floor = _hover(twin, _find_pixel(twin, "floors-status"))
    assert EXPRESSION in floor and HTML in floor
    assert twin.page.locator(".twin-tooltip img").count() == 0
    lot = _hover(twin, _find_pixel(twin, "parking-lots"))
    assert EXPRESSION in lot
    plot = _hover(twin, _find_pixel(twin, "biodiversity-plots"))
    assert HTML in plot and CONSTRUCTOR in plot
    space = _hover(twin, _find_pixel(twin, "booked-spaces"))
    assert HTML in space and CONSTRUCTOR not in space  # who booked is never sent to the browser
    assert twin.page.evaluate("window.owned === undefined")
    assert twin.console_errors == []
