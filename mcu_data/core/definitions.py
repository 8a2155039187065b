"""Every figure's definition, written once: the SQL that computes it and the Russian words that explain it.

Why one module of SQL fragments rather than views or macros in the store: the words a user reads on
«Как считаются показатели» and in the «?» of a figure are generated from the same object that holds its
SQL, so the two cannot drift; a definition changes with the code and its table test, not by a migration;
and the moment a figure is computed at (`as of`) is a parameter, which a stored view cannot take.

Every query that needs an appeal's state reads it from `facts(...)`: a subquery `f` of the appeals that
exist at the moment, each with its effective deadline and exactly one deadline state. Aggregates are
named in `AGGREGATES`, and the shares built from them are the functions at the end.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from mcu_data.core import codes

# -- codes by group, as the SQL lists them ------------------------------------------------------------------------------


def _in(values: Iterable[str]) -> str:
    """A SQL list of codes; the codes are this package's own constants, never user input."""
    items = list(values)
    if not all(v.replace("_", "").isalnum() for v in items):
        raise ValueError("codes must be plain identifiers")
    return "(" + ", ".join(f"'{v}'" for v in items) + ")"


DONE_STATUSES = _in(codes.codes_in(codes.STATUS_GROUPS, "done"))
SOLVED = _in(codes.codes_in(codes.OUTCOME_GROUPS, "fixed"))
FORMAL = _in(codes.codes_in(codes.OUTCOME_GROUPS, "formal"))
SUBSTANTIVE = _in([*codes.codes_in(codes.OUTCOME_GROUPS, "fixed"), *codes.codes_in(codes.OUTCOME_GROUPS, "answered")])
# the share of ПОС ratings 4–5 a region aims at: ≥ 60 %, the federal target for 2025 as the press reported it;
# the default of the setting the curator may change on «Настройки» (analytics.satisfaction.targets reads it)
POS_SATISFIED_TARGET = 0.60
# days from receipt to the first answer a ПОС message aims at: 8, the 2025 target as the press reported it; a default
POS_ANSWER_DAYS_TARGET = 8
POS_TARGETS_SOURCE = "федеральная цель на 2025 год, как её сообщала пресса (руководитель ЦУР Орловской области)"
POS_RATINGS = (1, 2, 3, 4, 5)
# a share or a change drawn from fewer appeals than this shows its base beside it («+200 % (3 → 9)»)
SMALL_BASE = 10
# a share of answers on time up to this far below its target is a warning (orange), further below it is bad (red)
ON_TIME_WARNING_BAND = 0.10
ACCELERATED_DAYS = 30  # «механизм ускоренного решения», regulation 1.1: within 30 calendar days

# -- per appeal ---------------------------------------------------------------------------------------------------------
EFFECTIVE_DUE = "coalesce(a.extended_due_at, a.due_at)"
ANSWERED = "coalesce(a.first_answer_at <= m.as_of, false)"
# the one state of an appeal at the moment; the branches are tried in order
STATE = f"""case
        when a.first_answer_at <= m.as_of then
            case when {EFFECTIVE_DUE} is null then 'answered_no_due'
                 when a.first_answer_at <= {EFFECTIVE_DUE} then 'on_time'
                 else 'late' end
        when a.first_answer_at is null and a.status_code in {DONE_STATUSES}
             and (a.closed_at is null or a.closed_at <= m.as_of) then 'closed_no_answer'
        when {EFFECTIVE_DUE} is null then 'open_no_due'
        when {EFFECTIVE_DUE} < m.as_of then 'open_past_due'
        else 'not_yet_due'
    end"""
# an answer counts as formal («не по существу») when the answer-quality check flagged its text and no officer
# rejected the flag, or when an officer confirmed it — whatever outcome the source gave; otherwise the source's
# outcome stands. `d` is the officer's decision (answer_decision), joined in facts()
JUDGED_FORMAL = (
    "coalesce(d.verdict = 'confirmed' or (a.answer_formal and d.verdict is distinct from 'rejected'), false)"
)
OUTCOME_JUDGED = f"case when {JUDGED_FORMAL} then 'formal' else a.outcome_code end"
STATES = ("on_time", "late", "answered_no_due", "open_past_due", "not_yet_due", "open_no_due", "closed_no_answer")
OPEN_STATES = ("open_past_due", "not_yet_due", "open_no_due")
OPEN_SQL = _in(OPEN_STATES)
# an appeal's incident: its group in appeal_incident (alias ai), or an incident of its own while it has none yet
INCIDENT_KEY = "coalesce(ai.incident_id, -a.appeal_id)"
# incidents among the appeals of f (facts(..., incidents=True)): one problem counts once however many write about it
INCIDENT_COUNT = "count(distinct f.incident_key)"


