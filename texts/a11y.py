"""Texts that only assistive technology and keyboard users meet (names of controls, the map's keys): part of
the one translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

A11Y_TEXT: dict[str, dict[Lang, str]] = {
    "a11y_skip_to_map": {"fr": "Aller à la carte", "en": "Skip to the map"},
    "a11y_lang_group": {"fr": "Langue", "en": "Language"},
    "a11y_date_placeholder": {"fr": "Choisir une date", "en": "Choose a date"},
    "a11y_calendar": {"fr": "Calendrier", "en": "Calendar"},
    "a11y_year": {"fr": "Année", "en": "Year"},
    # Dash's own English names for its widgets' buttons, said in the page's language.
    "a11y_previous_month": {"fr": "Mois précédent", "en": "Previous month"},
    "a11y_next_month": {"fr": "Mois suivant", "en": "Next month"},
    "a11y_close_calendar": {"fr": "Fermer le calendrier", "en": "Close calendar"},
    "a11y_clear_date": {"fr": "Effacer la date", "en": "Clear date"},
    "a11y_decrease": {"fr": "Diminuer", "en": "Decrease value"},
    "a11y_increase": {"fr": "Augmenter", "en": "Increase value"},
    "a11y_map_canvas": {"fr": "Carte 3D interactive", "en": "Interactive 3D map"},
    "a11y_map_keys": {
        "fr": "Au clavier : flèches pour déplacer la carte, + et - pour zoomer, Maj + flèches pour tourner "
        "et incliner, Entrée pour ouvrir le bâtiment sous la croix au centre.",
        "en": "Keyboard: arrows move the map, + and - zoom, Shift + arrows turn and tilt, Enter opens the "
        "building under the cross in the centre.",
    },
    "a11y_map_nothing": {
        "fr": "Aucun bâtiment sous la croix : déplacez la carte avec les flèches.",
        "en": "No building under the cross: move the map with the arrow keys.",
    },
}
