"""Common look of plotly charts: Russian number separators, readable type, the calm-to-hot palette."""

from __future__ import annotations

import plotly.graph_objects as go

from mcu_data.core.locale import label

CALM = "#2f6db5"
HOT = "#c8372d"
# blue (calm) to red (hot), as the regional control centre colours municipalities
HEAT_SCALE = [[0.0, "#2f6db5"], [0.35, "#9cc3e4"], [0.5, "#f4f1e8"], [0.7, "#f3a86b"], [1.0, "#c8372d"]]
CHANNEL_COLORS = ["#2f6db5", "#e07b39", "#5a9e4b", "#8c6bb1", "#9a9a9a"]
CHANNEL_ORDER = ("pos", "im", "fz59", "hotline", "other")


def channel_colors() -> dict[str, str]:
    """A fixed colour per channel label, so a channel looks the same on every chart."""
    return {label("source_short", code): color for code, color in zip(CHANNEL_ORDER, CHANNEL_COLORS, strict=True)}


def style(fig: go.Figure, height: int = 320, reversed_y: bool = False, color: str | None = None) -> go.Figure:
    """Apply the house look in place and return the figure."""
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",  # decimal comma, thin space between thousands
        font={"size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        colorway=CHANNEL_COLORS,
        bargap=0.25,
    )
    if reversed_y:
        fig.update_yaxes(autorange="reversed")
    if color:
        fig.update_traces(marker_color=color)
    for trace in fig.data:
        if trace.type == "bar" and trace.text is not None:
            trace.textposition = "auto"
    return fig
