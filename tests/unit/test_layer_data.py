"""The layer data endpoints of the real app (Flask test client over a real catalog): compressed binary
payloads, ETags and 304s, clear refusals of bad versions, sources, tiles and times."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from app import create_app
from geodata.catalog import Catalog
from geodata.settings import TwinSettings
from layers.binary import decode
from store.database import default_url, open_store
from tests.unit import tinydata


@pytest.fixture(scope="module")
def catalog(tiny_catalog: Catalog) -> Catalog:
    return tiny_catalog


@pytest.fixture()
def client(catalog: Catalog, tmp_path: Path) -> Iterator[FlaskClient]:
    settings = TwinSettings(data_dir=Path(catalog.data_dir), state_dir=tmp_path)
    app = create_app(catalog, settings, open_store(default_url(tmp_path)))
    yield app.server.test_client()


def url(catalog: Catalog, tail: str) -> str:
    return f"/layer-data/{catalog.version}/{tail}"


def test_a_source_is_served_gzipped_with_an_etag_and_revisits_cost_a_304(
    client: FlaskClient, catalog: Catalog
) -> None:
    first = client.get(
        url(catalog, "parking.bin?at=2026-03-02T10:00&lang=fr"), headers={"Accept-Encoding": "gzip"}
    )
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    payload = decode(gzip.decompress(first.data))
    assert payload.texts["f_lot_id"] == tinydata.parking_lots()["lot_id"].tolist()
    again = client.get(
        url(catalog, "parking.bin?at=2026-03-02T10:00&lang=fr"),
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304 and again.data == b""


def test_car_park_labels_say_what_the_number_is_in_the_page_language(
    client: FlaskClient, catalog: Catalog
) -> None:
    # tinydata at 10:00: L1's reading at 10:00 says 10 free, L2's latest (08:30) 25, L3 has no reading
    labels = {
        lang: decode(client.get(url(catalog, f"parking.bin?at=2026-03-02T10:00&lang={lang}")).data).texts[
            "s_label"
        ]
        for lang in ("fr", "en")
    }
    assert labels == {
        "fr": ["P · 10 libres", "P · 25 libres", "P · ?"],
        "en": ["P · 10 free", "P · 25 free", "P · ?"],
    }


def test_another_hour_is_another_payload(client: FlaskClient, catalog: Catalog) -> None:
    ten = client.get(url(catalog, "parking.bin?at=2026-03-02T10:00&lang=fr"))
    eleven = client.get(url(catalog, "parking.bin?at=2026-03-02T11:00&lang=fr"))
    assert ten.status_code == eleven.status_code == 200
    assert ten.headers["ETag"] != eleven.headers["ETag"]


@pytest.mark.parametrize(
    ("tail", "status", "says"),
    [
        ("parking.bin", 400, "missing parameter 'at'"),
        ("parking.bin?at=tomorrow", 400, "YYYY-MM-DDTHH:00"),
        ("parking.bin?at=2026-03-02T10:30", 400, "YYYY-MM-DDTHH:00"),
        ("parking.bin?at=2026-03-02T10:00%2B02:00", 400, "YYYY-MM-DDTHH:00"),
        ("parking.bin?at=2026-03-02T10:00", 400, "parameter 'lang' must be fr or en"),
        ("parking.bin?at=2026-03-02T10:00&lang=klingon", 400, "parameter 'lang' must be fr or en"),
        ("biodiversity.bin?on=2026-13-40", 400, "YYYY-MM-DD"),
        ("nothing.bin", 404, "unknown layer source"),
        ("floors.bin", 404, "as tiles"),
        ("floors/3/1/1.bin", 404, "zoom 15"),
        ("floors/15/99999/1.bin", 404, "zoom 15"),
        ("parking/15/1/1.bin?at=2026-03-02T10:00", 404, "whole"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(
    client: FlaskClient, catalog: Catalog, tail: str, status: int, says: str
) -> None:
    response = client.get(url(catalog, tail))
    assert response.status_code == status
    assert says in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_another_data_version_is_refused(client: FlaskClient) -> None:
    response = client.get("/layer-data/0123456789abcdef/district.bin")
    assert response.status_code == 404 and "reload the page" in response.get_data(as_text=True)


def test_the_layout_carries_no_layer_data(client: FlaskClient) -> None:
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "Alpha" not in layout and "Acme" not in layout  # a building name and an occupant of the data
    assert "layer-data" in layout
