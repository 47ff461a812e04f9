"""Citizens' public contributions where they were pinned: a small octagonal pin on the floor's top, the
building's roof or the ground, coloured by the follow-up status ("vous avez dit, nous avons fait").

Unlike the other layers, the rows come from the store (what users write), not from the catalog: the endpoint
hands the public contributions in the request (layers/base.Request.contributions) and caches the payload
under the store's public revision, which the page also sends as the source's `contributions` parameter so
that a newly approved contribution reaches an open map without a reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geodata import queries
from geodata.geometry import lambert_to_wgs84, wgs84_to_lambert
from geodata.scenario_diff import floor_buildings
from layers.base import (
    RGBA,
    ClassFill,
    DataTable,
    DeckLayer,
    Legend,
    LegendItem,
    MapLayer,
    Request,
    Source,
    TableColumn,
    Tooltip,
    level_labels,
)
from layers.binary import Columns
from layers.features import add_fields, rounded
from layers.floors import SLAB_GAP_M
from layers.shapes import polygon_columns
from store import contributions as store_contributions
from store.contributions import Contribution
from store.database import Store
from texts.i18n import Lang, t

KEY = "contributions"
SOURCE = "contributions"
LAYER_ID = "contribution-pins"
PIN_RADIUS_M = 4.5  # an octagon 9 m across: a few pixels in the first view, narrower than any building
PIN_ABOVE_M = 10.0  # how far a pin rises above what it stands on (above the roof, for a floor's pin)
PIN_GAP_M = 1.5  # between the pins piled on one point (several contributions about one building)
LOCAL_TIME = ZoneInfo("Europe/Paris")
# Follow-up statuses in legend order. Paul Tol's "muted" scheme (colour-blind safe) plus white and grey: none
# of the occupancy layer's blue and orange, the scenario's purple, yellow and green, or the plots' greens.
STATUSES = ("recue", "a_l_etude", "retenue", "realisee", "non_retenue")
STATUS_PALETTE: tuple[RGBA, ...] = (
    (255, 255, 255, 255),  # reçue: white, nothing decided yet
    (136, 204, 238, 255),  # à l'étude: Tol's cyan
    (51, 34, 136, 255),  # retenue: Tol's indigo
    (17, 119, 51, 255),  # réalisée: Tol's green
    (119, 119, 119, 255),  # non retenue: grey
    (160, 160, 160, 200),  # anything else: no data
)
CATEGORIES = ("logement", "nature", "mobilite", "culture", "economie", "autre")
FIELDS = ("id", "category", "text", "pseudonym", "status", "answer", "day", "building_id", "level")


def local_day(moment: datetime) -> str:
    """The day (ISO) of a stored UTC time in Mulhouse."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(LOCAL_TIME).date().isoformat()


def rows_of(contributions: Sequence[Contribution]) -> list[dict[str, Any]]:
    """What the pins' tooltips and the table show of each contribution: public fields only."""
    return [
        {"id": c.id, "category": c.category, "text": c.text, "pseudonym": c.pseudonym, "status": c.follow_up,
         "answer": c.answer, "day": local_day(c.created_at), "building_id": c.building_id, "level": c.level,
         "floor_id": c.floor_id, "lon": c.lon, "lat": c.lat}
        for c in contributions
    ]  # fmt: skip


def octagons(lons: Sequence[float], lats: Sequence[float]) -> Any:
    """An octagon of PIN_RADIUS_M round each point, drawn in Lambert-93 (metres), not in degrees."""
    shapes = [
        lambert_to_wgs84(shapely.buffer(wgs84_to_lambert(shapely.Point(lon, lat)), PIN_RADIUS_M, quad_segs=2))
        for lon, lat in zip(lons, lats, strict=True)
    ]
    return np.asarray(shapes, dtype=object)


