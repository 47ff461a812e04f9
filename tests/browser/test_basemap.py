"""The optional raster basemap: off by default, drawn from TWIN_BASEMAP_URL when it is set."""

from __future__ import annotations

import contextlib
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.browser.conftest import TwinPage, serve_app

pytestmark = pytest.mark.browser

TILE_RGB = (255, 0, 255)  # a colour nothing else on the map uses


def _tile_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_RGB).save(buffer, format="PNG")
    return buffer.getvalue()


@contextlib.contextmanager
def tile_server() -> Iterator[tuple[str, list[str]]]:
    """A local XYZ tile server answering every tile with one magenta PNG; records the paths asked."""
    png, asked = _tile_png(), []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png", asked
    finally:
        server.shutdown()


def _magenta_pixels(image: Image.Image) -> int:
    mask = Image.eval(ImageChops.difference(image, Image.new("RGB", image.size, TILE_RGB)).convert("L"),
                      lambda v: 255 if v == 0 else 0)  # fmt: skip
    return int(mask.histogram()[255])


def test_no_basemap_is_requested_by_default(twin: TwinPage, app_url: str) -> None:
    twin.open(app_url)
    assert _magenta_pixels(twin.map_image()) == 0


def test_a_configured_basemap_is_drawn_under_the_district(twin: TwinPage, sample_dir: Path) -> None:
    with tile_server() as (template, asked), serve_app(sample_dir, TWIN_BASEMAP_URL=template) as url:
        twin.open(url)
        twin.page.wait_for_function("() => window.twinDeck.props.layers.some((l) => l.id === 'basemap')")
        twin.page.wait_for_timeout(1500)  # tiles load asynchronously
        image = twin.map_image()
    assert asked and all(path.endswith(".png") for path in asked)
    assert any(path.startswith("/16/") or path.startswith("/17/") for path in asked), asked[:5]
    assert _magenta_pixels(image) > 1000, "the tiles were fetched but not drawn"
    assert twin.console_errors == []
