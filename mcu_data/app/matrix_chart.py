"""The matrix drawn with plotly: light to dark for amounts, blue to red for change, grey where there is no value.

Each cell carries an invisible but hoverable marker with its codes: a click on the cell selects that marker,
and the page opens the cell's appeals. The numbers are the heat map's own text, which plotly writes dark on
light cells and light on dark ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from mcu_data.core import colours
from mcu_data.core import definitions as d
from mcu_data.core.locale import fmt_int, fmt_metric, label

DIVERGING = ("change_pct", "change_abs")


def value_range(values: np.ndarray, diverging: bool) -> tuple[float, float]:
    """The colour range: symmetric around zero for change, from zero up for amounts."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return (-1.0, 1.0) if diverging else (0.0, 1.0)
    if diverging:
        bound = float(np.max(np.abs(finite))) or 1.0
        return -bound, bound
    return 0.0, float(finite.max()) or 1.0


def matrix_figure(
    table: pd.DataFrame,
    metric: str,
    row_names: dict,
    col_names: dict,
    height: int | None = None,
    font_size: int = 13,
    legend: str | None = None,
    bases: pd.DataFrame | None = None,
) -> go.Figure:
    """Heat map of `table` (themes × columns); the markers' customdata carry the codes a click selects.

    `bases`, for a share or a change: how many appeals each cell's value is drawn from; a value from fewer than
    definitions.SMALL_BASE is written in italics, and its hover says from how many.
    """
    z = table.to_numpy(dtype=float)
    x = [col_names.get(c, c) for c in table.columns]
    y = [row_names.get(r, r) for r in table.index]
    diverging = metric in DIVERGING
    low, high = value_range(z, diverging)
    missing = np.where(np.isnan(z), 1.0, np.nan)
    texts = np.vectorize(lambda v: "—" if np.isnan(v) else fmt_metric(metric, v), otypes=[object])(z)
    base = np.full(z.shape, np.nan) if bases is None else bases.reindex_like(table).to_numpy(dtype=float)
    small = ~np.isnan(z) & (base < d.SMALL_BASE)
    hover_texts = np.where(
        small, texts + " — из " + np.vectorize(fmt_int, otypes=[object])(np.nan_to_num(base)) + " обращ.", texts
    )
    texts = np.where(small, "<i>" + texts + "</i>", texts)
    # the numbers are the heat map's own text: plotly writes each dark on light cells and light on dark ones
    no_data = go.Heatmap(
        z=missing,
        x=x,
        y=y,
        text=np.where(np.isnan(z), "—", ""),
        texttemplate="%{text}",
        textfont={"size": font_size - 1, "color": colours.INK},
        colorscale=[[0, colours.NO_DATA], [1, colours.NO_DATA]],
        showscale=False,
        xgap=2,
        ygap=2,
        hoverinfo="skip",
    )
    heat = go.Heatmap(
        z=z,
        x=x,
        y=y,
        colorscale=colours.colorscale(diverging),
        zmin=low,
        zmax=high,
        text=texts,
        texttemplate="%{text}",
        textfont={"size": font_size - 1},
        xgap=2,
        ygap=2,
        hoverinfo="skip",
        colorbar={
            "title": {"text": legend or label("metric", metric), "side": "right", "font": {"size": font_size}},
            "tickfont": {"size": font_size},
            "thickness": 14 + font_size - 13,
        },
    )
    cols, rows = np.meshgrid(np.arange(len(x)), np.arange(len(y)))
    rows, cols = rows.ravel(), cols.ravel()
    values = z[rows, cols]
    xs, ys = np.array(x, dtype=object)[cols], np.array(y, dtype=object)[rows]
    hover = ys + " · " + xs + "<br>" + np.where(np.isnan(values), "нет данных", hover_texts.ravel())
    # a near-invisible marker in each cell: hoverable, so a click selects it (an unhoverable one selects nothing)
    points = go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"size": 30, "opacity": 0.01, "symbol": "square", "color": colours.INK},
        customdata=np.column_stack(
            [np.array(table.index, dtype=object)[rows], np.array(table.columns, dtype=object)[cols]]
        ),
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        selected={"marker": {"opacity": 0.01}},
        unselected={"marker": {"opacity": 0.01}},
    )
    fig = go.Figure([no_data, heat, points])
    fig.update_layout(
        height=height or max(380, 34 * len(y) + 140),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",
        font={"size": font_size, "color": colours.INK},
        plot_bgcolor=colours.PAPER,
        # tick sizes set on the axes themselves: Streamlit's chart theme sets them there and would win
        xaxis={
            "side": "top",
            "tickangle": -35,
            "type": "category",
            "tickfont": {"size": font_size, "color": colours.INK},
        },
        yaxis={"autorange": "reversed", "type": "category", "tickfont": {"size": font_size, "color": colours.INK}},
        clickmode="event+select",
        dragmode=False,
    )
    return fig
