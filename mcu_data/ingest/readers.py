"""Turn an uploaded file into a table of text cells: CSV in any office encoding and separator, or XLSX."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd
from charset_normalizer import from_bytes
from openpyxl import load_workbook

from mcu_data.ingest import guards

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and xlsx encrypted with a password
HEADER_SCAN_ROWS = 30


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message is in Russian and says what to do."""


@dataclass(frozen=True)
class RawTable:
    """Cells as text, the header found, and how the file was read."""

    frame: pd.DataFrame  # all columns str, original header names
    header_row: int  # 1-based row number of the header in the file
    encoding: str
    separator: str
    sheet: str | None


def read_table(data: bytes, file_name: str, known_columns: set[str], max_bytes: int) -> RawTable:
    """Read bytes by their content, not their extension; find the header among the first rows."""
    if not data:
        raise ImportFileError(f"Файл «{file_name}» пуст.")
    if len(data) > max_bytes:
        raise ImportFileError(
            f"Файл «{file_name}» больше допустимого размера ({max_bytes // 1_048_576} МБ). "
            "Разбейте выгрузку на периоды покороче."
        )
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            f"Файл «{file_name}» защищён паролем или сохранён в старом формате .xls. "
            "Снимите пароль и сохраните как «Книга Excel (.xlsx)» или CSV."
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, file_name, known_columns)
    return _read_csv(data, file_name, known_columns)


def _decode(data: bytes, file_name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's «Текст Юникод»: UTF-16 with tabs
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"Файл «{file_name}» обрезан или повреждён: текст UTF-16 не читается.") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: это не текст и не книга Excel.") from None
        return str(best), best.encoding
    return text, "cp1251"


LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp866")


def _best_legacy(data: bytes, known: set[str]) -> tuple[str, str] | None:
    """For a file that is not UTF-8: the Russian code page under which its header makes sense."""
    best: tuple[int, str, str] | None = None
    head = data[:65536]
    for encoding in LEGACY_ENCODINGS:
        try:
            sample = head.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
        score = sum(1 for name in known if name in sample)
        if best is None or score > best[0]:
            best = (score, encoding, sample)
    if best is None or best[0] == 0:
        return None
    return data.decode(best[1], errors="replace"), best[1]


def _read_csv(data: bytes, file_name: str, known: set[str]) -> RawTable:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: это двоичный файл.")
    text, encoding = _decode(data, file_name)
    if encoding == "cp1251":
        # cp1251 decodes any bytes; KOI8-R and DOS exports decode too, but only one reads as Russian headers
        legacy = _best_legacy(data, known)
        if legacy is not None:
            text, encoding = legacy
    sample = "\n".join(text.splitlines()[:HEADER_SCAN_ROWS])
    counts = {sep: sample.count(sep) for sep in (";", "\t", ",")}
    separator = max(counts, key=counts.get)
    if counts[separator] == 0:
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: не найден разделитель столбцов.")
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    except csv.Error as exc:
        raise ImportFileError(f"Файл «{file_name}» повреждён: {exc}.") from exc
    return _to_table(rows, file_name, known, encoding, separator, None)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != time(0) else value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, file_name: str, known: set[str]) -> RawTable:
    try:
        guards.check_zip(data, file_name)
    except guards.ArchiveError as exc:
        raise ImportFileError(str(exc)) from exc
    try:
        # data_only: cached values only, formulas are never evaluated
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"Книга «{file_name}» повреждена или обрезана и не открывается ({type(exc).__name__}). "
            "Выгрузите файл заново."
        ) from exc
    best: RawTable | None = None
    best_score = -1
    try:
        for sheet in book.worksheets:
            rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            try:
                table = _to_table(rows, file_name, known, "xlsx", "", sheet.title)
            except ImportFileError:
                continue
            score = len(set(table.frame.columns) & known)
            if score > best_score:
                best, best_score = table, score
    finally:
        book.close()
    if best is None:
        raise ImportFileError(f"В книге «{file_name}» нет листа с таблицей.")
    return best


def _find_header(rows: list[list[str]], known: set[str]) -> int | None:
    """The early row naming the most known columns; failing that, the first row with two filled cells."""
    early = rows[:HEADER_SCAN_ROWS]
    scores = [len({c for c in r if c} & known) for r in early]
    if max(scores, default=0) > 0:
        return max(range(len(scores)), key=lambda i: (scores[i], -i))
    return next((i for i, r in enumerate(early) if sum(1 for c in r if c) >= 2), None)


def _to_table(
    rows: list[list[str]], file_name: str, known: set[str], encoding: str, sep: str, sheet: str | None
) -> RawTable:
    rows = [[c.strip() for c in r] for r in rows]
    if not any(any(r) for r in rows):
        raise ImportFileError(f"Файл «{file_name}» пуст: в нём нет ни одной строки с данными.")
    # the header is the early row naming the most known columns; failing that, the first full row
    header_idx = _find_header(rows, known)
    if header_idx is None:
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: не найдена строка заголовков.")
    header = rows[header_idx]
    width = max(i + 1 for i, c in enumerate(header) if c)
    names = []
    for i, name in enumerate(header[:width]):
        name = name or f"Столбец {i + 1}"
        names.append(name if name not in names else f"{name} ({i + 1})")
    body = [(r + [""] * width)[:width] for r in rows[header_idx + 1 :]]
    frame = pd.DataFrame(body, columns=names, dtype="str")
    frame.index = pd.RangeIndex(header_idx + 2, header_idx + 2 + len(frame))  # file row numbers
    frame = frame[(frame != "").any(axis=1)]
    if frame.empty:
        raise ImportFileError(f"Файл «{file_name}» пуст: под заголовком нет ни одной строки.")
    return RawTable(frame, header_idx + 1, encoding, sep, sheet)
