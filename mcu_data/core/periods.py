"""Periods the figures cover: closed ranges of days, weeks from Monday to Sunday, and what they compare with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

YEAR_WEEKS = 52  # «a year ago» is 52 weeks back, so that the weekdays line up
DAY_END = time(23, 59, 59)


@dataclass(frozen=True)
class Window:
    """A closed range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, days: int) -> Window:
        return Window(self.start + timedelta(days=days), self.end + timedelta(days=days))

    def previous(self) -> Window:
        """The range of the same length just before this one."""
        return self.shifted(-self.days)


@dataclass(frozen=True)
class Week:
    """A Monday-to-Sunday week as far as it has gone: complete, or partial up to `last_day`.

    A partial week is compared like with like: the same weekdays of the week before, and of the week
    52 weeks earlier.
    """

    monday: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.monday).days + 1

    @property
    def complete(self) -> bool:
        return self.days == 7

    @property
    def window(self) -> Window:
        return Window(self.monday, self.last_day)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def previous(self) -> Window:
        return self.window.shifted(-7)

    @property
    def year_ago(self) -> Window:
        return self.window.shifted(-7 * YEAR_WEEKS)


def week_of(day: date) -> Week:
    """The week that holds `day`, up to that day: complete when the day is a Sunday."""
    return Week(day - timedelta(days=day.weekday()), day)


def full_week(monday: date) -> Week:
    if monday.weekday() != 0:
        raise ValueError("Неделя начинается с понедельника")
    return Week(monday, monday + timedelta(days=6))


def last_complete_week(reference: date) -> Week:
    """Monday to Sunday of the last week that ended before `reference`'s week began."""
    monday = reference - timedelta(days=reference.weekday() + 7)
    return full_week(monday)


def last_complete_week_of_data(data_end: date | None, today: date) -> Week:
    """The last Monday-to-Sunday week that the data cover to its end and that is over by today."""
    reference = today if data_end is None else min(today, data_end + timedelta(days=1))
    return last_complete_week(reference)


def as_of(end: date, now: datetime) -> datetime:
    """The moment a period's figures are computed at: the end of its last day, never later than now."""
    return min(now.replace(second=0, microsecond=0), datetime.combine(end, DAY_END))
