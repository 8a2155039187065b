"""Indicators for ЦУР: due dates from the regulation, values from the same functions as the pages, manual entries."""

import io
from datetime import date, datetime, time

import pytest
from docx import Document
from openpyxl import load_workbook

from mcu_data.analytics import overview
from mcu_data.core.filters import Filters
from mcu_data.reports import documents, indicators
from mcu_data.reports.exports import to_xlsx_bytes
from mcu_data.store import Store

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("period", "start", "end", "due"),
    [
        (indicators.quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 5)),
        (indicators.quarter(2026, 3), date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 5)),
        (indicators.quarter(2026, 4), date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 5)),
        (indicators.year(2026), date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 20)),
    ],
)
def test_periods_and_due_dates(period, start, end, due):
    assert (period.start, period.end, period.due) == (start, end, due)


@pytest.mark.parametrize(
    ("today", "codes"),
    [
        (date(2026, 10, 1), ["2026-Q3"]),
        (date(2026, 12, 12), ["2026"]),
        (date(2026, 12, 28), ["2026-Q4"]),
        (date(2027, 1, 3), ["2026-Q4"]),
        (date(2026, 11, 26), []),
        (date(2026, 10, 6), []),
    ],
)
def test_reminders_within_ten_days(today, codes):
    assert [p.code for p in indicators.upcoming(today)] == codes


def test_values_match_the_overview(sample_store: Store):
    period = indicators.quarter(2026, 3)
    frame = indicators.compute(sample_store, period, TODAY).set_index("code")
    ov = overview.compute(
        sample_store, Filters(period.start, period.end), datetime.combine(period.end, time(23, 59, 59))
    )
    assert frame.loc["appeals_total", "value"] == ov.total
    assert frame.loc["on_time_share", "value"] == pytest.approx(ov.counts.on_time_share)
    assert frame.loc["formal_share", "value"] == pytest.approx(ov.counts.formal_share)
    assert frame.loc["on_time_share", "met"] == (ov.counts.on_time_share >= 0.95)
    assert frame.loc["roadmap_on_time_share", "value"] == 1.0  # the pump repair, due and done in July
    assert frame.loc["auto_delivery_share", "value"] is None or frame["value"].isna()["auto_delivery_share"]


def test_manual_values(sample_store: Store):
    period = indicators.quarter(2026, 3)
    indicators.set_manual(sample_store, "auto_delivery_share", period, 0.42, "Петрова")
    frame = indicators.compute(sample_store, period, TODAY).set_index("code")
    assert frame.loc["auto_delivery_share", "value"] == pytest.approx(0.42)
    assert not frame.loc["auto_delivery_share", "met"]
    with pytest.raises(ValueError, match="считается по данным"):
        indicators.set_manual(sample_store, "on_time_share", period, 0.9, "Петрова")
    with pytest.raises(ValueError, match="кто вводит"):
        indicators.set_manual(sample_store, "social_pages_share", period, 0.9, " ")


def test_report_files_carry_the_same_numbers(sample_store: Store):
    period = indicators.year(2025)
    frame = indicators.compute(sample_store, period, TODAY)
    rows = documents.indicators_table(frame, lambda v, u: "—" if v is None or v != v else str(round(v, 4)))
    doc = Document(io.BytesIO(documents.report_docx("Показатели", rows, TODAY)))
    values = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows[1:]}
    total = frame.set_index("code").loc["appeals_total", "value"]
    assert float(values["Количество обращений и сообщений"]) == total
    import pandas as pd

    book = load_workbook(io.BytesIO(to_xlsx_bytes(pd.DataFrame(rows, columns=documents.REPORT_COLUMNS), "Показатели")))
    sheet = book["Показатели"]
    assert [c.value for c in sheet[1]] == documents.REPORT_COLUMNS
    assert sheet.max_row == len(rows) + 1
