"""The one translation table of the UI (French first, English second)."""

from __future__ import annotations

from typing import Literal

from texts.a11y import A11Y_TEXT
from texts.atelier import ATELIER_TEXT
from texts.brief import BRIEF_TEXT
from texts.contributions_public import CONTRIBUTIONS_PUBLIC_TEXT
from texts.exports import EXPORTS_TEXT
from texts.grid import GRID_TEXT
from texts.ingest import INGEST_TEXT
from texts.occupancy import OCCUPANCY_TEXT
from texts.participation import PARTICIPATION_TEXT
from texts.planner import PLANNER_TEXT
from texts.screens import SCREENS_TEXT

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


TEXT: dict[str, dict[Lang, str]] = {
    **PLANNER_TEXT,
    **ATELIER_TEXT,
    **PARTICIPATION_TEXT,
    **CONTRIBUTIONS_PUBLIC_TEXT,
    **A11Y_TEXT,
    **BRIEF_TEXT,
    **SCREENS_TEXT,
    **GRID_TEXT,
    **EXPORTS_TEXT,
    **INGEST_TEXT,
    **OCCUPANCY_TEXT,
    "app_title": {"fr": "Quartier DMC — jumeau numérique", "en": "DMC district — digital twin"},
    "app_title_named": {"fr": "{name} — jumeau numérique", "en": "{name} — digital twin"},
    "app_title_unnamed": {"fr": "Jumeau numérique", "en": "Digital twin"},
    "app_subtitle": {
        "fr": "Mulhouse · anciennes filatures Dollfus-Mieg et Compagnie",
        "en": "Mulhouse · former Dollfus-Mieg et Compagnie textile mills",
    },
    "sample_notice": {
        "fr": "Données d'exemple : géométries et chiffres illustratifs, "
        "cohérents avec les faits publics du site.",
        "en": "Sample data: illustrative geometry and figures, consistent with the site's public facts.",
    },
    "layers_title": {"fr": "Couches", "en": "Layers"},
    "layer_occupancy": {"fr": "Surfaces occupées / vacantes", "en": "Occupied vs vacant floor area"},
    "layer_bookings": {"fr": "Espaces réservés", "en": "Booked spaces"},
    "layer_biodiversity": {"fr": "Parcelles de biodiversité", "en": "Biodiversity plots"},
    "layer_parking": {"fr": "Stationnement disponible", "en": "Parking availability"},
    "layer_buildings": {"fr": "Bâtiments (étages)", "en": "Buildings (floors)"},
    "layer_scenario": {"fr": "Changements du scénario", "en": "Scenario changes"},
    "legend_change_use": {"fr": "Niveau modifié (usage)", "en": "Floor changed (use)"},
    "legend_change_status": {"fr": "Niveau modifié (occupation)", "en": "Floor changed (occupancy)"},
    "legend_change_new": {"fr": "Nouveau bâtiment", "en": "New building"},
    "legend_change_demolished": {"fr": "Bâtiment démoli", "en": "Demolished building"},
    "layer_district": {"fr": "Périmètre du quartier", "en": "District boundary"},
    "time_title": {"fr": "Date et heure", "en": "Date and time"},
    "time_hint": {
        "fr": "Pilote les espaces réservés et le stationnement.",
        "en": "Drives booked spaces and parking.",
    },
    "hour_label": {"fr": "Heure", "en": "Hour"},
    "kpi_total": {"fr": "Surface de plancher", "en": "Total floor area"},
    "kpi_occupied": {"fr": "Occupée", "en": "Occupied"},
    "kpi_vacant": {"fr": "Vacante", "en": "Vacant"},
    "kpi_booked": {"fr": "Espaces réservés", "en": "Spaces booked"},
    "kpi_parking": {"fr": "Places libres", "en": "Free parking spaces"},
    "kpi_at": {"fr": "le {date} à {time}", "en": "on {date} at {time}"},
    "kpi_of_capacity": {"fr": "sur {capacity}", "en": "of {capacity}"},
    "legend_occupied": {"fr": "Occupé", "en": "Occupied"},
    "legend_vacant": {"fr": "Vacant", "en": "Vacant"},
    "legend_booked": {"fr": "Réservé à l'heure choisie", "en": "Booked at the chosen time"},
    "legend_richness_low": {"fr": "1 à 3 espèces", "en": "1–3 species"},
    "legend_richness_mid": {"fr": "4 à 7 espèces", "en": "4–7 species"},
    "legend_richness_high": {"fr": "8 espèces et plus", "en": "8 species or more"},
    "legend_parking_full": {"fr": "Moins de 10 % libres", "en": "Under 10 % free"},
    "legend_parking_some": {"fr": "10 à 40 % libres", "en": "10–40 % free"},
    "legend_parking_many": {"fr": "Plus de 40 % libres", "en": "Over 40 % free"},
    "legend_source": {"fr": "Source : {kind}, {date}", "en": "Source: {kind}, {date}"},
    "legend_no_data": {"fr": "Pas de relevé", "en": "No reading"},
    "tt_building": {"fr": "Bâtiment", "en": "Building"},
    "tt_level": {"fr": "Niveau", "en": "Level"},
    "tt_area": {"fr": "Surface", "en": "Area"},
    "tt_status": {"fr": "Statut", "en": "Status"},
    "tt_use": {"fr": "Usage", "en": "Use"},
    "tt_occupant": {"fr": "Occupant", "en": "Occupant"},
    "tt_change": {"fr": "Changement", "en": "Change"},
    "tt_use_before": {"fr": "Usage actuel", "en": "Use today"},
    "tt_use_after": {"fr": "Usage prévu", "en": "Planned use"},
    "tt_kind": {"fr": "Type", "en": "Type"},
    "tt_slot": {"fr": "Créneau", "en": "Time slot"},
    "tt_habitat": {"fr": "Milieu", "en": "Habitat"},
    "tt_species": {"fr": "Espèces observées", "en": "Species observed"},
    "tt_observations": {"fr": "Observations", "en": "Observations"},
    "tt_last_observed": {"fr": "Dernière observation", "en": "Last observed"},
    "tt_free": {"fr": "Places libres", "en": "Free spaces"},
    "tt_capacity": {"fr": "Capacité", "en": "Capacity"},
    "tt_occupied_share": {"fr": "Part occupée", "en": "Share occupied"},
    "tt_free_share": {"fr": "Part libre", "en": "Share free"},
    "tt_observed_at": {"fr": "Relevé à", "en": "Reading at"},
    "tt_ground": {"fr": "rez-de-chaussée", "en": "ground floor"},
    "tt_floor": {"fr": "étage", "en": "floor"},
    "tt_period": {"fr": "Construction", "en": "Built"},
    "value_occupied": {"fr": "occupé", "en": "occupied"},
    "value_vacant": {"fr": "vacant", "en": "vacant"},
    "value_room": {"fr": "salle", "en": "room"},
    "value_studio": {"fr": "atelier", "en": "studio"},
    "value_machine": {"fr": "machine textile partagée", "en": "shared textile machine"},
    "value_booked": {"fr": "réservé", "en": "booked"},
    "value_change_use": {"fr": "usage modifié", "en": "use changed"},
    "value_change_status": {"fr": "occupation modifiée", "en": "occupancy changed"},
    "value_change_new": {"fr": "nouveau bâtiment", "en": "new building"},
    "value_change_demolished": {"fr": "démoli", "en": "demolished"},
    "value_true": {"fr": "oui", "en": "yes"},
    "value_false": {"fr": "non", "en": "no"},
    "panel_hint": {
        "fr": "Cliquez sur un bâtiment pour afficher ses étages.",
        "en": "Click a building to list its floors.",
    },
    "panel_title": {"fr": "Bâtiment {building_id} — {name}", "en": "Building {building_id} — {name}"},
    "label_parking_free": {"fr": "P · {free} libres", "en": "P · {free} free"},
    "panel_title_plain": {"fr": "Bâtiment {building_id}", "en": "Building {building_id}"},
    "panel_protected": {"fr": "Protégé au PLU", "en": "Protected in the local plan"},
    "panel_close": {"fr": "Fermer", "en": "Close"},
    "panel_unknown": {"fr": "Bâtiment inconnu : {building_id}", "en": "Unknown building: {building_id}"},
    "col_level": {"fr": "Niveau", "en": "Level"},
    "col_area": {"fr": "Surface", "en": "Area"},
    "col_status": {"fr": "Statut", "en": "Status"},
    "col_use": {"fr": "Usage", "en": "Use"},
    "col_occupant": {"fr": "Occupant", "en": "Occupant"},
    "tables_title": {"fr": "Les données de la carte en tableaux", "en": "The map's data as tables"},
    "col_floors": {"fr": "Étages", "en": "Floors"},
    "col_space": {"fr": "Espace", "en": "Space"},
    "col_plot": {"fr": "Parcelle", "en": "Plot"},
    "col_lot": {"fr": "Parking", "en": "Car park"},
    "sources_title": {"fr": "Sources des données", "en": "Data sources"},
    "col_dataset": {"fr": "Jeu de données", "en": "Dataset"},
    "col_source": {"fr": "Source", "en": "Source"},
    "col_date": {"fr": "Date", "en": "Date"},
    "col_licence": {"fr": "Licence", "en": "Licence"},
    "col_rows": {"fr": "Lignes", "en": "Rows"},
    "label_sample": {"fr": "exemple", "en": "sample"},
    "label_real": {"fr": "réel", "en": "real"},
    "language_label": {"fr": "Langue", "en": "Language"},
    "error_lang": {
        "fr": "Langue « {value} » inconnue : affichage en français.",
        "en": "Unknown language “{value}”: showing French.",
    },
    "error_at": {
        "fr": "Date « {value} » illisible (format attendu : 2026-11-23T14:00) : date par défaut utilisée.",
        "en": "Unreadable date “{value}” (expected format: 2026-11-23T14:00): default date used.",
    },
    "error_at_range": {
        "fr": "Date « {value} » hors de la période des données ({start} – {end}) : date par défaut utilisée.",
        "en": "Date “{value}” is outside the data period ({start} – {end}): default date used.",
    },
    "error_layers": {
        "fr": "Couche « {value} » inconnue : couches par défaut affichées.",
        "en": "Unknown layer “{value}”: default layers shown.",
    },
    "error_building": {
        "fr": "Bâtiment « {value} » illisible : aucun bâtiment ouvert.",
        "en": "Unreadable building “{value}”: no building opened.",
    },
    "error_view": {
        "fr": "Vue « {value} » illisible (attendu : longitude,latitude,zoom,inclinaison,cap) : vue initiale.",
        "en": "Unreadable view “{value}” (expected: longitude,latitude,zoom,pitch,bearing): default view.",
    },
    "error_compare_scenario": {
        "fr": "Comparaison impossible : indiquez le scénario à comparer (?scenario=…).",
        "en": "Cannot compare: say which scenario to compare (?scenario=…).",
    },
    "error_scenario_id": {
        "fr": "Scénario « {value} » inconnu ou non publié : comparaison non affichée.",
        "en": "Scenario “{value}” is unknown or not published: no comparison shown.",
    },
    "error_scenario_version": {
        "fr": "Version « {value} » inconnue pour ce scénario : comparaison non affichée.",
        "en": "Version “{value}” is unknown for this scenario: no comparison shown.",
    },
    "error_scenario_document": {
        "fr": "Ce scénario ne peut pas être dessiné ({value}) : comparaison non affichée.",
        "en": "This scenario cannot be drawn ({value}): no comparison shown.",
    },
    "compare_baseline": {"fr": "Situation actuelle", "en": "Today"},
    "compare_scenario": {
        "fr": "Scénario « {name} » · version {version}",
        "en": "Scenario “{name}” · version {version}",
    },
    "compare_tables_title": {
        "fr": "Les niveaux modifiés par le scénario, en tableau",
        "en": "The floors the scenario changes, as a table",
    },
    "note_at_rounded": {
        "fr": "Heure « {value} » arrondie à l'heure pleine : les données sont horaires.",
        "en": "Time “{value}” rounded down to the hour: the data is hourly.",
    },
    "map_label": {
        "fr": "Carte 3D du quartier DMC : chaque étage est une dalle ; faites glisser pour tourner.",
        "en": "3D map of the DMC district: each floor is a slab; drag to rotate.",
    },
}

