"""The brief's one A4 landscape page as HTML for WeasyPrint: title and time, the KPI strip (the page's own
figures, components/kpis.py), the map picture, the visible layers' legends, the chosen building's floors,
every dataset's source, date and licence, the sample notice when it applies, and the link back to the view
with its QR code. Every text from data or users is escaped: it is data, never markup."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any

import duckdb
import pyarrow.compute as pc
import segno

from api.brief_map import Scene
from components.kpis import KpiFigure, kpi_figures, scenario_floor_area
from components.titles import district_title
from geodata.catalog import Catalog
from geodata.indicators import scenario_floors
from geodata.queries import building, floor_area_kpis, floors_of_building, legend_facts
from layers import scenario as scenario_layer
from layers.base import Legend
from layers.registry import TOGGLEABLE
from texts.formats import building_title, format_area, format_date, level_label
from texts.i18n import Lang, data_value, dataset_title, t

MAX_FLOORS = 8  # rows of the chosen building's floors that fit beside the map
VOID = ("img", "meta", "br")
DRAWN_KEYS = ("occupancy", "bookings", "biodiversity", "parking")  # what brief_map.py draws

STYLE = """
@page { size: A4 landscape; margin: 9mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 7.6pt; color: #1f2328; margin: 0; }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 8.6pt; margin: 0 0 1.2mm; }
.top { display: flex; justify-content: space-between; align-items: flex-end; margin-bottom: 2mm; }
.when { font-size: 9pt; margin-top: 0.8mm; }
.notice { border: 0.3mm solid #b35c00; background: #fff4e5; padding: 1mm 2mm; max-width: 95mm; }
.kpis { display: flex; gap: 2mm; margin-bottom: 2mm; }
.kpi { flex: 1; border: 0.3mm solid #c9c3b8; border-radius: 1mm; padding: 1.2mm 2mm; }
.kpi-label { font-size: 7pt; color: #4b4f55; }
.kpi-value { font-size: 12pt; font-weight: bold; }
.kpi-detail { font-size: 6.8pt; color: #4b4f55; }
.middle { display: flex; gap: 4mm; height: 112mm; overflow: hidden; }
.map { width: 190mm; }
.map img { width: 190mm; height: 106.9mm; border: 0.3mm solid #c9c3b8; }
.bottom { display: flex; gap: 4mm; margin-top: 1mm; }
.note { font-size: 6.6pt; color: #4b4f55; }
.side { flex: 1; }
.legend { margin-bottom: 1.4mm; }
.legend h2 { font-size: 7.6pt; margin: 0; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: inline-block; margin: 0.3mm 2.4mm 0.3mm 0; }
.swatch { display: inline-block; width: 3mm; height: 3mm; vertical-align: -0.5mm; margin-right: 1.2mm;
          border: 0.2mm solid #555; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.5mm 1mm; border-bottom: 0.2mm solid #ddd; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.sources { flex: 1; font-size: 6.4pt; }
.link { width: 78mm; display: flex; gap: 2mm; align-items: flex-start; word-break: break-all; }
.link img { width: 20mm; height: 20mm; }
"""


def _el(tag: str, content: str, css: str = "", **attrs: str) -> str:
    """An element around `content` (already markup); class and attributes escaped."""
    attributes = {"class": css, **attrs} if css else attrs
    extra = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    return f"<{tag}{extra}>" if tag in VOID else f"<{tag}{extra}>{content}</{tag}>"


def _text(tag: str, text: str, css: str = "") -> str:
    """An element around a text (escaped: text from data or users is never markup)."""
    return _el(tag, escape(text), css)


def _kpis(figures: Sequence[KpiFigure]) -> str:
    cells = (
        _el("div", _text("div", f.label, "kpi-label") + _text("div", f.value, "kpi-value")
            + _text("div", f.detail, "kpi-detail"), "kpi", id=f"kpi-{f.kpi_id}")
        for f in figures
    )  # fmt: skip
    return _el("div", "".join(cells), "kpis")


def _swatch(rgba: Sequence[int]) -> str:
    r, g, b, a = rgba
    return f'<span class="swatch" style="background: rgba({r},{g},{b},{a / 255:.2f})"></span>'


def _legend(legend: Legend) -> str:
    items = "".join(_el("li", _swatch(item.color) + escape(item.label)) for item in legend.items)
    return _el("div", _text("h2", legend.title) + _el("ul", items), "legend")


def legends_of(scene: Scene, facts: frozenset[str]) -> list[Legend]:
    """The visible layers' legends, in the panel's order, and the scenario's when one is shown."""
    shown = [layer.legend(scene.lang).for_data(facts) for layer in TOGGLEABLE
             if layer.key in scene.layers and layer.legend]  # fmt: skip
    return shown + ([scenario_layer.legend(scene.lang)] if scene.document is not None else [])


def _legends(con: duckdb.DuckDBPyConnection, scene: Scene) -> str:
    lang = scene.lang
    shown = legends_of(scene, legend_facts(con))
    blocks = [_legend(legend) for legend in shown] or [_text("p", t("brief_no_layer", lang))]
    hidden = [t(layer.label_key, lang) for layer in TOGGLEABLE
              if layer.key in scene.layers and layer.key not in DRAWN_KEYS]  # fmt: skip
    if hidden:
        blocks.append(_text("p", t("brief_not_drawn", lang, layers=", ".join(hidden)), "note"))
    if scene.building is not None:
        blocks.append(_text("p", t("brief_selected", lang), "note"))
    return _text("h2", t("brief_legends", lang)) + "".join(blocks)


def floor_rows(con: duckdb.DuckDBPyConnection, scene: Scene) -> list[dict[str, Any]]:
    """The chosen building's floors, the scenario's when one is shown (as the building panel lists them)."""
    assert scene.building is not None
    if scene.document is None:
        return list(floors_of_building(con, scene.building).to_pylist())
    table = scenario_floors(con, scene.document)
    return list(table.filter(pc.equal(table.column("building_id"), scene.building)).to_pylist())


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: int | None = None) -> str:
    """A table of texts; column `numeric` is right-aligned."""
    head = _el("tr", "".join(_el("th", escape(h), scope="col") for h in headers))
    body = "".join(
        _el("tr", "".join(_text("td", cell, "num" if i == numeric else "") for i, cell in enumerate(row)))
        for row in rows
    )
    return _el("table", head + body)


def _floors(con: duckdb.DuckDBPyConnection, scene: Scene) -> str:
    if scene.building is None:
        return ""
    lang, rows = scene.lang, floor_rows(con, scene)
    names = building(con, scene.building).column("name").to_pylist()
    title = building_title(scene.building, names[0] if names else None, lang)
    headers = [t(k, lang) for k in ("col_level", "col_area", "col_status", "col_use")]
    cells = [
        (level_label(r["level"], lang), format_area(r["area_m2"], lang),
         t(f"value_{r['status'] or 'unknown'}", lang),  # NULL: the data does not say ("non renseigné")
         data_value(r["use"], lang) if r["use"] else "—")
        for r in rows[:MAX_FLOORS]
    ]  # fmt: skip
    more = len(rows) - MAX_FLOORS
    tail = _text("p", t("brief_more_floors", lang, count=more), "note") if more > 0 else ""
    return (
        _text("h2", t("brief_floors", lang, building=title), "floors-title")
        + _table(headers, cells, 1)
        + tail
    )


def _sources(catalog: Catalog, lang: Lang) -> str:
    """Every dataset by name, those of one source, date and licence on one row (a sample's ten datasets
    share one generator: one row instead of ten, so the page stays one page)."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for name, p in sorted(catalog.provenance.items()):
        title = dataset_title(name, p.title, lang)
        groups.setdefault((p.source, p.date, p.licence), []).append(title)
    headers = [t(k, lang) for k in ("col_dataset", "col_source", "col_date", "col_licence")]
    rows = [(", ".join(titles), source, format_date(day, lang), licence)
            for (source, day, licence), titles in groups.items()]  # fmt: skip
    return _el("div", _text("h2", t("brief_sources", lang)) + _table(headers, rows), "sources")


def qr_svg(url: str, scale: int = 4) -> bytes:
    """The link as a QR code, a standalone SVG (made here: no third party sees the link)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False)
    return out.getvalue()


def qr_data_uri(url: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url)).decode()


def _link(url: str, lang: Lang, made: datetime) -> str:
    when = t("brief_made", lang, date=f"{made:%d/%m/%Y %H:%M}")
    words = _text("strong", t("brief_link", lang)) + "<br>" + _el("a", escape(url), href=url)
    code = _el("img", "", src=qr_data_uri(url), alt="")
    return _el("div", code + _el("div", words + _text("p", when, "note")), "link")


def _subtitle(scene: Scene, scenario: tuple[str, int] | None) -> str:
    lang = scene.lang
    when = t("brief_when", lang, date=f"{scene.at:%d/%m/%Y}", time=f"{scene.at:%H:%M}")
    what = (
        t("brief_scenario", lang, name=scene.document.name, version=scenario[1])
        if scene.document is not None and scenario is not None
        else t("brief_baseline", lang)
    )
    return f"{what} · {when}"


def kpis_of(con: duckdb.DuckDBPyConnection, scene: Scene) -> list[KpiFigure]:
    """The page's KPI strip for this time and scenario (the scenario's areas beside today's)."""
    if scene.document is None:
        return kpi_figures(con, scene.at, scene.lang)
    area = scenario_floor_area(con, scene.document)
    return kpi_figures(con, scene.at, scene.lang, area, floor_area_kpis(con))


def brief_html(catalog: Catalog, scene: Scene, scenario: tuple[str, int] | None, picture_png: bytes,
               url: str, made: datetime) -> str:  # fmt: skip
    con, lang = catalog.cursor(), scene.lang
    picture = "data:image/png;base64," + base64.b64encode(picture_png).decode()
    notice = _text("div", t("sample_notice", lang), "notice") if catalog.is_sample else ""
    name = district_title(con, lang, "brief_title")
    title = _text("h1", name) + _text("div", _subtitle(scene, scenario), "when")
    figure = _el("img", "", src=picture, alt="") + _text("div", t("brief_map_note", lang), "note")
    side = _legends(con, scene) + _floors(con, scene)
    head = _el("head", '<meta charset="utf-8">' + _text("title", name) + _el("style", STYLE))
    body = _el("body", "".join([
        _el("div", _el("div", title) + notice, "top"),
        _kpis(kpis_of(con, scene)),
        _el("div", _el("div", figure, "map") + _el("div", side, "side"), "middle"),
        _el("div", _sources(catalog, lang) + _link(url, lang, made), "bottom"),
    ]))  # fmt: skip
    return "<!doctype html>" + _el("html", head + body, lang=lang)
