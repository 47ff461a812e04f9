"""The ratio table: every ratio sourced, assumptions marked, overrides checked."""

from __future__ import annotations

import math

import pytest

from geodata.ratios import RATIOS, ratios_with
from geodata.scenario import ScenarioError
from geodata.uses import USES


def test_every_ratio_has_a_unit_a_source_and_a_sensible_value() -> None:
    for name, ratio in RATIOS.items():
        assert ratio.unit and ratio.source, name
        assert math.isfinite(ratio.value) and ratio.value >= 0, name
        assert ratio.default is None and not ratio.overridden, name
        # An assumption says so where it is read; a published figure names no assumption.
        assert ratio.assumption == ratio.source.startswith("Assumption"), name


def test_every_use_has_an_energy_ratio_and_every_working_use_jobs_and_parking() -> None:
    assert {f"kwh_per_m2_{use}" for use in USES} <= set(RATIOS)
    working = set(USES) - {"housing", "vacant"}
    assert {f"jobs_per_100m2_{use}" for use in working} <= set(RATIOS)
    assert {f"parking_per_100m2_{use}" for use in working} <= set(RATIOS)
    assert RATIOS["kwh_per_m2_vacant"].value == 0.0


def test_the_published_figures_are_the_ones_cited() -> None:
    assert (
        RATIOS["residents_per_dwelling"].value == 2.26 and "2.26" in RATIOS["residents_per_dwelling"].source
    )
    assert RATIOS["min_m2_per_dwelling"].value == 9.0 and "9 m²" in RATIOS["min_m2_per_dwelling"].source
    assert RATIOS["parking_per_dwelling"].value == 1.0 and "L151-35" in RATIOS["parking_per_dwelling"].source


def test_an_override_keeps_the_default_beside_it() -> None:
    table = ratios_with({"m2_per_dwelling": 55, "kwh_per_m2_office": 0})
    assert table["m2_per_dwelling"].value == 55.0 and table["m2_per_dwelling"].default == 70.0
    assert table["m2_per_dwelling"].overridden and table["kwh_per_m2_office"].value == 0.0
    assert not table["residents_per_dwelling"].overridden
    assert ratios_with({}) == dict(RATIOS)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"bananas": 1.0}, "ratios.bananas", "unknown ratio"),
        ({"jobs_per_100m2_office": -1.0}, "ratios.jobs_per_100m2_office", "non-negative"),
        ({"jobs_per_100m2_office": math.nan}, "ratios.jobs_per_100m2_office", "finite"),
        ({"kwh_per_m2_school": math.inf}, "ratios.kwh_per_m2_school", "finite"),
        ({"m2_per_pupil": 0.0}, "ratios.m2_per_pupil", "positive"),
        ({"m2_per_parking_space": True}, "ratios.m2_per_parking_space", "finite number"),
        ({"m2_per_dwelling": 8.0}, "ratios.m2_per_dwelling", "less than a dwelling can have (9 m²)"),
        ({"min_m2_per_dwelling": 80.0}, "ratios.m2_per_dwelling", "less than a dwelling can have (80 m²)"),
    ],
)
def test_bad_overrides_are_refused_naming_the_ratio(
    overrides: dict[str, float], field: str, words: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        ratios_with(overrides)
    assert caught.value.field == field and words in str(caught.value)
