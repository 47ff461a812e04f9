"""What every map layer module shares: where its data comes from (a Source, served by api/layer_data.py as
binary columns), how deck.gl draws it (DeckLayer: plain JSON props, never data), its legend and tooltips.

A layer module builds one MapLayer; layers/registry.py lists them. Layer *data* never travels in the Dash
layout nor through an expression evaluator: the browser fetches it from the source's URL and hands typed
arrays to deck.gl (assets/10-twin-binary.js, 11-twin-layers.js).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from geodata.scenario import ScenarioDocument
from layers.binary import Columns
from layers.shapes import Origin
from store.contributions import Contribution
from store.database import Store
from texts.formats import level_label
from texts.i18n import Lang, t

RGBA = tuple[int, int, int, int]
# The chosen hour, or only its day; the map's scenario; the store's public contributions (their revision);
# the selected building.
Param = Literal["at", "on", "scenario", "contributions", "lang", "building"]


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: RGBA
    shown_if: str | None = None  # a data fact (geodata.queries.legend_facts) without which it names nothing


@dataclass(frozen=True)
class Legend:
    key: str
    title: str
    items: tuple[LegendItem, ...]

    def for_data(self, facts: frozenset[str]) -> Legend:
        """The entries that name something this data can draw."""
        return replace(self, items=tuple(i for i in self.items if i.shown_if is None or i.shown_if in facts))


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


class Memo:
    """Derived data that cannot change while the app runs (its catalog is read-only), built on first use and
    shared by the requests of one app (thread-safe). Owned by the app, never a module global."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._values:
                self._values[key] = build()
            return self._values[key]


@dataclass(frozen=True)
class Request:
    """What a source is asked for: the chosen time (checked), the tile when tiled, the shared origin, the
    app's memo of time-independent derived data, the scenario document when the source draws one, and the
    public contributions when it draws them (read from the store by the endpoint)."""

    origin: Origin
    at: datetime | None = None
    tile: tuple[int, int, int] | None = None  # z, x, y
    memo: Memo = field(default_factory=Memo)
    scenario: ScenarioDocument | None = None
    contributions: tuple[Contribution, ...] = ()
    lang: Lang = "fr"  # for a source whose texts are words (params include "lang")
    building: str | None = None  # the selected building (params include "building"), known to the catalog


Build = Callable[[duckdb.DuckDBPyConnection, Request], Columns]


@dataclass(frozen=True)
class Source:
    """One endpoint of binary columns. `params` say which of the chosen time it depends on; a tiled source is
    served as XYZ tiles of `tile_zoom`, fetched only between `visible_zooms` (level of detail)."""

    name: str
    build: Build
    params: tuple[Param, ...] = ()
    tile_zoom: int | None = None
    visible_zooms: tuple[float | None, float | None] = (None, None)


@dataclass(frozen=True)
class ClassFill:
    """Colour by a class code column: palette[code]."""

    column: str
    palette: tuple[RGBA, ...]


@dataclass(frozen=True)
class DeckLayer:
    """One deck.gl layer drawn from a source. `geometry` is "polygons" (one per row and polygon part) or
    "points" (one per shape: `text` names the text column). `props` are plain deck.gl props."""

    layer_id: str
    deck_class: Literal["PolygonLayer", "TextLayer"]
    source: str
    geometry: Literal["polygons", "points"]
    props: dict[str, Any]
    fill: RGBA | ClassFill | None = None
    text: str | None = None
    show_when_off: bool = False
    toggled: bool = True  # False: always shown, whatever its map layer's toggle
    declutter: bool = False  # labels: hide those that would overlap a higher one (taller buildings win)

    def as_json(self, toggle: str | None) -> dict[str, Any]:
        fill: Any = self.fill
        if isinstance(self.fill, ClassFill):
            fill = {"column": self.fill.column, "palette": [list(c) for c in self.fill.palette]}
        return {
            "id": self.layer_id,
            "class": self.deck_class,
            "source": self.source,
            "geometry": self.geometry,
            "props": self.props,
            "fill": list(fill) if isinstance(fill, tuple) else fill,
            "text": self.text,
            "toggle": toggle if self.toggled else None,
            "show_when_off": self.show_when_off,
            "declutter": self.declutter,
        }


@dataclass(frozen=True)
class TableColumn:
    """One column of a layer's accessible table: header key, row field, format (as in tooltips)."""

    header_key: str
    field: str
    format: str = "text"
    ratio_of: tuple[str, str] | None = None  # a share: its total is Σ numerator / Σ denominator, not a sum


@dataclass(frozen=True)
class DataTable:
    """The layer's figures as a table: its query at the chosen time and its columns; or, for a layer of
    what users write, its rows from the store (`store_query`, query None)."""

    query: Callable[[duckdb.DuckDBPyConnection, datetime], pa.Table] | None
    columns: tuple[TableColumn, ...]
    store_query: Callable[[Store], list[dict[str, Any]]] | None = None

    def rows(
        self, con: duckdb.DuckDBPyConnection, at: datetime, store: Store | None = None
    ) -> list[dict[str, Any]]:
        if self.store_query is not None:
            return [] if store is None else self.store_query(store)
        assert self.query is not None
        table = self.query(con, at)
        rows: list[dict[str, Any]] = table.drop_columns(
            [name for name in table.column_names if name in ("geometry", "bbox")]
        ).to_pylist()
        return rows


@dataclass(frozen=True)
class MapLayer:
    """Everything about one toggle of the layer panel (or, with key None, an always-shown context layer)."""

    key: str | None
    label_key: str
    sources: tuple[Source, ...]
    deck_layers: tuple[DeckLayer, ...]
    legend: Callable[[Lang], Legend] | None = None
    tooltips: Callable[[Lang], list[Tooltip]] = lambda _: []
    datasets: tuple[str, ...] = ()  # where its figures come from, named in its legend's source line
    table: DataTable | None = None
    on_by_default: bool = True


def value_labels(lang: Lang, *values: str) -> dict[str, str]:
    """Translated labels of coded values (status, kind...), for tooltips."""
    return {value: t(f"value_{value}", lang) for value in values}


def level_labels(lang: Lang, max_level: int = 60) -> dict[str, str]:
    return {str(level): level_label(level, lang) for level in range(max_level + 1)}


def class_codes(values: Sequence[float | None], bounds: Sequence[float]) -> npt.NDArray[np.uint8]:
    """Per value, the index of the last class whose lower bound it reaches; len(bounds) when missing or
    below every bound (the "no data" colour, last in each palette)."""
    numbers = np.asarray(values, dtype=np.float64)  # None becomes NaN
    codes = np.searchsorted(np.asarray(bounds, dtype=np.float64), numbers, side="right") - 1
    codes[(codes < 0) | np.isnan(numbers)] = len(bounds)
    return codes.astype(np.uint8)
