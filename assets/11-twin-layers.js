// deck.gl layers from the layer configuration (layers/registry.py::client_config: plain props, no data) and
// the prepared binary content of their source. Only the classes listed here can be created.
(function () {
  "use strict";

  const CLASSES = { PolygonLayer: () => window.deck.PolygonLayer, TextLayer: () => window.deck.TextLayer };

  // Accessors read typed arrays by index; they are made once per content and layer so that deck.gl sees the
  // same functions on every render and never recomputes attributes for a toggle.
  function accessors(spec, content) {
    if (content.accessors[spec.id]) return content.accessors[spec.id];
    const made = spec.geometry === "points" ? pointAccessors(spec, content) : polygonAccessors(spec, content);
    content.accessors[spec.id] = made;
    return made;
  }

  function polygonAccessors(spec, content) {
    const g = content.polygons, n = content.data.numbers, meta = content.data.meta;
    const out = {
      data: { length: g ? g.length : 0 },
      getPolygon: (_, { index }) => {
        const positions = g.positions.subarray(g.starts[index] * 3, g.starts[index + 1] * 3);
        return g.holes[index] ? { positions, holeIndices: g.holes[index] } : positions;
      },
      getElevation: n.row_height ? (_, { index }) => n.row_height[g.polyRow[index]] : meta.height || 0,
    };
    if (spec.fill && spec.fill.column) {
      const codes = n[spec.fill.column], palette = spec.fill.palette;
      out.getFillColor = (_, { index }) => palette[Math.min(codes[g.polyRow[index]], palette.length - 1)];
    } else if (spec.fill) {
      out.getFillColor = spec.fill;
    }
    return out;
  }

  function pointAccessors(spec, content) {
    const p = content.points, texts = content.data.strings[spec.text] || [], codes = content.data.numbers[spec.text];
    const made = {
      data: { length: p ? p.length : 0 },
      getPosition: (_, { index }) => p.positions.subarray(index * 3, index * 3 + 3),
      getText: (_, { index }) => (codes[index] >= 0 ? texts[codes[index]] : ""),
    };
    const background = spec.props && spec.props.getBackgroundColor;
    if (background && codes) {
      // A point without a label (null text) draws no empty box either.
      made.getBackgroundColor = (_, { index }) => (codes[index] >= 0 ? background : [0, 0, 0, 0]);
    }
    if (spec.declutter) {
      // Of overlapping labels, the one on the taller building stays.
      Object.assign(made, {
        extensions: [new window.deck.CollisionFilterExtension()],
        collisionEnabled: true,
        getCollisionPriority: (_, { index }) => p.positions[index * 3 + 2],
      });
    }
    return made;
  }

  function deckLayer(spec, content, id, visible, origin) {
    const Class = CLASSES[spec.class] && CLASSES[spec.class]();
    if (!Class) throw new Error(`layer class not allowed: ${spec.class}`);
    return new Class({
      ...spec.props,
      ...accessors(spec, content),
      id,
      visible,
      coordinateSystem: window.deck.COORDINATE_SYSTEM.LNGLAT_OFFSETS,
      coordinateOrigin: [origin[0], origin[1], 0],
      twin: { content, layerId: spec.id },
    });
  }

  // One TileLayer per tiled source; each tile draws every deck layer of that source that is visible.
  function tileLayer(name, source, specs, visibleIds, config, loadTile) {
    const url = source.url;
    return new window.deck.TileLayer({
      id: `tiles-${name}`,
      data: url,
      tileSize: 512,
      minZoom: source.tile.z,
      maxZoom: source.tile.z,
      visibleMinZoom: source.tile.min_zoom ?? undefined,
      visibleMaxZoom: source.tile.max_zoom ?? undefined,
      extent: config.extent,
      pickable: true,
      twinVisible: visibleIds.join(","), // a changed prop re-renders the tiles' layers, without refetching
      getTileData: ({ index, signal }) =>
        loadTile(url.replace("{z}", index.z).replace("{x}", index.x).replace("{y}", index.y), signal),
      renderSubLayers: (props) => {
        if (!props.data) return null;
        const shown = props.twinVisible.split(",");
        return specs.map((spec) => deckLayer(spec, props.data, `${props.id}-${spec.id}`, shown.includes(spec.id), config.origin));
      },
    });
  }

  window.twinLayers = { deckLayer, tileLayer };
})();
