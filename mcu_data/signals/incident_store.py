"""Incidents in the store: regrouping after an import or a correction, people's merges and splits, and the lists.

An appeal's incident is kept in `appeal_incident`; an appeal with no row there (grouping not yet run on it)
is an incident of its own, under the key `-appeal_id` (definitions.INCIDENT_KEY), so every figure that counts
incidents counts it once. Corrections are pairs in `incident_link`, which every later grouping obeys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters, to_where
from mcu_data.signals import incident_match as match
from mcu_data.signals.incidents import COLUMNS, group, keep_numbers
from mcu_data.signals.incidents import messages as group_messages
from mcu_data.store import Store

REGROUP_DAYS = 31  # a long import is regrouped a month at a time: each pass holds one month and its margins
LIST_LIMIT = 500
PENDING_DAYS = 7  # the background grouping takes a week at a time: the cost and the memory of a weekly import


@dataclass(frozen=True)
class RegroupReport:
    messages: int  # messages regrouped
    incidents: int  # groups they form
    multi: int  # of which have more than one message
    candidates: int  # pairs the matcher was asked about
    joined: int  # pairs it judged one problem


def _load(store: Store, seed: str, params: list) -> pd.DataFrame:
    """The messages `seed` selects (a condition over `appeal`), with every member of their incidents and every
    message a person linked to them, and each one's incident number so far."""
    cols = ", ".join(f"a.{c}" for c in COLUMNS)
    return store.query(
        f"""
        with seed as (
            select appeal_id from appeal where {seed}
        ),
        incidents as (
            select distinct ai.incident_id from appeal_incident ai join seed using (appeal_id)
        ),
        members as (
            select appeal_id from seed
            union select ai.appeal_id from appeal_incident ai join incidents using (incident_id)
        ),
        linked as (
            select l.appeal_b as appeal_id from incident_link l join members m on m.appeal_id = l.appeal_a
            union select l.appeal_a from incident_link l join members m on m.appeal_id = l.appeal_b
        ),
        final as (
            select {cols}, ai.incident_id as previous
            from appeal a
            left join appeal_incident ai on ai.appeal_id = a.appeal_id
            where a.appeal_id in (select appeal_id from members union select appeal_id from linked)
        )
        select * from final order by received_at, appeal_id
        """,
        params,
    )


def _window(store: Store, start: datetime, end: datetime) -> tuple[pd.DataFrame, np.ndarray]:
    """The messages to regroup: those received in the window (active), with the messages within SHORT_DAYS of it,
    their incidents' members and the messages people linked to them as context, which keep their groups unless
    an active message joins them; and, for the few active ones that say their problem goes on, the older
    messages of the same theme and settlement up to MAX_DAYS back, as context too. Returns the rows and which
    of them are active."""
    near = timedelta(days=match.SHORT_DAYS)
    frame = _load(store, "received_at >= ? and received_at <= ?", [start - near, end + near])
    if frame.empty:
        return frame, np.zeros(0, dtype=bool)
    # the window's own days are regrouped; the week around them is context, grouped when its own days were
    received = pd.to_datetime(frame["received_at"])
    active = ((received >= pd.Timestamp(start)) & (received <= pd.Timestamp(end))).to_numpy()
    long = np.zeros(len(frame), dtype=bool)
    long[active] = [match.reach_back_days(m) > match.SHORT_DAYS for m in group_messages(frame[active])]
    if not long.any():
        return frame, active
    reaching = frame[long]
    pairs = sorted(
        {f"{t}|{o}" for t, o in zip(reaching["theme_code"], reaching["settlement_oktmo"].fillna(""), strict=True)}
    )
    since = pd.Timestamp(reaching["received_at"].min()).to_pydatetime() - timedelta(days=match.MAX_DAYS)
    # the older messages of the same theme and settlement as those few: an unsolved problem is written about
    # again under its theme, and a month of every theme of a district would be most of the work for nothing
    context = _load(
        store,
        "received_at >= ? and received_at < ? and list_contains(?, theme_code || '|' || coalesce(settlement_oktmo, ''))",
        [since, start - near, pairs],
    )
    context = context[~context["appeal_id"].isin(frame["appeal_id"])]
    rows = pd.concat([frame, context], ignore_index=True)
    active = np.r_[active, np.zeros(len(context), dtype=bool)]
    order = np.argsort(pd.to_datetime(rows["received_at"]).to_numpy(), kind="stable")
    return rows.iloc[order].reset_index(drop=True), active[order]


