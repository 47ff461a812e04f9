"""The page's structure for assistive technology: table headers scoped, groups of choices named, the map a
named region, the page script's texts in both languages (in the browser: tests/browser/test_a11y.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from dash import dcc, html

from callbacks.accessibility import script_texts
from components import ids
from components.layout import PageData, page_layout
from components.panels import floors_table, sources_table
from components.tables import data_table
from layers.base import TableColumn
from texts.a11y import A11Y_TEXT


def walk(component: Any, parent: Any = None) -> Iterator[tuple[Any, Any]]:
    """Every component under `component`, with its parent."""
    yield component, parent
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child, component)


def headers(table: html.Table) -> list[Any]:
    return [c for c, _ in walk(table) if isinstance(c, html.Th)]


def a_page() -> html.Div:
    view = {"longitude": 7.32, "latitude": 47.75}
    page = PageData(map_config={"layers": [], "sources": {}}, initial_view=view, first_day=date(2026, 11, 1),
                    last_day=date(2026, 11, 30), is_sample=True, basemap_url=None)  # fmt: skip
    return page_layout(page)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_table_header_names_its_column(lang: Any) -> None:
    floor = {"level": 0, "area_m2": 120.0, "status": "vacant", "use": "vacant", "occupant": None}
    source = {"dataset": "buildings", "title": "Bâtiments", "source": "exemple", "date": "2026-11-23",
              "licence": "CC0", "sample": True, "note": "", "rows": 40}  # fmt: skip
    columns = (
        TableColumn("tt_building", "building_id", "building"),
        TableColumn("col_floors", "floors", "int"),
    )
    tables = [
        floors_table([floor], lang),
        sources_table([source], lang),
        data_table("Bâtiments", columns, [{"building_id": "62", "floors": 4}], lang),
    ]
    for table in tables:
        cells = headers(table)
        assert cells and all(cell.scope == "col" for cell in cells)


def test_the_choice_groups_are_named_by_visible_or_hidden_text() -> None:
    found = {c.id: p for c, p in walk(a_page()) if isinstance(c, dcc.Checklist | dcc.RadioItems)}
    language, toggles = found[ids.LANG], found[ids.LAYER_TOGGLES]
    assert language.role == "radiogroup"
    assert language.to_plotly_json()["props"]["aria-labelledby"] == ids.LANG_GROUP_LABEL
    assert (
        toggles.role == "group" and toggles.to_plotly_json()["props"]["aria-labelledby"] == ids.LAYERS_TITLE
    )


def test_the_map_is_a_named_region_with_its_keys_beside_it() -> None:
    components = {getattr(c, "id", None): c for c, _ in walk(a_page())}
    assert components[ids.DECK_CONTAINER].role == "region"
    assert {ids.MAP_KEYS, ids.MAP_KEYS_NOTICE, ids.A11Y_TEXTS, ids.A11Y_STATUS} <= set(components)
    assert components[ids.MAP_KEYS_NOTICE].role == "status"


def test_the_script_texts_exist_in_both_languages() -> None:
    fr, en = script_texts("fr"), script_texts("en")
    assert fr.keys() == en.keys() == {"lang", "labels", "canvas", "nothing", "calendar", "year"}
    assert fr["lang"] == "fr" and en["lang"] == "en"
    assert all(fr[key] != en[key] for key in fr if key != "labels")
    # Dash's own English names, as its bundle writes them, each said in French.
    assert fr["labels"]["Previous month"] == "Mois précédent" and fr["labels"]["Decrease value"] == "Diminuer"
    assert set(en["labels"]) == set(fr["labels"]) and all(k == v for k, v in en["labels"].items())
    assert all(set(entry) == {"fr", "en"} and all(entry.values()) for entry in A11Y_TEXT.values())


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", ("flèches", "+", "Entrée")), ("en", ("arrows", "+", "Enter"))]
)
def test_the_map_keys_help_names_the_keys_the_map_answers(lang: str, words: tuple[str, ...]) -> None:
    help_text = A11Y_TEXT["a11y_map_keys"][lang]  # type: ignore[index]
    assert all(word in help_text for word in words)
