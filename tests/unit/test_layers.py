"""Layer sources on hand-made data: what each payload carries, where slabs stack, which class colours apply,
and that every tooltip and legend refers to something real."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, box

from components.tables import data_table
from geodata.catalog import open_catalog
from geodata.schema import DATASET_NAMES
from layers import biodiversity, bookings, floors, parking
from layers.base import Request, class_codes
from layers.binary import Columns, Decoded, decode, encode
from layers.context import DMC_STUDY_AREA, SIDE_NAMES, street_names
from layers.registry import MAP_LAYERS, SOURCES, TOGGLE_KEYS, client_config, legends, tooltip_templates
from layers.shapes import QUANTUM_DEG, polygon_columns
from tests.unit import tinydata
from tests.unit.tiles import tile_of

ORIGIN = (7.322, 47.753)


def payload(con: duckdb.DuckDBPyConnection, source: str, **request: object) -> Decoded:
    """A source's payload as the browser receives it: encoded, then read back."""
    return decode(encode(SOURCES[source].build(con, Request(ORIGIN, **request))))  # type: ignore[arg-type]


def vertices(decoded: Decoded) -> np.ndarray:
    """Absolute lon/lat of every sent vertex (undoing the delta coding by hand)."""
    return np.cumsum(decoded.numbers["xy"].reshape(-1, 2).astype(np.int64), axis=0) * QUANTUM_DEG + ORIGIN


def test_text_travels_as_text_whatever_it_says() -> None:
    hostile = ["@@=constructor", "@@#Nope.nothing", "<img src=x onerror=alert(1)>", None, "Réfectoire"]
    decoded = decode(encode(Columns({"n": np.arange(5, dtype=np.int32)}, {"t": hostile}, {"k": "v"})))
    assert decoded.texts["t"] == hostile
    assert decoded.numbers["n"].tolist() == [0, 1, 2, 3, 4]
    assert decoded.meta == {"k": "v"}


def test_a_payload_refuses_columns_the_browser_cannot_read() -> None:
    with pytest.raises(TypeError, match="int64"):
        encode(Columns({"big": np.arange(3, dtype=np.int64)}))


def test_polygons_keep_their_parts_holes_and_vertices_to_the_centimetre() -> None:
    holed = box(7.320, 47.750, 7.321, 47.751).difference(box(7.3204, 47.7504, 7.3206, 47.7506))
    shape = MultiPolygon([holed, box(7.322, 47.752, 7.3221, 47.7521)])
    columns = polygon_columns(np.asarray([shape], dtype=object), ORIGIN)
    assert columns["shape_parts"].tolist() == [2]
    assert columns["part_rings"].tolist() == [2, 1]  # the first part has a hole
    assert columns["ring_sizes"].tolist() == [4, 4, 4]  # rings sent open: 5 closed vertices less one
    sent = vertices(Decoded({}, columns, {}))
    expected = np.concatenate([np.asarray(r.coords)[:-1] for r in (holed.exterior, *holed.interiors)]
                              + [np.asarray(shape.geoms[1].exterior.coords)[:-1]])  # fmt: skip
    assert np.abs(sent - expected).max() < 1e-7


