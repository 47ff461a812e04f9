"""Layer specs built from small hand-made tables: stacking, colours, tooltips that match the data."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pytest
import shapely
from shapely.geometry import MultiPolygon, box

from layers import biodiversity, bookings, floors, palette, parking
from layers.base import class_colour, polygon_rows, rings
from layers.labels import text_spec
from layers.registry import TOGGLE_KEYS, legends, tooltip_templates

SQUARE = box(7.320, 47.750, 7.321, 47.751)


def _floors_table() -> pa.Table:
    return pa.table(
        {
            "floor_id": ["75-0", "75-1", "75-2"],
            "building_id": ["75"] * 3,
            "building_name": ["Motoco"] * 3,
            "level": [0, 1, 2],
            "floors_count": [3] * 3,
            "height_m": [15.0] * 3,
            "area_m2": [3000.4, 3000.4, 3000.4],
            "status": ["occupied", "occupied", "vacant"],
            "use": ["ateliers"] * 3,
            "occupant": ["Motoco", None, None],
            "geometry": [shapely.to_wkb(SQUARE)] * 3,
        }
    )


def test_each_floor_is_a_slab_stacked_at_its_level_with_a_gap() -> None:
    rows = floors.floor_rows(_floors_table())
    bases = [row["polygon"][0][0][2] for row in rows]
    assert bases == [0.0, 5.0, 10.0]
    assert all(row["thickness"] == pytest.approx(5.0 - floors.SLAB_GAP_M) for row in rows)
    assert [row["fill"] for row in rows] == [list(palette.BLUE), list(palette.BLUE), list(palette.ORANGE)]


def test_status_and_neutral_slabs_share_the_occupancy_toggle() -> None:
    neutral, status = floors.entries(_floors_table())
    assert (neutral["toggle"], neutral["show_when_off"]) == ("occupancy", True)
    assert (status["toggle"], status["show_when_off"]) == ("occupancy", False)
    assert status["spec"]["@@type"] == "PolygonLayer"
    assert status["spec"]["getFillColor"] == "@@=fill"
    assert len(status["spec"]["data"]) == 3


def test_multipolygons_give_one_row_per_part_and_keep_holes() -> None:
    holed = box(0, 0, 10, 10).difference(box(4, 4, 6, 6))
    table = pa.table(
        {"name": ["a"], "geometry": [shapely.to_wkb(MultiPolygon([holed, box(20, 20, 21, 21)]))]}
    )
    rows = polygon_rows(table, ("name",))
    assert len(rows) == 2
    assert len(rows[0]["polygon"]) == 2  # outer ring and its hole
    assert {tuple(xyz) for xyz in rings(box(0, 0, 1, 1), z=3.0)[0][0]} == {
        (0.0, 0.0, 3.0),
        (1.0, 0.0, 3.0),
        (1.0, 1.0, 3.0),
        (0.0, 1.0, 3.0),
    }


@pytest.mark.parametrize(
    ("share", "colour"),
    [
        (None, palette.NO_DATA),
        (0.0, palette.VERMILLION),
        (0.099, palette.VERMILLION),
        (0.1, palette.YELLOW),
        (0.5, palette.SKY_BLUE),
    ],
)
def test_parking_classes(share: float | None, colour: tuple[int, ...]) -> None:
    assert class_colour(share, parking.FREE_SHARE_CLASSES, palette.NO_DATA) == colour


def test_booked_spaces_sit_on_their_floor_and_stick_out() -> None:
    booked = pa.table(
        {
            "space_id": ["s1"],
            "space_name": ["Atelier 12"],
            "kind": ["studio"],
            "capacity": [2],
            "floor_id": ["75-1"],
            "building_id": ["75"],
            "building_name": ["Motoco"],
            "level": [1],
            "booking_id": ["b1"],
            "booked_by": ["Collectif"],
            "start": [datetime(2026, 11, 23, 14)],
            "end": [datetime(2026, 11, 23, 17)],
            "geometry": [shapely.to_wkb(SQUARE)],
        }
    )
    buildings = pa.table({"building_id": ["75"], "height_m": [15.0], "floors_count": [3]})
    (row,) = bookings.booked_rows(booked, bookings.storeys(buildings))
    assert row["polygon"][0][0][2] == pytest.approx(5.0 - bookings.PROUD_M)
    assert row["thickness"] > 5.0 - floors.SLAB_GAP_M
    assert row["slot"] == "23/11 14:00 – 17:00"
    outset = shapely.Polygon([xy[:2] for xy in row["polygon"][0]])
    assert outset.contains(SQUARE)


def test_every_tooltip_field_is_in_its_layer_rows() -> None:
    fields_by_layer = {
        floors.STATUS_LAYER_ID: set(floors.floor_rows(_floors_table())[0]),
        biodiversity.LAYER_ID: set(biodiversity.ATTRIBUTES),
        parking.LAYER_ID: set(parking.ATTRIBUTES),
        bookings.LAYER_ID: set(bookings.ATTRIBUTES) | {"slot"},
    }
    for lang in ("fr", "en"):
        templates = tooltip_templates(lang)
        for layer_id, fields in fields_by_layer.items():
            template = templates[layer_id]
            assert template["title_field"] in fields | {"building_name", "space_name", "name"}
            assert {row[1] for row in template["rows"]} <= fields, layer_id


def test_one_legend_per_toggle_in_both_languages() -> None:
    for lang in ("fr", "en"):
        assert [legend.key for legend, _ in legends(lang)] == list(TOGGLE_KEYS)
        assert all(legend.items and datasets for legend, datasets in legends(lang))


def test_plain_string_props_are_not_turned_into_expressions() -> None:
    spec = text_spec("labels", [{"position": [7.32, 47.75, 3.0], "text": "62"}])
    assert spec["sizeUnits"] == "pixels"
    assert spec["fontFamily"].startswith("DejaVu Sans")
    assert spec["getText"] == "@@=text"


def test_every_legend_names_datasets_that_exist() -> None:
    from geodata.schema import DATASET_NAMES

    for _, datasets in legends("fr"):
        assert set(datasets) <= set(DATASET_NAMES)


def test_bounding_streets_are_labelled_outside_their_side_of_the_district() -> None:
    from layers.context import SIDE_NAMES, side_rows

    district = pa.table({"name": ["DMC"], "geometry": [shapely.to_wkb(box(7.316, 47.749, 7.329, 47.757))]})
    labels = {row["text"]: row["position"] for row in side_rows(district)}
    assert labels[SIDE_NAMES["north"]][1] > 47.757 and labels[SIDE_NAMES["south"]][1] < 47.749
    assert labels[SIDE_NAMES["east"]][0] > 7.329 and labels[SIDE_NAMES["west"]][0] < 7.316
