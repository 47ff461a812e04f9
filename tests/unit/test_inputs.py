"""The shared input checks of the callbacks: good values pass, everything else is refused without raising."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callbacks import inputs

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)
CHECKS = (
    inputs.hour,
    inputs.clicks,
    inputs.day,
    inputs.instant,
    inputs.building_id,
    inputs.problems,
    inputs.query_string,
    inputs.lang,
    inputs.echo,
)


@given(JSON)
def test_no_check_raises_on_any_json_value(value: object) -> None:
    for check in CHECKS:
        check(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (23, 23),
        (14.0, 14),
        (24, None),
        (-1, None),
        ("14", None),
        (True, None),
        (float("nan"), None),
        (float("inf"), None),
        (13.5, None),
        (None, None),
    ],
)
def test_hour(value: object, expected: int | None) -> None:
    assert inputs.hour(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (0, 0), (None, 0), ("abc", 0), (-2, 0), (False, 0), (float("nan"), 0), (2.0, 2)],
)
def test_clicks(value: object, expected: int) -> None:
    assert inputs.clicks(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("2026-11-23T00:00:00", date(2026, 11, 23)),
        ("2026-11-23garbage", None),
        ("2026-02-30", None),
        ("23/11/2026", None),
        (20261123, None),
        (["2026-11-23"], None),
        ("2026-11-23T" + "0" * 100, None),
    ],
)
def test_day(value: object, expected: date | None) -> None:
    assert inputs.day(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-23T14:00", datetime(2026, 11, 23, 14)),
        ("2026-11-23T14:00+05:00", None),
        ("2026-11-23T14:00Z", None),
        ("abc", None),
        (None, None),
        ("\ud800", None),
        ({"at": "2026-11-23T14:00"}, None),
    ],
)
def test_instant_refuses_offsets_and_non_text(value: object, expected: datetime | None) -> None:
    assert inputs.instant(value) == expected


def test_echo_never_returns_more_than_forty_one_characters() -> None:
    assert inputs.echo("x" * 5_000_000) == "x" * 40 + "…"
    assert inputs.echo("court") == "court"
    assert inputs.echo(["x" * 100]) == "list"
    assert inputs.echo("\ud800").encode("utf-8")


def test_building_id() -> None:
    assert inputs.building_id("48") == "48"
    assert [inputs.building_id(v) for v in ("", "  ", 48, ["48"], None, "\udfff")] == [None] * 6


def test_only_known_messages_with_all_their_placeholders_are_kept() -> None:
    stored = [
        ["error_lang", {"value": "xx"}],
        ["error_at_range", {"value": "x"}],
        ["app_title", {}],
        ["nope", {}],
        ["error_lang", {"value": ["x"]}],
        "error_lang",
        ["error_at", {"value": "y" * 500}],
    ]
    assert inputs.problems(stored) == [("error_lang", {"value": "xx"}), ("error_at", {"value": "y" * 41})]
    assert inputs.problems({"error_lang": {}}) == []
    assert len(inputs.problems([["error_lang", {"value": "x"}]] * 1000)) == inputs.MAX_MESSAGES


def test_lang() -> None:
    assert [inputs.lang(v) for v in ("en", " EN ", "fr", "de", ["en"], None, "en" * 100)] == [
        "en",
        "en",
        "fr",
        "fr",
        "fr",
        "fr",
        "fr",
    ]
