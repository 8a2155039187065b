"""The settlement map as a plotly figure: polygons drawn as filled shapes, for the wall screen.

No tiles, no topojson, no script from elsewhere: the shapes are the layer's own coordinates, so the
figure draws offline and stays sharp at any screen size. A schematic layer keeps its squares and the
caller says that it is a schematic.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Polygon


def _rings(geometry) -> list[tuple[list[float], list[float]]]:
    """Outer rings of a polygon or multipolygon as x and y lists."""
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    rings = []
    for part in parts:
        if isinstance(part, Polygon) and not part.is_empty:
            xs, ys = part.exterior.coords.xy
            rings.append((list(xs), list(ys)))
    return rings


def settlement_figure(
    layer: gpd.GeoDataFrame,
    colors: dict[str, str],
    labels: dict[str, str],
    colorbar: dict,
    no_data_color: str,
    height: int = 640,
    font_size: int = 20,
) -> go.Figure:
    """Each settlement filled with its given colour, its name and value written on it; `colorbar` is the legend:
    {"title": …, "colorscale": …, "low": …, "high": …} as the caller's scale has it."""
    fig = go.Figure()
    for row in layer.itertuples():
        color = colors.get(row.oktmo, no_data_color)
        for xs, ys in _rings(row.geometry):
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    fill="toself",
                    fillcolor=color,
                    line={"color": "#333333", "width": 1.5},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    centres = layer.geometry.representative_point()
    fig.add_trace(
        go.Scatter(
            x=list(centres.x),
            y=list(centres.y),
            mode="text",
            text=[labels.get(k, name) for k, name in zip(layer["oktmo"], layer["name_ru"], strict=True)],
            textfont={"size": font_size, "color": "#111111"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # an invisible marker carries the colour bar, so the legend matches the fills
    low, high = colorbar["low"], colorbar["high"]
    fig.add_trace(
        go.Scatter(
            x=[centres.x.iloc[0]] * 2 if len(centres) else [0, 0],
            y=[centres.y.iloc[0]] * 2 if len(centres) else [0, 0],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            marker={
                "size": 0.1,
                "opacity": 0,
                "color": [low, high],
                "colorscale": colorbar["colorscale"],
                "cmin": low,
                "cmax": high,
                "showscale": True,
                "colorbar": {
                    "title": {
                        "text": colorbar["title"],
                        "side": "right",
                        "font": {"size": font_size - 2, "color": "#111111"},
                    },
                    "thickness": 24,
                    "tickfont": {"size": font_size - 2, "color": "#111111"},
                },
            },
        )
    )
    geographic = layer.crs is not None and not bool(layer.get("schematic", pd.Series([False])).any())
    # on real coordinates a degree of longitude is shorter than a degree of latitude
    ratio = 1.0
    if geographic and len(layer):
        mid_lat = float(layer.total_bounds[[1, 3]].mean())
        ratio = 1.0 / max(0.1, math.cos(math.radians(mid_lat)))
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        separators=", ",
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True, "scaleanchor": "x", "scaleratio": ratio},
    )
    return fig
