"""Answers through the real import: masked and checked, kept across undo, decided by an officer, and counted.

Every expected value below is written by hand from the rows of the file; the comments say why.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mcu_data import access
from mcu_data.analytics import compliance
from mcu_data.core.filters import Filters
from mcu_data.ingest import answer_review
from mcu_data.ingest.batches import undo
from mcu_data.ingest.loader import import_bytes
from mcu_data.store import Store
from tests.files import xlsx_bytes

HEADER = [
    "Номер сообщения",
    "Дата и время подачи",
    "Категория",
    "Подкатегория",
    "Текст сообщения",
    "Адрес",
    "Ответственный",
    "Статус",
    "Срок ответа",
    "Дата ответа",
    "Результат",
    "Текст ответа",
]
Q_PIT = "На ул. Мира в Петровке у д. 12 глубокая яма на дороге, прошу заделать."
Q_LAMPS = "На ул. Советской в Петровке не горят фонари вторую неделю."
Q_ROAD = "Когда отремонтируют дорогу на ул. Садовой в Петровке?"
Q_BINS = "В Петровке на ул. Школьной переполнены мусорные контейнеры, не вывозят неделю."
# a dated repair, the photo, the head of the settlement named with his post; the resident addressed by name
A_PIT = (
    "Уважаемая Иванова Мария Петровна! Яма на ул. Мира, 12 заделана 14.11.2026 по поручению главы сельского "
    "поселения Петровка Морозова И. П., фото во вложении."
)
A_PIT_MASKED = (
    "Уважаемая [ФИО]! Яма на ул. Мира, 12 заделана 14.11.2026 по поручению главы сельского "
    "поселения Петровка Морозова И. П., фото во вложении."
)
# «в ближайшее время» is no date; the hotline sentence is a stock line every answer of this recipient carries
A_LAMPS = (
    "Ваше обращение рассмотрено. Работы на ул. Советской будут выполнены в ближайшее время. Горячая линия "
    "администрации работает по тел. 2-12-34."
)
A_LAMPS_MASKED = A_LAMPS  # the administration hotline is an office's phone, not a person's: the import keeps it
A_ROAD = "Ремонт дороги на ул. Садовой будет выполнен в ближайшее время."
A_BINS = "Контейнеры на ул. Школьной вывезены 13.11.2026, график вывоза — по средам."


def pos_row(
    number: str, question: str, result: str, answer: str, received: datetime = datetime(2026, 11, 10, 9, 0)
) -> list[object]:
    return [
        number,
        received,
        "ЖКХ",
        "Благоустройство",
        question,
        "Самарская обл., Борский р-н, с. Петровка",
        "Администрация сп Петровка",
        "Ответ дан",
        received + timedelta(days=14, hours=-9),  # 24.11 for the default
        received + timedelta(days=6, hours=3),  # 16.11 12:00
        result,
        answer,
    ]


def book(*rows: list[object]) -> bytes:
    return xlsx_bytes([HEADER, *rows])


FIRST = book(
    pos_row("7001", Q_PIT, "Решено", A_PIT),
    pos_row("7002", Q_LAMPS, "Решено", A_LAMPS),
    pos_row("7003", Q_ROAD, "Разъяснено", A_ROAD),
    pos_row("7004", Q_BINS, "Ответ не по существу", A_BINS),
    pos_row("7005", Q_BINS, "Решено", ""),
)
WEEK = Filters(date(2026, 11, 9), date(2026, 11, 15))
AS_OF = datetime(2026, 11, 30)


def stored(store: Store) -> dict[str, tuple]:
    rows = store.rows(
        "select source_id, answer_masked, answer_formal, answer_reasons from appeal where source_code = 'pos' "
        "order by source_id"
    )
    return {r[0]: r[1:] for r in rows}


def completeness(store: Store) -> tuple[int, int, int]:
    """(substantive, formal, with outcome) of the settlement's recipient — the rating's «по существу» inputs."""
    table = compliance.per_recipient(store, WEEK, AS_OF).set_index("recipient_code")
    row = table.loc["sp_petrovka"]
    return int(row["substantive"]), int(row["formal"]), int(row["with_outcome"])


def test_pos_profile_maps_the_answer_column_under_its_export_names(empty_store: Store):
    from mcu_data.ingest.profiles import PROFILES

    for name in ("Ответ", "Текст ответа", "Ответ на сообщение", "Содержание ответа"):
        header = ["Номер сообщения", "Дата и время подачи", "Текст сообщения", name]
        assert PROFILES["pos"].match(header).get("answer_text") == name


def test_import_masks_the_answer_keeps_the_official_and_stores_the_verdict(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    got = stored(empty_store)
    assert got["7001"] == (A_PIT_MASKED, False, "")  # the resident's name masked, the head's kept; dated: not formal
    assert got["7002"] == (A_LAMPS_MASKED, True, "promise_without_date")
    assert got["7003"] == (A_ROAD, True, "promise_without_date")
    assert got["7004"] == (A_BINS, False, "")  # substantive text; the source's own «не по существу» still counts
    assert got["7005"] == (None, None, None)  # no answer text: nothing to check


def test_flagged_answers_count_as_formal_whatever_the_source_says(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    # by the source alone: substantive 7001, 7002, 7003, 7005 = 4; formal 7004 = 1; with outcome 5.
    # by the text, 7002 («Решено») and 7003 («Разъяснено») are probable отписки: substantive 2, formal 3
    assert completeness(empty_store) == (2, 3, 5)


def test_undo_restores_the_earlier_answer_and_verdict(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    before = stored(empty_store)
    # the recipient rewrote the road answer with a date: the row changes and its verdict with it
    better = "Ремонт дороги на ул. Садовой выполнит ООО «Дорсервис» до 30.11.2026."
    later = import_bytes(empty_store, book(pos_row("7003", Q_ROAD, "Разъяснено", better)), "pos2.xlsx")
    assert (later.rows_new, later.rows_updated) == (0, 1)
    assert stored(empty_store)["7003"] == (better, False, "")
    previous = empty_store.rows("select answer_masked, answer_formal from appeal_previous")
    assert previous == [(A_ROAD, True)]
    undo(empty_store, later.batch_id)
    assert stored(empty_store) == before


def test_the_same_file_again_is_unchanged(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    again = import_bytes(empty_store, FIRST, "pos.xlsx")
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 5)


def _ids(store: Store) -> dict[str, int]:
    return dict(store.rows("select source_id, appeal_id from appeal where source_code = 'pos'"))


def test_rejecting_a_flag_raises_completeness_by_one_answer(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    ids = _ids(empty_store)
    queue = answer_review.queue(empty_store)
    assert sorted(queue["appeal_id"]) == sorted([ids["7002"], ids["7003"]])
    answer_review.decide(empty_store, ids["7003"], "rejected", "срок назван в графике работ")
    # 7003 is the source's «Разъяснено» again: substantive 2 → 3 of 5, i.e. 40 % → 60 %
    assert completeness(empty_store) == (3, 2, 5)
    answer_review.decide(empty_store, ids["7002"], "confirmed")
    assert completeness(empty_store) == (3, 2, 5)  # confirmed what was counted already
    assert answer_review.queue(empty_store).empty
    decided = empty_store.rows("select appeal_id, verdict, login, comment from answer_decision order by appeal_id")
    assert decided == [
        (ids["7002"], "confirmed", "system", ""),
        (ids["7003"], "rejected", "system", "срок назван в графике работ"),
    ]
    actions = empty_store.rows("select object from audit_log where action = 'answer_decision' order by happened_at")
    assert actions == [(f"обращение №{ids['7003']}",), (f"обращение №{ids['7002']}",)]


def test_confirming_a_source_substantive_answer_makes_it_formal(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    ids = _ids(empty_store)
    # an officer may confirm an answer the check let pass: 7001 («Решено») then counts as formal
    answer_review.decide(empty_store, ids["7001"], "confirmed")
    assert completeness(empty_store) == (1, 4, 5)


def test_decisions_teach_the_next_import(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    ids = _ids(empty_store)
    lamps_done = "Фонари на ул. Советской заменены. Горячая линия администрации работает по тел. 2-12-34."
    pit_promise = "Ремонт дороги на ул. Садовой будет выполнен в ближайшее время."
    # before any decision: the phone number passes for evidence, the vague promise is flagged
    import_bytes(
        empty_store,
        book(
            pos_row("7101", Q_LAMPS, "Решено", lamps_done),
            pos_row("7102", "Прошу засыпать ямы на ул. Садовой в Петровке.", "Решено", pit_promise),
        ),
        "probe.xlsx",
    )
    assert stored(empty_store)["7101"][1:] == (False, "")
    assert stored(empty_store)["7102"][1:] == (True, "promise_without_date")
    answer_review.decide(empty_store, ids["7002"], "confirmed")  # its hotline sentence is a stock line
    answer_review.decide(empty_store, ids["7003"], "rejected")  # its road sentence is an acceptable answer
    # stored answers repeating a taught sentence are checked again at once: the hotline no longer proves the
    # replacement, and the road promise is accepted as the officer accepted it
    assert stored(empty_store)["7101"][1:] == (True, "no_answer_to_question|no_evidence")
    assert stored(empty_store)["7102"][1:] == (False, "")
    # and a new file is read with what was taught
    import_bytes(empty_store, book(pos_row("7201", Q_LAMPS, "Решено", lamps_done)), "next.xlsx")
    assert stored(empty_store)["7201"][1:] == (True, "no_answer_to_question|no_evidence")


def test_a_decision_needs_an_answer_a_known_verdict_and_the_right(empty_store: Store):
    import_bytes(empty_store, FIRST, "pos.xlsx")
    ids = _ids(empty_store)
    with pytest.raises(answer_review.AnswerReviewError, match="нет текста ответа"):
        answer_review.decide(empty_store, ids["7005"], "confirmed")
    with pytest.raises(answer_review.AnswerReviewError, match="Неизвестное решение"):
        answer_review.decide(empty_store, ids["7002"], "maybe")
    observer = access.User("screen", "Экран", "observer")
    with access.acting(observer), pytest.raises(access.AccessDenied):
        answer_review.decide(empty_store, ids["7002"], "rejected")
    assert empty_store.scalar("select count(*) from answer_decision") == 0


def test_the_sample_answers_are_checked_as_the_check_reads_their_stored_text(store: Store):
    from mcu_data.signals import answers

    rows = store.query(
        "select text_masked, answer_masked, answer_formal, answer_reasons, outcome_code from appeal "
        "where source_code = 'pos' and answer_masked is not null"
    )
    # about nine in ten of the 3 011 sample messages are answered with a text (mcu_data/sample/answers.py)
    assert 2000 < len(rows) < 3011
    verdicts = answers.check_many(rows["text_masked"].fillna("").tolist(), rows["answer_masked"].tolist())
    assert [v.formal for v in verdicts] == rows["answer_formal"].tolist()
    assert ["|".join(v.reasons) for v in verdicts] == rows["answer_reasons"].tolist()
    flagged = rows.groupby("outcome_code")["answer_formal"].mean()
    # the generator writes an отписка for 85 % of formal outcomes, and for 2 % of the others plus 0,4 × the
    # recipient's injected formal share (at most 2 + 13 = 15 %)
    assert flagged["formal"] > 0.7
    assert flagged[["solved", "explained", "refused"]].max() < 0.12
    assert not rows["answer_masked"].str.contains("Анна Сергеевна|Виктор Петрович|Мария Ивановна").any()
