"""Colours by meaning, and the theme's text colours against their backgrounds."""

import tomllib
from pathlib import Path

from mcu_data.core import colours

ROOT = Path(__file__).resolve().parents[2]


def test_a_share_is_coloured_by_what_it_means():
    # target 95 %, a warning down to 85 %: chosen by hand for the deadlines table and chart
    assert colours.meaning(0.96, 0.95, 0.85) == colours.GOOD
    assert colours.meaning(0.95, 0.95, 0.85) == colours.GOOD  # the target itself is met
    assert colours.meaning(0.90, 0.95, 0.85) == colours.WARNING
    assert colours.meaning(0.84, 0.95, 0.85) == colours.BAD
    assert colours.meaning(0.90, 0.95) == colours.BAD  # no warning band: below the target is bad
    assert colours.meaning(0.50, None) == colours.NEUTRAL  # no target: the bar says nothing good or bad
    assert colours.meaning(float("nan"), 0.95, 0.85) == colours.NO_DATA


def test_the_themes_text_colours_read_at_4_5_to_1():
    """Every colour the theme or the code writes text in, on white (WCAG 2.x AA for body text)."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    texts = {"primaryColor": theme["primaryColor"], "INK": colours.INK}
    texts |= {name: getattr(colours, name) for name in ("GOOD", "WARNING", "BAD", "NEUTRAL")}
    for name, color in texts.items():
        assert colours.contrast(color, "#ffffff") >= 4.5, f"{name} {color}"
    # the ratio itself, against a hand computation: #767676 on white is the lightest grey that passes, 4.54 : 1
    assert round(colours.contrast("#767676", "#ffffff"), 2) == 4.54
    assert colours.contrast("#777777", "#ffffff") < 4.5
