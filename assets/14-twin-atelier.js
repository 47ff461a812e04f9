// Workshop mode (?mode=atelier): a tablet or touch table that strangers use one after the other.
//
// The page root gets the `atelier` class at once (before Dash draws, so the desktop layout never flashes);
// assets/atelier.css does the rest of the layout. Here: the on-map buttons (zoom, compass, starting view),
// the guided start that goes at the first touch of the map, and the inactivity reset, which brings the
// start view back and forgets what the last person left (camera, open panels, chosen building, unsent
// draft, pseudonym: the props callbacks/atelier.py lists in the ATELIER store). Other code may register
// what else it must forget with window.twinAtelier.onReset(fn).
(function () {
  "use strict";

  const MAP_ID = "deck-map";
  const ZOOM_STEP = 1;
  const MOVE_MS = 400; // camera transitions of the buttons
  const RESET_MS = 800; // the way back to the start view after inactivity
  const ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"];
  const state = { on: false, wired: false, config: null, atelier: null, timer: null, hooks: [], resets: 0,
    target: null };

  if (new URLSearchParams(window.location.search).get("mode") === "atelier") {
    document.documentElement.classList.add("atelier");
  }

  const mainMap = () => (window.twinBridge ? window.twinBridge.map(MAP_ID) : null);

  // Where the camera is, or is going while a button's move is under way: two quick taps on "+" zoom in
  // twice, and a tap on "+" after the compass keeps the compass's north.
  function currentView() {
    if (state.target && Date.now() < state.target.until) return state.target.view;
    const map = mainMap();
    return (map && map.camera()) || (state.config && state.config.view);
  }

  function move(change, duration) {
    const map = mainMap(), view = currentView();
    if (!map || !view) return;
    const { longitude, latitude, zoom, pitch, bearing } = view;
    const target = { longitude, latitude, zoom, pitch, bearing, ...change };
    state.target = { view: target, until: Date.now() + duration };
    map.setView({ ...target, transitionDuration: duration });
  }

  function startView(duration) {
    if (state.config) move({ ...state.config.view }, duration);
  }

  // The compass needle points north: it turns against the map's bearing and leans with its tilt.
  function showBearing(mapId, view) {
    const needle = document.getElementById("atelier-compass-needle");
    if (mapId !== MAP_ID || !needle || !view) return;
    needle.style.transform = `rotateX(${(view.pitch || 0) * 0.7}deg) rotate(${-(view.bearing || 0)}deg)`;
    needle.parentElement.dataset.bearing = String(Math.round(view.bearing || 0));
  }

  function setStartShown(shown) {
    const start = document.getElementById("atelier-start");
    if (start) start.hidden = !shown;
  }

  // A component's props as a callback's output would set them (a store has no element in the page).
  function setProps(id, props) {
    try {
      window.dash_clientside.set_props(id, props);
    } catch (error) {
      console.warn(`workshop reset: ${id}:`, error);
    }
  }

  function reset() {
    state.resets++;
    startView(RESET_MS);
    const map = mainMap();
    if (map) map.hideTooltip();
    // The server's list (callbacks/atelier.py FORGET): panels closed, the unsent contribution forgotten.
    for (const [id, props] of Object.entries((state.atelier && state.atelier.forget) || {})) setProps(id, props);
    if (state.atelier && state.atelier.layers) setProps("layer-toggles", { value: state.atelier.layers });
    for (const details of document.querySelectorAll("details[open]")) details.open = false;
    for (const hook of state.hooks) {
      try { hook(); } catch (error) { console.error("workshop reset:", error); }
    }
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
    setStartShown(true);
  }

  function restartIdleTimer() {
    window.clearTimeout(state.timer);
    if (state.on && state.config) state.timer = window.setTimeout(reset, state.config.atelier_idle_s * 1000);
  }

  function wire() {
    state.wired = true;
    const on = (id, handler) => {
      const button = document.getElementById(id);
      if (button) button.addEventListener("click", handler);
    };
    on("atelier-zoom-in", () => move({ zoom: currentView().zoom + ZOOM_STEP }, MOVE_MS));
    on("atelier-zoom-out", () => move({ zoom: currentView().zoom - ZOOM_STEP }, MOVE_MS));
    on("atelier-compass", () => move({ bearing: 0, pitch: 0 }, MOVE_MS));
    on("atelier-home", () => startView(MOVE_MS));
    for (const type of ACTIVITY) document.addEventListener(type, restartIdleTimer, { capture: true, passive: true });
    const deck = document.getElementById(MAP_ID);
    const touched = () => { state.target = null; if (state.on) setStartShown(false); }; // a finger takes over
    if (deck) deck.addEventListener("pointerdown", touched, { capture: true });
    if (window.twinBridge) window.twinBridge.onViewChange(showBearing);
  }

  window.twinAtelier = {
    active: () => state.on,
    // fn() runs at each inactivity reset: forget what the last person left (a draft, a pseudonym...).
    onReset: (fn) => { if (typeof fn === "function") state.hooks.push(fn); },
    reset,
    resets: () => state.resets,
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twinAtelier: {
      // Inputs: the ATELIER store ({code, layers} in workshop mode, else null) and the map configuration.
      start(atelier, config) {
        state.on = Boolean(atelier);
        state.atelier = atelier || null;
        state.config = config || null;
        document.documentElement.classList.toggle("atelier", state.on);
        if (!state.on) { window.clearTimeout(state.timer); return "off"; }
        if (!state.wired) wire();
        showBearing(MAP_ID, currentView());
        restartIdleTimer();
        return `atelier ${atelier.code}, reset after ${config.atelier_idle_s} s`;
      },
    },
  });
})();
