"""`ingest occupancy|bookings|parking … --into DIR`: a city's own records merged onto the floors, spaces
and car parks of a data directory by id, with a report of what matched; the directory is republished
atomically. Records whose ids match nothing are listed; a file where none match is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.geometry import WGS84, metric_crs_of
from geodata.ingest.errors import IngestError
from geodata.ingest.readers import read_csv, read_csv_features, read_features
from geodata.ingest.report import Report
from geodata.ingest.uses import use_code
from geodata.ingest.writer import Dataset, Extras, publish, read_directory, with_schema
from geodata.provenance import Provenance
from geodata.uses import USES, VACANT

RECORD_KINDS = {
    "occupancy": "floors' status, use and occupant by floor_id (or building_id + level)",
    "bookings": "bookings of spaces (space_id, floor_id, start, end); unknown spaces are created",
    "parking": "free places per car park over time (lot_id, observed_at, free_spaces) with --lots",
}
_STATUS = {
    "occupied": "occupied",
    "occupe": "occupied",
    "occupé": "occupied",
    "vacant": "vacant",
    "vide": "vacant",
}
# Added to a dataset's provenance rules (after the earlier ingestion's) when records are merged into it.
_RULES = {
    "floors": (
        "status: as the occupancy records give it for the floors they name (a use other than vacant, or an "
        "occupant, means occupied); the other floors keep theirs, empty where not known",
    ),
}
LOT_SIDE_M = 30.0  # a car park given as a point is drawn as a square of this side, centred on it
SPACE_KINDS = ("room", "studio", "machine")


def merge_records(kind: str, path: Path, into: Path, licence: str, lots: Path | None = None) -> Report:
    datasets, provenance = _directory(into)
    report = Report(kind, {"file": path.name, "into": str(into)})
    merge = {"occupancy": _occupancy, "bookings": _bookings}.get(kind)
    names = merge(read_csv(path), path, datasets, report) if merge else _parking(path, lots, datasets, report)
    entry = Provenance(
        f"{kind.capitalize()} records",
        f"{path.name} (the city's records)",
        _file_date(path),
        licence,
        False,
        f"merged with python -m geodata.ingest {kind}",
    )
    for name in names:
        rules = [*provenance.get(name, (entry, {}))[1].get("rules", []), *_RULES.get(name, ())]
        provenance[name] = (entry, {"file": path.name, "rows": len(datasets[name]), "rules": rules})
    publish(datasets, provenance, report, into)
    return report


def _directory(into: Path) -> tuple[dict[str, Dataset], dict[str, tuple[Provenance, Extras]]]:
    if not (into / "provenance.json").is_file():
        raise IngestError(into, "not a data directory (no provenance.json); run `ingest buildings` first")
    return read_directory(into)


def _file_date(path: Path) -> str:
    return date.fromtimestamp(path.stat().st_mtime).isoformat()


def _require(table: pd.DataFrame, path: Path, *names: str) -> None:
    missing = [name for name in names if name not in table.columns]
    if missing:
        raise IngestError(path, f"missing column {', '.join(repr(m) for m in missing)}")


def _nothing_matched(path: Path, what: str) -> IngestError:
    return IngestError(path, f"none of its ids match {what} of the data directory")


def _floor_keys(table: pd.DataFrame, floors: gpd.GeoDataFrame, path: Path) -> pd.Series:
    """Each record's floor_id: given, or from building_id + level; None when it names no floor."""
    known = set(floors["floor_id"])
    if "floor_id" in table.columns:
        return table["floor_id"].where(table["floor_id"].isin(known), None)
    _require(table, path, "building_id", "level")
    by_level = {
        (b, str(level)): f for f, b, level in floors[["floor_id", "building_id", "level"]].itertuples(False)
    }
    return pd.Series(
        [
            by_level.get((b, str(level).strip()))
            for b, level in zip(table["building_id"], table["level"], strict=True)
        ],
        dtype=object,
    )


def _occupancy(table: pd.DataFrame, path: Path, data: dict[str, Dataset], report: Report) -> list[str]:
    floors = data["floors"]
    assert isinstance(floors, gpd.GeoDataFrame)
    keys = _floor_keys(table, floors, path)
    report.add("unmatched", "unmatched", "names no floor of the data", _names(table, keys.isna()))
    if keys.isna().all():
        raise _nothing_matched(path, "the floors")
    given_status = _column(table, "status")
    status = [_STATUS.get(value.lower()) if value else None for value in given_status]
    bad = keys.notna() & pd.Series([given is not None and found is None
                                    for given, found in zip(given_status, status, strict=True)])  # fmt: skip
    report.add("bad_status", "dropped", "status other than occupied or vacant", _names(table, bad))
    uses = [
        (value if value in USES else use_code(value)) if value else None for value in _column(table, "use")
    ]
    position = pd.Index(floors["floor_id"]).get_indexer(keys.fillna(""))
    for row in np.flatnonzero((keys.notna() & ~bad).to_numpy()):
        _apply(floors, int(position[row]), status[row], uses[row], _column(table, "occupant")[row])
    report.add("matched", "matched", "floors updated", list(keys[keys.notna() & ~bad]))
    unknown = floors["status"].isna()
    report.facts["floors_status_unknown"] = int(unknown.sum())
    report.add(
        "status_unknown", "unmatched", "occupancy still not known", list(floors.loc[unknown, "floor_id"])
    )
    return ["floors"]