def facts(
    where: str = "true",
    params: Iterable = (),
    as_of: datetime | None = None,
    soon_until: datetime | None = None,
    unanswered: bool = False,
    incidents: bool = False,
) -> tuple[str, list]:
    """A FROM item `f`: appeals matching `where` (over alias `a`) that exist at `as_of`, with derived columns.

    `soon_until` is the end of the «due soon» horizon (the caller computes it on the working calendar).
    `unanswered` keeps only appeals with no answer at the moment: the only ones that can be open, so a
    figure of open appeals over all time reads a fraction of the rows. `incidents` adds each appeal's
    `incident_key` (and lets `where` use INCIDENT_KEY). Values are bound: the moment first, then the
    condition's own parameters.
    """
    if as_of is None:
        raise ValueError("facts needs the moment its states are computed at")
    sql = f"""(
        select a.*,
               m.as_of,
               m.soon_until,
               {EFFECTIVE_DUE} as due_effective,
               {STATE} as state,
               {ANSWERED} as is_answered,
               {OUTCOME_JUDGED} as outcome_judged,
               {JUDGED_FORMAL} as answer_judged_formal,
               d.verdict as answer_verdict,
               case when {ANSWERED} then datediff('minute', a.received_at, a.first_answer_at) / 1440.0 end
                   as days_to_answer,
               coalesce(t.is_social, false) as is_social,
               coalesce({ANSWERED} and {OUTCOME_JUDGED} in {SOLVED}
                        and a.first_answer_at <= a.received_at + interval {ACCELERATED_DAYS} day, false)
                   as solved_in_window,
               a.received_at + interval {ACCELERATED_DAYS} day <= m.as_of as window_closed{
        f", {INCIDENT_KEY} as incident_key" if incidents else ""
    }
        from appeal a
        cross join (select ?::timestamp as as_of, ?::timestamp as soon_until) m
        left join theme t on t.code = a.theme_code{
        " left join appeal_incident ai on ai.appeal_id = a.appeal_id" if incidents else ""
    }
        left join answer_decision d on d.appeal_id = a.appeal_id
        where a.received_at <= m.as_of and ({where}){f" and not {ANSWERED}" if unanswered else ""}
    ) f"""
    return sql, [as_of, soon_until or as_of, *params]


# -- aggregates over f --------------------------------------------------------------------------------------------------
AGGREGATES: dict[str, str] = {
    "received": "count(*)",
    **{state: f"count(*) filter (where f.state = '{state}')" for state in STATES},
    "answered": "count(*) filter (where f.is_answered)",
    # the outcome as judged: the source's, or «formal» where the answer's text is a probable отписка (JUDGED_FORMAL)
    "with_outcome": "count(*) filter (where f.is_answered and f.outcome_judged is not null)",
    "solved": f"count(*) filter (where f.is_answered and f.outcome_judged in {SOLVED})",
    "formal": f"count(*) filter (where f.is_answered and f.outcome_judged in {FORMAL})",
    "substantive": f"count(*) filter (where f.is_answered and f.outcome_judged in {SUBSTANTIVE})",
    "open": f"count(*) filter (where f.state in {_in(OPEN_STATES)})",
    "due_soon": "count(*) filter (where f.state = 'not_yet_due' and f.due_effective <= f.soon_until)",
    "repeats": "count(*) filter (where f.is_repeat)",
    "rated": "count(f.satisfaction) filter (where f.is_answered)",
    "satisfaction_sum": "coalesce(sum(f.satisfaction) filter (where f.is_answered), 0)",
    "pos_rated": "count(f.satisfaction) filter (where f.is_answered and f.source_code = 'pos')",
    "pos_satisfaction_sum": "coalesce(sum(f.satisfaction) filter (where f.is_answered and f.source_code = 'pos'), 0)",
    # ratings 4 and 5 of ПОС answers: the share «оценок 4–5» the federal target is set on
    "pos_satisfied": "count(f.satisfaction) filter (where f.is_answered and f.source_code = 'pos' and f.satisfaction >= 4)",
    **{
        f"pos_rating_{k}": f"count(f.satisfaction) filter (where f.is_answered and f.source_code = 'pos' "
        f"and f.satisfaction = {k})"
        for k in POS_RATINGS
    },
    "pos_received": "count(*) filter (where f.source_code = 'pos')",
    "pos_answered": "count(*) filter (where f.is_answered and f.source_code = 'pos')",
    "pos_median_days": "median(f.days_to_answer) filter (where f.source_code = 'pos')",
    "no_settlement": "count(*) filter (where f.settlement_oktmo is null)",
    "accelerated_solved": "count(*) filter (where f.is_social and f.solved_in_window)",
    "accelerated_base": "count(*) filter (where f.is_social and (f.window_closed or f.solved_in_window))",
    "median_days": "median(f.days_to_answer)",
    "p90_days": "quantile_cont(f.days_to_answer, 0.9)",
}
# read only by the satisfaction page (analytics.satisfaction): kept out of the counts every other figure selects
SATISFACTION_ONLY = (*(f"pos_rating_{k}" for k in POS_RATINGS), "pos_received", "pos_answered", "pos_median_days")
COUNT_NAMES = tuple(name for name in AGGREGATES if name not in ("median_days", "p90_days", *SATISFACTION_ONLY))
OPEN_COUNTS = ("open", "open_past_due", "not_yet_due", "open_no_due", "due_soon")
DEADLINE_COUNTS = ("received", *STATES, "due_soon")


