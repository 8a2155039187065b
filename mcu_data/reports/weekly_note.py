"""The weekly analytical note (regulation 3.3 а): one builder feeds the page, the CSV and the DOCX.

The note opens with a summary in words (`summary`) and proposals (`proposals`), both written by rules from the
figures gathered here, then the tables. A table keeps its values twice: as the reader sees them (`table`) and as
numbers (`data`), so that the CSV carries numbers Excel can sum.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

import pandas as pd

from mcu_data.analytics import compliance, growth, overview, rating, satisfaction
from mcu_data.core import definitions as d
from mcu_data.core import periods
from mcu_data.core.filters import Filters, to_where
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
    lower_first,
)
from mcu_data.core.periods import Week, Window
from mcu_data.reports import proposals as rules
from mcu_data.reports import summary
from mcu_data.roadmaps import effect, measures
from mcu_data.store import Store


@dataclass(frozen=True)
class Section:
    title: str
    table: pd.DataFrame  # Russian column names, values already formatted as the reader sees them
    more: int = 0  # rows left out of a capped table
    data: pd.DataFrame | None = None  # the same rows as numbers, for the CSV; None where `table` has no numbers
    page: str = ""  # the page with the whole list, for «и ещё N»


@dataclass(frozen=True)
class Note:
    week: Week
    as_of: datetime
    generated: datetime
    sections: list[Section]
    figures: dict[str, float | int | None]  # the raw numbers, for tests and for reconciling with the pages
    summary: list[summary.Sentence] = field(default_factory=list)
    proposals: list[rules.Proposal] = field(default_factory=list)
    facts: summary.Facts | None = None


LIST_ROWS = 20  # a list in the note names the oldest cases; the whole list is on «Сроки»
TABLE_ROWS = 10  # any other table is capped at its top rows
RATING_DAYS = 28  # one week is too few appeals to rank recipients: the rating covers the four weeks to the note's end
POLL_WEEKS = 3  # a growth point that was one in any of the weeks before it is a repeated problem


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

    totals = [
        ("Обращений за неделю", fmt_int(n_week), n_week),
        ("За предыдущую неделю", fmt_int(n_prev), n_prev),
        ("За ту же неделю год назад", fmt_int(n_year), n_year),
        ("Изменение к предыдущей неделе", fmt_change(n_week, n_prev), _pct(d.change(n_week, n_prev))),
        ("Изменение к прошлому году", fmt_change(n_week, n_year), _pct(d.change(n_week, n_year))),
    ]
    sections.append(_pairs("Итоги недели", totals, units={3: ", %", 4: ", %"}))

    by_channel = overview.by_source(store, f)
    channels = [label("source", s) for s in by_channel.index]
    sections.append(
        Section(
            "По каналам",
            pd.DataFrame({"Канал": channels, "Обращений": [fmt_int(v) for v in by_channel.values]}),
            data=pd.DataFrame({"Канал": channels, "Обращений": [int(v) for v in by_channel.values]}),
        )
    )

    top = ov.top_themes
    sections.append(
        Section(
            "Главные темы",
            pd.DataFrame(
                {
                    "Тема": top["name_ru"],
                    "Обращений": top["n"].map(fmt_int),
                    "Неделей раньше": top["n_prev"].map(fmt_int),
                    "К прошлой неделе": top["change"].map(fmt_signed_pct),
                }
            ),
            data=pd.DataFrame(
                {
                    "Тема": top["name_ru"],
                    "Обращений": top["n"].astype(int),
                    "Неделей раньше": top["n_prev"].astype(int),
                    "К прошлой неделе, %": top["change"].map(_pct),
                }
            ),
        )
    )

    hot = ov.top_settlements
    sections.append(
        Section(
            "Поселения с наибольшим числом обращений на 1 000 жителей",
            pd.DataFrame(
                {
                    "Поселение": hot["name_ru"],
                    "Обращений": hot["n"].map(fmt_int),
                    "На 1 000 жителей": hot["per_1000"].map(lambda v: fmt_float(v, 1)),
                }
            ),
            data=pd.DataFrame(
                {
                    "Поселение": hot["name_ru"],
                    "Обращений": hot["n"].astype(int),
                    "На 1 000 жителей": hot["per_1000"].round(2),
                }
            ),
        )
    )

    counts_12 = growth.weekly_counts(store, f, week.sunday, growth.BASELINE_WEEKS + POLL_WEEKS)
    points = growth.detect(_weeks_back(counts_12, 0))
    earlier = set()
    for k in range(1, POLL_WEEKS + 1):
        then = growth.detect(_weeks_back(counts_12, k))
        earlier |= set(zip(then["theme_code"], then["settlement_oktmo"], strict=True))
    growth_facts, rows = [], []
    for p in points.itertuples():
        found = growth.drivers(store, f, week.sunday, p.theme_code, p.settlement_oktmo)
        subs = [(s, int(r.now)) for s, r in found["subtopics"].iterrows() if r.now > 0 and s != "без подтемы"]
        causes = "; ".join(
            filter(
                None,
                [
                    ", ".join(f"{s} ({fmt_int(n)})" for s, n in subs),
                    ", ".join(f"{s} ({fmt_int(n)})" for s, n in found["streets"]),
                    "чаще прежнего: " + ", ".join(found["words"][:4]) if found["words"] else "",
                ],
            )
        )
        rows.append(
            [
                names["theme"].get(p.theme_code),
                names["settlement"].get(p.settlement_oktmo),
                int(p.observed),
                float(p.baseline),
                causes,
            ]
        )
        growth_facts.append(
            summary.GrowthFact(
                p.theme_code,
                names["theme"].get(p.theme_code, p.theme_code),
                p.settlement_oktmo,
                names["settlement"].get(p.settlement_oktmo, p.settlement_oktmo),
                int(p.observed),
                float(p.baseline),
                subs[0][0] if subs else None,
                subs[0][1] if subs else 0,
                found["streets"][0][0] if found["streets"] else None,
                found["streets"][0][1] if found["streets"] else 0,
                (p.theme_code, p.settlement_oktmo) in earlier,
                len(found["incidents"]),
                int(found["incidents"]["messages"].iloc[0]) if len(found["incidents"]) else 0,
                int(found["incidents"]["channels"].iloc[0]) if len(found["incidents"]) else 0,
            )
        )
    columns = ["Тема", "Поселение", "За неделю", "Обычно", "Причины роста"]
    raw = pd.DataFrame(rows, columns=columns)
    shown = raw.assign(**{"За неделю": raw["За неделю"].map(fmt_int), "Обычно": raw["Обычно"].map(fmt_float)})
    sections.append(Section("Точки роста", shown, data=raw, page="Тепловая карта"))

    now = ov.now
    deadline_rows = [
        ("Ответы в срок", f"{fmt_pct(c.on_time_share)} из {fmt_int(c.judged)}", _pct(c.on_time_share)),
        ("Срок наступил", fmt_int(c.judged), c.judged),
        ("Ответов в срок", fmt_int(c.on_time), c.on_time),
        ("Ответов с опозданием", fmt_int(c.late), c.late),
        ("Без ответа, срок прошёл", fmt_int(c.open_past_due), c.open_past_due),
        ("Срок ещё не наступил", fmt_int(c.not_yet_due), c.not_yet_due),
        (f"Просрочено {moment} (за всё время)", fmt_int(now.open_past_due), now.open_past_due),
    ]
    sections.append(_pairs(f"Сроки (обращения недели, состояние {moment})", deadline_rows, units={0: ", %"}))
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
            page="Сроки",
        )
    )

    month = replace(f, start=week.sunday - timedelta(days=RATING_DAYS - 1), end=week.sunday)
    this_month = rating.with_pages(store, compliance.per_recipient(store, month, as_of), month)
    last_month = rating.with_pages(store, compliance.per_recipient(store, month.previous(), as_of), month.previous())
    minimum = rating.min_appeals(store)
    table = rating.rate(this_month, last_month, rating.weights(store), minimum)
    placed = rating.ranked(table)
    ends = pd.concat([placed.head(3), placed.tail(3)]).drop_duplicates("recipient_code")
    recipient_names = ends["recipient_code"].map(lambda r: names["recipient"].get(r, r))
    sections.append(
        Section(
            f"Рейтинг получателей за 4 недели, {fmt_period(month.start, month.end)} (лучшие и худшие)",
            pd.DataFrame(
                {
                    "Место": ends["rank"].map(fmt_int),
                    "Получатель": recipient_names,
                    "Балл из 100": ends["score"].map(lambda v: fmt_float(v, 1)),
                    "В срок": ends["value_timeliness"].map(lambda v: fmt_pct(v, 0)),
                    "По существу": ends["value_completeness"].map(lambda v: fmt_pct(v, 0)),
                }
            ),
            data=pd.DataFrame(
                {
                    "Место": ends["rank"].astype(int),
                    "Получатель": recipient_names,
                    "Балл из 100": ends["score"].round(1),
                    "В срок, %": ends["value_timeliness"].map(_pct),
                    "По существу, %": ends["value_completeness"].map(_pct),
                }
            ),
            page="Рейтинг",
        )
    )

    target = satisfaction_target(store)
    sections.append(
        _pairs(
            "Удовлетворённость (оценки ПОС ответов на обращения недели)",
            [
                ("Оценок", fmt_int(c.pos_rated), c.pos_rated),
                (
                    "Оценок 4–5",
                    f"{fmt_pct(c.pos_satisfied_share)} ({fmt_int(c.pos_satisfied)} из {fmt_int(c.pos_rated)}); "
                    f"цель — не ниже {fmt_pct(target, 0)}",
                    _pct(c.pos_satisfied_share),
                ),
                (
                    "Средняя оценка (1–5)",
                    f"{fmt_float(c.pos_mean_satisfaction, 2)} (оценок: {fmt_int(c.pos_rated)})",
                    c.pos_mean_satisfaction,
                ),
            ],
            units={1: ", %"},
        )
    )

    items = measures.all_measures(store, today)
    deadline = pd.to_datetime(items["deadline"]).dt.date
    due_now = items[(deadline >= week.monday) & (deadline <= week.sunday)]
    late = items[items["state"] == "overdue"]
    done = items[items["status"] == "done"]
    verdicts = [
        effect.estimate(
            **effect.counts(store, list(m.theme_codes), list(m.settlement_oktmos), m.done_date, today)
        ).verdict
        for m in done.itertuples()
    ]
    sections.append(
        Section(
            "Дорожные карты",
            pd.DataFrame(
                [["Срок на этой неделе", m.title, fmt_date(m.deadline)] for m in due_now.itertuples()]
                + [["Просрочено", m.title, fmt_date(m.deadline)] for m in late.itertuples()]
                + [
                    ["Выполнено", m.title, f"эффект: {effect.VERDICTS[v]}"]
                    for m, v in zip(done.itertuples(), verdicts, strict=True)
                ],
                columns=["Раздел", "Мероприятие", "Срок или эффект"],
            ),
            page="Дорожные карты",
        )
    )

    previous = last_month.set_index("recipient_code")
    recipients = tuple(
        summary.RecipientFact(
            r.recipient_code,
            names["recipient"].get(r.recipient_code, r.recipient_code),
            int(r.received),
            int(r.judged),
            int(r.on_time),
            int(previous["judged"].get(r.recipient_code, 0)),
            int(previous["on_time"].get(r.recipient_code, 0)),
            int(r.with_outcome),
            int(r.formal),
            int(r.overdue_now),
        )
        for r in this_month.itertuples()
    )
    facts = summary.Facts(
        week=week,
        as_of=as_of,
        all_channels=not base.sources,
        total=n_week,
        previous_week=n_prev,
        year_ago=n_year,
        themes=tuple(summary.ThemeFact(t.theme_code, t.name_ru, int(t.n), int(t.n_prev)) for t in top.itertuples()),
        hottest=(
            None
            if hot.empty or pd.isna(hot["per_1000"].iloc[0])
            else (hot["oktmo"].iloc[0], hot["name_ru"].iloc[0], int(hot["n"].iloc[0]), float(hot["per_1000"].iloc[0]))
        ),
        growth=tuple(growth_facts),
        judged=c.judged,
        on_time=c.on_time,
        late=c.late,
        open_past_due=c.open_past_due,
        overdue_now=now.open_past_due,
        rating_window=Window(month.start, month.end),
        min_appeals=minimum,
        recipients=recipients,
        pos_rated=c.pos_rated,
        pos_satisfied=c.pos_satisfied,
        pos_satisfaction_sum=c.pos_satisfaction_sum,
        satisfaction_target=target,
        measures=tuple(
            [summary.MeasureFact(m.title, "due") for m in due_now.itertuples()]
            + [summary.MeasureFact(m.title, "overdue") for m in late.itertuples()]
            + [
                summary.MeasureFact(m.title, "done", v == "decreased")
                for m, v in zip(done.itertuples(), verdicts, strict=True)
            ]
        ),
    )
    proposed = rules.propose(facts, leaders(store), repeats(store, month, names, items), rules.switched_off(store))
    facts = replace(facts, proposals=len(proposed))

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
        "pos_satisfied": c.pos_satisfied,
        "pos_mean_satisfaction": c.pos_mean_satisfaction,
    }
    capped = [_cap(s) for s in sections]
    return Note(week, as_of, datetime.now(), capped, figures, summary.summarize(facts), proposed, facts)


def satisfaction_target(store: Store) -> float:
    """The target share of ratings 4–5 as set on «Настройки» (d.POS_SATISFIED_TARGET unless the curator set another)."""
    return satisfaction.targets(store).satisfied_share


def leaders(store: Store) -> dict[str, str]:
    """Who answers for each theme: the sector leader's account name and position, or the position alone."""
    rows = store.rows(
        """
        select t.code, l.position_ru, min(u.display_name) as person
        from theme t
        join sector_block b on b.code = t.block_code
        join sector_leader l on l.code = b.leader_code
        left join app_user u on u.leader_code = l.code and u.role = 'sector_leader' and u.active
        group by all
        """
    )
    out = {}
    for code, position, person in rows:
        position = lower_first(position)  # «начальник отдела…» in the middle of a sentence
        out[code] = f"{person} ({position})" if person else position
    return out


