"""Colours with a meaning: one sequential scale for amounts, one diverging scale for change, grey for no data.

Both scales are ColorBrewer schemes marked safe for colour-blind readers (YlOrBr, RdBu). A count, a rate or a
share runs from light to dark; only a change (more or fewer than before) uses the diverging scale, with no
change in its neutral middle. «No data» is a mid grey that no value of either scale takes, so an absent
value never looks like a zero. The same functions colour the matrix, the map and the wall screen.
"""

from __future__ import annotations

import math

# ColorBrewer YlOrBr, 7 classes: light (little) to dark (much)
SEQUENTIAL = ("#ffffe5", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04")
# ColorBrewer RdBu, 7 classes, reversed: blue (fewer than before) – near white (same) – red (more)
DIVERGING = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")
NO_DATA = "#a6a6a6"
INK = "#111111"
PAPER = "#ffffff"

# Okabe–Ito: told apart by readers with any common colour-vision deficiency
CHANNELS = {"pos": "#0072B2", "im": "#E69F00", "fz59": "#CC79A7", "hotline": "#009E73", "other": "#7f7f7f"}
# meaning of a progress or status bar: good, warning, bad, neutral
GOOD, WARNING, BAD, NEUTRAL = "#1b7837", "#b35806", "#b2182b", "#4d4d4d"


def meaning(value: float | None, good_from: float | None, bad_below: float | None = None) -> str:
    """The colour of a share by what it means: at or above `good_from` good, below `bad_below` bad, between the
    two a warning (no `bad_below`: below `good_from` is bad); no target — neutral; no value — no data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    if good_from is None:
        return NEUTRAL
    if value >= good_from:
        return GOOD
    return WARNING if bad_below is not None and value >= bad_below else BAD


def colorscale(diverging: bool = False) -> list[list]:
    """The scale as plotly takes it: evenly spaced stops."""
    stops = DIVERGING if diverging else SEQUENTIAL
    return [[i / (len(stops) - 1), c] for i, c in enumerate(stops)]


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def color_for(value: float | None, low: float, high: float, diverging: bool = False) -> str:
    """The colour of a value between `low` and `high`; a diverging scale centres zero; no value is grey."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    stops = DIVERGING if diverging else SEQUENTIAL
    if diverging:
        bound = max(abs(low), abs(high)) or 1.0
        t = (value + bound) / (2 * bound)
    else:
        t = 0.0 if high == low else (value - low) / (high - low)
    t = min(1.0, max(0.0, t)) * (len(stops) - 1)
    k = min(int(t), len(stops) - 2)
    frac = t - k
    a, b = _rgb(stops[k]), _rgb(stops[k + 1])
    return "#" + "".join(f"{round(x * (1 - frac) + y * frac):02x}" for x, y in zip(a, b, strict=True))


def luminance(color: str) -> float:
    """Relative luminance (WCAG 2.x)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21; text needs at least 4.5."""
    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: str) -> str:
    """Near-black or white, whichever reads better on the background."""
    return INK if contrast(INK, background) >= contrast(PAPER, background) else PAPER


def ink_and_halo(background: str) -> tuple[str, str]:
    """The text colour that reads on the background, and the other one for a halo around the letters."""
    ink = text_on(background)
    return ink, PAPER if ink == INK else INK
