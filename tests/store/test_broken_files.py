"""A deliberately broken set of exports: each loads as its report says, or changes nothing with a clear message."""

import pytest

from mcu_data.ingest.loader import import_bytes
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

IM_HEADER = ["ID", "Дата создания", "Источник", "Рубрика", "Текст", "Ответственный", "Статус", "Дата ответа"]


def counts(store: Store) -> tuple:
    return store.rows(
        "select (select count(*) from appeal), (select count(*) from import_batch), (select count(*) from rejected_row)"
    )[0]


@pytest.mark.parametrize("encoding", ["koi8_r", "cp866", "cp1251"])
def test_russian_code_pages_other_than_expected(empty_store: Store, encoding: str):
    header = ["Регистрационный номер", *FZ59_HEADER[1:]]  # KOI8-R has no «№»
    report = import_bytes(empty_store, csv_bytes([header, fz59_row("ОГ-1/26")], encoding, ";"), "x.csv")
    assert (report.encoding, report.rows_new) == (encoding, 1)
    assert empty_store.scalar("select text_masked from appeal").startswith("Прошу отремонтировать дорогу")


def test_shifted_header_under_title_lines(empty_store: Store):
    rows = [
        ["Реестр обращений граждан"],
        ["за ноябрь 2026 года"],
        [],
        FZ59_HEADER,
        fz59_row("ОГ-1/26"),
        fz59_row("ОГ-2/26"),
    ]
    report = import_bytes(empty_store, csv_bytes(rows, "cp1251", ";"), "shifted.csv")
    assert (report.header_row, report.rows_read, report.rows_new) == (4, 2, 2)


def test_mixed_date_formats_in_one_file(empty_store: Store):
    rows = [
        IM_HEADER,
        ["IM-1", "05.11.2026", "ВКонтакте", "", "Яма на дороге в Петровке", "", "В работе", ""],
        ["IM-2", "2026-11-06 10:15:00", "ВКонтакте", "", "Нет воды в Усманке", "", "В работе", ""],
        ["IM-3", "46332", "Telegram", "", "Не горят фонари в Гвардейцах", "", "В работе", ""],
        ["IM-4", "06.11.2026 18:40", "Одноклассники", "", "Мусор не вывозят в Подгорном", "", "В работе", ""],
        ["IM-5", "вчера вечером", "ВКонтакте", "", "Скорая не едет", "", "В работе", ""],
    ]
    report = import_bytes(empty_store, csv_bytes(rows), "im.csv")
    assert (report.rows_new, report.rows_rejected) == (4, 1)
    days = dict(empty_store.rows("select source_id, received_at::date::varchar from appeal"))
    assert days == {"IM-1": "2026-11-05", "IM-2": "2026-11-06", "IM-3": "2026-11-06", "IM-4": "2026-11-06"}
    assert "вчера вечером" in empty_store.scalar("select reason_ru from rejected_row")


def test_unknown_settlements_go_to_review(empty_store: Store):
    from mcu_data.ingest import review

    rows = [
        IM_HEADER,
        ["IM-1", "05.11.2026", "ВКонтакте", "", "В нашем селе третий день нет света", "", "", ""],
        ["IM-2", "05.11.2026", "ВКонтакте", "", "В Кинель-Черкассах яма", "", "", ""],
    ]
    report = import_bytes(empty_store, csv_bytes(rows), "im.csv")
    assert report.rows_new == 2
    assert empty_store.scalar("select count(*) from appeal where settlement_oktmo is null") == 2
    assert review.queue_size(empty_store) == 2


def test_truncated_csv_keeps_whole_rows_and_explains_the_cut(empty_store: Store):
    data = csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26"), fz59_row("ОГ-3/26")], "cp1251", ";")
    cut = data[: len(data) - 60]  # the last row loses its tail
    report = import_bytes(empty_store, cut, "cut.csv")
    assert report.adds_up and report.rows_read == 3
    assert report.rows_new >= 2
    assert report.rows_new + report.rows_rejected == 3


def test_bad_files_change_nothing(empty_store: Store):
    before = counts(empty_store)
    for data, name in [(b"", "empty.csv"), (b"PK\x03\x04broken", "cut.xlsx"), (b"\x00\x01" * 50, "bin.csv")]:
        with pytest.raises(ImportFileError):
            import_bytes(empty_store, data, name)
    assert counts(empty_store) == before
