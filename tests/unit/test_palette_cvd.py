"""Every two legend colours that can touch on the map stay apart for normal vision and under simulated
deuteranopia, protanopia and tritanopia; booked spaces keep a hue (issue 9: under deuteranopia the parking
colours neared the vacant floors' and booked spaces turned grey).

How it is measured (independently of the app: colorspacious, not our code):
- each legend colour is composited at its alpha over the district's ground (palette.DISTRICT_FILL), as it
  is seen on the map;
- simulated with Machado, Oliveira & Fernandes (2009) at full severity (dichromacy), colorspacious'
  "sRGB1+CVD";
- distance: Euclidean distance in CAM02-UCS (Luo et al. 2006), where ~1 is a just-noticeable difference.

Thresholds: MIN_DISTANCE for two colours of different meaning that can touch; MIN_CHROMA for the booked
spaces (CAM02 chroma; the no-data grey has ~1, the old reddish purple fell to 11 under deuteranopia).

What can touch: a building's slabs are its floors' statuses, the booked spaces on them and a scenario's
changes over them (all stacked on one another); the ground's patches are car parks and biodiversity plots,
which lie beside buildings and beside each other. Contribution pins stand over everything with a dark
outline (layers/contributions.py), so they need only differ among themselves. "No data" against "no data"
is the same meaning, not a pair.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from colorspacious import cspace_convert

from layers import biodiversity, bookings, contributions, floors, palette, parking, scenario
from layers.base import Legend

MIN_DISTANCE = 10.0
MIN_CHROMA = 20.0
SIMULATIONS = {"normal": None, "deuteranopia": "deuteranomaly", "protanopia": "protanomaly",
               "tritanopia": "tritanomaly"}  # fmt: skip
NO_DATA_RGB = palette.NO_DATA[:3]

Colour = tuple[str, tuple[int, int, int, int]]


def _items(legend: Legend, with_no_data: bool = True) -> list[Colour]:
    items = [(f"{legend.key}: {item.label}", tuple(item.color)) for item in legend.items]
    if with_no_data:
        items.append((f"{legend.key}: no data", palette.NO_DATA))
    return items  # type: ignore[return-value]


def building_colours() -> list[Colour]:
    return [*_items(floors.legend("fr")), *_items(bookings.legend("fr"), False),
            *_items(scenario.legend("fr"), False)]  # fmt: skip


def ground_colours() -> list[Colour]:
    return [*_items(parking.legend("fr"), False), *_items(biodiversity.legend("fr"), False),
            ("ground: no data", palette.NO_DATA)]  # fmt: skip


def on_ground(rgba: tuple[int, int, int, int]) -> Any:
    alpha = rgba[3] / 255
    return (np.asarray(rgba[:3]) * alpha + np.asarray(palette.DISTRICT_FILL[:3]) * (1 - alpha)) / 255


def seen(rgba: tuple[int, int, int, int], cvd: str | None) -> Any:
    rgb = on_ground(rgba)
    if cvd is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return rgb


def distance(a: tuple[int, int, int, int], b: tuple[int, int, int, int], cvd: str | None) -> float:
    ucs_a, ucs_b = (cspace_convert(seen(c, cvd), "sRGB1", "CAM02-UCS") for c in (a, b))
    return float(np.linalg.norm(ucs_a - ucs_b))


def touching_pairs() -> list[tuple[Colour, Colour]]:
    building, ground = building_colours(), ground_colours()
    pairs = [*itertools.combinations(building, 2), *itertools.combinations(ground, 2),
             *itertools.product(building, ground)]  # fmt: skip
    pins = _items(contributions.legend("fr"), False)
    pairs += list(itertools.combinations(pins, 2))
    return [(a, b) for a, b in pairs if not (a[1][:3] == NO_DATA_RGB == b[1][:3])]


def test_the_pairs_cover_every_legend_colour() -> None:
    names = {name for pair in touching_pairs() for name, _ in pair}
    legends = (floors, bookings, scenario, parking, biodiversity, contributions)
    expected = {f"{m.legend('fr').key}: {item.label}" for m in legends for item in m.legend("fr").items}
    assert expected <= names


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_colours_that_touch_stay_apart(vision: str) -> None:
    close = [
        f"{a[0]} / {b[0]}: {d:.1f}"
        for a, b in touching_pairs()
        if (d := distance(a[1], b[1], SIMULATIONS[vision])) < MIN_DISTANCE
    ]
    assert not close, f"under {vision}, closer than {MIN_DISTANCE} in CAM02-UCS: {close}"


def test_the_issue_s_pairs_are_far_apart_now() -> None:
    """The pairs issue 9 named, under deuteranopia: parking '< 10 %' and '10–40 %' against vacant floors."""
    vacant = floors.legend("fr").items[1].color
    for lot in parking.PALETTE[:2]:
        assert distance(lot, vacant, "deuteranomaly") >= MIN_DISTANCE


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_booked_spaces_are_not_grey(vision: str) -> None:
    booked = bookings.legend("fr").items[0].color
    jch = cspace_convert(seen(booked, SIMULATIONS[vision]), "sRGB1", "JCh")
    assert jch[1] >= MIN_CHROMA, f"booked spaces under {vision}: chroma {jch[1]:.1f}"
    assert distance(booked, palette.NO_DATA, SIMULATIONS[vision]) >= MIN_DISTANCE


def test_the_richness_greens_get_darker_for_every_vision() -> None:
    greens = [item.color for item in biodiversity.legend("fr").items]
    for cvd in SIMULATIONS.values():
        lightness = [cspace_convert(seen(c, cvd), "sRGB1", "CAM02-UCS")[0] for c in greens]
        assert all(a - b >= MIN_DISTANCE for a, b in itertools.pairwise(lightness))
