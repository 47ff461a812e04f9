// The address is the view: every change of language, time, layers, building or camera is written into the
// page's query string (history.replaceState: no reload, no new history entry), so that a copied link reopens
// what was on screen (callbacks/url_state.py parses it back). The scenario shown (scenario, version) is written
// once the server has said which one it is; other parameters (compare, mode, atelier...) are kept as they are.
(function () {
  "use strict";

  const MAIN_MAP = "deck-map";
  const CAMERA_WAIT_MS = 400; // a gesture sends a camera per frame: the address follows once it rests
  const SCENARIO_STORE = "scenario-shown.data";
  const state = { fields: null, timer: null, scenario: undefined }; // undefined: the address's own scenario

  const round = (value, digits) => String(Number(Number(value).toFixed(digits)));

  function viewParam(camera) {
    if (!camera || !Number.isFinite(camera.longitude) || !Number.isFinite(camera.latitude)) return null;
    const { longitude, latitude, zoom = 0, pitch = 0, bearing = 0 } = camera;
    return [round(longitude, 6), round(latitude, 6), round(zoom, 2), round(pitch, 1), round(bearing, 1)].join(",");
  }

  function mainCamera() {
    const map = window.twinBridge && window.twinBridge.map(MAIN_MAP);
    return map ? map.camera() : null;
  }

  // Writes every field we own; a field without a value is removed (no building, no camera yet keeps the
  // address's own view).
  function writeAddress() {
    if (!state.fields) return "";
    const params = new URLSearchParams(window.location.search);
    const { lang, at, layers, building } = state.fields;
    const set = (name, value) => (value === null || value === undefined ? params.delete(name) : params.set(name, value));
    set("lang", typeof lang === "string" ? lang : null);
    set("at", typeof at === "string" ? at : null);
    set("layers", Array.isArray(layers) ? layers.join(",") : null);
    set("building", typeof building === "string" && building ? building : null);
    if (state.scenario !== undefined) {
      // A saved version is what others can open: a planner's unsaved draft shares the version it started from.
      const shown = state.scenario;
      set("scenario", shown && typeof shown.id === "string" ? shown.id : null);
      set("version", shown && Number.isInteger(shown.version) ? String(shown.version) : null);
    }
    const view = viewParam(mainCamera());
    if (view) params.set("view", view);
    // Commas and colons read better than %2C and %3A, and are allowed in a query string.
    const search = params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
    const next = `${window.location.pathname}${search ? "?" + search : ""}${window.location.hash}`;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", next);
    }
    return search;
  }

  function cameraMoved(mapId) {
    if (mapId !== MAIN_MAP) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(writeAddress, CAMERA_WAIT_MS);
  }

  if (window.twinBridge) window.twinBridge.onViewChange(cameraMoved);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twinAddress: {
      // Inputs: the language, the chosen instant (AT store), the visible layer keys, the selected building and
      // the scenario shown ({id, version, draft} or null for the baseline).
      write(lang, at, layers, building, scenario) {
        state.fields = { lang, at, layers, building };
        const triggered = (window.dash_clientside.callback_context || {}).triggered || [];
        if (triggered.some((t) => t && t.prop_id === SCENARIO_STORE)) state.scenario = scenario || null;
        return writeAddress();
      },
    },
  });
})();
