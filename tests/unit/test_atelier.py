"""The workshop mode's pure parts: the query string (?mode=atelier&atelier=<code>), the idle setting, and
the scenario references a facilitator's dropdown sends."""

from __future__ import annotations

from datetime import datetime

import pytest

from callbacks.atelier import parse_ref, workshop_code
from callbacks.scenario_state import Shown
from components.view_query import parse_query, workshop
from geodata.settings import TwinSettings

PERIOD = (datetime(2026, 1, 1), datetime(2027, 6, 30, 23))
NOW = datetime(2026, 11, 23, 14, 37)


@pytest.mark.parametrize(
    ("search", "code"),
    [("", None), ("?lang=en", None), ("?mode=atelier", "atelier"),
     ("?mode=atelier&atelier=salle-2", "salle-2"), ("?mode=atelier&atelier=Salle 2", "atelier"),
     ("?mode=atelier&atelier=", "atelier"), ("?mode=kiosque&atelier=salle-2", None), ("?mode=ATELIER", None)],
)  # fmt: skip
def test_the_workshop_code_comes_from_the_query(search: str, code: str | None) -> None:
    assert workshop(search) == code


def test_a_bad_mode_is_a_message_and_the_usual_page() -> None:
    state = parse_query("?mode=kiosque", PERIOD, NOW)
    assert state.problems == (("error_mode", {"value": "kiosque"}),)
    assert parse_query("?mode=atelier", PERIOD, NOW).problems == ()


def test_a_bad_workshop_code_is_a_message_cut_short() -> None:
    state = parse_query("?mode=atelier&atelier=" + "X" * 100, PERIOD, NOW)
    assert state.problems == (("error_atelier_code", {"value": "X" * 40 + "…"}),)
    assert parse_query("?atelier=Bad!", PERIOD, NOW).problems == ()  # outside the workshop mode: not read


@pytest.mark.parametrize(
    ("value", "expected"),
    [("abc@2", Shown("abc", 2)), ("a@b@3", Shown("a@b", 3)), ("abc@0", None), ("abc@", None), ("@2", None),
     ("abc@-1", None), ("abc@1e3", None), ("abc@" + "9" * 10, None), (None, None), (["abc@2"], None),
     ("x" * 200 + "@1", None)],
)  # fmt: skip
def test_scenario_references_are_checked(value: object, expected: Shown | None) -> None:
    assert parse_ref(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [({"code": "salle-2"}, "salle-2"), ({"code": "Salle"}, None), ({"code": 3}, None), ("salle-2", None),
     (None, None), ({"code": "a" * 33}, None)],
)  # fmt: skip
def test_the_store_s_workshop_code_is_checked(value: object, expected: str | None) -> None:
    assert workshop_code(value) == expected


def test_the_idle_time_is_read_from_the_environment() -> None:
    assert TwinSettings.from_env({}).atelier_idle_s == 180
    assert TwinSettings.from_env({"TWIN_ATELIER_IDLE_S": "3"}).atelier_idle_s == 3
    for bad in ("0", "-5", "3.5", "soon", "86401", ""):
        with pytest.raises(ValueError, match="TWIN_ATELIER_IDLE_S"):
            TwinSettings.from_env({"TWIN_ATELIER_IDLE_S": bad})