def select(*names: str) -> str:
    """The select list of named aggregates, each under its own name."""
    return ",\n".join(f"{AGGREGATES[name]} as {name}" for name in names)


# aggregates against a number of days the curator sets: each `?` is that number, bound in the order of the list
DAYS_AGGREGATES: dict[str, str] = {
    # ПОС messages answered within the target, counted from receipt in calendar days
    "pos_within": "count(*) filter (where f.is_answered and f.source_code = 'pos' and f.days_to_answer <= ?)",
    # ПОС messages still waiting at the moment for longer than the target: silence does not improve the share
    "pos_waiting_beyond": f"count(*) filter (where f.source_code = 'pos' and f.state in {_in(OPEN_STATES)} "
    "and datediff('minute', f.received_at, f.as_of) / 1440.0 > ?)",
}


def select_days(days: float, *names: str) -> tuple[str, list]:
    """The select list of aggregates against `days`, and the values to bind before the FROM item's own."""
    return ",\n".join(f"{DAYS_AGGREGATES[name]} as {name}" for name in names), [float(days)] * len(names)


# -- figures from the aggregates: scalars and frame columns alike -------------------------------------------------------
Number = float | int | np.number


def share(part, whole):
    """part ÷ whole; None (a scalar) or NaN (a column) where the whole is empty: shown as «—», never as 0 %."""
    if isinstance(whole, pd.Series | np.ndarray):
        whole = pd.Series(whole, dtype=float) if isinstance(whole, np.ndarray) else whole.astype(float)
        return (pd.Series(part, index=whole.index, dtype=float) / whole).where(whole > 0)
    if whole is None or whole == 0 or (isinstance(whole, float) and math.isnan(whole)):
        return None
    return float(part) / float(whole)


def judged(on_time, late, open_past_due):
    """The appeals the on-time share judges: answered (in time or late) and open with the deadline passed."""
    return on_time + late + open_past_due


def on_time_share(on_time, late, open_past_due):
    """Answered on time ÷ (answered on time + answered late + open past due)."""
    return share(on_time, judged(on_time, late, open_past_due))


def overdue_share(on_time, late, open_past_due):
    """(Answered late + open past due) ÷ the same base: the complement of the on-time share."""
    return share(late + open_past_due, judged(on_time, late, open_past_due))


def per_thousand(count, population):
    """Appeals per 1 000 residents of the 2021 census; None / NaN where the population is unknown."""
    return share(count * 1000.0 if not isinstance(count, pd.Series) else count.astype(float) * 1000.0, population)


def change(current, previous):
    """(current − previous) ÷ previous over periods of equal length; None / NaN where previous is 0."""
    if isinstance(previous, pd.Series):
        return share(current - previous, previous)
    return share(current - previous, previous)


def mean(total, n):
    """A mean from its sum and count; None / NaN without values."""
    return share(total, n)


