"""The conversion ratios behind the scenario indicators: one table, each ratio with its unit and source.

Every figure here is either a published reference (named, with where to find it) or an assumption, marked as
such: none was measured on the DMC site. A scenario may override any of them by name
(ScenarioDocument.ratios); `ratios_with` applies the overrides and keeps the default beside the new
value so the app can show both.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from geodata.errors import ScenarioError
from geodata.uses import USES


@dataclass(frozen=True)
class Ratio:
    value: float
    unit: str
    source: str
    note: str = ""
    assumption: bool = False  # True: a stated working hypothesis, not a published figure
    default: float | None = None  # the table's value when a scenario overrides this one, else None

    @property
    def overridden(self) -> bool:
        return self.default is not None


_INSEE_HOUSEHOLDS = (
    "INSEE, recensement RP2018, « Couples – Familles – Ménages en 2018 », aire d'attraction de Mulhouse "
    "(AAV2020 029), table FAM G1: 2.26 occupants per principal residence (insee.fr/fr/statistiques/5397894)"
)
_DECENCY = (
    "Décret n° 2002-120 du 30 janvier 2002 (logement décent), art. 4: a dwelling has a main room of ≥ 9 m²"
)
_PARKING_LAW = (
    "Assumption: the Mulhouse PLU's norm is not in the collected DMC facts; the legal cap is used instead — "
    "Code de l'urbanisme, art. L151-35: near good public transport a local plan may not require more than "
    "one space per dwelling"
)
_PARKING_ASSUMED = (
    "Assumption: the Mulhouse PLU's parking norms are not in the collected DMC facts; a middle-of-the-range "
    "French PLU norm for this use, to be replaced by the PLU's figure"
)
_JOBS_ASSUMED = (
    "Assumption: order of magnitude of job densities used in French programming studies (e.g. Institut Paris "
    "Region / ex-IAU îdF employment densities by type of premises); not counted on site"
)
_ENERGY_ASSUMED = (
    "Assumption: order of magnitude of final energy use per m² of the French building stock for this use "
    "(ADEME / CEREN key figures; OPERAT, décret tertiaire reference levels for tertiary uses); not "
    "metered on site, and a refurbished mill would do better"
)

# jobs per 100 m², parking spaces per 100 m², kWh per m² per year — by use code (geodata/uses.py).
_BY_USE: dict[str, tuple[float | None, float | None, float]] = {
    "housing": (None, None, 150.0),
    "school": (1.0, 0.3, 110.0),
    "office": (4.0, 1.5, 190.0),
    "workshop": (1.2, 0.8, 150.0),
    "retail": (2.0, 2.0, 240.0),
    "culture_sport": (0.5, 1.0, 140.0),
    "hospitality": (2.5, 1.5, 280.0),
    "parking": (0.0, 0.0, 15.0),
    "storage": (0.3, 0.3, 60.0),
    "vacant": (None, None, 0.0),
}
assert tuple(_BY_USE) == USES


def _by_use() -> dict[str, Ratio]:
    table: dict[str, Ratio] = {}
    for use, (jobs, parking, energy) in _BY_USE.items():
        if jobs is not None:
            table[f"jobs_per_100m2_{use}"] = Ratio(jobs, "jobs / 100 m²", _JOBS_ASSUMED, assumption=True)
        if parking is not None:
            table[f"parking_per_100m2_{use}"] = Ratio(
                parking, "spaces / 100 m²", _PARKING_ASSUMED, assumption=True
            )
        note = "Assumption: a vacant floor is left unheated." if use == "vacant" else ""
        table[f"kwh_per_m2_{use}"] = Ratio(energy, "kWh / m² / year", _ENERGY_ASSUMED, note, assumption=True)
    return table


RATIOS: Mapping[str, Ratio] = MappingProxyType(
    {
        "m2_per_dwelling": Ratio(
            70.0,
            "m² of floor area / dwelling",
            "Assumption: INSEE's average French flat is ~63 m² of living space (« Les conditions de "
            "logement en France », 2017), plus ~10 % for walls and shared circulation",
            assumption=True,
        ),
        "min_m2_per_dwelling": Ratio(
            9.0,
            "m² of floor area / dwelling",
            _DECENCY,
            "The least floor area a dwelling can have: a planner's "
            "explicit number of dwellings above area / this is refused.",
        ),  # fmt: skip
        "residents_per_dwelling": Ratio(
            2.26,
            "residents / dwelling",
            _INSEE_HOUSEHOLDS,
            "The commune of Mulhouse alone has smaller households (not checked here).",
        ),  # fmt: skip
        "parking_per_dwelling": Ratio(1.0, "spaces / dwelling", _PARKING_LAW, assumption=True),
        "m2_per_parking_space": Ratio(
            25.0,
            "m² / space",
            "Assumption: a 2.5 × 5 m space plus its share of aisles (the sample's lots are sized with it)",
            assumption=True,
        ),
        "m2_per_pupil": Ratio(
            10.0,
            "m² of floor area / pupil",
            "Assumption: gross floor area of a French collège per pupil, classrooms, halls and services",
            assumption=True,
        ),
        **_by_use(),
    }
)
# Divisors: zero would divide by zero, so these must be strictly positive.
_POSITIVE = ("m2_per_dwelling", "min_m2_per_dwelling", "m2_per_parking_space", "m2_per_pupil")


def ratios_with(overrides: Mapping[str, float]) -> dict[str, Ratio]:
    """The ratio table with a scenario's overrides applied; ScenarioError("ratios.<name>", ...) for an unknown
    name, a value that is not a finite number, a negative one, or a zero divisor."""
    table = dict(RATIOS)
    for name, value in overrides.items():
        table[name] = replace(_known(name), value=_checked(name, value), default=_known(name).value)
    if table["m2_per_dwelling"].value < table["min_m2_per_dwelling"].value:
        minimum = table["min_m2_per_dwelling"].value
        raise ScenarioError(
            "ratios.m2_per_dwelling",
            f"{table['m2_per_dwelling'].value:g} m² per dwelling is less than a dwelling can have "
            f"({minimum:g} m²)",
        )
    return table


def _known(name: str) -> Ratio:
    if name not in RATIOS:
        raise ScenarioError(f"ratios.{name}", "unknown ratio (see geodata/ratios.py for the names)")
    return RATIOS[name]


def _checked(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioError(f"ratios.{name}", f"expected a finite number, got {value!r}")
    if value < 0 or (value == 0 and name in _POSITIVE):
        raise ScenarioError(
            f"ratios.{name}",
            f"expected a {'positive' if name in _POSITIVE else 'non-negative'} number, got {value:g}",
        )
    return float(value)
