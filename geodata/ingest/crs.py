"""Coordinate reference systems of the input: the file's own, or the one named with --crs; refused when
neither says, since a guess would place the district in the wrong country without an error."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata.geometry import WGS84, metric_crs
from geodata.ingest.errors import IngestError


def parse_crs(text: str, path: Path) -> CRS:
    """A CRS from the command line (EPSG:2154, 2154, a WKT or a PROJ string), or a one-line refusal."""
    try:
        return CRS.from_user_input(int(text) if text.isdigit() else text)
    except CRSError:
        raise IngestError(path, f"--crs {text!r} is not a CRS pyproj knows (e.g. EPSG:2154)") from None


def to_wgs84(frame: gpd.GeoDataFrame, path: Path, given: CRS | None) -> gpd.GeoDataFrame:
    """The frame in EPSG:4326: from its own CRS, else from --crs; `given` overrides a file's CRS."""
    crs = given or frame.crs
    if crs is None:
        raise IngestError(path, "no CRS in the file; name it with --crs (e.g. --crs EPSG:2154)")
    return frame.set_crs(crs, allow_override=True).to_crs(WGS84)


def crs_name(crs: CRS | None) -> str:
    if crs is None:
        return "unknown"
    authority = crs.to_authority(min_confidence=70)
    return ":".join(authority) if authority else crs.name


def metric_epsg(frame: gpd.GeoDataFrame) -> int:
    """The metric CRS where the buildings lie (geodata.geometry.metric_crs): areas are computed in it."""
    west, south, east, north = frame.total_bounds
    return metric_crs((west + east) / 2, (south + north) / 2)
