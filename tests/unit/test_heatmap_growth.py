"""Heat-map metrics and the growth test, on tables built by hand."""

import numpy as np
import pandas as pd
import pytest

from mcu_data.analytics import growth, heatmap

CELLS = pd.DataFrame(
    {
        "theme_code": ["roads", "roads", "housing", "housing"],
        "col_key": ["36612436", "36612408", "36612436", "none"],
        "n": [20, 5, 0, 4],
        "n_prev": [10, 0, 4, 4],
        "on_time": [15, 0, 0, 3],
        "late": [3, 0, 0, 1],
        "open_past_due": [2, 0, 0, 0],
        "with_outcome": [10, 0, 0, 4],
        "formal": [2, 0, 0, 0],
        "repeats": [1, 0, 0, 0],
    }
)
POP = pd.Series({"36612436": 1821, "36612408": 8976})


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("count", [20, 5, 0, 4]),
        ("per_1000", [20 * 1000 / 1821, 5 * 1000 / 8976, 0.0, np.nan]),
        ("change_abs", [10, 5, -4, 0]),
        ("change_pct", [1.0, np.nan, -1.0, 0.0]),
        # (late + open past due) ÷ (on time + late + open past due): 5/20, nothing judged, nothing, 1/4
        ("overdue_share", [0.25, np.nan, np.nan, 0.25]),
        ("formal_share", [0.2, np.nan, np.nan, 0.0]),
    ],
)
def test_metric_values(metric, expected):
    got = heatmap.metric_values(CELLS, metric, POP)
    np.testing.assert_allclose(got.to_numpy(dtype=float), np.array(expected, dtype=float), equal_nan=True)


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError):
        heatmap.metric_values(CELLS, "mood")


def test_pivot_orders_and_fills():
    counts = heatmap.pivot(
        CELLS, heatmap.metric_values(CELLS, "count"), ["housing", "roads"], ["36612408", "36612436", "none"]
    )
    assert list(counts.index) == ["housing", "roads"]
    assert counts.loc["housing", "36612408"] == 0 and counts.loc["roads", "36612436"] == 20
    shares = heatmap.pivot(
        CELLS,
        heatmap.metric_values(CELLS, "formal_share"),
        ["housing", "roads"],
        ["36612408", "36612436"],
        "formal_share",
    )
    assert np.isnan(shares.loc["housing", "36612408"])  # no appeals, no share


def _series(weeks: list[int], theme="housing", oktmo="36612420") -> pd.DataFrame:
    """Weekly counts, index 0 = the current week."""
    return pd.DataFrame(
        {"theme_code": theme, "settlement_oktmo": oktmo, "week_back": range(len(weeks)), "n": weeks, "repeats": 0}
    )


def test_known_spike_is_found():
    rng = np.random.default_rng(3)
    quiet = list(rng.poisson(2.0, 8))
    found = growth.detect(_series([14, *quiet]))
    assert list(found["theme_code"]) == ["housing"]
    assert found["observed"].iloc[0] == 14 and found["p_value"].iloc[0] < growth.P_VALUE


def test_flat_series_raises_nothing():
    rng = np.random.default_rng(5)
    frames = [_series(list(rng.poisson(4.0, 9)), oktmo=f"3661240{k}") for k in range(10)]
    assert growth.detect(pd.concat(frames)).empty


@pytest.mark.parametrize(
    "weeks", [[4, 0, 0, 0, 0, 0, 0, 0, 0], [6, 4, 3, 4, 5, 3, 4, 4, 5], [9, 5, 6, 4, 5, 6, 5, 4, 6]]
)
def test_small_or_ordinary_numbers_do_not_cry_wolf(weeks):
    assert growth.detect(_series(weeks)).empty


def test_windows_are_seven_days_back_to_back():
    current, baseline = growth.windows(pd.Timestamp("2026-11-26").date())
    assert (current.end - current.start).days == 6
    assert (current.start - baseline[0].end).days == 1
    assert len(baseline) == growth.BASELINE_WEEKS


def test_problem_points_rank_volume_growth_repeats_and_unhappiness():
    frame = pd.DataFrame(
        {
            "theme_code": ["roads", "housing", "waste", "health"],
            "col_key": ["36612436", "36612436", "36612408", "36612408"],
            "n": [30, 6, 40, 3],
            "n_prev": [10, 6, 40, 1],
            "overdue": 0,
            "answered": 0,
            "formal": 0,
            "repeats": [9, 0, 2, 3],
            "rated": [10, 0, 10, 0],
            "satisfaction_sum": [15, 0, 45, 0],
        }
    )
    ranked = heatmap.problem_points(frame, POP)
    assert list(ranked["theme_code"]) == ["roads", "waste", "housing"]  # health: too few appeals
    assert ranked["score"].is_monotonic_decreasing