def repeats(store: Store, month: Filters, names: dict, items: pd.DataFrame) -> list[rules.RepeatFact]:
    """Repeat appeals of the four weeks per theme × settlement, and whether a live measure covers the cell."""
    where, params = to_where(month)
    rows = store.rows(
        f"""
        select a.theme_code, a.settlement_oktmo, count(*) filter (where a.is_repeat) as repeats
        from appeal a where {where} and a.settlement_oktmo is not null
        group by all having count(*) filter (where a.is_repeat) >= ?
        """,
        [*params, rules.REPEATS_AT_LEAST],
    )
    live_items = items[items["status"].isin(["planned", "in_progress"])]
    # a measure's themes and settlements, read once (an empty settlement list covers the whole district)
    live = [(set(t), set(o)) for t, o in zip(live_items["theme_codes"], live_items["settlement_oktmos"], strict=True)]

    def covered(theme: str, oktmo: str) -> bool:
        return any(theme in themes and (not places or oktmo in places) for themes, places in live)

    return [
        rules.RepeatFact(
            theme,
            names["theme"].get(theme, theme),
            oktmo,
            names["settlement"].get(oktmo, oktmo),
            int(n),
            covered(theme, oktmo),
        )
        for theme, oktmo, n in rows
    ]


def _pct(share: float | None) -> float | None:
    """A share as per cent for the CSV: 0.7143 -> 71.4; nothing to compare with stays empty."""
    if share is None or pd.isna(share):
        return None
    return round(float(share) * 100, 1)


