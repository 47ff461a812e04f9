"""Each way a dataset can be wrong gives InvalidDatasetError: one line naming file, row and reason."""

from __future__ import annotations

import json
import math
import pickle
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
import shapely.affinity
from hypothesis import given
from hypothesis import strategies as st
from shapely.validation import explain_validity

from geodata import schema
from geodata.catalog import open_catalog
from geodata.errors import InvalidDatasetError
from geodata.geometry import wgs84_to_lambert
from geodata.integrity import first_repeat
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


def test_a_missing_status_value_is_refused_too(data_dir: Path) -> None:
    floors = tinydata.floors()
    floors.loc[0, "status"] = None
    tinydata.write_dataset(data_dir, "floors", floors)
    assert _refusal(data_dir).row == 0


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


def test_no_bookings_and_no_parking_observations_leave_no_activity_period(data_dir: Path) -> None:
    tinydata.write_dataset(data_dir, "bookings", tinydata.bookings().slice(0, 0))
    tinydata.write_dataset(data_dir, "parking_occupancy", tinydata.parking_occupancy().slice(0, 0))
    assert str(_refusal(data_dir)) == (
        "bookings.parquet: no rows, and none in parking_occupancy.parquet either: "
        "the activity period is unknown"
    )


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


# Range checks. The tiny district's values are known by hand (tinydata): building A is 10 m high with 2
# floors, B 6 m with 1; floors are 1,000 m² each.


@pytest.mark.parametrize(
    ("dataset", "column", "row", "value", "message"),
    [
        ("floors", "area_m2", 1, float("inf"), "column 'area_m2' has inf, expected a finite number"),
        ("floors", "area_m2", 2, float("-inf"), "column 'area_m2' has -inf, expected a finite number"),
        ("floors", "area_m2", 0, 0.0, "column 'area_m2' has 0.0, expected more than 0 and at most 1e+06"),
        (
            "floors",
            "area_m2",
            0,
            2e6,
            "column 'area_m2' has 2000000.0, expected more than 0 and at most 1e+06",
        ),
        ("biodiversity_plots", "area_m2", 1, -900.0, "column 'area_m2' has -900.0, expected more than 0"),
        ("buildings", "height_m", 0, float("inf"), "column 'height_m' has inf, expected a finite number"),
        (
            "buildings",
            "height_m",
            1,
            -6.0,
            "column 'height_m' has -6.0, expected more than 0 and at most 500",
        ),
        ("buildings", "height_m", 1, 0.0, "column 'height_m' has 0.0, expected more than 0 and at most 500"),
        (
            "buildings",
            "height_m",
            0,
            500.5,
            "column 'height_m' has 500.5, expected more than 0 and at most 500",
        ),
        (
            "buildings",
            "floors_count",
            1,
            0,
            "column 'floors_count' has 0, expected at least 1 and at most 200",
        ),
        (
            "buildings",
            "floors_count",
            0,
            10_000,
            "column 'floors_count' has 10000, expected at least 1 and at most 200",
        ),
        ("spaces", "capacity", 2, -1, "column 'capacity' has -1, expected at least 0"),
        ("spaces", "level", 0, -1, "column 'level' has -1, expected at least 0"),
        ("parking_lots", "capacity", 0, -100, "column 'capacity' has -100, expected at least 0"),
        ("parking_occupancy", "free_spaces", 3, -5, "column 'free_spaces' has -5, expected at least 0"),
        ("biodiversity_observations", "count", 1, -2, "column 'count' has -2, expected at least 0"),
    ],
)
def test_an_implausible_number_names_column_row_and_range(
    data_dir: Path, dataset: str, column: str, row: int, value: object, message: str
) -> None:
    _set_values(data_dir / f"{dataset}.parquet", column, {row: value})
    error = _refusal(data_dir)
    assert str(error) == f"{dataset}.parquet: row index {row}: {message}"


def test_the_limits_themselves_are_accepted(data_dir: Path) -> None:
    _set_values(data_dir / "buildings.parquet", "height_m", {0: 60.0, 1: 30.0})  # 30 m storeys at most
    _set_values(data_dir / "floors.parquet", "area_m2", {0: 1e6})
    _set_values(data_dir / "spaces.parquet", "capacity", {0: 0})
    assert validate_data_dir(data_dir).row_counts["buildings"] == 2


@pytest.mark.parametrize(
    ("row", "height", "count", "storey"),
    [(0, 3.0, 2, "1.5"), (1, 31.0, 1, "31"), (0, 500.0, 2, "250")],
)
def test_a_storey_height_outside_2_to_30_m_is_refused(
    data_dir: Path, row: int, height: float, count: int, storey: str
) -> None:
    _set_values(data_dir / "buildings.parquet", "height_m", {row: height})
    _set_values(data_dir / "buildings.parquet", "floors_count", {row: count})
    assert str(_refusal(data_dir)) == (
        f"buildings.parquet: row index {row}: height_m {height:g} over floors_count {count} gives storeys "
        f"of {storey} m, expected 2 to 30 m"
    )


def test_two_floors_at_one_level_are_refused(data_dir: Path) -> None:
    _set_values(data_dir / "floors.parquet", "level", {0: 0})  # A-1 moved to level 0, where A-0 is
    assert (
        str(_refusal(data_dir)) == "floors.parquet: row index 1: building 'A' already has a floor at level 0"
    )


