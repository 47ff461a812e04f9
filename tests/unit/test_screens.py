"""Every screen: the first camera's target (the buildings inside the study area), the drawers' wiring between
the layout, the stylesheet and the script, and the texts of the drawer and collapse buttons."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from callbacks.page import page_data
from callbacks.screens import screen_texts
from components import ids
from components.layout import page_layout
from components.screens import DRAWERS
from geodata.catalog import open_catalog
from geodata.queries import built_area_bounds
from tests.unit import tinydata

REPO = Path(__file__).resolve().parents[2]
CSS = (REPO / "assets" / "twin.screens.css").read_text()


def _write(data_dir: Path, buildings: gpd.GeoDataFrame) -> Path:
    tinydata.write_tiny_district(data_dir)
    tinydata.write_dataset(data_dir, "buildings", buildings)
    return data_dir


def _with_building(frame: gpd.GeoDataFrame, building_id: str, shape: shapely.Geometry) -> gpd.GeoDataFrame:
    row = frame.iloc[[0]].copy()
    row["building_id"], row["name"], row["geometry"] = building_id, f"Outside {building_id}", shape
    return gpd.GeoDataFrame(pd.concat([frame, row], ignore_index=True), crs=frame.crs)


def test_the_first_view_fills_with_the_buildings_inside_the_study_area(tmp_path: Path) -> None:
    inside = tinydata.buildings()
    # A building beyond the study area (-500..500 m) does not pull the camera out to it.
    frame = _with_building(inside, "FAR", tinydata.box(800, 800, 850, 850))
    catalog = open_catalog(_write(tmp_path / "data", frame))
    expected = shapely.union_all(inside.geometry.to_numpy()).bounds  # A and B only, by hand
    assert built_area_bounds(catalog.cursor()) == pytest.approx(expected, abs=1e-9)
    config = page_data(catalog, None).map_config
    assert config["fit"] == pytest.approx(list(expected), abs=1e-9)


def test_without_a_building_inside_the_first_view_is_the_study_area(tmp_path: Path) -> None:
    data_dir = tinydata.write_tiny_district(tmp_path / "data")
    # A study area between the two buildings (within the margin the data checks allow around it).
    between = tinydata.geo({"name": ["Between"]}, [tinydata.box(60, -10, 90, 30)])
    tinydata.write_dataset(data_dir, "district", between)
    catalog = open_catalog(data_dir)
    assert built_area_bounds(catalog.cursor()) == pytest.approx(between.total_bounds, abs=1e-9)


def _nodes(node: Any) -> list[Any]:
    children = getattr(node, "children", None)
    children = children if isinstance(children, list) else [children] if children is not None else []
    return [node, *(n for child in children for n in _nodes(child))]


@pytest.fixture(scope="module")
def layer_panel(tiny_catalog: Any) -> Any:
    layout = page_layout(page_data(tiny_catalog, None))
    return next(node for node in _nodes(layout) if getattr(node, "id", None) == ids.LAYER_PANEL)


def _matches(section: Any, selector: str) -> bool:
    """The stylesheet's two kinds of section selector: `.class` and `.panel-section:has(> #heading-id)`."""
    has = re.fullmatch(r"\.panel-section:has\(> #([\w-]+)\)", selector)
    if has:
        return any(getattr(child, "id", None) == has.group(1) for child in section.children)
    return selector.lstrip(".") in (getattr(section, "className", "") or "").split()


def test_every_drawer_button_opens_one_section_of_the_side_panel(layer_panel: Any) -> None:
    rules = dict(re.findall(r'\[data-drawer="(\w+)"\] \.layer-panel > ([^,{]+?)\s*[,{]', CSS))
    assert set(rules) == set(DRAWERS)
    sections = [child for child in layer_panel.children if type(child).__name__ == "Section"]
    for drawer, selector in rules.items():
        shown = [section for section in sections if _matches(section, selector)]
        assert len(shown) == 1, (drawer, selector)


def test_drawer_and_collapse_buttons_are_named_in_both_languages() -> None:
    french, english = screen_texts("fr"), screen_texts("en")
    assert french[: len(DRAWERS)] == ("Couches", "Heure", "Chercher", "Scénarios", "Participer")
    assert english[: len(DRAWERS)] == ("Layers", "Time", "Find", "Scenarios", "Take part")
    collapse = [[span.children for span in texts[-2]] for texts in (french, english)]
    assert collapse == [["Réduire", "Déplier"], ["Collapse", "Expand"]]
