"""The rating's optional component from the official pages: with its weight 0 (the default) no score moves; with a
weight above 0 it moves as worked out by hand here."""

from __future__ import annotations

import pandas as pd
import pytest

from mcu_data.analytics import rating
from mcu_data.store.seed import read_reference_csv

# a: 95 % on time, 90 % substantive, mean 4.0, 5 % repeats — every appeal target met in full; 4 of 10 comments
# answered on its pages (0.4 against the target 0.8: half of it). b: 50 % on time, 50 % substantive, mean 2.0,
# 20 % repeats, no comments on its pages
CURRENT = pd.DataFrame(
    {
        "recipient_code": ["a", "b"],
        "received": [100, 50],
        "on_time": [76, 20],
        "late": [4, 10],
        "open_past_due": [0, 10],
        "with_outcome": [80, 40],
        "substantive": [72, 20],
        "rated": [20, 10],
        "satisfaction_sum": [80, 20],
        "repeats": [5, 10],
        "pages_comments": [10, 0],
        "pages_answered": [4, 0],
    }
)
EXPECTED_B = 100 * (0.35 * (0.5 / 0.95) + 0.30 * (0.5 / 0.9) + 0.20 * 0.5 + 0.15 * 0.25)


def _weights(pages_weight: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "component": ["timeliness", "completeness", "satisfaction", "repeats", "volume", "pages_answered"],
            "weight": [0.35, 0.30, 0.20, 0.15, 0.0, pages_weight],
            "target": [0.95, 0.90, 4.0, 0.05, 1.0, 0.8],
        }
    )


def test_the_shipped_weight_is_zero():
    shipped = read_reference_csv("rating_weights.csv").set_index("component")
    assert shipped.loc["pages_answered", "weight"] == 0.0
    assert shipped.loc["pages_answered", "target"] == 0.8


def test_with_weight_zero_the_rating_is_what_it_was_without_the_pages():
    without = rating.rate(CURRENT.drop(columns=["pages_comments", "pages_answered"]), pd.DataFrame(), _weights(0.0))
    with_pages = rating.rate(CURRENT, pd.DataFrame(), _weights(0.0))
    assert with_pages.set_index("recipient_code")["score"].tolist() == pytest.approx([100.0, EXPECTED_B])
    pd.testing.assert_series_equal(without["score"], with_pages["score"])
    assert with_pages.loc[0, "value_pages_answered"] == pytest.approx(0.4)  # shown, not counted


def test_with_a_weight_the_component_moves_the_score_as_computed_by_hand():
    result = rating.rate(CURRENT, pd.DataFrame(), _weights(0.25)).set_index("recipient_code")
    # a: 100 × (1.0 × 1 + 0.25 × 0.5) ÷ 1.25 = 90; b has no comments: its weight is shared out, the score stays
    assert result.loc["a", "score"] == pytest.approx(90.0)
    assert result.loc["b", "score"] == pytest.approx(EXPECTED_B)
    assert result.loc["a", "score_pages_answered"] == pytest.approx(0.5)


def test_a_weights_table_without_the_component_still_rates():
    old = _weights(0.0).iloc[:5]
    result = rating.rate(CURRENT, pd.DataFrame(), old).set_index("recipient_code")
    assert result.loc["a", "score"] == pytest.approx(100.0)
    assert pd.isna(result.loc["a", "score_pages_answered"])
