"""The heat map's data: theme × settlement (recipient, week) cells with every metric, and the appeals behind a cell."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from mcu_data import access
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters, to_where
from mcu_data.store import Store

AXES = ("settlement", "recipient", "week")
METRICS = ("count", "per_1000", "change_pct", "change_abs", "overdue_share", "formal_share")
MAP_METRICS = ("per_1000", "count", "change_pct", "overdue_share", "formal_share")  # the map: per 1 000 first
# the column each axis groups by; only these names reach SQL
AXIS_COLUMN = {
    "settlement": "a.settlement_oktmo",
    "recipient": "a.recipient_code",
    "week": "date_trunc('week', a.received_at)::date::varchar",
}
CELL_COUNTS = (
    "received",
    "on_time",
    "late",
    "open_past_due",
    "with_outcome",
    "formal",
    "repeats",
    "rated",
    "satisfaction_sum",
)
NO_KEY = "none"  # cells of appeals whose settlement or recipient is not determined
# what a cell counts: every message, or every problem once (an incident of many messages counts as one)
UNITS = ("message", "incident")


def cells(store: Store, filters: Filters, axis: str, as_of, unit: str = "message") -> pd.DataFrame:
    """One row per theme × column with the counts every metric needs; the previous period's count alongside.

    With `unit` «incident» the count, the rate per 1 000 and the change count incidents: the messages of one
    incident in a cell count once. Shares of answers (late, formal) stay per message: each message is answered.
    """
    if axis not in AXES:
        raise ValueError(f"Неизвестная ось: {axis}")
    if unit not in UNITS:
        raise ValueError(f"Неизвестная единица счёта: {unit}")
    by_incident = unit == "incident"
    key = AXIS_COLUMN[axis].replace("a.", "f.")
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of, incidents=by_incident)
    counted = f", {d.INCIDENT_COUNT} as incidents" if by_incident else ""
    prev_count = f"count(distinct {d.INCIDENT_KEY})" if by_incident else "count(*)"
    prev_join = "left join appeal_incident ai on ai.appeal_id = a.appeal_id" if by_incident else ""
    prev_where, prev_params = to_where(filters.previous())
    prev_key = AXIS_COLUMN[axis]
    if axis == "week":  # the previous period has other weeks: a week has no change to show, and no row of it
        prev_where, prev_params = "false", []
    frame = store.query(
        f"""
        with current as (
            select f.theme_code, coalesce({key}, '{NO_KEY}') as col_key, {d.select(*CELL_COUNTS)}{counted}
            from {source}
            group by all
        ),
        previous as (
            select a.theme_code, coalesce({prev_key}, '{NO_KEY}') as col_key, {prev_count} as n_prev
            from appeal a {prev_join}
            where {prev_where}
            group by all
        ),
        final as (
            select coalesce(c.theme_code, p.theme_code) as theme_code,
                   coalesce(c.col_key, p.col_key) as col_key,
                   c.* exclude (theme_code, col_key),
                   coalesce(p.n_prev, 0) as n_prev
            from current c
            full outer join previous p on p.theme_code = c.theme_code and p.col_key = c.col_key
        )
        select * from final
        """,
        [*bound, *prev_params],
    )
    frame[list(CELL_COUNTS)] = frame[list(CELL_COUNTS)].fillna(0).astype("int64")
    if by_incident:
        frame["received"] = frame.pop("incidents").fillna(0).astype("int64")
    return frame.rename(columns={"received": "n"})


def metric_values(frame: pd.DataFrame, metric: str, population: pd.Series | None = None) -> pd.Series:
    """The chosen metric per cell; NaN where it is not defined (no base, no population)."""
    if metric not in METRICS:
        raise ValueError(f"Неизвестный показатель: {metric}")
    n = frame["n"].astype(float)
    if metric == "count":
        return n
    if metric == "per_1000":
        if population is None:
            return pd.Series(np.nan, index=frame.index)
        return d.per_thousand(n, frame["col_key"].map(population).astype(float))
    if metric == "change_abs":
        return n - frame["n_prev"].astype(float)
    if metric == "change_pct":
        return d.change(n, frame["n_prev"].astype(float))
    if metric == "overdue_share":
        return d.overdue_share(frame["on_time"], frame["late"], frame["open_past_due"])
    return d.share(frame["formal"], frame["with_outcome"])


def metric_base(frame: pd.DataFrame, metric: str) -> pd.Series | None:
    """How many appeals a share or a change per cell is drawn from; None for counts and rates."""
    if metric == "change_pct":
        return frame["n_prev"].astype(float)
    if metric == "overdue_share":
        return (frame["on_time"] + frame["late"] + frame["open_past_due"]).astype(float)
    if metric == "formal_share":
        return frame["with_outcome"].astype(float)
    return None


# counts and rates: a theme with no appeals in a column is a true zero; shares and changes have no value there
ZERO_WHEN_EMPTY = ("count", "per_1000", "change_abs")


def pivot(
    frame: pd.DataFrame, values: pd.Series, rows: list[str], columns: list[str], metric: str = "count"
) -> pd.DataFrame:
    """Themes down, columns across, in the given orders.

    An empty cell is 0 for counts and rates (no appeals is a value); shares and % change stay undefined (NaN).
    A column without a population (settlement not determined) has no rate: NaN, not 0.
    """
    table = frame.assign(value=values).pivot_table(
        index="theme_code", columns="col_key", values="value", aggfunc="first"
    )
    table = table.reindex(index=rows, columns=columns)
    if metric in ZERO_WHEN_EMPTY:
        defined = table.notna().any(axis=0) if metric == "per_1000" else pd.Series(True, index=table.columns)
        table.loc[:, defined[defined].index] = table.loc[:, defined[defined].index].fillna(0.0)
    return table


def cell_filters(filters: Filters, axis: str, theme: str, key: str) -> tuple[Filters, tuple[str, list]]:
    """The filters of one cell, plus the extra condition the week axis needs."""
    narrowed = replace(filters, themes=(theme,))
    extra: tuple[str, list] = ("true", [])
    if axis == "settlement":
        narrowed = replace(narrowed, settlements=(key,))  # NO_KEY equals filters.NO_SETTLEMENT
    elif axis == "recipient":
        extra = ("a.recipient_code is null", []) if key == NO_KEY else ("a.recipient_code = ?", [key])
    else:
        extra = (f"{AXIS_COLUMN['week']} = ?", [key])
    return narrowed, extra


def cell_appeals(
    store: Store, filters: Filters, axis: str, theme: str, key: str, as_of, limit: int = 5000
) -> pd.DataFrame:
    """Exactly the appeals a cell counts: the same conditions and moment, listed with their state."""
    access.require_appeals(filters)
    narrowed, (extra_sql, extra_params) = cell_filters(filters, axis, theme, key)
    if axis == "recipient":
        narrowed = replace(narrowed, recipients=())
    where, params = to_where(narrowed)
    source, bound = d.facts(f"{where} and {extra_sql}", [*params, *extra_params], as_of)
    return store.query(
        f"""
        select f.appeal_id, f.source_code, f.source_id, f.received_at, f.due_effective as due, f.first_answer_at,
               f.status_code, f.outcome_judged as outcome_code, f.state, f.theme_code, f.subtheme, f.settlement_oktmo,
               f.recipient_code,
               f.text_masked
        from {source}
        order by f.received_at desc
        limit ?
        """,
        [*bound, limit],
    )


def settlement_summary(frame: pd.DataFrame, theme: str | None, population: pd.Series) -> pd.DataFrame:
    """Per settlement: count, rate per 1,000, change, shares, and its top-3 themes, from settlement-axis cells."""
    own = frame[frame["col_key"] != NO_KEY]
    chosen = own if theme is None else own[own["theme_code"] == theme]
    totals = chosen.groupby("col_key")[["n", "n_prev", *CELL_COUNTS[1:]]].sum()
    totals = totals.reindex(population.index, fill_value=0)
    totals["theme_code"] = theme or "all"
    totals["col_key"] = totals.index
    top = (
        own[own["n"] > 0]
        .sort_values(["col_key", "n"], ascending=[True, False])
        .groupby("col_key")
        .head(3)
        .groupby("col_key")["theme_code"]
        .agg(list)
    )
    totals["top_themes"] = [top.get(k, []) for k in totals.index]
    return totals.reset_index(drop=True)


PROBLEM_MIN_COUNT = 5  # a point needs some volume before it can be a problem point


def problem_points(frame: pd.DataFrame, population: pd.Series, top: int = 10) -> pd.DataFrame:
    """Theme × settlement ranked by volume per 1,000, growth, repeat share and low satisfaction.

    Each component is turned into a percentile rank among the eligible cells (0..1), and the score is
    their mean; a cell with no rated answers takes the middle for satisfaction rather than a penalty.
    """
    cells = frame[(frame["col_key"] != NO_KEY) & (frame["n"] >= PROBLEM_MIN_COUNT)].copy()
    if cells.empty:
        return cells.assign(per_1000=[], growth=[], repeat_share=[], satisfaction=[], score=[])
    cells["per_1000"] = d.per_thousand(cells["n"], cells["col_key"].map(population).astype(float))
    # a cell that was silent before counts as doubled, the most a change can say about it
    cells["growth"] = d.change(cells["n"], cells["n_prev"]).fillna(1.0)
    cells["repeat_share"] = d.share(cells["repeats"], cells["n"])
    cells["satisfaction"] = d.mean(cells["satisfaction_sum"], cells["rated"])
    ranks = pd.DataFrame(
        {
            "volume": cells["per_1000"].rank(pct=True),
            "growth": cells["growth"].rank(pct=True),
            "repeats": cells["repeat_share"].rank(pct=True),
            "unhappy": (-cells["satisfaction"]).rank(pct=True).fillna(0.5),
        }
    )
    cells["score"] = ranks.mean(axis=1).round(3)
    return cells.sort_values(["score", "n"], ascending=[False, False]).head(top).reset_index(drop=True)