def regroup(store: Store, start: datetime, end: datetime, now: datetime | None = None) -> RegroupReport:
    """Regroup the messages received between `start` and `end` (and those that reach into it); one transaction."""
    now = now or datetime.now()
    frame, active = _window(store, start, end)
    if frame.empty:
        return RegroupReport(0, 0, 0, 0, 0)
    links = store.query(
        "select appeal_a, appeal_b, same_problem from incident_link "
        "where appeal_a >= ? and appeal_a <= ? and appeal_b >= ? and appeal_b <= ?",
        [int(frame["appeal_id"].min()), int(frame["appeal_id"].max())] * 2,
    )
    result = group(frame, links, active)
    numbers = keep_numbers(result.group, frame["previous"])
    fresh = np.unique(result.group[numbers < 0])
    with store.transaction() as tx:
        if len(fresh):
            drawn = tx.query("select nextval('incident_id_seq') as n from range(?)", [len(fresh)])["n"].to_numpy()
            new_for = dict(zip(fresh.tolist(), drawn.tolist(), strict=True))
            numbers = np.where(numbers < 0, pd.Series(result.group).map(new_for).fillna(-1).to_numpy(), numbers)
        out = pd.DataFrame({"appeal_id": frame["appeal_id"].astype("int64"), "incident_id": numbers.astype("int64")})
        tx.register("regrouped", out)
        try:
            tx.execute("delete from appeal_incident where appeal_id in (select appeal_id from regrouped)")
            tx.execute("insert into appeal_incident select appeal_id, incident_id, ? from regrouped", [now])
        finally:
            tx.unregister("regrouped")
    sizes = pd.Series(result.group).value_counts()
    return RegroupReport(len(frame), len(sizes), int((sizes > 1).sum()), result.candidates, result.joined)


def regroup_span(store: Store, first: date, last: date, now: datetime | None = None) -> RegroupReport:
    """Regroup the days from `first` to `last`, a month at a time, so a two-year load never sits in memory whole."""
    totals = np.zeros(5, dtype=np.int64)
    day = first
    while day <= last:
        until = min(last, day + timedelta(days=REGROUP_DAYS - 1))
        r = regroup(store, datetime.combine(day, time.min), datetime.combine(until, time.max), now)
        totals += np.array([r.messages, r.incidents, r.multi, r.candidates, r.joined])
        day = until + timedelta(days=1)
    return RegroupReport(*(int(v) for v in totals))


def regroup_batch(store: Store, batch_id: int, now: datetime | None = None) -> RegroupReport:
    """After an import: regroup the days its appeals were received on."""
    span = store.rows(
        "select min(received_at)::date, max(received_at)::date from appeal where batch_id = ?", [batch_id]
    )
    if not span or span[0][0] is None:
        return RegroupReport(0, 0, 0, 0, 0)
    return regroup_span(store, span[0][0], span[0][1], now)


def pending_from(store: Store) -> date | None:
    """The first day that holds an appeal no grouping has seen yet (a large import leaves them to the server)."""
    return store.scalar(
        "select min(a.received_at)::date from appeal a anti join appeal_incident i on i.appeal_id = a.appeal_id"
    )


def regroup_pending(store: Store, now: datetime | None = None, days: int = PENDING_DAYS) -> RegroupReport:
    """One step of the background grouping: the `days` days from the first one that holds ungrouped appeals.
    Nothing pending, nothing done. Every appeal received in those days gets its incident, so the steps end."""
    first = pending_from(store)
    if first is None:
        return RegroupReport(0, 0, 0, 0, 0)
    last = first + timedelta(days=days - 1)
    return regroup(store, datetime.combine(first, time.min), datetime.combine(last, time.max), now)


def regroup_all(store: Store, now: datetime | None = None) -> RegroupReport:
    span = store.rows("select min(received_at)::date, max(received_at)::date from appeal")
    if not span or span[0][0] is None:
        return RegroupReport(0, 0, 0, 0, 0)
    return regroup_span(store, span[0][0], span[0][1], now)


# -- corrections ------------------------------------------------------------------------------------------------------
def _members(store: Store, incident_id: int) -> pd.DataFrame:
    return store.query(
        f"select a.appeal_id, a.received_at, a.theme_code from appeal a "
        f"left join appeal_incident ai on ai.appeal_id = a.appeal_id where {d.INCIDENT_KEY} = ? order by a.appeal_id",
        [int(incident_id)],
    )


def _set_links(tx, pairs: list[tuple[int, int]], same: bool, login: str, now: datetime) -> None:
    for a, b in pairs:
        lo, hi = min(a, b), max(a, b)
        tx.execute("delete from incident_link where appeal_a = ? and appeal_b = ?", [lo, hi])
        tx.execute("insert into incident_link values (?, ?, ?, ?, ?)", [lo, hi, same, login, now])


def _draw(tx) -> int:
    return int(tx.scalar("select nextval('incident_id_seq')"))


def _assign(tx, appeal_ids: list[int], incident_id: int, now: datetime) -> None:
    """A person's correction takes effect at once and touches only the messages it names; the links keep it."""
    tx.execute("delete from appeal_incident where appeal_id in (select unnest(?))", [appeal_ids])
    tx.execute(
        "insert into appeal_incident select unnest(?), ?, ?",
        [appeal_ids, int(incident_id), now],
    )


