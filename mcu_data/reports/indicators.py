"""Indicators for the regional control centre: periods, due dates, values by named formula or by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.analytics import overview
from mcu_data.core import definitions as d
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.roadmaps import measures
from mcu_data.store import Store

REMINDER_DAYS = 10


@dataclass(frozen=True)
class Period:
    code: str  # "2026-Q3" or "2026"
    start: date
    end: date
    due: date  # regulation appendix 2.4: the 5th of the month after a quarter; 20 December for the year

    @property
    def title_ru(self) -> str:
        if "Q" in self.code:
            year, q = self.code.split("-Q")
            return f"{q}-й квартал {year} г."
        return f"{self.code} год"


def quarter(year: int, q: int) -> Period:
    start = date(year, 3 * (q - 1) + 1, 1)
    next_start = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return Period(f"{year}-Q{q}", start, next_start - timedelta(days=1), next_start.replace(day=5))


def year(y: int) -> Period:
    return Period(str(y), date(y, 1, 1), date(y, 12, 31), date(y, 12, 20))


def upcoming(today: date, days: int = REMINDER_DAYS) -> list[Period]:
    """Reports due within `days` from today: the quarter just ended, or the year."""
    current_q = (today.month - 1) // 3 + 1
    previous = quarter(today.year - (current_q == 1), current_q - 1 or 4)
    candidates = [previous, quarter(today.year, current_q), year(today.year)]
    return [p for p in candidates if 0 <= (p.due - today).days <= days]


def compute(store: Store, period: Period, today: date) -> pd.DataFrame:
    """Each indicator's value for the period, its target, and whether the target is met."""
    f = Filters(period.start, period.end)
    as_of = periods.as_of(period.end, datetime.combine(today, time(23, 59, 59)))
    c = overview.counts(store, f, as_of)
    items = measures.all_measures(store, today)
    deadline = pd.to_datetime(items["deadline"]).dt.date
    # measures already due: a deadline still ahead is neither met nor missed
    due_by = min(period.end, today)
    in_period = items[(deadline >= period.start) & (deadline <= due_by) & (items["status"] != "cancelled")]
    done_on_time = in_period[
        (in_period["status"] == "done")
        & (pd.to_datetime(in_period["done_date"]) <= pd.to_datetime(in_period["deadline"]))
    ]
    computed = {
        "appeals_total": float(c.received),
        "on_time_share": c.on_time_share,
        "formal_share": c.formal_share,
        "solved_share": c.solved_share,
        "accelerated_share": c.accelerated_share,
        "pos_satisfaction": c.pos_mean_satisfaction,
        "roadmap_on_time_share": d.share(len(done_on_time), len(in_period)),
    }
    manual = dict(store.rows("select code, value from indicator_manual_value where period = ?", [period.code]))
    frame = store.query("select * from indicator order by sort_order")
    frame["value"] = [
        manual.get(c) if f == "manual" else computed.get(f)
        for c, f in zip(frame["code"], frame["formula"], strict=True)
    ]
    met = []
    for value, target, higher in zip(frame["value"], frame["target"], frame["higher_is_better"], strict=True):
        if value is None or pd.isna(value) or pd.isna(target):
            met.append(None)
        else:
            met.append(bool(value >= target) if higher else bool(value <= target))
    frame["met"] = met
    frame.attrs["as_of"] = as_of
    return frame


def set_manual(store: Store, code: str, period: Period, value: float, by: str, now: datetime | None = None) -> None:
    """A hand-entered value for an indicator whose formula is «manual»."""
    access.require(access.EDIT_RULES)
    formula = store.scalar("select formula from indicator where code = ?", [code])
    if formula is None:
        raise ValueError(f"Неизвестный показатель: {code}")
    if formula != "manual":
        raise ValueError("Этот показатель считается по данным, его нельзя ввести вручную.")
    if not by.strip():
        raise ValueError("Укажите, кто вводит значение.")
    with store.transaction() as tx:
        tx.execute("delete from indicator_manual_value where code = ? and period = ?", [code, period.code])
        tx.execute(
            "insert into indicator_manual_value values (?, ?, ?, ?, ?)",
            [code, period.code, float(value), now or datetime.now(), by.strip()],
        )
        audit.record(store, "indicator_value", f"{code} за {period.code}", f"{float(value):g}", now=now, tx=tx)
