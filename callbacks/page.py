"""What the page needs once per process: the map's configuration, its first view and the data period."""

from __future__ import annotations

import math
from datetime import date

from components.layout import PageData
from geodata.catalog import Catalog
from geodata.queries import activity_time_range, study_area_bounds
from layers.registry import client_config
from layers.shapes import origin_of

Bounds = tuple[float, float, float, float]
MAP_WIDTH_PX = 1100  # the map's width on a usual screen, to fit the study area in the first view
NEAR_SIDE_SHIFT = 0.06  # of the span: under a tilted camera the far side looks smaller, so look a bit nearer
MAX_FIRST_ZOOM = 16.0
FIRST_VIEW = {"pitch": 45.0, "bearing": -20.0}


def initial_view(bounds: Bounds) -> dict[str, float]:
    """Centred on the study area, zoomed so that it fills the map (tilted, as the site is seen from above)."""
    west, south, east, north = bounds
    span = max(east - west, (north - south) / math.cos(math.radians((south + north) / 2)), 1e-6)
    zoom = math.log2(360 / span * MAP_WIDTH_PX / 512)
    latitude = (south + north) / 2 - NEAR_SIDE_SHIFT * (north - south)
    return {"longitude": round((west + east) / 2, 6), "latitude": round(latitude, 6),
            "zoom": round(min(zoom, MAX_FIRST_ZOOM), 2), **FIRST_VIEW}  # fmt: skip


def page_data(catalog: Catalog, basemap_url: str | None, atelier_idle_s: int = 180) -> PageData:
    con = catalog.cursor()
    bounds = study_area_bounds(con)
    start, end = activity_time_range(con, date.today())
    config = client_config(catalog.version, origin_of(bounds), bounds)
    return PageData(config, initial_view(bounds), start.date(), end.date(), catalog.is_sample, basemap_url,
                    atelier_idle_s)  # fmt: skip
