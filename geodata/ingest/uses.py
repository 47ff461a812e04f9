"""A building's use as the twin's use codes (geodata.uses), from BD TOPO's usage_1 or OSM's building=*.

BD TOPO and OSM say what a building is for, not whether it is used: every floor's status is left not known
(NULL) until the city's occupancy records (`python -m geodata.ingest occupancy`) set it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

FALLBACK_USE = "storage"  # BD TOPO "Indifférencié" / OSM building=yes: mostly sheds and annexes
_USE_OF: dict[str, str] = {
    # BD TOPO usage_1
    "residentiel": "housing",
    "commercial et services": "office",
    "industriel": "workshop",
    "agricole": "storage",
    "religieux": "culture_sport",
    "sportif": "culture_sport",
    "annexe": "storage",
    "indifferencie": FALLBACK_USE,
    # OpenStreetMap building=*
    "house": "housing",
    "residential": "housing",
    "apartments": "housing",
    "detached": "housing",
    "semidetached_house": "housing",
    "terrace": "housing",
    "dormitory": "housing",
    "school": "school",
    "university": "school",
    "college": "school",
    "kindergarten": "school",
    "office": "office",
    "commercial": "office",
    "public": "office",
    "civic": "office",
    "government": "office",
    "industrial": "workshop",
    "manufacture": "workshop",
    "factory": "workshop",
    "warehouse": "storage",
    "retail": "retail",
    "supermarket": "retail",
    "kiosk": "retail",
    "church": "culture_sport",
    "sports_hall": "culture_sport",
    "sports_centre": "culture_sport",
    "stadium": "culture_sport",
    "museum": "culture_sport",
    "theatre": "culture_sport",
    "hotel": "hospitality",
    "hospital": "hospitality",
    "garage": "parking",
    "garages": "parking",
    "parking": "parking",
    "carport": "parking",
    "shed": "storage",
    "barn": "storage",
    "farm_auxiliary": "storage",
    "storage_tank": "storage",
}


def use_code(raw: str | None) -> str:
    """The use code of a source's use label (accents and case ignored); FALLBACK_USE when unknown."""
    if raw is None:
        return FALLBACK_USE
    return _USE_OF.get(_plain(raw), FALLBACK_USE)


def use_codes(values: Iterable[str | None]) -> list[str]:
    """use_code of each value, each distinct label worked out once (a city repeats a handful of labels)."""
    values = list(values)
    codes = {value: use_code(value) for value in set(values)}
    return [codes[value] for value in values]


def is_known(raw: str | None) -> bool:
    return raw is not None and _plain(raw) in _USE_OF


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
