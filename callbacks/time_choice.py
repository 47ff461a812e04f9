"""The date and hour controls become one chosen instant, the input of bookings, parking and KPIs."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from dash import Dash, Input, Output, no_update

from callbacks import inputs
from components import ids


def at_from_controls(day: object, hour: object) -> datetime | None:
    """The chosen instant, or None while the controls hold no valid choice."""
    chosen_day, chosen_hour = inputs.day(day), inputs.hour(hour)
    if chosen_day is None or chosen_hour is None:
        return None
    return datetime.combine(chosen_day, time(chosen_hour))


def parse_instant(value: object) -> datetime | None:
    """The instant held by the AT store, or None for anything else (a store can be written by any client)."""
    return inputs.instant(value)


def register(app: Dash) -> None:
    @app.callback(Output(ids.AT, "data"), Input(ids.DATE, "date"), Input(ids.HOUR, "value"))
    def choose_instant(day: object, hour: object) -> Any:
        at = at_from_controls(day, hour)
        return at.isoformat(timespec="minutes") if at else no_update
