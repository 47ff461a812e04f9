"""Small files in the real formats a city hands over, built inside the tests (no fixture files):
a BD TOPO BATIMENT GeoPackage in Lambert-93, an OSM-style GeoJSON, a tiny .osm.pbf (pyosmium writes it),
a cadastre GeoJSON and CSV records. Footprints are rectangles drawn in Lambert-93 metres near Mulhouse,
so their areas are known by hand."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

# A point of the DMC district, lon 7.3225 lat 47.7530, in Lambert-93 metres (projected with pyproj, to the
# cm): only a place to draw at. The exactness of the projection is checked on Lambert-93's own origin.
ORIGIN_X, ORIGIN_Y = 1023710.92, 6748040.95
LAMBERT_93 = "EPSG:2154"


def rect(x: float, y: float, width: float, depth: float) -> shapely.Polygon:
    """A rectangle in Lambert-93 metres, offset from the district point; area width × depth m²."""
    return shapely.box(ORIGIN_X + x, ORIGIN_Y + y, ORIGIN_X + x + width, ORIGIN_Y + y + depth)


def bdtopo_gpkg(path: Path) -> Path:
    """BD TOPO's BATIMENT columns (cleabs, hauteur, nombre_d_etages, usage_1, nombre_de_logements), 3D
    polygons like the real product, plus the cases the ingestion must repair or refuse."""
    bowtie = shapely.Polygon(
        [
            (ORIGIN_X + 200, ORIGIN_Y),
            (ORIGIN_X + 220, ORIGIN_Y + 20),
            (ORIGIN_X + 220, ORIGIN_Y),
            (ORIGIN_X + 200, ORIGIN_Y + 20),
        ]
    )
    rows = [
        ("BATIMENT0000000000000001", 12.0, 4, "Résidentiel", 10, rect(0, 0, 20, 10)),  # levels: 4 floors
        ("BATIMENT0000000000000002", 9.0, None, "Industriel", 0, rect(40, 0, 30, 20)),  # height ÷ 3: 3 floors
        ("BATIMENT0000000000000003", None, None, "Indifférencié", 0, rect(80, 0, 10, 10)),  # default: 1
        ("BATIMENT0000000000000004", 350.0, 2, "Commercial et services", 0, rect(100, 0, 10, 10)),  # absurd h
        ("BATIMENT0000000000000005", 6.0, 150, "Résidentiel", 0, rect(120, 0, 10, 10)),  # absurd levels
        ("BATIMENT0000000000000006", 10.0, 2, "Sportif", 0, bowtie),  # invalid: repaired
        ("BATIMENT0000000000000007", 12.0, 4, "Résidentiel", 10, rect(0, 0, 20, 10)),  # duplicate footprint
        ("BATIMENT0000000000000008", 1.0, None, "Annexe", 0, rect(140, 0, 3, 3)),  # too low: dropped
        ("BATIMENT0000000000000009", 3.0, 5, "Résidentiel", 0, rect(160, 0, 10, 10)),  # height contradicts
    ]
    columns = ["cleabs", "hauteur", "nombre_d_etages", "usage_1", "nombre_de_logements"]
    frame = gpd.GeoDataFrame(
        [dict(zip(columns, row[:5], strict=True)) for row in rows],
        geometry=[shapely.force_3d(row[5], 240.0) for row in rows],
        crs=LAMBERT_93,
    )
    frame.to_file(path, layer="batiment", driver="GPKG")
    return path


def osm_geojson(path: Path) -> Path:
    """An Overpass/osmtogeojson-style export: "@id" way ids, building=*, building:levels, height."""
    features = [
        _feature(
            {"@id": "way/101", "building": "house", "building:levels": "2", "name": "Maison"},
            shapely.box(7.3200, 47.7500, 7.3202, 47.7501),
        ),
        _feature(
            {"@id": "way/102", "building": "yes", "height": "7.5"},
            shapely.box(7.3210, 47.7500, 7.3212, 47.7501),
        ),
        _feature(
            {"@id": "way/103", "building": "school", "building:levels": "3", "building:min_level": "1"},
            shapely.box(7.3220, 47.7500, 7.3222, 47.7501),
        ),
        _feature({"@id": "node/104", "building": "yes"}, shapely.Point(7.3230, 47.7500)),
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def cadastre_geojson(path: Path) -> Path:
    """Etalab cadastre `batiments`: type (01 hard, 02 light), nom, commune, created, updated; no id."""
    props = {"type": "01", "nom": None, "commune": "68224", "created": "2012-01-01", "updated": "2024-01-01"}
    features = [
        _feature(props, shapely.box(7.3200 + i * 0.0003, 47.7500, 7.3202 + i * 0.0003, 47.7502))
        for i in range(3)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _feature(properties: dict[str, object], shape: shapely.Geometry) -> dict[str, object]:
    return {"type": "Feature", "properties": properties, "geometry": shapely.geometry.mapping(shape)}


def osm_pbf(path: Path) -> Path:
    """Two buildings as closed ways (one with levels, one with a height) and an untagged way, in PBF."""
    import osmium
    from osmium.osm.mutable import Node, Way

    squares = [
        (7.3200, 47.7500, 7.3203, 47.7502),
        (7.3210, 47.7500, 7.3212, 47.7501),
        (7.3220, 47.75, 7.3221, 47.7501),
    ]
    tags = [{"building": "apartments", "building:levels": "5"}, {"building": "retail", "height": "4"}, {}]
    writer = osmium.SimpleWriter(str(path))
    meta = {"version": 1, "timestamp": "2026-01-01T00:00:00Z", "changeset": 1, "uid": 1, "user": "test"}
    node = 1
    for way_id, ((x0, y0, x1, y1), way_tags) in enumerate(zip(squares, tags, strict=True), start=201):
        first = node
        for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]:
            writer.add_node(Node(id=node, location=(x, y), tags={}, **meta))
            node += 1
        refs = [first, first + 1, first + 2, first + 3, first]
        writer.add_way(Way(id=way_id, nodes=refs, tags=way_tags, **meta))
    writer.close()
    return path


def bdtopo_grid(path: Path, columns: int = 6, rows: int = 5) -> Path:
    """A block of BD TOPO buildings (25 × 15 m, 1 to 6 storeys, every usage) round the district point."""
    usages = ["Résidentiel", "Industriel", "Commercial et services", "Sportif", "Annexe", "Indifférencié"]
    records = []
    for row in range(rows):
        for column in range(columns):
            number = row * columns + column
            levels = 1 + (number * 7) % 6
            records.append({"cleabs": f"BATIMENT{number:016d}", "hauteur": levels * 3.2,
                            "nombre_d_etages": levels if number % 4 else None,
                            "usage_1": usages[number % len(usages)], "nombre_de_logements": 0,
                            "geometry": rect(column * 40 - 120, row * 30 - 75, 25, 15)})  # fmt: skip
    gpd.GeoDataFrame(records, geometry="geometry", crs=LAMBERT_93).to_file(
        path, layer="batiment", driver="GPKG"
    )
    return path
