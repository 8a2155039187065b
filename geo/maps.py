"""Folium maps that work with no network: Leaflet from the installed package, tiles only when configured."""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon, mapping

SCHEMATIC_NOTE = (
    "Схема: поселения показаны условными квадратами в алфавитном порядке. Границы поселений не опубликованы, "
    "поэтому расположение квадратов не соответствует местности. Загрузите настоящий слой границ на странице "
    "«Справочники», и карта станет географической."
)


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's script and styles as data: URIs, read from the XStatic-Leaflet package, never from a CDN."""
    import xstatic.pkg.leaflet as leaflet

    base = Path(leaflet.BASE_DIR)
    js = base64.b64encode((base / "leaflet.js").read_bytes()).decode("ascii")
    css = base64.b64encode((base / "leaflet.css").read_bytes()).decode("ascii")
    return f"data:text/javascript;base64,{js}", f"data:text/css;base64,{css}"


def schematic_layer(settlements: pd.DataFrame, per_row: int = 5) -> gpd.GeoDataFrame:
    """Equal squares on an abstract plane, one per settlement, alphabetical: a schematic, not a map."""
    ordered = settlements.sort_values("name_ru").reset_index(drop=True)
    shapes = []
    for i in range(len(ordered)):
        row, col = divmod(i, per_row)
        x, y = col * 12.0, -row * 12.0
        shapes.append(Polygon([(x, y), (x + 10, y), (x + 10, y - 10), (x, y - 10)]))
    layer = gpd.GeoDataFrame(ordered[["oktmo", "name_ru"]].copy(), geometry=shapes, crs=None)
    layer["schematic"] = True
    return layer


def build_map(
    layer: gpd.GeoDataFrame,
    colors: dict[str, str],
    tooltips: dict[str, str],
    no_data_color: str,
    tiles_url: str | None = None,
    tiles_attribution: str = "",
    leaflet: tuple[str, str] | None = None,
    label_inks: dict[str, tuple[str, str]] | None = None,
) -> folium.Map:
    """Settlements filled with the colours given per OKTMO (the caller owns the scale); schematic layers are drawn on
    a blank abstract plane. A settlement with no colour is filled with `no_data_color`. `leaflet` is the
    (script, styles) pair of addresses the server serves Leaflet at; without it Leaflet is embedded as data.
    `label_inks` gives the colour of each schematic square's name and of its halo (per OKTMO), so that the
    name reads on its fill."""
    schematic = bool(layer.get("schematic", pd.Series([False])).any()) or layer.crs is None
    bounds = layer.total_bounds  # minx, miny, maxx, maxy
    if schematic:
        fmap = folium.Map(
            crs="Simple",
            tiles=None,
            zoom_start=3,
            control_scale=False,
            prefer_canvas=True,
            zoom_snap=0.25,
            zoom_control=True,
            attribution_control=False,
        )
    else:
        fmap = folium.Map(tiles=None, control_scale=True, prefer_canvas=True, attribution_control=bool(tiles_url))
        if tiles_url:
            folium.TileLayer(tiles=tiles_url, attr=tiles_attribution or "подложка из настроек", name="Подложка").add_to(
                fmap
            )
    js, css = leaflet or leaflet_assets()
    fmap.default_js = [("leaflet", js)]
    fmap.default_css = [("leaflet_css", css)]
    for row in layer.itertuples():
        style = {
            "fillColor": colors.get(row.oktmo, no_data_color),
            "color": "#555555",
            "weight": 1,
            "fillOpacity": 0.85,
        }
        # a plain feature dict: a GeoDataFrame per settlement costs more than the whole rest of the map
        data = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"oktmo": row.oktmo, "name_ru": row.name_ru},
                    "geometry": mapping(row.geometry),
                }
            ],
        }
        feature = folium.GeoJson(
            data=data,
            style_function=lambda _f, s=style: s,
            highlight_function=lambda _f: {"weight": 3, "color": "#111111"},
            tooltip=folium.Tooltip(tooltips.get(row.oktmo, row.name_ru), sticky=True),
            name=row.oktmo,
        )
        feature.add_to(fmap)
        if schematic:
            ink, halo = (label_inks or {}).get(row.oktmo, ("#111111", "#ffffff"))
            centre = row.geometry.centroid
            folium.Marker(
                location=[centre.y, centre.x],
                icon=folium.DivIcon(
                    html=f'<div style="font: 13px sans-serif; text-align:center; width:120px; margin-left:-60px; '
                    f'color:{ink}; text-shadow:0 0 3px {halo}">{row.name_ru}</div>'
                ),
            ).add_to(fmap)
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    return fmap
