// The camera flies to a building chosen in the search box or the vacant-area ranking (callbacks/finder.py):
// a deck.gl transition over the main map, keeping the pitch and bearing, close enough to see its floors.
// The bridge tells the address writer (assets/15-twin-address.js) every frame, so the URL follows.
(function () {
  "use strict";

  const MAIN_MAP = "deck-map";
  const FLY_MS = 1200;
  const CLOSE_ZOOM = 17; // floors are drawn from zoom 15.5 on (layers/floors.py::DETAIL_ZOOM)

  function fly(target) {
    const map = window.twinBridge && window.twinBridge.map(MAIN_MAP);
    if (!target || !Number.isFinite(target.lon) || !Number.isFinite(target.lat) || !map) return window.dash_clientside.no_update;
    const camera = map.camera() || {};
    map.setView({
      longitude: target.lon, latitude: target.lat,
      zoom: Math.max(camera.zoom || 0, CLOSE_ZOOM), pitch: camera.pitch || 0, bearing: camera.bearing || 0,
      transitionDuration: FLY_MS, transitionInterpolator: new window.deck.FlyToInterpolator(),
    });
    return `${target.building}#${target.n}`;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, { twinFinder: { fly } });
})();
