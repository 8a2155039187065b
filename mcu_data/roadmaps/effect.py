"""Did a measure work? Appeals before and after its completion, against a comparison that carries the season."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from scipy.stats import poisson

from mcu_data.core.locale import fmt_int, fmt_pct, fmt_signed_pct
from mcu_data.store import Store

WINDOW_DAYS = 90
MIN_COUNT = 10  # fewer appeals than this before the measure say nothing either way
ALPHA = 0.05
MEANINGFUL = 0.15  # a change smaller than 15 % is «без изменений» even when it is statistically clear

VERDICTS = {
    "decreased": "снизилось",
    "unchanged": "без изменений",
    "increased": "выросло",
    "insufficient": "мало данных для вывода",
}


@dataclass(frozen=True)
class Effect:
    verdict: str
    before: int
    after: int
    expected: float | None
    p_value: float | None
    basis: str  # "control" (untouched settlements) or "last_year" (same windows a year earlier) or ""
    explanation_ru: str


def estimate(
    before: int,
    after: int,
    control_before: int,
    control_after: int,
    last_year_before: int = 0,
    last_year_after: int = 0,
    complete: bool = True,
) -> Effect:
    """Compare the appeals after completion with what the comparison says they would have been.

    Expected after = before × (comparison after ÷ comparison before): settlements the measure did not
    touch carry the season and the trend; failing them, the same windows a year earlier. A Poisson test
    asks whether the observed count is too far from the expected one to be chance.
    """
    if not complete:
        return Effect(
            "insufficient",
            before,
            after,
            None,
            None,
            "",
            f"После завершения прошло меньше {WINDOW_DAYS} дней: окно «после» ещё не набралось.",
        )
    if before < MIN_COUNT:
        return Effect(
            "insufficient",
            before,
            after,
            None,
            None,
            "",
            f"До мероприятия было всего {before} обращ. за {WINDOW_DAYS} дней — слишком мало, чтобы судить.",
        )
    if control_before >= MIN_COUNT:
        basis, ref_before, ref_after = "control", control_before, control_after
        basis_ru = "в поселениях, которых мероприятие не касалось, по тем же темам"
    elif last_year_before >= MIN_COUNT:
        basis, ref_before, ref_after = "last_year", last_year_before, last_year_after
        basis_ru = "в тех же поселениях и темах годом раньше"
    else:
        return Effect(
            "insufficient",
            before,
            after,
            None,
            None,
            "",
            "Не с чем сравнить: ни в других поселениях, ни годом раньше обращений по этим темам почти нет.",
        )
    expected = before * ref_after / ref_before
    if after < expected:
        p = float(poisson.cdf(after, expected))
    else:
        p = float(poisson.sf(after - 1, expected))
    change = after / expected - 1 if expected > 0 else 0.0
    if p < ALPHA and change <= -MEANINGFUL:
        verdict = "decreased"
    elif p < ALPHA and change >= MEANINGFUL:
        verdict = "increased"
    else:
        verdict = "unchanged"
    explanation = (
        f"За {WINDOW_DAYS} дней до завершения — {before} обращ., за {WINDOW_DAYS} дней после — {after}. "
        f"Сравнение {basis_ru}: там было {ref_before}, стало {ref_after}, поэтому без мероприятия ожидалось бы "
        f"около {fmt_int(expected)}. Отклонение {fmt_signed_pct(change)}; вероятность получить такое "
        f"случайно — {'меньше 0,1 %' if p < 0.001 else fmt_pct(p, 1)}."
    )
    return Effect(verdict, before, after, round(expected, 1), p, basis, explanation)


def windows(done: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """Equal windows: WINDOW_DAYS before the completion day, and WINDOW_DAYS after it."""
    return (done - timedelta(days=WINDOW_DAYS), done - timedelta(days=1)), (
        done + timedelta(days=1),
        done + timedelta(days=WINDOW_DAYS),
    )


def counts(store: Store, themes: list[str], settlements: list[str], done: date, today: date) -> dict[str, int | bool]:
    """Appeal counts for the measure's themes: its settlements, the others, and both a year earlier.

    A measure with no settlements covers the whole district: all its appeals are «treated».
    """
    done = pd.Timestamp(done).date()
    (b0, b1), (a0, a1) = windows(done)
    year = timedelta(days=364)  # 52 weeks: the weekdays line up
    row = store.rows(
        """
        with scoped as (
            select a.received_at::date as day,
                   (len(?::varchar[]) = 0 or list_contains(?::varchar[], a.settlement_oktmo)) as treated
            from appeal a
            where list_contains(?, a.theme_code) and a.settlement_oktmo is not null
        )
        select
            count(*) filter (where treated and day between ? and ?),
            count(*) filter (where treated and day between ? and ?),
            count(*) filter (where not treated and day between ? and ?),
            count(*) filter (where not treated and day between ? and ?),
            count(*) filter (where treated and day between ? and ?),
            count(*) filter (where treated and day between ? and ?)
        from scoped
        """,
        [settlements, settlements, themes, b0, b1, a0, a1, b0, b1, a0, a1, b0 - year, b1 - year, a0 - year, a1 - year],
    )[0]
    return {
        "before": int(row[0]),
        "after": int(row[1]),
        "control_before": int(row[2]),
        "control_after": int(row[3]),
        "last_year_before": int(row[4]),
        "last_year_after": int(row[5]),
        "complete": a1 <= today,
    }


def series(store: Store, themes: list[str], settlements: list[str], done: date) -> pd.DataFrame:
    """Weekly appeals on the measure's themes, its settlements against the others, around completion.

    No settlements means the whole district, as in `counts`.
    """
    start, end = done - timedelta(days=2 * WINDOW_DAYS), done + timedelta(days=WINDOW_DAYS)
    return store.query(
        """
        select date_trunc('week', a.received_at)::date as week,
               case when len(?::varchar[]) = 0 or list_contains(?::varchar[], a.settlement_oktmo)
                    then 'treated' else 'control' end as grp,
               count(*) as n
        from appeal a
        where list_contains(?, a.theme_code) and a.settlement_oktmo is not null
          and a.received_at >= ? and a.received_at < ?
        group by all order by week
        """,
        [settlements, settlements, themes, start, end],
    )
