"""The exports' texts (GET /export/<dataset>.<format>, api/exports.py): part of the one translation table,
texts.i18n.TEXT, kept in their own module. A refused export says why in one line; the page's messages for
the same values go on with a default ("default date used"), an export does not, hence its own wording."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

EXPORTS_TEXT: dict[str, dict[Lang, str]] = {
    "export_error_dataset": {
        "fr": "Export refusé : jeu de données « {value} » inconnu (possibles : {known}).",
        "en": "Export refused: unknown dataset “{value}” (possible: {known}).",
    },
    "export_error_format": {
        "fr": "Export refusé : format « {value} » inconnu (possibles : {known}).",
        "en": "Export refused: unknown format “{value}” (possible: {known}).",
    },
    "export_error_query": {
        "fr": "Export refusé : adresse illisible (pas de l'UTF-8).",
        "en": "Export refused: unreadable address (not UTF-8).",
    },
    "export_error_lang": {
        "fr": "Export refusé : langue « {value} » inconnue (fr ou en).",
        "en": "Export refused: unknown language “{value}” (fr or en).",
    },
    "export_error_at": {
        "fr": "Export refusé : date « {value} » illisible (format attendu : 2026-11-23T14:00).",
        "en": "Export refused: unreadable date “{value}” (expected format: 2026-11-23T14:00).",
    },
    "export_error_at_range": {
        "fr": "Export refusé : date « {value} » hors de la période des données ({start} – {end}).",
        "en": "Export refused: date “{value}” is outside the data period ({start} – {end}).",
    },
    "export_error_layers": {
        "fr": "Export refusé : couche « {value} » inconnue.",
        "en": "Export refused: unknown layer “{value}”.",
    },
    "export_error_building": {
        "fr": "Export refusé : bâtiment « {value} » illisible.",
        "en": "Export refused: unreadable building “{value}”.",
    },
    "export_error_view": {
        "fr": "Export refusé : vue « {value} » illisible "
        "(attendu : longitude,latitude,zoom,inclinaison,cap).",
        "en": "Export refused: unreadable view “{value}” (expected: longitude,latitude,zoom,pitch,bearing).",
    },
    "export_error_mode": {
        "fr": "Export refusé : mode « {value} » inconnu (mode possible : atelier).",
        "en": "Export refused: unknown mode “{value}” (possible mode: atelier).",
    },
    "export_error_atelier_code": {
        "fr": "Export refusé : code d'atelier « {value} » invalide (lettres minuscules, chiffres, tirets).",
        "en": "Export refused: invalid workshop code “{value}” (lower-case letters, digits, hyphens).",
    },
    "export_error_scenario_id": {
        "fr": "Export refusé : scénario « {value} » inconnu, ou que vous ne pouvez pas voir.",
        "en": "Export refused: scenario “{value}” is unknown, or not yours to see.",
    },
    "export_error_scenario_version": {
        "fr": "Export refusé : version « {value} » inconnue pour ce scénario.",
        "en": "Export refused: version “{value}” is unknown for this scenario.",
    },
    "export_error_version_alone": {
        "fr": "Export refusé : une version (?version=…) se donne avec son scénario (?scenario=…).",
        "en": "Export refused: a version (?version=…) goes with its scenario (?scenario=…).",
    },
    "export_error_scenario_document": {
        "fr": "Export refusé : ce scénario ne peut pas être appliqué ({value}).",
        "en": "Export refused: this scenario cannot be applied ({value}).",
    },
}
