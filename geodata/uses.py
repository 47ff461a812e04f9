"""Floor use codes: one small closed list shared by the data (floors.use) and the scenarios.

Codes are English identifiers; texts/i18n.py DATA_VALUES gives their French and English labels. What a
floor holds in detail (artists' studios, a climbing hall, a textile fab-lab) is its occupant's or its
building's name, not its use: the indicators need a few classes with ratios, not free text.
"""

from __future__ import annotations

USES: tuple[str, ...] = (
    "housing",
    "school",
    "office",
    "workshop",
    "retail",
    "culture_sport",
    "hospitality",
    "parking",
    "storage",
    "vacant",
)
VACANT = "vacant"
# The free-text uses of earlier sample data, and the code each one became (docs/data-model.md, "Floor uses").
LEGACY_USES: dict[str, str] = {
    "logement": "housing",
    "enseignement": "school",
    "bureaux": "office",
    "bureaux d'études": "office",
    "bureaux et stockage": "office",
    "artisanat": "workshop",
    "ateliers d'artistes": "workshop",
    "production textile": "workshop",
    "fab-lab textile": "workshop",
    "commerce": "retail",
    "escalade": "culture_sport",
    "stockage": "storage",
    "vacant": "vacant",
}
