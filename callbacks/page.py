"""What the page needs once per process: the static layer specs and the data period."""

from __future__ import annotations

from typing import Any

from components.layout import PageData
from geodata.catalog import Catalog
from geodata.queries import (
    activity_time_range,
    buildings,
    context_commune,
    district_boundary,
    floors_with_status,
)
from layers import context, floors, labels


def static_entries(catalog: Catalog) -> list[dict[str, Any]]:
    """Layers whose data does not depend on the chosen time, in drawing order (ground first)."""
    con = catalog.cursor()
    return [
        *context.entries(district_boundary(con), context_commune(con)),
        *floors.entries(floors_with_status(con)),
        labels.building_entry(buildings(con)),
    ]


def page_data(catalog: Catalog, basemap_url: str | None) -> PageData:
    start, end = activity_time_range(catalog.cursor())
    return PageData(static_entries(catalog), start.date(), end.date(), catalog.is_sample, basemap_url)
