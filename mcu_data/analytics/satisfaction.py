"""Satisfaction: the distribution of ПОС ratings, the share of 4–5 and the answer time against their targets, and
the answers of resident surveys; every figure is aggregated in the store, never over rows in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import definitions as d
from mcu_data.core.filters import NO_SETTLEMENT, Filters, to_where
from mcu_data.store import Store

SATISFIED_KEY = "pos_satisfied_target"  # the key the weekly note read before this module: kept, so a value set stays
ANSWER_DAYS_KEY = "pos_answer_days_target"
NO_KEY = "none"  # an appeal without a recipient or a settlement, a survey answer without a theme or a settlement
# what a distribution can be grouped by: the only column expressions that reach SQL from a choice
BY = {
    "recipient": f"coalesce(f.recipient_code, '{NO_KEY}')",
    "theme": "f.theme_code",
    "settlement": f"coalesce(f.settlement_oktmo, '{NO_KEY}')",
}
RATING_COUNTS = tuple(f"pos_rating_{k}" for k in d.POS_RATINGS)
FIGURES = (
    *RATING_COUNTS,
    "pos_rated",
    "pos_satisfied",
    "pos_satisfaction_sum",
    "pos_received",
    "pos_answered",
    "pos_median_days",
)
POLARITIES = ("positive", "neutral", "negative", "other")


@dataclass(frozen=True)
class Targets:
    satisfied_share: float  # 0–1
    answer_days: float


def targets(store: Store) -> Targets:
    """The targets as the curator set them on «Настройки», or the defaults of core.definitions."""
    values = dict(
        store.rows("select key, value from app_setting where key in (?, ?)", [SATISFIED_KEY, ANSWER_DAYS_KEY])
    )
    return Targets(
        float(values.get(SATISFIED_KEY, d.POS_SATISFIED_TARGET)),
        float(values.get(ANSWER_DAYS_KEY, d.POS_ANSWER_DAYS_TARGET)),
    )


def save_targets(store: Store, satisfied_share: float, answer_days: float) -> Targets:
    """Keep both targets; a share outside 1–100 % or days outside 1–365 is refused with a Russian reason."""
    access.require(access.EDIT_RULES)
    if not 0.01 <= float(satisfied_share) <= 1.0:
        raise ValueError("Цель по оценкам 4–5 — от 1 до 100 %.")
    if not 1 <= float(answer_days) <= 365:
        raise ValueError("Цель по времени ответа ПОС — от 1 до 365 дней.")
    before = targets(store)
    with store.transaction() as tx:
        for key, value in ((SATISFIED_KEY, float(satisfied_share)), (ANSWER_DAYS_KEY, float(answer_days))):
            tx.execute("delete from app_setting where key = ?", [key])
            tx.execute("insert into app_setting values (?, ?)", [key, repr(value)])
        audit.record(
            store,
            "targets_changed",
            "app_setting",
            f"оценки 4–5: {before.satisfied_share:g} → {float(satisfied_share):g}; "
            f"ответ ПОС, дней: {before.answer_days:g} → {float(answer_days):g}",
            tx=tx,
        )
    return Targets(float(satisfied_share), float(answer_days))


# -- ПОС ratings and answer time ----------------------------------------------------------------------------------------
def pos_figures(
    store: Store, filters: Filters, as_of: datetime, answer_days: float, by: tuple[str, ...] = tuple(BY)
) -> pd.DataFrame:
    """One scan of the period's ПОС messages, grouped by each cut of `by` and in total: `grouped_by` is recipient,
    theme, settlement or total (key «all»); each row carries the counts of ratings 1–5, the answers and the waits
    against the target. The page asks for the one cut it shows: each more cut is one more pass of the grouping."""
    unknown = set(by) - set(BY)
    if unknown or not by:
        raise ValueError(f"Неизвестный разрез: {', '.join(sorted(unknown)) or 'не указан'}")
    where, params = to_where(filters)
    source, bound = d.facts(f"{where} and a.source_code = 'pos'", params, as_of)
    days_sql, days_params = d.select_days(answer_days, "pos_within", "pos_waiting_beyond")
    keys = [c for c in BY if c in by]  # in a fixed order: the column expressions come from BY only
    sets = ", ".join([f"({BY[c]})" for c in keys] + ["()"])
    frame = store.query(
        f"""
        with f as materialized (
            -- the columns the figures read, computed once for every grouping set below
            select f.recipient_code, f.theme_code, f.settlement_oktmo, f.source_code, f.is_answered, f.satisfaction,
                   f.days_to_answer, f.state, f.received_at, f.as_of
            from {source}
        ),
        grouped as (
            select {", ".join(f"{BY[c]} as {c}, grouping({BY[c]}) as g_{c}" for c in keys)},
                   {d.select(*FIGURES)},
                   {days_sql}
            from f
            group by grouping sets ({sets})
        ),
        final as (
            select case {" ".join(f"when g_{c} = 0 then '{c}'" for c in keys)} else 'total' end as grouped_by,
                   coalesce({", ".join([*keys, "'all'"])}) as key,
                   grouped.* exclude ({", ".join([*keys, *(f"g_{c}" for c in keys)])})
            from grouped
        )
        select * from final order by grouped_by, key
        """,
        [*bound, *days_params],
    )
    counted = [c for c in frame.columns if c not in ("grouped_by", "key", "pos_satisfaction_sum", "pos_median_days")]
    frame[counted] = frame[counted].fillna(0).astype("int64")
    return with_shares(frame)


def with_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """The shares of a frame of ПОС counts: each rating among the ratings, 4–5, the mean, the answer time."""
    out = frame.copy()
    for name in RATING_COUNTS:
        out[f"{name}_share"] = d.share(out[name], out["pos_rated"])
    out["pos_satisfied_share"] = d.share(out["pos_satisfied"], out["pos_rated"])
    out["pos_mean"] = d.mean(out["pos_satisfaction_sum"], out["pos_rated"])
    out["pos_judged"] = d.pos_judged(out["pos_answered"], out["pos_waiting_beyond"])
    out["pos_within_share"] = d.pos_within_share(out["pos_within"], out["pos_answered"], out["pos_waiting_beyond"])
    return out


def weekly_satisfied(store: Store, filters: Filters, as_of: datetime) -> pd.DataFrame:
    """The share of ratings 4–5 per week of receipt, with its counts."""
    where, params = to_where(filters)
    source, bound = d.facts(f"{where} and a.source_code = 'pos'", params, as_of)
    frame = store.query(
        f"""
        select date_trunc('week', f.received_at)::date as week, {d.select("pos_rated", "pos_satisfied")}
        from {source}
        group by all order by week
        """,
        bound,
    )
    frame["pos_satisfied_share"] = d.share(frame["pos_satisfied"], frame["pos_rated"])
    return frame


# -- resident surveys ---------------------------------------------------------------------------------------------------
def _survey_where(filters: Filters) -> tuple[str, list]:
    """The sidebar's period, themes and settlements over survey answers `s`; channels and recipients do not apply."""
    clauses = ["s.answered_on >= ? and s.answered_on < ?"]
    params: list = [filters.start, filters.end + timedelta(days=1)]
    if filters.themes:
        clauses.append(f"s.theme_code in ({', '.join('?' * len(filters.themes))})")
        params += list(filters.themes)
    settlements = [s for s in filters.settlements if s != NO_SETTLEMENT]
    if filters.settlements:
        parts = []
        if settlements:
            parts.append(f"s.settlement_oktmo in ({', '.join('?' * len(settlements))})")
            params += settlements
        if NO_SETTLEMENT in filters.settlements:
            parts.append("s.settlement_oktmo is null")
        clauses.append("(" + " or ".join(parts) + ")")
    return " and ".join(clauses), params


