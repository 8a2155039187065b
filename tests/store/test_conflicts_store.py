"""«Конфликтные ситуации» in the store: a small hand-made set of appeals, and the signals the page must list,
worked out by hand from the rules in mcu_data/signals/conflicts.py."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mcu_data import access
from mcu_data.core.filters import Filters
from mcu_data.signals import conflicts
from mcu_data.store import Store

PETROVKA, USMANKA = "36612436", "36612452"
HOLES, WINTER, LIGHTS = "Ямы и ремонт дорог", "Зимнее содержание дорог", "Уличное освещение"
# (id, received, answered, outcome, settlement, theme, subtheme, is_repeat, is_collective, text)
APPEALS = [
    ("P1", "2026-10-01", "2026-10-05", "formal", PETROVKA, "roads", HOLES, False, False, "Яма на ул. Мира у дома 5."),
    (
        "P2",
        "2026-10-20",
        "2026-10-22",
        "solved",
        PETROVKA,
        "energy",
        LIGHTS,
        False,
        False,
        "Не горит фонарь на ул. Почтовой.",
    ),
    ("P3", "2026-06-01", "2026-06-03", "formal", PETROVKA, "roads", WINTER, False, False, "Не чистят дорогу."),
    # the source marks it a repeat: the latest earlier appeal of the place, theme and subtheme answered formally is P1
    ("A1", "2026-11-10", None, None, PETROVKA, "roads", HOLES, True, False, "Яма на Мира не заделана."),
    # the writer says the «решено» of P2 is not so
    (
        "A2",
        "2026-11-12",
        None,
        None,
        PETROVKA,
        "energy",
        LIGHTS,
        False,
        False,
        "Фонарь на ул. Почтовой так и не горит, хотя ответили «решено».",
    ),
    # the same street as P2, but P2 was «решено» and nothing here denies it: a new failure, no signal
    (
        "A3",
        "2026-11-14",
        None,
        None,
        PETROVKA,
        "energy",
        LIGHTS,
        False,
        False,
        "На ул. Почтовой темно, фонарь не горит.",
    ),
    # not flagged a repeat, but names P1's street, and P1 was answered formally
    ("A4", "2026-11-15", None, None, PETROVKA, "roads", HOLES, False, False, "На ул. Мира опять яма."),
    # a repeat in another settlement, with nothing earlier there: no signal
    ("A5", "2026-11-16", None, None, USMANKA, "roads", HOLES, True, False, "Повторно: яма на Мира."),
    # a repeat whose only earlier appeal of its subtheme (P3) is more than 90 days old: no signal
    ("A8", "2026-11-18", None, None, PETROVKA, "roads", WINTER, True, False, "Дорога разбита."),
    (
        "A6",
        "2026-11-20",
        None,
        None,
        PETROVKA,
        "housing",
        None,
        False,
        False,
        "Мы, жители дома 3, обращаемся: батареи холодные. Обратимся в прокуратуру.",
    ),
    # collective by the source's flag alone
    ("A7", "2026-11-25", None, None, PETROVKA, "health", None, False, True, "Нет фельдшера в ФАП."),
    # a repeat of P4, which was answered only after it came: no signal for either
    ("P4", "2026-11-01", "2026-11-25", "formal", PETROVKA, "social", None, False, False, "Прошу помочь с дровами."),
    ("A10", "2026-11-05", None, None, PETROVKA, "social", None, True, False, "Дрова так и не привезли."),
    # outside the period
    ("A9", "2026-09-01", None, None, PETROVKA, "roads", HOLES, False, False, "Мой комментарий про дорогу удалили!"),
]
PERIOD = Filters(date(2026, 11, 1), date(2026, 11, 30))
AS_OF = datetime(2026, 11, 30, 12, 0)


def _load(store: Store, appeals: list[tuple] = APPEALS) -> None:
    with store.transaction() as tx:
        for i, (sid, received, answered, outcome, oktmo, theme, sub, repeat, collective, text) in enumerate(appeals):
            tx.execute(
                "insert into appeal (source_code, source_id, channel_code, kind_code, received_at, first_answer_at, "
                "status_code, outcome_code, theme_code, subtheme, settlement_oktmo, recipient_code, author_type, "
                "is_collective, is_repeat, text_masked, batch_id, theme_provenance, theme_confidence, content_hash, "
                "updated_at) values ('pos', ?, 'gosuslugi', 'message', ?::timestamp + interval 12 hour, "
                "?::timestamp + interval 12 hour, ?, ?, ?, ?, ?, 'sp_petrovka', 'citizen', ?, ?, ?, 1, 'given', 1.0, ?, "
                "now())",
                [
                    sid, received, answered, "closed" if answered else "in_progress", outcome, theme, sub, oktmo,
                    collective, repeat, text, str(i),
                ],
            )  # fmt: skip
    conflicts.refresh_store(store)


@pytest.fixture(autouse=True, params=["searched", "counted_ahead"])
def links(request, monkeypatch) -> str:
    """Every test of the page's search runs twice: the page searching itself, and the page reading the links the
    server's job counted ahead (conflicts.refresh_links, counted just before each search). Both must list the same."""
    if request.param == "counted_ahead":
        search = conflicts.find

        def find_counted_ahead(store, *args, **kwargs):
            conflicts.refresh_links(store)
            assert conflicts.links_fresh(store)
            return search(store, *args, **kwargs)

        monkeypatch.setattr(conflicts, "find", find_counted_ahead)
    return request.param


