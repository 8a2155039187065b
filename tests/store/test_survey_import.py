"""Survey import: a cp1251 CSV with «;» and an xlsx with a title above its header, written here by hand; a bad row is
rejected with its reason, a broken file changes nothing, a second load adds nothing, undo removes the answers."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from mcu_data import access
from mcu_data.analytics import satisfaction as sat
from mcu_data.core.filters import Filters
from mcu_data.ingest import surveys
from mcu_data.ingest.batches import undo
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store

MB = 1_048_576
PETROVKA, GVARDEYTSY = "36612436", "36612412"
WASTE = "Удовлетворены ли вы вывозом мусора?"
IMPROVE = "Что нужно улучшить?"
CSV_TEXT = """Дата опроса;Населённый пункт;Группа респондентов;Тема;Вопрос;Ответ
10.11.2026;с. Петровка;Пенсионеры;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;Да
10.11.2026;с. Петровка;Пенсионеры;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;Да
11.11.2026;с. Петровка;Работающие;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;Скорее нет
11.11.2026;Петровка;Работающие;ТКО;Удовлетворены ли вы вывозом мусора?;Затрудняюсь ответить
12.11.2026;с. Гвардейцы;Работающие;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;нет
12.11.2026;с. Гвардейцы;Пенсионеры;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;Скорее да
12.11.2026;Гвардейцы;Пенсионеры;Благоустройство;Удовлетворены ли вы вывозом мусора?;Полностью не удовлетворён
31.02.2026;с. Гвардейцы;Пенсионеры;Обращение с ТКО;Удовлетворены ли вы вывозом мусора?;Да
12.11.2026;с. Гвардейцы;Пенсионеры;;Что нужно улучшить?;
13.11.2026;Борский район;Молодёжь;;Что нужно улучшить?;Позвоните мне: 8 927 611-22-33, Иванов Пётр
13.11.2026;с. Петровка;;;Что нужно улучшить?;Освещение на улице Садовой
Итого ответов: 11;;;;;
"""
# by hand: Petrovka — Да, Да, Скорее нет, Затрудняюсь: 2 positive of 4 (50 %); Гвардейцы — нет, Скорее да,
# Полностью не удовлетворён: 1 of 3; the district 3 of 7; the 31.02 row and the row without an answer are rejected,
# the «Итого» line under the table is skipped; «Благоустройство» is no theme of the references


def _csv() -> bytes:
    return CSV_TEXT.replace("\n", "\r\n").encode("cp1251")


def _xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Результаты анкетирования жителей, ноябрь 2026 года"])
    ws.append([])
    ws.append(["Номер анкеты", "Дата анкетирования", "Поселение", "Категория респондента", "Вопрос анкеты",
               "Ответ респондента"])  # fmt: skip
    ws.append(["А-1", datetime(2026, 11, 20), "Усманка", "Предприниматели", "Оцените работу администрации", 5])
    ws.append(["А-2", datetime(2026, 11, 20), "Усманка", "Предприниматели", "Оцените работу администрации", 2])
    ws.append(["А-3", datetime(2026, 11, 21), "Усманка", "Пенсионеры", "Оцените работу администрации", 4])
    ws.append(["А-4", datetime(2026, 11, 21), "Усманка", "Пенсионеры", None, "Да"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _snapshot(store: Store) -> tuple:
    return tuple(
        store.scalar(f"select count(*) from {t}")
        for t in ("survey_answer", "import_batch", "rejected_row", "audit_log")
    )


def test_a_cp1251_csv_keeps_every_good_row_and_rejects_the_bad_with_a_reason(empty_store: Store):
    report = surveys.import_source(empty_store, _csv(), "опрос_ноябрь.csv", 50 * MB)
    assert report.encoding == "cp1251"
    assert (report.rows_read, report.rows_new, report.rows_rejected, report.rows_skipped) == (12, 9, 2, 1)
    assert report.adds_up
    rejected = empty_store.query(
        "select row_number, reason_ru, reason_code from rejected_row where batch_id = ? order by row_number",
        [report.batch_id],
    )
    assert list(rejected["row_number"]) == [9, 10]  # the file's lines under the header line 1
    assert list(rejected["reason_ru"]) == ["Неверная дата опроса: «31.02.2026»", "Нет ответа"]
    batch = empty_store.query("select source_code, status, rows_read, rows_rejected from import_batch").iloc[0]
    assert (batch["source_code"], batch["status"], batch["rows_read"], batch["rows_rejected"]) == (
        "survey",
        "done",
        12,
        2,
    )
    rows = empty_store.query("select * from survey_answer order by answer_id")
    assert list(rows["settlement_oktmo"].fillna("-")) == [PETROVKA] * 4 + [GVARDEYTSY] * 3 + ["-", PETROVKA]
    assert list(rows["polarity"]) == [
        "positive", "positive", "negative", "neutral", "negative", "positive", "negative", "other", "other",
    ]  # fmt: skip
    assert list(rows["theme_code"].fillna("-")) == ["waste"] * 6 + ["-", "-", "-"]
    assert rows["respondent_group"].iloc[-1] == "не указана"
    own = rows["answer"].iloc[7]  # a resident's own words are masked: no phone, no name
    assert "611-22-33" not in own and "Иванов" not in own and "[телефон]" in own
    assert any("«Борский район»" in w for w in report.warnings)
    assert any("«Благоустройство»" in w for w in report.warnings)


def test_the_positive_share_per_question_and_settlement(empty_store: Store):
    surveys.import_source(empty_store, _csv(), "опрос_ноябрь.csv", 50 * MB)
    shares = sat.survey_answers(empty_store, Filters(date(2026, 11, 1), date(2026, 11, 30))).set_index(
        ["question", "settlement"]
    )
    assert shares.loc[(WASTE, PETROVKA), "positive_share"] == pytest.approx(2 / 4)
    assert shares.loc[(WASTE, GVARDEYTSY), "positive_share"] == pytest.approx(1 / 3)
    assert shares.loc[(WASTE, "all"), "positive_share"] == pytest.approx(3 / 7)
    assert shares.loc[(IMPROVE, "all"), "other"] == 2 and pd_isna(shares.loc[(IMPROVE, "all"), "positive_share"])
    # the sidebar's settlement narrows the answers; a theme keeps only answers of that theme
    only = sat.survey_answers(empty_store, Filters(date(2026, 11, 1), date(2026, 11, 30), settlements=(GVARDEYTSY,)))
    assert set(only["settlement"]) == {GVARDEYTSY, "all"}
    assert only.set_index(["question", "settlement"]).loc[(WASTE, "all"), "answers"] == 3
    waste = sat.survey_answers(empty_store, Filters(date(2026, 11, 1), date(2026, 11, 30), themes=("waste",)))
    assert int(waste[waste["settlement"] == "all"]["answers"].sum()) == 6
    groups = sat.survey_groups(empty_store, Filters(date(2026, 11, 1), date(2026, 11, 30))).set_index(
        ["question", "respondent_group"]
    )
    # Пенсионеры: Да, Да, Скорее да, Полностью не удовлетворён — 3 of 4
    assert groups.loc[(WASTE, "Пенсионеры"), "positive_share"] == pytest.approx(3 / 4)


def pd_isna(value) -> bool:
    return value != value


def test_the_same_file_again_adds_nothing_and_undo_removes_the_answers(empty_store: Store):
    first = surveys.import_source(empty_store, _csv(), "опрос_ноябрь.csv", 50 * MB)
    again = surveys.import_source(empty_store, _csv(), "опрос_ноябрь.csv", 50 * MB)
    # the two identical «Да» of Petrovka are two answers, and both are known the second time
    assert (again.rows_new, again.rows_unchanged) == (0, 9)
    assert empty_store.scalar("select count(*) from survey_answer") == 9
    result = undo(empty_store, first.batch_id)
    assert result.removed == 9
    assert empty_store.scalar("select count(*) from survey_answer") == 0
    assert empty_store.scalar("select status from import_batch where batch_id = ?", [first.batch_id]) == "undone"


def test_an_xlsx_with_a_title_and_other_column_names(empty_store: Store):
    report = surveys.import_source(empty_store, _xlsx(), "анкеты.xlsx", 50 * MB)
    assert report.header_row == 3
    assert (report.rows_new, report.rows_rejected) == (3, 1)
    assert empty_store.scalar("select reason_ru from rejected_row") == "Нет текста вопроса"
    rows = empty_store.query("select answered_on, answer, polarity, settlement_oktmo, respondent_id from survey_answer")
    assert list(rows["answer"]) == ["5", "2", "4"] and list(rows["polarity"]) == ["positive", "negative", "positive"]
    assert set(rows["settlement_oktmo"]) == {"36612452"} and list(rows["respondent_id"]) == ["А-1", "А-2", "А-3"]
    assert list(rows["answered_on"].dt.date) == [date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 21)]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (lambda: _xlsx()[:900], "повреж"),
        (lambda: "Дата опроса;Населённый пункт;Ответ\n10.11.2026;Петровка;Да\n".encode("cp1251"), "Вопрос"),
        (lambda: "Дата опроса;Вопрос;Ответ\n".encode("cp1251"), "нет ни одной строки"),
        (lambda: b"", "пуст"),
    ],
    ids=["truncated_xlsx", "no_question_column", "header_only", "empty"],
)
def test_a_broken_file_changes_nothing(empty_store: Store, data, says):
    surveys.import_source(empty_store, _csv(), "опрос_ноябрь.csv", 50 * MB)
    before = _snapshot(empty_store)
    with pytest.raises(ImportFileError, match=says):
        surveys.import_source(empty_store, data(), "плохой_файл.xlsx", 50 * MB)
    assert _snapshot(empty_store) == before


def test_only_the_curator_loads_a_survey(empty_store: Store):
    before = _snapshot(empty_store)
    with access.acting(access.User("pos", "Ответственный за ПОС", "channel_officer", channel="pos")):
        with pytest.raises(access.AccessDenied):
            surveys.import_source(empty_store, _csv(), "опрос.csv", 50 * MB)
    assert _snapshot(empty_store) == before


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Да", "positive"), ("скорее да", "positive"), ("Удовлетворена", "positive"), ("Полностью удовлетворён", "positive"),
        ("Улучшилось", "positive"), ("5", "positive"), ("4", "positive"), ("Нет", "negative"), ("Скорее нет.", "negative"),
        ("Не удовлетворён", "negative"), ("Совсем не довольны", "negative"), ("Ухудшилось", "negative"), ("1", "negative"),
        ("Затрудняюсь ответить", "neutral"), ("Не изменилось", "neutral"), ("3", "neutral"), ("Не знаю", "neutral"),
        ("Освещение", "other"), ("Да, но дорогу так и не сделали", "other"), ("10", "other"),
    ],
)  # fmt: skip
def test_the_sense_of_an_answer(answer, expected):
    import pandas as pd

    assert surveys.polarity(pd.Series([answer])).iloc[0] == expected