def _column(table: pd.DataFrame, name: str) -> list[str | None]:
    """A CSV column as text per row (None when the cell is empty or the column absent)."""
    if name not in table.columns:
        return [None] * len(table)
    return [_text(value) for value in table[name]]


def _apply(floors: gpd.GeoDataFrame, row: int, status: object, use: object, occupant: object) -> None:
    """As in scenarios: a vacant status makes the use vacant; a use other than vacant makes it occupied."""
    status, use, occupant = _text(status), _text(use), _text(occupant)
    current_use = floors.iat[row, floors.columns.get_loc("use")]
    new_use = use or (VACANT if status == VACANT else (current_use if current_use != VACANT else "storage"))
    new_status = status or (VACANT if new_use == VACANT else "occupied")
    if new_status == VACANT:
        new_use = VACANT
    elif new_use == VACANT:
        new_status = VACANT
    floors.iat[row, floors.columns.get_loc("use")] = new_use
    floors.iat[row, floors.columns.get_loc("status")] = new_status
    if occupant is not None:
        floors.iat[row, floors.columns.get_loc("occupant")] = occupant


def _text(value: object) -> str | None:
    """A cell as text, None when empty (pandas gives None or NaN for an empty cell)."""
    return value.strip() or None if isinstance(value, str) else None


def _names(table: pd.DataFrame, mask: pd.Series) -> list[str]:
    return [_name(table, int(row)) for row in np.flatnonzero(mask.to_numpy())]


def _name(table: pd.DataFrame, row: int) -> str:
    for column in ("space_id", "lot_id", "floor_id", "building_id"):
        if column in table.columns and isinstance(table[column].iloc[row], str):
            return str(table[column].iloc[row])
    return f"row {row + 2}"  # the CSV's line number (line 1 is the header)


def _times(values: pd.Series) -> pd.Series:
    """Local wall-clock times; a time with a zone is converted to Paris time (the twin's clock)."""
    parsed = pd.to_datetime(values, errors="coerce", format="ISO8601", utc=False)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("Europe/Paris").dt.tz_localize(None)
    return parsed.astype("datetime64[us]")


def _bookings(table: pd.DataFrame, path: Path, data: dict[str, Dataset], report: Report) -> list[str]:
    _require(table, path, "space_id", "start", "end")
    floors, spaces = data["floors"], data["spaces"]
    assert isinstance(floors, gpd.GeoDataFrame) and isinstance(spaces, gpd.GeoDataFrame)
    known = set(spaces["space_id"])
    floor_of = (
        _floor_keys(table, floors, path)
        if {"floor_id", "building_id"} & set(table.columns)
        else pd.Series([None] * len(table))
    )
    start, end = _times(table["start"]), _times(table["end"])
    placed = table["space_id"].isin(known) | floor_of.notna()
    bad_time = placed & (start.isna() | end.isna() | (end <= start))
    report.add(
        "unmatched",
        "unmatched",
        "names no known space and no floor of the data",
        _names(table, ~placed),
    )
    report.add(
        "bad_time",
        "dropped",
        "start or end missing, not ISO 8601, or end not after start",
        _names(table, bad_time),
    )
    keep = (placed & ~bad_time).to_numpy()
    if not keep.any():
        raise _nothing_matched(path, "the spaces or floors")
    kept = table.loc[keep].assign(floor_of=floor_of[keep].to_numpy())
    new = kept.loc[~kept["space_id"].isin(known)].drop_duplicates("space_id")
    data["spaces"] = pd.concat([spaces, _new_spaces(new, floors)], ignore_index=True)
    report.add(
        "space_created", "derived", "new space on its floor (the floor's footprint)", list(new["space_id"])
    )
    data["bookings"] = _booking_table(kept, start[keep], end[keep], data["bookings"])
    report.add(
        "matched",
        "matched",
        "bookings imported (booked_by is not imported: personal data)",
        list(kept["space_id"]),
    )
    return ["spaces", "bookings"]


