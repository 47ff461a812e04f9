"""The JSON bodies of the contributions' API read into what the store takes, refusing with one line that
names the field. Types and places are checked here (where a contribution is pinned: geodata.places; which
scenario it refers to: one the caller may see, store.permissions.can); the store's functions check the
values they own (category, text and pseudonym lengths, statuses, decisions) and refuse the same way."""

from __future__ import annotations

import re
from datetime import datetime

from api.json_requests import ApiError
from geodata.places import Place, PlaceError, place_of
from geodata.queries import Connection
from store import scenarios
from store.accounts import Account
from store.contributions import CATEGORIES, NewContribution
from store.database import Store
from store.permissions import can

NEW_FIELDS = ("category", "text", "pseudonym", "building_id", "floor_id", "lon", "lat", "scenario_id",
              "scenario_version", "shown_at", "consent")  # fmt: skip
MODERATION_FIELDS = ("decision", "reason")
FOLLOW_UP_FIELDS = ("status", "answer", "scenario_id", "scenario_version")
MAX_SHOWN_AT_CHARS = 32
_FIELD_NAME = re.compile(r"[A-Za-z0-9_]{1,40}")  # an unknown key is named only when it is a plain word


def json_object(data: object, fields: tuple[str, ...]) -> dict[str, object]:
    """The body as an object with only the fields this route knows (a misspelt "consent" is an error,
    not a missing consent)."""
    if not isinstance(data, dict):
        raise ApiError(400, f"the body must be a JSON object with the fields {', '.join(fields)}")
    for key in data:
        if key not in fields:
            name = key if _FIELD_NAME.fullmatch(key) else "a field"
            raise ApiError(400, f"{name}: unknown field; expected {', '.join(fields)}")
    return data


def new_contribution(
    body: dict[str, object], con: Connection, store: Store, viewer: Account | None
) -> NewContribution:
    """A contribution as sent: consent first, then what it says, where it is pinned, what was on screen."""
    if body.get("consent") is not True:
        raise ApiError(400, "consent: must be true: the author agrees to publication once it is approved")
    category, text, pseudonym = _category(body), text_field(body, "text"), optional_text(body, "pseudonym")
    place = _place(con, body)
    scenario_id, version = referred_scenario(store, viewer, body)
    return NewContribution(
        category=category, text=text, pseudonym=pseudonym,
        building_id=place.building_id, floor_id=place.floor_id, level=place.level,
        lon=place.lon, lat=place.lat,
        scenario_id=scenario_id, scenario_version=version, shown_at=shown_at(body.get("shown_at")),
    )  # fmt: skip


def text_field(body: dict[str, object], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise ApiError(400, f"{name}: required, as text")
    return value


def optional_text(body: dict[str, object], name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"{name}: must be text, or left out")
    return value


def _category(body: dict[str, object]) -> str:
    value = body.get("category")
    if not isinstance(value, str):
        raise ApiError(400, f"category: required, one of {', '.join(CATEGORIES)}")
    return value


def _number(body: dict[str, object], name: str) -> float | None:
    value = body.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ApiError(400, f"{name}: must be a number (WGS84 degrees)")
    return value


def _place(con: Connection, body: dict[str, object]) -> Place:
    try:
        return place_of(con, optional_text(body, "building_id"), optional_text(body, "floor_id"),
                        _number(body, "lon"), _number(body, "lat"))  # fmt: skip
    except PlaceError as error:
        raise ApiError(400, str(error)) from None


def referred_scenario(
    store: Store, viewer: Account | None, body: dict[str, object]
) -> tuple[str | None, int | None]:
    """The scenario and version named by the body (None, None: the baseline), if `viewer` may see it (None:
    the public, who see published scenarios only); without a version, its latest one."""
    scenario_id, version = body.get("scenario_id"), body.get("scenario_version")
    if scenario_id is None:
        if version is not None:
            raise ApiError(400, "scenario_version: only with a scenario_id")
        return None, None
    summary = scenarios.get_scenario(store, scenario_id) if isinstance(scenario_id, str) else None
    if summary is None or not can(viewer, "view_scenario", summary):
        raise ApiError(400, "scenario_id: no such scenario that you may refer to")
    if version is None:
        return summary.id, summary.version
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= summary.version:
        raise ApiError(400, f"scenario_version: a version of the scenario, from 1 to {summary.version}")
    return summary.id, version


def shown_at(value: object) -> datetime | None:
    """The time chosen on screen: a local date and time (Europe/Paris, like the data), without a zone."""
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) > MAX_SHOWN_AT_CHARS:
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(400, "shown_at: a local date and time such as 2026-03-02T10:00") from None
    if moment.tzinfo is not None:
        raise ApiError(400, "shown_at: a local time without a time zone, as the time slider shows it")
    return moment