def _pairs(title: str, rows: list[tuple[str, str, float | int | None]], units: dict[int, str] | None = None) -> Section:
    """A «Показатель — Значение» table: words on screen and in the DOCX, numbers with their unit in the CSV."""
    units = units or {}
    return Section(
        title,
        pd.DataFrame({"Показатель": [r[0] for r in rows], "Значение": [r[1] for r in rows]}),
        data=pd.DataFrame(
            {"Показатель": [r[0] + units.get(i, "") for i, r in enumerate(rows)], "Значение": [r[2] for r in rows]}
        ),
    )


def _weeks_back(counts: pd.DataFrame, k: int) -> pd.DataFrame:
    """The counts as seen from the Sunday `k` weeks earlier: its week is week 0, the eight before it the baseline."""
    window = counts[(counts["week_back"] >= k) & (counts["week_back"] <= k + growth.BASELINE_WEEKS)]
    return window.assign(week_back=window["week_back"] - k)


def _cap(section: Section) -> Section:
    """A long table keeps its top TABLE_ROWS and says how many more; the overdue list has its own cap."""
    if section.more or len(section.table) <= TABLE_ROWS:
        return section
    data = None if section.data is None else section.data.head(TABLE_ROWS)
    return replace(section, table=section.table.head(TABLE_ROWS), data=data, more=len(section.table) - TABLE_ROWS)


def title(note: Note) -> str:
    return f"Еженедельная аналитическая записка МЦУ: {fmt_period(note.week.monday, note.week.sunday)}"
