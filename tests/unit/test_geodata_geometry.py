"""Areas are computed in Lambert-93 (EPSG:2154) from EPSG:4326 geometry, never in degrees."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity

from geodata.geometry import LocalFrame, area_m2, l_shape, lambert_to_wgs84, wgs84_to_lambert

# Lambert-93 coordinates of a point in the DMC district.
X0, Y0 = shapely.get_coordinates(wgs84_to_lambert(shapely.Point(7.3225, 47.753)))[0]


def test_a_rectangle_of_known_size_in_metres() -> None:
    rectangle = lambert_to_wgs84(shapely.box(X0, Y0, X0 + 120.0, Y0 + 45.0))
    assert area_m2([rectangle])[0] == pytest.approx(120.0 * 45.0, rel=1e-3)
    assert rectangle.area < 1e-3  # in square degrees it would be meaningless


@settings(max_examples=40, deadline=None)
@given(
    length=st.floats(5.0, 400.0),
    depth=st.floats(5.0, 200.0),
    angle=st.floats(0.0, 180.0),
)
def test_rotated_rectangles_keep_their_area(length: float, depth: float, angle: float) -> None:
    frame = LocalFrame(7.3225, 47.753, angle)
    shape = frame.to_wgs84(shapely.box(-length / 2, -depth / 2, length / 2, depth / 2))
    assert shape.is_valid
    assert area_m2([shape])[0] == pytest.approx(length * depth, rel=1e-3)


def test_l_shape_area_is_three_quarters_of_its_rectangle() -> None:
    assert l_shape(0, 0, 80, 30).area == pytest.approx(0.75 * 80 * 30)


def test_local_frame_rotation_is_anticlockwise_about_the_origin() -> None:
    frame = LocalFrame(7.3225, 47.753, 90.0)
    east = wgs84_to_lambert(frame.to_wgs84(shapely.Point(100.0, 0.0)))
    x, y = shapely.get_coordinates(east)[0]
    assert (x - X0, y - Y0) == (pytest.approx(0.0, abs=1e-3), pytest.approx(100.0, abs=1e-3))
    assert affinity.rotate(shapely.Point(1, 0), 90, origin=(0, 0)).y == pytest.approx(1.0)