def merge(store: Store, incident_ids: list[int], now: datetime | None = None) -> RegroupReport:
    """Join incidents into one: a person says their messages are one problem; kept through every regrouping."""
    now = now or datetime.now()
    groups = [_members(store, i) for i in dict.fromkeys(int(i) for i in incident_ids)]
    groups = [g for g in groups if len(g)]
    if len(groups) < 2:
        raise ValueError("Для объединения выберите хотя бы два существующих инцидента.")
    themes = sorted({t for g in groups for t in g["theme_code"]})
    user = access.require(access.CORRECT, themes=themes)
    every = pd.concat(groups)
    ids = [int(g["appeal_id"].iloc[0]) for g in groups]
    with store.transaction() as tx:
        # a merge overrides any split made earlier between these messages
        members = every["appeal_id"].astype(int).tolist()
        tx.execute(
            "delete from incident_link where not same_problem and appeal_a in (select unnest(?)) "
            "and appeal_b in (select unnest(?))",
            [members, members],
        )
        _set_links(tx, [(ids[0], other) for other in ids[1:]], True, user.login, now)
        audit.record(
            store,
            "incident_merge",
            "инциденты " + ", ".join(f"№{i}" for i in incident_ids),
            f"объединены, сообщений {len(every)}",
            tx=tx,
        )
        target = int(incident_ids[0]) if int(incident_ids[0]) > 0 else _draw(tx)
        _assign(tx, members, target, now)
    return RegroupReport(len(every), 1, 1, 0, 0)


def split(store: Store, incident_id: int, appeal_ids: list[int], now: datetime | None = None) -> RegroupReport:
    """Take the chosen messages out of an incident into one of their own; kept through every regrouping."""
    now = now or datetime.now()
    members = _members(store, incident_id)
    chosen = [int(a) for a in dict.fromkeys(appeal_ids) if int(a) in set(members["appeal_id"].astype(int))]
    rest = [int(a) for a in members["appeal_id"] if int(a) not in chosen]
    if not chosen or not rest:
        raise ValueError("Выберите сообщения, которые нужно выделить: хотя бы одно, но не все сообщения инцидента.")
    user = access.require(access.CORRECT, themes=sorted(set(members["theme_code"])))
    with store.transaction() as tx:
        _set_links(tx, [(a, b) for a in chosen for b in rest], False, user.login, now)
        _set_links(tx, list(zip(chosen, chosen[1:], strict=False)), True, user.login, now)
        audit.record(
            store,
            "incident_split",
            f"инцидент №{incident_id}",
            f"выделено сообщений {len(chosen)} из {len(members)}",
            tx=tx,
        )
        _assign(tx, chosen, _draw(tx), now)
    return RegroupReport(len(chosen), 1, int(len(chosen) > 1), 0, 0)


# -- lists --------------------------------------------------------------------------------------------------------------
def incidents(store: Store, filters: Filters, as_of: datetime, limit: int = LIST_LIMIT) -> pd.DataFrame:
    """The incidents with a message in the filters' period, largest first: messages, channels, dates, open or not.

    Only the messages that match the filters are counted, so the figures are the ones the heat map shows.
    """
    where, params = to_where(filters)
    source, bound = d.facts(where, params, as_of, incidents=True)
    return store.query(
        f"""
        with final as (
            select f.incident_key as incident_id,
                   count(*) as messages,
                   count(distinct f.channel_code) as channels,
                   list(distinct f.channel_code order by f.channel_code) as channel_codes,
                   min(f.received_at) as first_at,
                   max(f.received_at) as last_at,
                   mode(f.theme_code order by f.theme_code) as theme_code,
                   mode(f.settlement_oktmo order by f.settlement_oktmo) as settlement_oktmo,
                   count(*) filter (where f.state in {d.OPEN_SQL}) as open,
                   arg_min(f.text_masked, f.received_at) as first_text
            from {source}
            group by f.incident_key
        )
        select * from final
        order by messages desc, last_at desc, incident_id
        limit ?
        """,
        [*bound, limit],
    )


def messages(store: Store, filters: Filters, incident_id: int, as_of: datetime) -> pd.DataFrame:
    """The messages of one incident within the filters, oldest first, with their state."""
    access.require_appeals(filters)
    where, params = to_where(filters)
    source, bound = d.facts(f"({where}) and {d.INCIDENT_KEY} = ?", [*params, int(incident_id)], as_of, incidents=True)
    return store.query(
        f"""
        select f.appeal_id, f.source_code, f.source_id, f.channel_code, f.received_at, f.theme_code, f.subtheme,
               f.settlement_oktmo, f.recipient_code, f.state, f.text_masked
        from {source}
        order by f.received_at, f.appeal_id
        """,
        bound,
    )
