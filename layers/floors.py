"""Occupied vs vacant floor area: every floor as its own slab when zoomed in, one volume per building when
zoomed out (level of detail), both served as XYZ tiles so only what is in view travels.

A floor tile sends each building's footprint once, and its floors as columns (building, base, thickness,
status class, attributes): the browser stacks the slabs from the footprint.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from geodata import queries
from layers import palette
from layers.base import (
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
    value_labels,
)
from layers.binary import Columns, scaled
from layers.features import add_fields, geometries_of, rounded, with_labels
from layers.shapes import COARSE_QUANTUM_DEG, polygon_columns
from texts.i18n import Lang, data_values, t

KEY = "occupancy"
FLOORS_SOURCE, VOLUMES_SOURCE = "floors", "volumes"
STATUS_LAYER_ID, BASE_LAYER_ID = "floors-status", "floors-base"
VOLUMES_STATUS_ID, VOLUMES_BASE_ID = "volumes-status", "volumes-base"
LABELS_ID = "building-labels"
FLOOR_TILE_ZOOM = 15  # ~820 m tiles at Mulhouse's latitude
VOLUME_TILE_ZOOM = 12  # ~6.5 km tiles: a city in a handful of requests
DETAIL_ZOOM = 15.5  # from this zoom on, floors; below it, whole buildings
SLAB_GAP_M = 0.8  # the visible gap between two stacked slabs
LABEL_LIFT_M = 3.0  # building numbers float above the roof, not inside the top slab
STATUS_CLASSES = ("occupied", "vacant")  # class = position; any other status: the "no data" class
UNKNOWN = "unknown"  # a floor whose status is NULL (occupancy not known) is labelled so in tooltips
STATUS_PALETTE = (palette.OCCUPIED, palette.VACANT, palette.NO_DATA)
HEIGHT_STEP_M = 0.1  # whole-building heights travel in decimetres
MOSTLY_OCCUPIED = 0.5  # a whole-building volume is blue when at least half its floor area is occupied


def storey_height(height_m: Any, floors_count: Any) -> Any:
    return np.asarray(height_m, dtype=np.float64) / np.maximum(np.asarray(floors_count), 1)


def slab_base(level: Any, storey_m: Any) -> Any:
    return np.asarray(level) * storey_m


def status_codes(statuses: pa.ChunkedArray) -> npt.NDArray[np.uint8]:
    """Each floor's colour class, without a Python loop over the floors of a tile."""
    known = pc.index_in(statuses, value_set=pa.array(STATUS_CLASSES))
    codes = pc.fill_null(known, len(STATUS_CLASSES)).to_numpy()
    return np.asarray(codes, dtype=np.uint8)