@pytest.fixture
def loaded(empty_store: Store) -> Store:
    _load(empty_store)
    return empty_store


def test_the_page_lists_exactly_the_signals_worked_out_by_hand(loaded: Store):
    found, counts = conflicts.find(loaded, PERIOD, AS_OF)
    listed = {row.source_id: row.signals for row in found.itertuples()}
    assert listed == {
        "A1": ("repeat_after_formal",),
        "A2": ("repeat_after_formal",),
        "A4": ("repeat_after_formal",),
        "A6": ("escalation", "collective"),
        "A7": ("collective",),
    }
    assert counts == {
        "total": 5,
        "repeat_after_formal": 3,
        "escalation": 1,
        "ignored_or_deleted": 0,
        "collective": 2,
        "sharp_tone": 0,
        "contradiction": 0,  # no appeal here carries an answer text
    }
    earlier = {row.source_id: row.earlier_id for row in found.itertuples() if isinstance(row.earlier_id, str)}
    assert earlier == {"A1": "P1", "A2": "P2", "A4": "P1"}


# Which earlier appeal a repeat repeats, worked out by hand: the latest received of those of its place and theme
# (its subtheme or none), answered formally (or «решено», when the text says it is not) at or before the moment
# the repeat came, at most 90 days before it. All in Усманка, every time at 12:00.
LOOKUP = [
    ("Q1", "2026-09-20", "2026-09-22", "formal", USMANKA, "roads", HOLES, False, False, "Яма."),
    # answered at the very moment R1 came: it counts, and it is the latest that does
    ("Q3", "2026-10-10", "2026-11-10", "formal", USMANKA, "roads", HOLES, False, False, "Яма у моста."),
    # later, but «решено» and R1 does not deny it
    ("Q4", "2026-10-15", "2026-10-16", "solved", USMANKA, "roads", HOLES, False, False, "Яма у школы."),
    # later, but of another subtheme
    ("Q5", "2026-10-25", "2026-10-26", "formal", USMANKA, "roads", WINTER, False, False, "Не чистят."),
    # the latest received, but answered only after R1 came
    ("Q2", "2026-10-20", "2026-11-20", "formal", USMANKA, "roads", HOLES, False, False, "Опять яма."),
    ("R1", "2026-11-10", None, None, USMANKA, "roads", HOLES, True, False, "Ямы так и стоят."),
    # housing: H2 is the latest, of a subtheme; H1 has none
    ("H1", "2026-10-01", "2026-10-02", "formal", USMANKA, "housing", None, False, False, "Нет воды."),
    ("H2", "2026-10-05", "2026-10-30", "formal", USMANKA, "housing", "Отопление", False, False, "Холодно."),
    # no subtheme: any earlier one of the theme, so the latest, H2
    ("R2", "2026-11-03", None, None, USMANKA, "housing", None, True, False, "Повторно пишу."),
    # another subtheme: only those with none, so H1
    ("R3", "2026-11-04", None, None, USMANKA, "housing", "Водоснабжение", True, False, "Пишу снова."),
]


def test_a_repeat_repeats_the_latest_earlier_appeal_answered_before_it(empty_store: Store):
    _load(empty_store, LOOKUP)
    found, _ = conflicts.find(empty_store, PERIOD, AS_OF)
    earlier = {row.source_id: row.earlier_id for row in found.itertuples() if isinstance(row.earlier_id, str)}
    assert earlier == {"R1": "Q3", "R2": "H2", "R3": "H1"}
    at = {row.source_id: row.earlier_at for row in found.itertuples() if isinstance(row.earlier_id, str)}
    assert at["R1"] == datetime(2026, 10, 10, 12, 0)


