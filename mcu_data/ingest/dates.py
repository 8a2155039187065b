"""Dates as office software and source systems write them, read into wall-clock timestamps.

Accepted: ISO 8601 (a «T» or a space, minutes, seconds, fractions, an offset or «Z»), DD.MM.YY and DD.MM.YYYY
with or without H:MM[:SS] and an optional «г.», and Excel serial numbers. The time is the one written: an offset
is dropped, never applied, because every source writes local time and a shift would move an appeal across a
day; fractions of a second are cut off. Two-digit years follow the POSIX pivot: 00–68 are 20xx, 69–99 19xx.
Anything else, and any impossible date (31.02, 00.01.1900), is NaT: the caller rejects the row with its reason.
"""

from __future__ import annotations

import pandas as pd

# the shapes nearly every cell has, parsed by pandas' own C parser before the regular expressions run
FAST_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
)
TIME = r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
ISO = r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + TIME + r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
RUSSIAN = r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?:\s*г\.?)?" + TIME + r"$"
SERIAL = r"^(?P<days>\d{5})(?:[.,](?P<fraction>\d+))?$"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # 1954 to 2119: a five-digit number outside it is not a date
PIVOT = 69  # two-digit years below it are 20xx


def clean(values: pd.Series) -> pd.Series:
    """Cell text as compared: no-break spaces as spaces, runs of spaces as one, no spaces at the ends."""
    text = values.astype("str").fillna("")
    return text.str.replace("\u00a0", " ", regex=False).str.replace(r"\s+", " ", regex=True).str.strip()


def parse_dates(values: pd.Series) -> pd.Series:
    """Timestamps for the cells that hold a date in any accepted shape; NaT for empty and unreadable cells."""
    text = clean(values.where(values.notna(), ""))
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    todo = text != ""
    for fmt in FAST_FORMATS:
        if not todo.any():
            return out
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        found = parsed.notna()
        if found.any():
            out[found[found].index] = parsed[found]
            todo &= out.isna()
    if todo.any():
        rest = text[todo]
        out[rest.index] = _by_pattern(rest)
    return out


def _by_pattern(text: pd.Series) -> pd.Series:
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for pattern in (ISO, RUSSIAN):
        parts = text.str.extract(pattern)
        hit = parts["year"].notna() & out.isna()
        if hit.any():
            out[hit[hit].index] = _assemble(parts[hit])
    serial = text.str.extract(SERIAL)
    hit = serial["days"].notna() & out.isna()
    if hit.any():
        days = pd.to_numeric(serial.loc[hit, "days"])
        fraction = pd.to_numeric("0." + serial.loc[hit, "fraction"].fillna("0"))
        inside = days.between(*SERIAL_RANGE)
        moment = EXCEL_EPOCH + pd.to_timedelta(days + fraction, unit="D")
        out[inside[inside].index] = moment[inside].dt.round("s")  # what Excel shows: the nearest second
    return out


def _assemble(parts: pd.DataFrame) -> pd.Series:
    year = pd.to_numeric(parts["year"])
    short = parts["year"].str.len() == 2
    year = year.where(~short, year + 2000).where(~short | (year < PIVOT), year + 1900)
    frame = pd.DataFrame(
        {
            "year": year,
            "month": pd.to_numeric(parts["month"]),
            "day": pd.to_numeric(parts["day"]),
            "hour": pd.to_numeric(parts["hour"]).fillna(0),
            "minute": pd.to_numeric(parts["minute"]).fillna(0),
            "second": pd.to_numeric(parts["second"]).fillna(0),
        }
    )
    # an impossible date or time (31.02, 25:00) is NaT here, and its row is rejected with the value it held
    valid = frame["hour"].between(0, 23) & frame["minute"].between(0, 59) & frame["second"].between(0, 59)
    stamps = pd.to_datetime(frame[valid], errors="coerce")
    return stamps.reindex(parts.index).astype("datetime64[us]")
