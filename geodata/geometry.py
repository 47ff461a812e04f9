"""Geometry helpers: a local metric frame on Lambert-93, and areas computed in a metric CRS suited to where
the geometry lies (Lambert-93 in metropolitan France, else the local UTM zone), never in degrees."""

from __future__ import annotations

import functools
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


# Lambert-93's area of use as EPSG states it (lon min, lat min, lon max, lat max): metropolitan France and
# its coastal waters. Outside it, Lambert-93's scale error grows and the local UTM zone is used instead.
LAMBERT_93_AREA = (-9.86, 41.15, 10.38, 51.56)


def metric_crs(lon: float, lat: float) -> int:
    """The EPSG code of a metric CRS suited to a place: Lambert-93 in metropolitan France, else the UTM zone
    of the point (WGS 84 / UTM, north 326xx or south 327xx; scale error under 0.1 % in the zone)."""
    west, south, east, north = LAMBERT_93_AREA
    if west <= lon <= east and south <= lat <= north:
        return LAMBERT_93
    zone = min(max(int((lon + 180.0) // 6.0) + 1, 1), 60)
    return (32600 if lat >= 0 else 32700) + zone


def metric_crs_of(geometries: Sequence[BaseGeometry]) -> int:
    """The metric CRS for a set of EPSG:4326 geometries, chosen at the centre of their extent."""
    xmin, ymin, xmax, ymax = shapely.total_bounds(list(geometries))
    return metric_crs((xmin + xmax) / 2, (ymin + ymax) / 2)


def area_m2(geometries: Sequence[BaseGeometry]) -> list[float]:
    """Areas in square metres of EPSG:4326 geometries, computed in the metric CRS of where they lie."""
    shapes = list(geometries)
    if not shapes:
        return []
    series = gpd.GeoSeries(shapes, crs=WGS84).to_crs(metric_crs_of(shapes))
    return [float(value) for value in series.area]


def metric_area_m2(geometry: BaseGeometry) -> float:
    """The area in square metres of one EPSG:4326 geometry, in the metric CRS of where it lies; without
    area_m2's GeoSeries, for the few shapes of a scenario checked on each edit."""
    if geometry.is_empty:
        return 0.0
    point = geometry.centroid
    transformer = _from_wgs84(metric_crs(point.x, point.y))
    return float(shapely.transform(geometry, transformer.transform, interleaved=False).area)


@functools.lru_cache(maxsize=8)
def _from_wgs84(epsg: int) -> Transformer:
    return Transformer.from_crs(WGS84, epsg, always_xy=True)


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
