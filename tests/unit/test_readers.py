"""Files in any office shape are read; bad files get a clear Russian message."""

import io
import zipfile

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from mcu_data.ingest.profiles import PROFILES, detect
from mcu_data.ingest.readers import ImportFileError, read_all
from tests.files import FZ59_HEADER, csv_bytes, fz59_row, pos_rows, xlsx_bytes

MB = 1_048_576


def read(data: bytes, name: str = "file.csv"):
    return read_all(data, name, 5 * MB)


@pytest.mark.parametrize(
    ("encoding", "sep", "bom", "expected_encoding"),
    [
        ("utf-8", ",", False, "utf-8"),
        ("utf-8", ";", True, "utf-8-sig"),
        ("cp1251", ";", False, "cp1251"),
        ("cp1251", "\t", False, "cp1251"),
        ("utf-8", "\t", False, "utf-8"),
    ],
)
def test_csv_encodings_and_separators(encoding, sep, bom, expected_encoding):
    data = csv_bytes([FZ59_HEADER, fz59_row("ОГ-1/26"), fz59_row("ОГ-2/26")], encoding, sep, bom)
    table = read(data)
    assert table.encoding == expected_encoding
    assert table.separator == sep
    assert list(table.frame.columns) == FZ59_HEADER
    assert table.frame["Рег. №"].tolist() == ["ОГ-1/26", "ОГ-2/26"]
    assert table.frame["Корреспондент"].iloc[0] == "Иванов Иван Иванович"


def test_xlsx_with_merged_title_rows_and_a_leading_sheet():
    table = read(xlsx_bytes(pos_rows(2), title_rows=3, extra_sheet_first=True), "pos.xlsx")
    assert table.header_row == 4
    assert table.sheet == "Лист1"
    assert table.frame["Номер сообщения"].tolist() == ["5000", "5001"]
    assert table.frame["Дата и время подачи"].iloc[0] == "02.11.2026 10:30"
    assert list(table.frame.index) == [5, 6]  # file row numbers, for rejected-row reports


def test_extension_does_not_matter_content_does():
    table = read(xlsx_bytes(pos_rows(1)), "export.csv")
    assert table.encoding == "xlsx"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "пуст"),
        (b"\x00\x01\x02\x03" * 100, "не похож на таблицу"),
        (b"just one line without separators", "не похож на таблицу"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "защищён паролем"),
    ],
)
def test_bad_files_get_a_russian_message(data, message):
    with pytest.raises(ImportFileError, match=message):
        read(data)


def test_a_header_alone_reads_as_a_table_without_rows():
    table = read(csv_bytes([FZ59_HEADER]))
    assert list(table.frame.columns) == FZ59_HEADER and table.frame.empty


def test_password_protected_xlsx():
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes(pos_rows(1)))).encrypt("пароль", encrypted)
    with pytest.raises(ImportFileError, match="защищён паролем"):
        read(encrypted.getvalue(), "pos.xlsx")


def test_truncated_xlsx():
    data = xlsx_bytes(pos_rows(50))
    with pytest.raises(ImportFileError, match="повреждена или обрезана"):
        read(data[: len(data) // 2], "pos.xlsx")


def test_zip_that_is_not_a_book():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="не книга Excel"):
        read(buf.getvalue(), "x.xlsx")


def test_size_limit():
    with pytest.raises(ImportFileError, match="больше допустимого размера"):
        read_all(b"a;b\n1;2\n" * 200_000, "big.csv", MB)


@pytest.mark.parametrize(
    ("header", "profile"),
    [
        (FZ59_HEADER, "fz59"),
        (pos_rows(0)[0], "pos"),
        (["ID", "Дата создания", "Источник", "Рубрика", "Текст", "Ответственный", "Статус"], "im"),
    ],
)
def test_source_detected_from_header(header, profile):
    found, _ = detect(header)
    assert found is PROFILES[profile]


def test_unknown_header_detects_nothing():
    found, scores = detect(["Фамилия", "Сумма", "Комментарий"])
    assert found is None and max(scores.values()) == 0
