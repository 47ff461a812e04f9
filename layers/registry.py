"""The toggleable map layers, in panel order. A new layer = one module here + one query in geodata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from layers import biodiversity, bookings, floors, parking
from layers.base import Legend, Tooltip
from layers.i18n import Lang


@dataclass(frozen=True)
class ToggleableLayer:
    key: str
    label_key: str  # translation key of the panel label
    legend: Callable[[Lang], Legend]
    tooltips: Callable[[Lang], list[Tooltip]]
    on_by_default: bool = True


TOGGLEABLE: tuple[ToggleableLayer, ...] = (
    ToggleableLayer(floors.KEY, "layer_occupancy", floors.legend, floors.tooltips),
    ToggleableLayer(bookings.KEY, "layer_bookings", bookings.legend, bookings.tooltips),
    ToggleableLayer(biodiversity.KEY, "layer_biodiversity", biodiversity.legend, biodiversity.tooltips),
    ToggleableLayer(parking.KEY, "layer_parking", parking.legend, parking.tooltips),
)
TOGGLE_KEYS = tuple(layer.key for layer in TOGGLEABLE)


def tooltip_templates(lang: Lang) -> dict[str, dict[str, object]]:
    """Every pickable layer's tooltip template, keyed by deck.gl layer id."""
    return {tip.layer_id: tip.as_json() for layer in TOGGLEABLE for tip in layer.tooltips(lang)}


def legends(lang: Lang) -> list[Legend]:
    return [layer.legend(lang) for layer in TOGGLEABLE]
