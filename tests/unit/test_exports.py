"""GET /export/<dataset>.<format> on the real app (sample data, real SQLite store, Flask test client): every
dataset in every format against the dataset files read straight with DuckDB and pandas (row counts, area
sums, the activity at the hour), GeoParquet 1.1 validity, GeoJSON RFC 7946, file names, a scenario's
changes and who may export them, and every refusal."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from flask.testing import FlaskClient

from api.export_files import csv_bytes
from components.export_links import export_url
from geodata.exports import EXPORTS, FORMATS
from store import accounts, scenarios
from tests.unit.api_client import Twin, build_twin
from texts.i18n import TEXT

AT = datetime(2026, 11, 23, 14)  # a Monday afternoon inside the sample's activity period
AT_PARAM = "2026-11-23T14:00"
KEYS = {
    "buildings": ["building_id"],
    "floors": ["floor_id"],
    "spaces": ["space_id"],
    "parking_lots": ["lot_id"],
    "biodiversity_plots": ["plot_id"],
    "bookings": ["booking_id"],
    "parking_occupancy": ["lot_id", "observed_at"],
}
DATASETS = tuple(KEYS)


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="module")
def files(sample_dir: Path) -> duckdb.DuckDBPyConnection:
    """The dataset files as views of a fresh in-memory DuckDB: the expected values' only source."""
    con = duckdb.connect()
    for name in (*DATASETS, "biodiversity_observations"):
        path = str(sample_dir / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")  # noqa: S608 - our names
    return con


def scalar(con: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> Any:
    return con.execute(sql, params).fetchall()[0][0]


def read_export(body: bytes, fmt: str) -> gpd.GeoDataFrame:
    """The file as a GeoDataFrame in EPSG:4326, read with the format's ordinary tools."""
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8")
        shapes = shapely.from_wkt(frame.pop("geometry_wkt").to_numpy())
        return gpd.GeoDataFrame(frame, geometry=list(shapes), crs=4326)
    if fmt == "geojson":
        return gpd.GeoDataFrame.from_features(json.loads(body)["features"], crs=4326)
    return gpd.read_parquet(io.BytesIO(body))


def number(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column].replace("", None))


def flag(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].map(lambda v: v in (True, "true"))


def get(client: FlaskClient, dataset: str, fmt: str, **params: object) -> Any:
    response = client.get(export_url(dataset, fmt, params))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def expected(files: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, float]:
    """Per dataset: its row count and the sums the export must keep, straight from the files."""
    active = 'FROM bookings WHERE "start" <= $at AND $at < "end"'
    booked = scalar(files, f"SELECT count(DISTINCT space_id) {active}", at=AT)  # noqa: S608 - fixed text
    if dataset == "buildings":
        vacant = "SELECT sum(area_m2) FROM floors WHERE status = 'vacant'"
        return {"rows": scalar(files, "SELECT count(*) FROM buildings"),
                "floor_area_m2": scalar(files, "SELECT sum(area_m2) FROM floors"),
                "vacant_m2": scalar(files, vacant),
                "spaces_booked": booked}  # fmt: skip
    if dataset == "floors":
        return {"rows": scalar(files, "SELECT count(*) FROM floors"),
                "area_m2": scalar(files, "SELECT sum(area_m2) FROM floors"),
                "spaces_booked": booked}  # fmt: skip
    if dataset == "spaces":
        return {"rows": scalar(files, "SELECT count(*) FROM spaces"),
                "booked": booked,
                "capacity": scalar(files, "SELECT sum(capacity) FROM spaces")}  # fmt: skip
    if dataset == "parking_lots":
        occupancy = files.execute("SELECT * FROM parking_occupancy").df()
        seen = occupancy[occupancy["observed_at"] <= AT].sort_values("observed_at").groupby("lot_id").last()
        return {"rows": scalar(files, "SELECT count(*) FROM parking_lots"),
                "free_spaces": float(seen["free_spaces"].sum())}  # fmt: skip
    if dataset == "biodiversity_plots":
        seen = files.execute("SELECT * FROM biodiversity_observations").df()
        seen = seen[pd.to_datetime(seen["observed_on"]) <= AT]
        return {"rows": scalar(files, "SELECT count(*) FROM biodiversity_plots"),
                "area_m2": scalar(files, "SELECT sum(area_m2) FROM biodiversity_plots"),
                "species_count": float(seen.groupby("plot_id")["species"].nunique().sum())}  # fmt: skip
    if dataset == "parking_occupancy":
        day = "FROM parking_occupancy WHERE CAST(observed_at AS DATE) = CAST($at AS DATE)"
        return {"rows": scalar(files, f"SELECT count(*) {day}", at=AT),  # noqa: S608 - fixed text
                "free_spaces": scalar(files, f"SELECT sum(free_spaces) {day}", at=AT)}  # fmt: skip
    return {"rows": scalar(files, f"SELECT count(*) {active}", at=AT)}


def test_sample_has_activity_at_the_chosen_hour(files: duckdb.DuckDBPyConnection) -> None:
    assert 0 < expected(files, "bookings")["rows"] < expected(files, "spaces")["rows"] * 10
    assert expected(files, "spaces")["booked"] > 0 and expected(files, "parking_lots")["free_spaces"] > 0


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("dataset", DATASETS)
def test_every_export_holds_the_data_at_the_hour(
    twin: Twin, files: duckdb.DuckDBPyConnection, dataset: str, fmt: str
) -> None:
    response = get(twin.client(), dataset, fmt, at=AT_PARAM)
    frame = read_export(response.data, fmt)
    want = expected(files, dataset)
    assert len(frame) == want.pop("rows")
    assert not frame.duplicated(subset=KEYS[dataset]).any()
    for column, total in want.items():
        values = flag(frame, column) if column == "booked" else number(frame, column)
        assert float(values.sum()) == pytest.approx(total), column
    assert response.headers["Content-Disposition"] == f'attachment; filename="{dataset}-20261123-1400.{fmt}"'


@pytest.mark.parametrize("fmt", FORMATS)
def test_footprints_come_out_as_they_are_in_the_files(twin: Twin, sample_dir: Path, fmt: str) -> None:
    """The outlines survive each format: same areas in Lambert-93, building by building."""
    source = gpd.read_parquet(sample_dir / "buildings.parquet").set_index("building_id")
    frame = read_export(get(twin.client(), "buildings", fmt, at=AT_PARAM).data, fmt).set_index("building_id")
    source_area = source.to_crs(2154).area.sort_index()
    export_area = frame.to_crs(2154).area.sort_index()
    assert list(export_area.index) == list(source_area.index)
    assert export_area.to_numpy() == pytest.approx(source_area.to_numpy(), rel=1e-9)


def test_buildings_carry_their_floors_area_per_building(twin: Twin, files: duckdb.DuckDBPyConnection) -> None:
    frame = read_export(get(twin.client(), "buildings", "parquet").data, "parquet").set_index("building_id")
    floors = files.execute("SELECT building_id, status, area_m2 FROM floors").df()
    by_status = floors.pivot_table(index="building_id", columns="status", values="area_m2", aggfunc="sum")
    assert frame.loc["62", "vacant_m2"] == pytest.approx(by_status.loc["62", "vacant"])
    assert frame["occupied_m2"].sum() == pytest.approx(by_status["occupied"].sum())


def test_geoparquet_is_version_1_1_with_its_bbox_covering(twin: Twin, sample_dir: Path) -> None:
    body = get(twin.client(), "floors", "parquet", at=AT_PARAM).data
    schema = pq.read_schema(io.BytesIO(body))
    geo = json.loads(schema.metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    table = pq.read_table(io.BytesIO(body))
    bounds = shapely.bounds(shapely.from_wkb(table.column("geometry").to_numpy(False)))
    boxes = [[b["xmin"], b["ymin"], b["xmax"], b["ymax"]] for b in table.column("bbox").to_pylist()]
    assert np.array(boxes) == pytest.approx(bounds)
    frame = gpd.read_parquet(io.BytesIO(body))
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(gpd.read_parquet(sample_dir / "floors.parquet"))


@pytest.mark.parametrize("fmt", ("geojson", "parquet"))
def test_each_file_names_its_sources_date_and_licence(twin: Twin, sample_dir: Path, fmt: str) -> None:
    provenance = json.loads((sample_dir / "provenance.json").read_text(encoding="utf-8"))
    body = get(twin.client(), "parking_lots", fmt, at=AT_PARAM).data
    if fmt == "geojson":
        metadata = json.loads(body)["metadata"]
    else:
        metadata = json.loads(pq.read_schema(io.BytesIO(body)).metadata[b"dmc_twin"])
    assert set(metadata["sources"]) == {"parking_lots", "parking_occupancy"}
    for name, entry in metadata["sources"].items():
        assert {k: entry[k] for k in ("source", "date", "licence")} == {
            k: provenance[name][k] for k in ("source", "date", "licence")
        }
    assert (
        metadata["at"] == AT_PARAM and metadata["dataset"] == "parking_lots" and metadata["scenario"] is None
    )


def test_geojson_follows_rfc_7946(twin: Twin) -> None:
    document = json.loads(get(twin.client(), "biodiversity_plots", "geojson", at=AT_PARAM).data)
    assert document["type"] == "FeatureCollection" and "crs" not in document
    shapes = [shapely.geometry.shape(feature["geometry"]) for feature in document["features"]]
    assert all(shapely.is_ccw(shape.exterior) for shape in shapes if shape.geom_type == "Polygon")
    west, south, east, north = document["bbox"]
    assert 7.2 < west < east < 7.4 and 47.7 < south < north < 47.8, "lon/lat order, around Mulhouse"
    assert document["bbox"] == pytest.approx(list(shapely.total_bounds(shapes)))


def test_bookings_never_say_who_booked(twin: Twin, files: duckdb.DuckDBPyConnection) -> None:
    names = {row[0] for row in files.execute("SELECT DISTINCT booked_by FROM bookings").fetchall()}
    for fmt in FORMATS:
        body = get(twin.client(), "bookings", fmt, at=AT_PARAM).data
        assert b"booked_by" not in body
        if fmt != "parquet":  # parquet pages are compressed: the column's absence is checked above
            assert not [name for name in names if name.encode() in body]


def test_minutes_are_rounded_down_and_no_at_is_the_page_default(twin: Twin) -> None:
    response = twin.client().get("/export/spaces.csv?at=2026-11-23T14:59")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('spaces-20261123-1400.csv"')
    assert twin.client().get("/export/floors.csv").status_code == 200


# --- scenarios ----------------------------------------------------------------------------------------------


def new_square(files: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """A small square in the middle of a biodiversity plot: inside the district, on no building."""
    wkb = scalar(files, "SELECT geometry FROM biodiversity_plots ORDER BY area_m2 DESC LIMIT 1")
    centre = shapely.from_wkb(wkb).representative_point()
    square = shapely.box(centre.x - 0.0001, centre.y - 0.0001, centre.x + 0.0001, centre.y + 0.0001)
    return shapely.geometry.mapping(square)


@pytest.fixture(scope="module")
def scenario(twin: Twin, files: duckdb.DuckDBPyConnection) -> tuple[str, dict[str, Any]]:
    """Ada's unpublished scenario: version 1 turns floor 12-0 into occupied housing; version 2 also
    demolishes building 14 and adds a two-storey building."""
    ada = accounts.account_for_token(twin.store, accounts.new_token(twin.store, "ada"))
    assert ada is not None
    first = {"name": "Logements", "changes": [{"kind": "floor", "floor_id": "12-0", "use": "housing",
                                                "status": "occupied"}]}  # fmt: skip
    new = {"kind": "new_building", "id": "N1", "name": "Halle neuve", "geometry": new_square(files),
           "height_m": 7, "floors": [{"use": "office"}, {"use": "housing", "status": "vacant"}]}  # fmt: skip
    demolish = {"kind": "building", "building_id": "14", "action": "demolish"}
    second = {**first, "changes": [*first["changes"], demolish, new]}
    scenario_id, _ = scenarios.create_scenario(twin.store, first, ada)
    scenarios.save_version(twin.store, scenario_id, second, ada, 1, "démolir 14")
    return scenario_id, second


def bearer(twin: Twin, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {accounts.new_token(twin.store, name)}"}


def test_a_scenario_s_floors_and_buildings(
    twin: Twin, files: duckdb.DuckDBPyConnection, scenario: tuple[str, dict[str, Any]]
) -> None:
    scenario_id, _ = scenario
    client, headers = twin.client(), bearer(twin, "ada")
    url = export_url("floors", "parquet", {"at": AT, "scenario": scenario_id, "version": 2})
    floors = read_export(client.get(url, headers=headers).data, "parquet").set_index("floor_id")
    n_floors = scalar(files, "SELECT count(*) FROM floors")
    n_14 = scalar(files, "SELECT count(*) FROM floors WHERE building_id = '14'")
    assert len(floors) == n_floors - n_14 + 2 and "14-0" not in floors.index
    assert tuple(floors.loc["12-0", ["use", "status"]]) == ("housing", "occupied")
    assert list(floors.loc[["N1-0", "N1-1"], "use"]) == ["office", "housing"]
    new_area = gpd.GeoSeries([shapely.geometry.shape(new_square(files))], crs=4326).to_crs(2154).area[0]
    assert floors.loc["N1-0", "area_m2"] == pytest.approx(new_area)

    url = export_url("buildings", "csv", {"at": AT, "scenario": scenario_id, "version": 2})
    buildings = read_export(client.get(url, headers=headers).data, "csv").set_index("building_id")
    area_12 = scalar(files, "SELECT sum(area_m2) FROM floors WHERE building_id = '12'")
    assert float(buildings.loc["12", "occupied_m2"]) == pytest.approx(area_12)
    assert "14" not in buildings.index and float(buildings.loc["N1", "vacant_m2"]) == pytest.approx(new_area)
    assert len(buildings) == scalar(files, "SELECT count(*) FROM buildings")  # one gone, one new


def test_no_version_is_the_latest_and_version_1_is_version_1(
    twin: Twin, files: duckdb.DuckDBPyConnection, scenario: tuple[str, dict[str, Any]]
) -> None:
    scenario_id, _ = scenario
    client, headers = twin.client(), bearer(twin, "ada")
    latest = client.get(f"/export/floors.geojson?scenario={scenario_id}", headers=headers)
    metadata = json.loads(latest.data)["metadata"]
    assert metadata["scenario"] == {"id": scenario_id, "version": 2, "name": "Logements"}
    first = client.get(f"/export/floors.csv?scenario={scenario_id}&version=1", headers=headers)
    assert len(read_export(first.data, "csv")) == scalar(files, "SELECT count(*) FROM floors")
    assert first.headers["Cache-Control"].startswith("private")


def test_an_unpublished_scenario_is_its_author_s_alone(
    twin: Twin, scenario: tuple[str, dict[str, Any]]
) -> None:
    scenario_id, _ = scenario
    for headers in ({}, bearer(twin, "ben")):
        response = twin.client().get(f"/export/floors.csv?scenario={scenario_id}", headers=headers)
        assert response.status_code == 404 and scenario_id in response.get_data(as_text=True)
    assert (
        twin.client()
        .get(f"/export/floors.csv?scenario={scenario_id}", headers=bearer(twin, "root"))
        .status_code
        == 200
    )


def test_datasets_a_scenario_does_not_change_are_the_baseline(
    twin: Twin, scenario: tuple[str, dict[str, Any]]
) -> None:
    scenario_id, _ = scenario
    client, headers = twin.client(), bearer(twin, "ada")
    with_scenario = client.get(
        export_url("spaces", "csv", {"at": AT, "scenario": scenario_id}), headers=headers
    )
    assert with_scenario.data == client.get(export_url("spaces", "csv", {"at": AT})).data


# --- refusals -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/export/nope.csv", 404, "jeu de données « nope » inconnu"),
        ("/export/floors.xls", 404, "format « xls » inconnu"),
        ("/export/floors", 404, "format «  » inconnu"),
        ("/export/booked_by.csv", 404, "« booked_by » inconnu"),
        ("/export/floors/1.csv", 404, "« floors/1 » inconnu"),
        ("/export/", 404, "jeu de données «  » inconnu"),
        ("/export/floors.csv?at=demain", 400, "date « demain » illisible"),
        ("/export/floors.csv?at=2031-01-01T10:00", 400, "hors de la période des données"),
        ("/export/floors.csv?at=2031-01-01T10:00&lang=en", 400, "outside the data period"),
        ("/export/floors.csv?lang=de", 400, "langue « de » inconnue"),
        ("/export/floors.csv?layers=occupancy,lasers", 400, "couche « lasers » inconnue"),
        ("/export/floors.csv?view=1,2,3", 400, "vue « 1,2,3 » illisible"),
        ("/export/floors.csv?mode=cinema", 400, "mode « cinema » inconnu"),
        ("/export/floors.csv?scenario=no%20such", 400, "scénario « no such » inconnu"),
        ("/export/floors.csv?scenario=nosuchscenario", 404, "scénario « nosuchscenario » inconnu"),
        ("/export/floors.csv?version=2", 400, "une version (?version=…) se donne avec son scénario"),
        ("/export/floors.csv?at=%FF", 400, "illisible"),
    ],
)
def test_refusals_are_one_line_with_their_reason(twin: Twin, url: str, status: int, words: str) -> None:
    response = twin.client().get(url)
    text = response.get_data(as_text=True)
    assert response.status_code == status and response.mimetype == "text/plain"
    assert words in text and text.count("\n") == 1 and text.startswith(("Export refusé", "Export refused"))


def test_a_scenario_version_that_does_not_exist_is_refused(
    twin: Twin, scenario: tuple[str, dict[str, Any]]
) -> None:
    scenario_id, _ = scenario
    for version in ("3", "0", "x", "-1"):
        response = twin.client().get(
            f"/export/floors.csv?scenario={scenario_id}&version={version}&lang=en",
            headers=bearer(twin, "ada"),
        )
        assert response.status_code == 400 and f"version “{version}” is unknown" in response.get_data(
            as_text=True
        )


def test_a_query_that_is_not_utf8_is_refused(twin: Twin) -> None:
    response = twin.client().get("/export/floors.csv", environ_overrides={"QUERY_STRING": "lang=\xff"})
    assert response.status_code == 400 and "UTF-8" in response.get_data(as_text=True)


def test_a_huge_value_is_not_echoed_whole(twin: Twin) -> None:
    response = twin.client().get("/export/floors.csv", query_string={"at": "x" * 100_000})
    assert response.status_code == 400 and len(response.data) < 300


# --- links --------------------------------------------------------------------------------------------------


def test_export_url_keeps_the_export_s_parameters_in_order() -> None:
    view = {"lang": "en", "layers": "parking", "version": 3, "scenario": "abc", "at": "2026-11-23T14:00",
            "view": "7.3,47.7,15,45,0", "building": ""}  # fmt: skip
    assert export_url("floors", "geojson", view) == (
        "/export/floors.geojson?at=2026-11-23T14:00&scenario=abc&version=3&lang=en"
    )
    assert (
        export_url("spaces", "csv", {"at": AT, "scenario": None}) == "/export/spaces.csv?at=2026-11-23T14:00"
    )
    assert export_url("bookings", "parquet") == "/export/bookings.parquet"
    assert export_url("floors", "csv", {"scenario": "a&b=c"}) == "/export/floors.csv?scenario=a%26b%3Dc"
    for dataset, fmt in (("nope", "csv"), ("floors", "xls")):
        with pytest.raises(ValueError, match="no export"):
            export_url(dataset, fmt, {})


def test_every_link_is_served(twin: Twin) -> None:
    assert set(EXPORTS) == set(DATASETS)
    client = twin.client()
    for dataset in EXPORTS:
        for fmt in FORMATS:
            assert client.get(export_url(dataset, fmt, {"at": AT, "lang": "en"})).status_code == 200


def test_csv_text_cells_cannot_run_as_formulas() -> None:
    names = ['=HYPERLINK("http://example.org")', "+33 3 89", "-2", "@SUM(A1)", "\tx", "Motoco"]
    square = shapely.to_wkb(shapely.box(7.32, 47.75, 7.321, 47.751))
    table = pa.table({"name": names, "n": [-1, 0, 2, 3, 4, 5], "geometry": [square] * len(names)})
    rows = list(csv.reader(io.StringIO(csv_bytes(table, {}).decode("utf-8"))))
    assert rows[0] == ["name", "n", "geometry_wkt"]
    assert [row[0] for row in rows[1:]] == ["'" + name for name in names[:-1]] + ["Motoco"]
    assert [row[1] for row in rows[1:]] == ["-1", "0", "2", "3", "4", "5"], "numbers stay numbers"
    assert shapely.from_wkt(rows[1][2]).equals(shapely.from_wkb(square))


def test_times_are_local_iso_text_in_csv_and_geojson(twin: Twin, files: duckdb.DuckDBPyConnection) -> None:
    sql = 'SELECT booking_id, "start", "end" FROM bookings WHERE "start" <= $at AND $at < "end"'
    want = {
        row[0]: (row[1].isoformat(), row[2].isoformat()) for row in files.execute(sql, {"at": AT}).fetchall()
    }
    table = read_export(get(twin.client(), "bookings", "csv", at=AT_PARAM).data, "csv")
    assert {r.booking_id: (r.start, r.end) for r in table.itertuples()} == want
    features = json.loads(get(twin.client(), "bookings", "geojson", at=AT_PARAM).data)["features"]
    assert {
        f["properties"]["booking_id"]: (f["properties"]["start"], f["properties"]["end"]) for f in features
    } == want


def test_each_floor_counts_its_spaces_booked_at_the_hour(
    twin: Twin, files: duckdb.DuckDBPyConnection
) -> None:
    spaces = files.execute("SELECT space_id, floor_id FROM spaces").df()
    bookings = files.execute('SELECT space_id, start, "end" FROM bookings').df()
    running = bookings[(bookings["start"] <= AT) & (bookings["end"] > AT)]
    want = spaces[spaces["space_id"].isin(running["space_id"])].groupby("floor_id")["space_id"].nunique()
    frame = read_export(get(twin.client(), "floors", "parquet", at=AT_PARAM).data, "parquet")
    got = frame.set_index("floor_id")["spaces_booked"]
    assert got[got > 0].sort_index().to_dict() == want.sort_index().to_dict()


def test_an_hour_without_bookings_gives_empty_files(twin: Twin, files: duckdb.DuckDBPyConnection) -> None:
    night = datetime(2026, 11, 23, 3)
    assert scalar(files, 'SELECT count(*) FROM bookings WHERE "start" <= $at AND $at < "end"', at=night) == 0
    for fmt in FORMATS:
        body = get(twin.client(), "bookings", fmt, at=night).data
        assert len(read_export(body, fmt)) == 0, fmt
    header = get(twin.client(), "bookings", "csv", at=night).data.decode()
    columns = "booking_id,space_id,space_name,kind,building_id,floor_id,level,start,end,geometry_wkt"
    assert header == columns + "\r\n"


def test_every_problem_of_the_view_query_has_an_export_wording() -> None:
    module = Path(__file__).resolve().parents[2] / "components" / "view_query.py"
    source = module.read_text(encoding="utf-8")
    keys = set(re.findall(r'"(error_[a-z_]+)"', source))
    assert len(keys) >= 10
    assert not [key for key in keys if f"export_{key}" not in TEXT]
