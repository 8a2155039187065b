"""Weeks, changes and shares."""

from datetime import date

import pytest

from mcu_data.core import metrics


def test_week_windows_compare_like_with_like():
    this, last, year = metrics.week_windows(date(2026, 11, 26))  # a Thursday
    assert (this.start, this.end) == (date(2026, 11, 23), date(2026, 11, 26))
    assert (last.start, last.end) == (date(2026, 11, 16), date(2026, 11, 19))
    assert year.start.weekday() == 0 and year.days == this.days == 4
    assert (this.start - year.start).days == 364


def test_last_complete_week_is_monday_to_sunday():
    w = metrics.last_complete_week(date(2026, 11, 26))
    assert (w.start, w.end) == (date(2026, 11, 16), date(2026, 11, 22))
    assert metrics.last_complete_week(date(2026, 11, 23)).end == date(2026, 11, 22)


@pytest.mark.parametrize(("cur", "base", "expected"), [(120, 100, 0.2), (50, 100, -0.5), (5, 0, None), (0, 0, None)])
def test_change(cur, base, expected):
    result = metrics.change(cur, base)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_share_and_rate():
    assert metrics.share(1, 4) == 0.25
    assert metrics.share(0, 0) is None
    assert metrics.per_thousand(18, 1821) == pytest.approx(9.88, abs=0.01)
    assert metrics.per_thousand(3, 0) is None
