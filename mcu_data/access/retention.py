"""Retention: appeals older than the set number of years are deleted, with a report of what went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.store import Store

SETTING = "retention_years"
DEFAULT_YEARS = 5  # the usual keeping time of appeals' files; the curator sets the district's own
MIN_YEARS, MAX_YEARS = 1, 75


@dataclass(frozen=True)
class PurgeReport:
    cutoff: date
    appeals: int
    by_source_year: pd.DataFrame  # source_code, year, n
    history_rows: int
    rejected_rows: int


def years(store: Store) -> int:
    value = store.scalar("select value from app_setting where key = ?", [SETTING])
    return int(value) if value else DEFAULT_YEARS


def set_years(store: Store, value: int) -> None:
    access.require(access.PURGE)
    if not MIN_YEARS <= int(value) <= MAX_YEARS:
        raise ValueError(f"Срок хранения — от {MIN_YEARS} до {MAX_YEARS} лет.")
    with store.transaction() as tx:
        tx.execute("insert or replace into app_setting values (?, ?)", [SETTING, str(int(value))])
        audit.record(store, "retention_set", SETTING, f"{int(value)} лет", tx=tx)


def cutoff_for(n_years: int, today: date) -> date:
    try:
        return today.replace(year=today.year - n_years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - n_years, day=28)


def preview(store: Store, today: date, n_years: int | None = None) -> pd.DataFrame:
    """What a purge would delete now: appeals per channel and year of receipt."""
    cutoff = cutoff_for(n_years or years(store), today)
    return store.query(
        "select source_code, year(received_at) as year, count(*) as n from appeal where received_at < ? "
        "group by all order by year, source_code",
        [cutoff],
    )


def purge(store: Store, today: date, now: datetime | None = None) -> PurgeReport:
    """Delete appeals received before the cut-off, with their history and corrections, in one transaction."""
    access.require(access.PURGE)
    n_years = years(store)
    cutoff = cutoff_for(n_years, today)
    by = preview(store, today, n_years)
    with store.transaction() as tx:
        tx.execute(
            "create temp table purge_ids as select appeal_id, source_code, source_id from appeal where received_at < ?",
            [cutoff],
        )
        history = tx.scalar(
            "select count(*) from appeal_status_history where appeal_id in (select appeal_id from purge_ids)"
        )
        tx.execute("delete from appeal_status_history where appeal_id in (select appeal_id from purge_ids)")
        tx.execute("delete from correction where appeal_id in (select appeal_id from purge_ids)")
        tx.execute("delete from answer_decision where appeal_id in (select appeal_id from purge_ids)")
        # what a decision taught stays (masked stock phrases), but no longer points at a deleted appeal
        tx.execute("update answer_sentence set appeal_id = null where appeal_id in (select appeal_id from purge_ids)")
        tx.execute("delete from appeal_previous where appeal_id in (select appeal_id from purge_ids)")
        total = tx.scalar("select count(*) from purge_ids")
        tx.execute("delete from appeal where appeal_id in (select appeal_id from purge_ids)")
        # rejected rows are raw input: they go with the imports finished before the cut-off
        rejected = tx.scalar(
            "select count(*) from rejected_row where batch_id in "
            "(select batch_id from import_batch where finished_at < ?)",
            [cutoff],
        )
        tx.execute(
            "delete from rejected_row where batch_id in (select batch_id from import_batch where finished_at < ?)",
            [cutoff],
        )
        tx.execute("drop table purge_ids")
        audit.record(
            store,
            "purge",
            f"до {cutoff:%d.%m.%Y}",
            f"обращений {total}, записей истории {history}, отклонённых строк {rejected}; срок {n_years} лет",
            now=now,
            tx=tx,
        )
    return PurgeReport(cutoff, int(total), by, int(history), int(rejected))
