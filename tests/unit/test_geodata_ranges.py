"""Range checks at start-up: finite and plausible numbers, one floor per level, UTF-8 text, coordinates in
degrees inside the study area. Each refusal is one line naming file, row and reason."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
import shapely.affinity
from hypothesis import given
from hypothesis import strategies as st

from geodata import schema
from geodata.geometry import wgs84_to_lambert
from geodata.integrity import first_repeat
from geodata.validate import validate_data_dir
from tests.unit import tinydata
from tests.unit.test_geodata_validate import _refusal, _set_values


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return tinydata.write_tiny_district(tmp_path / "data")


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
