"""The map's datasets as files anyone may download:

    GET /export/<dataset>.<csv|geojson|parquet>
        [?at=YYYY-MM-DDTHH:MM][&scenario=<id>[&version=<n>]][&lang=fr|en]

Datasets and what `at` and `scenario` change: geodata/exports.py; the files: api/export_files.py. The query
is the page's own (components/view_query.py): the same values are accepted, and those the page would refuse
refuse the export, with a one-line message (400; 404 for an unknown dataset, format or a scenario the
person asking may not see, who is decided by the resolver app.py injects, as for the layer data). Without
`at` the export is of the page's default hour (now, kept inside the data's period); without `version`, of
the scenario's latest version. The file is named <dataset>-<YYYYMMDD-HHMM>.<ext>, after that hour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from flask import Flask, Response, request

from api.export_files import ENCODERS, MEDIA_TYPES
from components.view_query import (
    SCENARIO_ID,
    Problem,
    Query,
    echo,
    first,
    lang_of,
    local_now,
    parse_query,
    parsed,
    scenario_version,
)
from geodata.catalog import Catalog
from geodata.errors import ScenarioError
from geodata.exports import EXPORTS, FORMATS, SCENARIO_DATASETS, SOURCES, export_table
from geodata.queries import activity_time_range
from geodata.scenario import ScenarioDocument
from texts.i18n import DEFAULT_LANG, TEXT, Lang, t

ResolveScenario = Callable[[str], ScenarioDocument | None]
LatestVersion = Callable[[str], int | None]


class Refused(Exception):
    """A refused export: the HTTP status and the message's key and values (texts/exports.py)."""

    def __init__(self, status: int, key: str, values: Mapping[str, str]) -> None:
        super().__init__(key)
        self.status, self.key, self.values = status, key, dict(values)


@dataclass(frozen=True)
class Scenario:
    id: str
    version: int
    document: ScenarioDocument


@dataclass(frozen=True)
class ExportRequest:
    dataset: str
    fmt: str
    at: datetime
    scenario: Scenario | None


def split_name(name: str) -> tuple[str, str]:
    """'floors.csv' -> ('floors', 'csv'), or Refused (404) naming the unknown part."""
    dataset, dot, fmt = name.rpartition(".")
    if not dot:  # no extension: the dataset is judged alone, then the (empty) format
        dataset, fmt = name, ""
    if dataset not in EXPORTS:
        known = ", ".join(EXPORTS)
        raise Refused(404, "export_error_dataset", {"value": echo(dataset or name), "known": known})
    if fmt not in FORMATS:
        raise Refused(404, "export_error_format", {"value": echo(fmt), "known": ", ".join(FORMATS)})
    return dataset, fmt


def checked_at(search: str, period: tuple[datetime, datetime]) -> datetime:
    """The hour the page would show for this query; any value the page refuses refuses the export."""
    state = parse_query(search, period, local_now())
    refusal = next((p for p in state.problems if p[0].startswith("error_")), None)
    if refusal is not None:
        key, values = refusal
        raise Refused(400, f"export_{key}", values)
    return state.at


def checked_scenario(
    query: Query, latest_version: LatestVersion, resolve: ResolveScenario
) -> Scenario | None:
    """?scenario=<id>[&version=<n>] resolved for the person asking; None without a scenario."""
    raw_id, raw_version = first(query, "scenario"), first(query, "version")
    if raw_id is None:
        if raw_version is not None:
            raise Refused(400, "export_error_version_alone", {})
        return None
    well_formed = SCENARIO_ID.fullmatch(raw_id) is not None
    version = scenario_version(raw_id, raw_version, latest_version(raw_id) if well_formed else None)
    if not isinstance(version, int):
        raise _scenario_refusal(version, well_formed)
    document = resolve(f"{raw_id}@{version}")
    if document is None:  # hidden meanwhile, or saved before a rule tightened: not drawable
        raise Refused(404, "export_error_scenario_id", {"value": echo(raw_id)})
    return Scenario(raw_id, version, document)


def _scenario_refusal(problem: Problem, well_formed: bool) -> Refused:
    key, values = problem
    unknown = well_formed and key == "error_scenario_id"  # a well-formed id nobody may show you: 404
    return Refused(404 if unknown else 400, f"export_{key}", values)


def metadata(catalog: Catalog, request_: ExportRequest, rows: int) -> dict[str, Any]:
    """What the file says about itself: the dataset, hour, scenario and each source's provenance."""
    scenario = request_.scenario if request_.dataset in SCENARIO_DATASETS else None
    return {
        "dataset": request_.dataset,
        "at": request_.at.isoformat(timespec="minutes"),
        "time_zone": "Europe/Paris (times are local wall-clock time)",
        "scenario": None
        if scenario is None
        else {"id": scenario.id, "version": scenario.version, "name": scenario.document.name},
        "rows": rows,
        "sources": {name: asdict(catalog.provenance[name]) for name in SOURCES[request_.dataset]},
        "publisher": "DMC Twin (jumeau numérique du quartier DMC, Mulhouse)",
    }


def file_name(request_: ExportRequest) -> str:
    return f"{request_.dataset}-{request_.at:%Y%m%d-%H%M}.{request_.fmt}"


def _refusal(error: Refused, lang: Lang) -> Response:
    # A problem the page learns to find later, without an export wording yet: the page's own message.
    key = error.key if error.key in TEXT else error.key.removeprefix("export_")
    text = t(key, lang, **error.values)
    return Response(f"{text}\n", status=error.status, content_type="text/plain; charset=utf-8")


def register_exports(
    server: Flask, catalog: Catalog, resolve: ResolveScenario, latest_version: LatestVersion
) -> None:
    """The export route; `resolve("<id>@<n>")` and `latest_version(id)` answer for the person asking."""
    period = activity_time_range(catalog.cursor(), date.today())  # no activity data: today

    def checked(name: str, search: str) -> ExportRequest:
        dataset, fmt = split_name(name)
        at = checked_at(search, period)
        return ExportRequest(dataset, fmt, at, checked_scenario(parsed(search), latest_version, resolve))

    @server.get("/export/", defaults={"name": ""})
    @server.get("/export/<path:name>")  # a name with a slash is refused here, not served the page
    def export(name: str) -> Response:
        try:
            search = request.query_string.decode("utf-8")
        except UnicodeDecodeError:
            return _refusal(Refused(400, "export_error_query", {}), DEFAULT_LANG)
        lang = lang_of(parsed(search))[0]
        try:
            wanted = checked(name, search)
            document = wanted.scenario.document if wanted.scenario else None
            with contextlib.closing(catalog.cursor()) as cursor:
                table = export_table(cursor, wanted.dataset, wanted.at, document)
        except Refused as error:
            return _refusal(error, lang)
        except ScenarioError as error:  # a stored document the baseline cannot take
            return _refusal(Refused(400, "export_error_scenario_document", {"value": echo(str(error))}), lang)
        body = ENCODERS[wanted.fmt](table, metadata(catalog, wanted, table.num_rows))
        response = Response(body, content_type=MEDIA_TYPES[wanted.fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{file_name(wanted)}"'
        # A scenario may be someone's own version: no shared cache keeps it.
        response.headers["Cache-Control"] = "private, no-cache" if wanted.scenario else "public, no-cache"
        return response
