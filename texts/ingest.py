"""Texts of data loaded with `python -m geodata.ingest` (a layer without data, floors estimated by a rule):
part of the one translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

INGEST_TEXT: dict[str, dict[Lang, str]] = {
    "legend_layer_empty": {
        "fr": "Aucune donnée chargée pour cette couche",
        "en": "No data loaded for this layer",
    },
    "floors_rule_height": {
        "fr": "étages estimés d'après la hauteur",
        "en": "floors estimated from the height",
    },
    "floors_rule_default": {
        "fr": "nombre d'étages inconnu : un seul compté",
        "en": "number of floors unknown: one counted",
    },
}
