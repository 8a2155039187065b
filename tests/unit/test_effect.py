"""The effect estimate on generated series: a real drop is found, a seasonal dip is not credited, little data says so."""

import numpy as np
import pytest

from mcu_data.roadmaps import effect


def test_real_drop_is_found():
    rng = np.random.default_rng(1)
    control_before, control_after = rng.poisson(200), rng.poisson(190)
    result = effect.estimate(
        before=int(rng.poisson(45)),
        after=int(rng.poisson(12)),
        control_before=int(control_before),
        control_after=int(control_after),
    )
    assert result.verdict == "decreased"
    assert result.basis == "control" and result.p_value < effect.ALPHA
    assert "ожидалось бы" in result.explanation_ru


def test_seasonal_dip_is_not_credited():
    # the measure's settlements halve, but so do the untouched ones: it is the season
    result = effect.estimate(before=40, after=21, control_before=400, control_after=205)
    assert result.verdict == "unchanged"


def test_growth_is_reported():
    assert effect.estimate(before=30, after=70, control_before=300, control_after=310).verdict == "increased"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"before": 4, "after": 0, "control_before": 100, "control_after": 100}, "слишком мало"),
        ({"before": 40, "after": 5, "control_before": 2, "control_after": 3}, "Не с чем сравнить"),
        ({"before": 40, "after": 5, "control_before": 100, "control_after": 100, "complete": False}, "не набралось"),
    ],
)
def test_too_little_data_gives_no_verdict(kwargs, reason):
    result = effect.estimate(**kwargs)
    assert result.verdict == "insufficient" and reason in result.explanation_ru


def test_last_year_is_the_fallback_comparison():
    result = effect.estimate(
        before=40, after=10, control_before=3, control_after=3, last_year_before=38, last_year_after=36
    )
    assert (result.basis, result.verdict) == ("last_year", "decreased")


def test_windows_are_equal_and_exclude_the_completion_day():
    from datetime import date

    (b0, b1), (a0, a1) = effect.windows(date(2026, 3, 1))
    assert (b1 - b0).days == (a1 - a0).days == effect.WINDOW_DAYS - 1
    assert b1 < date(2026, 3, 1) < a0