def pos_judged(pos_answered, pos_waiting_beyond):
    """The ПОС messages the answer-time share judges: every answered one and those waiting past the target."""
    return pos_answered + pos_waiting_beyond


def pos_within_share(pos_within, pos_answered, pos_waiting_beyond):
    """Answered within the target ÷ (answered + waiting longer than the target)."""
    return share(pos_within, pos_judged(pos_answered, pos_waiting_beyond))


def survey_positive_share(positive, neutral, negative):
    """Positive answers ÷ the answers with a sense (positive, neutral, «затрудняюсь ответить», negative)."""
    return share(positive, positive + neutral + negative)


# -- official pages («госпаблики»): aggregates over their days `d` (official_page_day) -----------------------------------
PAGES_SILENT_DAYS = 7  # a page with no post for this many days is silent: the default of a setting on «Настройки»
PAGES_ANSWERED_TARGET = 0.8  # the default target of the rating's optional component (its weight is 0 by default)
PAGE_HOURS = "coalesce(d.answer_hours_mean, d.answer_hours_median)"  # the mean where the export gives it
PAGE_AGGREGATES: dict[str, str] = {
    "days_reported": "count(*)",
    "days_with_post": "count(*) filter (where d.posts > 0)",
    "weeks_reported": "count(distinct date_trunc('week', d.day))",
    "weeks_with_post": "count(distinct date_trunc('week', d.day)) filter (where d.posts > 0)",
    "posts": "coalesce(sum(d.posts), 0)",
    "reactions": "coalesce(sum(d.reactions), 0)",
    # the answered share reads only the days whose export says how many comments were answered
    "comments": "coalesce(sum(d.comments) filter (where d.answered is not null), 0)",
    "answered": "coalesce(sum(d.answered) filter (where d.comments is not null), 0)",
    "answer_hours_sum": f"coalesce(sum({PAGE_HOURS} * d.answered) filter (where d.answered > 0), 0)",
    "answer_hours_base": f"coalesce(sum(d.answered) filter (where d.answered > 0 and {PAGE_HOURS} is not null), 0)",
    "followers_first": "arg_min(d.followers, d.day) filter (where d.followers is not null)",
    "followers_last": "arg_max(d.followers, d.day) filter (where d.followers is not null)",
}


def select_pages(*names: str) -> str:
    """The select list of named page aggregates, each under its own name."""
    return ",\n".join(f"{PAGE_AGGREGATES[name]} as {name}" for name in names)


def pages_answered_share(answered, comments):
    """Answered comments ÷ comments, over the days whose export gives both."""
    return share(answered, comments)


def posts_per_week(posts, days_reported):
    """Posts × 7 ÷ the days the export covers the page for."""
    if isinstance(posts, pd.Series):
        return share(posts.astype(float) * 7, days_reported)
    return share(float(posts) * 7, days_reported)


def pages_answer_hours(hours_sum, hours_base):
    """The mean time to answer a comment, in hours: each day's mean (or median) weighted by its answers."""
    return mean(hours_sum, hours_base)


def follower_growth(first, last):
    """(Followers on the last reported day − on the first) ÷ on the first, within the period."""
    return change(last, first)


def is_silent(days_silent, threshold):
    """No post for `threshold` days or more up to the last day the exports cover."""
    if isinstance(days_silent, pd.Series):
        return days_silent.astype(float) >= float(threshold)
    return days_silent is not None and float(days_silent) >= float(threshold)


