"""The comparison link's query string (callbacks/compare.py), checked value by value, and the table of the
changed floors it shows, on the tiny district."""

from __future__ import annotations

import duckdb
import pytest

from callbacks.compare import Comparison, Side, bridge_spec, parse_comparison
from geodata.scenario import BuildingChange, FloorChange, ScenarioDocument
from layers.scenario import table_rows

LATEST = {"abc": 3, "other_1": 1}


def latest(scenario_id: str) -> int | None:
    return LATEST.get(scenario_id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("?scenario=abc", None),  # a scenario alone is not a comparison
        ("?scenario=abc&compare=baseline", Comparison(Side(), Side("abc", 3))),
        ("?scenario=abc&version=2&compare=baseline", Comparison(Side(), Side("abc", 2))),
        ("?scenario=abc&version=1&compare=other_1", Comparison(Side("other_1", 1), Side("abc", 1))),
        ("?scenario=abc&version=3&compare=abc@2", Comparison(Side("abc", 2), Side("abc", 3))),
    ],
)
def test_good_links(query: str, expected: Comparison | None) -> None:
    assert parse_comparison(query, latest) == expected


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("?compare=baseline", ("error_compare_scenario", {})),
        ("?scenario=zzz&compare=baseline", ("error_scenario_id", {"value": "zzz"})),
        ("?scenario=a%20b&compare=baseline", ("error_scenario_id", {"value": "a b"})),
        ("?scenario=abc&compare=zzz", ("error_scenario_id", {"value": "zzz"})),
        ("?scenario=abc&compare=", ("error_scenario_id", {"value": ""})),
        ("?scenario=abc&version=4&compare=baseline", ("error_scenario_version", {"value": "4"})),
        ("?scenario=abc&compare=abc@9", ("error_scenario_version", {"value": "9"})),
        ("?scenario=abc&compare=abc@", ("error_scenario_version", {"value": ""})),
        ("?scenario=abc&version=0&compare=baseline", ("error_scenario_version", {"value": "0"})),
        ("?scenario=abc&version=02&compare=baseline", ("error_scenario_version", {"value": "02"})),
        ("?scenario=abc&version=-1&compare=baseline", ("error_scenario_version", {"value": "-1"})),
    ],
)
def test_bad_links_name_the_problem(query: str, problem: tuple[str, dict[str, str]]) -> None:
    assert parse_comparison(query, latest) == problem


def test_a_long_value_is_not_echoed_whole() -> None:
    found = parse_comparison("?scenario=" + "x" * 5000 + "&compare=baseline", latest)
    assert isinstance(found, tuple) and len(found[1]["value"]) < 200


def test_the_bridge_gets_each_views_scenario_parameter() -> None:
    spec = bridge_spec(Comparison(Side(), Side("abc", 2)))
    assert (spec["left"], spec["right"]) == (None, "abc@2")
    assert spec["left_id"] != spec["right_id"]


def test_the_table_of_changes(tiny_con: duckdb.DuckDBPyConnection) -> None:
    document = ScenarioDocument("x", (FloorChange("A-1", use="housing"), BuildingChange("B", "demolish")))
    rows = table_rows(tiny_con, document)
    assert [(r["building_id"], r["level"], r["change_code"], r["use_before"], r["use"]) for r in rows] == [
        ("A", 1, "change_use", "vacant", "housing"),
        ("B", 0, "change_demolished", "culture_sport", "culture_sport"),
    ]
