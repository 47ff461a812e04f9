"""Answers in one tap: the search box's results, the vacant-area ranking, and choosing a building from
either: the building is selected (its panel opens, the address follows) and the camera flies to it
(assets/16-twin-finder.js). The bridge marks the selected building, however it was chosen."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from callbacks import inputs
from callbacks.language import chosen_lang
from components import ids
from geodata import queries
from geodata.building_search import MAX_QUERY, candidates, matching
from geodata.catalog import Catalog
from geodata.places import PlaceError, place_of
from geodata.rankings import vacant_ranking
from texts.formats import building_title, format_area, format_percent
from texts.i18n import Lang, t

ORIGINS = ("search", "ranking")


def choice_button(
    building_id: str, name: str | None, origin: str, lang: Lang, *extra: Any, label: str | None = None
) -> html.Button:
    item = {"type": ids.FIND_ITEM, "building": building_id, "from": origin}
    # The sentence is the button's description, not its name: a name must contain the visible words
    # (WCAG 2.5.3, "label in name"), which the numbered sentence does not.
    named: dict[str, Any] = {"title": label} if label else {}
    return html.Button([html.Span(building_title(building_id, name, lang), className="find-name"), *extra],
                       id=item, className="find-item", type="button", **named)  # fmt: skip


def search_results(catalog: Catalog, query: str | None, lang: Lang) -> list[Any]:
    if not query or not query.strip():
        return []
    found = matching(candidates(queries.buildings(catalog.cursor())), query)
    if not found:
        return [html.P(t("find_none", lang, query=inputs.echo(query)), className="find-none")]
    items = [html.Li(choice_button(c.building_id, c.name, "search", lang)) for c in found]
    named: dict[str, Any] = {"aria-label": t("find_results", lang)}
    return [html.Ul(items, className="find-list", **named)]


def ranking_list(catalog: Catalog, lang: Lang) -> list[Any]:
    con = catalog.cursor()
    ranked = vacant_ranking(con)
    if not ranked:
        return [html.P(t("ranking_none", lang), className="hint")]
    total = format_area(queries.floor_area_kpis(con).vacant_m2, lang)
    items = []
    for rank, row in enumerate(ranked, start=1):
        area, share = format_area(row.vacant_m2, lang), format_percent(row.share, lang)
        label = t("ranking_item", lang, rank=rank, building=building_title(row.building_id, row.name, lang),
                  area=area, share=share)  # fmt: skip
        # The bar is the share of the whole district: a building with a quarter of it fills a quarter.
        bar = html.Span(className="ranking-bar", style={"width": f"{100 * row.share:.1f}%"})
        figures = html.Span([html.Span(area), html.Span(share, className="ranking-share")],
                            className="ranking-figures")  # fmt: skip
        button = choice_button(row.building_id, row.name, "ranking", lang, figures, bar, label=label)
        items.append(html.Li(button))
    caption = html.P(t("ranking_caption", lang, count=len(ranked), total=total), className="hint")
    return [caption, html.Ol(items, className="ranking-list")]


def chosen(triggered: object, value: object) -> str | None:
    """The building a click on a result or ranked button chose; None for a button that was only drawn."""
    if not isinstance(triggered, dict) or triggered.get("from") not in ORIGINS or not inputs.clicks(value):
        return None
    return inputs.building_id(triggered.get("building"))


def fly_target(catalog: Catalog, building_id: str, previous: object) -> dict[str, Any] | None:
    """Where the camera goes for a known building; None for an unknown one."""
    try:
        place = place_of(catalog.cursor(), building_id=building_id)
    except PlaceError:
        return None
    count = previous.get("n") if isinstance(previous, dict) else None
    n = (inputs.whole_number(count) or 0) + 1  # a new value even when the same building is chosen again
    return {"building": building_id, "lon": place.lon, "lat": place.lat, "n": n}


def register(app: Dash, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.FIND_TITLE, "children"),
        Output(ids.FIND_LABEL, "children"),
        Output(ids.FIND_INPUT, "placeholder"),
        Output(ids.RANKING_TITLE, "children"),
        Output(ids.RANKING_BODY, "children"),
        Input(ids.LANG, "value"),
    )
    def finder_texts(value: object) -> tuple[str, str, str, str, list[Any]]:
        lang = chosen_lang(value)
        texts = (t(key, lang) for key in ("find_title", "find_label", "find_placeholder", "ranking_title"))
        return (*texts, ranking_list(catalog, lang))  # type: ignore[return-value]

    @app.callback(
        Output(ids.FIND_RESULTS, "children"),
        Input(ids.FIND_INPUT, "value"),
        Input(ids.LANG, "value"),
    )
    def show_results(query: object, value: object) -> list[Any]:
        return search_results(catalog, inputs.text(query, MAX_QUERY), chosen_lang(value))

    @app.callback(
        Output(ids.SELECTED_BUILDING, "data", allow_duplicate=True),
        Output(ids.FLY_TO, "data"),
        Input({"type": ids.FIND_ITEM, "building": ALL, "from": ALL}, "n_clicks"),
        Input(ids.FIND_INPUT, "n_submit"),
        State(ids.FIND_INPUT, "value"),
        State(ids.FLY_TO, "data"),
        prevent_initial_call=True,
    )
    def choose(_clicks: object, _submit: object, query: object, previous: object) -> tuple[Any, Any]:
        triggered = ctx.triggered[0] if ctx.triggered else {}
        if ctx.triggered_id == ids.FIND_INPUT:  # Enter in the search box: its best match
            text = inputs.text(query, MAX_QUERY)
            found = matching(candidates(queries.buildings(catalog.cursor())), text or "", limit=1)
            building_id = found[0].building_id if found else None
        else:
            building_id = chosen(ctx.triggered_id, triggered.get("value"))
        target = fly_target(catalog, building_id, previous) if building_id else None
        return (building_id, target) if target else (no_update, no_update)

    app.clientside_callback(
        "window.dash_clientside.twin.setBuilding",
        Output(ids.SELECTION_STATUS, "data"),
        Input(ids.SELECTED_BUILDING, "data"),
    )
    app.clientside_callback(
        "window.dash_clientside.twinFinder.fly",
        Output(ids.FLY_STATUS, "data"),
        Input(ids.FLY_TO, "data"),
    )
