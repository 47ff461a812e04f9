"""The first view in headless Chromium, measured in the page: navigation start to the first frame drawn with
floors or volumes, a plain deck.gl redraw of the same scene, and the occupancy toggle; plus what the page
transferred to get there and the requests a time step makes (replayed by the load test)."""

from __future__ import annotations

import json
import os
import statistics
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page, Request, ViewportSize, sync_playwright

# Debian's Chromium with SwiftShader WebGL; tests/browser/conftest.py launches it with these same settings.
CHROMIUM = os.environ.get("TWIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1440, "height": 900}

REPEATS = 3  # a city frame takes ~20 s in SwiftShader
TIMEOUT_MS = 300_000
STATUS_LAYERS = ("floors-status", "volumes-status")
# deck.gl only queues the GL commands of a frame: reading one pixel back waits until the GPU (SwiftShader
# here, which takes seconds for a city) has drawn them, so every time below is to a frame actually drawn.
GPU_SYNC = """const gpuSync = (deck) => {
    const gl = deck.device.gl;
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  };"""
FLOOR_SOURCES = ("floors", "volumes")
MARKS_JS = """(() => {
  const data = performance.getEntriesByType("resource").filter((e) => e.name.includes("/layer-data/"));
  return {...window.__benchMarks,
    dom_content_loaded_ms: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
    layer_data_first_request_ms: Math.min(...data.map((e) => e.startTime)),
    layer_data_last_response_ms: Math.max(...data.map((e) => e.responseEnd))};
})()"""

# Installed before any page script: polls every animation frame until the deck shows floors or volumes with
# data, every fetch and tile has arrived and deck has nothing left to draw, then waits for the GPU;
# performance.now() counts from the navigation start.
FIRST_FRAME_JS = """
(() => {
  GPU_SYNC
  const drawn = () => {
    const deck = window.twinDeck, bridge = window.twinBridge;
    if (!deck || !bridge || !bridge.idle() || !deck.layerManager) return false;
    const shown = deck.layerManager.getLayers().some((l) => l.props.twin && l.props.visible &&
      STATUS_LAYERS.includes(l.props.twin.layerId) && l.props.data && l.props.data.length > 0);
    return shown && !deck.needsRedraw({ clearRedrawFlags: false });
  };
  const marks = (window.__benchMarks = {});
  const mark = (name, reached) => {
    if (reached && marks[name] === undefined) marks[name] = performance.now();
  };
  // Milestones on a timer, not on animation frames, which wait while the GPU draws.
  const milestones = setInterval(() => {
    mark("deck_created_ms", !!window.twinDeck);
    mark("data_idle_ms", !!(window.twinDeck && window.twinBridge && window.twinBridge.idle() &&
      window.twinDeck.props.layers.some((l) => l.id.startsWith("tiles-") && l.isLoaded)));
  }, 20);
  const poll = () => {
    if (!drawn()) return requestAnimationFrame(poll);
    gpuSync(window.twinDeck);
    window.__benchFirstFrame = performance.now();
    clearInterval(milestones);
  };
  requestAnimationFrame(poll);
})();
""".replace("STATUS_LAYERS", json.dumps(STATUS_LAYERS)).replace("GPU_SYNC", GPU_SYNC)

# A forced redraw of the scene as it is, until the GPU has drawn it: the baseline the toggle is held to.
# Two baselines of the same scene: a redraw forced synchronously (deck.redraw), and a redraw asked for the way
# a toggle asks for one — a change (here a thousandth of a degree of bearing, back and forth) that deck draws
# in its next animation frame — timed like the toggle, frame by frame until drawn. The toggle is compared
# with the second: both include the wait for deck's frame, which the forced redraw skips.
FORCED_REDRAW_JS = """
async (repeats) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  GPU_SYNC
  const times = [];
  for (let i = 0; i < repeats; i++) {
    await frame();
    gpuSync(window.twinDeck);
    const start = performance.now();
    window.twinDeck.redraw("bench");
    gpuSync(window.twinDeck);
    times.push(performance.now() - start);
  }
  return times;
}
""".replace("GPU_SYNC", GPU_SYNC)
PLAIN_REDRAW_JS = """
async (repeats) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const deck = window.twinDeck;
  GPU_SYNC
  const times = [];
  for (let i = 0; i < repeats; i++) {
    await frame();
    gpuSync(deck);
    const v = deck.getViewports()[0];
    const view = {longitude: v.longitude, latitude: v.latitude, zoom: v.zoom, pitch: v.pitch,
                  bearing: v.bearing + (i % 2 ? -1e-3 : 1e-3)};
    const start = performance.now();
    deck.setProps({initialViewState: view});
    await frame();
    while (deck.needsRedraw({ clearRedrawFlags: false })) await frame();
    gpuSync(deck);
    times.push(performance.now() - start);
  }
  return times;
}
""".replace("GPU_SYNC", GPU_SYNC)

# Unchecks the occupancy toggle and waits, frame by frame, until deck has drawn the status layers hidden
# (through Dash's clientside callback, as a user's click goes); then checks it again until they are back.
TOGGLE_JS = """
async ([repeats, statusIds]) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const box = document.querySelector(".layer-toggles input[value='occupancy']");
  const deck = window.twinDeck;
  const statusShown = () => deck.layerManager.getLayers().some((l) => l.props.twin && l.props.visible &&
    statusIds.includes(l.props.twin.layerId));
  const settled = (shown) => statusShown() === shown && !deck.needsRedraw({ clearRedrawFlags: false });
  GPU_SYNC
  const times = [];
  for (let i = 0; i < repeats; i++) {
    await frame();
    gpuSync(deck);
    const start = performance.now();
    box.click();
    while (!settled(false)) await frame();
    gpuSync(deck);
    times.push(performance.now() - start);
    box.click();
    while (!settled(true)) await frame();
    gpuSync(deck);
  }
  return times;
}
""".replace("GPU_SYNC", GPU_SYNC)


@dataclass
class BrowserFigures:
    first_frame_ms: float
    plain_redraw_ms: float
    forced_redraw_ms: float
    toggle_ms: float
    layer_data_bytes: int  # compressed bodies of every /layer-data/ response of the first view
    layer_data_requests: int
    floor_data_bytes: int  # of those, the floors' and volumes' tiles only: what the pydeck baseline holds
    layout_bytes: int  # the /_dash-layout body as transferred
    layer_urls: list[str] = field(default_factory=list)
    kpi_body: str = ""  # the KPI callback's POST body, as the browser sent it
    errors: list[str] = field(default_factory=list)
    marks: dict[str, float] = field(default_factory=dict)  # milestones before the first frame
    redraw_samples: list[float] = field(default_factory=list)
    toggle_samples: list[float] = field(default_factory=list)


def _body_bytes(request: Request) -> int:
    return int(request.sizes()["responseBodySize"])


def _kpi_body(requests: list[Request]) -> str:
    for request in requests:
        body = request.post_data or ""
        if "_dash-update-component" in request.url and "kpi-strip" in body:
            return body
    return ""


def measure(url: str) -> BrowserFigures:
    """One fresh browser (empty cache) opening the app's first view, then redraws and toggles in that page."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="fr-FR")
            context.add_init_script(FIRST_FRAME_JS)
            return _in_page(context.new_page(), url)
        finally:
            browser.close()


def _in_page(page: Page, url: str) -> BrowserFigures:
    finished: list[Request] = []
    errors: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("() => window.__benchFirstFrame !== undefined", timeout=TIMEOUT_MS)
    first_frame = float(page.evaluate("window.__benchFirstFrame"))
    first_view = list(finished)  # what arrived before the first frame
    marks = {name: round(float(value), 1) for name, value in page.evaluate(MARKS_JS).items()}
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    forced = page.evaluate(FORCED_REDRAW_JS, REPEATS)
    redraws = page.evaluate(PLAIN_REDRAW_JS, REPEATS)
    toggles = page.evaluate(TOGGLE_JS, [REPEATS, list(STATUS_LAYERS)])
    figures = _figures(first_frame, redraws, toggles, first_view, list(finished), errors)
    figures.forced_redraw_ms = statistics.median(forced)
    figures.marks = marks
    return figures


def _figures(first_frame: float, redraws: list[float], toggles: list[float], first_view: list[Request],
             everything: list[Request], errors: list[str]) -> BrowserFigures:  # fmt: skip
    layer_data = [r for r in first_view if "/layer-data/" in r.url]
    layouts = [r for r in everything if r.url.endswith("/_dash-layout")]
    return BrowserFigures(
        first_frame_ms=first_frame,
        plain_redraw_ms=statistics.median(redraws),
        forced_redraw_ms=0.0,
        toggle_ms=statistics.median(toggles),
        redraw_samples=redraws,
        toggle_samples=toggles,
        layer_data_bytes=sum(_body_bytes(r) for r in layer_data),
        layer_data_requests=len(layer_data),
        floor_data_bytes=sum(
            _body_bytes(r) for r in layer_data if any(f"/{name}/" in r.url for name in FLOOR_SOURCES)
        ),
        layout_bytes=_body_bytes(layouts[0]) if layouts else 0,
        layer_urls=[r.url for r in layer_data],
        kpi_body=_kpi_body(everything),
        errors=errors,
    )


def summary(figures: BrowserFigures) -> dict[str, Any]:
    return {
        "first_frame_ms": round(figures.first_frame_ms, 1),
        "plain_redraw_ms": round(figures.plain_redraw_ms, 1),
        "forced_redraw_ms": round(figures.forced_redraw_ms, 1),
        "toggle_ms": round(figures.toggle_ms, 1),
        "plain_redraw_samples_ms": [round(ms, 1) for ms in figures.redraw_samples],
        "toggle_samples_ms": [round(ms, 1) for ms in figures.toggle_samples],
        "first_view_layer_bytes": figures.layer_data_bytes,
        "first_view_layer_requests": figures.layer_data_requests,
        "first_view_floor_bytes": figures.floor_data_bytes,
        "layout_bytes": figures.layout_bytes,
        "page_errors": figures.errors,
        **figures.marks,
    }
