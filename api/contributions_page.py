"""The public page "Vous avez dit, nous avons fait": every published contribution with its follow-up, the
city's answer, the scenario version that answers it and whether its building changed since.

    GET /contributions[?lang=fr|en][&category=<code>][&status=<code>]

Server-rendered with Jinja (autoescaped: a contribution's text is data and shows as characters), without
script, styled by assets/contributions-page.css. Only what store.contributions.public returns is shown; a
bad parameter gets a visible message and the unfiltered list, never an error page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from flask import Flask, Response, request

from geodata.catalog import Catalog
from geodata.queries import pinned_buildings
from layers.building_changed import Subject, VersionChange, building_changed
from layers.contributions import local_day
from store import contributions, scenarios
from store.contributions import CATEGORIES, FOLLOW_UPS, Contribution
from store.database import Store
from texts.formats import format_date, level_label
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang, t

TEMPLATES = Path(__file__).resolve().parent / "templates"
Text = Callable[..., str]


@dataclass(frozen=True)
class Choice:
    """The page's parameters, checked: language, filters, and the messages about refused values."""

    lang: Lang
    category: str | None
    status: str | None
    messages: tuple[str, ...]


def choice_of(args: Any) -> Choice:
    lang_text = args.get("lang")
    lang = normalise_lang(lang_text) if lang_text is not None else DEFAULT_LANG
    messages = [] if lang is not None else [t("said_bad_lang", DEFAULT_LANG, value=lang_text)]
    lang = lang or DEFAULT_LANG
    category, status = args.get("category") or None, args.get("status") or None
    if category is not None and category not in CATEGORIES:
        messages.append(t("said_bad_category", lang, value=category))
        category = None
    if status is not None and status not in FOLLOW_UPS:
        messages.append(t("said_bad_status", lang, value=status))
        status = None
    return Choice(lang, category, status, tuple(messages))


def page_url(path: str, lang: Lang, **params: object) -> str:
    """A link that keeps the language ("" and None parameters left out)."""
    query = {"lang": "en"} if lang == "en" else {}
    query.update({k: str(v) for k, v in params.items() if v not in (None, "")})
    return f"{path}?{urlencode(query)}" if query else path


def version_url(scenario_id: str, version: int, lang: Lang) -> str:
    return page_url("/", lang, scenario=scenario_id, version=version)


def _where(c: Contribution, names: dict[str, str], lang: Lang) -> str:
    """'Réfectoire (bât. REF) · rez-de-chaussée', 'Bâtiment 62 · étage 2' (a name that only repeats the
    number is left out), or the ground."""
    if c.building_id is None:
        return t("said_where_ground", lang)
    numbered = t("said_where_building", lang, building=c.building_id)
    name = names.get(c.building_id)
    place = (
        numbered
        if not name or name == numbered
        else t("said_where_named", lang, name=name, building=c.building_id)
    )
    return place if c.level is None else f"{place} · {level_label(c.level, lang)}"


def _answer_link(c: Contribution, published: dict[str, str], lang: Lang) -> dict[str, str] | None:
    """The answering scenario version, when the public can open it (a published scenario)."""
    if c.answer_scenario_id is None or c.answer_scenario_version is None:
        return None
    name = published.get(c.answer_scenario_id)
    if name is None:
        return None
    label = t("said_answer_version", lang, version=c.answer_scenario_version, name=name)
    return {"href": version_url(c.answer_scenario_id, c.answer_scenario_version, lang), "label": label}


def _changed(change: VersionChange | None, lang: Lang) -> dict[str, str] | None:
    if change is None:
        return None
    text = t("said_changed", lang, version=change.version, name=change.scenario_name)
    href = page_url("/", lang, **change.link_params())
    return {"text": text, "href": href, "label": t("said_changed_link", lang)}


def entries(
    shown: Sequence[Contribution],
    changes: Sequence[VersionChange | None],
    names: dict[str, str],
    published: dict[str, str],
    lang: Lang,
) -> list[dict[str, Any]]:
    """What the template shows of each contribution: public fields only, labels in `lang`."""
    return [
        {"id": c.id, "category": c.category, "category_label": t(f"value_{c.category}", lang), "text": c.text,
         "author": c.pseudonym or t("said_anonymous", lang), "anonymous": not c.pseudonym,
         "date": format_date(local_day(c.created_at), lang), "iso_date": local_day(c.created_at),
         "where": _where(c, names, lang), "status": c.follow_up or "recue",
         "status_label": t(f"value_{c.follow_up or 'recue'}", lang), "answer": c.answer,
         "answer_link": _answer_link(c, published, lang), "changed": _changed(change, lang)}
        for c, change in zip(shown, changes, strict=True)
    ]  # fmt: skip


def counts(everything: Sequence[Contribution], choice: Choice) -> dict[str, list[dict[str, Any]]]:
    """Per status and per category, over every public contribution: label, count, the filter's link and
    whether it is the chosen one."""
    by_status = Counter(c.follow_up or "recue" for c in everything)
    by_category = Counter(c.category for c in everything)
    lang = choice.lang

    def items(
        codes: Sequence[str], counter: Counter[str], name: str, chosen: str | None
    ) -> list[dict[str, Any]]:
        others = {"category": choice.category, "status": choice.status, name: None}
        return [
            {"code": code, "label": t(f"value_{code}", lang), "count": counter[code],
             "chosen": code == chosen, "href": page_url("/contributions", lang, **{**others, name: code})}
            for code in codes
        ]  # fmt: skip

    return {
        "status": items(FOLLOW_UPS, by_status, "status", choice.status),
        "category": items(CATEGORIES, by_category, "category", choice.category),
    }


def _published_names(store: Store) -> dict[str, str]:
    return {s.id: s.name for s in scenarios.list_scenarios(store, None)}


def page_context(store: Store, catalog: Catalog, choice: Choice) -> dict[str, Any]:
    everything = contributions.public(store)
    shown = [
        c for c in everything
        if choice.category in (None, c.category) and choice.status in (None, c.follow_up or "recue")
    ]  # fmt: skip
    con = catalog.cursor()
    subjects = [Subject(c.building_id, c.floor_id, c.created_at) for c in shown]
    names = {
        row["building_id"]: row["name"]
        for row in pinned_buildings(con, [c.building_id for c in shown if c.building_id]).to_pylist()
    }
    lang = choice.lang
    changes = building_changed(store, con, subjects)
    shown_entries = entries(shown, changes, names, _published_names(store), lang)
    return {
        "lang": lang, "t": lambda key, **values: t(key, lang, **values), "messages": choice.messages,
        "choice": choice, "total": len(everything), "counts": counts(everything, choice),
        "entries": shown_entries,
        "categories": CATEGORIES, "statuses": FOLLOW_UPS,
        "map_url": page_url("/", lang), "all_url": page_url("/contributions", lang),
        "other_lang_url": page_url("/contributions", "fr" if lang == "en" else "en",
                                   category=choice.category, status=choice.status),
    }  # fmt: skip


def register_contributions_page(server: Flask, store: Store, catalog: Catalog) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    template = environment.get_template("contributions.html")

    @server.get("/contributions")
    def contributions_page() -> Response:
        choice = choice_of(request.args)
        html = template.render(page_context(store, catalog, choice))
        return Response(html, content_type="text/html; charset=utf-8")
