"""Undoing a batch removes what it added and restores what it changed, exactly."""

import pandas as pd
import pytest

from mcu_data.ingest.batches import UndoError, undo
from mcu_data.ingest.loader import import_bytes
from mcu_data.store import Store
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

TABLES = {
    "appeal": "select * exclude (updated_at) from appeal order by appeal_id",
    "history": "select * from appeal_status_history order by appeal_id, batch_id, changed_at",
    "previous": "select * from appeal_previous order by appeal_id, replaced_by_batch",
    "rejected": "select * from rejected_row order by batch_id, row_number",
}


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return {name: store.query(sql) for name, sql in TABLES.items()}


def assert_same(before: dict, after: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)


def reg(rows) -> bytes:
    return csv_bytes([FZ59_HEADER, *rows], "cp1251", ";")


def test_undo_of_new_rows_and_changes_restores_the_store_exactly(empty_store: Store):
    import_bytes(empty_store, reg([fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26")]), "first.csv")
    before = snapshot(empty_store)
    later = import_bytes(
        empty_store,
        reg(
            [
                fz59_row("ОГ-1/26", answered="20.11.2026", result="Разъяснено", state="Рассмотрено"),
                fz59_row("ОГ-3/26"),
                fz59_row("ОГ-4/26", received="31.02.2026"),
            ]
        ),
        "second.csv",
    )
    assert (later.rows_new, later.rows_updated, later.rows_unchanged, later.rows_rejected) == (1, 1, 0, 1)
    report = undo(empty_store, later.batch_id)
    assert (report.removed, report.restored) == (1, 1)
    assert_same(before, snapshot(empty_store))
    assert empty_store.scalar("select status from import_batch where batch_id = ?", [later.batch_id]) == "undone"


def test_undo_of_the_sample_exports(sample_store: Store):
    first_batch = sample_store.scalar("select min(batch_id) from import_batch")
    before = sample_store.scalar("select count(*) from appeal")
    pos_rows = sample_store.scalar("select count(*) from appeal where batch_id = ?", [first_batch])
    undo(sample_store, first_batch)
    assert sample_store.scalar("select count(*) from appeal") == before - pos_rows
    assert sample_store.scalar("select count(*) from appeal where batch_id = ?", [first_batch]) == 0


def test_undo_refused_while_a_later_batch_changed_the_same_appeals(empty_store: Store):
    first = import_bytes(empty_store, reg([fz59_row("ОГ-1/26")]), "a.csv")
    second = import_bytes(
        empty_store, reg([fz59_row("ОГ-1/26", answered="20.11.2026", result="Решено", state="Рассмотрено")]), "b.csv"
    )
    with pytest.raises(UndoError, match=f"№ {second.batch_id}"):
        undo(empty_store, first.batch_id)
    undo(empty_store, second.batch_id)
    undo(empty_store, first.batch_id)
    assert empty_store.scalar("select count(*) from appeal") == 0
    with pytest.raises(UndoError, match="уже отменена"):
        undo(empty_store, first.batch_id)


def test_reimport_after_undo_brings_rows_back(empty_store: Store):
    data = reg([fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26")])
    batch = import_bytes(empty_store, data, "a.csv")
    undo(empty_store, batch.batch_id)
    again = import_bytes(empty_store, data, "a.csv")
    assert again.rows_new == 2
