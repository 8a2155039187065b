"""The weekly analytical note (regulation 3.3 а): one builder feeds the page, the CSV and the DOCX."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import pandas as pd

from mcu_data.analytics import compliance, growth, overview, rating
from mcu_data.core import metrics
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, fmt_pct, fmt_period, fmt_signed_pct, label
from mcu_data.roadmaps import effect, measures
from mcu_data.store import Store


@dataclass(frozen=True)
class Section:
    title: str
    table: pd.DataFrame  # Russian column names, values already formatted as the reader sees them


@dataclass(frozen=True)
class Note:
    week: metrics.Window
    generated: datetime
    sections: list[Section]
    figures: dict[str, float | int | None]  # the raw numbers, for tests and for reconciling with the pages


def build(store: Store, week: metrics.Window, today: date, base: Filters | None = None) -> Note:
    """Every section of the note for a Monday-to-Sunday week."""
    base = base or Filters(week.start, week.end)
    f = replace(base, start=week.start, end=week.end)
    as_of = min(datetime.combine(week.end, time(23, 59, 59)), datetime.combine(today, time(23, 59, 59)))
    names = {
        "theme": dict(store.rows("select code, name_ru from theme")),
        "settlement": dict(store.rows("select oktmo, name_ru from settlement")),
        "recipient": {**dict(store.rows("select code, name_ru from recipient")), "none": "Получатель не определён"},
    }
    ov = overview.compute(store, f, as_of, top_n=5)
    # a Monday-to-Sunday period: the overview's own week windows are this week, the one before, and 52 weeks back
    _, n_prev, n_year = ov.week_counts
    sections: list[Section] = []

    sections.append(Section("Итоги недели", pd.DataFrame({
        "Показатель": ["Обращений за неделю", "За предыдущую неделю", "За ту же неделю год назад",
                       "Изменение к предыдущей неделе", "Изменение к прошлому году"],
        "Значение": [fmt_int(ov.total), fmt_int(n_prev), fmt_int(n_year), fmt_signed_pct(metrics.change(ov.total, n_prev)),
                     fmt_signed_pct(metrics.change(ov.total, n_year))],
    })))

    by_channel = overview.by_source(store, f)
    sections.append(Section("По каналам", pd.DataFrame({
        "Канал": [label("source", s) for s in by_channel.index],
        "Обращений": [fmt_int(v) for v in by_channel.values],
    })))

    sections.append(Section("Главные темы", pd.DataFrame({
        "Тема": ov.top_themes["name_ru"],
        "Обращений": ov.top_themes["n"].map(fmt_int),
        "К прошлой неделе": ov.top_themes["change"].map(fmt_signed_pct),
    })))

    sections.append(Section("Горячие поселения (на 1 000 жителей)", pd.DataFrame({
        "Поселение": ov.top_settlements["name_ru"],
        "Обращений": ov.top_settlements["n"].map(fmt_int),
        "На 1 000 жителей": ov.top_settlements["per_1000"].map(lambda v: fmt_float(v, 1)),
    })))

    points = growth.detect(growth.weekly_counts(store, f, week.end))
    rows = []
    for p in points.itertuples():
        found = growth.drivers(store, f, week.end, p.theme_code, p.settlement_oktmo)
        causes = "; ".join(filter(None, [
            ", ".join(f"{s} ({fmt_int(r.now)})" for s, r in found["subtopics"].iterrows() if r.now > 0),
            "слова: " + ", ".join(found["words"][:4]) if found["words"] else "",
        ]))
        rows.append([names["theme"].get(p.theme_code), names["settlement"].get(p.settlement_oktmo), fmt_int(p.observed),
                     fmt_float(p.baseline, 1), causes])
    sections.append(Section("Точки роста", pd.DataFrame(rows, columns=["Тема", "Поселение", "За неделю", "Обычно",
                                                                       "Причины роста"])))

    table = compliance.per_recipient(store, f, as_of)
    overdue = compliance.listing(store, f, as_of, "overdue_now")
    sections.append(Section("Сроки", pd.DataFrame({
        "Показатель": ["Ответов в срок (обращения недели)", "Ответов с опозданием", "Просрочено сейчас",
                       "Срок в ближайшие 2 рабочих дня"],
        "Значение": [fmt_pct(metrics.share(table["on_time"].sum(), table["answered_with_due"].sum())),
                     fmt_int(table["late"].sum()), fmt_int(table["overdue_now"].sum()), fmt_int(table["due_soon"].sum())],
    })))
    sections.append(Section("Просроченные обращения", pd.DataFrame({
        "Срок": overdue["due"].map(lambda d: fmt_date(d)),
        "Получатель": overdue["recipient_code"].map(lambda r: names["recipient"].get(r, "не определён")),
        "Тема": overdue["theme_code"].map(names["theme"]),
        "Номер в источнике": overdue["source_id"],
    })))

    month = replace(f, start=week.end - timedelta(days=27), end=week.end)
    ranked = rating.rate(compliance.per_recipient(store, month, as_of),
                         compliance.per_recipient(store, month.previous(), as_of), compliance.rating_weights(store))
    ends = pd.concat([ranked.head(3), ranked.tail(3)]).drop_duplicates("recipient_code")
    sections.append(Section("Рейтинг получателей за 4 недели (лучшие и худшие)", pd.DataFrame({
        "Место": ends["rank"].map(fmt_int),
        "Получатель": ends["recipient_code"].map(lambda r: names["recipient"].get(r, r)),
        "Балл": ends["score"].map(lambda v: fmt_pct(v, 0)),
        "В срок": ends["value_timeliness"].map(lambda v: fmt_pct(v, 0)),
        "По существу": ends["value_completeness"].map(lambda v: fmt_pct(v, 0)),
    })))

    rated = table["rated"].sum()
    satisfaction = compliance.mean_satisfaction(table)
    sections.append(Section("Удовлетворённость (оценки ПОС)", pd.DataFrame({
        "Показатель": ["Оценок за неделю", "Средняя оценка (1–5)"],
        "Значение": [fmt_int(rated), fmt_float(satisfaction, 2)],
    })))

    items = measures.all_measures(store, today)
    due_now = items[(pd.to_datetime(items["deadline"]).dt.date >= week.start)
                    & (pd.to_datetime(items["deadline"]).dt.date <= week.end)]
    late = items[items["state"] == "overdue"]
    done = items[items["status"] == "done"]
    verdicts = [
        effect.VERDICTS[effect.estimate(**effect.counts(store, list(m.theme_codes), list(m.settlement_oktmos),
                                                        m.done_date, today)).verdict]
        for m in done.itertuples()
    ]
    sections.append(Section("Дорожные карты", pd.DataFrame(
        [["Срок на этой неделе", m.title, fmt_date(m.deadline)] for m in due_now.itertuples()]
        + [["Просрочено", m.title, fmt_date(m.deadline)] for m in late.itertuples()]
        + [["Выполнено", m.title, f"эффект: {v}"] for m, v in zip(done.itertuples(), verdicts, strict=True)],
        columns=["Раздел", "Мероприятие", "Срок или эффект"],
    )))

    figures = {
        "total": ov.total, "previous_week": n_prev, "year_ago": n_year,
        "on_time": int(table["on_time"].sum()), "late": int(table["late"].sum()),
        "overdue_now": int(table["overdue_now"].sum()), "growth_points": len(points),
    }
    return Note(week, datetime.now(), sections, figures)


def title(note: Note) -> str:
    return f"Еженедельная аналитическая записка МЦУ: {fmt_period(note.week.start, note.week.end)}"
