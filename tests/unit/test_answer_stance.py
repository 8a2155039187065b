"""What an answer asserts, and when a later answer contradicts an earlier one: answers written for this test
(not taken from the evaluation sets), read by hand by the rules of tests/data/signals/README.md."""

from __future__ import annotations

from datetime import date

import pytest

from mcu_data.signals import answer_stance as st

# (answer, done, planned, refused, «в норме», explains, the latest date it names)
READINGS = [
    ("Светофор у школы на ул. Ленина отремонтирован 03.11.2026.", True, False, False, False, False, date(2026, 11, 3)),
    ("Замена труб на ул. Мира будет выполнена до 15 декабря 2026 года.", False, True, False, False, False,
     date(2026, 12, 15)),
    ("Ремонт моста включён в план на летний период 2027 года.", False, True, False, False, False, date(2027, 8, 31)),
    ("Аварийные работы на водопроводе ведутся.", False, True, False, False, False, None),
    ("Устройство тротуара планом на 2026 год не предусмотрено.", False, False, True, False, False, date(2026, 12, 31)),
    ("Дорога к карьеру не относится к полномочиям сельского поселения.", False, False, True, False, False, None),
    ("Проба воды соответствует требованиям СанПиН, нарушений не выявлено.", False, False, False, True, False, None),
    # a stock phrase and a vague redirect assert nothing of the case
    ("Уважаемый заявитель! Обращение направлено ответственным лицам для принятия мер.", False, False, False, False,
     False, None),
    # a new breakdown after the repair explains why the work is promised again
    ("После ремонта 20.10 образовался новый порыв, ремонт будет выполнен до 05.11.2026.", False, True, False, False,
     True, date(2026, 11, 5)),
    # the date moved, and the answer says why
    ("Срок замены котла перенесён на 20.12.2026 в связи с задержкой поставки.", False, True, False, False, True,
     date(2026, 12, 20)),
]  # fmt: skip


@pytest.mark.parametrize("case", READINGS, ids=[c[0][:40] for c in READINGS])
def test_the_stance_of_an_answer(case):
    text, done, planned, refused, norm, explains, due = case
    assert st.read(text, 2026) == st.Stance(done, planned, refused, norm, explains, due)


@pytest.mark.parametrize(
    "text, due",
    [
        ("Работы будут выполнены в феврале 2028 года.", date(2028, 2, 29)),  # a leap year
        ("Работы будут выполнены в феврале 2027 года.", date(2027, 2, 28)),
        ("Замена опор запланирована на зиму 2027 года.", date(2028, 2, 29)),  # the winter ends in February 2028
        ("Замена опор запланирована на зиму 2026 года.", date(2027, 2, 28)),
    ],
)
def test_a_month_or_a_winter_ends_on_its_last_day(text, due):
    assert st.read(text).due == due


def test_a_date_without_a_year_takes_the_answers_year():
    assert st.read("Контейнер установим до 20.11.", 2026).due == date(2026, 11, 20)
    assert st.read("Контейнер установим до 20.11.").due is None  # no year to complete it with: no date


# (earlier answer, later answer, the kind of contradiction or None)
PAIRS = [
    ("Светофор у школы отремонтирован 03.11.2026.", "Ремонт светофора у школы запланирован на весну 2027 года.",
     "done_then_not_done"),
    ("Замена труб будет выполнена до 15.12.2026.", "Замена труб на ул. Мира в 2026 году не планируется.",
     "promise_then_denied"),
    ("Дорога к карьеру не относится к полномочиям поселения.", "Дорога к карьеру будет отсыпана до 30.11.2026.",
     "refused_then_promised"),
    ("Проба воды соответствует требованиям СанПиН.", "Фильтр на водозаборе будет заменён до 25.11.2026.",
     "norm_then_fix"),
    ("Замена труб будет выполнена до 15.11.2026.", "Замена труб будет выполнена до 15.12.2026.", "date_moved"),
    # consistent: promised, then done; the same promise twice; a reason for the later date; a new breakdown
    ("Замена труб будет выполнена до 15.11.2026.", "Трубы заменены 14.11.2026.", None),
    ("Замена труб будет выполнена до 15.11.2026.", "Замена труб будет выполнена до 15.11.2026.", None),
    ("Замена труб будет выполнена до 15.11.2026.",
     "Срок замены труб перенесён на 15.12.2026 из-за морозов.", None),
    ("Порыв на ул. Мира устранён 02.11.2026.", "Произошёл новый порыв на ул. Мира, ремонт — до 10.11.2026.", None),
    # the rest of the work after its first part
    ("Отремонтирован участок дороги до д. 20.", "Ремонт оставшегося участка будет выполнен в мае 2027 года.", None),
]  # fmt: skip


@pytest.mark.parametrize("case", PAIRS, ids=[f"{c[2]}-{i}" for i, c in enumerate(PAIRS)])
def test_contradiction_of_two_answers(case):
    earlier, later, kind = case
    assert st.contradiction(st.read(earlier, 2026), st.read(later, 2026)) == kind


def test_the_stores_table_is_the_rule_itself():
    """Every pair of stance codes the store may meet: the table holds a row exactly where the rule says so."""
    table = {(a, b, later): kind for a, b, later, kind in st.table()}
    for a in range(32):
        for b in range(32):
            for later in (False, True):
                due_a = date(2026, 11, 1)
                due_b = date(2026, 12, 1) if later else date(2026, 11, 1)
                kind = st.contradiction(st.from_code(a, due_a), st.from_code(b, due_b))
                assert table.get((a, b, later)) == kind
    assert st.from_code(st.Stance(True, True, False, True, True).code) == st.Stance(True, True, False, True, True)