def floor_tile(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    """One tile: its buildings' footprints once, their floors as slabs referring to them."""
    assert request.tile is not None
    buildings = queries.tile_buildings(con, *request.tile)
    floors = queries.tile_floors(con, *request.tile)
    footprints = geometries_of(buildings)
    columns = Columns(numbers=polygon_columns(footprints, request.origin))
    storey = storey_height(floors.column("height_m"), floors.column("floors_count"))
    columns.numbers.update(
        row_shape=np.asarray(floors.column("building_index"), dtype=np.uint32),
        row_base=rounded(slab_base(floors.column("level"), storey)),
        row_height=rounded(storey - SLAB_GAP_M),
        row_class=status_codes(floors.column("status")),
    )
    floors = floors.set_column(
        floors.schema.get_field_index("status"), "status", pc.fill_null(floors.column("status"), UNKNOWN)
    )
    add_fields(columns, floors, ("floor_id", "level", "status", "use", "occupant"))
    columns.numbers["f_area_m2"] = rounded(floors.column("area_m2"), 0)
    add_fields(
        columns,
        buildings.rename_columns(_building_fields(buildings)),
        ("building_id", "building_name"),
        prefix="s_",
    )
    labels = map(
        label_text, buildings.column("building_id").to_pylist(), buildings.column("name").to_pylist()
    )
    with_labels(columns, footprints, request.origin, list(labels))
    columns.numbers["s_z"] = rounded(np.asarray(buildings.column("height_m")) + LABEL_LIFT_M)
    return columns


def label_text(building_id: str, name: str | None) -> str | None:
    """A site's own short building number ("62") labels it; a register's long id (BD TOPO's 24-character
    cleabs, an RNB id) would only clutter the map: its name, or no label."""
    return building_id if len(building_id) <= MAX_LABEL_ID else (name or None)


def _building_fields(buildings: pa.Table) -> list[str]:
    return ["building_name" if name == "name" else name for name in buildings.column_names]


def volume_tile(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    """One tile of whole buildings: height, and blue or orange by the share of the floor area whose
    occupancy is known that is occupied (a building with none known: the "no data" class)."""
    assert request.tile is not None
    volumes = queries.tile_buildings_volumes(con, *request.tile)
    shapes = polygon_columns(geometries_of(volumes), request.origin, COARSE_QUANTUM_DEG)
    columns = Columns(numbers=shapes, meta={"quantum": COARSE_QUANTUM_DEG})
    total = np.asarray(volumes.column("total_m2"), dtype=np.float64)
    occupied = np.asarray(volumes.column("occupied_m2"), dtype=np.float64)
    known = occupied + np.asarray(volumes.column("vacant_m2"), dtype=np.float64)
    share = np.divide(occupied, known, out=np.full_like(known, np.nan), where=known > 0)
    scaled(columns, "row_height", volumes.column("height_m"), HEIGHT_STEP_M)
    columns.numbers.update(
        row_class=np.where(np.isnan(share), 2, np.where(share >= MOSTLY_OCCUPIED, 0, 1)).astype(np.uint8),
        f_occupied_share=share.astype(np.float32),
        f_total_m2=np.rint(total).astype(np.uint32),
    )
    add_fields(
        columns,
        volumes.rename_columns(_building_fields(volumes)),
        ("building_id", "building_name", "floors_count"),
    )
    return columns


_SLAB_PROPS: dict[str, Any] = {
    "extruded": True,
    "wireframe": True,
    "pickable": True,
    "autoHighlight": True,
    "highlightColor": [255, 255, 255, 90],
    "getLineColor": list(palette.OUTLINE),
}
MAX_LABEL_ID = 8  # characters of a building id still worth printing on the map
LABEL_PROPS: dict[str, Any] = {
    "getSize": 13,
    "sizeUnits": "pixels",
    "getColor": [31, 35, 40, 255],
    "background": True,
    "getBackgroundColor": [255, 255, 255, 225],
    "backgroundPadding": [4, 2],
    "fontWeight": 700,
    "fontFamily": "DejaVu Sans, Helvetica, Arial, sans-serif",
    "characterSet": "auto",
    "billboard": True,
}


def _slabs(layer_id: str, source: str, fill: Any, show_when_off: bool) -> DeckLayer:
    # Whole buildings seen from afar go without outlines: at a few metres a pixel, edges would only darken.
    props = _SLAB_PROPS if source == FLOORS_SOURCE else {**_SLAB_PROPS, "wireframe": False}
    return DeckLayer(layer_id, "PolygonLayer", source, "polygons", props, fill, show_when_off=show_when_off)


DECK_LAYERS = (
    _slabs(BASE_LAYER_ID, FLOORS_SOURCE, palette.NEUTRAL_FLOOR, show_when_off=True),
    _slabs(STATUS_LAYER_ID, FLOORS_SOURCE, ClassFill("row_class", STATUS_PALETTE), show_when_off=False),
    _slabs(VOLUMES_BASE_ID, VOLUMES_SOURCE, palette.NEUTRAL_FLOOR, show_when_off=True),
    _slabs(VOLUMES_STATUS_ID, VOLUMES_SOURCE, ClassFill("row_class", STATUS_PALETTE), show_when_off=False),
    DeckLayer(
        LABELS_ID,
        "TextLayer",
        FLOORS_SOURCE,
        "points",
        LABEL_PROPS,
        text="s_label",
        toggled=False,
        declutter=True,
    ),
)
SOURCES = (
    Source(FLOORS_SOURCE, floor_tile, tile_zoom=FLOOR_TILE_ZOOM, visible_zooms=(DETAIL_ZOOM, None)),
    Source(VOLUMES_SOURCE, volume_tile, tile_zoom=VOLUME_TILE_ZOOM, visible_zooms=(None, DETAIL_ZOOM)),
)


def legend(lang: Lang) -> Legend:
    items = (
        LegendItem(t("legend_occupied", lang), palette.OCCUPIED),
        LegendItem(t("legend_vacant", lang), palette.VACANT),
        # Status not known, or a building without floors: only when the data has such.
        LegendItem(t("legend_unknown", lang), palette.NO_DATA, queries.UNKNOWN_STATUS),
    )
    return Legend(KEY, t("layer_occupancy", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    floor_rows = (  # "_once": left out when the title or an earlier row shows it (assets/12-twin-bridge.js)
        (t("tt_building", lang), "building_id", "text_once"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_area", lang), "area_m2", "m2"),
        (t("tt_status", lang), "status", "value"),
        (t("tt_use", lang), "use", "value_once"),
        (t("tt_occupant", lang), "occupant", "text"),
    )
    volume_rows = (
        (t("tt_building", lang), "building_id", "text_once"),
        (t("col_floors", lang), "floors_count", "int"),
        (t("tt_area", lang), "total_m2", "m2"),
        (t("tt_occupied_share", lang), "occupied_share", "percent"),
    )
    values = {**data_values(lang), **value_labels(lang, "occupied", "vacant", UNKNOWN), **level_labels(lang)}
    heading = t("layer_buildings", lang)
    return [
        *(Tooltip(i, heading, "building_name", floor_rows, values) for i in (BASE_LAYER_ID, STATUS_LAYER_ID)),
        *(
            Tooltip(i, heading, "building_name", volume_rows, value_labels(lang, UNKNOWN))
            for i in (VOLUMES_BASE_ID, VOLUMES_STATUS_ID)
        ),
    ]


TABLE = DataTable(
    lambda con, _at: queries.floor_area_by_building(con),
    (
        TableColumn("tt_building", "building_id", "building"),
        TableColumn("col_floors", "floors", "int"),
        TableColumn("kpi_occupied", "occupied_m2", "m2"),
        TableColumn("kpi_vacant", "vacant_m2", "m2"),
    ),
)
LAYER = MapLayer(
    KEY, "layer_occupancy", SOURCES, DECK_LAYERS, legend, tooltips, ("buildings", "floors"), TABLE
)
