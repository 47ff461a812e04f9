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
    datasets: tuple[str, ...]  # where its figures come from, named in its legend's source line
    on_by_default: bool = True


TOGGLEABLE: tuple[ToggleableLayer, ...] = (
    ToggleableLayer(floors.KEY, "layer_occupancy", floors.legend, floors.tooltips, ("buildings", "floors")),
    ToggleableLayer(
        bookings.KEY, "layer_bookings", bookings.legend, bookings.tooltips, ("spaces", "bookings")
    ),
    ToggleableLayer(
        biodiversity.KEY,
        "layer_biodiversity",
        biodiversity.legend,
        biodiversity.tooltips,
        ("biodiversity_plots", "biodiversity_observations"),
    ),
    ToggleableLayer(
        parking.KEY, "layer_parking", parking.legend, parking.tooltips, ("parking_lots", "parking_occupancy")
    ),
)
TOGGLE_KEYS = tuple(layer.key for layer in TOGGLEABLE)


def tooltip_templates(lang: Lang) -> dict[str, dict[str, object]]:
    """Every pickable layer's tooltip template, keyed by deck.gl layer id."""
    return {tip.layer_id: tip.as_json() for layer in TOGGLEABLE for tip in layer.tooltips(lang)}


def legends(lang: Lang) -> list[tuple[Legend, tuple[str, ...]]]:
    """Each toggle's legend with the datasets behind it."""
    return [(layer.legend(lang), layer.datasets) for layer in TOGGLEABLE]
