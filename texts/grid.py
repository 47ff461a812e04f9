"""Texts of the data grids, the building search and the vacant-area ranking (components/tables.py,
components/finder.py), and AG Grid's own words (its menus and filters) as `aggrid_<AG Grid key>`."""

from __future__ import annotations

from typing import Literal

_Lang = Literal["fr", "en"]

# AG Grid's locale keys used by the community grid's sorting and filtering (its English defaults otherwise).
_AG_GRID: dict[str, tuple[str, str]] = {
    "filterOoo": ("Filtrer…", "Filter..."),
    "equals": ("Égal à", "Equals"),
    "notEqual": ("Différent de", "Does not equal"),
    "lessThan": ("Inférieur à", "Less than"),
    "greaterThan": ("Supérieur à", "Greater than"),
    "lessThanOrEqual": ("Inférieur ou égal à", "Less than or equal to"),
    "greaterThanOrEqual": ("Supérieur ou égal à", "Greater than or equal to"),
    "inRange": ("Entre", "Between"),
    "inRangeStart": ("De", "From"),
    "inRangeEnd": ("À", "To"),
    "contains": ("Contient", "Contains"),
    "notContains": ("Ne contient pas", "Does not contain"),
    "startsWith": ("Commence par", "Begins with"),
    "endsWith": ("Se termine par", "Ends with"),
    "blank": ("Vide", "Blank"),
    "notBlank": ("Non vide", "Not blank"),
    "empty": ("Choisir…", "Choose one"),
    "andCondition": ("ET", "AND"),
    "orCondition": ("OU", "OR"),
    "applyFilter": ("Appliquer", "Apply"),
    "resetFilter": ("Réinitialiser", "Reset"),
    "clearFilter": ("Effacer", "Clear"),
    "cancelFilter": ("Annuler", "Cancel"),
    "textFilter": ("Filtre de texte", "Text Filter"),
    "numberFilter": ("Filtre de nombre", "Number Filter"),
    "noRowsToShow": ("Aucune ligne", "No rows to show"),
    "loadingOoo": ("Chargement…", "Loading..."),
    "columnFilter": ("Filtre de colonne", "Column Filter"),
    "ariaFilterInput": ("Valeur du filtre", "Filter Input"),
    "ariaFilterValue": ("Valeur du filtre", "Filter Value"),
    "ariaFilteringOperator": ("Opérateur de filtre", "Filtering Operator"),
    "ariaColumnFilter": ("Filtre de colonne", "Column Filter"),
    "ariaSortableColumn": ("Appuyez sur Entrée pour trier", "Press ENTER to sort"),
    "ariaMenuColumn": ("Appuyez sur Alt+Bas pour ouvrir le menu", "Press ALT DOWN to open column menu"),
    "ariaFilterColumn": ("Appuyez sur Ctrl+Entrée pour filtrer", "Press CTRL ENTER to open filter"),
    "ariaFilterMenuOpen": ("Ouvrir le menu du filtre", "Open Filter Menu"),
    "ariaRowSelect": ("Appuyez sur Espace pour sélectionner la ligne", "Press SPACE to select this row"),
    "ariaHidden": ("masqué", "hidden"),
    "ariaVisible": ("visible", "visible"),
    "ariaChecked": ("coché", "checked"),
    "ariaUnchecked": ("non coché", "unchecked"),
    "ariaSearch": ("Rechercher", "Search"),
    "sortAscending": ("Tri croissant", "Sort Ascending"),
    "sortDescending": ("Tri décroissant", "Sort Descending"),
    "sortUnSort": ("Sans tri", "Clear Sort"),
}
AG_GRID_KEYS: tuple[str, ...] = tuple(_AG_GRID)

GRID_TEXT: dict[str, dict[_Lang, str]] = {
    **{f"aggrid_{key}": {"fr": fr, "en": en} for key, (fr, en) in _AG_GRID.items()},
    "grid_total": {"fr": "Total ({count} lignes)", "en": "Total ({count} rows)"},
    "grid_share": {"fr": "{column} (part du total)", "en": "{column} (share of total)"},
    "grid_download": {"fr": "Télécharger :", "en": "Download:"},
    "grid_download_link": {
        "fr": "{table} au format {format}",
        "en": "{table} as {format}",
    },
    "grid_hint": {
        "fr": "Cliquez sur un en-tête pour trier, sur ☰ pour filtrer.",
        "en": "Click a header to sort, ☰ to filter.",
    },
    "export_buildings": {"fr": "Bâtiments", "en": "Buildings"},
    "export_floors": {"fr": "Étages", "en": "Floors"},
    "export_spaces": {"fr": "Espaces", "en": "Spaces"},
    "export_bookings": {"fr": "Réservations", "en": "Bookings"},
    "export_biodiversity_plots": {"fr": "Parcelles", "en": "Plots"},
    "export_parking_lots": {"fr": "Parkings", "en": "Car parks"},
    "layer_selection": {"fr": "Bâtiment choisi", "en": "Chosen building"},
    "find_title": {"fr": "Trouver un bâtiment", "en": "Find a building"},
    "find_label": {"fr": "Numéro ou nom du bâtiment", "en": "Building number or name"},
    "find_placeholder": {"fr": "ex. 62, Motoco, réfectoire", "en": "e.g. 62, Motoco, refectory"},
    "find_none": {
        "fr": "Aucun bâtiment ne correspond à « {query} ».",
        "en": "No building matches “{query}”.",
    },
    "find_results": {"fr": "Bâtiments trouvés", "en": "Buildings found"},
    "ranking_title": {"fr": "Les plus grandes surfaces vacantes", "en": "Largest vacant floor areas"},
    "ranking_caption": {
        "fr": "Les {count} bâtiments les plus vacants ; part de la surface vacante du quartier "
        "({total}). Choisir un bâtiment l'ouvre sur la carte.",
        "en": "The {count} buildings with the most vacant floor area; share of the district's vacant "
        "area ({total}). Choosing one opens it on the map.",
    },
    "ranking_none": {"fr": "Aucune surface vacante.", "en": "No vacant floor area."},
    "ranking_item": {
        "fr": "{rank}. {building} : {area} vacants, {share} du quartier",
        "en": "{rank}. {building}: {area} vacant, {share} of the district",
    },
}
