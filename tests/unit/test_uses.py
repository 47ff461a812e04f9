"""Floor use codes: the data refuses any other value; every code is translated; the old free-text uses map."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.errors import InvalidDatasetError
from geodata.uses import LEGACY_USES, USES
from geodata.validate import validate_data_dir
from tests.unit import tinydata
from texts.i18n import DATA_VALUES, LANGS


def test_a_floor_with_a_free_text_use_is_refused(tmp_path: Path) -> None:
    data_dir = tinydata.write_tiny_district(tmp_path / "data")
    floors = tinydata.floors()
    floors.loc[floors["floor_id"] == "A-0", "use"] = "bureaux"
    tinydata.write_dataset(data_dir, "floors", floors)
    with pytest.raises(InvalidDatasetError) as caught:
        validate_data_dir(data_dir)
    assert caught.value.path.name == "floors.parquet" and "'use'" in str(caught.value)
    assert "bureaux" in str(caught.value)


def test_every_code_has_a_label_in_each_language() -> None:
    for use in USES:
        assert set(DATA_VALUES[use]) == set(LANGS), use
    assert (
        DATA_VALUES["housing"]["fr"] == "logement"
        and DATA_VALUES["hospitality"]["fr"] == "hôtellerie-restauration"
    )
    assert not {"bureaux", "artisanat", "escalade", "logement", "commerce"} & set(DATA_VALUES)


def test_every_old_free_text_use_maps_to_a_code() -> None:
    assert set(LEGACY_USES.values()) <= set(USES)
    assert LEGACY_USES["ateliers d'artistes"] == "workshop" and LEGACY_USES["escalade"] == "culture_sport"
