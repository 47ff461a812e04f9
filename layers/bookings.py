"""Spaces booked at the chosen time, highlighted on their floor as a box slightly proud of the slab."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pyarrow as pa
import shapely

from geodata.geometry import LAMBERT_93
from layers import palette
from layers.base import (
    Legend,
    LegendItem,
    Record,
    Tooltip,
    entry,
    layer_spec,
    level_labels,
    records,
    rings,
    value_labels,
)
from layers.floors import SLAB_GAP_M, slab_base, storey_height
from layers.i18n import Lang, t

KEY = "bookings"
LAYER_ID = "booked-spaces"
PROUD_M = 0.5  # how far the highlight sticks out of the facade and the slab, so it is not hidden inside
ATTRIBUTES = (
    "space_id",
    "space_name",
    "kind",
    "capacity",
    "building_id",
    "building_name",
    "level",
    "booked_by",
)


def storeys(buildings: pa.Table) -> dict[str, float]:
    """Storey height per building id."""
    rows = buildings.select(["building_id", "height_m", "floors_count"]).to_pylist()
    return {r["building_id"]: storey_height(r["height_m"], r["floors_count"]) for r in rows}


def _outset(booked: pa.Table) -> list[Any]:
    """Footprints grown by PROUD_M metres, measured in Lambert-93, not degrees."""
    shapes = gpd.GeoSeries(shapely.from_wkb(booked.column("geometry").to_pylist()), crs=4326)
    return list(shapes.to_crs(LAMBERT_93).buffer(PROUD_M, join_style="mitre").to_crs(4326))


def booked_rows(booked: pa.Table, storey_by_building: dict[str, float]) -> list[Record]:
    rows: list[Record] = []
    slots = zip(booked.column("start").to_pylist(), booked.column("end").to_pylist(), strict=True)
    for attrs, shape, (start, end) in zip(records(booked, ATTRIBUTES), _outset(booked), slots, strict=True):
        storey = storey_by_building[attrs["building_id"]]
        base = slab_base(attrs["level"], storey) - PROUD_M
        attrs.update(slot=f"{start:%d/%m %H:%M} – {end:%H:%M}", thickness=storey - SLAB_GAP_M + 2 * PROUD_M)
        rows.extend({**attrs, "polygon": polygon} for polygon in rings(shape, round(base, 2)))
    return rows


def entries(booked: pa.Table, buildings: pa.Table) -> list[dict[str, Any]]:
    spec = layer_spec(
        "PolygonLayer", LAYER_ID, booked_rows(booked, storeys(buildings)),
        get_polygon="polygon", get_elevation="thickness", get_fill_color=list(palette.REDDISH_PURPLE),
        get_line_color=[90, 20, 60, 255], extruded=True, wireframe=True, pickable=True, auto_highlight=True,
    )  # fmt: skip
    return [entry(LAYER_ID, spec, KEY)]


def legend(lang: Lang) -> Legend:
    return Legend(
        KEY, t("layer_bookings", lang), (LegendItem(t("legend_booked", lang), palette.REDDISH_PURPLE),)
    )


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_kind", lang), "kind", "value"),
        (t("tt_building", lang), "building_name", "text"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_booked_by", lang), "booked_by", "text"),
        (t("tt_slot", lang), "slot", "text"),
    )
    values = {**value_labels(lang, "room", "studio", "machine"), **level_labels(lang)}
    return [Tooltip(LAYER_ID, t("layer_bookings", lang), "space_name", rows, values)]