@dataclass(frozen=True)
class Counts:
    """The named aggregates of one set of appeals, with the figures built from them."""

    received: int = 0
    on_time: int = 0
    late: int = 0
    answered_no_due: int = 0
    open_past_due: int = 0
    not_yet_due: int = 0
    open_no_due: int = 0
    closed_no_answer: int = 0
    answered: int = 0
    with_outcome: int = 0
    solved: int = 0
    formal: int = 0
    substantive: int = 0
    open: int = 0
    due_soon: int = 0
    repeats: int = 0
    rated: int = 0
    satisfaction_sum: float = 0
    pos_rated: int = 0
    pos_satisfaction_sum: float = 0
    pos_satisfied: int = 0
    no_settlement: int = 0
    accelerated_solved: int = 0
    accelerated_base: int = 0

    @classmethod
    def from_row(cls, row: dict) -> Counts:
        """From a row of aggregates (a dict or a frame row): counts as whole numbers, sums as they are."""

        def value(name: str, v):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                return 0
            return float(v) if name.endswith("_sum") else int(v)

        return cls(**{k: value(k, v) for k, v in row.items() if k in cls.__dataclass_fields__})

    @property
    def judged(self) -> int:
        return judged(self.on_time, self.late, self.open_past_due)

    @property
    def on_time_share(self) -> float | None:
        return on_time_share(self.on_time, self.late, self.open_past_due)

    @property
    def solved_share(self) -> float | None:
        return share(self.solved, self.with_outcome)

    @property
    def formal_share(self) -> float | None:
        return share(self.formal, self.with_outcome)

    @property
    def repeat_share(self) -> float | None:
        return share(self.repeats, self.received)

    @property
    def mean_satisfaction(self) -> float | None:
        return mean(self.satisfaction_sum, self.rated)

    @property
    def pos_mean_satisfaction(self) -> float | None:
        return mean(self.pos_satisfaction_sum, self.pos_rated)

    @property
    def pos_satisfied_share(self) -> float | None:
        return share(self.pos_satisfied, self.pos_rated)

    @property
    def accelerated_share(self) -> float | None:
        return share(self.accelerated_solved, self.accelerated_base)


def add_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """The shares of `Counts`, as columns of a frame of aggregates (one row per recipient, cell, week…)."""
    out = frame.copy()
    if {"on_time", "late", "open_past_due"} <= set(out.columns):
        out["judged"] = judged(out["on_time"], out["late"], out["open_past_due"])
        out["on_time_share"] = on_time_share(out["on_time"], out["late"], out["open_past_due"])
        out["overdue_share"] = overdue_share(out["on_time"], out["late"], out["open_past_due"])
    if "with_outcome" in out.columns:
        for name in ("solved", "formal", "substantive"):
            if name in out.columns:
                out[f"{name}_share"] = share(out[name], out["with_outcome"])
    if {"repeats", "received"} <= set(out.columns):
        out["repeat_share"] = share(out["repeats"], out["received"])
    if {"satisfaction_sum", "rated"} <= set(out.columns):
        out["mean_satisfaction"] = mean(out["satisfaction_sum"], out["rated"])
    if {"accelerated_solved", "accelerated_base"} <= set(out.columns):
        out["accelerated_share"] = share(out["accelerated_solved"], out["accelerated_base"])
    return out


# -- the words ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Definition:
    """What a figure is, in the words a user reads on the definitions page and in the «?» beside the figure."""

    code: str
    title: str
    formula: str
    counts: str = ""
    excludes: str = ""
    source: str = ""

    def help(self) -> str:
        """The «?» text: formula, then what counts and what does not."""
        parts = [self.formula]
        if self.counts:
            parts.append(f"Учитываются: {self.counts}")
        if self.excludes:
            parts.append(f"Не учитываются: {self.excludes}")
        if self.source:
            parts.append(f"Основание: {self.source}")
        return "\n\n".join(parts)


# the answer-quality rule in words, for the «Отписки» definition and its «?»: the same rule as JUDGED_FORMAL
ANSWER_RULE = (
    "где выгрузка передаёт текст ответа (ПОС), загрузка проверяет его по обычным основаниям вернуть ответ на "
    "доработку — не отвечает на вопрос, обещание без срока, ссылки на законы вместо ответа, нет подтверждения "
    "сделанного, противоречит вопросу. Ответ, отмеченный проверкой («вероятная отписка»), считается отпиской, "
    "даже если источник указал «решено» или «разъяснено», — пока офицер на странице «Проверка данных» не "
    "отклонил отметку; ответ, который офицер подтвердил как отписку, считается отпиской всегда. Ответ без "
    "результата в выгрузке, признанный отпиской, входит в базу как ответ с результатом «отписка». Решения "
    "офицеров учат проверку: предложения подтверждённой отписки она дальше читает как шаблонные, предложения "
    "отклонённой отметки — как ответ по существу."
)

