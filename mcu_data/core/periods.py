"""Pure metric arithmetic shared by the pages and reports: periods, changes, shares, rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Window:
    """A closed range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_windows(anchor: date) -> tuple[Window, Window, Window]:
    """This week from Monday to the anchor day, the same days of last week, and of the same week a year ago.

    Comparing like with like: a Wednesday is compared with the Monday-to-Wednesday of the other weeks,
    and «a year ago» is 52 weeks back so the weekdays line up.
    """
    monday = anchor - timedelta(days=anchor.weekday())
    this = Window(monday, anchor)
    last = Window(monday - timedelta(days=7), anchor - timedelta(days=7))
    year_ago = Window(monday - timedelta(weeks=52), anchor - timedelta(weeks=52))
    return this, last, year_ago


def last_complete_week(today: date) -> Window:
    """Monday to Sunday of the last week that has ended."""
    monday = today - timedelta(days=today.weekday() + 7)
    return Window(monday, monday + timedelta(days=6))


def change(current: float, base: float) -> float | None:
    """Relative change; None when there is nothing to compare with."""
    if base == 0:
        return None
    return (current - base) / base


def share(part: float, whole: float) -> float | None:
    """part / whole, or None for an empty whole (shown as «—», never as 0 %)."""
    if whole == 0:
        return None
    return part / whole


def per_thousand(count: float, population: float) -> float | None:
    """Appeals per 1,000 residents."""
    if not population:
        return None
    return count * 1000.0 / population
