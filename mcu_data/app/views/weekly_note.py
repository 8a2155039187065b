"""«Еженедельная записка»: which week, the note's sections, and its files built when asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mcu_data.app.source import Source
from mcu_data.app.views.common import CSV, DOCX, NO_DATA_IN_STORE, Download, Empty, file_name
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_datetime, fmt_period
from mcu_data.reports import documents, weekly_note

WEEKS_BACK = 52


@dataclass
class NoteView:
    mondays: list[date]
    week: periods.Week
    title: str
    caption: str
    sections: list[weekly_note.Section]
    downloads: list[Download]


def weeks(span: tuple[date, date], today: date) -> list[date]:
    """The Mondays a note can be made for, newest first: the last complete week of the data, and a year before it."""
    last = periods.last_complete_week_of_data(span[1], today)
    return [
        last.monday - timedelta(weeks=k)
        for k in range(WEEKS_BACK + 1)
        if last.monday - timedelta(weeks=k) >= span[0] - timedelta(days=6)
    ]


def build(src: Source, filters: Filters, today: date, monday: date | None = None) -> NoteView | Empty:
    span = src.data_span()
    if span is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    mondays = weeks(span, today)
    week = periods.full_week(monday if monday in mondays else mondays[0])
    note = src.weekly_note(filters, week, today)
    stem = ("записка", fmt_period(week.monday, week.sunday))
    return NoteView(
        mondays=mondays,
        week=week,
        title=weekly_note.title(note),
        caption=f"{weekly_note.title(note)} · состояние сроков на {fmt_datetime(note.as_of)}. Фильтры тем, поселений, "
        "каналов и получателей с боковой панели действуют; период задаёт неделя.",
        sections=note.sections,
        downloads=[
            Download("Скачать CSV", file_name(*stem, ext="csv"), CSV, lambda: documents.to_csv(note), "wn_csv"),
            Download(
                "Скачать DOCX",
                file_name(*stem, ext="docx"),
                DOCX,
                lambda: documents.to_docx(note),
                "wn_docx",
                ":material/description:",
            ),
        ],
    )
