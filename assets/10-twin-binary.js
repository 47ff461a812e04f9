// Reads the binary columns of a layer source (layers/binary.py, docs/adr/0003) into typed arrays, and turns
// them into what deck.gl draws: flat polygon positions (one polygon per row and part, at the row's base
// height) and label points. Text only ever comes out of JSON.parse, as plain strings.
(function () {
  "use strict";

  const QUANTUM_DEG = 1e-7; // layers/shapes.py; a payload may name another in meta.quantum
  const TYPES = {
    uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
    float32: Float32Array, float64: Float64Array,
  };

  function decode(buffer) {
    const bytes = new Uint8Array(buffer);
    if (String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== "TWB1") throw new Error("not a TWB1 payload");
    const length = new DataView(buffer).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
    const numbers = {}, meta = header.meta || {}, scales = meta.scales || {};
    for (const c of header.columns) {
      const values = new TYPES[c.dtype](buffer, 8 + length + c.offset, c.count);
      numbers[c.name] = c.name in scales ? Float32Array.from(values, (v) => v * scales[c.name]) : values;
    }
    return { meta, numbers, strings: header.strings || {} };
  }

  // Start of each item from the counts, plus the end: counts [2, 3] give [0, 2, 5].
  function starts(counts) {
    const out = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) out[i + 1] = out[i] + counts[i];
    return out;
  }

  // Delta-coded quantised steps to lon/lat offsets from the origin.
  function lonLatOffsets(xy, quantum) {
    const out = new Float32Array(xy.length);
    let x = 0, y = 0;
    for (let i = 0; i < xy.length; i += 2) {
      x += xy[i]; y += xy[i + 1];
      out[i] = x * quantum; out[i + 1] = y * quantum;
    }
    return out;
  }

  function identity(n) {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }

  function polygons(data) {
    const n = data.numbers;
    if (!n.xy) return null;
    const lonlat = lonLatOffsets(n.xy, data.meta.quantum || QUANTUM_DEG);
    const ringStart = starts(n.ring_sizes), partRing = starts(n.part_rings), shapePart = starts(n.shape_parts);
    const rowShape = n.row_shape || identity(n.shape_parts.length);
    let count = 0, vertices = 0;
    for (let r = 0; r < rowShape.length; r++) {
      const s = rowShape[r];
      count += n.shape_parts[s];
      vertices += ringStart[partRing[shapePart[s + 1]]] - ringStart[partRing[shapePart[s]]];
    }
    const out = {
      length: count, positions: new Float32Array(vertices * 3), starts: new Uint32Array(count + 1),
      holes: new Array(count), polyRow: new Uint32Array(count), rowShape,
    };
    let p = 0, v = 0;
    for (let r = 0; r < rowShape.length; r++) {
      const s = rowShape[r], z = n.row_base ? n.row_base[r] : data.meta.base || 0;
      for (let part = shapePart[s]; part < shapePart[s + 1]; part++) {
        out.starts[p] = v; out.polyRow[p] = r;
        const holes = [];
        for (let ring = partRing[part]; ring < partRing[part + 1]; ring++) {
          if (ring > partRing[part]) holes.push((v - out.starts[p]) * 3);
          for (let k = ringStart[ring]; k < ringStart[ring + 1]; k++, v++) {
            out.positions[v * 3] = lonlat[k * 2]; out.positions[v * 3 + 1] = lonlat[k * 2 + 1]; out.positions[v * 3 + 2] = z;
          }
        }
        out.holes[p] = holes.length ? holes : null;
        p++;
      }
    }
    out.starts[count] = v;
    return out;
  }

  function points(data) {
    const n = data.numbers;
    if (!n.point_xy) return null;
    const count = n.point_xy.length / 2, positions = new Float32Array(count * 3);
    const quantum = data.meta.quantum || QUANTUM_DEG;
    for (let i = 0; i < count; i++) {
      positions[i * 3] = n.point_xy[i * 2] * quantum;
      positions[i * 3 + 1] = n.point_xy[i * 2 + 1] * quantum;
      positions[i * 3 + 2] = n.s_z ? n.s_z[i] : 0;
    }
    return { length: count, positions };
  }

  function value(data, name, index) {
    const codes = data.numbers[name], dictionary = data.strings[name];
    if (dictionary) return codes[index] >= 0 ? dictionary[codes[index]] : null;
    const number = codes[index];
    return Number.isNaN(number) ? null : number;
  }

  // The attributes of the row drawn as polygon `index`: its own fields (f_*) and its shape's (s_*).
  function rowOf(content, index) {
    const { data, polygons: g } = content;
    const row = g ? g.polyRow[index] : index, shape = g ? g.rowShape[row] : index;
    const out = {};
    for (const name of Object.keys(data.numbers)) {
      if (name.startsWith("f_")) out[name.slice(2)] = value(data, name, row);
      else if (name.startsWith("s_")) out[name.slice(2)] = value(data, name, shape);
    }
    return out;
  }

  function prepare(buffer) {
    const data = decode(buffer);
    return { data, polygons: polygons(data), points: points(data), accessors: {}, bytes: buffer.byteLength };
  }

  window.twinBinary = { decode, prepare, rowOf };
})();
