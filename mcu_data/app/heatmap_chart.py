"""The matrix drawn with plotly: blue for calm, red for hot, a clickable point in every cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from mcu_data.app.charts import HEAT_SCALE
from mcu_data.core.locale import fmt_metric, label

DIVERGING = ("change_pct", "change_abs")


def matrix_figure(table: pd.DataFrame, metric: str, row_names: dict, col_names: dict, height: int | None = None,
                  font_size: int = 13) -> go.Figure:
    """Heat map of `table` (themes × columns); customdata carries the codes a click selects."""
    z = table.to_numpy(dtype=float)
    x = [col_names.get(c, c) for c in table.columns]
    y = [row_names.get(r, r) for r in table.index]
    text = [[fmt_metric(metric, v) for v in row] for row in z]
    finite = z[np.isfinite(z)]
    if metric in DIVERGING and finite.size:
        bound = float(np.nanmax(np.abs(finite))) or 1.0
        zmin, zmax = -bound, bound  # zero change sits in the neutral middle of the scale
    else:
        zmin, zmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    heat = go.Heatmap(
        z=z, x=x, y=y, text=text, texttemplate="%{text}", textfont={"size": font_size - 1},
        colorscale=HEAT_SCALE, zmin=zmin, zmax=zmax, xgap=2, ygap=2, hoverongaps=False,
        colorbar={"title": {"text": label("metric", metric), "side": "right", "font": {"size": font_size}},
                  "tickfont": {"size": font_size}, "thickness": 14 + font_size - 13},
        hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
    )
    # an invisible marker in each cell makes the cell selectable by a click
    cols, rows = np.meshgrid(np.arange(len(x)), np.arange(len(y)))
    keys = [[table.index[r], table.columns[c]] for r, c in zip(rows.ravel(), cols.ravel(), strict=True)]
    points = go.Scatter(
        x=[x[c] for c in cols.ravel()], y=[y[r] for r in rows.ravel()], mode="markers",
        marker={"size": 26, "opacity": 0, "symbol": "square"}, customdata=keys, hoverinfo="skip", showlegend=False,
    )
    fig = go.Figure([heat, points])
    fig.update_layout(
        height=height or max(380, 34 * len(y) + 140),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",
        font={"size": font_size},
        # tick sizes set on the axes themselves: Streamlit's chart theme sets them there and would win
        xaxis={"side": "top", "tickangle": -35, "type": "category", "tickfont": {"size": font_size}},
        yaxis={"autorange": "reversed", "type": "category", "tickfont": {"size": font_size}},
        clickmode="event+select",
        dragmode=False,
    )
    return fig
