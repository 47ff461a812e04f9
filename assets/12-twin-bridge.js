// Clientside bridge between Dash and one deck.gl Deck.
//
// The layout holds only the layer configuration; each layer's data comes from its source's endpoint
// (api/layer_data.py) as binary columns. A toggle flips `visible` on layers the browser already has; a time
// step fetches only the sources whose URL changed. State lives in this closure, per tab.
(function () {
  "use strict";

  const state = {
    deck: null,
    contents: new Map(), // url -> prepared content (untiled sources), the last few per source
    pending: 0,          // fetches in flight
    built: new Map(),    // layer id -> {content, layer}: untiled layers, reused while their content is unchanged
    shown: new Map(),    // source name -> the content last drawn
    tooltips: {},
    locale: "fr-FR",
    last: null,          // the last render's inputs, to redraw when a fetch arrives
    errors: [],
  };
  const KEEP_PER_SOURCE = 4;

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function number(value, options) {
    return new Intl.NumberFormat(state.locale, options).format(value);
  }

  // Formats: int, m2, percent, date, datetime, slot (start–end), value (translated), else as is.
  function formatValue(value, format, template, object) {
    if (value === null || value === undefined || value === "") return "—";
    if (format === "int") return number(value, { maximumFractionDigits: 0 });
    if (format === "m2") return number(value, { maximumFractionDigits: 0 }) + "\u00a0m²";
    if (format === "percent") return number(value, { style: "percent", maximumFractionDigits: 0 });
    // A date-only ISO string is parsed as UTC midnight: format it in UTC so no time zone shifts the day.
    if (format === "date") return new Intl.DateTimeFormat(state.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
    if (format === "datetime") return new Intl.DateTimeFormat(state.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
    if (format === "slot") return slot(value, object.end);
    if (format === "value") return (template.values && template.values[String(value)]) || String(value);
    return value;
  }

  function slot(start, end) {
    const day = new Intl.DateTimeFormat(state.locale, { day: "numeric", month: "short" });
    const time = new Intl.DateTimeFormat(state.locale, { hour: "2-digit", minute: "2-digit" });
    return `${day.format(new Date(start))} ${time.format(new Date(start))} – ${time.format(new Date(end))}`;
  }

  function tooltipHtml(object, template) {
    const title = `<div class="tt-title">${escapeHtml(formatValue(object[template.title_field], "text", template, object))}</div>`;
    const rows = template.rows.map(([label, field, format]) =>
      `<div class="tt-row"><span class="tt-label">${escapeHtml(label)}</span>` +
      `<span class="tt-value">${escapeHtml(formatValue(object[field], format, template, object))}</span></div>`);
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
    const template = hit && state.tooltips[hit.layerId];
    if (!template) return null;
    return { html: tooltipHtml(hit.row, template), className: "twin-tooltip", style: { padding: "0" } };
  }

  // Clicks are picked here rather than through deck's onClick, which in deck.gl 9.4 was seen to miss the
  // first clicks on a page. A press that moved more than a few pixels is a drag of the view, not a click.
  const DRAG_PX = 5;

  function selectBuildingOnClick(parent) {
    let down = null;
    parent.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    parent.addEventListener("click", (e) => {
      if (!state.deck || !down || Math.hypot(e.clientX - down[0], e.clientY - down[1]) > DRAG_PX) return;
      const box = parent.getBoundingClientRect();
      const hit = picked(state.deck.pickObject({ x: e.clientX - box.left, y: e.clientY - box.top, radius: 2 }));
      if (hit && hit.row.building_id) window.dash_clientside.set_props("selected-building", { data: hit.row.building_id });
    });
  }

  // A toggle redraws at once from the checkboxes themselves, without waiting for Dash to dispatch its
  // callback (which follows with the same values and changes nothing more).
  function redrawOnToggle(config) {
    const toggles = document.getElementById(config.toggles_id);
    if (!toggles) return;
    toggles.addEventListener("change", () => {
      if (!state.last) return;
      const checked = [...toggles.querySelectorAll("input:checked")].map((input) => input.value);
      renderLayers(state.last.config, checked, state.last.at);
    });
  }

  function createDeck(config) {
    const parent = document.getElementById(config.container_id);
    if (!parent) return null;
    state.deck = new window.deck.Deck({ parent, initialViewState: config.view, controller: true, getTooltip, layers: [] });
    selectBuildingOnClick(parent);
    redrawOnToggle(config);
    window.twinDeck = state.deck; // handle for browser tests and for debugging in the console
    return state.deck;
  }

  async function fetchContent(url, signal) {
    state.pending++;
    try {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${(await response.text()).trim()}`);
      return window.twinBinary.prepare(await response.arrayBuffer());
    } catch (error) {
      if (error.name !== "AbortError") { state.errors.push(String(error)); console.error("map data:", error); }
      throw error;
    } finally {
      state.pending--;
    }
  }

  function sourceUrl(source, at) {
    const params = source.params.map((p) => (p === "at" ? `at=${encodeURIComponent(at)}` : `on=${encodeURIComponent(at.slice(0, 10))}`));
    return params.length ? `${source.url}?${params.join("&")}` : source.url;
  }

  // The content of an untiled source at this time, or null while it is on its way (a redraw follows).
  function contentOf(name, url) {
    const entry = state.contents.get(url);
    if (entry) return entry.content;
    const record = { content: null, name };
    state.contents.set(url, record);
    fetchContent(url).then((content) => { record.content = content; redraw(); }, () => state.contents.delete(url));
    forgetOld(name);
    return null;
  }

  function forgetOld(name) {
    const urls = [...state.contents.keys()].filter((url) => state.contents.get(url).name === name);
    for (const url of urls.slice(0, Math.max(0, urls.length - KEEP_PER_SOURCE))) state.contents.delete(url);
  }

  function isVisible(spec, toggled) {
    if (!spec.toggle) return true;
    const on = toggled.includes(spec.toggle);
    return spec.show_when_off ? !on : on;
  }

  function untiledLayer(spec, content, visible, origin) {
    const built = state.built.get(spec.id);
    const layer = built && built.content === content ? built.layer : window.twinLayers.deckLayer(spec, content, spec.id, true, origin);
    state.built.set(spec.id, { content, layer });
    return layer.clone({ visible }); // a layer instance must not be handed to deck.setProps twice
  }

  function sourceLayers(name, config, toggled, at) {
    const source = config.sources[name], specs = config.layers.filter((spec) => spec.source === name);
    const visibleIds = specs.filter((spec) => isVisible(spec, toggled)).map((spec) => spec.id);
    if (source.tile) return [window.twinLayers.tileLayer(name, source, specs, visibleIds, config, fetchContent)];
    // While a new time's data is on its way, the previous one stays on the map rather than blinking out.
    const content = contentOf(name, sourceUrl(source, at)) || state.shown.get(name);
    if (content) state.shown.set(name, content);
    return content ? specs.map((spec) => untiledLayer(spec, content, visibleIds.includes(spec.id), config.origin)) : [];
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

  function renderLayers(config, toggled, at) {
    const deck = state.deck || createDeck(config);
    if (!deck || !at) return window.dash_clientside.no_update;
    state.last = { config, toggled, at };
    const layers = config.basemap_url ? [basemapLayer(config.basemap_url)] : [];
    for (const name of sourceOrder(config)) layers.push(...sourceLayers(name, config, toggled, at));
    deck.setProps({ layers });
    return `${layers.length} layers at ${at}`;
  }

  function redraw() {
    if (state.last) renderLayers(state.last.config, state.last.toggled, state.last.at);
  }

  // For browser tests and benchmarks: every drawn polygon of a layer with its attributes, its outer ring's
  // mean lon/lat and its top height; and whether every fetch and tile has arrived.
  function features(layerId) {
    const out = [];
    const walk = (layer) => {
      if (layer.props.twin && layer.props.twin.layerId === layerId && layer.props.visible) collect(layer.props.twin.content, config().origin, out);
      for (const sub of layer.isComposite ? layer.getSubLayers() : []) walk(sub);
    };
    for (const layer of state.deck ? state.deck.layerManager.getLayers().filter((l) => !l.parent) : []) walk(layer);
    return out;
  }

  function config() { return state.last.config; }

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

  function idle() {
    const tiles = state.deck ? state.deck.props.layers.filter((l) => l.id.startsWith("tiles-") && l.props.visible) : [];
    return state.pending === 0 && tiles.every((l) => l.isLoaded);
  }

  // The twin layer and row under a screen point of the map, as a click or a hover would find them.
  function pickAt(x, y) {
    return state.deck ? picked(state.deck.pickObject({ x, y, radius: 0 })) : null;
  }

  window.twinBridge = { features, idle, pickAt, errors: state.errors };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twin: {
      render(config, toggled, at) {
        const last = state.last, same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
        // The toggle listener has drawn this already: nothing more to build.
        if (last && last.config === config && last.at === at && same(last.toggled, toggled || [])) {
          return window.dash_clientside.no_update;
        }
        return renderLayers(config, toggled || [], at);
      },
      // Input: {locale, templates} where templates maps a deck.gl layer id to its tooltip template.
      setTooltips(payload) {
        state.tooltips = (payload && payload.templates) || {};
        state.locale = (payload && payload.locale) || "fr-FR";
        return Object.keys(state.tooltips).length;
      },
      legendStyles(toggled, _legends, keys) {
        return keys.map((id) => ((toggled || []).includes(id.key) ? {} : { display: "none" }));
      },
    },
  });
})();
