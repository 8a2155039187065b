"""«Противоречие ответов» through the real import: each answer's stance read at import, and the page's list of
signals worked out by hand from the answers below (the rules: mcu_data/signals/answer_stance.py)."""

from __future__ import annotations

from datetime import date, datetime

from mcu_data.core.filters import Filters
from mcu_data.ingest.loader import import_bytes
from mcu_data.signals import answer_stance, conflicts
from mcu_data.store import Store
from tests.store.test_answers import book, pos_row

DONE, PLANNED, EXPLAINS = answer_stance.DONE, answer_stance.PLANNED, answer_stance.EXPLAINS
# (number, received, question, the recipient's answer); every answer comes 6 days after its appeal (pos_row)
ROWS = [
    # done, then «planned for spring» on the same street: a contradiction of 8002 with 8001
    ("8001", datetime(2026, 11, 1, 9), "На ул. Почтовой в Петровке не работает колонка.",
     "Колонка на ул. Почтовой отремонтирована 06.11.2026 бригадой администрации."),
    ("8002", datetime(2026, 11, 12, 9), "Колонка на ул. Почтовой в Петровке так и не работает.",
     "Ремонт колонки на ул. Почтовой запланирован на весенний период 2027 года."),
    # a date, then a later date with no reason: 8004 contradicts 8003
    ("8003", datetime(2026, 11, 2, 9), "На ул. Садовой в Петровке яма на дороге.",
     "Яма на ул. Садовой будет заделана до 10.11.2026."),
    ("8004", datetime(2026, 11, 13, 9), "Яма на ул. Садовой в Петровке так и не заделана.",
     "Яма на ул. Садовой будет заделана до 30.11.2026."),
    # done, then a new breakdown the answer names: it explains itself, no signal
    ("8005", datetime(2026, 11, 3, 9), "На ул. Школьной в Петровке нет уличного освещения.",
     "Освещение на ул. Школьной восстановлено 08.11.2026."),
    ("8006", datetime(2026, 11, 14, 9), "На ул. Школьной в Петровке опять темно.",
     "10.11.2026 произошло новое повреждение кабеля на ул. Школьной, ремонт будет выполнен до 25.11.2026."),
    # done on one street, planned on another: two problems, no signal
    ("8007", datetime(2026, 11, 4, 9), "На ул. Луговой в Петровке не вывезен мусор.",
     "Мусор на ул. Луговой вывезен 09.11.2026."),
    ("8008", datetime(2026, 11, 15, 9), "На ул. Лесной в Петровке сломана скамейка у остановки.",
     "Замена скамейки на ул. Лесной запланирована до 01.12.2026."),
]  # fmt: skip
PERIOD = Filters(date(2026, 11, 1), date(2026, 11, 30))
AS_OF = datetime(2026, 11, 30, 12, 0)


def _import(store: Store) -> None:
    rows = [pos_row(number, question, "Решено", answer, received) for number, received, question, answer in ROWS]
    import_bytes(store, book(*rows), "pos.xlsx")


def test_the_import_reads_each_answers_stance_and_promised_date(empty_store: Store):
    _import(empty_store)
    got = {r[0]: r[1:] for r in empty_store.rows("select source_id, answer_stance, answer_due from appeal")}
    assert got["8001"] == (DONE, date(2026, 11, 6))  # the date of the repair is the latest date named
    assert got["8002"] == (PLANNED, date(2027, 5, 31))  # «весенний период 2027 года»: the last day of spring
    assert got["8003"] == (PLANNED, date(2026, 11, 10))
    assert got["8004"] == (PLANNED, date(2026, 11, 30))
    assert got["8006"] == (PLANNED | EXPLAINS, date(2026, 11, 25))  # «новое повреждение» explains the change


def test_the_page_lists_the_contradicting_answers_worked_out_by_hand(empty_store: Store):
    _import(empty_store)
    found, counts = conflicts.find(empty_store, PERIOD, AS_OF)
    contradicting = found[found["s_contradiction"]]
    pairs = {(r.source_id, r.contra_id, r.contra_kind) for r in contradicting.itertuples()}
    assert pairs == {("8002", "8001", "done_then_not_done"), ("8004", "8003", "date_moved")}
    assert counts["contradiction"] == len(contradicting) == 2
    # the file's address names no street: 8001 and 8002 are one problem by their incident, one earlier appeal behind
    row = contradicting.set_index("source_id").loc["8002"]
    assert row["behind_n"] == 1 and row["appeals_n"] == 2
    for row in contradicting.itertuples():
        assert "contradiction" in row.signals
        behind = conflicts.appeals(empty_store, PERIOD, (int(row.appeal_id), *map(int, row.contra_appeal_ids)))
        assert set(behind["source_id"]) == {row.source_id, row.contra_id}
        assert behind["answer_masked"].notna().all()  # both answers are shown side by side


def test_a_store_loaded_before_the_stances_gets_them_once(empty_store: Store):
    _import(empty_store)
    with empty_store.transaction() as tx:
        tx.execute("update appeal set answer_stance = null, answer_due = null")
    assert answer_stance.fill_store(empty_store) == len(ROWS)
    got = dict(empty_store.rows("select source_id, answer_stance from appeal"))
    assert got["8001"] == DONE and got["8004"] == PLANNED
    found, counts = conflicts.find(empty_store, PERIOD, AS_OF)
    assert counts["contradiction"] == 2
