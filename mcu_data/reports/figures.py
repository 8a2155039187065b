"""The figures as data for scripts: the overview and the deadlines per recipient, with the counts behind each share.

`python -m mcu_data figures … --json` prints this; it runs the same functions as the pages.
"""

from __future__ import annotations

import math
from datetime import datetime

from mcu_data.analytics import compliance, overview, rating
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.store import Store


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return round(value, 6)
    return int(value) if hasattr(value, "__int__") and not isinstance(value, bool) else value


def _share(value, part: int, base: int, **counts) -> dict:
    return {"value": _number(value), "part": int(part), "base": int(base), **{k: int(v) for k, v in counts.items()}}


def _counts(c: d.Counts, whole: bool = True) -> dict:
    """The counts and shares of a set of appeals; `whole` adds what only the district's totals carry."""
    out = {
        "received": c.received,
        "states": {state: int(getattr(c, state)) for state in d.STATES},
        "on_time_share": _share(
            c.on_time_share, c.on_time, c.judged, on_time=c.on_time, late=c.late, open_past_due=c.open_past_due
        ),
        "not_yet_due": c.not_yet_due,
        "answered": c.answered,
        "solved_share": _share(c.solved_share, c.solved, c.with_outcome),
        "formal_share": _share(c.formal_share, c.formal, c.with_outcome),
        "substantive_share": _share(d.share(c.substantive, c.with_outcome), c.substantive, c.with_outcome),
        "repeat_share": _share(c.repeat_share, c.repeats, c.received),
        "mean_satisfaction": {"value": _number(c.mean_satisfaction), "ratings": c.rated},
    }
    if whole:
        out.update(
            {
                "pos_mean_satisfaction": {"value": _number(c.pos_mean_satisfaction), "ratings": c.pos_rated},
                "accelerated_share": _share(c.accelerated_share, c.accelerated_solved, c.accelerated_base),
                "no_settlement": c.no_settlement,
            }
        )
    return out


def build(store: Store, filters: Filters, as_of: datetime) -> dict:
    """Everything «Обзор» and «Сроки» show for the filters, at the moment `as_of`."""
    ov = overview.compute(store, filters, as_of, top_n=100, soon_until=compliance.risk_horizon(as_of))
    names = dict(store.rows("select code, name_ru from recipient"))
    table = compliance.per_recipient(store, filters, as_of)
    ranks = rating.rate(
        rating.with_pages(store, table, filters),
        rating.with_pages(store, compliance.per_recipient(store, filters.previous(), as_of), filters.previous()),
        rating.weights(store),
        rating.min_appeals(store),
    ).set_index("recipient_code")
    recipients = []
    for row in table.itertuples():
        c = d.Counts.from_row(row._asdict())
        entry = {
            "code": row.recipient_code,
            "name": names.get(row.recipient_code, "Получатель не определён"),
            **_counts(c, whole=False),
            "overdue_now": int(row.overdue_now),
            "due_soon": int(row.due_soon),
            "median_days": _number(row.median_days),
            "p90_days": _number(row.p90_days),
        }
        if row.recipient_code in ranks.index:
            r = ranks.loc[row.recipient_code]
            entry["rating"] = {
                "score": _number(r["score"]),
                "rank": None if r["unranked"] else int(r["rank"]),
                "unranked": r["unranked"] or None,
            }
        recipients.append(entry)
    week = ov.week
    return {
        "period": {"from": filters.start.isoformat(), "to": filters.end.isoformat(), "days": filters.days},
        "previous_period": {"from": ov.previous.start.isoformat(), "to": ov.previous.end.isoformat()},
        "as_of": as_of.isoformat(),
        "filters": {
            "themes": list(filters.themes),
            "settlements": list(filters.settlements),
            "sources": list(filters.sources),
            "recipients": list(filters.recipients),
        },
        "overview": {
            **_counts(ov.counts),
            "received_previous": ov.received_previous,
            "change": _number(ov.change),
            "overdue_now": ov.now.open_past_due,
            "open_now": ov.now.open,
            "due_soon": ov.now.due_soon,
            "week": {
                "from": week.monday.isoformat(),
                "to": week.last_day.isoformat(),
                "days": week.days,
                "complete": week.complete,
                "received": ov.week_counts[0],
                "same_days_previous_week": ov.week_counts[1],
                "same_days_year_ago": ov.week_counts[2],
            },
            "themes": [
                {"code": t, "received": int(n), "previous": int(p)}
                for t, n, p in zip(
                    ov.top_themes["theme_code"], ov.top_themes["n"], ov.top_themes["n_prev"], strict=True
                )
            ],
        },
        "recipients": recipients,
    }
