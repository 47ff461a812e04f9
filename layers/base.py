"""What every map layer module shares: legend and tooltip types, geometry to deck.gl rings, specs.

A layer module exposes `KEY` (its toggle), `spec(...)` (data-dependent, language-free, sent once)
and `legend(lang)` / `tooltip(lang)` (small, language-dependent, re-sent on a language switch).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pydeck as pdk
import shapely
from shapely.geometry.base import BaseGeometry

from layers.i18n import Lang, t

RGBA = tuple[int, int, int, int]
Ring = list[list[float]]
Record = dict[str, Any]

COORD_DECIMALS = 6  # ~0.1 m: finer precision only grows the payload


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: RGBA


@dataclass(frozen=True)
class Legend:
    key: str
    title: str
    items: tuple[LegendItem, ...]


@dataclass(frozen=True)
class Tooltip:
    """A template the browser fills in: a title field and (label, field, format) rows."""

    layer_id: str
    heading: str
    title_field: str
    rows: tuple[tuple[str, str, str], ...]
    values: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "title_field": self.title_field,
            "rows": [list(row) for row in self.rows],
            "values": self.values,
        }


def value_labels(lang: Lang, *values: str) -> dict[str, str]:
    """Translated labels of coded values (status, kind...), for tooltips."""
    return {value: t(f"value_{value}", lang) for value in values}


def level_label(level: int, lang: Lang) -> str:
    """'rez-de-chaussée', 'étage 2'..."""
    return t("tt_ground", lang) if level == 0 else f"{t('tt_floor', lang)} {level}"


def level_labels(lang: Lang, max_level: int = 12) -> dict[str, str]:
    return {str(level): level_label(level, lang) for level in range(max_level + 1)}


def rings(geometry: BaseGeometry, z: float | None = None) -> list[list[Ring]]:
    """deck.gl polygons (outer ring then holes) of a Polygon or MultiPolygon, optionally at height z."""
    parts = getattr(geometry, "geoms", [geometry])
    return [[_ring(part.exterior, z), *(_ring(hole, z) for hole in part.interiors)] for part in parts]


def _ring(ring: Any, z: float | None) -> Ring:
    coords = [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)] for x, y, *_ in ring.coords]
    return [[*xy, z] for xy in coords] if z is not None else coords


def geometries(table: pa.Table, column: str = "geometry") -> list[BaseGeometry]:
    return list(shapely.from_wkb(table.column(column).to_pylist()))


def records(table: pa.Table, columns: Sequence[str]) -> list[Record]:
    """Plain JSON-ready rows of the attribute columns a layer shows."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in table.select(list(columns)).to_pylist()]


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    return value


def polygon_rows(table: pa.Table, columns: Sequence[str], z_of: Any = None) -> list[Record]:
    """One deck.gl row per polygon part, carrying the attributes shown in tooltips."""
    rows: list[Record] = []
    for attrs, geometry in zip(records(table, columns), geometries(table), strict=True):
        z = z_of(attrs) if z_of else None
        rows.extend({**attrs, "polygon": polygon} for polygon in rings(geometry, z))
    return rows


def layer_spec(layer_type: str, layer_id: str, data: Iterable[Record], **props: Any) -> dict[str, Any]:
    """A deck.gl layer as @deck.gl/json JSON, built with pydeck."""
    layer = pdk.Layer(layer_type, list(data), id=layer_id, **props)
    spec: dict[str, Any] = json.loads(layer.to_json())
    return {key: _plain_unless_accessor(key, value) for key, value in spec.items()}


def _plain_unless_accessor(key: str, value: Any) -> Any:
    """pydeck marks every string prop as an expression ("@@="); only deck.gl's get* props are
    accessors, so plain props such as sizeUnits="pixels" or fontFamily get their text back."""
    if isinstance(value, str) and value.startswith("@@=") and not key.startswith("get"):
        return value[3:]
    return value


def entry(key: str, spec: dict[str, Any], toggle: str | None, show_when_off: bool = False) -> dict[str, Any]:
    """A spec as the browser bridge expects it: which toggle shows it, and how."""
    return {"key": key, "toggle": toggle, "show_when_off": show_when_off, "spec": spec}


def class_colour(value: float | None, classes: Sequence[tuple[float, RGBA]], missing: RGBA) -> RGBA:
    """The colour of the last class whose lower bound `value` reaches (classes sorted by bound)."""
    if value is None:
        return missing
    colour = missing
    for lower_bound, class_rgba in classes:
        if value >= lower_bound:
            colour = class_rgba
    return colour


def ground_spec(layer_id: str, rows: list[Record], elevation_m: float) -> dict[str, Any]:
    """Flat-topped, low patches on the ground (plots, car parks), coloured per row."""
    return layer_spec(
        "PolygonLayer", layer_id, rows,
        get_polygon="polygon", get_fill_color="fill", get_line_color=[40, 40, 40, 200],
        line_width_min_pixels=1, extruded=True, get_elevation=elevation_m, pickable=True, auto_highlight=True,
    )  # fmt: skip
