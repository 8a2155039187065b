"""A boundary layer of settlements: read from a file, matched to settlements by OKTMO or name, simplified; points in it.

Pure geography: it knows nothing of the store or of who may change what (that is mcu_data.store.boundaries).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process

WGS84 = "EPSG:4326"
SIMPLIFY_DEGREES = 0.0005  # about 50 m: invisible at district scale, and the map stays light
NAME_MIN_SCORE = 85
NAME_NOISE = re.compile(
    r"(?<!\w)(сельское поселение|сельского поселения|поселение|сп|с\.\s?п\.|муниципальное образование)(?!\w)",
    re.IGNORECASE,
)


class BoundaryError(ValueError):
    """A layer that cannot be used; the message is in Russian."""


@dataclass
class MatchReport:
    matched: dict[str, str] = field(default_factory=dict)  # oktmo -> the feature's own label
    by: str = ""  # "ОКТМО" or "названию"
    unmatched_features: list[str] = field(default_factory=list)
    settlements_without_geometry: list[str] = field(default_factory=list)


def read_layer(data: bytes, file_name: str) -> gpd.GeoDataFrame:
    """GeoJSON, GeoPackage or a zipped shapefile, in WGS 84."""
    suffix = Path(file_name).suffix.lower()
    if not suffix[1:].isalnum():  # the name is the user's: only a plain extension reaches the file system
        suffix = ".bin"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"layer{suffix or '.bin'}"
        path.write_bytes(data)
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    shp = [n for n in archive.namelist() if n.lower().endswith(".shp")]
                    if not shp:
                        raise BoundaryError(f"В архиве «{file_name}» нет файла .shp.")
                    archive.extractall(tmp)
                frame = gpd.read_file(Path(tmp) / shp[0])
            else:
                frame = gpd.read_file(path)
        except BoundaryError:
            raise
        except Exception as exc:  # pyogrio raises several types for unreadable files
            raise BoundaryError(
                f"Файл «{file_name}» не читается как слой границ (GeoJSON, GeoPackage или shapefile в zip): {exc}"
            ) from exc
    if frame.empty:
        raise BoundaryError(f"В слое «{file_name}» нет ни одного объекта.")
    frame = frame[frame.geometry.notna() & frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        raise BoundaryError(f"В слое «{file_name}» нет многоугольников: нужны границы, а не точки или линии.")
    return frame.set_crs(WGS84) if frame.crs is None else frame.to_crs(WGS84)


def _clean(name: str) -> str:
    return NAME_NOISE.sub("", str(name)).replace("ё", "е").strip(' .,«»"').lower()


def match(frame: gpd.GeoDataFrame, settlements: pd.DataFrame) -> tuple[gpd.GeoDataFrame, MatchReport]:
    """Features to settlements: by an OKTMO column when there is one, else by a name column, fuzzily."""
    report = MatchReport()
    codes = set(settlements["oktmo"])
    text_cols = [c for c in frame.columns if c != "geometry"]
    best_code_col, best_hits = None, 0
    for col in text_cols:
        values = frame[col].astype(str).str.strip().str[:8]
        hits = int(values.isin(codes).sum())
        if hits > best_hits:
            best_code_col, best_hits = col, hits
    if best_code_col is not None:
        keys = frame[best_code_col].astype(str).str.strip().str[:8].where(lambda s: s.isin(codes))
        label_col = best_code_col
        report.by = "ОКТМО"
    else:
        names = {_clean(n): code for n, code in zip(settlements["name_ru"], settlements["oktmo"], strict=True)}
        best_col, best_score, best_keys = None, 0, None
        for col in text_cols:
            found = []
            for value in frame[col].astype(str):
                hit = process.extractOne(_clean(value), list(names), scorer=fuzz.token_sort_ratio)
                found.append(names[hit[0]] if hit and hit[1] >= NAME_MIN_SCORE else None)
            score = sum(1 for f in found if f)
            if score > best_score:
                best_col, best_score, best_keys = col, score, found
        if best_col is None:
            raise BoundaryError(
                "Ни один объект слоя не сопоставился с поселениями: нет столбца с кодом ОКТМО и нет столбца "
                "с названиями, похожими на названия поселений района."
            )
        keys = pd.Series(best_keys, index=frame.index)
        label_col = best_col
        report.by = "названию"
    labelled = frame.assign(oktmo=keys)
    report.unmatched_features = [str(v) for v in labelled.loc[labelled["oktmo"].isna(), label_col]]
    kept = labelled[labelled["oktmo"].notna()]
    report.matched = {k: str(v) for k, v in zip(kept["oktmo"], kept[label_col], strict=True)}
    merged = kept.dissolve(by="oktmo", as_index=False)[["oktmo", "geometry"]]
    merged["geometry"] = merged.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    merged = merged.merge(settlements[["oktmo", "name_ru"]], on="oktmo")
    report.settlements_without_geometry = sorted(set(settlements["name_ru"]) - set(merged["name_ru"]))
    return gpd.GeoDataFrame(merged[["oktmo", "name_ru", "geometry"]], crs=WGS84), report


def place_points(lat: pd.Series, lon: pd.Series, layer: gpd.GeoDataFrame) -> pd.Series:
    """The settlement whose polygon holds each point; None outside every polygon or without coordinates."""
    result = pd.Series([None] * len(lat), index=lat.index, dtype="object")
    has = lat.notna() & lon.notna()
    if not has.any() or layer.empty:
        return result
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[has], lat[has]), index=lat.index[has], crs=WGS84)
    joined = gpd.sjoin(points, layer[["oktmo", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    found = joined["oktmo"].astype(object)
    result.loc[joined.index] = found.where(found.notna(), None)
    return result
