"""Build the sample DMC district: `python -m geodata.sample [--out DIR]` (default: the repository's data/).

Deterministic (fixed seed, no clock): every run writes the same content. Published atomically
(geodata.sample.swap): DIR becomes a symlink to a complete, validated version beside it, swapped by one
rename.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geodata.provenance import SAMPLE_NOTE, Provenance
from geodata.sample import activity as sample_activity
from geodata.sample import site as sample_site
from geodata.sample import spaces as sample_spaces
from geodata.sample.buildings import place_buildings
from geodata.sample.publish import Dataset, publish_datasets
from geodata.sample.swap import BuildInProgressError
from geodata.settings import DEFAULT_DATA_DIR

SAMPLE_DATE = "2026-11-23"
SAMPLE_SOURCE = "DMC Twin sample generator (python -m geodata.sample), figures from DMC-FACTS"
SAMPLE_LICENCE = "MIT (generated sample data)"
_TITLES = {
    "district": "Study area of the DMC district (~75 ha)",
    "buildings": "Mill buildings (footprints, heights, periods)",
    "floors": "Floors of the buildings, occupied or vacant",
    "spaces": "Bookable rooms, studios and textile machines",
    "parking_lots": "Parking lots",
    "biodiversity_plots": "Biodiversity survey plots",
    "bookings": "Bookings of spaces",
    "parking_occupancy": "Hourly free spaces per parking lot",
    "biodiversity_observations": "Species observed per plot",
}
COMMUNE_PROVENANCE = Provenance(
    title="Mulhouse commune boundary (INSEE 68224)",
    source="IGN Admin Express COG 2018 (simplified polygon, via the france-geojson collection)",
    date="2018-01-01",
    licence="Licence Ouverte (Etalab) — « IGN, Admin Express 2018 »",
    sample=False,
    note="real boundary; 2018 edition, date is the edition year; see geodata/reference/README.md",
)

INVENTED_NOTE = (
    "only bât. 48, 57, 59, 60, 62, 63, 75, 118 and the Réfectoire are the site's real building numbers; "
    "all other numbers and names, and the occupants other than Motoco (75) and the climbing centre (57), "
    "are invented for the sample"
)
_NOTES = {"buildings": f"{SAMPLE_NOTE}; {INVENTED_NOTE}", "floors": f"{SAMPLE_NOTE}; {INVENTED_NOTE}"}


def sample_provenance(name: str) -> Provenance:
    note = _NOTES.get(name, SAMPLE_NOTE)
    return Provenance(_TITLES[name], SAMPLE_SOURCE, SAMPLE_DATE, SAMPLE_LICENCE, True, note)


def sample_datasets() -> dict[str, Dataset]:
    """Every dataset of the sample district, keyed by name."""
    placed = place_buildings()
    spaces = sample_spaces.spaces(placed)
    lots = sample_site.parking_lots()
    plots = sample_site.biodiversity_plots()
    return {
        "district": sample_site.district(),
        "context_commune": sample_site.context_commune(),
        "buildings": sample_site.buildings(placed),
        "floors": sample_site.floors(placed),
        "spaces": spaces,
        "parking_lots": lots,
        "biodiversity_plots": plots,
        "bookings": sample_activity.bookings(
            list(spaces["space_id"]), list(spaces["kind"]), [int(c) for c in spaces["capacity"]]
        ),
        "parking_occupancy": sample_activity.parking_occupancy(
            list(lots["lot_id"]), [int(c) for c in lots["capacity"]], weekend_lots={"P1", "P5"}
        ),
        "biodiversity_observations": sample_activity.biodiversity_observations(
            list(plots["plot_id"]), list(plots["habitat"]), sample_site.species_pool_sizes()
        ),
    }


def build(out: Path) -> None:
    datasets = sample_datasets()
    provenance = {name: sample_provenance(name) for name in datasets if name != "context_commune"}
    provenance["context_commune"] = COMMUNE_PROVENANCE
    publish_datasets(datasets, provenance, out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the sample DMC district datasets.")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_DATA_DIR, help="output directory (default: data/)"
    )
    out = Path(os.path.abspath(parser.parse_args(argv).out))  # not resolve(): `out` may be the symlink
    try:
        build(out)
    except BuildInProgressError as error:
        sys.exit(str(error))
    print(f"sample data written to {out}")


if __name__ == "__main__":
    main()