MOMENT = (
    "Состояние обращения считается на момент «данные на»: конец последнего дня периода или текущий момент, "
    "если период ещё идёт."
)

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "effective_due",
        "Срок ответа",
        "Продлённый срок, если источник сообщил о продлении, иначе исходный срок. Срок в днях истекает в "
        "23:59:59 последнего дня.",
        "срок из выгрузки; если его нет — срок по правилу канала, действовавшему на дату регистрации "
        "(календарные или рабочие дни по производственному календарю РФ, рабочие часы)",
        "обращения, у которых нет ни срока в выгрузке, ни правила для канала: они «без срока»",
        "59-ФЗ, ст. 12: 30 дней со дня регистрации, продление не более чем на 30 дней; сроки ПОС и "
        "«Инцидент менеджмент» — по сообщениям прессы, не проверены (страница «Настройки»)",
    ),
    Definition(
        "answered",
        "Ответ дан",
        "Есть дата первого ответа, и она не позже момента «данные на». " + MOMENT,
        "ответ любого содержания: решено, разъяснено, отказано, перенаправлено, «отписка»",
        "промежуточная реакция (первая реакция в соцсетях) и ответы, данные позже момента расчёта",
    ),
    Definition(
        "closed_no_answer",
        "Закрыто без ответа",
        "Даты ответа нет совсем, а источник закрыл обращение (перенаправлено по компетенции, снято с контроля). "
        "Обращение, на которое ответили позже момента расчёта, на этот момент ещё ждало ответа.",
        "статусы «перенаправлено», «закрыто», «дан ответ» без даты ответа",
        "такие обращения не входят в долю ответов в срок: у получателя нет ответа, который можно оценить",
    ),
    Definition(
        "open",
        "Ждёт ответа",
        "Поступило не позже момента расчёта, ответа на этот момент нет и обращение не закрыто. " + MOMENT,
    ),
    Definition(
        "on_time",
        "Ответ в срок",
        "Ответ дан не позже срока (с учётом продления).",
        "ответы до наступления срока — даже если сам срок ещё впереди",
    ),
    Definition("late", "Ответ с опозданием", "Ответ дан позже срока (с учётом продления), хотя бы на минуту."),
    Definition("open_past_due", "Без ответа, срок прошёл", "Ждёт ответа, а срок уже истёк на момент расчёта."),
    Definition(
        "not_yet_due",
        "Срок ещё не наступил",
        "Ждёт ответа, срок ещё впереди. Такие обращения показаны отдельно и в долю ответов в срок не входят: "
        "о них ещё рано судить.",
    ),
    Definition(
        "no_due",
        "Без срока",
        "У обращения нет срока: ни в выгрузке, ни по правилам канала. В долю ответов в срок не входит.",
    ),
    Definition(
        "on_time_share",
        "Ответы в срок",
        "Ответы в срок ÷ (ответы в срок + ответы с опозданием + без ответа, срок прошёл). Обращение без ответа с "
        "истёкшим сроком считается нарушением сразу, а не только когда ответ наконец придёт: молчание не "
        "улучшает долю.",
        "обращения, поступившие за период, — их состояние на момент «данные на»",
        "обращения, срок которых ещё не наступил (показаны рядом), без срока и закрытые без ответа",
        "формула центров 311 (Остин, США): «в срок ÷ (в срок + с опозданием + просрочено сейчас)»; "
        "цель 95 % — настройка рейтинга МЦУ",
    ),
    Definition(
        "overdue_share",
        "Доля просроченных",
        "(Ответы с опозданием + без ответа, срок прошёл) ÷ та же база, что у доли ответов в срок: "
        "100 % минус доля ответов в срок.",
    ),
    Definition(
        "overdue_now",
        "Просрочено сейчас",
        "Ждут ответа, срок истёк — среди всех обращений, поступивших до момента расчёта, за любое время, "
        "не только за период. Фильтры тем, поселений, каналов и получателей действуют.",
    ),
    Definition(
        "due_soon",
        "Срок в ближайшие 2 рабочих дня",
        "Ждут ответа, и срок истекает не позже конца второго рабочего дня после момента расчёта "
        "(производственный календарь РФ). Считаются среди всех ждущих ответа, как «просрочено сейчас».",
    ),
    Definition(
        "solved_share",
        "Решено",
        "Решено ÷ ответы с указанным результатом.",
        "ответы с результатом «решено» («поддержано, меры приняты»)",
        "разъяснение, отказ, перенаправление и «отписка» — это ответ, но не решение проблемы; «решено», текст "
        "которого признан отпиской (см. «Отписки»); ответы без указанного результата не входят в базу",
    ),
    Definition(
        "formal_share",
        "Отписки",
        "Формальные ответы («отписки») ÷ ответы с указанным результатом. «Отписка» — ответ, не отвечающий "
        "на вопрос по существу. Её отмечает источник (результат или оценка качества ответа) или текст ответа: "
        + ANSWER_RULE,
        "ответы, которые источник отметил как формальные; ответы, чей текст проверка отметила как «вероятную "
        "отписку» и офицер не отклонил; ответы, которые офицер признал отпиской",
        "ответы, отметку которых офицер отклонил (для них действует результат источника)",
    ),
    Definition(
        "substantive_share",
        "Ответы по существу",
        "Ответы «решено», «разъяснено» и мотивированный отказ ÷ ответы с указанным результатом. Ответ, текст "
        "которого признан «вероятной отпиской», по существу не считается, какой бы результат ни указал источник.",
        "",
        "«отписки» (от источника и по тексту ответа) и перенаправления снижают долю",
    ),
    Definition(
        "repeat_share",
        "Повторные обращения",
        "Повторные ÷ все обращения периода. Повторное — так его отметил источник (тот же заявитель по тому "
        "же вопросу).",
    ),
    Definition(
        "satisfaction",
        "Оценка жителей",
        "Среднее оценок ответов от 1 до 5, которые поставили заявители; рядом всегда показано число оценок.",
        "оценки ответов, данных до момента расчёта",
        "обращения без оценки",
        "цель «не меньше 60 % оценок 4 и 5» объявлена для ПОС на 2025 год (по сообщениям прессы, ЦУР "
        "Орловской области)",
    ),
    Definition(
        "pos_ratings",
        "Оценки ПОС от 1 до 5",
        "Сколько ответов на сообщения ПОС получили каждую оценку от 1 до 5, и доля каждой оценки среди всех "
        "оценок. Оценку ставит заявитель на Госуслугах после ответа.",
        "оценки ответов на сообщения ПОС, поступившие за период, если ответ дан до момента «данные на»",
        "сообщения без оценки, обращения других каналов (оценку ставят только в ПОС)",
    ),
    Definition(
        "pos_satisfied_share",
        "Оценки 4–5 в ПОС",
        "Оценки 4 и 5 ÷ все оценки ответов на сообщения ПОС. Рядом — цель и число оценок.",
        "оценки ответов на сообщения ПОС, поступившие за период",
        "сообщения без оценки",
        f"цель по умолчанию — не меньше 60 %: {POS_TARGETS_SOURCE}; не проверена по документу и меняется "
        "на странице «Настройки»",
    ),
    Definition(
        "pos_within_share",
        "Ответ ПОС в пределах цели",
        "Ответы, данные не позже целевого числа календарных дней от поступления ÷ (все ответы + сообщения без "
        "ответа, которые ждут дольше цели). Сообщение, которое ждёт ответа дольше цели, считается нарушением "
        "сразу: молчание не улучшает долю. Медиана — половина ответов дана быстрее.",
        "сообщения ПОС, поступившие за период, — их состояние на момент «данные на»",
        "сообщения без ответа, которые ждут меньше цели, и закрытые без ответа",
        f"цель по умолчанию — 8 дней: {POS_TARGETS_SOURCE}; не проверена по документу и меняется на странице "
        "«Настройки». Срок ответа по правилам канала (страница «Сроки») — отдельная настройка",
    ),
    Definition(
        "survey_positive_share",
        "Доля положительных ответов в опросе",
        "Положительные ответы ÷ ответы с понятным смыслом: положительные, нейтральные («затрудняюсь ответить», "
        "«не изменилось», оценка 3) и отрицательные. Положительные — «да», «скорее да», «удовлетворён», "
        "«улучшилось», оценки 4 и 5; отрицательные — «нет», «скорее нет», «не удовлетворён», «ухудшилось», "
        "оценки 1 и 2.",
        "ответы жителей из загруженных результатов опросов с датой в периоде",
        "ответы своими словами на открытые вопросы: они показаны отдельно, их смысл не оценивается",
    ),
    Definition(
        "pages_answered_share",
        "Ответы на комментарии в госпабликах",
        "Комментарии, на которые страница ответила ÷ все комментарии за дни, по которым выгрузка сообщает оба "
        "числа. Время ответа — среднее за день (если выгрузка даёт только медиану — медиана), взвешенное числом "
        "ответов дня.",
        "официальные страницы администрации, получателей и поселений во ВКонтакте, Одноклассниках, Telegram из "
        "загруженных выгрузок «Госпабликов», дни периода",
        "дни, за которые выгрузка не сообщила число комментариев или ответов",
        "Положение о МЦУ, п. 1.2 и, приложение 2, п. 6 ж: координация госпабликов; для рейтинга получателей это "
        "необязательная составляющая с весом 0 по умолчанию",
    ),
    Definition(
        "pages_regularity",
        "Регулярность публикаций",
        "Публикаций в неделю = публикации × 7 ÷ дни, за которые выгрузка сообщает о странице. Доля дней с "
        "публикацией — дни хотя бы с одной публикацией ÷ эти дни; доля недель — так же по календарным неделям "
        "с понедельника.",
        "дни периода, за которые страница есть в выгрузке",
        "дни, за которые страницы в выгрузке нет: о них не судим",
    ),
    Definition(
        "pages_silent",
        "Молчащий госпаблик",
        f"Страница без публикаций {PAGES_SILENT_DAYS} дней подряд и больше к последнему дню, который покрывают "
        "загруженные выгрузки (или к концу периода, если он раньше). Страница без единой публикации молчит с "
        "первого дня, за который она есть в выгрузке.",
        "последняя публикация за всё время, не только за период",
        "",
        f"порог по умолчанию — {PAGES_SILENT_DAYS} дней, меняется на странице «Настройки»",
    ),
    Definition(
        "pages_follower_growth",
        "Рост подписчиков",
        "(Подписчики в последний день периода, за который выгрузка их сообщает − в первый такой день) ÷ в первый. "
        "По владельцу — то же по сумме его страниц, у которых известны оба числа.",
    ),
    Definition(
        "days_to_answer",
        "Время ответа",
        "Дней от поступления до первого ответа; медиана — половина ответов дана быстрее, 90 % — девять "
        "ответов из десяти даны быстрее.",
        "ответы, данные до момента расчёта",
    ),
    Definition(
        "per_1000",
        "На 1 000 жителей",
        "Обращений × 1 000 ÷ население поселения по переписи 2021 года.",
        "",
        "обращения без определённого поселения: у них нет населения",
        "Всероссийская перепись населения 2021 года",
    ),
    Definition(
        "change",
        "Изменение",
        "(Текущий период − предыдущий) ÷ предыдущий. Предыдущий период той же длины идёт сразу перед "
        "текущим; для неполной недели сравниваются те же дни прошлой недели. Если в предыдущем периоде "
        "обращений не было, изменение не считается («—»).",
    ),
    Definition(
        "partial_week",
        "Неполная неделя",
        "Неделя с понедельника по воскресенье, которая ещё не закончилась (или данные загружены не за все "
        "её дни). Её показатели сравниваются с теми же днями прошлой недели и той же недели год назад "
        "(на 52 недели раньше, чтобы дни недели совпадали).",
    ),
    Definition(
        "incident",
        "Инцидент",
        "Сообщения жителей об одной проблеме — одной аварии, одной яме, одной площадке, одном вызове скорой — из "
        "любых каналов. При счёте по инцидентам проблема считается один раз, сколько бы о ней ни писали: число, "
        "«на 1 000 жителей», изменение и точки роста.",
        "сообщения, собранные после загрузки по теме, поселению, времени и тексту, с исправлениями куратора и "
        "руководителей секторов; сообщение, ещё не собранное ни с каким другим, — инцидент из одного сообщения",
        "доли просроченных и формальных ответов: они считаются по сообщениям, потому что отвечают на каждое",
    ),
    Definition(
        "accelerated_share",
        "Механизм ускоренного решения",
        f"Решено за {ACCELERATED_DAYS} календарных дней со дня поступления ÷ обращения по социально значимым "
        f"темам, у которых {ACCELERATED_DAYS} дней уже прошли или которые уже решены.",
        "социально значимые темы (п. 1.1 Положения), решённые в срок ускоренного решения",
        f"обращения, поступившие менее {ACCELERATED_DAYS} дней назад и ещё не решённые: о них рано судить",
        "Положение о МЦУ, п. 1.1: «в срок до 30 календарных дней»",
    ),
)
BY_CODE: dict[str, Definition] = {d.code: d for d in DEFINITIONS}


def help_text(code: str) -> str:
    return BY_CODE[code].help()
