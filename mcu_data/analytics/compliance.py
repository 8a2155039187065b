"""Deadline compliance per recipient: answered on time, late, overdue now, at risk, time to answer, trend."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import deadlines
from mcu_data.core.filters import Filters, to_where
from mcu_data.store import Store

EFFECTIVE_DUE = "coalesce(a.extended_due_at, a.due_at)"
RISK_WORKING_DAYS = 2
ACCELERATED_DAYS = 30  # «механизм ускоренного решения», regulation 1.1: within 30 calendar days
OPEN = "(select code from ref_status where status_group = 'open')"


def risk_horizon(as_of: datetime) -> datetime:
    """The end of the second working day after now: deadlines up to it are «at risk»."""
    return deadlines.due_date(as_of, RISK_WORKING_DAYS, "working_days")


def per_recipient(store: Store, filters: Filters, as_of: datetime) -> pd.DataFrame:
    """One row per recipient. Answer figures cover appeals received in the period; «now» figures cover all open ones."""
    where, params = to_where(filters)
    now_where, now_params = to_where(filters, period=False)
    return store.query(
        f"""
        with period as (
            select
                coalesce(a.recipient_code, 'none') as recipient_code,
                count(*) as n,
                count(*) filter (where a.first_answer_at is not null and {EFFECTIVE_DUE} is not null) as answered_with_due,
                count(*) filter (where a.first_answer_at <= {EFFECTIVE_DUE}) as on_time,
                count(*) filter (where a.first_answer_at > {EFFECTIVE_DUE}) as late,
                median(datediff('minute', a.received_at, a.first_answer_at) / 1440.0) as median_days,
                quantile_cont(datediff('minute', a.received_at, a.first_answer_at) / 1440.0, 0.9) as p90_days,
                count(*) filter (where a.outcome_code is not null) as answered,
                count(*) filter (where a.outcome_code in ('solved', 'explained', 'refused')) as substantive,
                count(*) filter (where a.outcome_code = 'formal') as formal,
                count(*) filter (where a.outcome_code = 'redirected') as redirected,
                count(a.satisfaction) as rated,
                avg(a.satisfaction) as satisfaction,
                count(*) filter (where a.is_repeat) as repeats
            from appeal a
            where {where}
            group by all
        ),
        now_open as (
            select
                coalesce(a.recipient_code, 'none') as recipient_code,
                count(*) filter (where {EFFECTIVE_DUE} < ?) as overdue_now,
                count(*) filter (where {EFFECTIVE_DUE} >= ? and {EFFECTIVE_DUE} <= ?) as due_soon
            from appeal a
            where a.status_code in {OPEN} and a.received_at <= ? and {now_where}
            group by all
        ),
        final as (
            select
                coalesce(p.recipient_code, o.recipient_code) as recipient_code,
                coalesce(p.n, 0) as n,
                coalesce(p.answered_with_due, 0) as answered_with_due,
                coalesce(p.on_time, 0) as on_time,
                coalesce(p.late, 0) as late,
                p.median_days,
                p.p90_days,
                coalesce(p.answered, 0) as answered,
                coalesce(p.substantive, 0) as substantive,
                coalesce(p.formal, 0) as formal,
                coalesce(p.redirected, 0) as redirected,
                coalesce(p.rated, 0) as rated,
                p.satisfaction,
                coalesce(p.repeats, 0) as repeats,
                coalesce(o.overdue_now, 0) as overdue_now,
                coalesce(o.due_soon, 0) as due_soon
            from period p
            full outer join now_open o on o.recipient_code = p.recipient_code
        )
        select * from final order by late desc, overdue_now desc
        """,
        [*params, as_of, as_of, risk_horizon(as_of), as_of, *now_params],
    )


def mean_satisfaction(table: pd.DataFrame) -> float | None:
    """The mean rating over all rated answers: each recipient's mean weighted by its number of ratings."""
    rated = table["rated"].sum()
    return float((table["satisfaction"].fillna(0) * table["rated"]).sum() / rated) if rated else None


