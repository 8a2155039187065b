"""Type and chart sizes for the wall screen, derived from its height so that the back of the room can read them."""

from __future__ import annotations

import math
from dataclasses import dataclass

VIEW_DISTANCE_MM = 5000  # the back row of the meeting room
MIN_ARC_MINUTES = 16  # the smallest text height that reads at a glance
SMALLEST_SCREEN_INCHES = 65  # the worst case of the 65–75″ screens the room may have
CAP_HEIGHT = 0.7  # a capital letter's height as a share of the font size
DEFAULT_HEIGHT = 1080  # until the browser has reported its size
MAX_ROWS = 8  # rows of a table or bars of a chart on one slide
HIDDEN_ELEMENTS = 1  # elements of the page that draw nothing but still take a gap
CHART_EXTRA = 32  # a chart's element is this much taller than the figure (measured in Chromium at 1080 and 2160)


def min_text_share() -> float:
    """The smallest font size as a share of the screen's height.

    A 65″ 16:9 screen is 65 × 25.4 × 9 / √(16² + 9²) ≈ 809.4 mm high. Text 16 arcminutes high at 5 m is
    5000 mm × tan(16/60°) ≈ 23.27 mm, i.e. 23.27 / 809.4 ≈ 2.875 % of the screen's height. That is the height
    of a capital letter, 0.7 of the font size: the font size must be ≥ 2.875 % / 0.7 ≈ 4.107 % of the
    screen's height, 44.36 → 45 px at 1080 px and 88.72 → 89 px at 2160 px. A larger screen only helps.
    """
    screen_mm = SMALLEST_SCREEN_INCHES * 25.4 * 9 / math.hypot(16, 9)
    text_mm = VIEW_DISTANCE_MM * math.tan(math.radians(MIN_ARC_MINUTES / 60))
    return text_mm / screen_mm / CAP_HEIGHT


def min_text_px(screen_height: float) -> int:
    """The smallest font size in CSS px on a screen `screen_height` CSS px high, rounded up."""
    # the epsilon keeps float noise from rounding an exact size up by a whole pixel
    return math.ceil(screen_height * min_text_share() - 1e-9)


@dataclass(frozen=True)
class WallSizes:
    """CSS px sizes of one screen: `text` for table cells, tick labels, legends and matrix cells, and the rest."""

    height: int
    text: int
    title: int
    value: int  # the big number of a tile

    @property
    def line(self) -> float:
        return 1.2 * self.text

    @property
    def row(self) -> float:
        """A table row: one line and its padding (the page's CSS pads cells by 0.15 em above and below)."""
        return self.line + 0.3 * self.text + 1

    @property
    def head(self) -> float:
        """The slide's heading: the title, the period line under it, padding and rule (see the page's CSS)."""
        return 1.15 * self.title + self.line + 0.2 * self.text + 4

    @property
    def tiles(self) -> float:
        """A row of tiles: label, number and note, each on one line, with padding and border."""
        return 2 * self.line + 1.15 * self.value + 0.4 * self.text + 6

    def bars(self, body: int) -> int:
        """Bars of a horizontal bar chart `body` px high whose labels stay readable, ≤ MAX_ROWS."""
        return max(1, min(MAX_ROWS, int((body - 16 - 1.5 * self.line) // (1.2 * self.line))))

    def lines(self, text: str, share: float = 1.0) -> int:
        """Lines `text` takes across `share` of a 16:9 screen's width, at half a font size a character."""
        per_line = max(1, int(share * (self.height * 16 / 9 - 70) // (0.5 * self.text)))
        return max(1, math.ceil(len(text) / per_line))

    def body(self, tiles: bool, note_lines: int = 1, chart: bool = True) -> int:
        """Height left for the chart or table once the heading, tiles, note and the timer bar are drawn.

        Streamlit puts 16 px between elements, some invisible ones too; the page pads the slide by 0.3 em at the
        top and 0.2 em at the bottom. The controls float over the slide.
        """
        gap = 16
        used = 0.5 * self.text + self.head + gap + HIDDEN_ELEMENTS * gap
        if tiles:
            used += self.tiles + gap
        if note_lines:
            used += note_lines * self.line + gap
        used += 10 + gap  # the timer bar
        if chart:
            used += CHART_EXTRA
        return max(int(4 * self.line), int(self.height - used))

    def rows_fitting(self, body: int, total: int = MAX_ROWS + 1, title: bool = True, lines: int = 1) -> int:
        """Rows of a `total`-row table that fit into `body` px with its header row and title, ≤ MAX_ROWS.

        A row of long names takes `lines` lines; a table cut short also needs a line for «и ещё N».
        """
        row = self.row + (lines - 1) * self.line
        free = body - self.row - (1.3 * self.line if title else 0)
        fits = min(MAX_ROWS, int(free // row))
        if total > fits:
            fits = min(MAX_ROWS, int((free - self.line) // row))
        return max(1, min(total, fits))


def wall_sizes(screen_height: object) -> WallSizes:
    """Sizes for a screen `screen_height` CSS px high; an unknown height counts as 1080."""
    try:
        height = float(screen_height)
    except (TypeError, ValueError):
        height = DEFAULT_HEIGHT
    if not height > 0:
        height = DEFAULT_HEIGHT
    text = min_text_px(height)
    return WallSizes(height=round(height), text=text, title=round(1.35 * text), value=round(1.5 * text))
