"""Car parks on the ground, coloured by their share of free spaces at the chosen time."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from layers import palette
from layers.base import Legend, LegendItem, Tooltip, class_colour, entry, ground_spec, polygon_rows
from layers.i18n import Lang, t
from layers.labels import label_rows, text_spec

KEY = "parking"
LAYER_ID = "parking-lots"
LABELS_ID = "parking-labels"
ATTRIBUTES = ("lot_id", "name", "capacity", "free_spaces", "free_share", "observed_at")
FREE_SHARE_CLASSES = ((0.0, palette.VERMILLION), (0.10, palette.YELLOW), (0.40, palette.SKY_BLUE))


def entries(lots: pa.Table) -> list[dict[str, Any]]:
    rows = polygon_rows(lots, ATTRIBUTES, z_of=lambda _: 0.1)
    for row in rows:
        row["fill"] = list(class_colour(row["free_share"], FREE_SHARE_CLASSES, palette.NO_DATA))
    texts = [f"P {'?' if free is None else free}" for free in lots.column("free_spaces").to_pylist()]
    labels = label_rows(lots, texts, [0.0] * lots.num_rows)
    return [
        entry(LAYER_ID, ground_spec(LAYER_ID, rows, elevation_m=0.6), KEY),
        entry(LABELS_ID, text_spec(LABELS_ID, labels, size_px=14), KEY),
    ]


def legend(lang: Lang) -> Legend:
    labels = ("legend_parking_full", "legend_parking_some", "legend_parking_many")
    items = [
        LegendItem(t(label, lang), rgba) for label, (_, rgba) in zip(labels, FREE_SHARE_CLASSES, strict=True)
    ]
    items.append(LegendItem(t("legend_no_data", lang), palette.NO_DATA))
    return Legend(KEY, t("layer_parking", lang), tuple(items))


def tooltips(lang: Lang) -> list[Tooltip]:
    rows = (
        (t("tt_free", lang), "free_spaces", "int"),
        (t("tt_capacity", lang), "capacity", "int"),
        (t("tt_free_share", lang), "free_share", "percent"),
        (t("tt_observed_at", lang), "observed_at", "datetime"),
    )
    return [Tooltip(LAYER_ID, t("layer_parking", lang), "name", rows)]
