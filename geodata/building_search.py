"""Finding a building by its number or its name as people type them: without accents, in any case, any
word order ("62", "bat 62", "refectoire", "Réfectoire", "motoco 75")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pyarrow as pa

MAX_RESULTS = 8
MAX_QUERY = 80  # characters; longer text is no building's number or name


@dataclass(frozen=True)
class Candidate:
    building_id: str
    name: str | None


def folded(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: 'Bâtiment  n°62' -> 'batiment n 62'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def candidates(table: pa.Table) -> list[Candidate]:
    """The buildings of a table with `building_id` and `name` columns."""
    return [
        Candidate(str(row["building_id"]), row["name"])
        for row in table.select(["building_id", "name"]).to_pylist()
    ]


def _rank(candidate: Candidate, words: list[str]) -> int | None:
    """0: the number itself; 1: a word of the name starts with the query; 2: every word found; else None."""
    number, name = folded(candidate.building_id), folded(candidate.name or "")
    text = f"{number} {name}"
    if words == [number]:
        return 0
    if not all(word in text for word in words):
        return None
    return 1 if any(part.startswith(words[0]) for part in text.split()) else 2


def matching(found: list[Candidate], query: str, limit: int = MAX_RESULTS) -> list[Candidate]:
    """The buildings whose number or name holds every word of `query`, best first: the exact number, then
    names with a word starting like the query, then the others, each in number order."""
    words = folded(query[:MAX_QUERY]).split()
    if not words:
        return []
    ranked = [(rank, c) for c in found if (rank := _rank(c, words)) is not None]
    ranked.sort(key=lambda pair: (pair[0], _number_order(pair[1].building_id)))
    return [candidate for _, candidate in ranked[:limit]]


def _number_order(building_id: str) -> tuple[int, int, str]:
    """Numbered buildings in numeric order (5 before 48 before 110), then named ones."""
    return (0, int(building_id), "") if building_id.isdigit() else (1, 0, building_id)
