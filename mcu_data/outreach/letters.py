"""What each letter says. Figures come from the same functions as the pages («Сроки», the heat map, the weekly
note), so a letter and the page it points to never disagree. No letter carries a resident's words, name or
address: an appeal is named by its number in the source, its dates, theme and settlement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from mcu_data.analytics import compliance, growth
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
    appeals_n,
    fmt_date,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_period,
    in_settlement,
    label,
    n_of,
)
from mcu_data.core.periods import Week
from mcu_data.outreach.html import Block, Body, Table, to_html, to_text
from mcu_data.reports import documents, note_edits, weekly_note
from mcu_data.reports.summary import incident_line
from mcu_data.store import Store

LIST_ROWS = 30  # a daily letter lists the first rows of each list; the rest are on «Сроки»
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FOOTER = (
    "Письмо отправлено автоматически сервером «Тепловой карты МЦУ» Борского района. Кому и когда приходят письма, "
    "настраивает куратор на странице «Рассылка». Отвечать на это письмо не нужно."
)


@dataclass(frozen=True)
class Letter:
    kind: str
    subject: str
    text: str
    html: str
    attachment_name: str | None = None
    attachment: bytes | None = None
    figures: dict | None = None  # the numbers the letter states, for the tests and the log


def _letter(kind: str, subject: str, body: Body, **extra) -> Letter:
    return Letter(kind, subject, to_text(body), to_html(body), **extra)


def _link(app_url: str, page: str, words: str) -> tuple[str, str] | None:
    return (words, f"{app_url}/{page}") if app_url else None


def _names(store: Store, table: str) -> dict[str, str]:
    key = "oktmo" if table == "settlement" else "code"
    return dict(store.rows(f"select {key}, name_ru from {table}"))


# -- the weekly note -------------------------------------------------------------------------------------------------
def weekly(store: Store, week: Week, today: date, app_url: str = "") -> Letter:
    """The note of a Monday-to-Sunday week: its summary in the body, the official DOCX attached."""
    note = weekly_note.build(store, week, today)
    text = note_edits.text(store, note)
    docx = documents.to_docx(note, text, app_url)
    totals = note.sections[0]
    body = Body(
        title=weekly_note.title(note),
        lead=[
            f"Записка за неделю {fmt_period(week.monday, week.sunday)}, состояние сроков на {fmt_datetime(note.as_of)}.",
            "Полный текст для Главы района — во вложении (DOCX)."
            + ("" if text.edited else " Текст составлен автоматически: куратор его ещё не правил."),
        ],
        blocks=[
            Block("Коротко", lines=list(text.summary)),
            Block(
                totals.title,
                table=Table(list(totals.table.columns), totals.table.astype(str).values.tolist(), right=(1,)),
            ),
        ],
        link=_link(app_url, "weekly_note", "Открыть записку в панели"),
        footer=FOOTER,
    )
    name = f"Записка МЦУ {week.monday:%Y-%m-%d} — {week.sunday:%Y-%m-%d}.docx"
    return _letter(
        "weekly", weekly_note.title(note), body, attachment_name=name, attachment=docx, figures=dict(note.figures)
    )


# -- a recipient's deadlines -----------------------------------------------------------------------------------------
def deadline_lists(store: Store, recipient: str, as_of: datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What is overdue now, and what falls due within two working days: the lists of «Сроки» for one recipient."""
    scope = Filters(as_of.date() - timedelta(days=30), as_of.date(), recipients=(recipient,))
    overdue = compliance.listing(store, scope, as_of, "overdue_now", recipient)
    soon = compliance.listing(store, scope, as_of, "due_soon", recipient)
    return overdue, soon


def _rows(frame: pd.DataFrame, as_of: datetime, themes: dict, places: dict, overdue: bool) -> list[list[str]]:
    rows = []
    for r in frame.head(LIST_ROWS).itertuples():
        due = pd.Timestamp(r.due).to_pydatetime()
        when = fmt_date(due)
        if overdue:
            days = (as_of.date() - due.date()).days
            when += f"\nпросрочено {n_of(days, 'день', 'дня', 'дней')}" if days > 0 else "\nсегодня"
        place = places.get(r.settlement_oktmo, "поселение не определено") if r.settlement_oktmo else "без поселения"
        rows.append(
            [
                f"{r.source_id}\n{label('source_short', r.source_code)}",
                when,
                f"{themes.get(r.theme_code, '—')}; {place}",
            ]
        )
    return rows


