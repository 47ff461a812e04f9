"""Layer data endpoints: each source of layers/registry.py as binary columns (layers/binary.py), built
once per process and parameters, kept compressed, with an ETag so that a browser revisit costs a 304.

    GET /layer-data/<version>/<source>.bin[?at=YYYY-MM-DDTHH:00 | ?on=YYYY-MM-DD]
    GET /layer-data/<version>/<source>/<z>/<x>/<y>.bin          (tiled sources, z = the source's tile zoom)
    GET /layer-data/<version>/scenario.bin?scenario=<id>@<n> | <id>@draft<rev>     (a scenario's changes)
    GET /layer-data/<version>/contributions.bin?contributions=<revision>   (the public contributions)
    GET /layer-data/<version>/selection.bin?building=<id>          (the selected building's marker)

The data version (a digest of the dataset files) is part of the path: a page built on other data gets a clear
404 instead of mixing versions. Bad parameters get a 400 with a one-line reason. A scenario is named by an
immutable version or draft revision, so its payload is cached like the rest; it is resolved (and the viewer's
right to see it checked) by the function app.py injects, on every request: None is a 404. A store-backed
source (the public contributions) is read through the feed app.py injects and cached under the store's
current revision; the `contributions` parameter only makes the browser's URL change when that does.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from flask import Flask, Response, request

from geodata.catalog import Catalog
from geodata.queries import building, study_area_bounds
from geodata.scenario import ScenarioDocument, ScenarioError, document_json
from layers.base import Memo, Request, Source
from layers.binary import encode
from layers.registry import SOURCES
from layers.shapes import origin_of
from store.contributions import Contribution
from texts.i18n import DEFAULT_LANG, Lang, normalise_lang

CONTENT_TYPE = "application/vnd.dmc-twin.columns"
CACHE_ENTRIES = 512  # per process; a district needs ~20, a city's view a few hundred tiles
GZIP_LEVEL = 4  # measured on a city's tiles: 3 % larger than level 6, in a third of the time
# <id>@<version> or <id>@draft<revision>: ids are short URL-safe strings, numbers without leading zeros, so
# one scenario state has one spelling (and one cache entry).
SCENARIO_PARAM = re.compile(r"[A-Za-z0-9_-]{1,64}@(?:[1-9][0-9]{0,8}|draft(?:0|[1-9][0-9]{0,8}))")
ResolveScenario = Callable[[str], ScenarioDocument | None]
REVISION_PARAM = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
BUILDING_PARAM = re.compile(r"[^\x00-\x1f\x7f]{1,200}")  # any id the data may hold, bounded


@dataclass(frozen=True)
class ContributionFeed:
    """The public contributions and the revision that changes with them (app.py binds both to the store)."""

    revision: Callable[[], str]
    public: Callable[[], list[Contribution]]


def no_scenarios(_text: str) -> ScenarioDocument | None:
    """The resolver of an app without a scenario store: every scenario is unknown."""
    return None


class RefusedRequest(ValueError):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Payload:
    raw: bytes
    gzipped: bytes
    etag: str


class PayloadCache:
    """A bounded, thread-safe LRU of built payloads, owned by one app (never a module global)."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self._items: OrderedDict[tuple[Any, ...], Payload] = OrderedDict()
        self._entries = entries
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Payload | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: tuple[Any, ...], payload: Payload) -> None:
        with self._lock:
            self._items[key] = payload
            while len(self._items) > self._entries:
                self._items.popitem(last=False)


def payload_of(body: bytes) -> Payload:
    return Payload(body, gzip.compress(body, GZIP_LEVEL, mtime=0), hashlib.sha256(body).hexdigest()[:24])


def chosen_time(source: Source, args: dict[str, str]) -> datetime | None:
    """The `at` (an hour) or `on` (a day) parameter the source depends on, checked."""
    if "at" in source.params:
        return _parse(args.get("at"), "at", "YYYY-MM-DDTHH:00", _hour)
    if "on" in source.params:
        return _parse(args.get("on"), "on", "YYYY-MM-DD", _day)
    return None


def chosen_lang(source: Source, args: dict[str, str]) -> Lang:
    """The `lang` parameter of a source whose texts are words (checked); the default for the others."""
    if "lang" not in source.params:
        return DEFAULT_LANG
    lang = normalise_lang(args.get("lang"))
    if lang is None:
        raise RefusedRequest(400, "parameter 'lang' must be fr or en")
    return lang


