"""Texts of a floor whose occupancy is not known (status NULL, as after `ingest buildings`): part of the one
translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

OCCUPANCY_TEXT: dict[str, dict[Lang, str]] = {
    "kpi_not_known": {"fr": "non renseigné", "en": "not known"},
    "kpi_no_data": {"fr": "aucune donnée", "en": "no data"},
    "kpi_no_observation": {"fr": "aucune observation {when}", "en": "no observation {when}"},
    "kpi_unknown_detail": {"fr": "dont {area} non renseignés", "en": "of which {area} not known"},
    "legend_unknown": {"fr": "Non renseigné", "en": "Not known"},
    "value_unknown": {"fr": "non renseigné", "en": "not known"},
}