# Dataset names as shown in the sources panel; a dataset not listed here shows its provenance title.
DATASET_TITLES: dict[str, dict[Lang, str]] = {
    "district": {"fr": "Périmètre du quartier DMC (~75 ha)", "en": "DMC district study area (~75 ha)"},
    "context_commune": {
        "fr": "Limite communale de Mulhouse (INSEE 68224)",
        "en": "Mulhouse commune boundary",
    },
    "buildings": {
        "fr": "Bâtiments (emprises, hauteurs, périodes)",
        "en": "Buildings (footprints, heights, periods)",
    },
    "floors": {"fr": "Étages, occupés ou vacants", "en": "Floors, occupied or vacant"},
    "spaces": {
        "fr": "Salles, ateliers et machines réservables",
        "en": "Bookable rooms, studios and machines",
    },
    "bookings": {"fr": "Réservations", "en": "Bookings"},
    "parking_lots": {"fr": "Parkings", "en": "Parking lots"},
    "parking_occupancy": {"fr": "Places libres par heure et par parking", "en": "Hourly free spaces per lot"},
    "biodiversity_plots": {"fr": "Parcelles de suivi de la biodiversité", "en": "Biodiversity survey plots"},
    "biodiversity_observations": {"fr": "Espèces observées par parcelle", "en": "Species observed per plot"},
}


