"""The planner's screens' texts (scenarios, accounts, indicators): part of the one translation table,
texts.i18n.TEXT, kept in their own module so the table stays readable."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

PLANNER_TEXT: dict[str, dict[Lang, str]] = {
    # Account
    "account_sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "account_sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "account_name": {"fr": "Identifiant", "en": "User name"},
    "account_password": {"fr": "Mot de passe", "en": "Password"},
    "account_signed_in": {"fr": "Connecté·e : {name} ({role})", "en": "Signed in: {name} ({role})"},
    "account_for_planners": {"fr": "Espace urbanistes", "en": "Planners' area"},
    "role_planner": {"fr": "urbaniste", "en": "planner"},
    "role_moderator": {"fr": "modération", "en": "moderator"},
    "role_admin": {"fr": "administration", "en": "administrator"},
    # Scenario choice and editing
    "scenarios_title": {"fr": "Scénarios", "en": "Scenarios"},
    "scenario_label": {"fr": "Scénario affiché", "en": "Scenario shown"},
    "scenario_baseline": {"fr": "Situation actuelle (référence)", "en": "Current situation (baseline)"},
    "scenario_option": {"fr": "{name} — v{version} ({status})", "en": "{name} — v{version} ({status})"},
    "status_draft": {"fr": "brouillon", "en": "draft"},
    "status_published": {"fr": "publié", "en": "published"},
    "scenario_new_name": {"fr": "Nom du nouveau scénario", "en": "New scenario's name"},
    "scenario_create": {"fr": "Créer le scénario", "en": "Create the scenario"},
    "scenario_unsaved": {
        "fr": "{count} modification(s) non enregistrée(s) sur la version {version}",
        "en": "{count} unsaved change(s) on version {version}",
    },
    "scenario_saved": {"fr": "Version {version} — à jour", "en": "Version {version} — up to date"},
    "scenario_undo": {"fr": "Annuler la dernière modification", "en": "Undo the last change"},
    "scenario_message": {"fr": "Message de la version", "en": "Version message"},
    "scenario_save": {"fr": "Enregistrer une version", "en": "Save a version"},
    "scenario_publish": {"fr": "Publier", "en": "Publish"},
    "scenario_compare": {"fr": "Comparer avec la référence", "en": "Compare with the baseline"},
    "scenario_compare_previous": {
        "fr": "Comparer avec la version précédente",
        "en": "Compare with the previous version",
    },
    "scenario_export": {"fr": "Exporter (JSON)", "en": "Export (JSON)"},
    "scenario_indicators_csv": {"fr": "Indicateurs (CSV)", "en": "Indicators (CSV)"},
    "scenario_read_only": {
        "fr": "Lecture seule : connectez-vous comme urbaniste pour modifier.",
        "en": "Read only: sign in as a planner to edit.",
    },
    "edit_title": {
        "fr": "Modifier ce bâtiment dans le scénario",
        "en": "Change this building in the scenario",
    },
    "edit_levels": {"fr": "Niveaux", "en": "Levels"},
    "edit_use": {"fr": "Nouvel usage", "en": "New use"},
    "edit_status": {"fr": "Occupation", "en": "Occupancy"},
    "edit_keep": {"fr": "inchangé", "en": "unchanged"},
    "edit_phase": {"fr": "Année de réalisation (facultatif)", "en": "Year it happens (optional)"},
    "edit_apply": {"fr": "Appliquer aux niveaux cochés", "en": "Apply to the ticked levels"},
    "edit_demolish": {"fr": "Démolir le bâtiment", "en": "Demolish the building"},
    "edit_protected_warning": {
        "fr": "Attention : bâtiment protégé au PLU.",
        "en": "Warning: building protected in the local plan.",
    },
    "done_created": {"fr": "Scénario « {name} » créé.", "en": "Scenario “{name}” created."},
    "done_saved": {"fr": "Version {version} enregistrée.", "en": "Version {version} saved."},
    "done_published": {"fr": "Scénario publié.", "en": "Scenario published."},
    "error_stale": {
        "fr": "Ce scénario a été enregistré entre-temps (version {version}) : rechargez-le avant "
        "d'enregistrer vos modifications.",
        "en": "This scenario was saved meanwhile (version {version}): reload it before saving your changes.",
    },
    "error_not_allowed": {
        "fr": "Action refusée : vous n'avez pas les droits nécessaires.",
        "en": "Not allowed: you do not have the rights for this.",
    },
    "error_change": {"fr": "Modification refusée : {reason}", "en": "Change refused: {reason}"},
    "error_name": {
        "fr": "Donnez un nom au scénario (1 à 120 caractères).",
        "en": "Name the scenario (1 to 120 characters).",
    },
    "error_sign_in": {"fr": "Identifiant ou mot de passe incorrect.", "en": "Wrong user name or password."},
    "error_sign_in_failed": {"fr": "La connexion a échoué.", "en": "Signing in failed."},
    "error_sign_in_later": {
        "fr": "Trop d'essais : réessayez dans quelques minutes.",
        "en": "Too many attempts: try again in a few minutes.",
    },
    "kpi_share_vs_today": {"fr": "{share} (aujourd'hui : {today})", "en": "{share} (today: {today})"},
    "history_title": {"fr": "Historique des versions", "en": "Version history"},
    "history_open": {"fr": "ouvrir", "en": "open"},
    "history_restore": {"fr": "Restaurer cette version", "en": "Restore this version"},
    "history_restore_label": {
        "fr": "Revenir à une version antérieure",
        "en": "Go back to an earlier version",
    },
    "done_restored": {
        "fr": "Version {version} restaurée : elle devient la version {new}.",
        "en": "Version {version} restored as version {new}.",
    },
    "scenario_import": {"fr": "… ou importer un fichier JSON", "en": "… or import a JSON file"},
    "import_message": {"fr": "importé d'un fichier", "en": "imported from a file"},
    "done_imported": {"fr": "Scénario « {name} » importé.", "en": "Scenario “{name}” imported."},
    "error_import_json": {
        "fr": "Ce fichier n'est pas un scénario au format JSON (voir docs/scenario.schema.json).",
        "en": "This file is not a JSON scenario (see docs/scenario.schema.json).",
    },
    # The scenario's summary (texts/summary.py)
    "summary_convert": {
        "fr": "convertit {floors} du bâtiment {building} ({area}) en {use}",
        "en": "converts {floors} of building {building} ({area}) to {use}",
    },
    "summary_status": {
        "fr": "change l'occupation de {floors} du bâtiment {building} ({area})",
        "en": "changes the occupancy of {floors} of building {building} ({area})",
    },
    "summary_demolish": {
        "fr": "démolit le bâtiment {building} ({area})",
        "en": "demolishes building {building} ({area})",
    },
    "summary_new": {
        "fr": "construit « {building} » ({floors}, {area})",
        "en": "builds “{building}” ({floors}, {area})",
    },
    "summary_opening": {"fr": "Le scénario « {name} » ", "en": "The scenario “{name}” "},
    "summary_nothing": {
        "fr": "Le scénario « {name} » ne change encore rien à la situation actuelle.",
        "en": "The scenario “{name}” does not change the current situation yet.",
    },
    "summary_moves": {"fr": "{label} : de {before} à {after}", "en": "{label}: from {before} to {after}"},
    "summary_and": {"fr": " et ", "en": " and "},
    "summary_level_one": {"fr": "1 niveau", "en": "1 level"},
    "summary_level_many": {"fr": "{count} niveaux", "en": "{count} levels"},
    # Indicators
    "indicators_title": {"fr": "Indicateurs", "en": "Indicators"},
    "col_indicator": {"fr": "Indicateur", "en": "Indicator"},
    "col_baseline": {"fr": "Référence", "en": "Baseline"},
    "col_scenario": {"fr": "Scénario", "en": "Scenario"},
    "col_delta": {"fr": "Écart", "en": "Change"},
    "indicator_floor_area_m2": {"fr": "Surface de plancher", "en": "Floor area"},
    "indicator_occupied_m2": {"fr": "Surface occupée", "en": "Occupied floor area"},
    "indicator_vacant_m2": {"fr": "Surface vacante", "en": "Vacant floor area"},
    "indicator_occupied_share": {"fr": "Part occupée", "en": "Occupied share"},
    "indicator_dwellings": {"fr": "Logements", "en": "Dwellings"},
    "indicator_residents": {"fr": "Habitants", "en": "Residents"},
    "indicator_jobs": {"fr": "Emplois", "en": "Jobs"},
    "indicator_pupils": {"fr": "Élèves", "en": "Pupils"},
    "indicator_parking_demand": {"fr": "Besoin de stationnement (places)", "en": "Parking demand (spaces)"},
    "indicator_parking_supply": {"fr": "Places de stationnement", "en": "Parking spaces"},
    "indicator_green_m2": {"fr": "Sol désimperméabilisé", "en": "De-sealed green ground"},
    "indicator_energy_mwh": {"fr": "Énergie estimée (MWh/an)", "en": "Estimated energy (MWh/yr)"},
    "indicator_protected_touched": {"fr": "Bâtiments protégés touchés", "en": "Protected buildings touched"},
    "ratios_title": {"fr": "Ratios utilisés", "en": "Ratios used"},
    "ratio_overridden": {"fr": "modifié par le scénario", "en": "set by the scenario"},
    "col_ratio": {"fr": "Ratio", "en": "Ratio"},
    "col_value": {"fr": "Valeur", "en": "Value"},
}
