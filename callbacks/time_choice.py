"""The date and hour controls become one chosen instant, the input of bookings, parking and KPIs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dash import Dash, Input, Output, no_update

from components import ids


def at_from_controls(day: str | None, hour: int | None) -> datetime | None:
    """The chosen instant, or None while the controls hold no valid choice."""
    if not day or hour is None or not 0 <= int(hour) <= 23:
        return None
    try:
        return datetime.fromisoformat(day[:10]) + timedelta(hours=int(hour))
    except ValueError:
        return None


def parse_instant(value: object) -> datetime | None:
    """The instant held by the AT store, or None for anything else (a store can be written by any client)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def register(app: Dash) -> None:
    @app.callback(Output(ids.AT, "data"), Input(ids.DATE, "date"), Input(ids.HOUR, "value"))
    def choose_instant(day: str | None, hour: int | None) -> Any:
        at = at_from_controls(day, hour)
        return at.isoformat(timespec="minutes") if at else no_update
