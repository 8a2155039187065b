"""The weekly analytical note (regulation 3.3 а): one builder feeds the page, the CSV and the DOCX."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import pandas as pd

from mcu_data.analytics import compliance, growth, overview, rating
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
    fmt_change,
    fmt_date,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_pct,
    fmt_period,
    fmt_signed_pct,
    label,
)
from mcu_data.core.periods import Week
from mcu_data.roadmaps import effect, measures
from mcu_data.store import Store


@dataclass(frozen=True)
class Section:
    title: str
    table: pd.DataFrame  # Russian column names, values already formatted as the reader sees them
    more: int = 0  # rows left out of a capped table


@dataclass(frozen=True)
class Note:
    week: Week
    as_of: datetime
    generated: datetime
    sections: list[Section]
    figures: dict[str, float | int | None]  # the raw numbers, for tests and for reconciling with the pages


LIST_ROWS = 20  # a list in the note names the oldest cases; the whole list is on «Сроки»
RATING_DAYS = 28  # one week is too few appeals to rank recipients: the rating covers the four weeks to the note's end


def build(store: Store, week: Week, today: date, base: Filters | None = None) -> Note:
    """Every section of the note for a Monday-to-Sunday week; states are taken at the end of its Sunday."""
    base = base or Filters(week.monday, week.sunday)
    f = replace(base, start=week.monday, end=week.sunday)
    as_of = periods.as_of(week.sunday, datetime.combine(today, time(23, 59, 59)))
    moment = f"на {fmt_datetime(as_of)}"
    names = {
        "theme": dict(store.rows("select code, name_ru from theme")),
        "settlement": dict(store.rows("select oktmo, name_ru from settlement")),
        "recipient": {**dict(store.rows("select code, name_ru from recipient")), "none": "Получатель не определён"},
    }
    ov = overview.compute(store, f, as_of, top_n=5)
    n_week, n_prev, n_year = ov.week_counts
    c = ov.counts
    sections: list[Section] = []

    sections.append(
        Section(
            "Итоги недели",
            pd.DataFrame(
                {
                    "Показатель": [
                        "Обращений за неделю",
                        "За предыдущую неделю",
                        "За ту же неделю год назад",
                        "Изменение к предыдущей неделе",
                        "Изменение к прошлому году",
                    ],
                    "Значение": [
                        fmt_int(n_week),
                        fmt_int(n_prev),
                        fmt_int(n_year),
                        fmt_change(n_week, n_prev),
                        fmt_change(n_week, n_year),
                    ],
                }
            ),
        )
    )

    by_channel = overview.by_source(store, f)
    sections.append(
        Section(
            "По каналам",
            pd.DataFrame(
                {
                    "Канал": [label("source", s) for s in by_channel.index],
                    "Обращений": [fmt_int(v) for v in by_channel.values],
                }
            ),
        )
    )

    sections.append(
        Section(
            "Главные темы",
            pd.DataFrame(
                {
                    "Тема": ov.top_themes["name_ru"],
                    "Обращений": ov.top_themes["n"].map(fmt_int),
                    "К прошлой неделе": ov.top_themes["change"].map(fmt_signed_pct),
                }
            ),
        )
    )

    sections.append(
        Section(
            "Горячие поселения (на 1 000 жителей)",
            pd.DataFrame(
                {
                    "Поселение": ov.top_settlements["name_ru"],
                    "Обращений": ov.top_settlements["n"].map(fmt_int),
                    "На 1 000 жителей": ov.top_settlements["per_1000"].map(lambda v: fmt_float(v, 1)),
                }
            ),
        )
    )

    points = growth.detect(growth.weekly_counts(store, f, week.sunday))
    rows = []
    for p in points.itertuples():
        found = growth.drivers(store, f, week.sunday, p.theme_code, p.settlement_oktmo)
        causes = "; ".join(
            filter(
                None,
                [
                    ", ".join(f"{s} ({fmt_int(r.now)})" for s, r in found["subtopics"].iterrows() if r.now > 0),
                    "слова: " + ", ".join(found["words"][:4]) if found["words"] else "",
                ],
            )
        )
        rows.append(
            [
                names["theme"].get(p.theme_code),
                names["settlement"].get(p.settlement_oktmo),
                fmt_int(p.observed),
                fmt_float(p.baseline, 1),
                causes,
            ]
        )
    sections.append(
        Section(
            "Точки роста", pd.DataFrame(rows, columns=["Тема", "Поселение", "За неделю", "Обычно", "Причины роста"])
        )
    )

    now = ov.now
    sections.append(
        Section(
            f"Сроки (обращения недели, состояние {moment})",
            pd.DataFrame(
                {
                    "Показатель": [
                        "Ответы в срок",
                        "Ответов в срок",
                        "Ответов с опозданием",
                        "Без ответа, срок прошёл",
                        "Срок ещё не наступил",
                        f"Просрочено {moment} (за всё время)",
                    ],
                    "Значение": [
                        f"{fmt_pct(c.on_time_share)} из {fmt_int(c.judged)}",
                        fmt_int(c.on_time),
                        fmt_int(c.late),
                        fmt_int(c.open_past_due),
                        fmt_int(c.not_yet_due),
                        fmt_int(now.open_past_due),
                    ],
                }
            ),
        )
    )
    overdue = compliance.listing(store, f, as_of, "overdue_now", limit=LIST_ROWS)
    sections.append(
        Section(
            f"Просроченные обращения {moment}: самые давние",
            pd.DataFrame(
                {
                    "Срок": overdue["due"].map(lambda v: fmt_date(v)),
                    "Получатель": overdue["recipient_code"].map(lambda r: names["recipient"].get(r, "не определён")),
                    "Тема": overdue["theme_code"].map(names["theme"]),
                    "Номер в источнике": overdue["source_id"],
                }
            ),
            more=max(0, now.open_past_due - len(overdue)),
        )
    )

    month = replace(f, start=week.sunday - timedelta(days=RATING_DAYS - 1), end=week.sunday)
    table = rating.rate(
        compliance.per_recipient(store, month, as_of),
        compliance.per_recipient(store, month.previous(), as_of),
        rating.weights(store),
        rating.min_appeals(store),
    )
    placed = rating.ranked(table)
    ends = pd.concat([placed.head(3), placed.tail(3)]).drop_duplicates("recipient_code")
    sections.append(
        Section(
            f"Рейтинг получателей за 4 недели, {fmt_period(month.start, month.end)} (лучшие и худшие)",
            pd.DataFrame(
                {
                    "Место": ends["rank"].map(fmt_int),
                    "Получатель": ends["recipient_code"].map(lambda r: names["recipient"].get(r, r)),
                    "Балл из 100": ends["score"].map(lambda v: fmt_float(v, 1)),
                    "В срок": ends["value_timeliness"].map(lambda v: fmt_pct(v, 0)),
                    "По существу": ends["value_completeness"].map(lambda v: fmt_pct(v, 0)),
                }
            ),
        )
    )

    sections.append(
        Section(
            "Удовлетворённость (оценки ПОС)",
            pd.DataFrame(
                {
                    "Показатель": ["Оценок ответов на обращения недели", "Средняя оценка (1–5)"],
                    "Значение": [
                        fmt_int(c.pos_rated),
                        f"{fmt_float(c.pos_mean_satisfaction, 2)} (оценок: {fmt_int(c.pos_rated)})",
                    ],
                }
            ),
        )
    )

    items = measures.all_measures(store, today)
    deadline = pd.to_datetime(items["deadline"]).dt.date
    due_now = items[(deadline >= week.monday) & (deadline <= week.sunday)]
    late = items[items["state"] == "overdue"]
    done = items[items["status"] == "done"]
    verdicts = [
        effect.VERDICTS[
            effect.estimate(
                **effect.counts(store, list(m.theme_codes), list(m.settlement_oktmos), m.done_date, today)
            ).verdict
        ]
        for m in done.itertuples()
    ]
    sections.append(
        Section(
            "Дорожные карты",
            pd.DataFrame(
                [["Срок на этой неделе", m.title, fmt_date(m.deadline)] for m in due_now.itertuples()]
                + [["Просрочено", m.title, fmt_date(m.deadline)] for m in late.itertuples()]
                + [["Выполнено", m.title, f"эффект: {v}"] for m, v in zip(done.itertuples(), verdicts, strict=True)],
                columns=["Раздел", "Мероприятие", "Срок или эффект"],
            ),
        )
    )

    figures = {
        "total": n_week,
        "previous_week": n_prev,
        "year_ago": n_year,
        "on_time": c.on_time,
        "late": c.late,
        "open_past_due": c.open_past_due,
        "not_yet_due": c.not_yet_due,
        "on_time_share": c.on_time_share,
        "overdue_now": now.open_past_due,
        "growth_points": len(points),
        "pos_rated": c.pos_rated,
        "pos_mean_satisfaction": c.pos_mean_satisfaction,
    }
    return Note(week, as_of, datetime.now(), sections, figures)


def title(note: Note) -> str:
    return f"Еженедельная аналитическая записка МЦУ: {fmt_period(note.week.monday, note.week.sunday)}"
