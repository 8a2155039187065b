"""The overview's figures, computed by the store: the week, the period's deadlines and outcomes, themes, settlements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from mcu_data.core import definitions as d
from mcu_data.core import periods
from mcu_data.core.filters import Filters, to_where
from mcu_data.core.periods import Week, Window
from mcu_data.store import Store

WEEKLY_SPAN = 52


@dataclass(frozen=True)
class Overview:
    """Everything «Обзор» shows; the wall, the note and the ЦУР report read the same object."""

    as_of: datetime
    period: Window
    previous: Window  # the period of the same length just before
    week: Week  # the week of the period's last day: partial unless that day is a Sunday
    week_counts: tuple[int, int, int]  # that week, the same days a week earlier, and 52 weeks earlier
    counts: d.Counts  # appeals received in the period, in their state at `as_of`
    received_previous: int
    now: d.Counts  # every appeal received up to `as_of`, whatever the period: open, overdue now
    top_themes: pd.DataFrame  # theme_code, name_ru, n, n_prev, change
    top_settlements: pd.DataFrame  # oktmo, name_ru, n, population, per_1000
    weekly: pd.DataFrame  # week, source_code, n: the 52 weeks to the period's end, other filters kept

    @property
    def total(self) -> int:
        return self.counts.received

    @property
    def change(self) -> float | None:
        return d.change(self.counts.received, self.received_previous)

    @property
    def week_change(self) -> float | None:
        return d.change(self.week_counts[0], self.week_counts[1])

    @property
    def year_change(self) -> float | None:
        return d.change(self.week_counts[0], self.week_counts[2])


def data_span(store: Store) -> tuple[date, date] | None:
    """First and last day with appeals; None for an empty store."""
    row = store.rows("select min(received_at)::date, max(received_at)::date from appeal")[0]
    return None if row[0] is None else (row[0], row[1])


def last_loads(store: Store) -> pd.DataFrame:
    """The latest finished import of each source."""
    return store.query(
        """
        with ranked as (
            select source_code, file_name, finished_at, rows_read, rows_new, rows_updated, rows_rejected,
                   row_number() over (partition by source_code order by finished_at desc) as rn
            from import_batch
            where status = 'done' and finished_at is not null
        )
        select * exclude (rn) from ranked where rn = 1 order by finished_at desc
        """
    )


def counts(store: Store, filters: Filters, as_of: datetime, soon_until: datetime | None = None) -> d.Counts:
    """The named aggregates of the appeals the filters select, received in the period."""
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of, soon_until)
    frame = store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", bound)
    return d.Counts.from_row(frame.iloc[0].to_dict())


def open_counts(store: Store, filters: Filters, as_of: datetime, soon_until: datetime | None = None) -> d.Counts:
    """Every appeal received up to `as_of`, whatever the period, that waits for an answer then: open, overdue."""
    where, params = to_where(filters, period=False)
    source, bound = d.facts(where, params, as_of, soon_until, unanswered=True)
    frame = store.query(f"select {d.select(*d.OPEN_COUNTS)} from {source}", bound)
    return d.Counts.from_row(frame.iloc[0].to_dict())


def week_counts(store: Store, filters: Filters, week: Week) -> tuple[int, int, int]:
    """Appeals received in the week so far, in the same days a week earlier, and 52 weeks earlier."""
    where, params = to_where(filters, period=False)
    windows = (week.window, week.previous, week.year_ago)
    parts = ", ".join("count(*) filter (where a.received_at >= ? and a.received_at < ?)" for _ in windows)
    bounds = [b for w in windows for b in (w.start, w.end + timedelta(days=1))]
    row = store.rows(f"select {parts} from appeal a where {where}", [*bounds, *params])[0]
    return int(row[0]), int(row[1]), int(row[2])


def compute(
    store: Store, filters: Filters, as_of: datetime, top_n: int = 3, soon_until: datetime | None = None
) -> Overview:
    """All overview figures for the filters; the period ends at filters.end, states are taken at `as_of`."""
    week = periods.week_of(filters.end)
    period = Window(filters.start, filters.end)
    where, params = to_where(filters)
    prev_where, prev_params = to_where(filters.previous())

    top_themes = store.query(
        f"""
        with current as (
            select a.theme_code, count(*) as n from appeal a where {where} group by all
        ),
        previous as (
            select a.theme_code, count(*) as n_prev from appeal a where {prev_where} group by all
        ),
        final as (
            select c.theme_code, t.name_ru, c.n, coalesce(p.n_prev, 0) as n_prev
            from current c
            join theme t on t.code = c.theme_code
            left join previous p on p.theme_code = c.theme_code
        )
        select * from final order by n desc, name_ru limit ?
        """,
        [*params, *prev_params, top_n],
    )
    top_themes["change"] = d.change(top_themes["n"], top_themes["n_prev"])

    top_settlements = store.query(
        f"""
        with counts as (
            select a.settlement_oktmo as oktmo, count(*) as n
            from appeal a where {where} and a.settlement_oktmo is not null group by all
        ),
        final as (
            select s.oktmo, s.name_ru, c.n, s.population_2021 as population
            from settlement s join counts c on c.oktmo = s.oktmo
        )
        select * from final
        """,
        params,
    )
    top_settlements["per_1000"] = d.per_thousand(top_settlements["n"], top_settlements["population"])
    top_settlements = top_settlements.sort_values(["per_1000", "n"], ascending=False).head(5).reset_index(drop=True)

    # a year of weeks, whatever the period, so that the trend and the season are visible
    first_monday = week.monday - timedelta(weeks=WEEKLY_SPAN - 1)
    weekly_where, weekly_params = to_where(filters.with_period(first_monday, filters.end))
    weekly = store.query(
        f"""
        select date_trunc('week', a.received_at)::date as week, a.source_code, count(*) as n
        from appeal a where {weekly_where}
        group by all order by week, a.source_code
        """,
        weekly_params,
    )
    previous = filters.previous()
    return Overview(
        as_of=as_of,
        period=period,
        previous=Window(previous.start, previous.end),
        week=week,
        week_counts=week_counts(store, filters, week),
        counts=counts(store, filters, as_of),
        received_previous=int(store.scalar(f"select count(*) from appeal a where {prev_where}", prev_params)),
        # «now» ignores the period: an appeal from last year still open is overdue today
        now=open_counts(store, filters, as_of, soon_until),
        top_themes=top_themes,
        top_settlements=top_settlements,
        weekly=weekly,
    )


def default_period(span: tuple[date, date] | None, today: date, days: int = 30) -> tuple[date, date]:
    """The last `days` days of the data; with no data, the last `days` days to today."""
    end = min(span[1], today) if span else today
    return end - timedelta(days=days - 1), end


def by_source(store: Store, filters: Filters) -> pd.Series:
    """Appeals of the period per source system."""
    where, params = to_where(filters)
    frame = store.query(
        f"select a.source_code, count(*) as n from appeal a where {where} group by all order by n desc", params
    )
    return frame.set_index("source_code")["n"]
