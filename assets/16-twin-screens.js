// Every screen (the layouts are in assets/twin.screens.css): the side panel's drawers on a phone or a portrait
// tablet, the map's height under whatever the header and the KPIs take, and a first camera that fits the
// district's buildings to the map, at load and whenever the map changes size, as long as the address did
// not bring its own `view` and nobody has moved the camera. The workshop mode (?mode=atelier) keeps its own
// start view.
(function () {
  "use strict";

  const MAP_ID = "deck-map";
  const PANEL_ID = "layer-panel";
  const FIT_PADDING = 0.05; // of the map's width and height, left free around the buildings
  const MAX_FIT_ZOOM = 18;
  const root = document.documentElement;
  const query = new URLSearchParams(window.location.search);
  const state = {
    fit: !query.has("view") && query.get("mode") !== "atelier", // read before the address is written back
    bounds: null, start: null, fitted: null, opener: null,
  };

  // ---- Drawers: the state is an attribute of <html>, which Dash does not render.
  const drawerButtons = () => [...document.querySelectorAll(".drawer-button[data-drawer]")];
  const FOCUSABLE = "input, button, select, textarea, a[href], [tabindex]:not([tabindex='-1']), [role=slider]";

  function focusFirst() {
    const panel = document.getElementById(PANEL_ID);
    const first = panel && [...panel.querySelectorAll(FOCUSABLE)].find((el) => el.checkVisibility());
    if (first) first.focus();
  }

  function openDrawer(name, opener) {
    root.dataset.drawer = name;
    for (const button of drawerButtons()) button.setAttribute("aria-expanded", String(button.dataset.drawer === name));
    state.opener = opener;
    requestAnimationFrame(focusFirst); // once the stylesheet has shown the drawer
  }

  function closeDrawer() {
    if (!root.dataset.drawer) return;
    delete root.dataset.drawer;
    for (const button of drawerButtons()) button.setAttribute("aria-expanded", "false");
    if (state.opener && state.opener.checkVisibility()) state.opener.focus();
    state.opener = null;
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target && target.closest(".drawer-button[data-drawer]");
    if (button) {
      if (root.dataset.drawer === button.dataset.drawer) closeDrawer();
      else openDrawer(button.dataset.drawer, button);
    } else if (target && target.closest("#drawer-close")) {
      closeDrawer();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && root.dataset.drawer && !event.defaultPrevented) closeDrawer();
  });

  // ---- The map's height: the stylesheet gives it the viewport's height below the map's top (--map-top).
  function placeMap() {
    const body = document.querySelector(".twin-body");
    if (!body) return;
    const top = `${Math.round(body.getBoundingClientRect().top + window.scrollY)}px`;
    if (root.style.getPropertyValue("--map-top") !== top) root.style.setProperty("--map-top", top);
  }

  // ---- The first camera: the view of `start` (tilt, bearing) zoomed and centred so that the buildings'
  // bounding box fills the map. A tilted camera shows the near side larger, so the box is measured on the
  // tilted view itself (deck.gl's WebMercatorViewport) and the centre corrected a few times.
  function fitted(start, bounds, width, height) {
    const [west, south, east, north] = bounds;
    const corners = [[west, south], [east, south], [east, north], [west, north]];
    const room = [width * (1 - 2 * FIT_PADDING), height * (1 - 2 * FIT_PADDING)];
    let view = { ...start, longitude: (west + east) / 2, latitude: (south + north) / 2 };
    const box = (v) => {
      const viewport = new window.deck.WebMercatorViewport({ ...v, width, height });
      const points = corners.map((corner) => viewport.project(corner));
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      return { viewport, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
    };
    for (let round = 0; round < 3; round++) {
      let low = 0, high = MAX_FIT_ZOOM;
      for (let step = 0; step < 30; step++) {
        const zoom = (low + high) / 2, b = box({ ...view, zoom });
        if (b.x1 - b.x0 <= room[0] && b.y1 - b.y0 <= room[1]) low = zoom; else high = zoom;
      }
      const b = box({ ...view, zoom: low });
      const [longitude, latitude] = b.viewport.unproject([(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2]);
      view = { ...view, zoom: low, longitude, latitude };
    }
    const round = (value, digits) => Number(value.toFixed(digits));
    return { ...view, longitude: round(view.longitude, 6), latitude: round(view.latitude, 6), zoom: round(view.zoom, 2) };
  }

  const same = (a, b) => Boolean(a && b) && ["longitude", "latitude", "zoom", "pitch", "bearing"]
    .every((key) => Math.abs((a[key] || 0) - (b[key] || 0)) < 1e-5);

  function fitCamera() {
    const map = window.twinBridge && window.twinBridge.map(MAP_ID);
    const parent = document.getElementById(MAP_ID);
    if (!state.fit || !state.bounds || !state.start || !map || !map.deck || !parent) return;
    const width = parent.clientWidth, height = parent.clientHeight;
    if (width < 50 || height < 50) return; // hidden (the comparison shows) or not laid out yet
    const view = fitted(state.start, state.bounds, width, height);
    if (same(view, map.camera())) return;
    state.fitted = view;
    map.setView(view);
  }

  // Someone moved the camera (a gesture, a button, a search): from now on it stays where they left it.
  function watchCamera(mapId, view) {
    if (mapId !== MAP_ID || !state.fit || !state.fitted) return;
    if (!same(view, state.fitted) && !same(view, state.start)) state.fit = false;
  }

  function watchSizes() {
    const parent = document.getElementById(MAP_ID);
    if (!parent || !window.ResizeObserver) return false;
    new ResizeObserver(() => requestAnimationFrame(fitCamera)).observe(parent);
    return true;
  }

  // The map's container and its Deck arrive after Dash has drawn the page and the first data was asked for.
  function whenMapExists(tries) {
    const map = window.twinBridge && window.twinBridge.map(MAP_ID);
    if (map && map.deck && watchSizes()) { fitCamera(); return; }
    if (tries > 0) setTimeout(() => whenMapExists(tries - 1), 100);
  }

  if (window.ResizeObserver) new ResizeObserver(placeMap).observe(document.body);
  window.addEventListener("resize", placeMap);
  if (window.twinBridge) window.twinBridge.onViewChange(watchCamera);

  window.twinScreens = { fitted, fitting: () => state.fit, fittedView: () => state.fitted };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twinScreens: {
      // Input: the map configuration (its first view and the buildings' bounds, "fit").
      configure(config) {
        if (!config || !Array.isArray(config.fit) || !config.view) return "kept";
        const first = !state.bounds;
        state.bounds = config.fit;
        state.start = config.view;
        if (first && state.fit) whenMapExists(600);
        return state.fit ? "fit" : "kept";
      },
    },
  });
})();
