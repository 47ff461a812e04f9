"""Query-string values: good ones are used, bad ones fall back to defaults and say why."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from callbacks.time_choice import at_from_controls
from components.view_query import default_at, parse_query, url_layers
from texts.i18n import TEXT, t

PERIOD = (datetime(2026, 1, 1), datetime(2027, 6, 30, 23))
NOW = datetime(2026, 11, 23, 14, 37)


def test_no_query_gives_french_and_now_to_the_hour() -> None:
    state = parse_query("", PERIOD, NOW)
    assert (state.lang, state.at, state.problems) == ("fr", datetime(2026, 11, 23, 14), ())


def test_good_values_are_used() -> None:
    state = parse_query("?lang=en&at=2026-12-01T09:00", PERIOD, NOW)
    assert (state.lang, state.at, state.problems) == ("en", datetime(2026, 12, 1, 9), ())


def test_minutes_are_rounded_down_with_a_note() -> None:
    state = parse_query("?at=2026-12-01T09:30", PERIOD, NOW)
    assert state.at == datetime(2026, 12, 1, 9)
    assert state.problems == (("note_at_rounded", {"value": "2026-12-01T09:30"}),)


def test_timezone_aware_values_become_paris_wall_clock() -> None:
    state = parse_query("?at=2026-07-01T08:00Z", PERIOD, NOW)
    assert (state.at, state.problems) == (datetime(2026, 7, 1, 10), ())


def test_bad_language_falls_back_to_french_with_a_message() -> None:
    state = parse_query("?lang=xx", PERIOD, NOW)
    assert state.lang == "fr"
    assert state.problems == (("error_lang", {"value": "xx"}),)


def test_unreadable_date_falls_back_with_a_message() -> None:
    state = parse_query("?at=yesterday", PERIOD, NOW)
    assert state.at == datetime(2026, 11, 23, 14)
    assert state.problems[0][0] == "error_at"


def test_date_outside_the_data_is_refused() -> None:
    state = parse_query("?at=2030-01-01T10:00", PERIOD, NOW)
    assert state.problems[0][0] == "error_at_range"
    assert state.problems[0][1]["start"] == "01/01/2026"


def test_long_bad_values_are_shortened_in_messages() -> None:
    state = parse_query("?lang=" + "x" * 500, PERIOD, NOW)
    assert len(state.problems[0][1]["value"]) <= 41


def test_default_is_clamped_into_the_data_period() -> None:
    assert default_at(PERIOD, datetime(2030, 5, 5, 5)) == PERIOD[1]
    assert default_at(PERIOD, datetime(2020, 5, 5, 5)) == PERIOD[0]


@given(st.text(max_size=80))
def test_any_query_string_gives_a_usable_state(search: str) -> None:
    state = parse_query(search, PERIOD, NOW)
    assert state.lang in ("fr", "en")
    assert PERIOD[0] <= state.at <= PERIOD[1]


def test_controls_combine_into_an_instant() -> None:
    assert at_from_controls("2026-11-23", 15) == datetime(2026, 11, 23, 15)
    assert at_from_controls("2026-11-23T00:00:00", 0) == datetime(2026, 11, 23, 0)
    assert at_from_controls(None, 15) is None
    assert at_from_controls("2026-11-23", None) is None
    assert at_from_controls("2026-11-23", 24) is None
    assert at_from_controls("23/11/2026", 10) is None


def test_layers_building_and_view_are_read() -> None:
    search = "?layers=occupancy,parking&building=62&view=7.3355,47.7432,16.5,45,-20"
    state = parse_query(search, PERIOD, NOW)
    assert state.problems == ()
    assert state.layers == ("occupancy", "parking")
    assert state.building == "62"
    expected = {"longitude": 7.3355, "latitude": 47.7432, "zoom": 16.5, "pitch": 45.0, "bearing": -20.0}
    assert state.view == expected


def test_no_layers_is_an_empty_list_and_absent_means_the_defaults() -> None:
    assert parse_query("?layers=", PERIOD, NOW).layers == ()
    assert parse_query("", PERIOD, NOW).layers is None
    assert url_layers("?layers=parking,parking") == ["parking"]
    assert url_layers("?lang=en") is None


def test_an_unknown_layer_keeps_the_defaults_with_a_message() -> None:
    state = parse_query("?layers=parking,volcanoes", PERIOD, NOW)
    assert state.layers is None
    assert state.problems == (("error_layers", {"value": "volcanoes"}),)
    assert "volcanoes" in t("error_layers", "fr", value="volcanoes")


def test_bad_views_are_refused() -> None:
    bad_views = ("1,2,3", "7.3,47.7,16,45,-20,1", "7.3,95,16,45,-20", "7.3,47.7,16,90,0", "a,b,c,d,e")
    for bad in bad_views:
        state = parse_query(f"?view={bad}", PERIOD, NOW)
        assert state.view is None, bad
        assert [key for key, _ in state.problems] == ["error_view"], bad


def test_a_blank_or_huge_building_id_is_refused() -> None:
    for bad in ("", "   ", "x" * 201):
        state = parse_query(f"?building={bad}", PERIOD, NOW)
        assert (state.building, [key for key, _ in state.problems]) == (None, ["error_building"])


def test_every_new_message_is_translated() -> None:
    for key in ("error_layers", "error_building", "error_view"):
        assert set(TEXT[key]) == {"fr", "en"}
