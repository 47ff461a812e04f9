"""The council brief (GET /brief.pdf), the slide picture (GET /view.png) and the share QR code, over the real
app on the sample data (Flask's test client, real SQLite store). Expected figures are computed here with
pandas straight from the sample's parquet files and provenance.json, not with the app's queries."""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from flask.testing import FlaskClient
from PIL import Image
from pypdf import PdfReader

from api.brief_map import Camera, Canvas, fill_shapes, nice_length
from api.brief_view import refusal
from geodata.ingest.cli import main as ingest_main
from tests.unit.api_client import Twin, build_twin, csrf, page_loaded, signed_in
from tests.unit.ingest_files import bdtopo_grid

AT = datetime(2026, 11, 23, 14)
QUERY = "at=2026-11-23T14:00&layers=occupancy,bookings,biodiversity,parking&building=62"
A4_LANDSCAPE = (841.89, 595.28)  # points
# The occupancy layer's occupied blue and vacant yellow (layers/palette.py OCCUPIED, VACANT, alpha 235) as
# drawn over the district's ground (232, 226, 214): c * 235/255 + ground * 20/255.
BLUE, ORANGE = (47, 90, 159), (239, 228, 78)
SPACES = re.compile(r"\s+")


@pytest.fixture(scope="module")
def twin(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Twin:
    return build_twin(sample_dir, tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="module")
def client(twin: Twin) -> FlaskClient:
    return twin.client()


@pytest.fixture(scope="module")
def brief(client: FlaskClient) -> Iterator[bytes]:
    response = client.get(f"/brief.pdf?{QUERY}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="dmc-20261123-1400.pdf"'
    yield response.data


def flat(text: str) -> str:
    """Text without any spacing (French numbers use narrow no-break spaces; PDF lines break anywhere)."""
    return SPACES.sub("", text.replace("\u202f", " ").replace("\xa0", " "))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def expected_kpis(sample_dir: Path, at: datetime) -> dict[str, float]:
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["area_m2", "status"])
    bookings = pd.read_parquet(sample_dir / "bookings.parquet", columns=["space_id", "start", "end"])
    running = bookings[(bookings["start"] <= at) & (at < bookings["end"])]
    readings = pd.read_parquet(sample_dir / "parking_occupancy.parquet")
    latest = readings[readings["observed_at"] <= at].sort_values("observed_at").groupby("lot_id").tail(1)
    lots = pd.read_parquet(sample_dir / "parking_lots.parquet", columns=["lot_id", "capacity"])
    seen = lots[lots["lot_id"].isin(latest["lot_id"])]
    return {
        "total": floors["area_m2"].sum(),
        "occupied": floors.loc[floors["status"] == "occupied", "area_m2"].sum(),
        "vacant": floors.loc[floors["status"] == "vacant", "area_m2"].sum(),
        "booked": running["space_id"].nunique(),
        "free": latest["free_spaces"].sum(),
        "capacity": seen["capacity"].sum(),
    }


def french(value: float) -> str:
    """A whole number as the French page writes it, spacing removed: 110980."""
    return str(round(value))


def test_the_brief_is_one_a4_landscape_page(brief: bytes) -> None:
    reader = PdfReader(io.BytesIO(brief))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)


def test_the_brief_holds_the_view_s_kpis(brief: bytes, sample_dir: Path) -> None:
    text = flat(pdf_text(brief))
    kpis = expected_kpis(sample_dir, AT)
    assert kpis["booked"] > 0 and kpis["free"] > 0, "the chosen hour must have activity to check"
    for name in ("total", "occupied", "vacant"):
        assert f"{french(kpis[name])}m²" in text, name
    share = round(100 * kpis["occupied"] / kpis["total"])
    assert f"{share}%" in text
    assert f"Espacesréservés{french(kpis['booked'])}le23/11/2026à14:00" in text
    assert f"Placeslibres{french(kpis['free'])}sur{french(kpis['capacity'])}" in text


