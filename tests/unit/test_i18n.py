"""The translation table and the French way of writing numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from texts.formats import building_title, format_area, format_number, format_percent
from texts.i18n import LANGS, TEXT, Lang, normalise_lang, t

REPO = Path(__file__).resolve().parents[2]


def test_every_text_exists_in_french_and_english() -> None:
    for key, texts in TEXT.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key


def test_placeholders_match_between_languages() -> None:
    for key, texts in TEXT.items():
        fields = {lang: set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGS}
        assert fields["fr"] == fields["en"], key


def test_every_text_key_used_in_code_exists() -> None:
    code = "\n".join(
        p.read_text() for d in ("layers", "components", "callbacks") for p in (REPO / d).glob("*.py")
    )
    used = set(re.findall(r"""\bt\(\s*f?["']([a-z_]+)["']""", code))
    assert used, "no t(...) calls found: the scan is broken"
    assert used - set(TEXT) == set()


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (110000, "110\u202f000", "110,000"),
        (999, "999", "999"),
        (1234567.4, "1\u202f234\u202f567", "1,234,567"),
    ],
)
def test_numbers_are_grouped_the_local_way(value: float, fr: str, en: str) -> None:
    assert format_number(value, "fr") == fr
    assert format_number(value, "en") == en


def test_decimals_use_a_comma_in_french() -> None:
    assert format_number(1234.5, "fr", decimals=1) == "1\u202f234,5"


def test_area_and_percent() -> None:
    assert format_area(110000, "fr") == "110\u202f000\u00a0m²"
    assert format_percent(0.25, "fr") == "25\u00a0%"
    assert format_percent(0.25, "en") == "25%"


def test_placeholders_are_filled() -> None:
    assert t("panel_title", "fr", building_id="75", name="Motoco") == "Bâtiment 75 — Motoco"


@pytest.mark.parametrize(
    ("building_id", "name", "lang", "expected"),
    [
        ("75", "Motoco", "fr", "Bâtiment 75 — Motoco"),
        ("75", "Motoco", "en", "Building 75 — Motoco"),
        ("62", "Bâtiment 62", "fr", "Bâtiment 62"),
        ("62", "Bâtiment 62", "en", "Building 62"),
        ("62", " bâtiment  62 ", "fr", "Bâtiment 62"),
        ("62", "Bâtiment 12", "fr", "Bâtiment 62 — Bâtiment 12"),
        ("62", None, "fr", "Bâtiment 62"),
    ],
)
def test_a_building_title_does_not_repeat_its_number(
    building_id: str, name: str | None, lang: Lang, expected: str
) -> None:
    assert building_title(building_id, name, lang) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("fr", "fr"), (" EN ", "en"), ("de", None), ("", None), (None, None)]
)
def test_normalise_lang(raw: object, expected: str | None) -> None:
    assert normalise_lang(raw) == expected


def test_every_dataset_has_a_title_in_both_languages() -> None:
    from geodata.schema import DATASET_NAMES
    from texts.i18n import DATASET_TITLES

    for name in DATASET_NAMES:
        assert set(DATASET_TITLES[name]) == set(LANGS), name


def test_dates_are_written_the_local_way() -> None:
    from texts.formats import format_date

    assert format_date("2026-11-23", "fr") == "23/11/2026"
    assert format_date("2026-11-23", "en") == "23 Nov 2026"
    assert format_date("unknown", "fr") == "unknown"


def test_known_data_values_are_translated_and_unknown_ones_kept() -> None:
    from texts.i18n import DATA_VALUES, data_value

    assert data_value("culture_sport", "en") == "culture and sport"
    assert data_value("culture_sport", "fr") == "culture et sport"
    assert data_value("friche", "en") == "wasteland"
    assert data_value("brasserie", "en") == "brasserie"
    assert all(set(texts) == set(LANGS) for texts in DATA_VALUES.values())


def test_every_use_and_habitat_of_the_sample_data_has_an_english_label(sample_dir: Path) -> None:
    import pandas as pd

    from texts.i18n import DATA_VALUES

    uses = set(pd.read_parquet(sample_dir / "floors.parquet", columns=["use"])["use"].dropna())
    habitats = set(pd.read_parquet(sample_dir / "biodiversity_plots.parquet", columns=["habitat"])["habitat"])
    assert uses | habitats <= set(DATA_VALUES)


def test_table_and_tooltip_formats_in_both_languages() -> None:
    from datetime import datetime

    from texts.formats import format_value

    row = {"building_name": "Motoco", "end": datetime(2026, 11, 23, 17)}
    assert format_value("75", "building", "fr", row) == "75 — Motoco"
    assert format_value(datetime(2026, 11, 23, 14), "slot", "fr", row) == "14:00 – 17:00"
    assert format_value("machine", "value", "en") == "shared textile machine"
    assert format_value("prairie", "value", "en") == "meadow"
    assert format_value(0, "level", "fr") == "rez-de-chaussée"
    assert format_value(None, "int", "fr") == "—"
    assert format_value(12500, "m2", "fr") == "12\u202f500\u00a0m²"
