"""Official pages' import: a cp1251 CSV with «;» and Russian numbers, and an xlsx with a title above its header and
other column names, written here by hand; bad rows are rejected with their reasons, a row whose owner no reference
knows is kept, a second load adds nothing, undo removes the days and the pages left empty."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from mcu_data.ingest import official_pages as ofp
from mcu_data.ingest.batches import undo
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store

MB = 1_048_576
PETROVKA = "36612436"
CSV_TEXT = """Дата;Госпаблик;Ссылка;Соцсеть;Владелец;Публикации;Комментарии;Отвечено;Среднее время ответа, ч;Подписчики
01.11.2026;Администрация Борского района;https://vk.com/borskyraion;ВКонтакте;Администрация Борского района;3;10;8;2,5;1 200
02.11.2026;Администрация Борского района;https://vk.com/borskyraion/;ВК;Администрация Борского района;0;4;4;1,5;1 210
01.11.2026;Сельское поселение Петровка;https://ok.ru/petrovka;;с. Петровка;1;2;0;;350
02.11.2026;Сельское поселение Петровка;https://ok.ru/petrovka;;с. Петровка;abc;2;0;;351
03.11.2026;Клуб любителей;https://t.me/klub;Telegram;ЦРБ;2;5;6;;90
31.11.2026;Сельское поселение Петровка;https://ok.ru/petrovka;;с. Петровка;1;0;0;;352
01.11.2026;;;;;1;1;1;;10
03.11.2026;Больница;https://t.me/borcrb;Telegram;ЦРБ;1;0;0;;500
03.11.2026;Больница;https://t.me/borcrb;Telegram;ЦРБ;1;0;0;;500
04.11.2026;Молодёжь Бора;https://vk.com/molbor;VK;Совет молодёжи;1;3;1;;40
Итого;;;;;10;27;20;;
"""
# by hand: 10 data lines (file lines 2–11) and an «Итого» line, 11 read; lines 5 («abc» posts), 6 (6 answers of 5 comments),
# 7 (31.11), 8 (no page) and 10 (the hospital's 03.11 again) are rejected; 5 days of 4 pages are kept: the district's
# page twice (its address once with a closing slash), Petrovka once, the hospital once, the youth page whose owner no
# reference knows once


def _csv() -> bytes:
    return CSV_TEXT.replace("\n", "\r\n").encode("cp1251")


def _xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Отчёт о работе госпабликов, ноябрь 2026 года"])
    ws.append([])
    ws.append(["Отчетная дата", "Название сообщества", "Социальная сеть", "Организация", "Количество публикаций",
               "Количество комментариев", "Ответы на комментарии", "Медианное время ответа, ч",
               "Число подписчиков"])  # fmt: skip
    ws.append([datetime(2026, 11, 5), "Усманка официально", "Одноклассники", "Администрация сп Усманка", 2, 6, 3, 4.5,
               800])  # fmt: skip
    ws.append([datetime(2026, 11, 6), "Усманка официально", "Одноклассники", "Администрация сп Усманка", 0, 1, 1, 12,
               805])  # fmt: skip
    ws.append([datetime(2026, 11, 6), "Усманка официально", "Одноклассники", "Администрация сп Усманка", -1, 0, 0,
               None, 805])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _snapshot(store: Store) -> tuple:
    return tuple(
        store.scalar(f"select count(*) from {t}")
        for t in ("official_page", "official_page_day", "import_batch", "rejected_row", "audit_log")
    )


def test_a_cp1251_csv_keeps_every_good_row_and_rejects_the_bad_with_a_reason(empty_store: Store):
    report = ofp.import_source(empty_store, _csv(), "госпаблики_ноябрь.csv", 50 * MB)
    assert report.encoding == "cp1251"
    assert (report.rows_read, report.rows_new, report.rows_rejected, report.rows_skipped) == (11, 5, 5, 1)
    assert report.adds_up
    rejected = empty_store.query(
        "select row_number, reason_code, reason_ru from rejected_row where batch_id = ? order by row_number",
        [report.batch_id],
    )
    assert list(rejected["row_number"]) == [5, 6, 7, 8, 10]
    assert list(rejected["reason_code"]) == [
        "bad_number", "answered_over_comments", "bad_date", "no_page", "duplicate_day",
    ]  # fmt: skip
    assert rejected["reason_ru"].iloc[0] == "Не число или отрицательное число в столбце «Публикации»: «abc»"
    assert rejected["reason_ru"].iloc[2] == "Неверная дата: «31.11.2026»"
    pages = empty_store.query("select * from official_page order by page_id")
    assert list(pages["page_key"]) == ["vk.com/borskyraion", "ok.ru/petrovka", "t.me/borcrb", "vk.com/molbor"]
    assert list(pages["network"]) == ["vk", "ok", "telegram", "vk"]  # Petrovka's network by its address
    assert list(pages["recipient_code"].fillna("-")) == ["adm_apparatus", "sp_petrovka", "health_crb", "-"]
    assert list(pages["settlement_oktmo"].fillna("-")) == ["-", PETROVKA, "-", "-"]
    assert pages["owner_raw"].iloc[3] == "Совет молодёжи"  # kept as written, shown as «владелец не определён»
    days = empty_store.query(
        "select d.day, d.posts, d.comments, d.answered, d.answer_hours_mean, d.followers "
        "from official_page_day d join official_page p using (page_id) where p.page_key = 'vk.com/borskyraion' "
        "order by d.day"
    )
    assert list(days["followers"]) == [1200, 1210]  # «1 200»
    assert list(days["answer_hours_mean"]) == [2.5, 1.5]  # «2,5»
    assert list(days["posts"]) == [3, 0]
    assert any("«Совет молодёжи»" in w for w in report.warnings)
    batch = empty_store.query("select source_code, status, rows_read, rows_rejected from import_batch").iloc[0]
    assert (batch["source_code"], batch["status"], batch["rows_read"], batch["rows_rejected"]) == (
        "official_pages",
        "done",
        11,
        5,
    )


def test_an_xlsx_with_a_title_and_other_column_names(empty_store: Store):
    report = ofp.import_source(empty_store, _xlsx(), "отчёт.xlsx", 50 * MB)
    assert (report.rows_new, report.rows_rejected) == (2, 1)
    page = empty_store.query("select * from official_page").iloc[0]
    assert (page["name"], page["network"], page["recipient_code"], page["settlement_oktmo"]) == (
        "Усманка официально",
        "ok",
        "sp_usmanka",
        "36612452",
    )
    days = empty_store.query(
        "select posts, comments, answered, answer_hours_median from official_page_day order by day"
    )
    assert days.values.tolist() == [[2, 6, 3, 4.5], [0, 1, 1, 12.0]]
    reason = empty_store.scalar("select reason_ru from rejected_row")
    assert reason == "Не число или отрицательное число в столбце «Публикации»: «-1»"


def test_the_same_file_again_adds_nothing_and_undo_removes_the_days(empty_store: Store):
    first = ofp.import_source(empty_store, _csv(), "госпаблики_ноябрь.csv", 50 * MB)
    again = ofp.import_source(empty_store, _csv(), "госпаблики_ноябрь.csv", 50 * MB)
    assert (again.rows_new, again.rows_unchanged) == (0, 5)
    assert empty_store.scalar("select count(*) from official_page_day") == 5
    assert empty_store.scalar("select count(*) from official_page") == 4
    later = ofp.import_source(empty_store, _xlsx(), "отчёт.xlsx", 50 * MB)
    result = undo(empty_store, first.batch_id)
    assert result.removed == 5
    assert empty_store.scalar("select count(*) from official_page_day") == 2  # the xlsx's days stay
    assert list(empty_store.query("select name from official_page")["name"]) == ["Усманка официально"]
    assert empty_store.scalar("select status from import_batch where batch_id = ?", [first.batch_id]) == "undone"
    undo(empty_store, later.batch_id)
    assert empty_store.scalar("select count(*) from official_page") == 0


def test_a_file_without_page_columns_changes_nothing(empty_store: Store):
    before = _snapshot(empty_store)
    with pytest.raises(ImportFileError, match="нет столбцов госпабликов"):
        ofp.import_source(empty_store, "Дата;Вопрос\r\n01.11.2026;x\r\n".encode("cp1251"), "x.csv", 50 * MB)
    assert _snapshot(empty_store) == before


@pytest.mark.parametrize(
    ("text", "value", "bad"),
    [("1 234", 1234.0, False), ("12,5", 12.5, False), ("1\u00a0200", 1200.0, False), ("", None, False),
     ("abc", None, True), ("1.2.3", None, True)],
)  # fmt: skip
def test_russian_numbers(text, value, bad):
    import pandas as pd

    out, unreadable = ofp.numbers(pd.Series([text]))
    assert (pd.isna(out[0]) if value is None else out[0] == value) and bool(unreadable[0]) is bad


@pytest.mark.parametrize(
    ("header", "pages"),
    [
        (["Дата", "Госпаблик", "Ссылка", "Публикации", "Подписчики"], True),
        (["Отчетная дата", "Название сообщества", "Число подписчиков"], True),
        (["Ссылка на страницу", "Количество публикаций"], True),
        (["Дата опроса", "Вопрос", "Ответ"], False),  # a survey
        (["Номер", "Дата поступления", "Текст обращения", "Адрес"], False),  # appeals
    ],
)
def test_the_import_page_knows_a_pages_export_by_its_header(header, pages):
    assert ofp.looks_like_official_pages(header) is pages
