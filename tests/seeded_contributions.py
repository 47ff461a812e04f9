"""Contributions written into a real store with the store's own functions, for the unit, browser and
screenshot runs: some approved (with follow-ups and answers), one pending, one rejected, and two whose text
is HTML. Places are the sample buildings' own representative points, read straight from the GeoParquet file
(not through the app's queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import geopandas as gpd
import shapely

from store import contributions as c
from store.accounts import Account
from store.database import Store

SCRIPT_TEXT = "<script>alert('pin')</script> Plus de bancs devant le 62"
IMG_TEXT = '<img src=x onerror="alert(1)"> Une fontaine à eau près de la halle'


@dataclass(frozen=True)
class Item:
    category: str
    text: str
    pseudonym: str | None
    building_id: str | None
    level: int | None = None
    ground: tuple[float, float] | None = None  # lon, lat of a pin on the ground
    moderation: str = "approve"  # "approve" | "reject" | "pending"
    follow_up: str | None = None
    answer: str = ""
    answer_scenario: bool = False  # linked to the scenario version given to seed()


@dataclass
class Seeded:
    ids: dict[str, list[str]] = field(default_factory=lambda: {"approved": [], "pending": [], "rejected": []})
    items: dict[str, Item] = field(default_factory=dict)  # contribution id -> what was sent


def building_points(data_dir: Path) -> dict[str, tuple[float, float]]:
    """Each sample building's representative point (inside its footprint), from the file itself."""
    buildings = gpd.read_parquet(data_dir / "buildings.parquet")
    points = shapely.point_on_surface(buildings.geometry.to_numpy())
    return {str(b): (p.x, p.y) for b, p in zip(buildings["building_id"], points, strict=True)}


def _new(item: Item, points: dict[str, tuple[float, float]]) -> c.NewContribution:
    lon, lat = item.ground if item.ground else points[str(item.building_id)]
    floor = f"{item.building_id}-{item.level}" if item.level is not None else None
    return c.NewContribution(item.category, item.text, item.pseudonym, item.building_id, floor, item.level,
                             lon, lat)  # fmt: skip


def seed(
    store: Store,
    data_dir: Path,
    items: list[Item],
    moderator: Account,
    answer_scenario: tuple[str, int] | None = None,
    start: datetime | None = None,
    spacing: timedelta = timedelta(hours=1),
) -> Seeded:
    """Sends each item (one visitor each, `spacing` apart from `start`, by default 20 days ago), then
    moderates and answers it as it says."""
    points, seeded = building_points(data_dir), Seeded()
    start = start or datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
    for index, item in enumerate(items):
        now = start + index * spacing
        sent = c.submit(store, _new(item, points), f"visitor-{index}", now)
        seeded.items[sent.id] = item
        if item.moderation == "pending":
            seeded.ids["pending"].append(sent.id)
            continue
        reason = "" if item.moderation == "approve" else "hors sujet"
        c.moderate(store, sent.id, item.moderation, reason, moderator, now + timedelta(minutes=5))
        seeded.ids["approved" if item.moderation == "approve" else "rejected"].append(sent.id)
        if item.follow_up:
            scenario = answer_scenario if item.answer_scenario else None
            answered = now + timedelta(minutes=9)
            c.follow_up(store, sent.id, item.follow_up, item.answer, scenario, moderator, answered)
    return seeded


# A realistic set for the page's screenshot and the tests (French, as residents would write).
ITEMS = [
    Item("logement", "Des logements pour étudiants dans les étages vides du 62, avec des ateliers en bas.",
         "Camille du quartier", "62", level=2, follow_up="retenue",
         answer="Retenue : le scénario École prévoit des logements aux niveaux 2 et 3 du bâtiment 62.",
         answer_scenario=True),
    Item("nature", "Garder la prairie derrière la halle 48 telle qu'elle est, c'est le seul coin calme.",
         None, None, ground=(7.3236, 47.7530), follow_up="a_l_etude",
         answer="Nous étudions avec le service des espaces verts une gestion en fauche tardive."),
    Item("mobilite", "Un vrai parking à vélos couvert à l'entrée de la rue de Pfastatt.", "Yann", "5",
         follow_up="realisee", answer="Installé : 40 places couvertes devant le bâtiment 5."),
    Item("culture", "Ouvrir le Réfectoire le dimanche pour des concerts et un marché.", "Une voisine", "REF",
         follow_up="non_retenue",
         answer="Le bâtiment n'est pas aux normes d'accueil du public le dimanche ; "
         "une autre salle est à l'étude."),
    Item("economie", "Des loyers réduits pour les artisans qui s'installent dans les halles.", "Atelier Nord",
         "18", level=0),
    Item("autre", SCRIPT_TEXT, "<b>Bob</b>", "62", level=1),
    Item("autre", IMG_TEXT, None, "48"),
    Item("logement", "Un texte en attente de modération, jamais public.", "Pending Pat", "62", level=3,
         moderation="pending"),
    Item("autre", "Une contribution refusée par la modération.", None, "75", moderation="reject"),
]  # fmt: skip
