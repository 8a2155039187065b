"""«Еженедельная записка»: which week, the note's words as they go out, its edits and their history, the tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import CSV, DOCX, NO_DATA_IN_STORE, Download, Empty, Notice, file_name
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_datetime, fmt_period
from mcu_data.reports import documents, note_edits, weekly_note
from mcu_data.reports import proposals as rules

WEEKS_BACK = 52
FILTERED = (
    "Записка построена с фильтрами боковой панели. Править и отправлять можно записку по всему району: "
    "снимите фильтры тем, поселений, каналов и получателей."
)


@dataclass(frozen=True)
class RuleChoice:
    code: str
    name: str
    when: str
    on: bool


@dataclass(frozen=True)
class MeasureDraft:
    """A proposal a roadmap measure can take up: the button's words and the draft «Дорожные карты» opens with."""

    label: str
    draft: dict


@dataclass
class NoteView:
    mondays: list[date]
    week: periods.Week
    title: str
    caption: str
    text: note_edits.NoteText
    generated: note_edits.NoteText
    status: str  # what the text is: generated, saved by whom, sent
    notices: list[Notice]
    stale: list[note_edits.Stale]
    can_edit: bool
    history: pd.DataFrame  # Russian columns, newest first
    rules: list[RuleChoice]
    drafts: list[MeasureDraft]  # empty for a role that cannot plan measures
    sections: list[weekly_note.Section]
    downloads: list[Download]
    note: weekly_note.Note


def weeks(span: tuple[date, date], today: date) -> list[date]:
    """The Mondays a note can be made for, newest first: the last complete week of the data, and a year before it."""
    last = periods.last_complete_week_of_data(span[1], today)
    return [
        last.monday - timedelta(weeks=k)
        for k in range(WEEKS_BACK + 1)
        if last.monday - timedelta(weeks=k) >= span[0] - timedelta(days=6)
    ]


def district_wide(filters: Filters) -> bool:
    return not (filters.themes or filters.settlements or filters.sources or filters.recipients)


def build(
    src: Source, filters: Filters, today: date, monday: date | None = None, user: access.User | None = None
) -> NoteView | Empty:
    span = src.data_span()
    if span is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    mondays = weeks(span, today)
    week = periods.full_week(monday if monday in mondays else mondays[0])
    note = src.weekly_note(filters, week, today)
    whole = district_wide(filters)
    generated = note_edits.generated(note)
    text = note_edits.text(src.store, note) if whole else generated
    stale = note_edits.stale(src.store, note) if whole else []
    notices = []
    if not whole:
        notices.append(Notice("info", FILTERED, ":material/filter_alt:"))
    if text.sent:
        notices.append(
            Notice(
                "success",
                f"Записка отправлена {fmt_datetime(text.saved_at)} ({text.author}). Чтобы изменить её, "
                "откройте её для правки: отправленная версия останется в истории.",
                ":material/outgoing_mail:",
            )
        )
    if stale:
        notices.append(
            Notice(
                "warning",
                "Данные изменились после сохранения текста. Сформированных предложений, которые устарели: "
                f"{len(stale)}; они перечислены ниже — проверьте текст.",
                ":material/update:",
            )
        )
    if text.edited:
        status = f"Текст сохранён: {text.author}, {fmt_datetime(text.saved_at)}, версия {text.version_id}" + (
            " · отправлена" if text.sent else ""
        )
    else:
        status = "Текст сформирован по правилам из показателей недели; куратор может его править."
    stem = ("записка", fmt_period(week.monday, week.sunday))
    off = rules.switched_off(src.store)
    history = note_edits.history(src.store, week.monday) if whole else pd.DataFrame()
    return NoteView(
        mondays=mondays,
        week=week,
        title=weekly_note.title(note),
        caption=f"{weekly_note.title(note)} · состояние сроков на {fmt_datetime(note.as_of)}. Фильтры тем, поселений, "
        "каналов и получателей с боковой панели действуют; период задаёт неделя.",
        text=text,
        generated=generated,
        status=status,
        notices=notices,
        stale=stale,
        can_edit=whole and access.allowed(user, access.EDIT_NOTE),
        history=_history_table(history),
        rules=[RuleChoice(r.code, r.name, r.when, r.code not in off) for r in rules.RULES],
        drafts=_drafts(note, user),
        sections=note.sections,
        downloads=[
            Download("Скачать CSV", file_name(*stem, ext="csv"), CSV, lambda: documents.to_csv(note, text), "wn_csv"),
            Download(
                "Скачать DOCX",
                file_name(*stem, ext="docx"),
                DOCX,
                lambda: documents.to_docx(note, text),
                "wn_docx",
                ":material/description:",
            ),
        ],
        note=note,
    )


PLANNERS = ("curator", "sector_leader", "settlement_head")


def _drafts(note: weekly_note.Note, user: access.User | None) -> list[MeasureDraft]:
    """Measures the note's proposals ask for, ready for «Дорожные карты»; the page there checks the scope again."""
    if user is None or user.role not in PLANNERS:
        return []
    out = []
    for p in note.proposals:
        if p.cell is None:
            continue
        theme, oktmo = p.cell
        out.append(
            MeasureDraft(
                f"Создать мероприятие: {p.text.rstrip('.')}",
                {
                    "title": p.text.split(";")[0].rstrip("."),
                    "theme_codes": [theme],
                    "settlement_oktmos": [oktmo],
                    "recipient_code": None,
                    "evidence": f"Еженедельная записка {fmt_period(note.week.monday, note.week.sunday)}: {p.reason}",
                    "expected_effect": "Число обращений по теме в поселении вернётся к обычному уровню.",
                },
            )
        )
    return out


def _history_table(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["Версия", "Когда", "Кто", "Действие", "Что изменено"])
    return pd.DataFrame(
        {
            "Версия": frame["version_id"].astype(int),
            "Когда": frame["saved_at"].map(fmt_datetime),
            "Кто": frame["author"],
            "Действие": frame["action_ru"],
            "Что изменено": frame["changes"],
        }
    )