def daily(store: Store, recipient: str, as_of: datetime, app_url: str = "") -> Letter | None:
    """The day's list for one recipient's responsible person; None when nothing is overdue or due soon."""
    overdue, soon = deadline_lists(store, recipient, as_of)
    if overdue.empty and soon.empty:
        return None
    themes, places = _names(store, "theme"), _names(store, "settlement")
    who = _names(store, "recipient").get(recipient, recipient)
    horizon = compliance.risk_horizon(as_of)
    columns = ["Номер", "Срок ответа", "Тема; поселение"]
    blocks = []
    for frame, heading, is_overdue in (
        (overdue, f"Просрочено: {fmt_int(len(overdue))}", True),
        (soon, f"Срок истекает до {fmt_datetime(horizon)}: {fmt_int(len(soon))}", False),
    ):
        if frame.empty:
            blocks.append(Block(heading, lines=["Нет."]))
            continue
        rest = len(frame) - LIST_ROWS
        blocks.append(
            Block(
                heading,
                table=Table(columns, _rows(frame, as_of, themes, places, is_overdue), whole_words=(0, 1)),
                after=[f"Ещё {fmt_int(rest)} — на странице «Сроки»."] if rest > 0 else [],
            )
        )
    subject = (
        f"Сроки ответов на {fmt_date(as_of)}: {who} — просрочено {fmt_int(len(overdue))}, "
        f"истекает в ближайшие 2 рабочих дня {fmt_int(len(soon))}"
    )
    body = Body(
        title=f"Сроки ответов: {who}",
        lead=[
            f"Состояние на {fmt_datetime(as_of)}. Обращения названы номерами в системе, из которой они пришли; "
            "текст обращения — в этой системе и на странице «Сроки» панели.",
        ],
        blocks=blocks,
        link=_link(app_url, "deadlines", "Открыть «Сроки» в панели"),
        footer=FOOTER,
    )
    figures = {"overdue_now": len(overdue), "due_soon": len(soon), "overdue_ids": list(overdue["source_id"])}
    figures["due_soon_ids"] = list(soon["source_id"])
    return _letter("daily", subject, body, figures=figures)


# -- a new growth point ----------------------------------------------------------------------------------------------
def growth_points(store: Store, end: date) -> pd.DataFrame:
    """The growth points of the 7 days ending on `end`, as the heat map finds them with the same period."""
    return growth.points(store, Filters(end - timedelta(days=6), end))


def growth_alert(store: Store, point: pd.Series, end: date, app_url: str = "") -> Letter:
    """One growth point for the sector leader of its theme: its week, its usual week, what grew and how many
    problems stand behind it."""
    theme = _names(store, "theme").get(point["theme_code"], point["theme_code"])
    oktmo = point["settlement_oktmo"]
    place = _names(store, "settlement").get(oktmo, oktmo)
    where = in_settlement(oktmo, place)
    found = growth.drivers(store, Filters(end - timedelta(days=6), end), end, point["theme_code"], oktmo)
    observed, baseline = int(point["observed"]), float(point["baseline"])
    usual = (
        f"обычно {fmt_float(baseline, 1)} в неделю (в среднем за 8 недель до того), больше обычного в "
        f"{fmt_float(float(point['ratio']), 1)} раза"
        if baseline >= growth.BASELINE_FLOOR
        else "за 8 недель до того таких обращений почти не было"
    )
    lines = [f"За 7 дней {fmt_period(end - timedelta(days=6), end)}: {appeals_n(observed)}; {usual}."]
    said = incident_line(found["incidents"])
    if said:
        lines.append(said)
    subtopics = found["subtopics"]
    grew = subtopics[subtopics["growth"] > 0]
    if not grew.empty:
        lines.append(
            "Больше всего выросли подтемы: "
            + "; ".join(f"«{name}» ({fmt_int(int(r.now))})" for name, r in grew.iterrows())
            + "."
        )
    if found["streets"]:
        lines.append("Чаще всего называют: " + "; ".join(f"{s} ({fmt_int(n)})" for s, n in found["streets"]) + ".")
    if point["repeats"]:
        lines.append(f"Повторных обращений среди них: {fmt_int(int(point['repeats']))}.")
    body = Body(
        title=f"Новая точка роста: «{theme}» {where}",
        lead=[
            "Тема вышла за свой обычный уровень в поселении так, что случайностью это объяснить трудно "
            "(правило — на странице «Как считаются показатели»)."
        ],
        blocks=[Block("Что выросло", lines=lines)],
        link=_link(app_url, "heatmap", "Открыть тепловую карту"),
        footer=FOOTER,
    )
    subject = f"Точка роста: «{theme}» {where} — {appeals_n(observed)} за неделю при обычных {fmt_float(baseline, 1)}"
    incidents = found["incidents"]
    figures = {"observed": observed, "baseline": baseline, "incidents": len(incidents)}
    return _letter("growth", subject, body, figures=figures)


def test_letter(now: datetime) -> Letter:
    body = Body(
        title="Пробное письмо «Тепловой карты МЦУ»",
        lead=[f"Если вы читаете это письмо, почта сервера настроена верно. Отправлено {fmt_datetime(now)}."],
        blocks=[],
        footer=FOOTER,
    )
    return _letter("test", "Пробное письмо «Тепловой карты МЦУ»", body)
