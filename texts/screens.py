"""Texts of the page on every screen: the drawer buttons of a phone or a portrait tablet and the building
panel's collapse. Part of the one translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

SCREENS_TEXT: dict[str, dict[Lang, str]] = {
    "drawer_bar": {"fr": "Panneaux de la carte", "en": "Map panels"},
    "drawer_layers": {"fr": "Couches", "en": "Layers"},
    "drawer_time": {"fr": "Heure", "en": "Time"},
    "drawer_find": {"fr": "Chercher", "en": "Find"},
    "drawer_scenarios": {"fr": "Scénarios", "en": "Scenarios"},
    "drawer_participation": {"fr": "Participer", "en": "Take part"},
    "drawer_close": {"fr": "Fermer", "en": "Close"},
    "panel_collapse": {"fr": "Réduire", "en": "Collapse"},
    "panel_expand": {"fr": "Déplier", "en": "Expand"},
    "kpi_strip_label": {"fr": "Chiffres clés", "en": "Key figures"},
}
