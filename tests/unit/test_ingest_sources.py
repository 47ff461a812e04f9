"""OpenStreetMap (an Overpass-style GeoJSON and a tiny .osm.pbf), the Etalab cadastre and the RNB:
ids, floors from building:levels / building:min_level / height, uses, and what is dropped."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata.ingest.cli import main
from geodata.ingest.report import REPORT_FILE
from tests.unit.ingest_files import cadastre_geojson, osm_geojson, osm_pbf, rect


def ingest(source_file: Path, *options: str) -> Path:
    out = source_file.parent / "data"
    assert main(["buildings", str(source_file), "--out", str(out), *options]) == 0
    return out


def read(out: Path, name: str) -> pd.DataFrame:
    return gpd.read_parquet(out / f"{name}.parquet")


def report_of(out: Path) -> dict[str, object]:
    report: dict[str, object] = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    return report


def test_osm_geojson_keeps_way_ids_levels_min_level_and_height(tmp_path: Path) -> None:
    out = ingest(osm_geojson(tmp_path / "export.geojson"))
    buildings = read(out, "buildings").set_index("building_id")
    assert list(buildings.sort_index().index) == ["way/101", "way/102", "way/103"]
    assert buildings.loc["way/101", ["floors_count", "floors_rule", "name"]].tolist() == [
        2,
        "levels",
        "Maison",
    ]
    assert buildings.loc["way/102", ["floors_count", "floors_rule", "height_m"]].tolist() == [
        3,
        "height",
        7.5,
    ]
    floors = read(out, "floors")
    # building:min_level 1 of 3 levels: the floors at levels 1 and 2 belong to this building, not level 0.
    assert sorted(floors.loc[floors["building_id"] == "way/103", "level"]) == [1, 2]
    assert set(floors.loc[floors["building_id"] == "way/103", "use"]) == {"school"}
    assert set(floors.loc[floors["building_id"] == "way/102", "use"]) == {"storage"}  # building=yes
    entries = {entry["rule"]: entry["ids"] for entry in report_of(out)["entries"]}  # type: ignore[attr-defined]
    assert entries["geometry_not_polygon"] == ["node/104"] and entries["use_unknown"] == ["way/102"]
    assert report_of(out)["source"] == "osm"


def test_osm_pbf_is_read_with_its_building_tags(tmp_path: Path) -> None:
    out = ingest(osm_pbf(tmp_path / "district.osm.pbf"))
    buildings = read(out, "buildings").set_index("building_id").sort_index()
    assert list(buildings.index) == ["way/201", "way/202"]  # the untagged way is no building
    assert buildings.loc["way/201", ["floors_count", "floors_rule"]].tolist() == [5, "levels"]
    assert buildings.loc["way/202", ["floors_count", "floors_rule", "height_m"]].tolist() == [
        1,
        "height",
        4.0,
    ]
    floors = read(out, "floors")
    assert set(floors.loc[floors["building_id"] == "way/201", "use"]) == {"housing"}
    assert set(floors.loc[floors["building_id"] == "way/202", "use"]) == {"retail"}
    assert json.loads((out / "provenance.json").read_text())["buildings"]["licence"].startswith("ODbL")


def test_cadastre_buildings_get_a_stable_digest_of_their_footprint(tmp_path: Path) -> None:
    source = cadastre_geojson(tmp_path / "batiments.json")
    first = set(read(ingest(source), "buildings")["building_id"])
    again = set(read(ingest(source), "buildings")["building_id"])  # a second run, same file
    assert first == again and len(first) == 3 and all(value.startswith("g-") for value in first)
    buildings = read(source.parent / "data", "buildings")
    assert set(buildings["floors_rule"]) == {"default"} and set(buildings["id_rule"]) == {"geometry"}
    assert report_of(source.parent / "data")["source"] == "cadastre"


def test_the_rnb_id_wins_over_every_other_id(tmp_path: Path) -> None:
    shapes = [shapely.box(7.3200, 47.7500, 7.3202, 47.7501), shapely.box(7.3210, 47.7500, 7.3212, 47.7501)]
    frame = gpd.GeoDataFrame({"rnb_id": ["RNB1ABCD2EFG", None], "cleabs": ["BATIMENT1", "BATIMENT2"]},
                             geometry=shapes, crs="EPSG:4326")  # fmt: skip
    frame.to_file(tmp_path / "mixed.geojson", driver="GeoJSON")
    out = ingest(tmp_path / "mixed.geojson", "--source", "bdtopo")
    ids = dict(zip(*(read(out, "buildings")[c] for c in ("building_id", "id_rule")), strict=True))
    assert ids == {"RNB1ABCD2EFG": "rnb_id", "BATIMENT2": "cleabs"}


def test_a_study_area_keeps_the_buildings_inside_it(tmp_path: Path) -> None:
    area = gpd.GeoDataFrame({"nom": ["Îlot test"]}, geometry=[shapely.box(7.3195, 47.7495, 7.3215, 47.7505)],
                            crs="EPSG:4326")  # fmt: skip
    area.to_crs("EPSG:2154").to_file(
        tmp_path / "area.gpkg", driver="GPKG"
    )  # in Lambert-93, unlike the buildings
    out = ingest(osm_geojson(tmp_path / "export.geojson"), "--study-area", str(tmp_path / "area.gpkg"))
    assert sorted(read(out, "buildings")["building_id"]) == ["way/101", "way/102"]
    assert list(read(out, "district")["name"]) == ["Îlot test"]
    boxed = ingest(osm_geojson(tmp_path / "export.geojson"), "--bbox", "7.3215,47.7495,7.3225,47.7505")
    assert list(read(boxed, "buildings")["building_id"]) == ["way/103"]


def test_rows_are_in_hilbert_order(tmp_path: Path) -> None:
    """Measured independently of the curve: the path through the rows, in file order, is far shorter
    than through the same buildings shuffled (a curve visits each neighbourhood once)."""
    rng = pd.Series(range(400)).sample(frac=1, random_state=7).to_numpy()
    shapes = [shapely.box(7.30 + (i % 20) * 0.001, 47.74 + (i // 20) * 0.001,
                          7.3005 + (i % 20) * 0.001, 47.7405 + (i // 20) * 0.001) for i in rng]  # fmt: skip
    gpd.GeoDataFrame({"building_id": [f"b{i}" for i in rng]}, geometry=shapes, crs="EPSG:4326").to_file(
        tmp_path / "grid.fgb", driver="FlatGeobuf"
    )
    out = ingest(tmp_path / "grid.fgb")
    centres = shapely.get_coordinates(shapely.centroid(read(out, "buildings").geometry.to_numpy()))
    written = float(shapely.LineString(centres).length)
    random_path = float(shapely.LineString(centres[rng]).length)
    step = 0.001
    assert written < 1.2 * 399 * step < random_path / 5
    assert written == pytest.approx(399 * step, rel=0.2)


def test_csv_with_wkt_and_geoparquet_inputs(tmp_path: Path) -> None:
    """A CSV of WKT in Lambert-93 (its CRS named with --crs) and a GeoParquet file give the same building."""
    footprint = rect(0, 0, 20, 10)
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "buildings.csv").write_text(
        f'building_id,height,wkt\nA1,6.5,"{footprint.wkt}"\n', encoding="utf-8"
    )
    from_csv = ingest(tmp_path / "csv" / "buildings.csv", "--crs", "EPSG:2154")
    (tmp_path / "parquet").mkdir()
    frame = gpd.GeoDataFrame({"building_id": ["A1"], "height": [6.5]}, geometry=[footprint], crs="EPSG:2154")
    frame.to_parquet(tmp_path / "parquet" / "buildings.parquet")
    from_parquet = ingest(tmp_path / "parquet" / "buildings.parquet")
    for out in (from_csv, from_parquet):
        row = read(out, "buildings").iloc[0]
        assert (row["building_id"], row["id_rule"], row["floors_count"], row["height_m"]) == (
            "A1",
            "own_id",
            2,
            6.5,
        )
        assert row["footprint_m2"] == pytest.approx(200.0, abs=0.01)
