// Clientside bridge between Dash stores and one deck.gl Deck.
//
// Dash sends layer specs (pydeck JSON, converted here by @deck.gl/json) only when their data
// changes; toggling a layer only flips `visible` on the already-built layer (layer.clone), so the
// browser never asks the server for data it already has. State lives in this closure, per tab.
(function () {
  "use strict";

  const state = {
    deck: null,
    converter: null,
    built: {},        // layer key -> {spec, layer}: built layers, reused while their spec is unchanged
    tooltips: {},     // layer id -> tooltip template (from the language-dependent store)
    locale: "fr-FR",
  };

  function jsonConverter() {
    if (!state.converter) {
      const configuration = new window.deckJson.JSONConfiguration({ classes: Object.assign({}, window.deck) });
      state.converter = new window.deckJson.JSONConverter({ configuration });
    }
    return state.converter;
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // Formats: int, m2, percent, date, datetime, value (translated through template.values), else as is.
  function formatValue(value, format, template) {
    if (value === null || value === undefined || value === "") return "—";
    if (format === "int") return new Intl.NumberFormat(state.locale, { maximumFractionDigits: 0 }).format(value);
    if (format === "m2") return new Intl.NumberFormat(state.locale, { maximumFractionDigits: 0 }).format(value) + "\u00a0m²";
    if (format === "percent") return new Intl.NumberFormat(state.locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
    // A date-only ISO string is parsed as UTC midnight: format it in UTC so no time zone shifts the day.
    if (format === "date") {
      return new Intl.DateTimeFormat(state.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
    }
    if (format === "datetime") {
      return new Intl.DateTimeFormat(state.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
    }
    if (format === "value") return (template.values && template.values[String(value)]) || String(value);
    return value;
  }

  function tooltipHtml(object, template) {
    const title = `<div class="tt-title">${escapeHtml(formatValue(object[template.title_field], "text", template))}</div>`;
    const rows = template.rows.map(([label, field, format]) =>
      `<div class="tt-row"><span class="tt-label">${escapeHtml(label)}</span>` +
      `<span class="tt-value">${escapeHtml(formatValue(object[field], format, template))}</span></div>`);
    const heading = template.heading ? `<div class="tt-heading">${escapeHtml(template.heading)}</div>` : "";
    return heading + title + rows.join("");
  }

  function getTooltip(info) {
    if (!info || !info.object || !info.layer) return null;
    const template = state.tooltips[info.layer.id];
    if (!template) return null;
    return { html: tooltipHtml(info.object, template), className: "twin-tooltip", style: { padding: "0" } };
  }

  // Clicks are picked here rather than through deck's onClick, which in deck.gl 9.4 was seen to miss
  // the first clicks on a page (its pointer-down pick came back empty). A press that moved more than a
  // few pixels is a drag of the view, not a click.
  const DRAG_PX = 5;

  function selectBuildingOnClick(parent) {
    let down = null;
    parent.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    parent.addEventListener("click", (e) => {
      if (!state.deck || !down || Math.hypot(e.clientX - down[0], e.clientY - down[1]) > DRAG_PX) return;
      const box = parent.getBoundingClientRect();
      const info = state.deck.pickObject({ x: e.clientX - box.left, y: e.clientY - box.top, radius: 2 });
      const buildingId = info && info.object && info.object.building_id;
      if (buildingId) window.dash_clientside.set_props("selected-building", { data: buildingId });
    });
  }

  function createDeck(containerId, view) {
    const parent = document.getElementById(containerId);
    if (!parent) return null;
    state.deck = new window.deck.Deck({
      parent,
      initialViewState: view,
      controller: true,
      getTooltip,
      layers: [],
    });
    selectBuildingOnClick(parent);
    window.twinDeck = state.deck; // handle for browser tests and for debugging in the console
    return state.deck;
  }

  function buildLayer(key, entry) {
    const cached = state.built[key];
    if (cached && cached.spec === entry.spec) return cached.layer;
    const layer = jsonConverter().convert({ layers: [entry.spec] }).layers[0];
    state.built[key] = { spec: entry.spec, layer };
    return layer;
  }

  function basemapLayer(url) {
    return new window.deck.TileLayer({
      id: "basemap",
      data: url,
      minZoom: 0,
      maxZoom: 19,
      tileSize: 256,
      renderSubLayers: (props) => {
        const { boundingBox } = props.tile;
        return new window.deck.BitmapLayer(props, {
          data: null,
          image: props.data,
          bounds: [boundingBox[0][0], boundingBox[0][1], boundingBox[1][0], boundingBox[1][1]],
        });
      },
    });
  }

  function isVisible(entry, toggled) {
    if (!entry.toggle) return true;
    const on = toggled.includes(entry.toggle);
    return entry.show_when_off ? !on : on;
  }

  function renderLayers(entries, toggled, config) {
    const deck = state.deck || createDeck(config.container_id, config.view);
    if (!deck) return window.dash_clientside.no_update;
    const layers = config.basemap_url ? [basemapLayer(config.basemap_url)] : [];
    for (const entry of entries) {
      const layer = buildLayer(entry.key, entry);
      // Always a fresh clone: deck.gl matches layers by id and keeps their GPU state, while a
      // layer instance must not be handed to deck.setProps twice.
      layers.push(layer.clone({ visible: isVisible(entry, toggled) }));
    }
    deck.setProps({ layers });
    return `${layers.filter((l) => l.props.visible).length}/${layers.length}`;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    twin: {
      // Inputs: each spec store holds a list of {key, toggle, show_when_off, spec}.
      render(staticEntries, timedEntries, toggled, config) {
        const entries = [].concat(staticEntries || [], timedEntries || []);
        return renderLayers(entries, toggled || [], config);
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
