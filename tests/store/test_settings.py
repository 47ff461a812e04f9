"""The store's settings: TWIN_STATE_DIR (never inside the data directory) and TWIN_DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.settings import TwinSettings
from store.database import store_url

REPO = Path(__file__).resolve().parents[2]


def test_defaults_are_var_in_the_repository_and_sqlite(tmp_path: Path) -> None:
    settings = TwinSettings.from_env({})
    assert settings.state_dir == REPO / "var"
    assert settings.database_url is None
    state = TwinSettings.from_env({"TWIN_STATE_DIR": str(tmp_path / "state")})
    assert store_url(state) == f"sqlite:///{tmp_path.resolve() / 'state' / 'twin.sqlite3'}"


def test_a_database_url_is_taken_as_it_is(tmp_path: Path) -> None:
    url = "postgresql+psycopg://twin:pw@db.example:5433/twin"
    settings = TwinSettings.from_env({"TWIN_DATABASE_URL": url, "TWIN_STATE_DIR": str(tmp_path)})
    assert (settings.database_url, store_url(settings)) == (url, url)


@pytest.mark.parametrize("inside", [".", "var", "nested/deeper"])
def test_a_state_dir_inside_the_data_dir_is_refused(tmp_path: Path, inside: str) -> None:
    data = tmp_path / "data"
    with pytest.raises(ValueError, match="TWIN_STATE_DIR .* must not be inside the data directory"):
        TwinSettings.from_env({"TWIN_DATA_DIR": str(data), "TWIN_STATE_DIR": str(data / inside)})


def test_a_state_dir_reaching_the_data_dir_through_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "data")
    with pytest.raises(ValueError, match="must not be inside the data directory"):
        TwinSettings.from_env(
            {"TWIN_DATA_DIR": str(tmp_path / "data"), "TWIN_STATE_DIR": str(tmp_path / "link")}
        )


def test_a_state_dir_beside_the_data_dir_is_fine(tmp_path: Path) -> None:
    settings = TwinSettings.from_env(
        {"TWIN_DATA_DIR": str(tmp_path / "data"), "TWIN_STATE_DIR": str(tmp_path / "data-var")}
    )
    assert settings.state_dir == tmp_path / "data-var"


@pytest.mark.parametrize("url", ["mysql://x@y/z", "postgresql://twin@db/twin", "twin.sqlite3"])
def test_other_database_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="TWIN_DATABASE_URL must start with postgresql\\+psycopg://"):
        TwinSettings.from_env({"TWIN_DATABASE_URL": url})
