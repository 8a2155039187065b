"""Measures: validation in Russian, full history, and a stale edit refused without losing either edit."""

from datetime import date

import pytest

from mcu_data.roadmaps import measures
from mcu_data.store import Store


def measure(**kw) -> measures.Measure:
    base = dict(
        title="Замена насоса водокачки",
        theme_codes=["housing"],
        settlement_oktmos=["36612420"],
        official="Зам. Главы по ЖКХ и транспорту",
        start_date=date(2026, 6, 1),
        deadline=date(2026, 8, 1),
    )
    return measures.Measure(**(base | kw))


def test_create_edit_and_history(empty_store: Store):
    mid = measures.create(empty_store, measure(), by="куратор")
    v = measures.get(empty_store, mid)["row_version"]
    v2 = measures.update(empty_store, mid, v, measure(status="in_progress", progress=40), by="руководитель блока")
    assert v2 == v + 1
    v3 = measures.update(empty_store, mid, v2, measure(status="done", done_date=date(2026, 7, 25)), by="куратор")
    row = measures.get(empty_store, mid)
    assert (row["status"], row["progress"], row["row_version"]) == ("done", 100, v3)
    hist = measures.history(empty_store, mid)
    assert {"status", "progress", "done_date"} <= set(hist["field"])
    assert hist.loc[hist["field"] == "status", "new_value"].tolist() == ["in_progress", "done"]
    assert set(hist["changed_by"]) == {"куратор", "руководитель блока"}


def test_stale_edit_is_refused_and_nothing_is_lost(empty_store: Store):
    mid = measures.create(empty_store, measure(), by="куратор")
    opened = measures.get(empty_store, mid)["row_version"]  # two people open the same form
    measures.update(empty_store, mid, opened, measure(progress=30, status="in_progress"), by="первый")
    with pytest.raises(measures.StaleEditError) as err:
        measures.update(empty_store, mid, opened, measure(title="Другое название"), by="второй")
    assert "первый" in str(err.value) and err.value.current["progress"] == 30
    row = measures.get(empty_store, mid)
    assert (row["title"], row["progress"]) == ("Замена насоса водокачки", 30)  # the first edit stays whole


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"title": " "}, "название"),
        ({"theme_codes": []}, "тему"),
        ({"deadline": date(2026, 5, 1)}, "раньше начала"),
        ({"status": "done"}, "дата завершения"),
        ({"progress": 150}, "от 0 до 100"),
        ({"theme_codes": ["x"]}, "Неизвестная тема"),
        ({"settlement_oktmos": ["1"]}, "Неизвестное поселение"),
        ({"official": ""}, "должностное лицо"),
    ],
)
def test_validation_messages(empty_store: Store, kw, message):
    with pytest.raises(measures.MeasureError, match=message):
        measures.create(empty_store, measure(**kw), by="куратор")


def test_overdue_is_derived(empty_store: Store):
    measures.create(empty_store, measure(deadline=date(2026, 7, 1)), by="к")
    measures.create(empty_store, measure(status="done", done_date=date(2026, 6, 20), deadline=date(2026, 7, 1)), by="к")
    states = measures.all_measures(empty_store, date(2026, 11, 26))["state"].tolist()
    assert states == ["overdue", "done"]
