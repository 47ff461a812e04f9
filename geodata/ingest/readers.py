"""Read a GIS file into a GeoDataFrame in its own CRS: GeoPackage, Shapefile, GeoJSON, FlatGeobuf (GDAL,
through pyogrio), GeoParquet, OpenStreetMap PBF (pyrosm) and CSV with a WKT column or lon/lat columns."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import Transformer

from geodata.ingest.errors import IngestError

_WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom")
_LON_COLUMNS = ("lon", "lng", "longitude")
_LAT_COLUMNS = ("lat", "latitude")
# In a GeoPackage of several layers, the one whose name holds one of these is the buildings' (BD TOPO
# names it "batiment"); else the first.
_BUILDING_LAYER_WORDS = ("batiment", "building", "bati")


Box = tuple[float, float, float, float]  # west, south, east, north in degrees


def read_features(path: Path, layer: str | None = None, bbox: Box | None = None) -> gpd.GeoDataFrame:
    """The file's features with their attributes; crs is None when the file states none. With `bbox`, a
    GDAL file may return only the features whose envelope meets it (a département's BD TOPO holds
    hundreds of thousands of buildings; the exact study-area test comes later)."""
    if not path.is_file():
        raise IngestError(path, "file not found")
    name = path.name.lower()
    if name.endswith(".pbf"):
        return _read_pbf(path)
    if name.endswith(".csv"):
        return read_csv_features(path)
    if name.endswith((".parquet", ".geoparquet")):
        return _read_parquet(path)
    return _read_gdal(path, layer, bbox)


def _read_gdal(path: Path, layer: str | None, bbox: Box | None) -> gpd.GeoDataFrame:
    try:
        chosen = layer or _building_layer(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "several layers, the first is read": chosen above
            frame = pyogrio.read_dataframe(path, layer=chosen, bbox=_file_box(path, chosen, bbox))
    except DataLayerError:
        raise IngestError(path, f"no layer {layer!r} in the file") from None
    except (DataSourceError, OSError):
        raise IngestError(
            path, "not a GIS file that GDAL can read (GeoPackage, Shapefile, GeoJSON…)"
        ) from None
    if bbox is not None and len(frame) == 0:
        raise IngestError(path, "the study area contains none of the buildings (check its CRS and extent)")
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise IngestError(path, "no geometry in the file")
    return frame


def _file_box(path: Path, layer: str | None, bbox: Box | None) -> Box | None:
    """The lon/lat box in the file's own CRS (widened to hold the whole box), or None to read everything."""
    crs = pyogrio.read_info(path, layer=layer)["crs"] if bbox is not None else None
    if bbox is None or crs is None:
        return None
    west, south, east, north = Transformer.from_crs(4326, crs, always_xy=True).transform_bounds(*bbox)
    return (west, south, east, north)


def _building_layer(path: Path) -> str | None:
    names = [str(row[0]) for row in pyogrio.list_layers(path)]
    exact = [name for name in names if name.lower() in _BUILDING_LAYER_WORDS]
    if exact:  # BD TOPO also has layers such as "batiment_rnb_lien_bdtopo": the plain name wins
        return exact[0]
    for name in names:
        if any(word in name.lower() for word in _BUILDING_LAYER_WORDS):
            return name
    return names[0] if names else None


def _read_parquet(path: Path) -> gpd.GeoDataFrame:
    try:
        return gpd.read_parquet(path)
    except (ValueError, OSError) as error:
        raise IngestError(path, f"not a GeoParquet file ({str(error).splitlines()[0]})") from None


def _read_pbf(path: Path) -> gpd.GeoDataFrame:
    from pyrosm import OSM  # imported here: it takes a second, and only PBF input needs it

    try:
        frame = OSM(str(path)).get_buildings()
    except Exception as error:  # pyrosm raises bare exceptions on a corrupt file
        raise IngestError(path, f"not a readable OpenStreetMap PBF file ({type(error).__name__})") from None
    if frame is None or len(frame) == 0:
        raise IngestError(path, "no buildings (building=*) in the OpenStreetMap file")
    return frame


def read_csv_features(path: Path) -> gpd.GeoDataFrame:
    """A CSV with a WKT column (CRS unknown: --crs names it) or lon/lat columns (WGS 84 degrees)."""
    table = read_csv(path)
    columns = {column.lower(): column for column in table.columns}
    wkt = next((columns[name] for name in _WKT_COLUMNS if name in columns), None)
    if wkt is not None:
        try:
            shapes = shapely.from_wkt(table[wkt].fillna("").astype(str).to_numpy(), on_invalid="raise")
        except shapely.errors.GEOSException:
            raise IngestError(path, f"column '{wkt}' holds text that is not WKT") from None
        return gpd.GeoDataFrame(table.drop(columns=[wkt]), geometry=list(shapes), crs=None)
    lon = next((columns[name] for name in _LON_COLUMNS if name in columns), None)
    lat = next((columns[name] for name in _LAT_COLUMNS if name in columns), None)
    if lon is None or lat is None:
        raise IngestError(path, "no geometry: expected a WKT column or lon and lat columns")
    points = gpd.points_from_xy(pd.to_numeric(table[lon], "coerce"), pd.to_numeric(table[lat], "coerce"))
    return gpd.GeoDataFrame(table, geometry=points, crs="EPSG:4326")


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV read as text (ids stay ids: "007" is not 7), or a one-line refusal."""
    if not path.is_file():
        raise IngestError(path, "file not found")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except UnicodeDecodeError:
        raise IngestError(path, "not UTF-8 text") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise IngestError(path, f"not a CSV table ({str(error).splitlines()[0]})") from None
