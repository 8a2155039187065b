"""The repeat links of «Конфликтные ситуации» counted ahead by the server's job: what they hold, when they are
current, and that the page searches itself whenever they are not. The appeals and their repeats are the hand-made
set of test_conflicts_store (A1 → P1, A2 → P2, A4 → P1), whose every test also runs on the links."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from mcu_data.signals import answer_stance, conflicts
from mcu_data.store import Store
from tests.store.test_conflicts_store import AS_OF, HOLES, LIGHTS, PERIOD, PETROVKA, _load

# a new repeat of P1 (the latest Petrovka appeal on holes answered formally), written after the links were counted
LATE = [("A11", "2026-11-26", None, None, PETROVKA, "roads", HOLES, True, False, "Повторно про яму.")]


@pytest.fixture
def loaded(empty_store: Store) -> Store:
    _load(empty_store)
    return empty_store


def test_the_links_counted_ahead_are_the_repeats_worked_out_by_hand(loaded: Store):
    assert conflicts.refresh_links(loaded) == 3  # A1 → P1, A2 → P2, A4 → P1 (the first test's repeats)
    pairs = loaded.rows(
        "select r.source_id, e.source_id from repeat_link l join appeal r on r.appeal_id = l.appeal_id "
        "join appeal e on e.appeal_id = l.earlier_appeal_id order by 1"
    )
    assert pairs == [("A1", "P1"), ("A2", "P2"), ("A4", "P1")]
    summaries = loaded.rows(
        "select r.source_id, m.earlier_n, m.earlier_id, m.earlier_outcome from repeat_summary m "
        "join appeal r on r.appeal_id = m.appeal_id order by 1"
    )
    assert summaries == [("A1", 1, "P1", "formal"), ("A2", 1, "P2", "solved"), ("A4", 1, "P1", "formal")]
    assert conflicts.refresh_links(loaded) is None  # nothing written since: nothing to count
    assert loaded.scalar("select count(*) from repeat_link") == 3


def test_after_a_write_the_page_searches_itself_until_the_links_are_counted_again(loaded: Store):
    conflicts.refresh_links(loaded)
    _load(loaded, LATE)
    assert not conflicts.links_fresh(loaded)  # the new repeat is not among the links counted before it came
    found, counts = conflicts.find(loaded, PERIOD, AS_OF)
    assert counts["repeat_after_formal"] == 4 and "A11" in set(found["source_id"])
    assert conflicts.refresh_links(loaded) == 4 and conflicts.links_fresh(loaded)


def test_a_count_a_write_overtakes_is_thrown_away(loaded: Store, monkeypatch):
    staging = Store.staging

    def staging_then_a_write(store):  # an import commits while the links are being counted
        with staging(store) as st:
            with store.transaction() as tx:
                tx.execute("update appeal set text_masked = text_masked where source_id = 'A7'")
            yield st

    monkeypatch.setattr(Store, "staging", contextmanager(staging_then_a_write))
    assert conflicts.refresh_links(loaded) is None
    assert not conflicts.links_fresh(loaded) and loaded.scalar("select count(*) from repeat_link") == 0


def test_the_servers_job_counts_the_links_once_the_store_is_quiet(loaded: Store, monkeypatch):
    from mcu_data.server import linker, process

    monkeypatch.setattr(process, "store", lambda: loaded)
    job = linker.Linker()
    assert job.round() is None  # the first look: the store may still be in the middle of a burst of writes
    assert job.round() == 3 and conflicts.links_fresh(loaded)  # quiet for one round: counted
    assert job.round() is None  # nothing written since
    _load(loaded, LATE)
    assert job.round() is None and not conflicts.links_fresh(loaded)  # written to: wait one more round
    assert job.round() == 4


def test_links_counted_by_other_rules_are_counted_again(loaded: Store, monkeypatch):
    conflicts.refresh_links(loaded)
    monkeypatch.setattr(conflicts, "_RECIPE", "rules of a later version")  # the server restarted on new code
    assert not conflicts.links_fresh(loaded)
    assert conflicts.refresh_links(loaded) == 3 and conflicts.links_fresh(loaded)


@pytest.mark.parametrize("counted_ahead", [False, True])
def test_an_earlier_appeal_behind_both_the_repeat_and_the_contradiction_counts_once(empty_store: Store, counted_ahead):
    # B1 «решено» with the answer «done»; B2 says the lamp still does not burn (a repeat after «решено») and its own
    # answer, from the same recipient on the same street, plans what was done (a contradiction): B1 is behind both
    _load(
        empty_store,
        [
            ("B1", "2026-11-01", "2026-11-03", "solved", PETROVKA, "energy", LIGHTS, False, False,
             "Не горит фонарь на ул. Почтовой."),
            ("B2", "2026-11-10", "2026-11-12", "formal", PETROVKA, "energy", LIGHTS, False, False,
             "Фонарь на ул. Почтовой так и не горит, хотя ответили «решено»."),
        ],
    )  # fmt: skip
    with empty_store.transaction() as tx:
        tx.execute("update appeal set answer_stance = ?, answer_due = '2026-11-03' where source_id = 'B1'",
                   [answer_stance.DONE])  # fmt: skip
        tx.execute("update appeal set answer_stance = ?, answer_due = '2027-05-31' where source_id = 'B2'",
                   [answer_stance.PLANNED])  # fmt: skip
    if counted_ahead:
        conflicts.refresh_links(empty_store)
    assert conflicts.links_fresh(empty_store) is counted_ahead
    found, counts = conflicts.find(empty_store, PERIOD, AS_OF)
    row = found.set_index("source_id").loc["B2"]
    assert row["s_repeat"] and row["s_contradiction"] and row["contra_id"] == row["earlier_id"] == "B1"
    assert row["behind_n"] == 1 and row["appeals_n"] == 2  # B1 once, not twice
    assert list(row["earlier_appeal_ids"]) == list(row["contra_appeal_ids"])
    assert counts["repeat_after_formal"] == counts["contradiction"] == 1
