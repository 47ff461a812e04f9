"""What the synthetic city's buildings and floors hold: storeys, heights, periods, uses, occupants, vacancy.

Every value is drawn per building or per floor with numpy, from odds that depend on the building's kind and
on how far from the centre it stands (older, taller and busier in the centre).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from geodata.sample.city_buildings import KINDS
from geodata.schema import CONSTRUCTION_PERIODS

MAX_FLOORS = 12
_VACANT_BUILDING_SHARE = 0.04
_VACANT_FLOOR_SHARE = 0.09
_NON_RESIDENTIAL = ("office", "workshop", "storage", "school")
_SHOPS = ("Boulangerie", "Pharmacie", "Café", "Librairie", "Épicerie", "Coiffeur", "Restaurant", "Fleuriste")
_EATERIES = ("Café", "Restaurant")
_FIRMS = ("Société", "Cabinet", "Atelier", "Entreprise", "Agence")
_NAMES = {
    "perimeter": "Immeuble",
    "courtyard": "Immeuble à cour",
    "terraced": "Maison de ville",
    "houses": "Maison",
    "large": "Bâtiment",
}


@dataclass(frozen=True)
class BuildingFacts:
    floors: np.ndarray
    storey_m: np.ndarray
    period: np.ndarray  # index into CONSTRUCTION_PERIODS
    protected: np.ndarray
    apartments: np.ndarray  # True for housing, False for workshops, offices, schools


def building_facts(kind: np.ndarray, rho: np.ndarray, rng: np.random.Generator) -> BuildingFacts:
    count = kind.size
    centre = np.clip(1.0 - rho, 0.0, 1.0)  # 1 at the centre, 0 at the edge and beyond
    apartments = (kind != KINDS.index("large")) | (rng.uniform(0, 1, count) < 0.45)
    mean = np.choose(kind, [5.4 + 2.4 * centre, 6.2, 3.7, 2.0, 2.2]) + np.where(
        (kind == KINDS.index("large")) & apartments, 5.8, 0.0
    )
    floors = np.clip(np.rint(rng.normal(mean, 0.9)), 1, MAX_FLOORS - 3).astype(np.int64)
    tower = (rng.uniform(0, 1, count) < 0.02) & (kind != KINDS.index("houses"))
    floors = np.where(tower, rng.integers(MAX_FLOORS - 3, MAX_FLOORS + 1, count), floors)  # few tall ones
    storey = np.where(apartments, rng.uniform(2.8, 3.4, count), rng.uniform(3.4, 4.5, count))
    storey = np.minimum(np.where(centre > 0.6, storey + 0.3, storey), 4.5)  # high ceilings of the old town
    period = _periods(centre, rng)
    protected = (rng.uniform(0, 1, count) < 0.02 * centre**2) | (kind == KINDS.index("courtyard")) & (
        rng.uniform(0, 1, count) < 0.1
    )
    return BuildingFacts(floors, np.round(storey, 2), period, protected, apartments)


def _periods(centre: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The centre is mostly 19th century, the edges mostly 1921–1958."""
    draw = rng.uniform(0, 1, centre.size)
    old, middle = 0.15 + 0.6 * centre, 0.35
    period: np.ndarray = np.where(draw < old, 0, np.where(draw < old + middle, 1, 2))
    assert len(CONSTRUCTION_PERIODS) == 3
    return period


def building_names(kind: np.ndarray, numbers: np.ndarray) -> list[str]:
    labels = [_NAMES[name] for name in KINDS]
    return [f"{labels[k]} {n}" for k, n in zip(kind.tolist(), numbers.tolist(), strict=True)]


@dataclass(frozen=True)
class FloorFacts:
    building: np.ndarray  # index of the building
    level: np.ndarray
    occupied: np.ndarray
    use: list[str]
    occupant: list[str | None]


def floor_facts(
    facts: BuildingFacts, rho: np.ndarray, numbers: np.ndarray, rng: np.random.Generator
) -> FloorFacts:
    """One row per floor, building by building from the ground up; a few buildings are wholly vacant."""
    building = np.repeat(np.arange(facts.floors.size), facts.floors)
    starts = np.cumsum(facts.floors) - facts.floors
    level = np.arange(building.size) - np.repeat(starts, facts.floors)
    empty = rng.uniform(0, 1, facts.floors.size) < _VACANT_BUILDING_SHARE
    occupied = ~empty[building] & (rng.uniform(0, 1, building.size) >= _VACANT_FLOOR_SHARE)
    shop = (
        (level == 0)
        & facts.apartments[building]
        & (rng.uniform(0, 1, building.size) < 0.6 - 0.5 * rho[building])
    )
    office = (level > 0) & (rng.uniform(0, 1, building.size) < 0.12 * np.clip(1.0 - rho[building], 0.0, 1.0))
    home = facts.apartments[building] & ~office  # some upper floors of the centre are offices
    trade = rng.integers(0, len(_NON_RESIDENTIAL), building.size)
    pick = rng.integers(0, max(len(_SHOPS), len(_FIRMS)), building.size)
    flags = zip(occupied.tolist(), shop.tolist(), home.tolist(), strict=True)
    codes = zip(trade.tolist(), pick.tolist(), numbers[building].tolist(), strict=True)
    pairs = [_floor_use(*flag, *code) for flag, code in zip(flags, codes, strict=True)]
    use, occupant = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
    return FloorFacts(building, level, occupied, use, occupant)


def _floor_use(
    occupied: bool, shop: bool, home: bool, trade: int, pick: int, number: int
) -> tuple[str, str | None]:
    """(use, occupant) of one floor: cheap string work only, the draws are made beforehand."""
    if not occupied:
        return "vacant", None
    if shop:
        name = _SHOPS[pick % len(_SHOPS)]
        return ("hospitality" if name in _EATERIES else "retail"), f"{name} n° {number}"
    if home:
        return "housing", f"Copropriété n° {number}"
    return _NON_RESIDENTIAL[trade], f"{_FIRMS[pick % len(_FIRMS)]} n° {number}"