def test_text_that_is_not_utf8_names_column_and_row(data_dir: Path) -> None:
    path = data_dir / "spaces.parquet"
    table = pq.read_table(path)
    names = [name.encode() for name in table.column("name").to_pylist()]
    names[2] = b"Studio \xff"
    field = table.schema.field("name")
    spoilt = pa.array(names, pa.large_binary()).view(field.type)  # a view: no UTF-8 check on the way in
    pq.write_table(table.set_column(table.schema.get_field_index("name"), field, spoilt), path)
    assert (
        str(_refusal(data_dir))
        == "spaces.parquet: row index 2: column 'name' has text that is not valid UTF-8"
    )


def _move(
    data_dir: Path, dataset: str, row: int, move: Callable[[shapely.Geometry], shapely.Geometry]
) -> None:
    frame = tinydata.BUILDERS[dataset]()
    frame.loc[row, "geometry"] = move(frame.geometry[row])
    tinydata.write_dataset(data_dir, dataset, frame)


def test_a_non_finite_coordinate_is_refused(data_dir: Path) -> None:
    _move(
        data_dir,
        "parking_lots",
        2,
        lambda shape: shapely.Polygon([(7.32, 47.75), (7.33, 47.75), (math.inf, 47.76)]),
    )
    assert str(_refusal(data_dir)) == (
        "parking_lots.parquet: row index 2: geometry coordinate (inf, 47.76) is not a finite number"
    )


def test_lambert93_numbers_are_refused_as_not_lon_lat(data_dir: Path) -> None:
    _move(data_dir, "buildings", 1, wgs84_to_lambert)
    error = _refusal(data_dir)
    assert error.row == 1 and "is not longitude/latitude in degrees" in str(error)
    x, y = shapely.get_coordinates(wgs84_to_lambert(tinydata.buildings().geometry[1]))[0]
    assert f"({x:.10g}, {y:.10g})" in str(error)


def test_swapped_axes_are_refused_as_outside_the_study_area(data_dir: Path) -> None:
    _move(data_dir, "biodiversity_plots", 1, lambda shape: shapely.transform(shape, lambda xy: xy[:, ::-1]))
    error = _refusal(data_dir)
    assert (error.path.name, error.row) == ("biodiversity_plots.parquet", 1)
    assert "lies outside the study area" in str(error) and str(error).endswith(
        "are longitude and latitude swapped?"
    )


def test_geometry_just_inside_the_margin_is_accepted_and_beyond_it_refused(data_dir: Path) -> None:
    west = shapely.bounds(tinydata.district().geometry[0])[0]
    inside = shapely.box(west - 0.009, 47.7530, west - 0.008, 47.7531)
    _move(data_dir, "parking_lots", 0, lambda shape: inside)
    assert validate_data_dir(data_dir).row_counts["parking_lots"] == 3
    _move(data_dir, "parking_lots", 0, lambda shape: shapely.affinity.translate(inside, xoff=-0.002))
    error = _refusal(data_dir)
    assert error.row == 0 and "lies outside the study area" in str(error) and "widened by 0.01°" in str(error)
    assert "swapped" not in str(error)


def test_the_commune_may_reach_further_than_the_study_area_but_not_elsewhere(data_dir: Path) -> None:
    wide = tinydata.GRID.to_wgs84(shapely.box(-20_000, -20_000, 20_000, 20_000))  # 40 km across
    tinydata.write_dataset(
        data_dir, "context_commune", tinydata.geo({"name": ["M"], "insee_code": ["68224"]}, [wide])
    )
    assert validate_data_dir(data_dir).row_counts["context_commune"] == 1
    swapped = shapely.transform(wide, lambda xy: xy[:, ::-1])
    tinydata.write_dataset(
        data_dir, "context_commune", tinydata.geo({"name": ["M"], "insee_code": ["68224"]}, [swapped])
    )
    assert "widened by 0.5°" in str(_refusal(data_dir))


def test_an_empty_study_area_is_refused(data_dir: Path) -> None:
    tinydata.write_dataset(data_dir, "district", tinydata.district().iloc[0:0])
    assert str(_refusal(data_dir)) == "district.parquet: no rows: the study area is unknown"


def test_floors_repeating_a_footprint_name_the_first_bad_row(data_dir: Path) -> None:
    frame = tinydata.floors()
    bowtie = tinydata.GRID.to_wgs84(shapely.Polygon([(0, 0), (50, 20), (50, 0), (0, 20)]))
    frame.loc[[1, 2], "geometry"] = [bowtie, bowtie]  # one distinct geometry, checked once, two rows
    tinydata.write_dataset(data_dir, "floors", frame)
    assert _refusal(data_dir).row == 1


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]), st.integers(0, 3)), max_size=30))
def test_first_repeat_finds_the_first_row_seen_before(rows: list[tuple[str | None, int]]) -> None:
    seen: set[tuple[str | None, int]] = set()
    expected = None
    for index, row in enumerate(rows):
        if row in seen:
            expected = index
            break
        seen.add(row)
    columns = [pa.chunked_array([pa.array([row[0] for row in rows], pa.string())]),
               pa.chunked_array([pa.array([row[1] for row in rows], pa.int64())])]  # fmt: skip
    assert first_repeat(columns) == expected


def test_the_documented_limits_are_the_checked_ones() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")
    section = doc[doc.index("## What is checked") : doc.index("## Conventions")]
    low, high = schema.STOREY_HEIGHT_M
    for figure in (
        f"**{schema.MAX_HEIGHT_M:g}** m",
        f"**{schema.MAX_FLOORS}**",
        f"**{schema.MAX_FLOOR_AREA_M2:,.0f}** m²",
        f"between **{low:g} and {high:g} m**",
        f"**{schema.STUDY_AREA_MARGIN_DEG:g}°**",
        f"**{schema.CONTEXT_MARGIN_DEG:g}°**",
    ):
        assert figure in section, figure