def stands(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> tuple[Any, Any]:
    """Each pin's base and top. A pin stands on the floor's top, the roof or the ground and rises PIN_ABOVE_M
    above the roof (a floor's pin too, so that the upper floors do not hide it). Pins of one point are piled
    up, the oldest at the bottom, so that each can be seen and picked."""
    building = _buildings_of(con, rows)
    heights = queries.pinned_buildings(con, [b for b in building if b]).to_pylist()
    known = {h["building_id"]: (h["height_m"], max(h["floors_count"], 1)) for h in heights}
    base, top = np.zeros(len(rows)), np.zeros(len(rows))
    piles: dict[tuple[float, float], float] = {}  # a point -> the top of its highest pin so far
    for i in reversed(range(len(rows))):  # rows are newest first
        row = rows[i]
        roof, floors_count = known.get(building[i], (0.0, 1))
        level, point = row["level"], (round(row["lon"], 6), round(row["lat"], 6))
        own = roof if level is None else (level + 1) * roof / floors_count - SLAB_GAP_M
        base[i] = piles[point] + PIN_GAP_M if point in piles else max(own, 0.0)
        top[i] = piles[point] = max(base[i], roof) + PIN_ABOVE_M
    return base, top


def _buildings_of(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> list[str | None]:
    """Each row's building: its own, or its floor's (through the catalog), or None on the ground."""
    floors = floor_buildings(con, [r["floor_id"] for r in rows if r["floor_id"] and not r["building_id"]])
    return [r["building_id"] or floors.get(r["floor_id"] or "") for r in rows]


def status_codes(rows: Sequence[dict[str, Any]]) -> Any:
    index = {status: code for code, status in enumerate(STATUSES)}
    return np.asarray([index.get(row["status"], len(STATUSES)) for row in rows], dtype=np.uint8)


def pins(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    rows = rows_of(request.contributions)
    columns = Columns(numbers=polygon_columns(octagons([r["lon"] for r in rows], [r["lat"] for r in rows]),
                                              request.origin))  # fmt: skip
    base, top = stands(con, rows)
    columns.numbers.update(
        row_base=rounded(base), row_height=rounded(top - base), row_class=status_codes(rows)
    )
    table = pa.Table.from_pylist(rows, schema=ROW_SCHEMA)
    # The level travels as text: a pin on the ground has none, shown "—" rather than a number.
    table = table.set_column(
        table.schema.get_field_index("level"), "level", pc.cast(table["level"], pa.string())
    )
    add_fields(columns, table, FIELDS)
    return columns


ROW_SCHEMA = pa.schema(
    [("id", pa.string()), ("category", pa.string()), ("text", pa.string()), ("pseudonym", pa.string()),
     ("status", pa.string()), ("answer", pa.string()), ("day", pa.string()), ("building_id", pa.string()),
     ("level", pa.int32()), ("floor_id", pa.string()), ("lon", pa.float64()), ("lat", pa.float64())]
)  # fmt: skip
_PROPS: dict[str, Any] = {
    "extruded": True,
    "wireframe": True,
    "pickable": True,
    "autoHighlight": True,
    "highlightColor": [255, 200, 0, 200],
    "getLineColor": [20, 20, 20, 255],
}


def legend(lang: Lang) -> Legend:
    items = tuple(
        LegendItem(t(f"value_{status}", lang), rgba)
        for status, rgba in zip(STATUSES, STATUS_PALETTE, strict=False)
    )
    return Legend(KEY, t("layer_contributions", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_category", lang), "category", "value"),
        (t("tt_pseudonym", lang), "pseudonym", "text"),
        (t("tt_building", lang), "building_id", "text"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_follow_up", lang), "status", "value"),
        (t("tt_answer", lang), "answer", "text"),
        (t("tt_date", lang), "day", "date"),
    )
    values = {code: t(f"value_{code}", lang) for code in (*CATEGORIES, *STATUSES)}
    return [Tooltip(LAYER_ID, t("layer_contributions", lang), "text", rows, {**values, **level_labels(lang)})]


def table_rows(store: Store) -> list[dict[str, Any]]:
    """The table view's rows: the public contributions, newest first, as the store gives them."""
    return rows_of(store_contributions.public(store))


LAYER = MapLayer(
    KEY,
    "layer_contributions",
    (Source(SOURCE, pins, params=("contributions",)),),
    (
        DeckLayer(
            LAYER_ID, "PolygonLayer", SOURCE, "polygons", _PROPS, ClassFill("row_class", STATUS_PALETTE)
        ),
    ),
    legend,
    tooltips,
    (),  # from the store, not from a dataset: the legend names the moderation instead
    DataTable(
        None,
        (
            TableColumn("tt_date", "day", "date"),
            TableColumn("tt_category", "category", "value"),
            TableColumn("col_contribution", "text"),
            TableColumn("tt_pseudonym", "pseudonym"),
            TableColumn("tt_building", "building_id"),
            TableColumn("tt_level", "level", "level"),
            TableColumn("tt_follow_up", "status", "value"),
            TableColumn("tt_answer", "answer"),
        ),
        store_query=table_rows,
    ),
    on_by_default=False,
)
