"""Plotly charts in the house look: Russian separators, readable type, colours by meaning; no toolbar."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
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
    )
    fig.update_xaxes(tickfont={"color": AXIS_INK}, title_font={"color": AXIS_INK})
    fig.update_yaxes(tickfont={"color": AXIS_INK}, title_font={"color": AXIS_INK})
    if reversed_y:
        fig.update_yaxes(autorange="reversed")
    if color:
        fig.update_traces(marker_color=color)
    for trace in fig.data:
        if trace.type == "bar" and trace.text is not None:
            trace.textposition = "auto"
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
    """Horizontal bars, biggest on top, one colour."""
    fig = px.bar(frame, x=x, y=y, orientation="h", text=text, labels={x: x_title, y: ""})
    return style(fig, height=height or max(220, 34 * len(frame) + 60), reversed_y=True, color=color)


def share_bars(
    names: list[str], shares: list[float], texts: list[str], target: float, x_title: str, height: int | None = None
) -> go.Figure:
    """Shares per recipient, coloured by meaning: at or above the target good, below it bad."""
    frame = pd.DataFrame({"name": names, "share": shares})
    fig = px.bar(frame, x="share", y="name", orientation="h", text=texts, labels={"share": x_title, "name": ""})
    fig.update_traces(marker_color=[colours.GOOD if v >= target else colours.BAD for v in shares])
    fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    return style(fig, height=height or max(300, 26 * len(frame) + 60))


def weekly_channels(weekly: pd.DataFrame, partial_week: pd.Timestamp | None, note: str) -> go.Figure:
    """Appeals per week and channel; an unfinished last week is marked as such, so it does not read as a fall."""
    frame = weekly.assign(channel=weekly["source_code"].map(lambda c: label("source_short", c)))
    fig = px.bar(
        frame,
        x="week",
        y="n",
        color="channel",
        color_discrete_map=channel_colors(),
        labels={"week": "Неделя (с понедельника)", "n": "Обращений", "channel": "Канал"},
    )
    fig.update_xaxes(tickformat="%d.%m.%Y")
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
    fig = px.line(
        trend,
        x="week",
        y="on_time_share",
        markers=True,
        labels={"week": "Неделя поступления", "on_time_share": "Ответы в срок"},
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    fig.update_xaxes(tickformat="%d.%m.%Y")
    fig.update_traces(line_color=colours.NEUTRAL)
    return style(fig, height=260)
