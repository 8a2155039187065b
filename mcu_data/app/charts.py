"""Plotly charts in the house look: Russian separators, readable type, colours by meaning; no toolbar.

Built from graph objects directly: plotly express spends a tenth of a second on each figure working out
what these few lines say.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from mcu_data.core import colours
from mcu_data.core.locale import label

# plotly's own buttons speak English («Download plot as a PNG»): the charts are shown without them
CONFIG = {"displayModeBar": False, "displaylogo": False}
AXIS_INK = "#333333"  # 12.6 : 1 on white; Streamlit's default grey is below 4.5 : 1


def channel_colors() -> dict[str, str]:
    """A fixed colour per channel label, so a channel looks the same on every chart."""
    return {label("source_short", code): color for code, color in colours.CHANNELS.items()}


def style(fig: go.Figure, height: int = 320, reversed_y: bool = False, color: str | None = None) -> go.Figure:
    """Apply the house look in place and return the figure."""
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",  # decimal comma, thin space between thousands
        font={"size": 14, "color": colours.INK},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        bargap=0.25,
        xaxis={"tickfont": {"color": AXIS_INK}, "title": {"font": {"color": AXIS_INK}}},
        yaxis={"tickfont": {"color": AXIS_INK}, "title": {"font": {"color": AXIS_INK}}},
        plot_bgcolor=colours.PAPER,
    )
    if reversed_y:
        fig.update_yaxes(autorange="reversed")
    if color:
        fig.update_traces(marker_color=color)
    return fig


def bars(
    frame: pd.DataFrame,
    x: str,
    y: str,
    text: list[str],
    x_title: str,
    color: str = colours.NEUTRAL,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars in the frame's order, the first on top, one colour."""
    fig = go.Figure(
        go.Bar(
            x=list(frame[x]),
            y=list(frame[y]),
            orientation="h",
            text=text,
            textposition="auto",
            marker_color=color,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(title_text=x_title, gridcolor="#e6e6e6")
    return style(fig, height=height or max(220, 34 * len(frame) + 60), reversed_y=True)


def share_bars(
    names: list[str],
    shares: list[float],
    texts: list[str],
    target: float,
    x_title: str,
    height: int | None = None,
    bad_below: float | None = None,
) -> go.Figure:
    """Shares per recipient, coloured by meaning: at or above the target good, down to `bad_below` a warning,
    below it bad."""
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=names,
            orientation="h",
            text=texts,
            textposition="auto",
            hoverinfo="skip",
            marker_color=[colours.meaning(v, target, bad_below) for v in shares],
        )
    )
    fig.update_xaxes(title_text=x_title, tickformat=".0%", range=[0, 1.05], gridcolor="#e6e6e6")
    return style(fig, height=height or max(300, 26 * len(names) + 60))


def weekly_channels(weekly: pd.DataFrame, partial_week: pd.Timestamp | None, note: str) -> go.Figure:
    """Appeals per week and channel; an unfinished last week is marked as such, so it does not read as a fall."""
    fig = go.Figure()
    for code, color in colours.CHANNELS.items():
        part = weekly[weekly["source_code"] == code]
        if len(part):
            fig.add_trace(
                go.Bar(
                    x=list(part["week"]),
                    y=list(part["n"]),
                    name=label("source_short", code),
                    marker_color=color,
                    hovertemplate="%{x|%d.%m.%Y}: %{y}<extra></extra>",
                )
            )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="%d.%m.%Y", title_text="Неделя (с понедельника)")
    fig.update_yaxes(title_text="Обращений", gridcolor="#e6e6e6")
    if partial_week is not None:
        fig.add_vrect(
            x0=partial_week - pd.Timedelta(days=3.5),
            x1=partial_week + pd.Timedelta(days=3.5),
            fillcolor="#bdbdbd",
            opacity=0.35,
            line_width=0,
        )
        fig.add_annotation(
            x=partial_week,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=note,
            showarrow=False,
            font={"size": 12, "color": colours.INK},
        )
    return style(fig, height=300)


def on_time_trend(trend: pd.DataFrame) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=list(trend["week"]),
            y=list(trend["on_time_share"]),
            mode="lines+markers",
            line_color=colours.NEUTRAL,
            hovertemplate="%{x|%d.%m.%Y}: %{y:.0%}<extra></extra>",
        )
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text="Ответы в срок", gridcolor="#e6e6e6")
    fig.update_xaxes(tickformat="%d.%m.%Y", title_text="Неделя поступления")
    return style(fig, height=260)


# ratings 1–5 from bad to good: the diverging scale's red end, a light grey middle, its blue end
RATING_COLORS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")


def rating_distribution(names: list[str], shares: list[list[float]], counts: list[list[int]]) -> go.Figure:
    """Each row's ratings 1–5 as one bar of 100 %, the worst on the left; hover says the share and the count."""
    fig = go.Figure()
    for k, color in enumerate(RATING_COLORS):
        fig.add_trace(
            go.Bar(
                x=[row[k] for row in shares],
                y=names,
                orientation="h",
                name=f"Оценка {k + 1}",
                marker_color=color,
                customdata=[row[k] for row in counts],
                hovertemplate=f"%{{y}}: оценка {k + 1} — %{{x:.0%}} (%{{customdata}})<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text="Доля оценок", gridcolor="#e6e6e6")
    return style(fig, height=max(260, 28 * len(names) + 90), reversed_y=True)
