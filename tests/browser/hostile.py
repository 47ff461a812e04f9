"""Hostile payloads for the callback fuzz test (tests/browser/test_requests.py): wrong types, edge values,
injection attempts, oversized and deeply nested values. Deterministic, so a failure names its index."""

from __future__ import annotations

import json


def _nested(depth: int, leaf: object = None) -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


NUMBERS: list[object] = [
    None, True, False, 0, -1, 1, 23, 24, -0.0, 0.5, 13.999, 14.0, 1e308, -1e308, 2**31, 2**63, -(2**63),
    10**30, float("nan"), float("inf"), float("-inf"),
]  # fmt: skip

TIMES = [
    "2026-11-23", "2026-11-23T14:00", "2026-11-23T14:00:00", "2026-11-23T14:00+05:00", "2026-11-23T14:00Z",
    "2026-11-23T14:30", "2026-11-23 14:00", "2026-02-30", "2026-13-01", "2026-11-23T25:00", "0001-01-01",
    "0001-01-01T00:00+05:00", "9999-12-31", "9999-12-31T23:00", "9999-12-31T23:59-05:00", "99999-01-01",
    "23/11/2026", "2026-11-23garbage", "2026-11-23T14:00:00.000000000000000001",
]  # fmt: skip

QUERIES = [
    "?lang=en", "?lang=de&at=abc", "?at=2026-11-23T14:00%2B05:00", "?at=0001-01-01T00:00%2B05:00",
    "?at=9999-12-31T23:00-12:00", "?lang=en&lang=fr&at=&at=x", "?" + "&".join(f"k{i}=v" for i in range(5000)),
    "?lang=" + "x" * 100_000, "?at=" + "9" * 5000, "?%ff%fe=%ff", "?lang=%00", "#frag", "?lang=en#x",
    "?at=2026-11-23T14:00:00%2B99:00", "?lang=EN%20",
]  # fmt: skip

TEXTS = [
    "", " ", "abc", "14", "-1", "24", "1e3", "NaN", "Infinity", "null", "true", "fr", "en", "EN ", "de",
    "\x00", "\ud800", "\udfff", "é" * 1000, "\u202e", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "@@=constructor", "@@#Nope.nothing", "{value}", "{0.__class__}",
    "{building_id!r:>99999}", "%s%s%n", "'; DROP TABLE floors; --", "12' OR '1'='1", "../../etc/passwd",
    "\n\r\t",
]  # fmt: skip

MESSAGES: list[object] = [
    [], [None], [1], ["a"], [[]], [[1, 2]], [["error_lang", {"value": "x"}]], [["error_lang", {}]],
    [["error_at_range", {"value": "x"}]], [["nope", {}]], [["error_lang", ["x"]]],
    [["error_lang", {"value": ["x"]}]], [["error_lang", {"value": "{0.__class__}"}]],
    [["error_lang", {"value": "x" * 100_000}]], [["error_lang", {"value": "\ud800"}]],
    [["error_lang", {"value": "x"}, "extra"]], ["error_lang"], [["app_title", {}]], [[[], {}]], [[{}, {}]],
    [["error_lang", {"value": "x"}]] * 10_000, list(range(1000)), [{"a": 1}], ["fr"], ["2026-11-23"], [14],
]  # fmt: skip

OBJECTS: list[object] = [
    {}, {"a": 1}, {"value": "fr"}, {"id": "x", "property": "y"}, {"__proto__": {"x": 1}},
    {"constructor": "x"}, {"props": {"children": "x"}, "type": "Div", "namespace": "dash_html_components"},
    {"date": "2026-11-23"}, {"": None}, _nested(100), _nested(100, "x"),
]  # fmt: skip

HOSTILE_VALUES: list[object] = [*NUMBERS, *TIMES, *QUERIES, *TEXTS, *MESSAGES, *OBJECTS]

_GOOD = {
    "output": "at-store.data", "outputs": {"id": "at-store", "property": "data"},
    "inputs": [{"id": "date-choice", "property": "date", "value": "2026-11-23"},
               {"id": "hour-choice", "property": "value", "value": 14}],
    "changedPropIds": ["hour-choice.value"], "state": [],
}  # fmt: skip


def _with(**changes: object) -> bytes:
    body = {key: value for key, value in {**_GOOD, **changes}.items() if value is not ...}
    return json.dumps(body).encode()


JSON = "application/json"
# Bodies Dash itself would answer with a 500 (KeyError, TypeError, RecursionError): each must be a 400.
MALFORMED_BODIES: list[tuple[bytes, str]] = [
    (b"abc", JSON), (b"", JSON), (b"[]", JSON), (b"null", JSON), (b"42", JSON), (b'"x"', JSON),
    (b'{"output": "at-store.data", "x": "\xff\xfe"}', JSON), (b"a=b", "application/x-www-form-urlencoded"),
    (_with(output=...), JSON), (_with(output="nope.data"), JSON), (_with(output=5), JSON),
    (_with(output=["at-store.data"]), JSON), (_with(output="page-lang-status.data"), JSON),
    (_with(inputs="x"), JSON), (_with(inputs=...), JSON), (_with(inputs=[]), JSON),
    (_with(inputs=[{"id": "date-choice", "property": "date", "value": "x"}]), JSON),
    (_with(inputs=[{"id": "url", "property": "search"}, {"id": "hour-choice", "property": "value"}]),
     JSON),
    (_with(inputs=[1, 2]), JSON), (_with(inputs=[[], []]), JSON), (_with(state="x"), JSON),
    (_with(state=[{"id": "x", "property": "y"}]), JSON), (_with(outputs=[1]), JSON),
    (_with(outputs="x"), JSON),
    (_with(changedPropIds=[1, {}]), JSON), (_with(changedPropIds="x"), JSON),
    (b'{"output": "at-store.data", "inputs": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", JSON),
    (b'{"output": "at-store.data", "inputs": [' + b"9" * 5000 + b"]}", JSON),
]  # fmt: skip