def _hour(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    if at.tzinfo is not None or at.minute or at.second or at.microsecond or len(text) != 16:
        raise ValueError(text)
    return at


def _day(text: str) -> datetime:
    if len(text) != 10:
        raise ValueError(text)
    return datetime.combine(date.fromisoformat(text), datetime.min.time())


def _parse(text: str | None, name: str, form: str, parse: Any) -> datetime:
    if text is None:
        raise RefusedRequest(400, f"missing parameter '{name}' ({form})")
    try:
        value: datetime = parse(text)
    except ValueError:
        raise RefusedRequest(400, f"parameter '{name}' must be {form}") from None
    return value


def chosen_scenario(
    source: Source, args: dict[str, str], resolve: ResolveScenario
) -> tuple[str, ScenarioDocument] | None:
    """The scenario the source draws (its text and document), checked and resolved, or None if the source
    draws none."""
    if "scenario" not in source.params:
        return None
    text = args.get("scenario")
    if text is None:
        raise RefusedRequest(400, "missing parameter 'scenario' (<id>@<version> or <id>@draft<revision>)")
    if not SCENARIO_PARAM.fullmatch(text):
        raise RefusedRequest(400, "parameter 'scenario' must be <id>@<version> or <id>@draft<revision>")
    document = resolve(text)
    if document is None:
        raise RefusedRequest(404, "unknown scenario, or not yours to see")
    return text, document


def chosen_contributions(
    source: Source, args: dict[str, str], feed: ContributionFeed | None
) -> tuple[str, ContributionFeed] | None:
    """For a source of the public contributions: the store's current revision (what the payload is cached
    under) and the feed; None for other sources."""
    if "contributions" not in source.params:
        return None
    text = args.get("contributions")
    if text is None or not REVISION_PARAM.fullmatch(text):
        raise RefusedRequest(400, "parameter 'contributions' must be the public revision")
    if feed is None:
        raise RefusedRequest(404, "no contributions in this app")
    return feed.revision(), feed


def chosen_building(source: Source, args: dict[str, str], catalog: Catalog) -> str | None:
    """The selected building of a source that draws it, checked against the catalog; None for the others."""
    if "building" not in source.params:
        return None
    text = args.get("building")
    if text is None or not BUILDING_PARAM.fullmatch(text):
        raise RefusedRequest(400, "parameter 'building' must be a building id")
    if building(catalog.cursor(), text).num_rows == 0:
        raise RefusedRequest(404, "unknown building")
    return text


def checked_source(name: str, tile: tuple[int, int, int] | None) -> Source:
    source = SOURCES.get(name)
    if source is None:
        raise RefusedRequest(404, "unknown layer source")
    if (tile is None) != (source.tile_zoom is None):
        raise RefusedRequest(404, "this source is served " + ("as tiles" if tile is None else "whole"))
    if tile is not None and (tile[0] != source.tile_zoom or not all(0 <= v < 2 ** tile[0] for v in tile[1:])):
        raise RefusedRequest(404, f"this source is tiled at zoom {source.tile_zoom} only")
    return source


def content_key(document: ScenarioDocument | None) -> str | None:
    """What a scenario payload is cached under: its content. The reference text is not enough: the owner's
    and an admin's working copies of one scenario may both be at revision 3, with different changes."""
    if document is None:
        return None
    text = json.dumps(document_json(document), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _respond(payload: Payload, private: bool = False) -> Response:
    quoted = f'"{payload.etag}"'
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    etag = f'"{payload.etag}-gz"' if gzipped else quoted
    # A scenario may be someone's draft: no shared cache keeps it (the browser still revalidates with a 304).
    cache_control = "private, no-cache" if private else "public, no-cache"
    headers = {"ETag": etag, "Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if {quoted, f'"{payload.etag}-gz"'} & {
        tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")
    }:
        return Response(status=304, headers=headers)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    return Response(payload.gzipped if gzipped else payload.raw, headers=headers, content_type=CONTENT_TYPE)


def _refusal(error: RefusedRequest) -> Response:
    return Response(f"{error}\n", status=error.status, content_type="text/plain; charset=utf-8")


def register_layer_data(
    server: Flask,
    catalog: Catalog,
    resolve_scenario: ResolveScenario = no_scenarios,
    contributions: ContributionFeed | None = None,
) -> None:
    """The data routes; `resolve_scenario(text)` gives the document of "<id>@<n>" / "<id>@draft<rev>" when
    the current viewer may see it, else None; `contributions` feeds the store-backed source."""
    origin = origin_of(study_area_bounds(catalog.cursor()))  # the same origin as the page's map config
    cache, memo = PayloadCache(), Memo()

    def build(
        source: Source, key: tuple[Any, ...], request_: Request, feed: ContributionFeed | None = None
    ) -> Payload:
        payload = cache.get(key)
        if payload is None:
            if feed is not None:  # read only when not cached: one store query per revision and process
                request_ = replace(request_, contributions=tuple(feed.public()))
            try:
                columns = source.build(catalog.cursor(), request_)
            except ScenarioError as error:  # a stored document the baseline cannot draw
                raise RefusedRequest(400, f"scenario: {error}") from None
            payload = payload_of(encode(columns))
            cache.put(key, payload)
        return payload

    def serve(version: str, name: str, tile: tuple[int, int, int] | None) -> Response:
        try:
            if version != catalog.version:
                raise RefusedRequest(404, "unknown data version: reload the page")
            source = checked_source(name, tile)
            at = chosen_time(source, request.args)
            scenario = chosen_scenario(source, request.args, resolve_scenario)
            document = scenario[1] if scenario else None
            revision, feed = chosen_contributions(source, request.args, contributions) or (None, None)
            lang = chosen_lang(source, request.args)
            selected = chosen_building(source, request.args, catalog)
            key = (name, tile, at, content_key(document), revision, lang, selected)
            request_ = Request(origin, at, tile, memo, document, lang=lang, building=selected)
            payload = build(source, key, request_, feed)
        except RefusedRequest as error:
            return _refusal(error)
        return _respond(payload, private=scenario is not None)

    @server.get("/layer-data/<version>/<name>.bin")
    def whole_source(version: str, name: str) -> Response:
        return serve(version, name, None)

    @server.get("/layer-data/<version>/<name>/<int:z>/<int:x>/<int:y>.bin")
    def source_tile(version: str, name: str, z: int, x: int, y: int) -> Response:
        return serve(version, name, (z, x, y))