def test_the_brief_names_every_source_and_says_it_is_a_sample(brief: bytes, sample_dir: Path) -> None:
    text = flat(pdf_text(brief))
    provenance = json.loads((sample_dir / "provenance.json").read_text(encoding="utf-8"))
    for dataset, entry in provenance.items():
        assert flat(entry["source"]) in text, dataset
        assert flat(entry["licence"]) in text, dataset
        day = datetime.fromisoformat(entry["date"])
        assert f"{day:%d/%m/%Y}" in text, dataset
    assert "Donnéesd'exemple" in text  # every dataset of the sample is marked sample


def test_the_brief_shows_the_building_s_floors_legends_and_its_link(brief: bytes, sample_dir: Path) -> None:
    text = flat(pdf_text(brief))
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["building_id", "area_m2"])
    areas = floors.loc[floors["building_id"] == "62", "area_m2"]
    assert "NiveauxduBâtiment62" in text
    assert text.count(f"{french(areas.iloc[0])}m²") >= len(areas)
    for legend in ("Occupé", "Vacant", "Réservéàl'heurechoisie", "Moinsde10%libres", "1à3espèces"):
        assert legend in text
    assert flat(f"http://localhost/?{QUERY}") in text


def _page_pixels(data: bytes, tmp_path: Path) -> np.ndarray:
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(tmp_path / "page")], check=True
    )
    return np.asarray(Image.open(tmp_path / "page.png").convert("RGB"), dtype=np.int16)


def _near(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 30) -> int:
    return int((np.abs(pixels - np.asarray(rgb)).sum(axis=-1) < tolerance).sum())


def test_the_brief_s_map_is_drawn(brief: bytes, tmp_path: Path) -> None:
    page = _page_pixels(brief, tmp_path)
    height, width, _ = page.shape
    # The map: left two thirds, between the KPI strip and the sources (see api/brief_page.py's layout).
    area = page[int(height * 0.2) : int(height * 0.65), int(width * 0.05) : int(width * 0.6)]
    not_white = (area.sum(axis=-1) < 3 * 245).mean()
    assert not_white > 0.3, f"only {not_white:.0%} of the map area is drawn"
    assert _near(area, BLUE) > 50 and _near(area, ORANGE) > 50


def test_the_brief_in_english(client: FlaskClient) -> None:
    response = client.get("/brief.pdf?lang=en&at=2026-11-23T14:00&layers=occupancy")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "DMC district — brief of the view" in text and "Data sources" in text
    assert "Sample data" in text and "Occupied" in text
    assert "Parking availability" not in text, "a hidden layer has no legend"


def test_a_scenario_brief_shows_its_areas_and_a_draft_stays_private(
    twin: Twin, client: FlaskClient, sample_dir: Path
) -> None:
    ada = signed_in(twin, "ada")
    document = {
        "name": "Logements au 12",
        "changes": [{"kind": "floor", "floor_id": "12-0", "use": "housing", "status": "occupied"}],
    }
    created = ada.post("/api/scenarios", json=document, headers=csrf(ada))
    assert created.status_code == 201, created.get_json()
    scenario_id = created.get_json()["id"]
    anonymous = page_loaded(twin.client())
    assert anonymous.get(f"/brief.pdf?scenario={scenario_id}").status_code == 404  # a draft is ada's
    assert ada.post(f"/api/scenarios/{scenario_id}/publish", headers=csrf(ada)).status_code == 200
    for version in ("abc", "2", "0"):
        refused = anonymous.get(f"/brief.pdf?scenario={scenario_id}&version={version}")
        assert refused.status_code == 400 and f"« {version} »" in refused.get_data(as_text=True)
    response = anonymous.get(f"/brief.pdf?scenario={scenario_id}&building=12&at=2026-11-23T14:00")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-cache"
    text = flat(pdf_text(response.data))
    floors = pd.read_parquet(sample_dir / "floors.parquet", columns=["floor_id", "area_m2", "status"])
    changed = floors.loc[floors["floor_id"] == "12-0", "area_m2"].sum()
    occupied = floors.loc[floors["status"] == "occupied", "area_m2"].sum() + changed
    assert "Scénario«Logementsau12»,version1" in text
    assert f"{french(occupied)}m²" in text
    assert "Changementsduscénario" in text  # the scenario's legend
    assert "logement" in text.lower()  # the floor's new use in the building's table


