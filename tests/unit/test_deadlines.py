"""Deadlines on the Russian production calendar, with its transfers."""

from datetime import datetime

import pandas as pd
import pytest

from mcu_data.core.deadlines import due_date, due_dates, effective_due


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # 59-ФЗ: 30 calendar days, ending at the end of the day
        (datetime(2026, 11, 26, 10), 30, "calendar_days", datetime(2026, 12, 26, 23, 59, 59)),
        # 10 working days from a Thursday: two weekends skipped
        (datetime(2026, 11, 26, 10), 10, "working_days", datetime(2026, 12, 10, 23, 59, 59)),
        # Saturday 27.04.2024 was a working day by transfer
        (datetime(2024, 4, 26, 10), 1, "working_days", datetime(2024, 4, 27, 23, 59, 59)),
        # the New Year holidays of 2026 run to 11 January
        (datetime(2025, 12, 30, 10), 1, "working_days", datetime(2026, 1, 12, 23, 59, 59)),
        # 4 November is a holiday
        (datetime(2026, 11, 3, 10), 1, "working_days", datetime(2026, 11, 5, 23, 59, 59)),
        # 8 working hours from mid-morning end the next morning
        (datetime(2026, 11, 26, 10), 8, "working_hours", datetime(2026, 11, 27, 10)),
        # after hours, the clock starts next morning
        (datetime(2026, 11, 26, 19), 8, "working_hours", datetime(2026, 11, 27, 17)),
        # on a Saturday, the clock starts on Monday
        (datetime(2026, 11, 28, 12), 8, "working_hours", datetime(2026, 11, 30, 17)),
        (datetime(2026, 11, 26, 9), 8, "working_hours", datetime(2026, 11, 26, 17)),
        (datetime(2026, 11, 26, 9), 2, "working_hours", datetime(2026, 11, 26, 11)),
    ],
)
def test_due_date(start, amount, unit, expected):
    assert due_date(start, amount, unit) == expected


def test_vectorised_form_keeps_missing_starts():
    starts = pd.Series([pd.Timestamp("2026-11-26 10:00"), pd.NaT])
    out = due_dates(starts, 30, "calendar_days")
    assert out.iloc[0] == pd.Timestamp("2026-12-26 23:59:59")
    assert pd.isna(out.iloc[1])


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="Неизвестная единица"):
        due_date(datetime(2026, 1, 1), 1, "fortnights")


def test_extension_replaces_deadline():
    due = pd.Series([pd.Timestamp("2026-01-10"), pd.Timestamp("2026-01-10")])
    ext = pd.Series([pd.NaT, pd.Timestamp("2026-02-09")])
    assert list(effective_due(due, ext)) == [pd.Timestamp("2026-01-10"), pd.Timestamp("2026-02-09")]
