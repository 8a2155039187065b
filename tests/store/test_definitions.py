"""The definitions as SQL: each hand-written lifecycle lands in exactly one state, and the shares follow the words."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from mcu_data.core import definitions as d
from mcu_data.store import Store

T = datetime(2026, 11, 8, 23, 59, 59)
DUE = "2026-11-05 23:59:59"

# (case, received, due, extended due, first answer, closed, status, outcome, expected state)
LIFECYCLES = [
    (
        "answered before the deadline",
        "2026-11-01 10:00",
        DUE,
        None,
        "2026-11-03 10:00",
        None,
        "answered",
        "solved",
        "on_time",
    ),
    (
        "answered on the last minute of the due day",
        "2026-11-01 10:00",
        DUE,
        None,
        DUE,
        None,
        "closed",
        "explained",
        "on_time",
    ),
    ("answered a minute after", "2026-11-01 10:00", DUE, None, "2026-11-06 00:00:59", None, "closed", None, "late"),
    (
        "answered early, deadline still ahead",
        "2026-11-07 10:00",
        "2026-11-20 23:59:59",
        None,
        "2026-11-08 09:00",
        None,
        "answered",
        "solved",
        "on_time",
    ),
    (
        "late against the first deadline, in time for the extension",
        "2026-10-01 10:00",
        DUE,
        "2026-11-10 23:59:59",
        "2026-11-07 12:00",
        None,
        "answered",
        "refused",
        "on_time",
    ),
    (
        "extension also passed, still no answer",
        "2026-10-01 10:00",
        "2026-10-20 23:59:59",
        DUE,
        None,
        None,
        "extended",
        None,
        "open_past_due",
    ),
    ("deadline passed, no answer", "2026-10-20 10:00", DUE, None, None, None, "in_progress", None, "open_past_due"),
    (
        "deadline ahead, no answer",
        "2026-11-07 10:00",
        "2026-11-20 23:59:59",
        None,
        None,
        None,
        "registered",
        None,
        "not_yet_due",
    ),
    ("no deadline, no answer", "2026-11-02 10:00", None, None, None, None, "new", None, "open_no_due"),
    (
        "no deadline, answered",
        "2026-11-02 10:00",
        None,
        None,
        "2026-11-04 10:00",
        None,
        "answered",
        "explained",
        "answered_no_due",
    ),
    (
        "redirected without an answer",
        "2026-11-02 10:00",
        DUE,
        None,
        None,
        "2026-11-03 10:00",
        "redirected",
        "redirected",
        "closed_no_answer",
    ),
    ("closed with no dates at all", "2026-11-02 10:00", DUE, None, None, None, "closed", None, "closed_no_answer"),
    (
        "answered after the moment: still open then",
        "2026-10-20 10:00",
        DUE,
        None,
        "2026-11-12 10:00",
        "2026-11-12 10:00",
        "closed",
        "solved",
        "open_past_due",
    ),
    (
        "answered after the moment, closed with no closing date: still open then",
        "2026-11-01 10:00",
        DUE,
        None,
        "2026-11-12 10:00",
        None,
        "closed",
        "solved",
        "open_past_due",
    ),
    (
        "closed after the moment: still open then",
        "2026-11-02 10:00",
        "2026-11-20 23:59:59",
        None,
        None,
        "2026-11-10 10:00",
        "redirected",
        "redirected",
        "not_yet_due",
    ),
    (
        "status in progress but an answer date given",
        "2026-11-01 10:00",
        DUE,
        None,
        "2026-11-04 10:00",
        None,
        "in_progress",
        None,
        "on_time",
    ),
]


def _insert(store: Store, rows: list[dict]) -> None:
    frame = pd.DataFrame(rows)
    with store.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status) "
            "values ('pos', 'test', 't', '-', now(), 'done') returning batch_id"
        )
        tx.register("rows_in", frame)
        tx.execute(
            "insert into appeal (source_code, source_id, channel_code, kind_code, received_at, due_at, extended_due_at, "
            "first_answer_at, closed_at, status_code, outcome_code, theme_code, author_type, is_collective, is_repeat, "
            "satisfaction, batch_id, theme_provenance, theme_confidence, content_hash, updated_at) "
            "select 'pos', source_id, 'gosuslugi', 'message', received::timestamp, due::timestamp, ext::timestamp, "
            "answer::timestamp, closed::timestamp, status, outcome, theme, 'citizen', false, repeat, rating::smallint, "
            "?, 'given', 1.0, '-', now() from rows_in",
            [batch],
        )


def _row(i: int, received, due, ext, answer, closed, status, outcome, theme="housing", repeat=False, rating=None):
    return {
        "source_id": f"T-{i}",
        "received": received,
        "due": due,
        "ext": ext,
        "answer": answer,
        "closed": closed,
        "status": status,
        "outcome": outcome,
        "theme": theme,
        "repeat": repeat,
        "rating": rating,
    }


@pytest.mark.parametrize(
    ("case", "received", "due", "ext", "answer", "closed", "status", "outcome", "expected"),
    LIFECYCLES,
    ids=[c[0] for c in LIFECYCLES],
)
def test_each_lifecycle_has_one_state(
    empty_store: Store, case, received, due, ext, answer, closed, status, outcome, expected
):
    _insert(empty_store, [_row(1, received, due, ext, answer, closed, status, outcome)])
    source, params = d.facts(as_of=T)
    assert empty_store.scalar(f"select f.state from {source}", params) == expected


def test_the_states_partition_the_appeals(empty_store: Store):
    _insert(empty_store, [_row(i, *c[1:8]) for i, c in enumerate(LIFECYCLES)])
    source, params = d.facts(as_of=T)
    row = empty_store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", params).iloc[0]
    counts = d.Counts.from_row(row.to_dict())
    assert sum(getattr(counts, s) for s in d.STATES) == counts.received == len(LIFECYCLES)
    expected = pd.Series([c[-1] for c in LIFECYCLES]).value_counts()
    assert {s: getattr(counts, s) for s in d.STATES} == {s: int(expected.get(s, 0)) for s in d.STATES}


def test_an_appeal_received_after_the_moment_does_not_exist_yet(empty_store: Store):
    _insert(empty_store, [_row(1, "2026-11-09 08:00", DUE, None, None, None, "new", None)])
    source, params = d.facts(as_of=T)
    assert empty_store.scalar(f"select count(*) from {source}", params) == 0


def test_one_on_time_one_late_one_overdue_and_one_not_yet_due_is_a_third(empty_store: Store):
    """The example of the issue: silence must not count as punctuality."""
    _insert(
        empty_store,
        [
            _row(1, "2026-11-01 10:00", DUE, None, "2026-11-03 10:00", None, "answered", "solved"),
            _row(2, "2026-11-01 10:00", DUE, None, "2026-11-07 10:00", None, "answered", "solved"),
            _row(3, "2026-11-01 10:00", DUE, None, None, None, "in_progress", None),
            _row(4, "2026-11-07 10:00", "2026-11-20 23:59:59", None, None, None, "registered", None),
        ],
    )
    source, params = d.facts(as_of=T)
    counts = d.Counts.from_row(
        empty_store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", params).iloc[0].to_dict()
    )
    assert (counts.on_time, counts.late, counts.open_past_due, counts.not_yet_due) == (1, 1, 1, 1)
    assert counts.on_time_share == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("outcomes", "solved", "formal", "substantive", "with_outcome"),
    [
        (["solved", "explained", "refused", "formal", "redirected", None], 1, 1, 3, 5),
        ([None, None], 0, 0, 0, 0),
    ],
)
def test_outcome_shares_rest_on_answers_with_an_outcome(
    empty_store: Store, outcomes, solved, formal, substantive, with_outcome
):
    _insert(
        empty_store,
        [
            _row(i, "2026-11-01 10:00", DUE, None, "2026-11-02 10:00", None, "answered", o)
            for i, o in enumerate(outcomes)
        ],
    )
    source, params = d.facts(as_of=T)
    counts = d.Counts.from_row(
        empty_store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", params).iloc[0].to_dict()
    )
    assert (counts.solved, counts.formal, counts.substantive, counts.with_outcome) == (
        solved,
        formal,
        substantive,
        with_outcome,
    )
    assert counts.solved_share == (None if with_outcome == 0 else pytest.approx(solved / with_outcome))


def test_accelerated_resolution_judges_only_appeals_whose_30_days_are_over(empty_store: Store):
    _insert(
        empty_store,
        [
            _row(
                1, "2026-09-01 10:00", None, None, "2026-09-20 10:00", None, "answered", "solved"
            ),  # solved in 19 days
            _row(2, "2026-09-01 10:00", None, None, "2026-10-15 10:00", None, "answered", "solved"),  # solved, too late
            _row(3, "2026-09-01 10:00", None, None, None, None, "in_progress", None),  # 30 days over, unsolved
            _row(4, "2026-11-01 10:00", None, None, "2026-11-03 10:00", None, "answered", "solved"),  # early: counts
            _row(5, "2026-11-01 10:00", None, None, None, None, "in_progress", None),  # too early to judge
            _row(6, "2026-09-01 10:00", None, None, "2026-09-05 10:00", None, "answered", "solved", theme="economy"),
        ],
    )
    source, params = d.facts(as_of=T)
    counts = d.Counts.from_row(
        empty_store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", params).iloc[0].to_dict()
    )
    assert (counts.accelerated_solved, counts.accelerated_base) == (2, 4)


@pytest.mark.parametrize(("part", "whole", "expected"), [(1, 4, 0.25), (0, 0, None), (3, 0, None)])
def test_share_of_scalars(part, whole, expected):
    assert d.share(part, whole) == expected


def test_share_of_columns_leaves_an_empty_base_undefined():
    got = d.share(pd.Series([1, 0, 2]), pd.Series([2, 0, 4]))
    assert got.iloc[0] == 0.5 and pd.isna(got.iloc[1]) and got.iloc[2] == 0.5


@pytest.mark.parametrize(("count", "population", "expected"), [(18, 1821, 9.8847), (3, 0, None)])
def test_per_thousand(count, population, expected):
    got = d.per_thousand(count, population)
    assert (got is None) if expected is None else got == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(("current", "previous", "expected"), [(120, 100, 0.2), (50, 100, -0.5), (5, 0, None)])
def test_change(current, previous, expected):
    got = d.change(current, previous)
    assert got == (None if expected is None else pytest.approx(expected))


def test_every_definition_has_words():
    assert len({x.code for x in d.DEFINITIONS}) == len(d.DEFINITIONS)
    for item in d.DEFINITIONS:
        assert item.title and len(item.formula) > 20, item.code


# (source outcome, the check flagged the answer's text, the officer's decision, the outcome the figures count)
JUDGED = [
    ("solved", True, None, "formal"),  # flagged, nobody decided: formal, whatever the source says
    ("explained", True, "rejected", "explained"),  # the officer rejected the flag: the source's outcome stands
    ("formal", True, "rejected", "formal"),  # … and the source's own «отписка» is not undone by it
    ("solved", False, "confirmed", "formal"),  # the officer confirmed what the check let pass
    ("solved", True, "confirmed", "formal"),
    ("refused", False, None, "refused"),
    ("solved", None, None, "solved"),  # no answer text, nothing checked
    (None, True, None, "formal"),  # no outcome in the export, an отписка by its text: it has one now
    (None, None, "rejected", None),
]


@pytest.mark.parametrize(("outcome", "flagged", "decision", "expected"), JUDGED)
def test_the_judged_outcome(empty_store: Store, outcome, flagged, decision, expected):
    _insert(empty_store, [_row(1, "2026-11-01 10:00", DUE, None, "2026-11-02 10:00", None, "answered", outcome)])
    with empty_store.transaction() as tx:
        tx.execute("update appeal set answer_formal = ?", [flagged])
        if decision:
            tx.execute(
                "insert into answer_decision (appeal_id, verdict, login, decided_at) "
                "select appeal_id, ?, 'officer', now() from appeal",
                [decision],
            )
    source, params = d.facts(as_of=T)
    assert empty_store.scalar(f"select f.outcome_judged from {source}", params) == expected
    counts = d.Counts.from_row(
        empty_store.query(f"select {d.select(*d.COUNT_NAMES)} from {source}", params).iloc[0].to_dict()
    )
    assert counts.formal == (expected == "formal")
    assert counts.with_outcome == (expected is not None)
    assert counts.substantive == (expected in ("solved", "explained", "refused"))
