"""The scenario summary is generated from the numbers: each change and each moved indicator is in it."""

from __future__ import annotations

from texts.summary import ChangeGroup, scenario_summary

LABELS_FR = {"dwellings": "logements", "vacant_m2": "surface vacante"}


def test_summary_names_each_change_and_the_moved_indicators_in_french() -> None:
    groups = [ChangeGroup("use", "62", 4, 21320.0, "housing"), ChangeGroup("demolished", "12", 2, 800.0)]
    base = {"dwellings": 0.0, "vacant_m2": 85000.0}
    scenario = {"dwellings": 180.0, "vacant_m2": 63680.0}
    text = scenario_summary("École", groups, base, scenario, LABELS_FR, "fr")
    assert text.startswith(
        "Le scénario « École » convertit 4 niveaux du bâtiment 62 (21\u202f320\u00a0m²) en logement"
    )
    assert "démolit le bâtiment 12 (800\u00a0m²)" in text
    assert "logements : de 0 à 180" in text
    assert "surface vacante : de 85\u202f000\u00a0m² à 63\u202f680\u00a0m²" in text


def test_summary_leaves_out_indicators_that_do_not_move_and_speaks_english() -> None:
    groups = [ChangeGroup("use", "7", 1, 500.0, "office")]
    text = scenario_summary(
        "Offices", groups, {"dwellings": 5.0, "jobs": 10.0}, {"dwellings": 5.0, "jobs": 35.0},
        {"dwellings": "Dwellings", "jobs": "Jobs"}, "en",
    )  # fmt: skip
    assert (
        text == "The scenario “Offices” converts 1 level of building 7 (500\u00a0m²) to offices. "
        "Jobs: from 10 to 35."
    )


def test_an_empty_scenario_says_it_changes_nothing() -> None:
    assert "ne change encore rien" in scenario_summary("Vide", [], {}, {}, {}, "fr")
