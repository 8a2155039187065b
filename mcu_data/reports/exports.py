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


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """An Excel book with one sheet; text cells neutralized the same way as in CSV."""
    import io

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buf.getvalue()
