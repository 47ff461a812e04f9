"""Sample geometry datasets: district, commune, buildings, floors, parking lots, biodiversity plots."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.geometry import WGS84, LocalFrame, area_m2, polygon_area_scale, rectangle
from geodata.sample.buildings import ORIGIN_LAT, ORIGIN_LON, SITE, PlacedBuilding

DISTRICT_HA = 75.0
# Study-area outline in metres east/north of the origin: railway (west, slanted), avenue DMC (north),
# rue de Pfastatt (east), avenue Aristide Briand (south). Scaled to DISTRICT_HA when built.
_DISTRICT_OUTLINE = (
    (-470, -430), (-180, -470), (250, -455), (480, -400), (520, -60),
    (470, 330), (300, 445), (-60, 470), (-380, 420), (-440, 120),
)  # fmt: skip
REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
COMMUNE_FILE = REFERENCE_DIR / "commune_mulhouse_68224_adminexpress2018.geojson"
M2_PER_PARKING_SPACE = 25.0

# On the site grid (metres), around the mill block (about ±214 m by ±168 m), never under a building.
_LOTS = (
    ("P1", "Parking Motoco", (-150, 180, 90, 40)),
    ("P2", "Parking rue de Pfastatt", (228, -60, 40, 120)),
    ("P3", "Parking du village d'entreprises", (120, 180, 80, 35)),
    ("P4", "Parking du Réfectoire", (-200, -218, 70, 40)),
    ("P5", "Parking de l'escalade", (-268, -40, 40, 90)),
    ("P6", "Parking avenue Aristide Briand", (40, -222, 110, 40)),
)
_PLOTS = (
    ("BIO1", "Friche ferroviaire", "friche", (-335, -150, 45, 300)),
    ("BIO2", "Prairie du Réfectoire", "prairie", (-120, -236, 100, 55)),
    ("BIO3", "Mare du Réfectoire", "mare", (-255, -250, 40, 26)),
    ("BIO4", "Berge du Steinbaechlein", "berge du Steinbaechlein", (-100, -275, 350, 22)),
    ("BIO5", "Jardin partagé", "jardin partagé", (165, -218, 50, 36)),
    ("BIO6", "Haie de la rue de Pfastatt", "haie", (282, -120, 12, 240)),
    ("BIO7", "Jeune friche nord", "friche", (-265, 182, 90, 40)),
    ("BIO8", "Prairie semée de l'axe vert", "prairie", (-40, 232, 140, 25)),
)
# How many species each plot can show (its habitat's species first, then common birds): old, rich habitats
# show many, the recently cleared friche and the newly sown prairie of the green axis only a few, so the
# map's richness classes (1–3, 4–7, 8+ species) all occur.
SPECIES_POOLS = {"BIO1": 14, "BIO2": 10, "BIO3": 7, "BIO4": 11, "BIO5": 6, "BIO6": 5, "BIO7": 3, "BIO8": 4}


def district() -> gpd.GeoDataFrame:
    """The ~75 ha study area: the outline above, scaled in Lambert-93 metres to exactly DISTRICT_HA."""
    outline = shapely.Polygon(_DISTRICT_OUTLINE)
    factor = polygon_area_scale(DISTRICT_HA * 10_000, outline.area)
    scaled = shapely.affinity.scale(outline, factor, factor, origin=(0.0, 0.0))
    shape = LocalFrame(ORIGIN_LON, ORIGIN_LAT).to_wgs84(scaled)
    return gpd.GeoDataFrame({"name": ["Quartier DMC"]}, geometry=[shape], crs=WGS84)


def context_commune() -> gpd.GeoDataFrame:
    """The real Mulhouse boundary (IGN Admin Express 2018), shipped in geodata/reference/."""
    features = json.loads(COMMUNE_FILE.read_text(encoding="utf-8"))["features"]
    shapes = [shapely.geometry.shape(feature["geometry"]) for feature in features]
    columns = {
        "name": [feature["properties"]["nom"] for feature in features],
        "insee_code": [feature["properties"]["code"] for feature in features],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def buildings(placed: list[PlacedBuilding]) -> gpd.GeoDataFrame:
    columns = {
        "building_id": [b.spec.building_id for b in placed],
        "name": [b.spec.name for b in placed],
        "construction_period": [b.spec.period for b in placed],
        "height_m": [b.spec.height_m for b in placed],
        "floors_count": [b.spec.floors for b in placed],
        "protected": [b.spec.protected for b in placed],
    }
    return gpd.GeoDataFrame(columns, geometry=[b.footprint for b in placed], crs=WGS84)


def floors(placed: list[PlacedBuilding]) -> gpd.GeoDataFrame:
    """One row per storey; its area is the footprint area computed in EPSG:2154."""
    rows = [(b, level) for b in placed for level in range(b.spec.floors)]
    shapes = [b.footprint for b, _ in rows]
    occupied = [level < b.spec.occupied_floors for b, level in rows]
    columns = {
        "floor_id": [f"{b.spec.building_id}-{level}" for b, level in rows],
        "building_id": [b.spec.building_id for b, _ in rows],
        "level": [level for _, level in rows],
        "area_m2": [round(value, 1) for value in area_m2(shapes)],
        "status": ["occupied" if used else "vacant" for used in occupied],
        "use": [b.spec.use if used else "vacant" for (b, _), used in zip(rows, occupied, strict=True)],
        "occupant": [b.spec.occupant if used else None for (b, _), used in zip(rows, occupied, strict=True)],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def _grid_boxes(items: tuple[tuple[str, str, tuple[int, int, int, int]], ...]) -> list[BaseGeometry]:
    return [SITE.to_wgs84(rectangle(*box)) for *_, box in items]


def parking_lots() -> gpd.GeoDataFrame:
    shapes = _grid_boxes(tuple((lot_id, name, box) for lot_id, name, box in _LOTS))
    columns = {
        "lot_id": [lot_id for lot_id, _, _ in _LOTS],
        "name": [name for _, name, _ in _LOTS],
        "capacity": [int(area // M2_PER_PARKING_SPACE) for area in area_m2(shapes)],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)


def species_pool_sizes() -> list[int]:
    """The number of species each plot can show, in the order of biodiversity_plots()."""
    return [SPECIES_POOLS[plot[0]] for plot in _PLOTS]


def biodiversity_plots() -> gpd.GeoDataFrame:
    shapes = _grid_boxes(tuple((plot_id, name, box) for plot_id, name, _, box in _PLOTS))
    columns = {
        "plot_id": [plot[0] for plot in _PLOTS],
        "name": [plot[1] for plot in _PLOTS],
        "habitat": [plot[2] for plot in _PLOTS],
        "area_m2": [round(value, 1) for value in area_m2(shapes)],
    }
    return gpd.GeoDataFrame(columns, geometry=shapes, crs=WGS84)
