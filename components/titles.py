"""The page's and the brief's title: the district's own name from the data ("Quartier Fonderie — jumeau
numérique"), the DMC district's name in the reader's language, or a plain "Jumeau numérique" when the data
names no district (buildings ingested without a study area); and the DMC's subtitle, on the DMC only."""

from __future__ import annotations

from typing import Literal

import duckdb

from geodata.ingest.area import UNNAMED_AREAS
from geodata.queries import district_name
from layers.context import DMC_STUDY_AREA
from texts.i18n import Lang, t

TitleKind = Literal["app_title", "brief_title"]


def district_title(con: duckdb.DuckDBPyConnection, lang: Lang, kind: TitleKind = "app_title") -> str:
    name = district_name(con).strip()
    if name == DMC_STUDY_AREA:
        return t(kind, lang)  # translated: "DMC district" in English
    if not name or name in UNNAMED_AREAS:
        return t(f"{kind}_unnamed", lang)
    return t(f"{kind}_named", lang, name=name)


def district_subtitle(con: duckdb.DuckDBPyConnection, lang: Lang) -> str:
    """ "Mulhouse · anciennes filatures Dollfus-Mieg et Compagnie" under the DMC's title only."""
    return t("app_subtitle", lang) if district_name(con).strip() == DMC_STUDY_AREA else ""
