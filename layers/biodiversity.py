"""Biodiversity plots on the ground, coloured by species richness."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from layers import palette
from layers.base import Legend, LegendItem, Tooltip, class_colour, entry, ground_spec, polygon_rows
from layers.i18n import Lang, data_values, t

KEY = "biodiversity"
LAYER_ID = "biodiversity-plots"
ATTRIBUTES = ("plot_id", "name", "habitat", "area_m2", "species_count", "observation_count", "last_observed")
RICHNESS_CLASSES = ((1, palette.GREEN_LIGHT), (4, palette.GREEN_MID), (8, palette.GREEN_DARK))


def entries(plots: pa.Table) -> list[dict[str, Any]]:
    rows = polygon_rows(plots, ATTRIBUTES, z_of=lambda _: 0.1)
    for row in rows:
        row["fill"] = list(class_colour(row["species_count"], RICHNESS_CLASSES, palette.NO_DATA))
    return [entry(LAYER_ID, ground_spec(LAYER_ID, rows, elevation_m=0.4), KEY)]


def legend(lang: Lang) -> Legend:
    labels = ("legend_richness_low", "legend_richness_mid", "legend_richness_high")
    items = tuple(
        LegendItem(t(label, lang), rgba) for label, (_, rgba) in zip(labels, RICHNESS_CLASSES, strict=True)
    )
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
