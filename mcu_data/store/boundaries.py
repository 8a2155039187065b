"""The boundary layer as the app keeps it: the user's real layer on disk, or the schematic; appeals re-placed by it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo.boundaries import BoundaryError, place_points, read_layer
from geo.maps import schematic_layer
from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.config import Settings
from mcu_data.ingest import guards
from mcu_data.store import Store


@dataclass(frozen=True)
class Layer:
    frame: gpd.GeoDataFrame  # oktmo, name_ru, geometry
    schematic: bool
    source: str
    tiles_url: str | None = None


def read_checked(data: bytes, file_name: str) -> gpd.GeoDataFrame:
    """A layer from a user's file: a zip is checked against archive bombs and paths before anything is unpacked."""
    if data.startswith(b"PK\x03\x04"):
        try:
            guards.check_zip(data, file_name)
        except guards.ArchiveError as exc:
            raise BoundaryError(str(exc)) from exc
    return read_layer(data, file_name)


def save(store: Store, layer: gpd.GeoDataFrame, path: Path) -> None:
    """Keep the layer; the audit entry is a write, so every cached map is rebuilt."""
    access.require(access.EDIT_RULES)
    path.parent.mkdir(parents=True, exist_ok=True)
    layer.to_file(path, driver="GeoJSON")
    audit.record(store, "boundaries_loaded", "слой границ", "сохранён: {len(layer)} поселений")


def reset(store: Store, path: Path) -> None:
    """Back to the schematic: the saved layer is removed."""
    access.require(access.EDIT_RULES)
    path.unlink(missing_ok=True)
    audit.record(store, "boundaries_loaded", "слой границ", "удалён: карта снова схема")


def current_layer(store: Store, settings: Settings) -> Layer:
    """The saved real layer if there is one; the schematic otherwise."""
    if settings.boundary_path.exists():
        frame = gpd.read_file(settings.boundary_path)
        frame["oktmo"] = frame["oktmo"].astype(str)
        return Layer(frame, False, settings.boundary_path.name, settings.map_tiles_url)
    settlements = store.query("select oktmo, name_ru from settlement")
    return Layer(schematic_layer(settlements), True, "схема")


def apply_to_store(store: Store, layer: gpd.GeoDataFrame) -> int:
    """Re-place appeals that carry coordinates, unless a person corrected their settlement; returns rows changed."""
    access.require(access.EDIT_RULES)
    rows = store.query(
        "select appeal_id, lat, lon, settlement_oktmo from appeal "
        "where lat is not null and lon is not null and coalesce(settlement_provenance, '') <> 'corrected'"
    )
    if rows.empty:
        return 0
    rows["placed"] = place_points(rows["lat"], rows["lon"], layer)
    changed = rows[rows["placed"].notna() & (rows["placed"] != rows["settlement_oktmo"])][["appeal_id", "placed"]]
    if changed.empty:
        audit.record(store, "boundaries_loaded", "слой границ", "обращения не перемещены")
        return 0
    with store.transaction() as tx:
        tx.register("placed_rows", changed)
        tx.execute(
            "update appeal set settlement_oktmo = p.placed, settlement_provenance = 'mapped', "
            "settlement_confidence = 0.95 from placed_rows p where appeal.appeal_id = p.appeal_id"
        )
        tx.unregister("placed_rows")
        audit.record(store, "boundaries_loaded", "слой границ", f"поселение уточнено у {len(changed)} обращений", tx=tx)
    return len(changed)
