"""What a scenario changes, drawn over the baseline: changed floors in a highlight colour by kind of change,
new buildings solid, demolished buildings as a translucent ghost. Not a toggle of the layer panel: a map
shows it whenever it displays a scenario (the bridge asks for it only then, with the map's `scenario`).

Each slab is drawn a little outside the baseline slab of the same floor (layers/floors.py), so that it
covers it instead of fighting with it for the same pixels.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geodata.geometry import lambert_to_wgs84, wgs84_to_lambert
from geodata.scenario import ScenarioDocument
from geodata.scenario_overlay import CHANGE_KINDS, scenario_overlay
from layers import palette
from layers.base import (
    RGBA,
    ClassFill,
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
from layers.features import add_fields, geometries_of, rounded
from layers.floors import SLAB_GAP_M
from layers.shapes import polygon_columns
from texts.i18n import Lang, data_values, t

SOURCE = "scenario"
LAYER_ID = "scenario-changes"
OUTSIDE_M = 0.35  # how far a changed slab reaches beyond the baseline slab it covers, sideways
ABOVE_M = 0.12  # and above and below it
GHOST_ALPHA = 190  # a demolished building shows through its ghost, so one sees what goes
# By change kind, in CHANGE_KINDS order: none of them the occupancy layer's or the bookings' colours
# (layers/palette.py; tests/unit/test_palette_cvd.py checks them under colour-vision deficiencies).
CHANGE_PALETTE: tuple[RGBA, ...] = (
    palette.CHANGE_USE,
    palette.CHANGE_STATUS,
    palette.NEW_BUILDING,
    (*palette.DEMOLISHED[:3], GHOST_ALPHA),
    palette.NO_DATA,
)
FIELDS = ("building_id", "building_name", "floor_id", "level", "use_before", "use", "status", "change")


def enlarged(geometries: Any) -> Any:
    """Each footprint grown by OUTSIDE_M on every side (in Lambert-93, metres), with square corners."""
    grown = [
        lambert_to_wgs84(shapely.buffer(wgs84_to_lambert(g), OUTSIDE_M, join_style="mitre"))
        for g in geometries
    ]
    return np.asarray(grown, dtype=object)


def change_codes(changes: pa.ChunkedArray) -> Any:
    known = pc.index_in(changes, value_set=pa.array(CHANGE_KINDS))
    return np.asarray(pc.fill_null(known, len(CHANGE_KINDS)).to_numpy(), dtype=np.uint8)


def overlay_columns(table: pa.Table, request: Request) -> Columns:
    """The overlay's floors as slabs: one shape per floor, just outside the baseline slab."""
    columns = Columns(numbers=polygon_columns(enlarged(geometries_of(table)), request.origin))
    base = np.maximum(np.asarray(table.column("base_m"), dtype=np.float64) - ABOVE_M, 0.0)
    top = np.asarray(table.column("top_m"), dtype=np.float64) - SLAB_GAP_M + ABOVE_M
    columns.numbers.update(
        row_base=rounded(base), row_height=rounded(top - base), row_class=change_codes(table.column("change"))
    )
    status = pc.fill_null(table.column("status"), "unknown")  # NULL: occupancy not known ("non renseigné")
    add_fields(columns, table.set_column(table.schema.get_field_index("status"), "status", status), FIELDS)
    columns.numbers["f_area_m2"] = rounded(table.column("area_m2"), 0)
    return columns


def build(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    if request.scenario is None:  # the endpoint resolves the scenario before asking
        raise ValueError("the scenario source needs a scenario")
    return overlay_columns(scenario_overlay(con, request.scenario), request)


def legend(lang: Lang) -> Legend:
    items = tuple(
        LegendItem(t(f"legend_change_{kind}", lang), color)
        for kind, color in zip(CHANGE_KINDS, CHANGE_PALETTE, strict=False)
    )
    return Legend(SOURCE, t("layer_scenario", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_change", lang), "change", "value"),
        (t("tt_building", lang), "building_id", "text"),
        (t("tt_level", lang), "level", "value"),
        (t("tt_use_before", lang), "use_before", "value"),
        (t("tt_use_after", lang), "use", "value"),
        (t("tt_status", lang), "status", "value"),
        (t("tt_area", lang), "area_m2", "m2"),
    )
    changes = {kind: t(f"value_change_{kind}", lang) for kind in CHANGE_KINDS}
    values = {**data_values(lang), **{s: t(f"value_{s}", lang) for s in ("occupied", "vacant", "unknown")}}
    values.update({**level_labels(lang), **changes})
    return [Tooltip(LAYER_ID, t("layer_scenario", lang), "building_name", rows, values)]


def table_rows(con: duckdb.DuckDBPyConnection, document: ScenarioDocument) -> list[dict[str, Any]]:
    """The changed floors as rows of the accessible table (TABLE_COLUMNS), without geometry."""
    table = scenario_overlay(con, document)
    rows: list[dict[str, Any]] = table.drop_columns(["geometry"]).to_pylist()
    return [  # change_code: translated as value_change_*; an empty status: "non renseigné"
        {**row, "change_code": f"change_{row['change']}", "status": row["status"] or "unknown"}
        for row in rows
    ]


TABLE_COLUMNS = (
    TableColumn("tt_building", "building_id", "building"),
    TableColumn("tt_level", "level", "level"),
    TableColumn("tt_change", "change_code", "value"),
    TableColumn("tt_use_before", "use_before", "value"),
    TableColumn("tt_use_after", "use", "value"),
    TableColumn("tt_status", "status", "value"),
    TableColumn("tt_area", "area_m2", "m2"),
)
_PROPS: dict[str, Any] = {
    "extruded": True,
    "wireframe": True,
    "pickable": True,
    "autoHighlight": True,
    "highlightColor": [255, 255, 255, 90],
    "getLineColor": list(palette.OUTLINE),
}
DECK_LAYER = DeckLayer(
    LAYER_ID,
    "PolygonLayer",
    SOURCE,
    "polygons",
    _PROPS,
    ClassFill("row_class", CHANGE_PALETTE),
    toggled=False,
)
LAYER = MapLayer(
    None, "layer_scenario", (Source(SOURCE, build, params=("scenario",)),), (DECK_LAYER,), legend, tooltips
)
