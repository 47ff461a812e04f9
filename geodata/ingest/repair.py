"""Geometry repair, column-wise: 3D to 2D, non-areas and empty shapes dropped, invalid shapes repaired with
make_valid keeping their polygons only; every touched row goes into the report."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geodata.ingest.errors import IngestError
from geodata.ingest.report import Report

_AREA_TYPES = ("Polygon", "MultiPolygon")


def repair_geometries(
    frame: gpd.GeoDataFrame, path: Path, report: Report, ids: list[str]
) -> gpd.GeoDataFrame:
    """`ids` names each row for the report (the input's own id or its row number)."""
    shapes = np.asarray(frame.geometry.to_numpy(), dtype=object)
    missing = shapely.is_missing(shapes) | shapely.is_empty(shapes)
    report.add("geometry_empty", "dropped", "empty or missing geometry", _pick(ids, missing))
    shapes[missing] = None
    shapes = shapely.force_2d(shapes)
    areas = np.isin(shapely.get_type_id(shapes), [3, 6])
    if not areas.any():
        raise IngestError(path, "no polygons: the file holds points or lines, not building footprints")
    not_area = ~areas & ~missing
    report.add("geometry_not_polygon", "dropped", "not a polygon (point or line)", _pick(ids, not_area))
    invalid = areas & ~shapely.is_valid(np.where(areas, shapes, None))
    fixed = np.array(
        [
            _polygons_of(shapely.make_valid(shape)) if bad else shape
            for shape, bad in zip(shapes, invalid, strict=True)
        ],
        dtype=object,
    )
    lost = invalid & shapely.is_missing(fixed)
    report.add(
        "geometry_repaired",
        "repaired",
        "invalid geometry repaired (make_valid, polygons kept)",
        _pick(ids, invalid & ~lost),
    )
    report.add(
        "geometry_unrepairable",
        "dropped",
        "invalid geometry with no area left once repaired",
        _pick(ids, lost),
    )
    keep = areas & ~lost
    out = frame.loc[keep].copy()
    out["geometry"] = fixed[keep]
    return out.reset_index(drop=True)


def _polygons_of(shape: shapely.Geometry) -> shapely.Geometry | None:
    """The polygon parts of a repaired shape (a collection may hold lines or points too); None if none."""
    parts = [part for part in shapely.get_parts(shape) if part.geom_type in _AREA_TYPES and not part.is_empty]
    polygons = [polygon for part in parts for polygon in shapely.get_parts(part)]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _pick(ids: list[str], mask: np.ndarray) -> list[str]:
    return [ids[row] for row in np.flatnonzero(mask)]