# Coded values found in the data: floor uses (geodata/uses.py, English codes) and plot habitats (written in
# French at the source). A value not listed here is shown as the data has it.
DATA_VALUES: dict[str, dict[Lang, str]] = {
    "housing": {"fr": "logement", "en": "housing"},
    "school": {"fr": "école", "en": "school"},
    "office": {"fr": "bureaux", "en": "offices"},
    "workshop": {"fr": "ateliers", "en": "workshops"},
    "retail": {"fr": "commerce", "en": "shops"},
    "culture_sport": {"fr": "culture et sport", "en": "culture and sport"},
    "hospitality": {"fr": "hôtellerie-restauration", "en": "hotels and restaurants"},
    "parking": {"fr": "stationnement", "en": "parking"},
    "storage": {"fr": "stockage", "en": "storage"},
    "vacant": {"fr": "vacant", "en": "vacant"},
    "friche": {"fr": "friche", "en": "wasteland"},
    "prairie": {"fr": "prairie", "en": "meadow"},
    "mare": {"fr": "mare", "en": "pond"},
    "berge du Steinbaechlein": {"fr": "berge du Steinbaechlein", "en": "Steinbaechlein stream bank"},
    "jardin partagé": {"fr": "jardin partagé", "en": "community garden"},
    "haie": {"fr": "haie", "en": "hedge"},
}


def data_value(value: str, lang: Lang) -> str:
    return DATA_VALUES.get(value, {}).get(lang, value)


def data_values(lang: Lang) -> dict[str, str]:
    """Every known coded value in `lang`, for tooltip templates."""
    return {value: texts[lang] for value, texts in DATA_VALUES.items()}


def dataset_title(name: str, fallback: str, lang: Lang) -> str:
    return DATASET_TITLES.get(name, {}).get(lang, fallback)


def normalise_lang(value: object) -> Lang | None:
    """The language code for a value, or None when it is not one we offer."""
    text = str(value).strip().lower() if value is not None else ""
    return next((lang for lang in LANGS if lang == text), None)


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled in."""
    text = TEXT[key][lang]
    return text.format(**values) if values else text


def locale_tag(lang: Lang) -> str:
    return {"fr": "fr-FR", "en": "en-GB"}[lang]
