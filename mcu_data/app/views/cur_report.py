"""«Отчёт в ЦУР»: which period, the indicators with their values and targets, the files, the hand-entered values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import DOCX, XLSX, Download, file_name
from mcu_data.core.locale import fmt_date, fmt_datetime, fmt_float, fmt_int, fmt_pct, parse_decimal
from mcu_data.reports import documents, indicators
from mcu_data.reports.exports import to_xlsx_bytes


@dataclass
class ReportView:
    periods: list[indicators.Period]
    period: indicators.Period
    caption: str
    table: pd.DataFrame
    downloads: list[Download]
    manual: dict[str, str]  # code -> name of the indicators a user enters by hand (empty: this role may not)


def periods_of(today: date) -> list[indicators.Period]:
    """Quarters of this year and the last, newest first, then the two years."""
    quarters = [
        indicators.quarter(y, q)
        for y in (today.year, today.year - 1)
        for q in (4, 3, 2, 1)
        if indicators.quarter(y, q).start <= today
    ]
    return quarters + [indicators.year(today.year), indicators.year(today.year - 1)]


def default_index(options: list[indicators.Period], today: date) -> int:
    """The period being reported: the last one that has ended."""
    return next((i for i, p in enumerate(options) if p.end < today), 0)


def fmt_value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return {"share": fmt_pct(value, 1), "score": fmt_float(value, 2)}.get(unit, fmt_int(value))


def build(src: Source, user: access.User, today: date, code: str | None = None) -> ReportView:
    options = periods_of(today)
    period = next((p for p in options if p.code == code), options[default_index(options, today)])
    frame = src.indicators(period, today)
    rows = documents.indicators_table(frame, fmt_value)
    table = pd.DataFrame(rows, columns=documents.REPORT_COLUMNS)
    title = f"Показатели МЦУ муниципального района Борский: {period.title_ru}"
    stem = ("показатели_МЦУ", period.title_ru)
    manual = frame[frame["formula"] == "manual"]
    return ReportView(
        periods=options,
        period=period,
        caption=f"{period.title_ru}: {fmt_date(period.start)}–{fmt_date(period.end)}, сдать до {fmt_date(period.due)}; "
        f"состояние сроков на {fmt_datetime(frame.attrs['as_of'])}.",
        table=table,
        downloads=[
            Download(
                "Скачать XLSX",
                file_name(*stem, ext="xlsx"),
                XLSX,
                lambda: to_xlsx_bytes(table, "Показатели"),
                "cr_xlsx",
            ),
            Download(
                "Скачать DOCX",
                file_name(*stem, ext="docx"),
                DOCX,
                lambda: documents.report_docx(title, rows, today),
                "cr_docx",
                ":material/description:",
            ),
        ],
        manual=dict(zip(manual["code"], manual["name_ru"], strict=True))
        if access.allowed(user, access.EDIT_RULES)
        else {},
    )


def from_percent(typed: str) -> float:
    """A share typed as per cent on the page («87,5»), as the store keeps it (0 to 1); ValueError says why not."""
    return parse_decimal(typed, 0, 100) / 100