def weekly_trend(store: Store, filters: Filters) -> pd.DataFrame:
    """Share answered on time per week of receipt, with the count it rests on."""
    where, params = to_where(filters)
    return store.query(
        f"""
        select date_trunc('week', a.received_at)::date as week,
               count(*) filter (where a.first_answer_at is not null and {EFFECTIVE_DUE} is not null) as answered_with_due,
               count(*) filter (where a.first_answer_at <= {EFFECTIVE_DUE}) as on_time
        from appeal a where {where}
        group by all order by week
        """,
        params,
    )


def listing(store: Store, filters: Filters, as_of: datetime, kind: str, recipient: str | None = None) -> pd.DataFrame:
    """The appeals behind a figure: overdue now, due soon (risk), late answers or on-time answers of the period."""
    access.require_appeals(filters)
    conditions = {
        "overdue_now": (f"a.status_code in {OPEN} and {EFFECTIVE_DUE} < ? and a.received_at <= ?", [as_of, as_of], False),
        "due_soon": (f"a.status_code in {OPEN} and {EFFECTIVE_DUE} >= ? and {EFFECTIVE_DUE} <= ? and a.received_at <= ?",
                     [as_of, risk_horizon(as_of), as_of], False),
        "late": (f"a.first_answer_at > {EFFECTIVE_DUE}", [], True),
        "on_time": (f"a.first_answer_at <= {EFFECTIVE_DUE}", [], True),
        "formal": ("a.outcome_code = 'formal'", [], True),
    }
    if kind not in conditions:
        raise ValueError(f"Неизвестный список: {kind}")
    condition, extra, in_period = conditions[kind]
    where, params = to_where(filters, period=in_period)
    recipient_sql, recipient_params = ("true", [])
    if recipient is not None:
        recipient_sql, recipient_params = (
            ("a.recipient_code is null", []) if recipient == "none" else ("a.recipient_code = ?", [recipient])
        )
    return store.query(
        f"""
        select a.appeal_id, a.source_code, a.source_id, a.received_at, a.registered_at, {EFFECTIVE_DUE} as due,
               a.first_answer_at, a.status_code, a.outcome_code, a.theme_code, a.settlement_oktmo, a.recipient_code,
               a.text_masked
        from appeal a
        where {where} and {condition} and {recipient_sql}
        order by due
        """,
        [*params, *extra, *recipient_params],
    )


def accelerated(store: Store, filters: Filters, by: str) -> pd.DataFrame:
    """Share of socially significant appeals solved within 30 calendar days of receipt, per theme or recipient."""
    column = {"theme": "a.theme_code", "recipient": "coalesce(a.recipient_code, 'none')"}[by]
    where, params = to_where(filters)
    return store.query(
        f"""
        select {column} as key,
               count(*) as n,
               count(*) filter (where a.outcome_code = 'solved'
                                and a.first_answer_at <= a.received_at + interval {ACCELERATED_DAYS} day) as solved_in_time
        from appeal a
        join theme t on t.code = a.theme_code and t.is_social
        where {where}
        group by all
        order by n desc
        """,
        params,
    )



def rating_weights(store: Store) -> pd.DataFrame:
    return store.query("select component, weight, target from rating_weight order by component")


def save_rating_weights(store: Store, frame: pd.DataFrame) -> None:
    """Replace weights and targets; weights must be non-negative and not all zero, targets positive."""
    access.require(access.EDIT_RULES)
    if (frame["weight"] < 0).any() or frame["weight"].sum() <= 0:
        raise ValueError("Веса не могут быть отрицательными, и хотя бы один должен быть больше нуля.")
    if (frame["target"] <= 0).any():
        raise ValueError("Цели должны быть больше нуля.")
    with store.transaction() as tx:
        for row in frame.itertuples():
            tx.execute("update rating_weight set weight = ?, target = ? where component = ?",
                       [float(row.weight), float(row.target), row.component])
        audit.record(store, "weights_changed", "rating_weight",
                     "; ".join(f"{r.component}: вес {float(r.weight):g}, цель {float(r.target):g}"
                               for r in frame.itertuples()), tx=tx)