def test_view_png_is_a_slide_with_the_layer_colours(client: FlaskClient) -> None:
    response = client.get(f"/view.png?{QUERY}")
    assert response.status_code == 200 and response.content_type == "image/png"
    assert response.headers["Content-Disposition"] == 'inline; filename="dmc-20261123-1400.png"'
    image = Image.open(io.BytesIO(response.data)).convert("RGB")
    assert image.size == (1600, 900)
    pixels = np.asarray(image, dtype=np.int16)
    assert (pixels.sum(axis=-1) < 3 * 240).mean() > 0.2
    assert _near(pixels, BLUE) > 500 and _near(pixels, ORANGE) > 500
    plain = client.get("/view.png?at=2026-11-23T14:00&layers=")
    assert plain.status_code == 200
    neutral = np.asarray(Image.open(io.BytesIO(plain.data)).convert("RGB"), dtype=np.int16)
    assert _near(neutral, BLUE) < 20 and _near(neutral, ORANGE) < 20, "no layer: no status colours"


def test_the_camera_of_the_address_is_the_picture_s(client: FlaskClient) -> None:
    """Zoomed in on one building, it fills the picture: far more of the picture is building than in the
    district's view."""
    whole = client.get("/view.png?layers=occupancy&at=2026-11-23T14:00")
    close = client.get("/view.png?layers=occupancy&at=2026-11-23T14:00&view=7.3215,47.7535,18.5,0,0")
    assert whole.status_code == close.status_code == 200
    shares = [
        _near(np.asarray(Image.open(io.BytesIO(r.data)).convert("RGB"), dtype=np.int16), ORANGE)
        for r in (whole, close)
    ]
    assert shares[1] > 2 * shares[0]


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("at=garbage", 400, "garbage"),
        ("at=1999-01-01T10:00", 400, "1999-01-01T10:00"),
        ("lang=xx", 400, "xx"),
        ("layers=occupancy,volcanoes", 400, "volcanoes"),
        ("view=1,2,3", 400, "1,2,3"),
        ("building=nope", 400, "nope"),
        ("mode=kiosk", 400, "kiosk"),
        ("scenario=no-such-scenario", 404, "no-such-scenario"),
        ("scenario=x&version=abc", 404, "« x » inconnu ou non publié."),
        ("lang=en&building=nope", 400, "No building"),
        ("building=" + "x" * 3000, 400, "2000"),
    ],
)
def test_bad_parameters_are_refused_in_one_line(
    client: FlaskClient, query: str, status: int, words: str
) -> None:
    for route in ("/brief.pdf", "/view.png"):
        response = client.get(f"{route}?{query}")
        assert response.status_code == status, (route, query)
        body = response.get_data(as_text=True)
        assert words in body and body.count("\n") == 1 and "Traceback" not in body
        assert "par défaut" not in body and "default" not in body, "nothing is made from a default"


def test_the_qr_code_encodes_this_site_s_link(client: FlaskClient) -> None:
    one, other = client.get(f"/view-qr.svg?{QUERY}"), client.get("/view-qr.svg?lang=en")
    assert one.status_code == other.status_code == 200 and one.content_type.startswith("image/svg+xml")
    assert one.data.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"') and one.data != other.data
    assert client.get("/view-qr.svg?" + "a" * 3000).status_code == 400


