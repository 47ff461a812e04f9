"""Documentation checked by tests: every setting and every dataset is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from geodata.settings import TwinSettings

REPO = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for setting in dataclasses.fields(TwinSettings):
        assert f"TWIN_{setting.name.upper()}" in readme, setting.name


def test_every_decision_record_is_linked_from_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for record in (REPO / "docs" / "adr").glob("*.md"):
        assert f"docs/adr/{record.name}" in readme, record.name


def test_vendored_deck_gl_ships_with_its_licences() -> None:
    assert list((REPO / "assets").glob("00-deck.gl-*.min.js"))
    assert (REPO / "assets" / "vendor" / "LICENSE-deck.gl.txt").read_text().startswith("Copyright")
    # Layer data must never meet an expression evaluator: the @deck.gl/json converter is not shipped at all.
    assert not list((REPO / "assets").glob("*json*.js"))
