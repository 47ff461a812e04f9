"""Bad input to the ingestion: one line on stderr naming the file and the problem, exit code 2, and the
data directory as it was (nothing written, or the previous version intact)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata.ingest.cli import main
from tests.unit.ingest_files import bdtopo_grid, osm_geojson


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    return err


def test_a_file_that_is_not_gis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.gpkg").write_text("not a database", encoding="utf-8")
    err = refused(capsys, "buildings", str(tmp_path / "notes.gpkg"), "--out", str(tmp_path / "data"))
    assert err == "error: notes.gpkg: not a GIS file that GDAL can read (GeoPackage, Shapefile, GeoJSON…)"
    assert not (tmp_path / "data").exists()


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "buildings", str(tmp_path / "absent.shp"), "--out", str(tmp_path / "data"))
    assert err == "error: absent.shp: file not found"


@pytest.mark.filterwarnings("ignore:'crs' was not provided")  # the point of the test
def test_a_file_without_a_crs_unless_one_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    frame = gpd.GeoDataFrame({"hauteur": [6.0]}, geometry=[shapely.box(1023700, 6748030, 1023720, 6748040)])
    frame.to_file(tmp_path / "nocrs.shp")  # a shapefile without its .prj
    args = ("buildings", str(tmp_path / "nocrs.shp"), "--out", str(tmp_path / "data"))
    err = refused(capsys, *args)
    assert err == "error: nocrs.shp: no CRS in the file; name it with --crs (e.g. --crs EPSG:2154)"
    assert not (tmp_path / "data").exists()
    assert main([*args, "--crs", "EPSG:2154"]) == 0
    assert len(gpd.read_parquet(tmp_path / "data" / "buildings.parquet")) == 1


def test_an_unknown_crs_and_an_unknown_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(osm_geojson(tmp_path / "osm.geojson"))
    err = refused(capsys, "buildings", source, "--crs", "EPSG:99999999", "--out", str(tmp_path / "data"))
    assert "osm.geojson: --crs 'EPSG:99999999' is not a CRS" in err
    err = refused(capsys, "buildings", source, "--source", "arcgis", "--out", str(tmp_path / "data"))
    expected = "unknown --source 'arcgis'; expected one of bdtopo, osm, rnb, cadastre, generic"
    assert err == f"error: osm.geojson: {expected}"


def test_a_file_of_points(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(7.32, 47.75)], crs="EPSG:4326")
    frame.to_file(tmp_path / "points.geojson", driver="GeoJSON")
    err = refused(capsys, "buildings", str(tmp_path / "points.geojson"), "--out", str(tmp_path / "data"))
    assert (
        err == "error: points.geojson: no polygons: the file holds points or lines, not building footprints"
    )


def test_a_study_area_without_buildings_leaves_the_old_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(bdtopo_grid(tmp_path / "grid.gpkg"))
    out = tmp_path / "data"
    assert main(["buildings", source, "--out", str(out)]) == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    err = refused(capsys, "buildings", source, "--bbox", "2.30,48.85,2.31,48.86", "--out", str(out))
    assert err == "error: grid.gpkg: the study area contains none of the buildings (check its CRS and extent)"
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    err = refused(capsys, "buildings", source, "--bbox", "48.85,2.30", "--out", str(out))
    assert err == "error: --bbox: '48.85,2.30' is not minlon,minlat,maxlon,maxlat"


def test_records_whose_ids_match_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data"
    assert main(["buildings", str(bdtopo_grid(tmp_path / "grid.gpkg")), "--out", str(out)]) == 0
    before = (out / "floors.parquet").read_bytes()
    (tmp_path / "occupancy.csv").write_text(
        "floor_id,status\nnope-0,vacant\nnope-1,vacant\n", encoding="utf-8"
    )
    err = refused(capsys, "occupancy", str(tmp_path / "occupancy.csv"), "--into", str(out))
    assert err == "error: occupancy.csv: none of its ids match the floors of the data directory"
    assert (out / "floors.parquet").read_bytes() == before
    (tmp_path / "bad.csv").write_bytes(b"floor_id,status\n\xff\xfe,vacant\n")
    assert (
        refused(capsys, "occupancy", str(tmp_path / "bad.csv"), "--into", str(out))
        == "error: bad.csv: not UTF-8 text"
    )
    err = refused(capsys, "occupancy", str(tmp_path / "occupancy.csv"), "--into", str(tmp_path / "nowhere"))
    assert err == "error: nowhere: not a data directory (no provenance.json); run `ingest buildings` first"


def test_an_output_directory_of_other_files_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me", encoding="utf-8")
    err = refused(capsys, "buildings", str(osm_geojson(tmp_path / "osm.geojson")), "--out", str(documents))
    assert (
        err == "error: Documents: exists and is not a data directory; give a new or empty directory to --out"
    )
    assert (documents / "letter.txt").read_text(encoding="utf-8") == "keep me"
