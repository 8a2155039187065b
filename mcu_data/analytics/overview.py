"""The overview's figures, computed by the store: weekly counts, deadlines, top themes and settlements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from mcu_data.core import metrics
from mcu_data.core.filters import Filters, to_where
from mcu_data.core.metrics import Window
from mcu_data.store import Store

EFFECTIVE_DUE = "coalesce(a.extended_due_at, a.due_at)"
WEEKLY_SPAN = 52


@dataclass(frozen=True)
class Overview:
    """Everything the «Обзор» page shows, and the weekly note will reuse."""

    as_of: datetime
    weeks: tuple[Window, Window, Window]
    week_counts: tuple[int, int, int]
    total: int
    total_previous: int
    answered_with_due: int
    answered_on_time: int
    answered_late: int
    overdue_now: int
    open_now: int
    formal: int
    solved: int
    answered: int
    top_themes: pd.DataFrame  # theme_code, name_ru, n, n_prev, change
    top_settlements: pd.DataFrame  # oktmo, name_ru, n, population, per_1000
    no_settlement: int  # appeals of the period whose settlement is not determined
    weekly: pd.DataFrame  # week, source_code, n: the 52 weeks to the period's end, other filters kept

    @property
    def on_time_share(self) -> float | None:
        return metrics.share(self.answered_on_time, self.answered_with_due)

    @property
    def formal_share(self) -> float | None:
        return metrics.share(self.formal, self.answered)

    @property
    def solved_share(self) -> float | None:
        return metrics.share(self.solved, self.answered)


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
            where status = 'done'
        )
        select * exclude (rn) from ranked where rn = 1 order by finished_at desc
        """
    )


def _count(store: Store, filters: Filters, window: Window) -> int:
    where, params = to_where(filters.with_period(window.start, window.end))
    return int(store.scalar(f"select count(*) from appeal a where {where}", params))


def compute(store: Store, filters: Filters, as_of: datetime, top_n: int = 3) -> Overview:
    """All overview figures for the filters; the period ends at filters.end, 'now' is as_of."""
    weeks = metrics.week_windows(filters.end)
    week_counts = tuple(_count(store, filters, w) for w in weeks)
    where, params = to_where(filters)
    prev_where, prev_params = to_where(filters.previous())

    deadline = store.rows(
        f"""
        select
            count(*) as total,
            count(*) filter (where a.first_answer_at is not null and {EFFECTIVE_DUE} is not null) as with_due,
            count(*) filter (where a.first_answer_at <= {EFFECTIVE_DUE}) as on_time,
            count(*) filter (where a.first_answer_at > {EFFECTIVE_DUE}) as late,
            count(*) filter (where o.outcome_group = 'formal') as formal,
            count(*) filter (where o.outcome_group = 'fixed') as solved,
            count(*) filter (where a.outcome_code is not null) as answered,
            count(*) filter (where a.settlement_oktmo is null) as no_settlement
        from appeal a
        left join ref_outcome o on o.code = a.outcome_code
        where {where}
        """,
        params,
    )[0]
    total_previous = int(store.scalar(f"select count(*) from appeal a where {prev_where}", prev_params))

    # «now» ignores the period: an appeal from last year still open is overdue today
    open_where, open_params = to_where(filters, period=False)
    open_now, overdue_now = store.rows(
        f"""
        select count(*), count(*) filter (where {EFFECTIVE_DUE} < ?)
        from appeal a
        join ref_status s on s.code = a.status_code
        where s.status_group = 'open' and a.received_at <= ? and {open_where}
        """,
        [as_of, as_of, *open_params],
    )[0]

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
    top_themes["change"] = [metrics.change(n, p) for n, p in zip(top_themes["n"], top_themes["n_prev"], strict=True)]

    top_settlements = store.query(
        f"""
        with counts as (
            select a.settlement_oktmo as oktmo, count(*) as n
            from appeal a where {where} and a.settlement_oktmo is not null group by all
        ),
        final as (
            select s.oktmo, s.name_ru, coalesce(c.n, 0) as n, s.population_2021 as population,
                   coalesce(c.n, 0) * 1000.0 / s.population_2021 as per_1000
            from settlement s left join counts c on c.oktmo = s.oktmo
        )
        select * from final where n > 0 order by per_1000 desc, n desc limit 5
        """,
        params,
    )

    # a year of weeks, whatever the period, so that the trend and the season are visible
    first_monday = weeks[0].start - timedelta(weeks=WEEKLY_SPAN - 1)
    weekly_where, weekly_params = to_where(filters.with_period(first_monday, filters.end))
    weekly = store.query(
        f"""
        select date_trunc('week', a.received_at)::date as week, a.source_code, count(*) as n
        from appeal a where {weekly_where}
        group by all order by week, a.source_code
        """,
        weekly_params,
    )

    return Overview(
        as_of=as_of,
        weeks=weeks,
        week_counts=week_counts,
        total=int(deadline[0]),
        total_previous=total_previous,
        answered_with_due=int(deadline[1]),
        answered_on_time=int(deadline[2]),
        answered_late=int(deadline[3]),
        overdue_now=int(overdue_now),
        open_now=int(open_now),
        formal=int(deadline[4]),
        solved=int(deadline[5]),
        answered=int(deadline[6]),
        top_themes=top_themes,
        top_settlements=top_settlements,
        no_settlement=int(deadline[7]),
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
