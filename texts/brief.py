"""The council brief's and the share dialog's texts (GET /brief.pdf, /view.png, the "Partager" button):
part of the one translation table, texts.i18n.TEXT, kept in their own module."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

BRIEF_TEXT: dict[str, dict[Lang, str]] = {
    "share_button": {"fr": "Partager", "en": "Share"},
    "share_title": {"fr": "Partager cette vue", "en": "Share this view"},
    "share_intro": {
        "fr": "Ce lien rouvre exactement ce qui est à l'écran : heure, couches, bâtiment et point de vue.",
        "en": "This link reopens exactly what is on screen: time, layers, building and viewpoint.",
    },
    "share_link_label": {"fr": "Lien de cette vue", "en": "Link to this view"},
    "share_copy": {"fr": "Copier le lien", "en": "Copy the link"},
    "share_copied": {"fr": "Lien copié.", "en": "Link copied."},
    "share_copy_failed": {
        "fr": "Copie impossible ici : sélectionnez le lien et copiez-le.",
        "en": "Cannot copy here: select the link and copy it.",
    },
    "share_qr_alt": {
        "fr": "QR code du lien : scannez-le pour ouvrir cette vue sur votre téléphone",
        "en": "QR code of the link: scan it to open this view on your phone",
    },
    "share_close": {"fr": "Fermer", "en": "Close"},
    "brief_button": {"fr": "Fiche PDF", "en": "PDF brief"},
    "brief_button_title": {
        "fr": "Une page A4 de cette vue pour une réunion : carte, chiffres, légendes et sources",
        "en": "One A4 page of this view for a meeting: map, figures, legends and sources",
    },
    "brief_title": {"fr": "Quartier DMC — fiche de la vue", "en": "DMC district — brief of the view"},
    "brief_title_named": {"fr": "{name} — fiche de la vue", "en": "{name} — brief of the view"},
    "brief_title_unnamed": {"fr": "Fiche de la vue", "en": "Brief of the view"},
    "brief_when": {"fr": "Situation le {date} à {time}", "en": "As of {date} at {time}"},
    "brief_baseline": {"fr": "Le quartier aujourd'hui", "en": "The district today"},
    "brief_scenario": {
        "fr": "Scénario « {name} », version {version}",
        "en": "Scenario “{name}”, version {version}",
    },
    "brief_map_note": {
        "fr": "Vue en plan, nord en haut, au centre et au zoom de la vue partagée.",
        "en": "Plan view, north up, at the shared view's centre and zoom.",
    },
    "brief_legends": {"fr": "Légende", "en": "Legend"},
    "brief_selected": {"fr": "Contour noir : bâtiment choisi", "en": "Black outline: chosen building"},
    "brief_no_layer": {"fr": "Aucune couche affichée.", "en": "No layer shown."},
    "brief_floors": {"fr": "Niveaux du {building}", "en": "Floors of {building}"},
    "brief_more_floors": {"fr": "… et {count} autres niveaux", "en": "… and {count} more floors"},
    "brief_sources": {"fr": "Sources des données", "en": "Data sources"},
    "brief_link": {"fr": "Cette vue en ligne :", "en": "This view online:"},
    "brief_made": {
        "fr": "Fiche produite le {date} par le jumeau numérique",
        "en": "Brief made on {date} by the digital twin",
    },
    "brief_not_drawn": {
        "fr": "Non dessinée sur la carte imprimée : {layers}.",
        "en": "Not drawn on the printed map: {layers}.",
    },
    "error_brief_too_long": {
        "fr": "Adresse trop longue pour une vue (plus de {limit} caractères).",
        "en": "Address too long for a view (over {limit} characters).",
    },
    "error_brief_building": {
        "fr": "Aucun bâtiment ne porte l'identifiant « {value} ».",
        "en": "No building has the id “{value}”.",
    },
}
