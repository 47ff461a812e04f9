"""Geometry helpers: a local metric frame on Lambert-93 and areas computed in EPSG:2154, never in degrees."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import shapely
from pyproj import Transformer
from shapely import affinity
from shapely.geometry.base import BaseGeometry

LAMBERT_93 = 2154
WGS84 = 4326
_TO_LAMBERT = Transformer.from_crs(WGS84, LAMBERT_93, always_xy=True)
_TO_WGS84 = Transformer.from_crs(LAMBERT_93, WGS84, always_xy=True)


def area_m2(geometries: Sequence[BaseGeometry]) -> list[float]:
    """Areas in square metres of EPSG:4326 geometries, computed in Lambert-93 (EPSG:2154)."""
    series = gpd.GeoSeries(list(geometries), crs=WGS84).to_crs(LAMBERT_93)
    return [float(value) for value in series.area]


def lambert_area_m2(geometry: BaseGeometry) -> float:
    """The area in square metres of one EPSG:4326 geometry, computed in Lambert-93 (EPSG:2154); without
    area_m2's GeoSeries, for the few shapes of a scenario checked on each edit."""
    return float(wgs84_to_lambert(geometry).area)


def lambert_to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, _TO_WGS84.transform, interleaved=False)


def wgs84_to_lambert(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, _TO_LAMBERT.transform, interleaved=False)


@dataclass(frozen=True)
class LocalFrame:
    """Metres east/north of an origin, rotated by `axis_deg` (anticlockwise) — the site's own grid."""

    origin_lon: float
    origin_lat: float
    axis_deg: float = 0.0

    def to_wgs84(self, geometry: BaseGeometry) -> BaseGeometry:
        """A geometry drawn in this frame (metres), as EPSG:4326 lon/lat."""
        x0, y0 = _TO_LAMBERT.transform(self.origin_lon, self.origin_lat)
        turned = affinity.rotate(geometry, self.axis_deg, origin=(0.0, 0.0))
        return lambert_to_wgs84(affinity.translate(turned, x0, y0))


def rectangle(x: float, y: float, length: float, depth: float) -> BaseGeometry:
    """An axis-aligned rectangle with its south-west corner at (x, y), in metres."""
    return shapely.box(x, y, x + length, y + depth)


def l_shape(x: float, y: float, length: float, depth: float, notch: float = 0.5) -> BaseGeometry:
    """A rectangle with its north-east corner cut away (`notch` of each side): area (1 - notch²)·L·D."""
    cut = shapely.box(x + length * (1 - notch), y + depth * (1 - notch), x + length, y + depth)
    return rectangle(x, y, length, depth).difference(cut)


def polygon_area_scale(target_m2: float, current_m2: float) -> float:
    """The linear scale factor that turns an area of `current_m2` into `target_m2`."""
    return math.sqrt(target_m2 / current_m2)