def test_floor_tile_sends_each_footprint_once_and_stacks_floors_from_it(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    # Tiny data: building A (10 m, 2 floors: storeys of 5 m) and B (6 m, 1 floor), both in one z15 tile.
    lon, lat = shapely.get_coordinates(tinydata.buildings().geometry.iloc[0].centroid)[0]
    tile = payload(tiny_con, "floors", tile=tile_of(lon, lat, floors.FLOOR_TILE_ZOOM))
    assert tile.texts["s_building_id"] == ["A", "B"]
    assert tile.numbers["shape_parts"].tolist() == [1, 1]
    by_floor = dict(zip(tile.texts["f_floor_id"], range(3), strict=True))
    row = {floor_id: by_floor[floor_id] for floor_id in ("A-0", "A-1", "B-0")}
    assert [tile.numbers["row_shape"][row[f]] for f in ("A-0", "A-1", "B-0")] == [0, 0, 1]
    assert [tile.numbers["row_base"][row[f]] for f in ("A-0", "A-1", "B-0")] == [0.0, 5.0, 0.0]
    heights = [tile.numbers["row_height"][row[f]] for f in ("A-0", "A-1", "B-0")]
    assert heights == pytest.approx([5 - floors.SLAB_GAP_M, 5 - floors.SLAB_GAP_M, 6 - floors.SLAB_GAP_M])
    assert [tile.numbers["row_class"][row[f]] for f in ("A-0", "A-1", "B-0")] == [0, 1, 0]  # occ, vacant, occ
    assert tile.texts["f_occupant"][row["A-1"]] is None
    assert tile.numbers["s_z"].tolist() == pytest.approx([10 + floors.LABEL_LIFT_M, 6 + floors.LABEL_LIFT_M])


def test_a_tile_without_buildings_is_empty_and_a_far_tile_has_none(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    empty = payload(tiny_con, "floors", tile=tile_of(-70.0, -30.0, floors.FLOOR_TILE_ZOOM))
    assert empty.numbers["shape_parts"].size == 0 and empty.numbers["row_shape"].size == 0


def test_volumes_are_coloured_by_the_occupied_share_of_floor_area(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    lon, lat = shapely.get_coordinates(tinydata.buildings().geometry.iloc[0].centroid)[0]
    volumes = payload(tiny_con, "volumes", tile=tile_of(lon, lat, floors.VOLUME_TILE_ZOOM))
    assert volumes.texts["f_building_id"] == ["A", "B"]
    assert volumes.numbers["row_height"].tolist() == [10.0, 6.0]
    assert volumes.numbers["f_occupied_share"].tolist() == [0.5, 1.0]  # A: 1 000 of 2 000 m²; B: all
    assert volumes.numbers["row_class"].tolist() == [0, 0]  # half occupied counts as mostly occupied


@pytest.mark.parametrize(
    ("share", "code"), [(None, 3), (-0.1, 3), (0.0, 0), (0.099, 0), (0.1, 1), (0.5, 2)]
)  # fmt: skip
def test_parking_classes(share: float | None, code: int) -> None:
    assert class_codes([share], parking.FREE_SHARE_BOUNDS).tolist() == [code]
    assert len(parking.PALETTE) == len(parking.FREE_SHARE_BOUNDS) + 1  # the last colour means "no reading"


def test_booked_spaces_sit_on_their_floor_and_stick_out(tiny_con: duckdb.DuckDBPyConnection) -> None:
    booked = payload(tiny_con, "bookings", at=tinydata.at(10))
    assert booked.texts["f_space_id"], "the tiny data has a booking at 10:00"
    space = tinydata.spaces().set_index("space_id").geometry[booked.texts["f_space_id"][0]]
    level = booked.numbers["f_level"][0]
    storey = 10.0 / 2  # building A
    assert booked.numbers["row_base"][0] == pytest.approx(level * storey - bookings.PROUD_M)
    assert booked.numbers["row_height"][0] > storey - floors.SLAB_GAP_M
    ring = vertices(booked)[: booked.numbers["ring_sizes"][0]]
    assert shapely.Polygon(ring).contains(space)


def _fields(decoded: Decoded) -> set[str]:
    names = [*decoded.numbers, *decoded.texts]
    return {name[2:] for name in names if name.startswith(("f_", "s_"))}


def test_every_tooltip_field_is_in_its_payload(tiny_con: duckdb.DuckDBPyConnection) -> None:
    lon, lat = shapely.get_coordinates(tinydata.buildings().geometry.iloc[0].centroid)[0]
    payloads = {
        floors.STATUS_LAYER_ID: payload(tiny_con, "floors", tile=tile_of(lon, lat, floors.FLOOR_TILE_ZOOM)),
        floors.VOLUMES_STATUS_ID: payload(
            tiny_con, "volumes", tile=tile_of(lon, lat, floors.VOLUME_TILE_ZOOM)
        ),
        bookings.LAYER_ID: payload(tiny_con, "bookings", at=tinydata.at(10)),
        parking.LAYER_ID: payload(tiny_con, "parking", at=tinydata.at(10)),
        biodiversity.LAYER_ID: payload(tiny_con, "biodiversity", at=tinydata.at(10)),
    }
    for lang in ("fr", "en"):
        templates = tooltip_templates(lang)
        for layer_id, decoded in payloads.items():
            fields = _fields(decoded)
            template = templates[layer_id]
            assert template["title_field"] in fields, layer_id
            assert {row[1] for row in template["rows"]} <= fields, layer_id


def test_one_legend_per_toggle_naming_datasets_that_exist() -> None:
    store_backed = {"contributions"}  # what users write: the legend names the moderation, not a dataset
    for lang in ("fr", "en"):
        shown = legends(lang, frozenset())  # no data fact: every legend still has entries
        assert [legend.key for legend, _ in shown] == list(TOGGLE_KEYS)
        assert all(legend.items for legend, _ in shown)
        assert all(bool(datasets) != (legend.key in store_backed) for legend, datasets in shown)
        assert all(set(datasets) <= set(DATASET_NAMES) for _, datasets in shown)


def test_bounding_streets_are_labelled_outside_their_side_of_the_dmc_district_only(
    tiny_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    west, south, east, north = tinydata.district().total_bounds
    assert street_names(tiny_con, Request(ORIGIN)).texts["s_label"] == []  # the tiny district is not the DMC
    data = tinydata.write_tiny_district(tmp_path / "data")
    district = tinydata.district()
    district["name"] = [DMC_STUDY_AREA]
    tinydata.write_dataset(data, "district", district)
    dmc = open_catalog(data)
    labels = street_names(dmc.cursor(), Request(ORIGIN))
    xy = labels.numbers["point_xy"].reshape(-1, 2) * QUANTUM_DEG + ORIGIN
    where = dict(zip(labels.texts["s_label"], xy.tolist(), strict=True))
    assert where[SIDE_NAMES["north"]][1] > north and where[SIDE_NAMES["south"]][1] < south
    assert where[SIDE_NAMES["east"]][0] > east and where[SIDE_NAMES["west"]][0] < west
    dmc.connection.close()


def test_the_map_config_carries_no_data_and_every_layer_has_a_source() -> None:
    config = client_config("v1", ORIGIN, (7.31, 47.74, 7.33, 47.76))
    assert len(json.dumps(config)) < 10_000
    assert {spec["source"] for spec in config["layers"]} <= set(config["sources"])
    assert {spec["class"] for spec in config["layers"]} <= {"PolygonLayer", "TextLayer"}
    assert all(url["url"].startswith("/layer-data/v1/") for url in config["sources"].values())
    toggles = {spec["toggle"] for spec in config["layers"]} - {None}
    assert toggles == set(TOGGLE_KEYS)


def test_every_source_belongs_to_exactly_one_map_layer() -> None:
    names = [source.name for layer in MAP_LAYERS for source in layer.sources]
    assert sorted(names) == sorted(set(names)) == sorted(SOURCES)


def test_text_in_the_data_is_never_code(tmp_path: Path) -> None:
    """A building named like a deck.gl JSON expression or HTML reaches the payload as the same text."""
    data = tinydata.write_tiny_district(tmp_path / "data")
    frame = tinydata.buildings()
    frame["name"] = ["@@#Nope.nothing", "<b>@@=constructor</b>"]
    tinydata.write_dataset(data, "buildings", frame)
    hostile = open_catalog(data)
    cursor = hostile.cursor()
    lon, lat = shapely.get_coordinates(frame.geometry.iloc[0].centroid)[0]
    tile = payload(cursor, "floors", tile=tile_of(lon, lat, floors.FLOOR_TILE_ZOOM))
    assert tile.texts["s_building_name"] == ["@@#Nope.nothing", "<b>@@=constructor</b>"]
    hostile.connection.close()


def test_whole_buildings_travel_to_the_metre_with_heights_in_decimetres(
    tiny_con: duckdb.DuckDBPyConnection,
) -> None:
    lon, lat = shapely.get_coordinates(tinydata.buildings().geometry.iloc[0].centroid)[0]
    volumes = payload(tiny_con, "volumes", tile=tile_of(lon, lat, floors.VOLUME_TILE_ZOOM))
    quantum = volumes.meta["quantum"]
    assert quantum == pytest.approx(1e-5)
    steps = np.cumsum(volumes.numbers["xy"].reshape(-1, 2).astype(np.int64), axis=0)
    first = shapely.Polygon(steps[: volumes.numbers["ring_sizes"][0]] * quantum + ORIGIN)
    assert first.symmetric_difference(tinydata.buildings().geometry.iloc[0]).area < 0.05 * first.area
    assert (
        np.abs(steps[:4] * quantum + ORIGIN - _outer(tinydata.buildings().geometry.iloc[0])).max() <= quantum
    )


def _outer(polygon: shapely.Polygon) -> np.ndarray:
    return np.asarray(polygon.exterior.coords)[:4]


def test_no_booker_name_reaches_the_screen(tiny_con: duckdb.DuckDBPyConnection) -> None:
    """A booking shows "réservé", never who booked (tinydata: K1 by Acme, K2 by Bob at 11:00)."""
    sent = encode(SOURCES["bookings"].build(tiny_con, Request(ORIGIN, at=tinydata.at(11))))
    assert b"Acme" not in sent and b"Bob" not in sent
    assert decode(sent).texts["f_status"] == ["booked", "booked"]
    template = tooltip_templates("fr")[bookings.LAYER_ID]
    assert template["values"]["booked"] == "réservé"
    assert bookings.LAYER.table is not None
    rows = bookings.LAYER.table.rows(tiny_con, tinydata.at(11))
    assert [row["space_id"] for row in rows] == ["A-S1", "A-S2"]
    assert not {"Acme", "Bob"} & {value for row in rows for value in row.values()}
    table = str(data_table("Réservations", bookings.LAYER.table.columns, rows, "fr").to_plotly_json())
    assert "Acme" not in table and "Bob" not in table and table.count("réservé") == 2
