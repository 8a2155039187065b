"""Deadline compliance per recipient: on time, late, open past due, not yet due, overdue now, at risk, time to answer."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.core import deadlines
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters, to_where
from mcu_data.store import Store

RISK_WORKING_DAYS = 2
NO_RECIPIENT = "none"
# the figures per recipient over the appeals of the period
PERIOD_FIGURES = (
    *d.DEADLINE_COUNTS[:-1],
    "answered",
    "with_outcome",
    "solved",
    "formal",
    "substantive",
    "repeats",
    "rated",
    "satisfaction_sum",
    "median_days",
    "p90_days",
)
# what each list shows, and whether it is drawn from the period's appeals (True) or from every appeal (False)
LISTS: dict[str, tuple[str, bool]] = {
    "overdue_now": ("f.state = 'open_past_due'", False),
    "due_soon": ("f.state = 'not_yet_due' and f.due_effective <= f.soon_until", False),
    "open_past_due": ("f.state = 'open_past_due'", True),
    "late": ("f.state = 'late'", True),
    "on_time": ("f.state = 'on_time'", True),
    "not_yet_due": ("f.state = 'not_yet_due'", True),
    "formal": (f"f.is_answered and f.outcome_judged in {d.FORMAL}", True),
}


def risk_horizon(as_of: datetime) -> datetime:
    """The end of the second working day after the moment: deadlines up to it are «due soon»."""
    return deadlines.due_date(as_of, RISK_WORKING_DAYS, "working_days")


def per_recipient(store: Store, filters: Filters, as_of: datetime) -> pd.DataFrame:
    """One row per recipient: the period's appeals in their state at `as_of`, and every appeal open at `as_of`."""
    where, params = to_where(filters)
    period_from, period_params = d.facts(where, params, as_of)
    now_where, now_params = to_where(filters, period=False)
    now_from, now_bound = d.facts(now_where, now_params, as_of, risk_horizon(as_of), unanswered=True)
    frame = store.query(
        f"""
        with period as (
            select coalesce(f.recipient_code, '{NO_RECIPIENT}') as recipient_code,
                   {d.select(*PERIOD_FIGURES)}
            from {period_from}
            group by all
        ),
        now_open as (
            select coalesce(f.recipient_code, '{NO_RECIPIENT}') as recipient_code,
                   {d.AGGREGATES["open_past_due"]} as overdue_now,
                   {d.AGGREGATES["due_soon"]} as due_soon
            from {now_from}
            where f.state in ('open_past_due', 'not_yet_due')
            group by all
        ),
        final as (
            select coalesce(p.recipient_code, o.recipient_code) as recipient_code,
                   p.* exclude (recipient_code),
                   coalesce(o.overdue_now, 0) as overdue_now,
                   coalesce(o.due_soon, 0) as due_soon
            from period p
            full outer join now_open o on o.recipient_code = p.recipient_code
        )
        select * from final
        """,
        [*period_params, *now_bound],
    )
    counted = [c for c in PERIOD_FIGURES if c not in ("median_days", "p90_days")]
    frame[counted] = frame[counted].fillna(0).astype("int64")
    frame = d.add_shares(frame)
    return frame.sort_values(
        ["open_past_due", "late", "overdue_now", "recipient_code"], ascending=[False, False, False, True]
    ).reset_index(drop=True)


def totals(table: pd.DataFrame) -> d.Counts:
    """The district's totals from a per-recipient table: the sum of its counts."""
    names = [c for c in d.Counts.__dataclass_fields__ if c in table.columns]
    summed = {c: int(table[c].sum()) for c in names}
    return d.Counts.from_row(summed)


def weekly_trend(store: Store, filters: Filters, as_of: datetime) -> pd.DataFrame:
    """The on-time share per week of receipt, with the counts it rests on."""
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of)
    frame = store.query(
        f"""
        select date_trunc('week', f.received_at)::date as week, {d.select("received", "on_time", "late", "open_past_due")}
        from {source}
        group by all order by week
        """,
        bound,
    )
    return d.add_shares(frame)


def listing(
    store: Store, filters: Filters, as_of: datetime, kind: str, recipient: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """The appeals behind a figure, under the same condition that counts them; the first `limit` by deadline."""
    access.require_appeals(filters)
    if kind not in LISTS:
        raise ValueError(f"Неизвестный список: {kind}")
    condition, in_period = LISTS[kind]
    where, params = to_where(filters, period=in_period)
    if recipient is not None:
        where += " and a.recipient_code is null" if recipient == NO_RECIPIENT else " and a.recipient_code = ?"
        params = params if recipient == NO_RECIPIENT else [*params, recipient]
    source, bound = d.facts(where, params, as_of, risk_horizon(as_of))
    return store.query(
        f"""
        select f.appeal_id, f.source_code, f.source_id, f.received_at, f.registered_at, f.due_effective as due,
               f.first_answer_at, f.status_code, f.outcome_judged as outcome_code, f.theme_code, f.settlement_oktmo,
               f.recipient_code,
               f.state, f.text_masked
        from {source}
        where {condition}
        order by due, f.received_at, f.appeal_id
        limit ?
        """,
        [*bound, limit],
    )


def accelerated(store: Store, filters: Filters, by: str, as_of: datetime) -> pd.DataFrame:
    """Socially significant appeals solved within 30 calendar days, per theme or recipient, over a base that can judge."""
    column = {"theme": "f.theme_code", "recipient": f"coalesce(f.recipient_code, '{NO_RECIPIENT}')"}[by]
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of)
    frame = store.query(
        f"""
        select {column} as key, {d.select("accelerated_solved", "accelerated_base")}
        from {source}
        where f.is_social
        group by all
        having count(*) filter (where f.window_closed or f.solved_in_window) > 0
        order by accelerated_base desc, key
        """,
        bound,
    )
    return d.add_shares(frame)
