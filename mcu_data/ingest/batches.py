"""Writing a batch of appeals set-based, and undoing a whole batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.signals import conflicts
from mcu_data.store import Store, Tx

APPEAL_COLUMNS = (
    "source_code", "source_id", "channel_code", "kind_code", "received_at", "registered_at", "due_at",
    "extended_due_at", "first_reaction_at", "first_answer_at", "closed_at", "status_code", "outcome_code",
    "theme_code", "subtheme", "source_rubric", "settlement_oktmo", "address", "lat", "lon", "recipient_code",
    "recipient_raw", "author_type", "is_collective", "is_repeat", "satisfaction", "text_masked",
    "theme_provenance", "theme_confidence", "settlement_provenance", "settlement_confidence", "due_rule_id",
    "content_hash", "status_raw", "outcome_raw", "channel_raw", "date_flag",
    "answer_masked", "answer_formal", "answer_reasons", "answer_score", "answer_stance", "answer_due",
)  # fmt: skip

# a person's correction outlives later exports: these columns keep the corrected value
THEME_COLUMNS = ("theme_code", "subtheme", "theme_provenance", "theme_confidence")
SETTLEMENT_COLUMNS = ("settlement_oktmo", "settlement_provenance", "settlement_confidence")


class UndoError(ValueError):
    """A batch that cannot be undone; the message is in Russian and says what to do first."""


def _update_expression(column: str) -> str:
    if column in THEME_COLUMNS:
        return f"{column} = case when appeal.theme_provenance = 'corrected' then appeal.{column} else s.{column} end"
    if column in SETTLEMENT_COLUMNS:
        return (
            f"{column} = case when appeal.settlement_provenance = 'corrected' then appeal.{column} else s.{column} end"
        )
    return f"{column} = s.{column}"


def write(tx: Tx, appeals: pd.DataFrame | str, batch_id: int, now: datetime) -> dict[str, int]:
    """Set-based upsert keyed on source + source id; changed rows keep their previous version.

    The appeals come as a frame or as the name of a staged table holding them (one row per source id).
    """
    cols = ", ".join(APPEAL_COLUMNS)
    if isinstance(appeals, str):
        source = appeals
    else:
        tx.register("stg_in", appeals[list(APPEAL_COLUMNS)])
        source = "stg_in"
    tx.execute(
        f"create or replace temp table stg as select {', '.join('s.' + c for c in APPEAL_COLUMNS)}, "
        "a.appeal_id as existing_id, a.content_hash as old_hash, a.status_code as old_status, "
        f"a.outcome_code as old_outcome "
        f"from {source} s left join appeal a on a.source_code = s.source_code and a.source_id = s.source_id"
    )
    if source == "stg_in":
        tx.unregister("stg_in")
    new = int(tx.scalar("select count(*) from stg where existing_id is null"))
    updated = int(tx.scalar("select count(*) from stg where existing_id is not null and old_hash <> content_hash"))
    unchanged = int(tx.scalar("select count(*) from stg where existing_id is not null and old_hash = content_hash"))
    tx.execute(
        "insert into appeal_previous by name select a.*, ? as replaced_by_batch from appeal a "
        "join stg s on s.existing_id = a.appeal_id "
        "where s.old_hash <> s.content_hash",
        [batch_id],
    )
    sets = ", ".join(_update_expression(c) for c in APPEAL_COLUMNS if c not in ("source_code", "source_id"))
    tx.execute(
        f"update appeal set {sets}, batch_id = ?, updated_at = ? from stg s "
        "where appeal.appeal_id = s.existing_id and s.old_hash <> s.content_hash",
        [batch_id, now],
    )
    tx.execute(
        f"insert into appeal ({cols}, batch_id, updated_at) select {cols}, ?, ? from stg where existing_id is null",
        [batch_id, now],
    )
    # status history: the state each row arrived with, dated by the lifecycle time that state implies
    tx.execute(
        """
        insert into appeal_status_history (appeal_id, changed_at, batch_id, status_code, outcome_code)
        select a.appeal_id,
               coalesce(case when s.status_code = 'closed' then s.closed_at end,
                        case when s.status_code in ('answered', 'redirected', 'closed') then s.first_answer_at end,
                        case when s.status_code = 'registered' then s.registered_at end,
                        case when s.existing_id is null then s.received_at end,
                        ?),
               ?, s.status_code, s.outcome_code
        from stg s join appeal a on a.source_code = s.source_code and a.source_id = s.source_id
        where s.existing_id is null
           or s.old_status is distinct from s.status_code
           or s.old_outcome is distinct from s.outcome_code
        """,
        [now, batch_id],
    )
    tx.execute("drop table stg")
    conflicts.refresh(tx, batch_id)  # what the conflict rules read in the new and changed texts
    return {"new": new, "updated": updated, "unchanged": unchanged}


@dataclass(frozen=True)
class UndoReport:
    batch_id: int
    removed: int
    restored: int


def undo(store: Store, batch_id: int, now: datetime | None = None) -> UndoReport:
    """Remove what a batch added and restore what it changed, as one transaction.

    Refused while a later import changed the same appeals: undo that one first.
    """
    now = now or datetime.now()
    with store.transaction() as tx:
        status = tx.scalar("select status from import_batch where batch_id = ?", [batch_id])
        if status is None:
            raise UndoError(f"Загрузки № {batch_id} нет.")
        if status != "done":
            raise UndoError(f"Загрузка № {batch_id} уже отменена.")
        channel = tx.scalar("select source_code from import_batch where batch_id = ?", [batch_id])
        access.require(access.UNDO, channel=channel)
        later = tx.query(
            """
            select distinct p.replaced_by_batch as later_batch
            from appeal_previous p
            where p.replaced_by_batch > ?
              and p.appeal_id in (
                  select appeal_id from appeal where batch_id = ?
                  union select appeal_id from appeal_previous where replaced_by_batch = ?
                  union select appeal_id from appeal_status_history where batch_id = ?
              )
            order by later_batch
            """,
            [batch_id, batch_id, batch_id, batch_id],
        )
        if not later.empty:
            numbers = ", ".join(f"№ {int(b)}" for b in later["later_batch"])
            raise UndoError(
                f"Обращения этой загрузки потом изменила загрузка {numbers}. Сначала отмените её, затем эту."
            )
        restored = int(tx.scalar("select count(*) from appeal_previous where replaced_by_batch = ?", [batch_id]))
        removed = int(
            tx.scalar(
                "select count(*) from appeal a where a.batch_id = ? and not exists "
                "(select 1 from appeal_previous p where p.appeal_id = a.appeal_id and p.replaced_by_batch = ?)",
                [batch_id, batch_id],
            )
        )
        tx.execute(
            "delete from appeal a where a.batch_id = ? and not exists "
            "(select 1 from appeal_previous p where p.appeal_id = a.appeal_id and p.replaced_by_batch = ?)",
            [batch_id, batch_id],
        )
        columns = ", ".join(["appeal_id", *APPEAL_COLUMNS, "batch_id", "updated_at"])
        tx.execute(
            "delete from appeal where appeal_id in (select appeal_id from appeal_previous where replaced_by_batch = ?)",
            [batch_id],
        )
        tx.execute(
            f"insert into appeal ({columns}) select {columns} from appeal_previous where replaced_by_batch = ?",
            [batch_id],
        )
        tx.execute("delete from appeal_previous where replaced_by_batch = ?", [batch_id])
        # a survey's batch (source «survey») added answers, never changed any: undoing it removes them
        removed += int(tx.scalar("select count(*) from survey_answer where batch_id = ?", [batch_id]))
        tx.execute("delete from survey_answer where batch_id = ?", [batch_id])
        # an official pages' batch added days, never changed any; a page it named that keeps no day goes with them
        removed += int(tx.scalar("select count(*) from official_page_day where batch_id = ?", [batch_id]))
        tx.execute("delete from official_page_day where batch_id = ?", [batch_id])
        tx.execute(
            "delete from official_page p where p.batch_id = ? "
            "and not exists (select 1 from official_page_day d where d.page_id = p.page_id)",
            [batch_id],
        )
        tx.execute("delete from appeal_status_history where batch_id = ?", [batch_id])
        tx.execute("delete from rejected_row where batch_id = ?", [batch_id])
        conflicts.refresh(tx)  # the restored texts are read again, the removed ones forgotten
        tx.execute("update import_batch set status = 'undone', undone_at = ? where batch_id = ?", [now, batch_id])
        audit.record(
            store, "undo", f"загрузка №{batch_id}", f"удалено {removed}, восстановлено {restored}", now=now, tx=tx
        )
    return UndoReport(batch_id, removed, restored)
