"""A real boundary layer: read in three formats, matched by OKTMO or by name, and used to place points."""

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.boundaries import BoundaryError, match, place_points, read_layer
from mcu_data.store import Store
from mcu_data.store.boundaries import apply_to_store

# Test squares, not real boundaries: Борское and Петровка hold the sample's verified points.
SQUARES = {
    "36612408": ("с.п. Борское", box(51.62, 52.98, 51.78, 53.08)),
    "36612436": ("сельское поселение Петровка", box(51.88, 53.18, 52.02, 53.28)),
    "36612444": ("СП Подсолнечнное", box(52.03, 53.10, 52.15, 53.20)),
}


def layer(by_code: bool = True, extra: bool = True) -> gpd.GeoDataFrame:
    rows = [
        {"OKTMO": code + "101" if by_code else "", "NAME": name, "geometry": geom}
        for code, (name, geom) in SQUARES.items()
    ]
    if extra:
        rows.append(
            {
                "OKTMO": "36701000001" if by_code else "",
                "NAME": "городской округ Самара",
                "geometry": box(50.0, 53.0, 50.2, 53.2),
            }
        )
    frame = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    return frame if by_code else frame.drop(columns="OKTMO")


def as_bytes(frame: gpd.GeoDataFrame, fmt: str, tmp: Path) -> tuple[bytes, str]:
    if fmt == "geojson":
        path = tmp / "layer.geojson"
        frame.to_file(path, driver="GeoJSON")
        return path.read_bytes(), path.name
    if fmt == "gpkg":
        path = tmp / "layer.gpkg"
        frame.to_file(path, driver="GPKG")
        return path.read_bytes(), path.name
    folder = tmp / "shp"
    folder.mkdir()
    frame.to_file(folder / "granicy.shp", encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part in folder.iterdir():
            z.write(part, part.name)
    return buf.getvalue(), "granicy.zip"


@pytest.fixture
def settlements(empty_store: Store):
    return empty_store.query("select oktmo, name_ru from settlement")


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "shp"])
def test_read_and_match_by_oktmo(tmp_path, settlements, fmt):
    data, name = as_bytes(layer(by_code=True), fmt, tmp_path)
    matched, report = match(read_layer(data, name), settlements)
    assert report.by == "ОКТМО"
    assert set(matched["oktmo"]) == {"36612408", "36612436", "36612444"}
    assert report.unmatched_features == ["36701000001"]
    assert len(report.settlements_without_geometry) == 10
    assert matched.crs.to_epsg() == 4326


def test_match_by_name_fuzzily(tmp_path, settlements):
    data, name = as_bytes(layer(by_code=False), "geojson", tmp_path)
    matched, report = match(read_layer(data, name), settlements)
    assert report.by == "названию"
    assert dict(zip(matched["oktmo"], matched["name_ru"], strict=True)) == {
        "36612408": "Борское",
        "36612436": "Петровка",
        "36612444": "Подсолнечное",
    }
    assert report.unmatched_features == ["городской округ Самара"]


@pytest.mark.parametrize(("data", "message"), [(b"not a layer", "не читается"), (b"", "не читается")])
def test_bad_layers_are_refused(data, message):
    with pytest.raises(BoundaryError, match=message):
        read_layer(data, "x.geojson")


def test_points_are_placed_by_polygon(settlements, tmp_path):
    data, name = as_bytes(layer(), "geojson", tmp_path)
    matched, _ = match(read_layer(data, name), settlements)
    import pandas as pd

    placed = place_points(pd.Series([53.23, 53.03, 55.0, None]), pd.Series([51.95, 51.70, 40.0, None]), matched)
    assert list(placed) == ["36612436", "36612408", None, None]


def test_loaded_layer_reassigns_appeals_with_coordinates(sample_store: Store, tmp_path):
    squares = layer(extra=False)
    # deliberately swap a label: every point inside Петровка's square now belongs to «Усманка»
    squares.loc[squares["NAME"].str.contains("Петровка"), "OKTMO"] = "36612452101"
    data, name = as_bytes(squares, "geojson", tmp_path)
    matched, _ = match(read_layer(data, name), sample_store.query("select oktmo, name_ru from settlement"))
    with_points = sample_store.scalar(
        "select count(*) from appeal where lat between 53.18 and 53.28 and lon between 51.88 and 52.02"
    )
    assert with_points > 0
    moved = apply_to_store(sample_store, matched)
    assert moved == with_points
    assert (
        sample_store.scalar(
            "select count(*) from appeal where lat between 53.18 and 53.28 and lon between 51.88 and 52.02 "
            "and settlement_oktmo = '36612452'"
        )
        == with_points
    )
    assert apply_to_store(sample_store, matched) == 0  # a second time changes nothing


def test_import_places_points_with_a_saved_layer(empty_store: Store, tmp_path, monkeypatch):
    from mcu_data.ingest.loader import import_bytes
    from mcu_data.store.boundaries import save
    from tests.files import pos_rows, xlsx_bytes

    data, name = as_bytes(layer(), "geojson", tmp_path)
    matched, _ = match(read_layer(data, name), empty_store.query("select oktmo, name_ru from settlement"))
    target = tmp_path / "boundaries.geojson"
    save(empty_store, matched, target)
    monkeypatch.setenv("MCU_BOUNDARY_PATH", str(target))
    rows = pos_rows(1)
    rows[1][5] = "Самарская обл."  # no settlement in the address: the point decides
    rows[1][4] = "Яма на дороге"
    import_bytes(empty_store, xlsx_bytes(rows), "pos.xlsx")
    assert empty_store.rows("select settlement_oktmo, settlement_provenance from appeal")[0] == ("36612436", "mapped")


def test_a_saved_layer_replaces_the_schematic(empty_store: Store, tmp_path, monkeypatch):
    from mcu_data.core.config import load_settings
    from mcu_data.store.boundaries import current_layer, save

    target = tmp_path / "b.geojson"
    monkeypatch.setenv("MCU_BOUNDARY_PATH", str(target))
    before = current_layer(empty_store, load_settings())
    assert before.schematic and len(before.frame) == 13
    data, name = as_bytes(layer(), "geojson", tmp_path)
    matched, _ = match(read_layer(data, name), empty_store.query("select oktmo, name_ru from settlement"))
    save(empty_store, matched, target)
    after = current_layer(empty_store, load_settings())
    assert not after.schematic and set(after.frame["oktmo"]) == {"36612408", "36612436", "36612444"}
    assert after.frame.crs.to_epsg() == 4326
