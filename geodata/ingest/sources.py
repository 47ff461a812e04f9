"""The kinds of building file the twin knows, recognised by their columns, and their attributes brought to
one set of columns: ids (rnb_id, cleabs, osm_id, own_id), name, height, levels, min_level, usage."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.ingest.errors import IngestError

SOURCES = ("bdtopo", "osm", "rnb", "cadastre", "generic")
# Column names per attribute, as each source spells them (GeoPackage, shapefile's 10-letter names, GeoJSON);
# matched without regard to case.
_ALIASES: dict[str, tuple[str, ...]] = {
    "rnb_id": ("rnb_id", "identifiants_rnb", "id_rnb"),
    "cleabs": ("cleabs",),
    "osm_id": ("@id", "osm_id", "osm_way_id"),
    "own_id": ("building_id", "id_batiment"),
    "name": ("name", "nom", "toponyme"),
    "height": ("hauteur", "height", "height_m"),
    "levels": (
        "nombre_d_etages",
        "nb_etages",
        "building:levels",
        "building_levels",
        "levels",
        "floors_count",
    ),
    "min_level": ("building:min_level", "building_min_level", "min_level"),
    "usage": ("usage_1", "usage1", "building", "use"),
}
LICENCES = {
    "bdtopo": "Licence Ouverte 2.0 (Etalab) — « IGN, BD TOPO »",
    "osm": "ODbL 1.0 — © OpenStreetMap contributors",
    "rnb": "Licence Ouverte 2.0 (Etalab) — Référentiel national des bâtiments",
    "cadastre": "Licence Ouverte 2.0 (Etalab) — cadastre, DGFiP",
    "generic": "as stated by the file's provider (give it with --licence)",
}
TITLES = {
    "bdtopo": "IGN BD TOPO, BATIMENT",
    "osm": "OpenStreetMap buildings",
    "rnb": "Référentiel national des bâtiments (RNB)",
    "cadastre": "Cadastre Etalab, bâtiments",
    "generic": "Buildings",
}


def detect_source(frame: gpd.GeoDataFrame) -> str:
    """The source a file's columns betray (BD TOPO's cleabs, RNB's rnb_id, OSM's building tags…)."""
    names = {str(column).lower() for column in frame.columns}
    if names & {"cleabs", "nombre_d_etages", "usage_1", "nb_etages", "usage1"}:
        return "bdtopo"
    if "rnb_id" in names:
        return "rnb"
    if names & {"building:levels", "@id", "osm_id", "osm_way_id", "osm_type"} or "building" in names:
        return "osm"
    if {"commune", "type", "created"} <= names:
        return "cadastre"
    return "generic"


def check_source(text: str | None, path: Path) -> str | None:
    if text is not None and text not in SOURCES:
        raise IngestError(path, f"unknown --source {text!r}; expected one of {', '.join(SOURCES)}")
    return text


def normalise(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """One row per input feature with the standard attribute columns (missing ones are null/NaN)."""
    lookup = {str(column).lower(): column for column in frame.columns}
    out = gpd.GeoDataFrame({"geometry": frame.geometry.to_numpy()}, geometry="geometry", crs=frame.crs)
    for attribute, aliases in _ALIASES.items():
        column = next((lookup[alias] for alias in aliases if alias in lookup), None)
        out[attribute] = frame[column].to_numpy() if column is not None else None
    out["osm_id"] = _osm_ids(frame, lookup) if source == "osm" else None
    if source != "bdtopo":
        out["cleabs"] = None
    if source == "cadastre":
        out["usage"] = None  # the cadastre's "type" is hard/light construction, not a use
    for attribute in ("height", "levels", "min_level"):
        out[attribute] = _numbers(out[attribute])
    for attribute in ("rnb_id", "cleabs", "osm_id", "own_id", "name", "usage"):
        out[attribute] = _texts(out[attribute])
    out["rnb_id"] = out["rnb_id"].str.split(r"[/,;| ]", regex=True).str[0].replace("", None)
    return out


def _osm_ids(frame: gpd.GeoDataFrame, lookup: dict[str, object]) -> pd.Series:
    """ "way/123": from an "@id" or "id" column already in that form, or pyrosm's id + osm_type."""
    for name in ("@id", "id"):
        if name in lookup:
            ids = _texts(pd.Series(frame[lookup[name]].to_numpy()))
            if ids.str.contains("/", regex=False).all():
                return ids
    if "id" in lookup and "osm_type" in lookup:
        kinds = _texts(pd.Series(frame[lookup["osm_type"]].to_numpy())).fillna("way")
        numbers = pd.Series(frame[lookup["id"]].to_numpy()).astype("Int64").astype(str)
        return kinds + "/" + numbers
    for name in ("osm_way_id", "osm_id"):
        if name in lookup:
            return "way/" + _texts(pd.Series(frame[lookup[name]].to_numpy()))
    return pd.Series([None] * len(frame), dtype=object)


def _numbers(values: pd.Series) -> pd.Series:
    """Numbers from text too ("12 m", "3,5"); anything else is NaN (treated as missing)."""
    text = values.astype(object).where(values.notna(), "").astype(str).str.replace(",", ".", regex=False)
    number = text.str.extract(r"(-?\d+(?:\.\d+)?)", expand=False)
    return pd.to_numeric(number, errors="coerce").astype(np.float64)


def _texts(values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), None)
    return pd.Series(
        [str(value).strip() or None if value is not None else None for value in text], dtype=object
    )
