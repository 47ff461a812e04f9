"""The map view as a picture, drawn on the server: the same queries and palettes as the page's layers
(layers/*.py), seen from above in web-mercator at the camera's centre and zoom (or fitted to the district),
north up, with the district's outline, a scale bar and a north arrow. For the brief's page and /view.png.

Drawn at twice the size and scaled down, so edges are smooth without an anti-aliasing renderer.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from PIL import Image, ImageDraw, ImageFont

from geodata import queries
from geodata.indicators import scenario_floors
from geodata.scenario import ScenarioDocument
from geodata.scenario_overlay import scenario_overlay
from layers import biodiversity, bookings, floors, palette, parking, scenario
from layers.base import RGBA, class_codes
from layers.features import geometries_of
from texts.i18n import Lang, t

WIDTH, HEIGHT = 1600, 900  # a 16:9 slide
SUPERSAMPLE = 2
TILE_PX = 512  # deck.gl's web-mercator world is 512 px wide at zoom 0: the page's zoom means the same here
FIT_MARGIN = 0.12  # the share of the picture left around the district when no camera is given
EARTH_CIRCUMFERENCE_M = 40_075_016.686
BACKGROUND = (248, 247, 244)
LABEL_MIN_PX = 26  # a building narrower than this on the picture gets no number (it would cover it)
OUTLINE_MIN_PX = 8  # a shape narrower than this on the picture is drawn without its outline
FONT_FILES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD_FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class Camera:
    """The picture's centre and zoom (deck.gl's meaning), its size in pixels."""

    longitude: float
    latitude: float
    zoom: float
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def metres_per_pixel(self) -> float:
        return EARTH_CIRCUMFERENCE_M * math.cos(math.radians(self.latitude)) / (TILE_PX * 2**self.zoom)


@dataclass(frozen=True)
class Scene:
    """What to draw: the visible layer keys, the time, the scenario and the selected building."""

    layers: tuple[str, ...]
    at: datetime
    lang: Lang
    document: ScenarioDocument | None = None
    building: str | None = None


def _mercator(lon: Any, lat: Any) -> tuple[Any, Any]:
    """Web-mercator world coordinates in [0, 1), y growing southwards."""
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0
    sin = np.sin(np.radians(np.asarray(lat, dtype=np.float64)))
    y = 0.5 - np.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    return x, y


def fitted_camera(
    bounds: tuple[float, float, float, float], width: int = WIDTH, height: int = HEIGHT
) -> Camera:
    """The camera that shows the whole of `bounds` (west, south, east, north) with a margin."""
    west, south, east, north = bounds
    (x0, x1), (y1, y0) = _mercator([west, east], [south, north])
    span_x, span_y = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    usable = 1 - 2 * FIT_MARGIN
    zoom = math.log2(min(width * usable / (span_x * TILE_PX), height * usable / (span_y * TILE_PX)))
    return Camera((west + east) / 2, (south + north) / 2, min(zoom, 20.0), width, height)


class Canvas:
    """A supersampled picture with the camera's projection: shapes in degrees, drawn in pixels."""

    def __init__(self, camera: Camera) -> None:
        self.camera = camera
        self.scale = TILE_PX * 2**camera.zoom * SUPERSAMPLE
        cx, cy = _mercator(camera.longitude, camera.latitude)
        self.centre = (float(cx), float(cy))
        self.image = Image.new("RGB", (camera.width * SUPERSAMPLE, camera.height * SUPERSAMPLE), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image, "RGBA")
        self.label_boxes: list[tuple[float, float, float, float]] = []  # this picture's labels, placed so far

    def pixels(self, coords: Any) -> list[tuple[float, float]]:
        xy = np.asarray(coords, dtype=np.float64)
        x, y = _mercator(xy[:, 0], xy[:, 1])
        px = (x - self.centre[0]) * self.scale + self.image.width / 2
        py = (y - self.centre[1]) * self.scale + self.image.height / 2
        return list(zip(px.tolist(), py.tolist(), strict=True))

    def polygon(self, geometry: Any, fill: RGBA | None, line: RGBA | None = None, width: float = 1) -> None:
        if not self.in_view(geometry):
            return
        for part in getattr(geometry, "geoms", [geometry]):
            if not isinstance(part, shapely.Polygon) or part.is_empty:
                continue
            ring = self.pixels(part.exterior.coords)
            holes = [self.pixels(hole.coords) for hole in part.interiors]
            if fill is not None and holes:
                self._with_holes(ring, holes, fill)
            elif fill is not None:
                self.draw.polygon(ring, fill=fill, outline=None)
            for outline in [ring, *holes] if line is not None else []:
                self.draw.line([*outline, outline[0]], fill=line, width=max(1, round(width * SUPERSAMPLE)))

    def _with_holes(self, ring: list[tuple[float, float]], holes: list[list[tuple[float, float]]],
                    fill: RGBA) -> None:  # fmt: skip
        """A courtyard shows what lies under it: the shape is painted through a mask of its own size."""
        left, top = (math.floor(min(p[i] for p in ring)) for i in (0, 1))
        right, bottom = (math.ceil(max(p[i] for p in ring)) + 1 for i in (0, 1))
        mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
        pen = ImageDraw.Draw(mask)
        pen.polygon([(x - left, y - top) for x, y in ring], fill=fill[3])
        for hole in holes:
            pen.polygon([(x - left, y - top) for x, y in hole], fill=0)
        self.image.paste(fill[:3], (left, top, left + mask.width, top + mask.height), mask)

    def in_view(self, geometry: Any) -> bool:
        """Whether a shape's bounds meet the picture (a city's far buildings are not drawn one by one)."""
        west, south, east, north = geometry.bounds
        (x0, x1), (y1, y0) = _mercator([west, east], [south, north])
        half_w, half_h = self.image.width / 2 / self.scale, self.image.height / 2 / self.scale
        cx, cy = self.centre
        return bool(x1 >= cx - half_w and x0 <= cx + half_w and y1 >= cy - half_h and y0 <= cy + half_h)

    def label(self, geometry: Any, text: str, size: int = 13) -> None:
        """A text on a white box at a point inside the shape (as the page's labels are); left out where it
        would cover a label already placed, as the page's labels declutter."""
        if not self.in_view(geometry):
            return
        point = shapely.point_on_surface(geometry)
        x, y = self.pixels([(point.x, point.y)])[0]
        font = font_of(size * SUPERSAMPLE, bold=True)
        left, top, right, bottom = self.draw.textbbox((x, y), text, font=font, anchor="mm")
        pad = 3 * SUPERSAMPLE
        box = (left - pad, top - pad, right + pad, bottom + pad)
        if any(_overlap(box, placed) for placed in self.label_boxes):
            return
        self.label_boxes.append(box)
        self.draw.rectangle(box, fill=(255, 255, 255, 225))
        self.draw.text((x, y), text, font=font, anchor="mm", fill=(31, 35, 40, 255))

    def width_px(self, geometry: Any) -> float:
        west, _, east, _ = geometry.bounds
        (x0, x1), _ = _mercator([west, east], [0.0, 0.0])
        return float((x1 - x0) * self.scale / SUPERSAMPLE)

    def finished(self) -> Image.Image:
        return self.image.resize((self.camera.width, self.camera.height), Image.Resampling.LANCZOS)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def font_of(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in BOLD_FONT_FILES if bold else FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def fill_shapes(
    canvas: Canvas, geometries: Iterable[Any], colours: Iterable[RGBA], line: RGBA | None
) -> None:
    """Filled shapes; outlined only when wide enough for the fill to show inside the line (a city's
    buildings seen whole would otherwise be all outline)."""
    for geometry, colour in zip(geometries, colours, strict=True):
        canvas.polygon(geometry, colour, line if canvas.width_px(geometry) >= OUTLINE_MIN_PX else None)


def building_colours(con: duckdb.DuckDBPyConnection, scene: Scene, ids: Sequence[str]) -> list[RGBA]:
    """Each building's colour from above, by its whole-building volumes' rule (layers/floors.py): the
    occupancy layer's blue when at least half the floor area whose occupancy is known is occupied, orange
    otherwise, "no data" when none is known; neutral when the layer is hidden."""
    if floors.KEY not in scene.layers:
        return [palette.NEUTRAL_FLOOR] * len(ids)
    table = scenario_floors(con, scene.document)
    standing = table.filter(pc.not_equal(table.column("change"), "demolished"))
    frame = standing.select(["building_id", "area_m2", "status"]).to_pandas()
    frame["occupied"] = frame["area_m2"].where(frame["status"] == "occupied", 0.0)
    frame["known"] = frame["area_m2"].where(frame["status"].isin(["occupied", "vacant"]), 0.0)
    sums = frame.groupby("building_id")[["known", "occupied"]].sum()
    colours = []
    for building_id in ids:
        known = sums["known"].get(building_id, 0.0)
        share = sums["occupied"].get(building_id, 0.0) / known if known else None
        code = 2 if share is None else 0 if share >= floors.MOSTLY_OCCUPIED else 1
        colours.append(floors.STATUS_PALETTE[code])
    return colours


def _ground(canvas: Canvas, con: duckdb.DuckDBPyConnection, scene: Scene) -> None:
    for geometry in geometries_of(queries.context_commune(con)):
        canvas.polygon(geometry, None, palette.COMMUNE_LINE, 1)
    for geometry in geometries_of(queries.district_boundary(con)):
        canvas.polygon(geometry, palette.DISTRICT_FILL, palette.DISTRICT_LINE, 2)
    if biodiversity.KEY in scene.layers:
        plots = queries.plots_with_species(con, until=scene.at)
        codes = class_codes(plots.column("species_count").to_pylist(), biodiversity.RICHNESS_BOUNDS)
        fill_shapes(canvas, geometries_of(plots), (biodiversity.PALETTE[c] for c in codes), (40, 40, 40, 200))
    if parking.KEY in scene.layers:
        lots = queries.parking_free_at(con, scene.at)
        codes = class_codes(lots.column("free_share").to_pylist(), parking.FREE_SHARE_BOUNDS)
        fill_shapes(canvas, geometries_of(lots), (parking.PALETTE[c] for c in codes), (40, 40, 40, 200))


def _buildings(canvas: Canvas, con: duckdb.DuckDBPyConnection, scene: Scene) -> pa.Table:
    table = queries.buildings(con)
    ids = table.column("building_id").to_pylist()
    fill_shapes(canvas, geometries_of(table), building_colours(con, scene, ids), palette.OUTLINE)
    if scene.document is not None:  # the scenario's changes are always drawn, as on the page
        overlay = scenario_overlay(con, scene.document)
        codes = scenario.change_codes(overlay.column("change"))
        for geometry, code in zip(geometries_of(overlay), codes, strict=True):
            canvas.polygon(geometry, None, scenario.CHANGE_PALETTE[code], 3)
    if bookings.KEY in scene.layers:
        booked = set(queries.spaces_booked_at(con, scene.at).column("space_id").to_pylist())
        spaces = queries.space_footprints(con)
        for space_id, geometry in zip(
            spaces.column("space_id").to_pylist(), geometries_of(spaces), strict=True
        ):
            if space_id in booked:
                canvas.polygon(geometry, palette.BOOKED, (70, 0, 80, 255))  # as layers/bookings.py draws them
    return table


def _ids(table: pa.Table, column: str) -> list[str]:
    return [str(value) for value in table.column(column).to_pylist()]


def _selected(canvas: Canvas, table: pa.Table, building: str | None) -> None:
    """The selected building outlined twice (white under black), visible on any fill."""
    if building is None:
        return
    for building_id, geometry in zip(
        table.column("building_id").to_pylist(), geometries_of(table), strict=True
    ):
        if building_id == building:
            canvas.polygon(geometry, None, (255, 255, 255, 255), 7)
            canvas.polygon(geometry, None, (20, 20, 20, 255), 3.5)


def _labels(canvas: Canvas, con: duckdb.DuckDBPyConnection, scene: Scene, table: pa.Table) -> None:
    """The car parks' free places first (a shown layer's figures), then the building numbers around them."""
    if parking.KEY in scene.layers:
        lots = queries.parking_free_at(con, scene.at)
        free = lots.column("free_spaces").to_pylist()
        for geometry, count in zip(geometries_of(lots), free, strict=True):
            text = (
                parking.NO_READING if count is None else t("label_parking_free", scene.lang, free=str(count))
            )
            canvas.label(geometry, text, 12)
    for building_id, geometry in zip(
        table.column("building_id").to_pylist(), geometries_of(table), strict=True
    ):
        if canvas.width_px(geometry) >= LABEL_MIN_PX:
            canvas.label(geometry, str(building_id))


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 × 10^n not above `metres`."""
    power = 10.0 ** math.floor(math.log10(metres))
    return max(float(step * power) for step in (1, 2, 5) if step * power <= metres)


def _scale_bar(canvas: Canvas) -> None:
    s = SUPERSAMPLE
    metres = nice_length(canvas.camera.metres_per_pixel * canvas.camera.width / 5)
    length = metres / canvas.camera.metres_per_pixel * s
    x0, y0 = 28 * s, canvas.image.height - 36 * s
    canvas.draw.rectangle(
        (x0 - 10 * s, y0 - 30 * s, x0 + length + 12 * s, y0 + 14 * s), fill=(255, 255, 255, 215)
    )
    canvas.draw.line([(x0, y0 - 8 * s), (x0, y0), (x0 + length, y0), (x0 + length, y0 - 8 * s)],
                     fill=(31, 35, 40, 255), width=3 * s)  # fmt: skip
    text = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    canvas.draw.text(
        (x0 + length / 2, y0 - 12 * s), text, font=font_of(14 * s), anchor="ms", fill=(31, 35, 40)
    )


def _north_arrow(canvas: Canvas) -> None:
    s = SUPERSAMPLE
    x, y = canvas.image.width - 48 * s, 34 * s
    canvas.draw.ellipse((x - 26 * s, y - 20 * s, x + 26 * s, y + 54 * s), fill=(255, 255, 255, 215))
    arrow = [(x, y - 12 * s), (x + 12 * s, y + 22 * s), (x, y + 14 * s), (x - 12 * s, y + 22 * s)]
    canvas.draw.polygon(arrow, fill=(31, 35, 40, 255))
    canvas.draw.text((x, y + 44 * s), "N", font=font_of(16 * s, bold=True), anchor="ms", fill=(31, 35, 40))


def render(con: duckdb.DuckDBPyConnection, camera: Camera, scene: Scene) -> Image.Image:
    """The picture of the scene through the camera."""
    canvas = Canvas(camera)
    _ground(canvas, con, scene)
    table = _buildings(canvas, con, scene)
    _selected(canvas, table, scene.building)
    _labels(canvas, con, scene, table)
    _scale_bar(canvas)
    _north_arrow(canvas)
    return canvas.finished()


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
