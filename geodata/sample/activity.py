"""Sample time series: bookings of spaces, hourly parking occupancy, biodiversity observations.

Deterministic: every random draw comes from a numpy Generator seeded with SEED and the item's index.
Times are naive local wall-clock times (Europe/Paris).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import numpy as np
import pyarrow as pa

SEED = 20261123
PERIOD_START = datetime(2026, 1, 1, 0, 0)
PERIOD_END = datetime(2027, 6, 30, 23, 0)  # last hourly observation
DAYS = (PERIOD_END.date() - PERIOD_START.date()).days + 1

# (start hour, end hour, probability, weekdays allowed: 0 = Monday)
_WORKDAYS, _WEEK = (0, 1, 2, 3, 4), (0, 1, 2, 3, 4, 5)
_SLOTS: dict[str, tuple[tuple[int, int, float, tuple[int, ...]], ...]] = {
    "machine": ((9, 12, 0.45, _WEEK), (13, 17, 0.5, _WEEK), (17, 20, 0.3, _WORKDAYS)),
    "studio": ((9, 13, 0.25, _WEEK), (14, 19, 0.3, _WEEK)),
    "room": ((9, 11, 0.35, _WORKDAYS), (11, 13, 0.3, _WORKDAYS), (14, 16, 0.35, _WORKDAYS),
             (16, 18, 0.25, _WORKDAYS)),
    "hall": ((18, 23, 0.35, (4, 5)), (10, 18, 0.2, (5, 6))),
}  # fmt: skip
_BOOKERS = {
    "machine": tuple(f"Membre La Petite Manchester n° {n:03d}" for n in range(1, 41)),
    "studio": tuple(f"Résident·e Motoco n° {n:03d}" for n in range(1, 136)),
    "room": ("Bureau d'études Rhin", "Atelier d'architecture DMC", "Citivia", "Ville de Mulhouse",
             "Association du quartier DMC", "Start-up textile", "DMC SAS", "École — équipe pédagogique"),
    "hall": ("Motoco — exposition", "Association Motoco", "Festival du quartier", "Salon des créateurs",
             "Concert associatif"),
}  # fmt: skip
HALL_CAPACITY = 500  # a room at least this big is booked like an event hall


def _slots_for(kind: str, capacity: int) -> tuple[tuple[int, int, float, tuple[int, ...]], ...]:
    return _SLOTS["hall" if kind == "room" and capacity >= HALL_CAPACITY else kind]


def _bookers_for(kind: str, capacity: int) -> tuple[str, ...]:
    return _BOOKERS["hall" if kind == "room" and capacity >= HALL_CAPACITY else kind]


def _space_bookings(index: int, kind: str, capacity: int) -> list[tuple[datetime, datetime, str]]:
    rng = np.random.default_rng([SEED, 1, index])
    slots, bookers = _slots_for(kind, capacity), _bookers_for(kind, capacity)
    found = []
    for offset in range(DAYS):
        day = PERIOD_START + timedelta(days=offset)
        for start_hour, end_hour, probability, weekdays in slots:
            if day.weekday() in weekdays and rng.random() < probability:
                who = bookers[int(rng.integers(len(bookers)))]
                found.append((day.replace(hour=start_hour), day.replace(hour=end_hour), who))
    return found


def bookings(space_ids: Sequence[str], kinds: Sequence[str], capacities: Sequence[int]) -> pa.Table:
    """Non-overlapping bookings per space, in fixed daily slots, ids in time order."""
    rows = [
        (start, space_id, end, who)
        for index, (space_id, kind, capacity) in enumerate(zip(space_ids, kinds, capacities, strict=True))
        for start, end, who in _space_bookings(index, kind, capacity)
    ]
    rows.sort()
    return pa.table(
        {
            "booking_id": pa.array([f"B{n:06d}" for n in range(1, len(rows) + 1)], pa.string()),
            "space_id": pa.array([row[1] for row in rows], pa.string()),
            "start": pa.array([row[0] for row in rows], pa.timestamp("us")),
            "end": pa.array([row[2] for row in rows], pa.timestamp("us")),
            "booked_by": pa.array([row[3] for row in rows], pa.string()),
        }
    )


def _hours() -> np.ndarray:
    count = int((PERIOD_END - PERIOD_START) / timedelta(hours=1)) + 1
    first = np.datetime64(PERIOD_START, "h")
    return np.arange(first, first + np.timedelta64(count, "h"), dtype="datetime64[h]")


def _occupancy_share(hours: np.ndarray, weekend_lot: bool) -> np.ndarray:
    """Share of spaces taken: office hours on workdays; lots by Motoco/climbing also busy at weekends."""
    hour = (hours - hours.astype("datetime64[D]")).astype(int)
    weekday = (hours.astype("datetime64[D]").astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    daytime = np.exp(-(((hour - 12.5) / 3.6) ** 2))
    evening = np.exp(-(((hour - 19.5) / 2.0) ** 2))
    workday = 0.12 + 0.72 * daytime + 0.1 * evening
    weekend = 0.08 + (0.55 * daytime + 0.35 * evening if weekend_lot else 0.15 * daytime)
    share = np.where(weekday < 5, workday, weekend)
    month = hours.astype("datetime64[M]").astype(int) % 12 + 1
    adjusted: np.ndarray = np.where(month == 8, share * 0.6, share)  # the August lull
    return adjusted


def parking_occupancy(lot_ids: Sequence[str], capacities: Sequence[int], weekend_lots: set[str]) -> pa.Table:
    hours = _hours()
    lot_column, time_column, free_column = [], [], []
    for index, (lot_id, capacity) in enumerate(zip(lot_ids, capacities, strict=True)):
        rng = np.random.default_rng([SEED, 2, index])
        share = _occupancy_share(hours, lot_id in weekend_lots) + rng.normal(0.0, 0.06, hours.size)
        taken = np.clip(np.rint(share * capacity), 0, capacity)
        lot_column.extend([lot_id] * hours.size)
        time_column.append(hours.astype("datetime64[us]"))
        free_column.append((capacity - taken).astype(np.int32))
    return pa.table(
        {
            "lot_id": pa.array(lot_column, pa.string()),
            "observed_at": pa.array(np.concatenate(time_column), pa.timestamp("us")),
            "free_spaces": pa.array(np.concatenate(free_column), pa.int32()),
        }
    )


_COMMON_SPECIES = ("Rougequeue noir", "Merle noir", "Mésange charbonnière", "Moineau domestique",
                   "Pigeon ramier", "Pie bavarde")  # fmt: skip
_HABITAT_SPECIES: dict[str, tuple[str, ...]] = {
    "friche": ("Buddléia de David", "Vipérine commune", "Lézard des murailles", "Orchis bouc",
               "Azuré commun", "Hérisson d'Europe", "Faucon crécerelle", "Chardonneret élégant"),
    "prairie": ("Marguerite commune", "Bourdon terrestre", "Criquet des pâtures", "Sauge des prés",
                "Azuré commun", "Myrtil", "Orchis bouc"),
    "berge du Steinbaechlein": ("Bergeronnette des ruisseaux", "Martin-pêcheur d'Europe",
                                "Gallinule poule-d'eau", "Libellule déprimée", "Caloptéryx éclatant",
                                "Salicaire commune", "Saule blanc"),
    "mare": ("Grenouille rieuse", "Triton alpestre", "Agrion jouvencelle", "Anax empereur",
             "Iris des marais", "Gallinule poule-d'eau"),
    "jardin partagé": ("Hérisson d'Europe", "Bourdon terrestre", "Abeille domestique",
                       "Coccinelle à sept points", "Rouge-gorge familier"),
    "haie": ("Fauvette à tête noire", "Rouge-gorge familier", "Troglodyte mignon", "Aubépine monogyne",
             "Prunellier", "Hérisson d'Europe"),
}  # fmt: skip
_SURVEY_EVERY_DAYS = 21
_SURVEY_MONTHS = range(3, 11)  # March to October


def _survey_days() -> list[date]:
    days = [PERIOD_START.date() + timedelta(days=n) for n in range(0, DAYS, _SURVEY_EVERY_DAYS)]
    return [day for day in days if day.month in _SURVEY_MONTHS]


def _species_pool(habitat: str, size: int) -> tuple[str, ...]:
    """The first `size` species a plot of this habitat can show: its own (pioneers first), then common."""
    return (_HABITAT_SPECIES.get(habitat, ()) + _COMMON_SPECIES)[:size]


def _plot_observations(index: int, habitat: str, pool_size: int) -> list[tuple[date, str, int]]:
    rng = np.random.default_rng([SEED, 3, index])
    pool = _species_pool(habitat, pool_size)
    found: list[tuple[date, str, int]] = []
    for day in _survey_days():
        picked = rng.choice(len(pool), size=min(int(rng.integers(2, 7)), len(pool)), replace=False)
        found.extend((day, pool[int(i)], int(rng.poisson(3)) + 1) for i in sorted(picked))
    return found


def biodiversity_observations(
    plot_ids: Sequence[str], habitats: Sequence[str], pool_sizes: Sequence[int]
) -> pa.Table:
    """Surveys every three weeks from March to October; each plot shows at most its pool of species."""
    rows = [
        (plot_id, day, species, count)
        for index, (plot_id, habitat, size) in enumerate(zip(plot_ids, habitats, pool_sizes, strict=True))
        for day, species, count in _plot_observations(index, habitat, size)
    ]
    return pa.table(
        {
            "observation_id": pa.array([f"O{n:05d}" for n in range(1, len(rows) + 1)], pa.string()),
            "plot_id": pa.array([row[0] for row in rows], pa.string()),
            "observed_on": pa.array([row[1] for row in rows], pa.date32()),
            "species": pa.array([row[2] for row in rows], pa.string()),
            "count": pa.array([row[3] for row in rows], pa.int32()),
        }
    )
