"""Weeks and periods: a partial week is compared with the same days; the note's week is the last complete one."""

from datetime import date, datetime

import pytest

from mcu_data.core import periods


def test_a_thursday_makes_a_partial_week_compared_with_the_same_days():
    week = periods.week_of(date(2026, 11, 26))  # a Thursday
    assert (week.monday, week.last_day, week.days, week.complete) == (date(2026, 11, 23), date(2026, 11, 26), 4, False)
    assert (week.previous.start, week.previous.end) == (date(2026, 11, 16), date(2026, 11, 19))
    assert week.year_ago.start.weekday() == 0 and week.year_ago.days == 4
    assert (week.monday - week.year_ago.start).days == 364
    assert week.sunday == date(2026, 11, 29)


def test_a_sunday_completes_its_week():
    week = periods.week_of(date(2026, 11, 22))
    assert week.complete and week.monday == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("reference", "monday"),
    [
        (date(2026, 11, 26), date(2026, 11, 16)),  # Thursday: last week
        (date(2026, 11, 23), date(2026, 11, 16)),  # Monday: the week just ended
        (date(2026, 11, 22), date(2026, 11, 9)),  # Sunday: its own week is not over yet
    ],
)
def test_last_complete_week_is_monday_to_sunday(reference, monday):
    week = periods.last_complete_week(reference)
    assert (week.monday, week.sunday, week.complete) == (monday, date.fromordinal(monday.toordinal() + 6), True)


@pytest.mark.parametrize(
    ("data_end", "today", "monday"),
    [
        (date(2026, 11, 26), date(2026, 12, 1), date(2026, 11, 16)),  # the data stop on a Thursday
        (date(2026, 11, 29), date(2026, 12, 1), date(2026, 11, 23)),  # the data reach a Sunday
        (date(2026, 11, 29), date(2026, 11, 29), date(2026, 11, 16)),  # that Sunday is today: not over
        (None, date(2026, 12, 1), date(2026, 11, 23)),
    ],
)
def test_the_notes_week_is_the_last_one_the_data_cover(data_end, today, monday):
    assert periods.last_complete_week_of_data(data_end, today).monday == monday


def test_previous_window_has_the_same_length():
    w = periods.Window(date(2026, 7, 1), date(2026, 9, 30))
    assert (w.previous().start, w.previous().end, w.previous().days) == (date(2026, 3, 31), date(2026, 6, 30), 92)


@pytest.mark.parametrize(
    ("end", "now", "expected"),
    [
        (date(2026, 11, 8), datetime(2026, 12, 1, 10, 15, 42), datetime(2026, 11, 8, 23, 59, 59)),
        (date(2026, 12, 1), datetime(2026, 12, 1, 10, 15, 42), datetime(2026, 12, 1, 10, 15)),
    ],
)
def test_as_of_is_the_end_of_the_period_or_now(end, now, expected):
    assert periods.as_of(end, now) == expected
