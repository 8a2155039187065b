"""Deadline arithmetic: calendar days, working days and working hours on the Russian production calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

UNITS = ("calendar_days", "working_days", "working_hours")
WORKDAY_START = time(9, 0)
WORKDAY_MINUTES = 8 * 60  # an eight-hour working day from 9:00, for social-media reaction times
DAY_END = timedelta(hours=23, minutes=59, seconds=59)


@dataclass(frozen=True)
class WorkCalendar:
    """Every date from first to last, whether it is a working day, and a running count of working days."""

    first: date
    is_working: np.ndarray  # bool per day
    index: np.ndarray  # number of working days strictly before each day

    @classmethod
    def build(cls, first_year: int, last_year: int) -> WorkCalendar:
        ru = holidays.country_holidays("RU", years=range(first_year, last_year + 1))
        first = date(first_year, 1, 1)
        days = pd.date_range(first, date(last_year, 12, 31), freq="D")
        # is_working_day knows the transfers: a working Saturday counts, a bridge Monday does not
        flags = np.fromiter((ru.is_working_day(d.date()) for d in days), dtype=bool, count=len(days))
        index = np.concatenate(([0], np.cumsum(flags)[:-1]))
        return cls(first, flags, index)

    def offsets(self, days: np.ndarray) -> np.ndarray:
        """Day numbers since the calendar's first day, checked to lie inside it."""
        offs = (days.astype("datetime64[D]") - np.datetime64(self.first, "D")).astype(np.int64)
        if offs.size and (offs.min() < 0 or offs.max() >= self.is_working.size):
            raise ValueError("Дата вне производственного календаря")
        return offs

    def nth_working_day(self, n: np.ndarray) -> np.ndarray:
        """The date of working day number n (0 is the first working day of the calendar)."""
        working_offsets = np.flatnonzero(self.is_working)
        if n.size and n.max() >= working_offsets.size:
            raise ValueError("Срок выходит за пределы производственного календаря")
        return np.datetime64(self.first, "D") + working_offsets[n]


@lru_cache(maxsize=4)
def calendar_for(first_year: int, last_year: int) -> WorkCalendar:
    return WorkCalendar.build(first_year, last_year)


def _calendar_covering(starts: np.ndarray) -> WorkCalendar:
    years = starts.astype("datetime64[Y]").astype(int) + 1970
    first = int(years.min()) - 1 if years.size else date.today().year - 1
    last = int(years.max()) + 2 if years.size else date.today().year + 2
    # round to fixed spans so the cache is reused across imports
    return calendar_for(min(first, 2015), max(last, date.today().year + 2))


def due_dates(starts: pd.Series, amount: int, unit: str) -> pd.Series:
    """Deadline for each start; day-based deadlines end at 23:59:59 of their last day.

    Working days start counting on the day after the start, as a 30-day term does.
    """
    if unit not in UNITS:
        raise ValueError(f"Неизвестная единица срока: {unit}")
    mask = starts.notna()
    result = pd.Series(pd.NaT, index=starts.index, dtype="datetime64[us]")
    if not mask.any():
        return result
    st = pd.to_datetime(starts[mask]).to_numpy(dtype="datetime64[us]")
    if unit == "calendar_days":
        days = st.astype("datetime64[D]") + np.timedelta64(amount, "D")
        out = days.astype("datetime64[us]") + np.timedelta64(DAY_END)
    else:
        cal = _calendar_covering(st)
        offs = cal.offsets(st)
        if unit == "working_days":
            # working days after the start day: index of start + (1 if start day works) + amount - 1
            n = cal.index[offs] + cal.is_working[offs].astype(np.int64) + amount - 1
            out = cal.nth_working_day(n).astype("datetime64[us]") + np.timedelta64(DAY_END)
        else:
            minutes_in_day = (st - st.astype("datetime64[D]")).astype("timedelta64[m]").astype(np.int64)
            start_min = WORKDAY_START.hour * 60 + WORKDAY_START.minute
            within = np.clip(minutes_in_day - start_min, 0, WORKDAY_MINUTES)
            within = np.where(cal.is_working[offs], within, 0)
            # a message after hours, or on a day off, waits for the next working morning
            base = cal.index[offs] * WORKDAY_MINUTES + np.where(cal.is_working[offs], within, 0)
            target = base + amount * 60
            day_n = (target - 1) // WORKDAY_MINUTES
            minute = target - day_n * WORKDAY_MINUTES
            out = (
                cal.nth_working_day(day_n).astype("datetime64[us]")
                + np.timedelta64(start_min, "m")
                + minute.astype("timedelta64[m]")
            )
    result[mask] = out
    return result


def due_date(start: datetime, amount: int, unit: str) -> datetime:
    """The scalar form of due_dates, for rules shown on screen and for tests."""
    value = due_dates(pd.Series([pd.Timestamp(start)]), amount, unit).iloc[0]
    return value.to_pydatetime()


def effective_due(due: pd.Series, extended_due: pd.Series) -> pd.Series:
    """An extension recorded in the source replaces the original deadline."""
    return extended_due.where(extended_due.notna(), due)
