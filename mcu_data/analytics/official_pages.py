"""Official pages («госпаблики»): how regularly each page and each owner posts, the share of comments answered and the
time to answer, the pages silent for N days, the growth of followers; every figure is aggregated in the store."""

from __future__ import annotations

from datetime import date

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import definitions as d
from mcu_data.core.filters import NO_SETTLEMENT, Filters
from mcu_data.store import Store

SILENT_DAYS_KEY = "official_pages_silent_days"
NO_OWNER = "none"  # a page whose owner no reference knows: counted, shown as «владелец не определён»
PAGE_FIGURES = tuple(d.PAGE_AGGREGATES)
SUMMED = tuple(n for n in PAGE_FIGURES if not n.startswith("followers"))  # an owner's figure is its pages' sum
COUNTED = tuple(n for n in SUMMED if n != "answer_hours_sum")  # whole numbers


def silent_days(store: Store) -> int:
    """The days without a post that make a page silent, as the curator set them, or the default."""
    value = store.scalar("select value from app_setting where key = ?", [SILENT_DAYS_KEY])
    return int(value) if value is not None else d.PAGES_SILENT_DAYS


def save_silent_days(store: Store, days: int) -> int:
    """Keep the threshold; outside 1–90 days it is refused with a Russian reason."""
    access.require(access.EDIT_RULES)
    if not 1 <= int(days) <= 90:
        raise ValueError("Порог молчания госпаблика — от 1 до 90 дней.")
    before = silent_days(store)
    with store.transaction() as tx:
        tx.execute("delete from app_setting where key = ?", [SILENT_DAYS_KEY])
        tx.execute("insert into app_setting values (?, ?)", [SILENT_DAYS_KEY, str(int(days))])
        audit.record(
            store, "pages_silence_changed", "app_setting", f"дней без публикаций: {before} → {int(days)}", tx=tx
        )
    return int(days)


def _page_where(filters: Filters) -> tuple[str, list]:
    """The sidebar's settlements and recipients over pages `p`; themes and channels do not apply to a page."""
    clauses, params = ["true"], []
    settlements = [s for s in filters.settlements if s != NO_SETTLEMENT]
    if filters.settlements:
        parts = []
        if settlements:
            parts.append(f"p.settlement_oktmo in ({', '.join('?' * len(settlements))})")
            params += settlements
        if NO_SETTLEMENT in filters.settlements:
            parts.append("p.settlement_oktmo is null")
        clauses.append("(" + " or ".join(parts) + ")")
    if filters.recipients:
        clauses.append(f"p.recipient_code in ({', '.join('?' * len(filters.recipients))})")
        params += list(filters.recipients)
    return " and ".join(clauses), params


def as_of(store: Store, filters: Filters) -> date | None:
    """The day silence is counted to: the period's end, or the last day the exports cover if that is earlier."""
    last = store.scalar("select max(day) from official_page_day where day <= ?", [filters.end])
    return None if last is None else min(last, filters.end)


def _pages_sql(filters: Filters, threshold: int) -> tuple[str, list]:
    """CTEs ending in `pages`: one row per page of the filters with its figures over the period and its silence."""
    where, params = _page_where(filters)
    sql = f"""
        m as (
            select least(?::date, (select max(day) from official_page_day where day <= ?::date)) as as_of
        ),
        chosen as (
            select p.* from official_page p where {where}
        ),
        days as (
            select d.*
            from official_page_day d
            join chosen p using (page_id)
            where d.day >= ? and d.day <= ?
        ),
        figures as (
            select d.page_id, {d.select_pages(*PAGE_FIGURES)}
            from days d
            group by d.page_id
        ),
        history as (
            -- the last post over all time up to the moment: a page silent since before the period is silent
            select d.page_id, max(d.day) filter (where d.posts > 0) as last_post, min(d.day) as first_day
            from official_page_day d
            join chosen p using (page_id)
            cross join m
            where d.day <= m.as_of
            group by d.page_id
        ),
        pages as (
            select p.page_id, p.name, p.network, p.url, p.owner_raw,
                   coalesce(p.recipient_code, '{NO_OWNER}') as owner, p.settlement_oktmo,
                   f.* exclude (page_id),
                   h.last_post,
                   m.as_of,
                   coalesce(m.as_of - h.last_post, m.as_of - h.first_day + 1) as days_silent,
                   coalesce(m.as_of - h.last_post, m.as_of - h.first_day + 1) >= ? as silent
            from chosen p
            join figures f using (page_id)
            left join history h using (page_id)
            cross join m
        )
    """
    return sql, [filters.end, filters.end, *params, filters.start, filters.end, int(threshold)]


