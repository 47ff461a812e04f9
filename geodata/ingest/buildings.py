"""`ingest buildings`: a building file becomes the twin's buildings, floors and study area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from geodata.geometry import WGS84
from geodata.ingest import area as study_area
from geodata.ingest.crs import crs_name, metric_epsg, parse_crs, to_wgs84
from geodata.ingest.floors import STOREY_M, derive_floors, floor_rows
from geodata.ingest.ids import ID_COLUMNS, assign_ids
from geodata.ingest.readers import read_features
from geodata.ingest.repair import repair_geometries
from geodata.ingest.report import Report
from geodata.ingest.sources import LICENCES, TITLES, check_source, detect_source, normalise
from geodata.ingest.uses import FALLBACK_USE, is_known, use_codes
from geodata.ingest.writer import Dataset, Extras, publish, spatially_sorted
from geodata.provenance import Provenance
from geodata.schema import DATASETS

RULES = (
    f"floors: the level count (BD TOPO nombre_d_etages, OSM building:levels), else height ÷ {STOREY_M:g} m "
    "rounded, else one floor; levels under OSM building:min_level are left out",
    f"height: the file's, else floors × {STOREY_M:g} m; a height contradicting the level count is replaced",
    "ids: RNB id, else BD TOPO cleabs, else OSM way/<id>, else the file's building_id, else a shape digest",
    f"use: BD TOPO usage_1 / OSM building=* mapped to the twin's use codes; unknown → {FALLBACK_USE}",
    "status: not known (empty) unless the use says vacant: the files say what a building is for, not "
    "whether it is used; occupancy records (ingest occupancy) set it",
    "construction period and protection: unknown (not in these files)",
)


@dataclass(frozen=True)
class BuildingsOptions:
    file: Path
    out: Path
    layer: str | None = None
    source: str | None = None
    crs: str | None = None
    study_area: Path | None = None
    bbox: str | None = None
    licence: str | None = None
    name: str | None = None  # the district's name (default: the study area's)


def ingest_buildings(options: BuildingsOptions) -> Report:
    path = options.file
    given_crs = parse_crs(options.crs, path) if options.crs else None
    source = check_source(options.source, path)
    area = _study_area(options, given_crs)  # first: a bad study area is refused before the long read
    raw = read_features(path, options.layer, area[0].bounds if area else None)
    source = source or detect_source(raw)
    report = Report(
        "buildings",
        {
            "file": path.name,
            "source": source,
            "input_crs": crs_name(given_crs or raw.crs),
            "features_read": len(raw),
        },
    )
    frame = to_wgs84(normalise(raw, source), path, given_crs)
    frame = repair_geometries(frame, path, report, _row_names(frame))
    if area is not None:
        frame = study_area.inside(frame, area[0], options.study_area or path)
    district = study_area.district_frame(*area) if area else _extent(frame)
    if options.name and options.name.strip():
        district["name"] = options.name.strip()
    frame = assign_ids(frame, report)
    epsg = metric_epsg(frame)
    frame["footprint_m2"] = np.round(frame.to_crs(epsg).area.to_numpy(), 2)
    frame = spatially_sorted(derive_floors(frame, report))
    report.facts.update(metric_crs=f"EPSG:{epsg}", buildings=len(frame))
    report.facts["floors_rules"] = frame["floors_rule"].value_counts().to_dict()
    known = {value: is_known(value) for value in set(frame["usage"])}
    unknown = [bid for bid, raw in zip(frame["building_id"], frame["usage"], strict=True) if not known[raw]]
    report.add("use_unknown", "derived", f"use missing or not in the table: {FALLBACK_USE}", unknown)
    floors = _floors(frame)
    datasets: dict[str, Dataset] = {"buildings": _buildings(frame), "floors": floors, "district": district}
    report.facts["floors"] = len(floors)
    _report_unknown_status(floors, report)
    publish(datasets, _provenance(options, source, epsg, datasets), report, options.out)
    return report


def _report_unknown_status(floors: gpd.GeoDataFrame, report: Report) -> None:
    unknown = floors["status"].isna()
    report.facts["floors_status_unknown"] = int(unknown.sum())
    report.add(
        "status_unknown",
        "derived",
        "occupancy not known: status left empty until occupancy records (ingest occupancy)",
        list(floors.loc[unknown, "floor_id"]),
    )


def _row_names(frame: gpd.GeoDataFrame) -> list[str]:
    """How the report names an input row before ids are given: its own id, else its row number."""
    known = frame[list(ID_COLUMNS)].bfill(axis=1).iloc[:, 0]
    return [
        str(value) if value is not None and value == value else f"row {row}"
        for row, value in enumerate(known)
    ]


def _study_area(options: BuildingsOptions, crs: CRS | None) -> tuple[shapely.Geometry, str] | None:
    """The study area and its name, when one is given (else the buildings' extent is taken later)."""
    if options.study_area is not None:
        return study_area.read_study_area(options.study_area, crs)
    if options.bbox is not None:
        return study_area.parse_bbox(options.bbox), study_area.BBOX_NAME
    return None


def _extent(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return study_area.district_frame(study_area.extent(frame), study_area.EXTENT_NAME)


def _buildings(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    columns = {
        "building_id": frame["building_id"].astype(str).to_numpy(),
        "name": frame["name"].fillna("").astype(str).to_numpy(),
        "construction_period": pd.array([None] * len(frame), dtype="string"),
        "height_m": frame["height_m"].astype(np.float64).to_numpy(),
        "floors_count": frame["floors_count"].astype(np.int64).to_numpy(),
        "protected": np.zeros(len(frame), dtype=bool),
        "floors_rule": frame["floors_rule"].astype(str).to_numpy(),
        "id_rule": frame["id_rule"].astype(str).to_numpy(),
        "footprint_m2": frame["footprint_m2"].to_numpy(),
        "source_use": frame["usage"].to_numpy(),
    }
    return gpd.GeoDataFrame(columns, geometry=frame.geometry.to_numpy(), crs=WGS84)


def _floors(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = floor_rows(frame)
    parent = frame.iloc[rows["row"].to_numpy()]
    uses = np.array(use_codes(parent["usage"]), dtype=object)
    ids = parent["building_id"].astype(str).to_numpy()
    columns = {
        "floor_id": [f"{b}-{level}" for b, level in zip(ids, rows["level"], strict=True)],
        "building_id": ids,
        "level": rows["level"].astype(np.int64).to_numpy(),
        "area_m2": parent["footprint_m2"].astype(np.float64).to_numpy(),
        "status": pd.array([use if use == "vacant" else None for use in uses], dtype="string"),
        "use": uses,
        "occupant": pd.array([None] * len(rows), dtype="string"),
    }
    return gpd.GeoDataFrame(columns, geometry=parent.geometry.to_numpy(), crs=WGS84)


def _provenance(
    options: BuildingsOptions, source: str, epsg: int, datasets: dict[str, Dataset]
) -> dict[str, tuple[Provenance, Extras]]:
    stamp = datetime.fromtimestamp(options.file.stat().st_mtime, UTC).date().isoformat()
    licence = options.licence or LICENCES[source]
    extras: Extras = {"file": options.file.name, "metric_crs": f"EPSG:{epsg}", "rules": list(RULES)}
    entry = Provenance(
        TITLES[source],
        f"{TITLES[source]} — {options.file.name}",
        stamp,
        licence,
        False,
        "ingested with python -m geodata.ingest buildings; see ingest-report.json",
    )
    entries: dict[str, tuple[Provenance, Extras]] = {}
    for name in ("buildings", "floors"):
        entries[name] = (entry, {**extras, "rows": len(datasets[name])})
    area_source = options.study_area.name if options.study_area else (options.bbox or "the buildings' extent")
    entries["district"] = (
        Provenance("Study area", f"study area: {area_source}", stamp, licence, False, "given at ingestion"),
        {"rows": 1},
    )
    for spec in DATASETS:
        entries.setdefault(spec.name, _nothing_given(spec.name))
    return entries


def _nothing_given(name: str) -> tuple[Provenance, Extras]:
    today = date.today().isoformat()
    return Provenance(
        name.replace("_", " ").capitalize(),
        "none given to the ingestion",
        today,
        "not applicable (no rows)",
        False,
        "empty: no data was given for this layer",
    ), {"rows": 0}
