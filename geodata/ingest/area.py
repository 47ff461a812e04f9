"""The study area: a polygon file (--study-area), a box (--bbox), or else the buildings' extent."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from pyproj import CRS

from geodata.geometry import WGS84
from geodata.ingest.crs import to_wgs84
from geodata.ingest.errors import IngestError
from geodata.ingest.readers import read_features

EXTENT_NAME = "Emprise des bâtiments"  # the district's name when no study area is given
BBOX_NAME = "Zone d'étude"  # … and when it is a --bbox
UNNAMED_AREAS = (EXTENT_NAME, BBOX_NAME)  # names that say what the area is, not which district it is


def parse_bbox(text: str) -> shapely.Polygon:
    """minlon,minlat,maxlon,maxlat in degrees, or a one-line refusal."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise IngestError(Path("--bbox"), f"{text!r} is not minlon,minlat,maxlon,maxlat") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise IngestError(Path("--bbox"), f"{text!r} is not a box in degrees (west < east, south < north)")
    return shapely.box(west, south, east, north)


def read_study_area(path: Path, crs: CRS | None) -> tuple[shapely.Geometry, str]:
    """The union of a file's polygons in EPSG:4326, and its name (a name/nom column, else the file's)."""
    raw = read_features(path)
    frame = to_wgs84(raw, path, None if raw.crs is not None else crs)  # its own CRS first
    shapes = [shape for shape in frame.geometry if shape is not None and shape.geom_type.endswith("Polygon")]
    if not shapes:
        raise IngestError(path, "the study area file holds no polygon")
    names = [str(frame[c].iloc[0]) for c in frame.columns if str(c).lower() in ("name", "nom")]
    return shapely.make_valid(shapely.union_all(shapes)), names[0] if names else path.stem


def inside(frame: gpd.GeoDataFrame, area: shapely.Geometry, path: Path) -> gpd.GeoDataFrame:
    """The buildings whose footprint's inner point lies in the area; none is a refusal."""
    points = shapely.point_on_surface(frame.geometry.to_numpy())
    keep = shapely.contains(area, points) | shapely.touches(area, points)
    if not keep.any():
        raise IngestError(path, "the study area contains none of the buildings (check its CRS and extent)")
    return frame.loc[keep].reset_index(drop=True)


def extent(frame: gpd.GeoDataFrame) -> shapely.Geometry:
    return shapely.box(*frame.total_bounds)


def district_frame(area: shapely.Geometry, name: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": [name]}, geometry=[area], crs=WGS84)
