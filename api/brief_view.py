"""What a brief or a picture shows, read from the page's own address (?lang, at, layers, building, view,
scenario, version…): checked by the page's parser (components/view_query.py), so a link that the page
refuses is refused here too, with the page's message, as a 400. A scenario the asker may not see is a 404."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from api.brief_map import HEIGHT, WIDTH, Camera, Scene, fitted_camera
from components.view_query import (
    LOCAL_TZ,
    MAX_ID,
    SCENARIO_ID,
    echo,
    first,
    parse_query,
    parsed,
    scenario_version,
)
from geodata.catalog import Catalog
from geodata.queries import activity_time_range, building, study_area_bounds
from geodata.scenario import ScenarioDocument
from layers.registry import TOGGLEABLE
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang, t

MAX_QUERY = 2000  # characters: a view's address is a few hundred; a longer one is not a view
DEFAULT_LAYERS = tuple(str(layer.key) for layer in TOGGLEABLE if layer.on_by_default)


@dataclass(frozen=True)
class Scenarios:
    """What app.py binds to the store for the person asking: a scenario's latest visible version (None:
    unknown or hidden) and a reference "<id>@<n>" resolved to its document (None: not for this asker)."""

    latest_version: Callable[[str], int | None]
    resolve: Callable[[str], ScenarioDocument | None]


@dataclass(frozen=True)
class BriefView:
    scene: Scene
    view: dict[str, float] | None  # the address's camera; None: fit the district
    bounds: tuple[float, float, float, float]  # the district's (west, south, east, north)
    scenario: tuple[str, int] | None  # (id, version) when one is shown
    query: str  # the checked address, to link back to this view

    def camera(self, width: int = WIDTH, height: int = HEIGHT) -> Camera:
        """The address's centre and zoom on a picture of this size, or the district fitted into it."""
        if self.view is None:
            return fitted_camera(self.bounds, width, height)
        return Camera(self.view["longitude"], self.view["latitude"], self.view["zoom"], width, height)


class RefusedView(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _lang_of(query: str) -> Lang:
    """The language to refuse in: the asked one when it is one we speak."""
    raw = first(parsed(query), "lang")
    return (normalise_lang(raw) if raw is not None else None) or DEFAULT_LANG


def refusal(message: str, lang: Lang) -> str:
    """The page's message without what the page does instead ("…: default date used."): a brief is not
    made from a default, it is refused."""
    reason, separator, _fallback = message.rpartition(" : " if lang == "fr" else ": ")
    return f"{reason}." if separator else message


def _scenario(
    query: str, scenarios: Scenarios, lang: Lang
) -> tuple[tuple[str, int], ScenarioDocument] | None:
    """?scenario=<id>[&version=<n>] checked as the page checks it: the version the asker may see, resolved."""
    params = parsed(query)
    raw_id = first(params, "scenario")
    if raw_id is None:
        return None
    latest = scenarios.latest_version(raw_id) if SCENARIO_ID.fullmatch(raw_id) else None
    chosen = scenario_version(raw_id, first(params, "version"), latest)
    if isinstance(chosen, tuple):
        key, values = chosen
        raise RefusedView(404 if key == "error_scenario_id" else 400, refusal(t(key, lang, **values), lang))
    document = scenarios.resolve(f"{raw_id}@{chosen}")
    if document is None:  # a version saved before a rule tightened: not drawable
        raise RefusedView(404, refusal(t("error_scenario_id", lang, value=echo(raw_id)), lang))
    return (raw_id, chosen), document


def brief_view(catalog: Catalog, query: str, scenarios: Scenarios, now: datetime | None = None) -> BriefView:
    """The view an address asks for, or RefusedView with the page's own reason."""
    lang = _lang_of(query)
    if len(query) > MAX_QUERY:
        raise RefusedView(400, t("error_brief_too_long", lang, limit=MAX_QUERY))
    con = catalog.cursor()
    now = now or datetime.now(LOCAL_TZ).replace(tzinfo=None)
    state = parse_query(query, activity_time_range(con, now.date()), now)  # no activity data: today
    errors = [(key, values) for key, values in state.problems if key.startswith("error_")]
    if errors:
        key, values = errors[0]
        raise RefusedView(400, refusal(t(key, lang, **values), lang))
    if state.building is not None and (
        len(state.building) > MAX_ID or not building(con, state.building).num_rows
    ):
        raise RefusedView(400, t("error_brief_building", lang, value=echo(state.building)))
    scenario = _scenario(query, scenarios, state.lang)
    layers = DEFAULT_LAYERS if state.layers is None else state.layers
    scene = Scene(layers, state.at, state.lang, scenario[1] if scenario else None, state.building)
    bounds = study_area_bounds(con)
    return BriefView(scene, state.view, bounds, scenario[0] if scenario else None, query)
