"""Each way a dataset can be wrong gives InvalidDatasetError: one line naming file, row and reason."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
import shapely.affinity
from shapely.validation import explain_validity

from geodata.catalog import open_catalog
from geodata.errors import InvalidDatasetError
from geodata.schema import PROVENANCE_FILE
from geodata.validate import validate_data_dir
from tests.unit import tinydata


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return tinydata.write_tiny_district(tmp_path / "data")


def _refusal(data_dir: Path) -> InvalidDatasetError:
    with pytest.raises(InvalidDatasetError) as caught:
        validate_data_dir(data_dir)
    assert "\n" not in str(caught.value)
    return caught.value


def test_the_tiny_district_is_valid(data_dir: Path) -> None:
    assert validate_data_dir(data_dir).row_counts["floors"] == 3


def test_a_missing_file(data_dir: Path) -> None:
    (data_dir / "parking_lots.parquet").unlink()
    error = _refusal(data_dir)
    assert str(error) == "parking_lots.parquet: file not found"
    assert (error.path, error.row) == (data_dir / "parking_lots.parquet", None)


def test_a_file_that_is_not_parquet(data_dir: Path) -> None:
    (data_dir / "floors.parquet").write_text("floor_id,level\n75-0,0\n")
    assert str(_refusal(data_dir)).startswith("floors.parquet: not a Parquet file")


def test_a_geometry_dataset_without_geoparquet_metadata(data_dir: Path) -> None:
    frame = tinydata.buildings()
    plain = pa.Table.from_pandas(frame.drop(columns="geometry"), preserve_index=False)
    plain = plain.append_column("geometry", pa.array(shapely.to_wkb(frame.geometry.values), pa.binary()))
    pq.write_table(plain, data_dir / "buildings.parquet")
    assert str(_refusal(data_dir)) == (
        "buildings.parquet: no GeoParquet 'geo' metadata (expected a GeoParquet 1.1 file)"
    )


def test_a_geometry_column_under_another_name(data_dir: Path) -> None:
    frame = tinydata.buildings().rename_geometry("geom")
    frame.to_parquet(data_dir / "buildings.parquet", schema_version="1.1.0")
    assert "no primary geometry column 'geometry'" in str(_refusal(data_dir))


def test_a_wrong_crs_is_named(data_dir: Path) -> None:
    tinydata.buildings().to_crs(2154).to_parquet(data_dir / "buildings.parquet", schema_version="1.1.0")
    assert str(_refusal(data_dir)) == "buildings.parquet: wrong CRS EPSG:2154, expected EPSG:4326"


def test_the_writer_refuses_a_wrong_crs(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="EPSG:4326"):
        tinydata.write_dataset(tmp_path, "buildings", tinydata.buildings().to_crs(2154))


def test_a_missing_required_column(data_dir: Path) -> None:
    tinydata.write_dataset(data_dir, "floors", tinydata.floors().drop(columns="status"))
    assert str(_refusal(data_dir)) == "floors.parquet: missing required column 'status'"


def test_a_column_of_the_wrong_type(data_dir: Path) -> None:
    floors = tinydata.floors()
    floors["level"] = floors["level"].astype(str)
    tinydata.write_dataset(data_dir, "floors", floors)
    assert "floors.parquet: column 'level' has type" in str(_refusal(data_dir))
    assert str(_refusal(data_dir)).endswith("expected integer")


def test_an_aware_timestamp_is_refused(data_dir: Path) -> None:
    table = tinydata.bookings()
    aware = table.column("start").cast(pa.timestamp("us", tz="Europe/Paris"))
    table = table.set_column(table.schema.get_field_index("start"), "start", aware)
    tinydata.write_dataset(data_dir, "bookings", table)
    assert "column 'start'" in str(_refusal(data_dir))
    assert "local wall-clock time" in str(_refusal(data_dir))


def test_an_invalid_geometry_gives_its_row_and_shapely_reason(data_dir: Path) -> None:
    bowtie = tinydata.GRID.to_wgs84(shapely.Polygon([(0, 0), (50, 20), (50, 0), (0, 20)]))
    frame = tinydata.buildings()
    frame.loc[1, "geometry"] = bowtie
    tinydata.write_dataset(data_dir, "buildings", frame)
    error = _refusal(data_dir)
    assert error.row == 1
    assert str(error) == f"buildings.parquet: row index 1: invalid geometry: {explain_validity(bowtie)}"
    assert "Self-intersection" in str(error)


def test_a_floor_status_outside_the_allowed_values(data_dir: Path) -> None:
    floors = tinydata.floors()
    floors.loc[2, "status"] = "unknown"
    tinydata.write_dataset(data_dir, "floors", floors)
    error = _refusal(data_dir)
    assert error.row == 2
    assert str(error) == (
        "floors.parquet: row index 2: column 'status' has 'unknown', expected one of 'occupied', 'vacant'"
    )


def test_a_missing_status_means_not_known_but_a_missing_use_is_refused(data_dir: Path) -> None:
    floors = tinydata.floors()
    floors.loc[0, "status"] = None  # occupancy not known, as after `ingest buildings`
    tinydata.write_dataset(data_dir, "floors", floors)
    validate_data_dir(data_dir)
    floors.loc[1, "use"] = None
    tinydata.write_dataset(data_dir, "floors", floors)
    assert _refusal(data_dir).row == 1


def _edit_provenance(data_dir: Path, dataset: str, **changes: object) -> None:
    path = data_dir / PROVENANCE_FILE
    entries = json.loads(path.read_text())
    if changes:
        entries[dataset].update(changes)
    else:
        del entries[dataset]
    path.write_text(json.dumps(entries))


def test_a_missing_provenance_file(data_dir: Path) -> None:
    (data_dir / PROVENANCE_FILE).unlink()
    assert str(_refusal(data_dir)) == "provenance.json: file not found"


def test_a_provenance_file_that_is_not_json(data_dir: Path) -> None:
    (data_dir / PROVENANCE_FILE).write_text("{not json")
    assert str(_refusal(data_dir)).startswith("provenance.json: not valid JSON")


def test_a_dataset_without_provenance_entry(data_dir: Path) -> None:
    _edit_provenance(data_dir, "spaces")
    assert str(_refusal(data_dir)) == "provenance.json: no provenance entry for dataset 'spaces'"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"licence": ""}, "entry 'floors' lacks text field 'licence'"),
        ({"sample": "yes"}, "entry 'floors' lacks boolean field 'sample'"),
        ({"date": "23/11/2026"}, "entry 'floors' has date '23/11/2026', expected an ISO date YYYY-MM-DD"),
        ({"note": "made up"}, "entry 'floors' is a sample but its note does not say so"),
    ],
)
def test_a_bad_provenance_entry(data_dir: Path, changes: dict[str, object], message: str) -> None:
    _edit_provenance(data_dir, "floors", **changes)
    assert str(_refusal(data_dir)) == f"provenance.json: {message}"


def test_open_catalog_refuses_bad_data_the_same_way(data_dir: Path) -> None:
    (data_dir / "floors.parquet").write_bytes(b"PAR1 but not really")
    with pytest.raises(InvalidDatasetError, match=r"^floors\.parquet: not a Parquet file"):
        open_catalog(data_dir)


def test_the_error_survives_pickling_with_its_attributes() -> None:
    error = pickle.loads(pickle.dumps(InvalidDatasetError(Path("/x/floors.parquet"), "bad", 4)))
    assert (str(error), error.row, error.reason) == ("floors.parquet: row index 4: bad", 4, "bad")


def test_geopandas_round_trip_of_the_tiny_buildings_keeps_valid_shapes(data_dir: Path) -> None:
    assert gpd.read_parquet(data_dir / "buildings.parquet").is_valid.all()


def _set_values(path: Path, column: str, changes: dict[int, object]) -> None:
    """Rewrites one column of a written file, keeping its type and its GeoParquet metadata."""
    table = pq.read_table(path)
    values = table.column(column).to_pylist()
    for row, value in changes.items():
        values[row] = value
    index = table.schema.get_field_index(column)
    table = table.set_column(
        index, table.schema.field(column), pa.array(values, table.schema.field(column).type)
    )
    pq.write_table(table, path)


@pytest.mark.parametrize(
    ("dataset", "column", "row", "value", "what"),
    [
        ("floors", "area_m2", 1, None, "null"),
        ("floors", "area_m2", 2, float("nan"), "NaN"),
        ("floors", "level", 0, None, "null"),
        ("floors", "floor_id", 2, None, "null"),
        ("buildings", "height_m", 1, float("nan"), "NaN"),
        ("buildings", "floors_count", 0, None, "null"),
        ("buildings", "building_id", 1, None, "null"),
        ("spaces", "space_id", 2, None, "null"),
        ("bookings", "start", 1, None, "null"),
        ("parking_occupancy", "free_spaces", 3, None, "null"),
        ("biodiversity_plots", "area_m2", 0, float("nan"), "NaN"),
    ],
)
def test_a_missing_value_in_a_required_column_names_column_and_row(
    data_dir: Path, dataset: str, column: str, row: int, value: object, what: str
) -> None:
    _set_values(data_dir / f"{dataset}.parquet", column, {row: value})
    error = _refusal(data_dir)
    assert str(error) == f"{dataset}.parquet: row index {row}: column '{column}' has no value ({what})"


def test_a_vacant_floor_may_have_no_occupant(data_dir: Path) -> None:
    _set_values(data_dir / "floors.parquet", "occupant", {1: None, 2: None})
    assert validate_data_dir(data_dir).row_counts["floors"] == 3


@pytest.mark.parametrize(
    ("shape", "type_name"),
    [(shapely.Point(7.3, 47.7), "Point"), (shapely.LineString([(7.3, 47.7), (7.31, 47.71)]), "LineString")],
)
def test_a_geometry_that_is_not_an_area_is_refused(
    data_dir: Path, shape: shapely.Geometry, type_name: str
) -> None:
    frame = tinydata.parking_lots()
    frame.loc[1, "geometry"] = shape
    tinydata.write_dataset(data_dir, "parking_lots", frame)
    error = _refusal(data_dir)
    assert str(error) == (
        f"parking_lots.parquet: row index 1: geometry is a {type_name}, expected Polygon or MultiPolygon"
    )


def test_a_multipolygon_footprint_is_accepted(data_dir: Path) -> None:
    frame = tinydata.buildings()
    frame.loc[0, "geometry"] = shapely.MultiPolygon([tinydata.box(0, 0, 20, 20), tinydata.box(30, 0, 50, 20)])
    tinydata.write_dataset(data_dir, "buildings", frame)
    assert validate_data_dir(data_dir).row_counts["buildings"] == 2


def test_no_bookings_and_no_parking_observations_are_allowed(data_dir: Path) -> None:
    """A twin of buildings alone (geodata.ingest): no activity is no error; the app shows one day."""
    tinydata.write_dataset(data_dir, "bookings", tinydata.bookings().slice(0, 0))
    tinydata.write_dataset(data_dir, "parking_occupancy", tinydata.parking_occupancy().slice(0, 0))
    validated = validate_data_dir(data_dir)
    assert validated.row_counts["bookings"] == validated.row_counts["parking_occupancy"] == 0


def test_either_bookings_or_parking_observations_are_enough(data_dir: Path) -> None:
    tinydata.write_dataset(data_dir, "bookings", tinydata.bookings().slice(0, 0))
    assert validate_data_dir(data_dir).row_counts["bookings"] == 0


@pytest.mark.parametrize(
    ("dataset", "column", "row", "value", "parent"),
    [
        ("floors", "building_id", 2, "Z", "buildings"),
        ("spaces", "building_id", 0, "Z", "buildings"),
        ("spaces", "floor_id", 1, "A-9", "floors"),
        ("bookings", "space_id", 2, "X-S1", "spaces"),
        ("parking_occupancy", "lot_id", 4, "L9", "parking_lots"),
        ("biodiversity_observations", "plot_id", 1, "P9", "biodiversity_plots"),
    ],
)
def test_an_id_unknown_in_the_parent_dataset_is_refused(
    data_dir: Path, dataset: str, column: str, row: int, value: str, parent: str
) -> None:
    _set_values(data_dir / f"{dataset}.parquet", column, {row: value})
    error = _refusal(data_dir)
    assert (error.path.name, error.row) == (f"{dataset}.parquet", row)
    assert str(error) == (
        f"{dataset}.parquet: row index {row}: column '{column}' has '{value}', unknown in {parent}.parquet"
    )


@pytest.mark.parametrize(
    ("dataset", "column", "row", "value"),
    [
        ("buildings", "building_id", 1, "A"),
        ("floors", "floor_id", 2, "A-1"),
        ("spaces", "space_id", 1, "A-S1"),
        ("parking_lots", "lot_id", 2, "L1"),
        ("biodiversity_plots", "plot_id", 1, "P1"),
        ("bookings", "booking_id", 2, "K1"),
        ("biodiversity_observations", "observation_id", 2, "O1"),
    ],
)
def test_a_repeated_id_is_refused(data_dir: Path, dataset: str, column: str, row: int, value: str) -> None:
    _set_values(data_dir / f"{dataset}.parquet", column, {row: value})
    assert (
        str(_refusal(data_dir))
        == f"{dataset}.parquet: row index {row}: column '{column}' repeats the id '{value}'"
    )


@pytest.mark.parametrize("level", [2, -1])
def test_a_floor_level_outside_its_building_is_refused(data_dir: Path, level: int) -> None:
    _set_values(data_dir / "floors.parquet", "level", {0: level})
    assert str(_refusal(data_dir)) == (
        f"floors.parquet: row index 0: level {level} is outside 0..1 (building 'A' has 2 floors)"
    )


def test_a_bbox_column_that_does_not_match_its_geometry_is_refused(tmp_path: Path) -> None:
    """The map's tiles place each building by its bbox: a wrong one would hide the building."""
    import pyarrow.parquet as pq

    from geodata.errors import InvalidDatasetError
    from geodata.validate import validate_data_dir
    from tests.unit import tinydata

    data = tinydata.write_tiny_district(tmp_path / "data")
    path = data / "buildings.parquet"
    table = pq.read_table(path)
    boxes = table.column("bbox").to_pylist()
    boxes[1] = {**boxes[1], "xmin": boxes[1]["xmin"] + 0.01}
    index = table.schema.get_field_index("bbox")
    table = table.set_column(
        index, table.schema.field(index), pa.array(boxes, table.schema.field(index).type)
    )
    pq.write_table(table, path)
    with pytest.raises(InvalidDatasetError, match="row index 1: the bbox column does not match") as error:
        validate_data_dir(data)
    assert error.value.path.name == "buildings.parquet"
    pq.write_table(table.drop_columns(["bbox"]), path)
    with pytest.raises(InvalidDatasetError, match="no GeoParquet 1.1 'bbox' covering column"):
        validate_data_dir(data)
