"""The workshop mode's texts (?mode=atelier: a tablet or touch table at a public workshop): part of the one
translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

ATELIER_TEXT: dict[str, dict[Lang, str]] = {
    "atelier_start": {
        "fr": "Touchez un bâtiment pour donner votre avis",
        "en": "Touch a building to give your opinion",
    },
    "atelier_start_detail": {
        "fr": "Un doigt pour déplacer, deux doigts pour zoomer, tourner et incliner.",
        "en": "One finger to move, two fingers to zoom, turn and tilt.",
    },
    "atelier_zoom_in": {"fr": "Zoomer", "en": "Zoom in"},
    "atelier_zoom_out": {"fr": "Dézoomer", "en": "Zoom out"},
    "atelier_compass": {
        "fr": "Boussole : remettre le nord en haut et la carte à plat",
        "en": "Compass: north up and the map flat again",
    },
    "atelier_home": {"fr": "Vue initiale", "en": "Starting view"},
    "atelier_facilitator": {"fr": "Scénario affiché sur les tables", "en": "Scenario shown on the tables"},
    "atelier_facilitator_hint": {
        "fr": "Atelier « {code} » : chaque écran de l'atelier affiche ce choix en quelques secondes.",
        "en": "Workshop “{code}”: every screen of the workshop shows this choice within seconds.",
    },
    "atelier_version_option": {"fr": "{name} — version {version}", "en": "{name} — version {version}"},
    "atelier_set_done": {"fr": "Affiché sur les tables : {choice}.", "en": "Shown on the tables: {choice}."},
    "atelier_shown": {"fr": "Scénario présenté : {choice}", "en": "Scenario shown: {choice}"},
    "error_mode": {
        "fr": "Mode « {value} » inconnu (mode possible : atelier) : affichage ordinaire.",
        "en": "Unknown mode “{value}” (possible mode: atelier): usual display.",
    },
    "error_atelier_code": {
        "fr": "Code d'atelier « {value} » invalide (lettres minuscules, chiffres, tirets) : "
        "atelier « atelier ».",
        "en": "Invalid workshop code “{value}” (lower-case letters, digits, hyphens): workshop “atelier”.",
    },
    "error_atelier_scenario": {
        "fr": "Ce scénario n'est pas publié ou n'existe plus : rien n'a changé sur les tables.",
        "en": "This scenario is not published or no longer exists: nothing changed on the tables.",
    },
}