def test_the_page_s_parse_refusals_drop_the_fallback() -> None:
    assert refusal("Langue « xx » inconnue : affichage en français.", "fr") == "Langue « xx » inconnue."
    assert refusal("Unreadable date “a: b” (expected format: X): default date used.", "en") == (
        "Unreadable date “a: b” (expected format: X)."
    )


@pytest.mark.parametrize(
    ("metres", "nice"), [(1.0, 1.0), (3.7, 2.0), (180.0, 100.0), (260.0, 200.0), (7400, 5000)]
)
def test_scale_bar_lengths_are_round(metres: float, nice: float) -> None:
    assert nice_length(metres) == nice


@pytest.mark.parametrize("view", ["7.32,47.75,24,0,0", "0,0,0,0,0", "-180,-85,0,85,360", "180,85,24,0,-360"])
def test_any_camera_the_page_accepts_gives_a_picture(client: FlaskClient, view: str) -> None:
    response = client.get(f"/view.png?view={view}")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).size == (1600, 900)


def test_a_courtyard_shows_the_ground_under_it_and_far_shapes_are_skipped() -> None:
    canvas = Canvas(Camera(7.3225, 47.753, 16.0))
    ground, blue = (232, 226, 214, 255), (0, 114, 178, 255)
    canvas.polygon(shapely.box(7.30, 47.74, 7.34, 47.77), ground)
    courtyard = shapely.box(7.3215, 47.7525, 7.3235, 47.7535)
    canvas.polygon(shapely.box(7.320, 47.752, 7.325, 47.754).difference(courtyard), blue)
    picture = canvas.finished()
    centre, wall = picture.getpixel((800, 450)), picture.getpixel((800 + 140, 450))
    assert centre == ground[:3] and wall == blue[:3]
    assert not canvas.in_view(shapely.box(2.0, 48.0, 2.1, 48.1))  # Paris is not in a view of Mulhouse


def test_a_brief_of_an_ingested_district_without_occupancy(tmp_path: Path) -> None:
    """Buildings alone (python -m geodata.ingest buildings): the brief is made, its floors say 'non
    renseigné' and its total says how much is not known."""
    grid = bdtopo_grid(tmp_path / "grid.gpkg")
    assert ingest_main(["buildings", str(grid), "--out", str(tmp_path / "data")]) == 0
    twin = build_twin(tmp_path / "data", tmp_path / "state")
    building = f"BATIMENT{1:016d}"
    response = twin.client().get(f"/brief.pdf?building={building}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 1
    text = flat(pdf_text(response.data))
    assert "nonrenseigné" in text and "dont" in text
    assert twin.client().get("/view.png").status_code == 200


def test_labels_that_would_cover_one_another_are_left_out_and_a_crowd_loses_its_outlines() -> None:
    """As the page's labels declutter: of two car parks side by side on a city-wide picture, one label."""
    canvas = Canvas(Camera(7.3225, 47.7530, 13))
    near = [shapely.box(7.3220 + dx, 47.7525, 7.3222 + dx, 47.7527) for dx in (0.0, 0.0003, 0.02)]
    for lot in near:
        canvas.label(lot, "P · 120 libres", 12)
    assert len(canvas.label_boxes) == 2  # the second overlaps the first; the third, 1.5 km east, does not
    # A 15 m building at zoom 13 is a few pixels wide: drawn as its fill alone, no outline swallowing it.
    small = shapely.box(7.3300, 47.7500, 7.3302, 47.7501)
    picture = Canvas(Camera(7.3301, 47.75005, 13, 40, 40))
    fill_shapes(picture, [small], [(250, 230, 0, 255)], (40, 40, 40, 255))
    pixels = np.asarray(picture.finished()).reshape(-1, 3).astype(int)
    assert ((pixels[:, 0] > 200) & (pixels[:, 1] > 180) & (pixels[:, 2] < 100)).any(), "the fill is not seen"