def test_a_repeat_after_an_answer_the_check_judged_formal(empty_store: Store):
    """«Formal» is the judged outcome, as on every page: the source's «решено» whose text the answer-quality check
    flagged is a formal answer (unless an officer rejected the flag), so a repeat after it is a signal."""
    rows = [
        ("S1", "2026-10-20", "2026-10-22", "solved", USMANKA, "roads", HOLES, False, False, "Яма."),
        ("S2", "2026-10-21", "2026-10-23", "solved", USMANKA, "waste", None, False, False, "Мусор."),
        ("R1", "2026-11-10", None, None, USMANKA, "roads", HOLES, True, False, "Пишу снова."),
        ("R2", "2026-11-11", None, None, USMANKA, "waste", None, True, False, "Пишу снова."),
    ]
    _load(empty_store, rows)
    # neither repeat says the «решено» is not so: with the source's outcomes there is no signal
    assert conflicts.find(empty_store, PERIOD, AS_OF)[1]["repeat_after_formal"] == 0
    with empty_store.transaction() as tx:
        tx.execute("update appeal set answer_formal = true where source_id in ('S1', 'S2')")
        tx.execute(
            "insert into answer_decision (appeal_id, verdict, login, decided_at) "
            "select appeal_id, 'rejected', 'officer', now() from appeal where source_id = 'S2'"
        )
    found, counts = conflicts.find(empty_store, PERIOD, AS_OF)
    assert counts["repeat_after_formal"] == 1
    row = found.iloc[0]
    assert (row.source_id, row.earlier_id, row.earlier_outcome) == ("R1", "S1", "formal")
    behind = conflicts.appeals(empty_store, PERIOD, (int(row.earlier_appeal_ids[0]),))
    assert list(behind["outcome_code"]) == ["formal"]


def test_rank_is_severity_times_recency_times_size(loaded: Store):
    found, _ = conflicts.find(loaded, PERIOD, AS_OF)
    # ages to 30.11 12:00 are 10, 15, 18, 20 and 5 days; recency 0.5 ** (age / 14); a repeat has 2 appeals behind it,
    # size 1 + log2(2) = 2; severities: A6 3 + 2, a repeat 3, A7 2
    by_hand = {
        "A6": 5 * 0.5 ** (10 / 14) * 1,  # 3.04
        "A4": 3 * 0.5 ** (15 / 14) * 2,  # 2.85
        "A2": 3 * 0.5 ** (18 / 14) * 2,  # 2.46
        "A1": 3 * 0.5 ** (20 / 14) * 2,  # 2.23
        "A7": 2 * 0.5 ** (5 / 14) * 1,  # 1.56
    }
    assert list(found["source_id"]) == ["A6", "A4", "A2", "A1", "A7"]
    for row in found.itertuples():
        assert row.rank == pytest.approx(by_hand[row.source_id], rel=1e-9)


def test_a_settlement_head_sees_only_their_settlement(loaded: Store):
    head = access.User("h", "Глава Усманки", "settlement_head", oktmo=USMANKA)
    with access.acting(head):
        found, counts = conflicts.find(loaded, access.scope_filters(head, PERIOD), AS_OF)
        assert found.empty and counts["total"] == 0
        with pytest.raises(access.AccessDenied):
            conflicts.find(loaded, PERIOD, AS_OF)
    with access.acting(access.User("o", "Экран", "observer")), pytest.raises(access.AccessDenied):
        conflicts.find(loaded, PERIOD, AS_OF)


def test_the_appeals_behind_a_signal(loaded: Store):
    found, _ = conflicts.find(loaded, PERIOD, AS_OF)
    a1 = found[found["source_id"] == "A1"].iloc[0]
    ids = (int(a1["appeal_id"]), *[int(i) for i in a1["earlier_appeal_ids"]])
    behind = conflicts.appeals(loaded, PERIOD, ids)
    assert list(behind["source_id"]) == ["A1", "P1"]


def test_a_changed_text_is_read_again(loaded: Store):
    with loaded.transaction() as tx:
        tx.execute("update appeal set text_masked = 'Нет фельдшера. ВЫ ТАМ ВООБЩЕ РАБОТАЕТЕ' where source_id = 'A7'")
        conflicts.refresh(tx)
    found, _ = conflicts.find(loaded, PERIOD, AS_OF)
    assert found[found["source_id"] == "A7"].iloc[0]["signals"] == ("collective", "sharp_tone")
    assert loaded.scalar("select count(*) from appeal_text_signal") == len(APPEALS)


def test_the_sample_import_reads_every_text(store: Store):
    """The import fills the table: one row per appeal, no appeal left unread."""
    assert store.scalar("select count(*) from appeal_text_signal") == store.scalar("select count(*) from appeal")
    assert store.scalar("select count(*) from appeal a anti join appeal_text_signal s using (appeal_id)") == 0
