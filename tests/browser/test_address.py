"""The URL is the view: the address follows every change (replaceState) and reopens what was on screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import TwinPage

pytestmark = pytest.mark.browser

MAIN = "deck-map"


def _query(twin: TwinPage) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(twin.page.url).query).items()}


def _camera(twin: TwinPage) -> list[float]:
    camera = twin.page.evaluate(
        "(id) => { const c = window.twinBridge.map(id).camera();"
        " return [c.longitude, c.latitude, c.zoom, c.pitch, c.bearing]; }",
        MAIN,
    )
    return [float(value) for value in camera]


def _checked_layers(twin: TwinPage) -> list[str]:
    return twin.page.evaluate(
        "() => [...document.querySelectorAll('.layer-toggles input:checked')].map((input) => input.value)"
    )


def _state(twin: TwinPage) -> dict[str, object]:
    return {
        "title": twin.page.locator("h1").inner_text(),
        "date": twin.page.locator("#date-choice").input_value(),
        "hour": twin.page.locator("#hour-choice [role=slider]").get_attribute("aria-valuenow"),
        "layers": _checked_layers(twin),
        "panel": twin.page.locator("#building-panel").inner_text(),
    }


def _wait_for_query(twin: TwinPage, name: str, value: str) -> None:
    twin.page.wait_for_function(
        f"() => new URLSearchParams(window.location.search).get({name!r}) === {value!r}", timeout=15_000
    )


def test_an_address_with_every_parameter_opens_that_view_and_follows_changes(
    twin: TwinPage, app_url: str
) -> None:
    twin.open(f"{app_url}/")
    lon, lat, zoom, _, _ = _camera(twin)
    view = f"{lon + 0.001:.6f},{lat - 0.0005:.6f},{zoom + 0.5:.2f},30,12"
    twin.open(f"{app_url}/?lang=en&at=2026-11-24T10:00&layers=occupancy,parking&building=62&view={view}")
    twin.page.locator("#building-panel").wait_for(state="visible", timeout=15_000)
    state = _state(twin)
    assert state["title"] == "DMC district — digital twin"
    assert (state["date"], state["hour"]) == ("24/11/2026", "10")
    assert state["layers"] == ["occupancy", "parking"]
    assert "62" in str(state["panel"])
    expected = [float(v) for v in view.split(",")]
    assert _camera(twin) == pytest.approx(expected, abs=1e-4)
    assert twin.page.locator("#messages").inner_text() == ""

    # Each change is written back into the address, without a reload.
    handle = twin.page.locator("#hour-choice [role=slider]")
    handle.focus()
    handle.press("ArrowRight")
    _wait_for_query(twin, "at", "2026-11-24T11:00")
    twin.page.locator(".layer-toggles input[value='parking']").uncheck()
    twin.page.locator(".layer-toggles input[value='bookings']").check()
    _wait_for_query(twin, "layers", "occupancy,bookings")
    twin.page.evaluate("() => window.dash_clientside.set_props('selected-building', {data: '59'})")
    _wait_for_query(twin, "building", "59")
    lon, lat, zoom = round(lon, 6), round(lat, 6), round(zoom, 2)
    twin.page.evaluate(
        "([id, view]) => window.twinBridge.map(id).setView(view)",
        [MAIN, {"longitude": lon, "latitude": lat, "zoom": zoom, "pitch": 40, "bearing": -5}],
    )
    twin.page.wait_for_function(
        "() => (new URLSearchParams(window.location.search).get('view') || '').endsWith(',40,-5')",
        timeout=15_000,
    )
    assert [float(v) for v in _query(twin)["view"].split(",")] == pytest.approx([lon, lat, zoom, 40, -5])
    query = _query(twin)
    assert query["lang"] == "en"

    # "Share" shows the link and its QR code, and copies the link; opening the copied link gives the same
    # view (as a reload does: same address).
    before = _state(twin)
    copied = _shared_link(twin, app_url)
    assert copied == twin.page.url
    twin.page.goto(copied)
    twin.wait_until_drawn()
    twin.page.locator("#building-panel").wait_for(state="visible", timeout=15_000)
    assert _state(twin) == before
    assert _query(twin) == query
    assert twin.console_errors == []


def _shared_link(twin: TwinPage, app_url: str) -> str:
    """Opens the share dialog (keyboard: a real modal dialog, Escape closes it and the focus comes back),
    copies the link and returns what the clipboard holds; checks the QR code and the brief's link."""
    page = twin.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.locator("#share-button").click()
    page.wait_for_function(
        "() => { const qr = document.getElementById('share-qr');"
        " return document.getElementById('share-dialog').open && qr.complete && qr.naturalWidth > 0; }",
        timeout=15_000,
    )
    assert page.locator("#share-link").input_value() == page.url
    assert page.locator("#share-qr").get_attribute("alt")
    page.locator("#share-copy").click()
    page.wait_for_function("() => document.getElementById('share-status').textContent !== ''", timeout=5_000)
    assert page.locator("#share-status").inner_text() == "Link copied."
    copied = str(page.evaluate("() => navigator.clipboard.readText()"))
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('share-dialog').open", timeout=5_000)
    assert page.evaluate("() => document.activeElement.id") == "share-button"
    page.locator("#brief-link").hover()
    assert page.locator("#brief-link").get_attribute("href") == "/brief.pdf?" + urlsplit(page.url).query
    return copied


def test_bad_layers_building_and_view_are_refused_with_a_message(twin: TwinPage, app_url: str) -> None:
    twin.open(f"{app_url}/?layers=occupancy,volcanoes&view=1,2,3&building=%20")
    messages = twin.page.locator("#messages").inner_text()
    assert "volcanoes" in messages and "1,2,3" in messages and "Bâtiment" in messages
    assert twin.page.locator("#building-panel").is_hidden()
    assert twin.console_errors == []
