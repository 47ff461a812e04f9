"""Download links of a table's dataset: `/export/<dataset>.<csv|geojson|parquet>` with the view's time and
scenario (api/exports.py serves them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from dash import html

from texts.i18n import Lang, t

FORMATS = (("csv", "CSV"), ("geojson", "GeoJSON"), ("parquet", "GeoParquet"))


def export_url(dataset: str, fmt: str, params: Mapping[str, str | None]) -> str:
    """The export's address; parameters without a value are left out. (Stands in for the exports module's
    function of the same name until both are merged.)"""
    query = urlencode([(name, value) for name, value in params.items() if value], safe=":,@")
    return f"/export/{dataset}.{fmt}" + (f"?{query}" if query else "")


def download_links(
    table: str, datasets: tuple[str, ...], params: Mapping[str, str | None], lang: Lang
) -> html.P:
    """'Télécharger : CSV · GeoJSON · GeoParquet' for each dataset, each link named for screen readers."""
    links: list[Any] = [t("grid_download", lang)]
    for dataset in datasets:
        for fmt, label in FORMATS:
            what = t(f"export_{dataset}", lang)
            name: dict[str, Any] = {
                "aria-label": t("grid_download_link", lang, table=f"{table} ({what})", format=label)
            }
            text = label if len(datasets) == 1 else f"{what} · {label}"
            links += [" ", html.A(text, href=export_url(dataset, fmt, params), download="", **name)]
    return html.P(links, className="downloads")
