"""Files users download: CSV that opens in Russian Excel and cannot run formulas."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """A text cell that Excel would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel with Russian settings opens correctly by a double click."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    safe.columns = [neutralize(c) for c in safe.columns]
    return safe.to_csv(index=False, sep=";", decimal=",", date_format="%d.%m.%Y %H:%M").encode("utf-8-sig")
