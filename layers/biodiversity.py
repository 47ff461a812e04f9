"""Biodiversity plots on the ground, coloured by the species observed up to the chosen day."""

from __future__ import annotations

import duckdb

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
    class_codes,
)
from layers.binary import Columns
from layers.features import geometries_of, polygon_features
from layers.parking import GROUND_PROPS
from texts.i18n import Lang, data_values, t

KEY = "biodiversity"
SOURCE = "biodiversity"
LAYER_ID = "biodiversity-plots"
FIELDS = ("plot_id", "name", "habitat", "area_m2", "species_count", "observation_count", "last_observed")
RICHNESS_BOUNDS = (1, 4, 8)
PALETTE = (palette.RICHNESS_LOW, palette.RICHNESS_MID, palette.RICHNESS_HIGH, palette.NO_DATA)


def plots_on(con: duckdb.DuckDBPyConnection, request: Request) -> Columns:
    assert request.at is not None
    plots = queries.plots_with_species(con, until=request.at)
    columns = polygon_features(plots, geometries_of(plots), request.origin, FIELDS)
    columns.numbers["row_class"] = class_codes(plots.column("species_count").to_pylist(), RICHNESS_BOUNDS)
    columns.meta.update(base=0.1, height=0.4)
    return columns


def legend(lang: Lang) -> Legend:
    labels = ("legend_richness_low", "legend_richness_mid", "legend_richness_high")
    items = tuple(LegendItem(t(label, lang), rgba) for label, rgba in zip(labels, PALETTE, strict=False))
    return Legend(KEY, t("layer_biodiversity", lang), items)


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_habitat", lang), "habitat", "value"),
        (t("tt_area", lang), "area_m2", "m2"),
        (t("tt_species", lang), "species_count", "int"),
        (t("tt_observations", lang), "observation_count", "int"),
        (t("tt_last_observed", lang), "last_observed", "date"),
    )
    return [Tooltip(LAYER_ID, t("layer_biodiversity", lang), "name", rows, data_values(lang))]


LAYER = MapLayer(
    KEY,
    "layer_biodiversity",
    # Observations are dated by day: a new hour on the same day asks for nothing new.
    (Source(SOURCE, plots_on, params=("on",)),),
    (DeckLayer(LAYER_ID, "PolygonLayer", SOURCE, "polygons", GROUND_PROPS, ClassFill("row_class", PALETTE)),),
    legend,
    tooltips,
    ("biodiversity_plots", "biodiversity_observations"),
    DataTable(
        lambda con, at: queries.plots_with_species(con, until=at),
        (
            TableColumn("col_plot", "name"),
            TableColumn("tt_habitat", "habitat", "value"),
            TableColumn("tt_species", "species_count", "int"),
            TableColumn("tt_last_observed", "last_observed", "date"),
        ),
    ),
)