def _new_spaces(new: pd.DataFrame, floors: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    parent = floors.set_index("floor_id").loc[new["floor_of"].to_numpy()]
    kinds = new.get("kind", pd.Series(["room"] * len(new), index=new.index)).where(
        lambda k: k.isin(SPACE_KINDS), "room"
    )
    capacity = pd.to_numeric(new.get("capacity", pd.Series([1] * len(new), index=new.index)), errors="coerce")
    columns = {
        "space_id": new["space_id"].to_numpy(),
        "name": new.get("space_name", new["space_id"]).fillna("").to_numpy(),
        "kind": kinds.to_numpy(),
        "floor_id": new["floor_of"].to_numpy(),
        "building_id": parent["building_id"].to_numpy(),
        "level": parent["level"].astype(np.int64).to_numpy(),
        "capacity": capacity.fillna(1).clip(lower=0).astype(np.int64).to_numpy(),
    }
    return gpd.GeoDataFrame(columns, geometry=parent.geometry.to_numpy(), crs=WGS84)


def _booking_table(kept: pd.DataFrame, start: pd.Series, end: pd.Series, existing: Dataset) -> Dataset:
    ids = (
        kept["booking_id"]
        if "booking_id" in kept.columns
        else pd.Series([f"K{row:07d}" for row in range(len(kept))], index=kept.index)
    )
    frame = pd.DataFrame(
        {
            "booking_id": ids.to_numpy(),
            "space_id": kept["space_id"].to_numpy(),
            "start": start.to_numpy(),
            "end": end.to_numpy(),
            "booked_by": [""] * len(kept),
        }
    )
    old = existing.to_pandas() if not isinstance(existing, pd.DataFrame) else existing
    merged = pd.concat([old[~old["booking_id"].isin(frame["booking_id"])], frame], ignore_index=True)
    return with_schema(merged, "bookings")


def _parking(path: Path, lots_path: Path | None, data: dict[str, Dataset], report: Report) -> list[str]:
    if lots_path is None:
        raise IngestError(path, "parking needs --lots FILE (the car parks, a GIS file or a CSV)")
    lots = _lots(lots_path)
    existing = data["parking_lots"]
    assert isinstance(existing, gpd.GeoDataFrame)
    data["parking_lots"] = pd.concat(
        [existing[~existing["lot_id"].isin(lots["lot_id"])], lots], ignore_index=True
    )
    table = read_csv(path)
    _require(table, path, "lot_id", "observed_at", "free_spaces")
    all_lots = data["parking_lots"]
    capacity = dict(zip(all_lots["lot_id"], all_lots["capacity"], strict=True))
    known = table["lot_id"].isin(set(capacity))
    report.add("unmatched", "unmatched", "names no car park", _names(table, ~known))
    if not known.any():
        raise _nothing_matched(path, "the car parks")
    times, free = _times(table["observed_at"]), pd.to_numeric(table["free_spaces"], errors="coerce")
    bad = known & (times.isna() | free.isna() | (free < 0))
    report.add(
        "bad_value",
        "dropped",
        "time not ISO 8601, or free places missing or negative",
        _names(table, bad),
    )
    keep = (known & ~bad).to_numpy()
    frame = pd.DataFrame(
        {
            "lot_id": table["lot_id"][keep].to_numpy(),
            "observed_at": times[keep].to_numpy(),
            "free_spaces": free[keep].astype(np.int64).to_numpy(),
        }
    )
    report.add("matched", "matched", "observations imported", list(frame["lot_id"]))
    old = data["parking_occupancy"]
    old_frame = old.to_pandas() if not isinstance(old, pd.DataFrame) else old
    merged = pd.concat([old_frame, frame], ignore_index=True).drop_duplicates(
        ["lot_id", "observed_at"], keep="last"
    )
    data["parking_occupancy"] = with_schema(merged, "parking_occupancy")
    return ["parking_lots", "parking_occupancy"]


def _lots(path: Path) -> gpd.GeoDataFrame:
    """Car parks: lot_id, name, capacity and a polygon (a point becomes a LOT_SIDE_M square)."""
    frame = read_csv_features(path) if path.suffix.lower() == ".csv" else read_features(path)
    if frame.crs is None:
        raise IngestError(path, "no CRS in the file (a CSV of car parks needs lon and lat columns)")
    frame = frame.to_crs(WGS84)
    _require(pd.DataFrame(columns=frame.columns), path, "lot_id", "capacity")
    points = frame.geometry.geom_type == "Point"
    if points.any():
        epsg = metric_crs_of(list(frame.geometry))
        squares = (
            frame.loc[points].geometry.to_crs(epsg).buffer(LOT_SIDE_M / 2, cap_style="square").to_crs(WGS84)
        )
        frame.loc[points, "geometry"] = squares
    capacity = pd.to_numeric(frame["capacity"], errors="coerce")
    if capacity.isna().any() or (capacity < 0).any():
        raise IngestError(path, "column 'capacity' must hold a whole number ≥ 0 on every row")
    name = frame["name"] if "name" in frame.columns else frame["lot_id"]
    geometry = shapely.make_valid(frame.geometry.to_numpy())
    return gpd.GeoDataFrame(
        {
            "lot_id": frame["lot_id"].astype(str).to_numpy(),
            "name": name.fillna("").astype(str).to_numpy(),
            "capacity": capacity.astype(np.int64).to_numpy(),
        },
        geometry=geometry,
        crs=WGS84,
    )
