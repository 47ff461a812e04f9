"""A scenario in a few sentences, generated from its numbers: what it changes, building by building, and how
the main indicators move ("Le scénario « École » convertit 4 niveaux du bâtiment 62 (21 320 m²) en
logement…")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from texts.formats import format_area, format_number, format_percent
from texts.i18n import Lang, data_value, t


@dataclass(frozen=True)
class ChangeGroup:
    """Floors of one building changed the same way: kind is "use", "status", "demolished" or "new"."""

    kind: str
    building: str  # the building's id (or a new building's name)
    floors: int
    area_m2: float
    use: str = ""


def _s(key: str, lang: Lang, **values: object) -> str:
    return t(f"summary_{key}", lang, **values)


def _floors(count: int, lang: Lang) -> str:
    return _s("level_one", lang) if count == 1 else _s("level_many", lang, count=count)


def _clause(group: ChangeGroup, lang: Lang) -> str:
    values = {"building": group.building, "area": format_area(group.area_m2, lang),
              "floors": _floors(group.floors, lang)}  # fmt: skip
    if group.kind == "use":
        return _s("convert", lang, use=data_value(group.use, lang), **values)
    key = {"status": "status", "demolished": "demolish", "new": "new"}[group.kind]
    return _s(key, lang, **values)


def _joined(parts: Sequence[str], lang: Lang) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + _s("and", lang) + parts[-1]


def _value(name: str, value: float, lang: Lang) -> str:
    if name.endswith("_share"):
        return format_percent(value, lang)
    return format_area(value, lang) if name.endswith("_m2") else format_number(value, lang)


def _moves(
    base: Mapping[str, float], scenario: Mapping[str, float], labels: Mapping[str, str], lang: Lang
) -> list[str]:
    """The headline indicators that move, "Logements : de 0 à 180"."""
    return [
        _s("moves", lang, label=labels[name], before=_value(name, base[name], lang),
           after=_value(name, scenario[name], lang))
        for name in labels
        if name in base and name in scenario and round(base[name], 3) != round(scenario[name], 3)
    ]  # fmt: skip


def scenario_summary(
    name: str,
    groups: Sequence[ChangeGroup],
    base: Mapping[str, float],
    scenario: Mapping[str, float],
    labels: Mapping[str, str],
    lang: Lang,
) -> str:
    """The summary's text; `labels` are the indicators to mention (name -> translated label), in order."""
    if not groups:
        return _s("nothing", lang, name=name)
    sentence = _s("opening", lang, name=name) + _joined([_clause(g, lang) for g in groups], lang) + "."
    moves = _moves(base, scenario, labels, lang)
    separator = " ; " if lang == "fr" else "; "  # French puts a space before the semicolon
    return sentence + (" " + separator.join(moves) + "." if moves else "")
