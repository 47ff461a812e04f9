"""The map layers, in drawing and panel order. A new layer = one module here + one query in geodata +
one entry below (plus its translations and tests): callbacks, components and the browser bridge stay as
they are."""

from __future__ import annotations

from typing import Any

from layers import biodiversity, bookings, context, contributions, floors, parking, scenario, selection
from layers.base import Legend, MapLayer, Source
from layers.shapes import Origin
from texts.i18n import Lang

MAP_LAYERS: tuple[MapLayer, ...] = (
    context.LAYER,
    floors.LAYER,
    scenario.LAYER,  # over the floors it changes
    bookings.LAYER,
    biodiversity.LAYER,
    parking.LAYER,
    contributions.LAYER,  # pins over everything they stand on
    selection.LAYER,  # the selected building's marker, whatever else is shown
)
TOGGLEABLE: tuple[MapLayer, ...] = tuple(layer for layer in MAP_LAYERS if layer.key is not None)
TOGGLE_KEYS: tuple[str, ...] = tuple(str(layer.key) for layer in TOGGLEABLE)
SOURCES: dict[str, Source] = {source.name: source for layer in MAP_LAYERS for source in layer.sources}


def tooltip_templates(lang: Lang) -> dict[str, dict[str, object]]:
    """Every pickable layer's tooltip template, keyed by deck.gl layer id."""
    return {tip.layer_id: tip.as_json() for layer in MAP_LAYERS for tip in layer.tooltips(lang)}


def legends(lang: Lang, facts: frozenset[str]) -> list[tuple[Legend, tuple[str, ...]]]:
    """Each toggle's legend, with the entries this data can draw (`facts`: geodata.queries.legend_facts),
    and the datasets behind it."""
    return [(layer.legend(lang).for_data(facts), layer.datasets) for layer in TOGGLEABLE if layer.legend]


def source_url(version: str, source: Source) -> str:
    """Where the browser fetches a source; the data version in the path makes each URL immutable."""
    tail = "/{z}/{x}/{y}.bin" if source.tile_zoom is not None else ".bin"
    return f"/layer-data/{version}/{source.name}{tail}"


def client_config(version: str, origin: Origin, extent: tuple[float, float, float, float]) -> dict[str, Any]:
    """What the browser bridge needs to draw every layer: sources (URL, parameters, tiling) and deck.gl
    layers (plain props). Small and independent of the data's size."""
    sources = {
        name: {
            "url": source_url(version, source),
            "params": list(source.params),
            "tile": None
            if source.tile_zoom is None
            else {
                "z": source.tile_zoom,
                "min_zoom": source.visible_zooms[0],
                "max_zoom": source.visible_zooms[1],
            },
        }
        for name, source in SOURCES.items()
    }
    layers = [deck.as_json(layer.key) for layer in MAP_LAYERS for deck in layer.deck_layers]
    return {"origin": list(origin), "extent": list(extent), "sources": sources, "layers": layers}
