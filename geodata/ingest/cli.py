"""`python -m geodata.ingest buildings|occupancy|bookings|parking …`: one line per refusal, exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geodata.errors import InvalidDatasetError
from geodata.ingest.buildings import BuildingsOptions, ingest_buildings
from geodata.ingest.errors import IngestError
from geodata.ingest.records import RECORD_KINDS, merge_records
from geodata.ingest.report import REPORT_FILE, Report
from geodata.ingest.sources import SOURCES
from geodata.sample.swap import BuildInProgressError

EXIT_REFUSED = 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m geodata.ingest", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    buildings = commands.add_parser("buildings", help="a building file becomes a complete data directory")
    buildings.add_argument(
        "file",
        type=Path,
        help="GeoPackage, Shapefile, GeoJSON, FlatGeobuf, GeoParquet, .osm.pbf or CSV (WKT or lon/lat)",
    )
    buildings.add_argument("--layer", help="the layer of a multi-layer file (default: the buildings' one)")
    buildings.add_argument(
        "--source", help=f"one of {', '.join(SOURCES)} (default: detected from the columns)"
    )
    buildings.add_argument("--crs", help="the file's CRS when it states none, e.g. EPSG:2154")
    where = buildings.add_mutually_exclusive_group()
    where.add_argument("--study-area", type=Path, help="a polygon file: the buildings inside it are kept")
    where.add_argument("--bbox", help="minlon,minlat,maxlon,maxlat: the buildings inside it are kept")
    buildings.add_argument("--licence", help="the data's licence (default: the source's own)")
    buildings.add_argument(
        "--name", help="the district's name, shown in the app's title (default: the study area's, else none)"
    )
    buildings.add_argument("--out", type=Path, required=True, help="the data directory to write")
    for kind, help_text in RECORD_KINDS.items():
        records = commands.add_parser(kind, help=help_text)
        records.add_argument("file", type=Path, help="a CSV file (see README, 'Load your own district')")
        if kind == "parking":
            records.add_argument("--lots", type=Path, required=True, help="the car parks: a GIS file or CSV")
        records.add_argument("--licence", default="as stated by the records' owner", help="their licence")
        records.add_argument("--into", type=Path, required=True, help="the data directory to merge them into")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        report = _run(arguments)
    except (IngestError, InvalidDatasetError, BuildInProgressError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_REFUSED
    for line in report.summary():
        print(line)
    target = arguments.out if arguments.command == "buildings" else arguments.into
    print(f"report: {target / REPORT_FILE}")
    return 0


def _run(arguments: argparse.Namespace) -> Report:
    if arguments.command == "buildings":
        options = BuildingsOptions(
            arguments.file,
            arguments.out,
            arguments.layer,
            arguments.source,
            arguments.crs,
            arguments.study_area,
            arguments.bbox,
            arguments.licence,
            arguments.name,
        )
        return ingest_buildings(options)
    return merge_records(
        arguments.command, arguments.file, arguments.into, arguments.licence, getattr(arguments, "lots", None)
    )
