"""Download links of a table's datasets: `/export/<dataset>.<csv|geojson|parquet>` with the view's time,
scenario and language (api/exports.py serves them, components/export_links.py writes their address)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

from components.export_links import export_url
from texts.i18n import Lang, t

FORMATS = (("csv", "CSV"), ("geojson", "GeoJSON"), ("parquet", "GeoParquet"))


def download_links(
    table: str, datasets: tuple[str, ...], params: Mapping[str, str | None], lang: Lang
) -> html.P:
    """'Télécharger : CSV · GeoJSON · GeoParquet' for each dataset, each link described for screen readers."""
    links: list[Any] = [t("grid_download", lang)]
    for dataset in datasets:
        for fmt, label in FORMATS:
            what = t(f"export_{dataset}", lang)
            # The sentence describes the link; its name stays its visible words (WCAG 2.5.3, label in name).
            name: dict[str, Any] = {
                "title": t("grid_download_link", lang, table=f"{table} ({what})", format=label)
            }
            text = label if len(datasets) == 1 else f"{what} · {label}"
            links += [" ", html.A(text, href=export_url(dataset, fmt, params), download="", **name)]
    return html.P(links, className="downloads")
