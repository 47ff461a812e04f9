// Clientside bridge between Dash and one deck.gl Deck.
//
// The layout holds only the layer configuration; each layer's data comes from its source's endpoint
// (api/layer_data.py) as binary columns. A toggle flips `visible` on layers the browser already has; a time
// step fetches only the sources whose URL changed. Several maps may share the page (the comparison's two
// views): each has its own Deck, data and scenario; state lives in this closure, per tab.
(function () {
  "use strict";

  // Page-wide: the tooltip templates and locale (one language per page), and every map data error.
  // `contributions` is the store's public revision: a new one changes the contributions source's URL.
  const page = { tooltips: {}, locale: "fr-FR", lang: "fr", errors: [], maps: new Map(), last: null, mainScenario: null,
    contributions: null, viewListeners: [], building: null };
  const KEEP_PER_SOURCE = 4;
  // Workshop mode (?mode=atelier, assets/14-twin-atelier.js sets the class): fingers on a tablet or table.
  // One finger pans, two pinch-zoom, turn (bearing) and slide up or down together (tilt); a second tap
  // closes a tooltip rather than zooming in.
  const TOUCH_CONTROLLER = { dragPan: true, dragRotate: true, touchZoom: true, touchRotate: true,
    scrollZoom: true, keyboard: true, doubleClickZoom: false, inertia: 300 };
  const TAP_RADIUS_PX = 8; // a fingertip is less precise than a mouse pointer
  const TILT_DEG_PER_PX = 0.25; // two fingers slid 100 px up tilt the map 25 degrees more
  const atelierMode = () => document.documentElement.classList.contains("atelier");
  const pickRadius = () => (atelierMode() ? TAP_RADIUS_PX : 2);

  // One map: its container, its own scenario parameter ("<id>@<n>" or null for the baseline) and Deck,
  // and the data it has fetched. The main map keeps the id of the layout's map container.
  function newMap(id, scenario) {
    const map = {
      id, scenario,
      deck: null,
      contents: new Map(), // url -> prepared content (untiled sources), the last few per source
      pending: 0,          // fetches in flight
      built: new Map(),    // layer id -> {content, layer}: untiled layers, reused while their content is unchanged
      shown: new Map(),    // source name -> the content last drawn
      last: null,          // the last render's inputs, to redraw when a fetch arrives
      linked: [],          // maps whose camera follows this one's
      controlled: false,   // true: the camera is the map's `view` (linked maps), not deck's own
      view: null,
      interaction: {},     // deck's interaction state: dragging, zooming, in a transition...
      camera: null,        // an uncontrolled map's last camera, flat ({longitude, latitude, zoom, pitch, bearing})
      tapped: null,        // workshop mode: the tapped object whose tooltip is shown {layerId, index, box}
    };
    // One loader per map for its tile layers: deck.gl sees the same function on every render.
    map.loadTile = (url, signal) => fetchContent(map, url, signal);
    return map;
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function number(value, options) {
    return new Intl.NumberFormat(page.locale, options).format(value);
  }

  // Formats: int, m2, percent, date, datetime, slot (start–end), value (translated), else as is.
  function formatValue(value, format, template, object) {
    if (value === null || value === undefined || value === "") return "—";
    // NaN: a share with nothing to divide by (no floor whose occupancy is known): said as "not known".
    if (typeof value === "number" && Number.isNaN(value)) return (template.values && template.values.unknown) || "—";
    if (format === "int") return number(value, { maximumFractionDigits: 0 });
    if (format === "m2") return number(value, { maximumFractionDigits: 0 }) + "\u00a0m²";
    if (format === "percent") return number(value, { style: "percent", maximumFractionDigits: 0 });
    // A date-only ISO string is parsed as UTC midnight: format it in UTC so no time zone shifts the day.
    if (format === "date") return new Intl.DateTimeFormat(page.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
    if (format === "datetime") return new Intl.DateTimeFormat(page.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
    if (format === "slot") return slot(value, object.end);
    if (format === "value") return (template.values && template.values[String(value)]) || String(value);
    return value;
  }

  function slot(start, end) {
    const day = new Intl.DateTimeFormat(page.locale, { day: "numeric", month: "short" });
    const time = new Intl.DateTimeFormat(page.locale, { hour: "2-digit", minute: "2-digit" });
    return `${day.format(new Date(start))} ${time.format(new Date(start))} – ${time.format(new Date(end))}`;
  }

  // A row whose format ends in "_once" is left out when the title or an earlier row already shows its text
  // (a building named "Bâtiment 62" needs no "Bâtiment: 62" row; a vacant floor's use "vacant" no second line).
  function tooltipRows(object, template, title) {
    const seen = [title];
    const rows = [];
    for (const [label, field, format] of template.rows) {
      const once = format.endsWith("_once");
      const text = String(formatValue(object[field], once ? format.slice(0, -"_once".length) : format, template, object));
      if (once && seen.some((shown) => shown === text || shown.split(/\s+/).includes(text))) continue;
      seen.push(text);
      rows.push(`<div class="tt-row"><span class="tt-label">${escapeHtml(label)}</span>` +
        `<span class="tt-value">${escapeHtml(text)}</span></div>`);
    }
    return rows;
  }

  function tooltipHtml(object, template) {
    const titleText = String(formatValue(object[template.title_field], "text", template, object));
    const title = `<div class="tt-title">${escapeHtml(titleText)}</div>`;
    const rows = tooltipRows(object, template, titleText);
    const heading = template.heading ? `<div class="tt-heading">${escapeHtml(template.heading)}</div>` : "";
    return heading + title + rows.join("");
  }

  // The twin layer a pick landed on (deck.gl reports the innermost sublayer) and the picked row's attributes.
  function picked(info) {
    if (!info || info.index < 0) return null;
    for (let layer = info.sourceLayer || info.layer; layer; layer = layer.parent) {
      if (layer.props.twin) return { layerId: layer.props.twin.layerId, row: window.twinBinary.rowOf(layer.props.twin.content, info.index) };
    }
    return null;
  }

  function getTooltip(info) {
    const hit = info && info.picked && picked(info);
    const template = hit && page.tooltips[hit.layerId];
    if (!template) return null;
    return { html: tooltipHtml(hit.row, template), className: "twin-tooltip", style: { padding: "0" } };
  }

  // Clicks are picked here rather than through deck's onClick, which in deck.gl 9.4 was seen to miss the
  // first clicks on a page. A press that moved more than a few pixels is a drag of the view, not a click.
  const DRAG_PX = 5;

  function selectBuildingOnClick(map, parent) {
    let down = null;
    parent.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    parent.addEventListener("click", (e) => {
      if (!map.deck || !down || Math.hypot(e.clientX - down[0], e.clientY - down[1]) > DRAG_PX) return;
      const box = parent.getBoundingClientRect(), x = e.clientX - box.left, y = e.clientY - box.top;
      const info = map.deck.pickObject({ x, y, radius: pickRadius() });
      const hit = picked(info);
      if (atelierMode()) toggleTapTooltip(map, parent, hit && { ...hit, index: info.index }, x, y);
      if (isContributionPin(hit)) window.dash_clientside.set_props("picked-contribution", { data: { id: pinId(hit), t: Date.now() } });
      else if (hit && hit.row.building_id) window.dash_clientside.set_props("selected-building", { data: hit.row.building_id });
    });
  }

  // Participation (callbacks/contributions.py): a contribution pin opens that contribution; a click on the
  // main map that hits neither a pin nor a building offers to pin one on the ground, at the lon/lat under it.
  const CONTRIBUTION_PINS = "contribution-pins";

  // The pin layer's rows name their contribution `contribution_id` (or `id`, the public JSON's name).
  function pinId(hit) {
    return String(hit.row.contribution_id || hit.row.id || "");
  }

  function isContributionPin(hit) {
    return Boolean(hit && hit.layerId === CONTRIBUTION_PINS && pinId(hit));
  }

  function pinOnGroundClick(map, parent) {
    let down = null;
    parent.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    parent.addEventListener("click", (e) => {
      if (!map.deck || !down || Math.hypot(e.clientX - down[0], e.clientY - down[1]) > DRAG_PX) return;
      const box = parent.getBoundingClientRect(), x = e.clientX - box.left, y = e.clientY - box.top;
      const hit = picked(map.deck.pickObject({ x, y, radius: pickRadius() }));
      if (isContributionPin(hit) || (hit && hit.row.building_id)) return;
      const viewport = map.deck.getViewports()[0];
      const point = viewport && viewport.unproject([x, y]);
      if (!point || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) return;
      window.dash_clientside.set_props("ground-point", { data: { lon: point[0], lat: point[1], t: Date.now() } });
    });
  }

  // On touch there is no hover: a tap shows the object's tooltip; the next tap elsewhere, or on the same
  // object again, hides it.
  function toggleTapTooltip(map, parent, hit, x, y) {
    const template = hit && page.tooltips[hit.layerId];
    const same = hit && map.tapped && map.tapped.layerId === hit.layerId && map.tapped.index === hit.index;
    hideTapTooltip(map);
    if (!template || same) return;
    const box = document.createElement("div");
    box.className = "twin-tooltip tap-tooltip";
    box.setAttribute("role", "status");
    box.innerHTML = tooltipHtml(hit.row, template); // every value escaped by tooltipHtml
    parent.appendChild(box);
    const left = Math.min(x + 14, parent.clientWidth - box.offsetWidth - 8);
    // Above the finger, which would hide it below (and the panels open at the side or the bottom).
    const top = y - box.offsetHeight - 18 > 8 ? y - box.offsetHeight - 18 : y + 18;
    box.style.left = `${Math.max(8, left)}px`;
    box.style.top = `${Math.max(8, top)}px`;
    map.tapped = { layerId: hit.layerId, index: hit.index, box };
  }

  function hideTapTooltip(map) {
    if (map.tapped) map.tapped.box.remove();
    map.tapped = null;
  }

  // A toggle redraws every map at once from the checkboxes themselves, without waiting for Dash to dispatch
  // its callback (which follows with the same values and changes nothing more).
  function redrawOnToggle(config) {
    const toggles = document.getElementById(config.toggles_id);
    if (!toggles || toggles.dataset.twinListening) return;
    toggles.dataset.twinListening = "1";
    toggles.addEventListener("change", () => {
      if (!page.last) return;
      const checked = [...toggles.querySelectorAll("input:checked")].map((input) => input.value);
      renderAll(page.last.config, checked, page.last.at);
    });
  }

  // A linked map's camera is held by the bridge: a user's move of either map sets both (the move of the
  // other comes from setProps, which deck does not report back: no feedback loop).
  function onViewStateChange(map) {
    return ({ viewState }) => {
      for (const other of [map, ...map.linked]) {
        other.view = viewState;
        if (other.deck) other.deck.setProps({ viewState });
      }
      return viewState;
    };
  }

  // deck.gl 9.4 reads two fingers that slide together as a pinch (its own two-finger tilt, "multipan",
  // wants ten pixels of travel, and the pinch claims the gesture at the first pixel): a pinch whose
  // fingers slide up or down together, without spreading or turning, tilts the map instead.
  function pinchKind(event, startRotation) {
    const turn = Math.abs(((event.rotation - startRotation + 540) % 360) - 180); // degrees, either way round
    if (Math.abs(Math.log2(event.scale)) > 0.1 || turn > 10) return "pinch";
    if (Math.abs(event.deltaY) > 20 && Math.abs(event.deltaY) > 2 * Math.abs(event.deltaX)) return "tilt";
    return null; // not yet clear: deck's pinch goes on meanwhile
  }

  function touchController() {
    return class TouchController extends window.deck.MapController {
      handleEvent(event) {
        if (event.type === "pinchstart") this.twinPinch = { kind: null, rotation: event.rotation };
        const pinch = this.twinPinch;
        if (event.type === "pinchmove" && pinch && this.isDragging()) {
          pinch.kind = pinch.kind || pinchKind(event, pinch.rotation);
          if (pinch.kind === "tilt") return this.tilt(event, true);
        }
        if (event.type === "pinchend" && pinch && pinch.kind === "tilt") return this.tilt(event, false);
        return super.handleEvent(event);
      }

      tilt(event, moving) {
        this._controllerState = undefined; // as the base handleEvent does before reading the state
        let state = this.controllerState.rotate({ deltaAngleX: 0, deltaAngleY: -event.deltaY * TILT_DEG_PER_PX });
        if (!moving) { state = state.zoomEnd().rotateEnd(); this.twinPinch = null; }
        const interaction = { isDragging: moving, isPanning: false, isZooming: false, isRotating: moving };
        this.updateViewport(state, { transitionDuration: 0 }, interaction);
        return true;
      }
    };
  }

  function createDeck(map, config) {
    const parent = document.getElementById(map.id);
    const camera = map.controlled
      ? { viewState: map.view || config.view, onViewStateChange: onViewStateChange(map) }
      : { initialViewState: config.view, onViewStateChange: ({ viewState }) => tellViewers(map, viewState),
          onInteractionStateChange: (state) => { map.interaction = state; } };
    const touch = atelierMode() && !map.controlled;
    if (!map.controlled) map.camera = config.view;
    map.deck = new window.deck.Deck({ parent, layers: [], ...camera,
      controller: touch ? { ...TOUCH_CONTROLLER, type: touchController() } : true, getTooltip: touch ? null : getTooltip });
    selectBuildingOnClick(map, parent);
    if (map.id === config.container_id) pinOnGroundClick(map, parent);
    redrawOnToggle(config);
    if (map.id === config.container_id) window.twinDeck = map.deck; // the main map, for tests and the console
    return map.deck;
  }

  async function fetchContent(map, url, signal) {
    map.pending++;
    try {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${(await response.text()).trim()}`);
      return window.twinBinary.prepare(await response.arrayBuffer());
    } catch (error) {
      if (error.name !== "AbortError") { page.errors.push(String(error)); console.error("map data:", error); }
      throw error;
    } finally {
      map.pending--;
    }
  }

  // A source's URL for this map and time; null when it needs a scenario and the map shows the baseline, or
  // the contributions' revision before the page knows it, or the selected building when none is.
  function sourceUrl(source, at, scenario) {
    if (source.params.includes("scenario") && !scenario) return null;
    if (source.params.includes("contributions") && !page.contributions) return null;
    if (source.params.includes("building") && !page.building) return null;
    const value = (p) => (p === "at" ? at : p === "on" ? at.slice(0, 10) : p === "contributions" ? page.contributions
      : p === "lang" ? page.lang : p === "building" ? page.building : scenario);
    const params = source.params.map((p) => `${p}=${encodeURIComponent(value(p))}`);
    return params.length ? `${source.url}?${params.join("&")}` : source.url;
  }

  // The content of an untiled source at this URL, or null while it is on its way (a redraw follows).
  function contentOf(map, name, url) {
    const entry = map.contents.get(url);
    if (entry) return entry.content;
    const record = { content: null, name };
    map.contents.set(url, record);
    fetchContent(map, url).then((content) => { record.content = content; redraw(map); }, () => map.contents.delete(url));
    forgetOld(map, name);
    return null;
  }

  function forgetOld(map, name) {
    const urls = [...map.contents.keys()].filter((url) => map.contents.get(url).name === name);
    for (const url of urls.slice(0, Math.max(0, urls.length - KEEP_PER_SOURCE))) map.contents.delete(url);
  }

  function isVisible(spec, toggled) {
    if (!spec.toggle) return true;
    const on = toggled.includes(spec.toggle);
    return spec.show_when_off ? !on : on;
  }

  function untiledLayer(map, spec, content, visible, origin) {
    const built = map.built.get(spec.id);
    const layer = built && built.content === content ? built.layer : window.twinLayers.deckLayer(spec, content, spec.id, true, origin);
    map.built.set(spec.id, { content, layer });
    return layer.clone({ visible }); // a layer instance must not be handed to deck.setProps twice
  }

  function sourceLayers(map, name, config, toggled, at) {
    const source = config.sources[name], specs = config.layers.filter((spec) => spec.source === name);
    const visibleIds = specs.filter((spec) => isVisible(spec, toggled)).map((spec) => spec.id);
    if (source.tile) {
      return [window.twinLayers.tileLayer(name, source, specs, visibleIds, config, map.loadTile)];
    }
    const url = sourceUrl(source, at, map.scenario);
    if (!url) return [];
    // While a new time's data is on its way, the previous one stays on the map rather than blinking out.
    const content = contentOf(map, name, url) || map.shown.get(name);
    if (content) map.shown.set(name, content);
    return content ? specs.map((spec) => untiledLayer(map, spec, content, visibleIds.includes(spec.id), config.origin)) : [];
  }

  function basemapLayer(url) {
    return new window.deck.TileLayer({
      id: "basemap", data: url, minZoom: 0, maxZoom: 19, tileSize: 256,
      renderSubLayers: (props) => {
        const { boundingBox } = props.tile;
        return new window.deck.BitmapLayer(props, {
          data: null, image: props.data,
          bounds: [boundingBox[0][0], boundingBox[0][1], boundingBox[1][0], boundingBox[1][1]],
        });
      },
    });
  }

  // Sources in the order their first layer appears in the configuration: ground first, labels last.
  function sourceOrder(config) {
    return [...new Set(config.layers.map((spec) => spec.source))];
  }

  function isShown(map) {
    const parent = document.getElementById(map.id);
    return Boolean(parent && parent.offsetParent);
  }

  function renderLayers(map, config, toggled, at) {
    // A hidden map (the main one while the comparison shows) fetches and draws nothing until shown again.
    if (!at || !isShown(map)) return 0;
    const deck = map.deck || createDeck(map, config);
    if (!deck) return 0;
    map.last = { config, toggled, at };
    const layers = config.basemap_url ? [basemapLayer(config.basemap_url)] : [];
    for (const name of sourceOrder(config)) layers.push(...sourceLayers(map, name, config, toggled, at));
    deck.setProps({ layers });
    return layers.length;
  }

  function redraw(map) {
    if (map.last) renderLayers(map, map.last.config, map.last.toggled, map.last.at);
  }

  function mainMap(config) {
    if (!page.maps.has(config.container_id)) page.maps.set(config.container_id, newMap(config.container_id, page.mainScenario));
    return page.maps.get(config.container_id);
  }

  // The main map's scenario ("<id>@<n>", "<id>@draft<rev>" or null for the baseline): a planner's edits
  // show as they are made. The previous overlay stays until the new one arrives, as a time step does.
  function setMainScenario(scenario) {
    page.mainScenario = scenario || null;
    const map = page.last && page.maps.get(page.last.config.container_id);
    if (!map || map.scenario === page.mainScenario) return;
    map.scenario = page.mainScenario;
    if (!map.scenario) map.shown.delete("scenario");
    redraw(map);
  }

  function renderAll(config, toggled, at) {
    page.last = { config, toggled, at };
    mainMap(config);
    let count = 0;
    for (const map of page.maps.values()) count += renderLayers(map, config, toggled, at);
    return count;
  }

  // The comparison: two maps side by side, each with its own scenario (null = the baseline), cameras
  // linked both ways. `spec` is {left, right, left_id, right_id} from callbacks/compare.py, or null.
  function setComparison(spec) {
    const ids = spec ? [spec.left_id, spec.right_id] : [];
    for (const [id, map] of [...page.maps]) {
      if (map.controlled && !ids.includes(id)) { if (map.deck) map.deck.finalize(); page.maps.delete(id); }
    }
    if (!spec) return;
    const pair = [[spec.left_id, spec.left], [spec.right_id, spec.right]].map(([id, scenario]) => {
      const old = page.maps.get(id);
      if (old && old.scenario === scenario) return old;
      if (old && old.deck) old.deck.finalize();
      const map = newMap(id, scenario);
      map.controlled = true;
      page.maps.set(id, map);
      return map;
    });
    pair[0].linked = [pair[1]];
    pair[1].linked = [pair[0]];
    pair[1].view = pair[0].view = pair[0].view || pair[1].view;
  }

  // For browser tests and benchmarks: every drawn polygon of a layer with its attributes, its outer ring's
  // mean lon/lat and its top height; and whether every fetch and tile has arrived. Per map; without an id,
  // the main map.
  function features(layerId, mapId) {
    const map = mapId ? page.maps.get(mapId) : mainOrNull(), out = [];
    if (!map || !map.deck || !map.last) return out;
    const walk = (layer) => {
      if (layer.props.twin && layer.props.twin.layerId === layerId && layer.props.visible) collect(layer.props.twin.content, map.last.config.origin, out);
      for (const sub of layer.isComposite ? layer.getSubLayers() : []) walk(sub);
    };
    for (const layer of map.deck.layerManager.getLayers().filter((l) => !l.parent)) walk(layer);
    return out;
  }

  // The main map's camera moves (a gesture, a button, a transition's frames), for the workshop's compass.
  function tellViewers(map, viewState) {
    map.camera = viewState;
    for (const listener of page.viewListeners) listener(map.id, viewState);
    return viewState;
  }

  // Moves an uncontrolled map's camera (deck.gl resets its camera when initialViewState changes), by a
  // transition when `view` has a transitionDuration.
  function setView(map, view) {
    if (!map.deck || map.controlled) return;
    map.deck.setProps({ initialViewState: { ...view } });
    tellViewers(map, view);
  }

  function mainOrNull() {
    return page.last ? page.maps.get(page.last.config.container_id) : null;
  }

  function collect(content, origin, out) {
    const g = content.polygons, n = content.data.numbers;
    for (let p = 0; g && p < g.length; p++) {
      const first = g.starts[p], last = g.holes[p] ? first + g.holes[p][0] / 3 : g.starts[p + 1];
      let lon = 0, lat = 0;
      for (let v = first; v < last; v++) { lon += g.positions[v * 3]; lat += g.positions[v * 3 + 1]; }
      const row = g.polyRow[p], base = g.positions[first * 3 + 2];
      const height = n.row_height ? n.row_height[row] : content.data.meta.height || 0;
      out.push({ ...window.twinBinary.rowOf(content, p), lon: origin[0] + lon / (last - first), lat: origin[1] + lat / (last - first), base, top: base + height });
    }
  }

  function mapIdle(map) {
    const tiles = map.deck ? map.deck.props.layers.filter((l) => l.id.startsWith("tiles-") && l.props.visible) : [];
    return map.pending === 0 && tiles.every((l) => l.isLoaded);
  }

  function idle() {
    return [...page.maps.values()].filter(isShown).every(mapIdle);
  }

  // The twin layer and row under a screen point of a map (default: the main one), as a click or a hover
  // would find them.
  function pickAt(x, y, mapId) {
    const map = mapId ? page.maps.get(mapId) : mainOrNull();
    return map && map.deck ? picked(map.deck.pickObject({ x, y, radius: 0 })) : null;
  }

  // One map's handles: its Deck, scenario, camera, drawn features, picking and idleness.
  function mapHandle(id) {
    const map = page.maps.get(id);
    if (!map) return null;
    return {
      deck: map.deck, scenario: map.scenario, idle: () => mapIdle(map),
      viewState: () => (map.controlled ? map.view : map.deck && map.deck.viewState),
      camera: () => (map.controlled ? map.view : map.camera),
      moving: () => Object.values(map.interaction || {}).some(Boolean),
      features: (layerId) => features(layerId, id), pickAt: (x, y) => pickAt(x, y, id),
      setView: (view) => setView(map, view), hideTooltip: () => hideTapTooltip(map),
      tooltipShown: () => (map.tapped ? map.tapped.box.textContent : null),
    };
  }

  window.twinBridge = { features, idle, pickAt, map: mapHandle, maps: () => [...page.maps.keys()], errors: page.errors,
    onViewChange: (listener) => page.viewListeners.push(listener) };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twin: {
      render(config, toggled, at) {
        const last = page.last, same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
        // The toggle listener has drawn this already: nothing more to build.
        if (last && last.config === config && last.at === at && same(last.toggled, toggled || [])) {
          return window.dash_clientside.no_update;
        }
        if (!at) return window.dash_clientside.no_update;
        return `${renderAll(config, toggled || [], at)} layers at ${at}`;
      },
      // Input: the comparison from callbacks/compare.py (or null). Drawn once Dash has shown its container.
      compare(spec) {
        setComparison(spec || null);
        requestAnimationFrame(() => { if (page.last) renderAll(page.last.config, page.last.toggled, page.last.at); });
        return spec ? `${spec.left || "baseline"} | ${spec.right || "baseline"}` : "";
      },
      // Input: the main map's scenario parameter (or null), e.g. from a store the planner's edits update.
      setScenario(scenario) {
        setMainScenario(typeof scenario === "string" ? scenario : null);
        return page.mainScenario || "";
      },
      // Input: the store's public revision of the contributions (callbacks/contributions_map.py): every map
      // fetches the contributions again when it changes, keeping the old pins until the new ones arrive.
      setContributions(revision) {
        const next = typeof revision === "string" && revision ? revision : null;
        if (next !== page.contributions) {
          page.contributions = next;
          for (const map of page.maps.values()) redraw(map);
        }
        return page.contributions || "";
      },
      // Input: the selected building's id (or null): every map marks it (layers/selection.py).
      setBuilding(building) {
        const next = typeof building === "string" && building ? building : null;
        if (next !== page.building) {
          page.building = next;
          for (const map of page.maps.values()) { if (!next) map.shown.delete("selection"); redraw(map); }
        }
        return page.building || "";
      },
      // Input: {lang, locale, templates} where templates maps a deck.gl layer id to its tooltip template. A
      // new language redraws the maps: sources with words in them (parking labels) are fetched in it.
      setTooltips(payload) {
        page.tooltips = (payload && payload.templates) || {};
        page.locale = (payload && payload.locale) || "fr-FR";
        const lang = (payload && payload.lang) || "fr";
        if (lang !== page.lang) {
          page.lang = lang;
          for (const map of page.maps.values()) redraw(map);
        }
        return Object.keys(page.tooltips).length;
      },
      legendStyles(toggled, _legends, keys) {
        return keys.map((id) => ((toggled || []).includes(id.key) ? {} : { display: "none" }));
      },
    },
  });
})();