SURVEY_COUNTS = ", ".join(
    f"count(*) filter (where s.polarity = '{p}') as {p}" for p in POLARITIES
)  # the polarity codes are this module's constants


def survey_answers(store: Store, filters: Filters) -> pd.DataFrame:
    """Answers per question × settlement in the period, and per question over the district (settlement «all»):
    positive, neutral, negative, own words, the positive share, and the themes the question was asked under."""
    where, params = _survey_where(filters)
    frame = store.query(
        f"""
        with grouped as (
            select s.question,
                   case when grouping(coalesce(s.settlement_oktmo, '{NO_KEY}')) = 1 then 'all'
                        else coalesce(s.settlement_oktmo, '{NO_KEY}') end as settlement,
                   count(*) as answers,
                   {SURVEY_COUNTS},
                   string_agg(distinct coalesce(s.theme_code, '{NO_KEY}'), ',' order by coalesce(s.theme_code, '{NO_KEY}'))
                       as themes,
                   min(s.answered_on) as first_day,
                   max(s.answered_on) as last_day
            from survey_answer s
            where {where}
            group by grouping sets ((s.question, coalesce(s.settlement_oktmo, '{NO_KEY}')), (s.question))
        ),
        final as (
            select *, positive + neutral + negative as judged from grouped
        )
        select * from final order by question, settlement
        """,
        params,
    )
    frame["positive_share"] = d.survey_positive_share(frame["positive"], frame["neutral"], frame["negative"])
    return frame


def survey_groups(store: Store, filters: Filters) -> pd.DataFrame:
    """Answers per question × respondent group in the period, with the positive share."""
    where, params = _survey_where(filters)
    frame = store.query(
        f"""
        select s.question, s.respondent_group, count(*) as answers, {SURVEY_COUNTS},
               count(*) filter (where s.polarity <> 'other') as judged
        from survey_answer s
        where {where}
        group by all
        order by s.question, s.respondent_group
        """,
        params,
    )
    frame["positive_share"] = d.survey_positive_share(frame["positive"], frame["neutral"], frame["negative"])
    return frame


def survey_span(store: Store) -> tuple | None:
    """The first and last day of the survey answers in the store, and how many there are; None without any."""
    row = store.rows("select min(answered_on), max(answered_on), count(*) from survey_answer")[0]
    return None if not row[2] else row