def with_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures built from a frame of page aggregates: per page or per owner alike."""
    out = frame.copy()
    out["answered_share"] = d.pages_answered_share(out["answered"], out["comments"])
    out["posts_per_week"] = d.posts_per_week(out["posts"], out["days_reported"])
    out["days_with_post_share"] = d.share(out["days_with_post"], out["days_reported"])
    out["weeks_with_post_share"] = d.share(out["weeks_with_post"], out["weeks_reported"])
    out["answer_hours"] = d.pages_answer_hours(out["answer_hours_sum"], out["answer_hours_base"])
    out["follower_growth"] = d.follower_growth(out["followers_first"], out["followers_last"])
    return out


def per_page(store: Store, filters: Filters, threshold: int) -> pd.DataFrame:
    """Every page with a day in the period: its figures, its last post, days silent and whether it is silent."""
    ctes, params = _pages_sql(filters, threshold)
    frame = store.query(f"with {ctes} select * from pages order by owner, name, page_id", params)
    frame[list(COUNTED)] = frame[list(COUNTED)].fillna(0).astype("int64")
    return with_shares(frame)


def per_owner(store: Store, filters: Filters, threshold: int) -> pd.DataFrame:
    """Per owner and over all pages (owner «all»): pages, silent pages and the summed figures of their pages.

    Followers add up over the pages whose first and last number are both known, so a page added mid-period does
    not count as growth."""
    ctes, params = _pages_sql(filters, threshold)
    sums = ", ".join(f"sum({n}) as {n}" for n in SUMMED)  # names from definitions.PAGE_AGGREGATES only
    frame = store.query(
        f"""
        with {ctes},
        grouped as (
            select case when grouping(owner) = 1 then 'all' else owner end as owner,
                   count(*) as pages,
                   count(*) filter (where silent) as silent_pages,
                   {sums},
                   sum(followers_first) filter (where followers_last is not null) as followers_first,
                   sum(followers_last) filter (where followers_first is not null) as followers_last,
                   max(last_post) as last_post
            from pages
            group by grouping sets ((owner), ())
        )
        select * from grouped order by owner = 'all', owner
        """,
        params,
    )
    counted = ["pages", "silent_pages", *COUNTED]
    frame[counted] = frame[counted].fillna(0).astype("int64")
    return with_shares(frame)


def weekly_followers(store: Store, filters: Filters) -> pd.DataFrame:
    """Followers per owner at the end of each week of the period: each page's last number in the week, summed."""
    where, params = _page_where(filters)
    return store.query(
        f"""
        with last_in_week as (
            select coalesce(p.recipient_code, '{NO_OWNER}') as owner, d.page_id,
                   date_trunc('week', d.day)::date as week,
                   arg_max(d.followers, d.day) as followers
            from official_page_day d
            join official_page p using (page_id)
            where {where} and d.day >= ? and d.day <= ? and d.followers is not null
            group by all
        )
        select owner, week, sum(followers) as followers, count(*) as pages
        from last_in_week
        group by all
        order by owner, week
        """,
        [*params, filters.start, filters.end],
    )


def recipient_answers(store: Store, filters: Filters) -> pd.DataFrame:
    """Per recipient owning pages: the comments and answered comments of the period, the rating's optional base."""
    where, params = _page_where(filters)
    return store.query(
        f"""
        select p.recipient_code, {d.select_pages("comments", "answered")}
        from official_page_day d
        join official_page p using (page_id)
        where {where} and p.recipient_code is not null and d.day >= ? and d.day <= ?
        group by p.recipient_code
        order by p.recipient_code
        """,
        [*params, filters.start, filters.end],
    )


def span(store: Store) -> tuple | None:
    """The first and last day in the store, the pages and the days loaded; None without any."""
    row = store.rows("select min(day), max(day), count(distinct page_id), count(*) from official_page_day")[0]
    return None if not row[3] else row
