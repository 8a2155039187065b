"""Turn an export into a stream of text-cell chunks: CSV in any office encoding and separator, or an XLSX book.

A file is read from disk or from memory a chunk at a time, so a million rows never sit in memory as Python
lists. A book is read by the cells it really holds, not by the size its sheet declares: a sheet that claims
A1:XFD1048576 with ten cells costs ten cells. Every refusal is a Russian sentence that says what to do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

import pandas as pd
from charset_normalizer import from_bytes
from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from mcu_data.ingest import guards
from mcu_data.ingest.profiles import KNOWN_KEYS, header_key

XLSX_MAGIC = b"PK\x03\x04"
# what a damaged or cut book raises while it is opened or its rows are read
BOOK_ERRORS = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, OSError, EOFError)
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and xlsx encrypted with a password
PNG_MAGIC = b"\x89PNG"
HEADER_SCAN_ROWS = 30
HEAD_BYTES = 262_144  # what encoding, separator and header are judged by
CHUNK_ROWS = 5_000  # rows per piece: 10 000 ran 27 % faster but took the import over its 1 500 MB (make bench)
MAX_CELLS = 5_000_000  # real cells of a book; a weekly export holds a few hundred thousand
MAX_FIELD = 64 * 1_048_576  # csv's own limit is 128 KB: a long cell must reach the row check, not fail the file
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp866")
SEPARATORS = (";", "\t", ",")

csv.field_size_limit(MAX_FIELD)


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message is in Russian and says what to do."""


@dataclass
class TableStream:
    """The header found, how the file was read, and its rows after the header in chunks of text cells.

    Each chunk is a frame of str with the header's columns, indexed by the row number a spreadsheet shows.
    """

    header: list[str]
    header_row: int
    encoding: str
    separator: str
    sheet: str | None
    chunks: Iterator[pd.DataFrame]
    wide_rows: int = 0  # rows with more cells than the header: the extra cells are not read (said in the report)
    blank_rows: int = 0  # empty rows between rows of data (trailing ones are not rows of the table)
    _state: dict = field(default_factory=dict)

    def share_read(self) -> float:
        """How far through the file the chunks so far reach, 0–1, for a progress bar."""
        done, total = self._state.get("done", 0), self._state.get("total", 0)
        return min(1.0, done / total) if total else 0.0


@dataclass(frozen=True)
class RawTable:
    """The first rows of a file, for the preview on the page."""

    frame: pd.DataFrame
    header_row: int
    encoding: str
    separator: str
    sheet: str | None


Source = bytes | Path


def digest(source: Source) -> str:
    """The file's SHA-256, read in blocks: what a load records, so the same file loaded again is recognised."""
    sha = hashlib.sha256()
    if isinstance(source, Path):
        with source.open("rb") as fh:
            for block in iter(lambda: fh.read(1_048_576), b""):
                sha.update(block)
    else:
        sha.update(source)
    return sha.hexdigest()


def _size(source: Source) -> int:
    return source.stat().st_size if isinstance(source, Path) else len(source)


def _open(source: Source) -> BinaryIO:
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def _head(source: Source, n: int = HEAD_BYTES) -> bytes:
    with _open(source) as fh:
        return fh.read(n)


def open_table(
    source: Source, file_name: str, max_bytes: int, chunk_rows: int = CHUNK_ROWS, known: set[str] | None = None
) -> TableStream:
    """Recognise the file by its content, not its name; check its size before reading a byte of it.

    `known` are the column names a header is recognised by: every import profile's, unless a caller reads
    a table of another kind (a roadmap's measures).
    """
    keys = KNOWN_KEYS if known is None else {header_key(k) for k in known}
    size = _size(source)
    if size == 0:
        raise ImportFileError(f"Файл «{file_name}» пуст.")
    if size > max_bytes:
        raise ImportFileError(
            f"Файл «{file_name}» больше допустимого размера ({max_bytes // 1_048_576} МБ). "
            "Разбейте выгрузку на периоды покороче."
        )
    head = _head(source)
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(
            f"Файл «{file_name}» защищён паролем или сохранён в старом формате .xls. "
            "Снимите пароль и сохраните как «Книга Excel (.xlsx)» или CSV."
        )
    if head.startswith(PNG_MAGIC) or head.startswith(b"%PDF") or head.startswith(b"\xff\xd8\xff"):
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: это картинка или документ, а не выгрузка.")
    if head.startswith(XLSX_MAGIC):
        return _open_xlsx(source, file_name, chunk_rows, keys)
    return _open_csv(source, head, file_name, chunk_rows, keys)


def read_head(
    source: Source, file_name: str, max_bytes: int, rows: int = 200, known: set[str] | None = None
) -> RawTable:
    """The header and the first rows, for a preview; the file is read no further than that (`known`: as
    open_table's)."""
    stream = open_table(source, file_name, max_bytes, chunk_rows=rows, known=known)
    first = next(stream.chunks, None)
    frame = first if first is not None else pd.DataFrame(columns=stream.header, dtype="str")
    _close(stream)
    return RawTable(frame, stream.header_row, stream.encoding, stream.separator, stream.sheet)


def _close(stream: TableStream) -> None:
    close = getattr(stream.chunks, "close", None)
    if close is not None:
        close()


# -- CSV --------------------------------------------------------------------------------------------------------------
def read_all(source: Source, file_name: str, max_bytes: int, known: set[str] | None = None) -> RawTable:
    """A small table read whole (a roadmap's measures): every row after the header."""
    stream = open_table(source, file_name, max_bytes, known=known)
    parts = list(stream.chunks)
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=stream.header, dtype="str")
    return RawTable(frame, stream.header_row, stream.encoding, stream.separator, stream.sheet)


def _encoding(head: bytes, file_name: str, keys: set[str]) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's «Текст Юникод»: UTF-16 with tabs
        return "utf-16"
    for cut in (0, 1, 2, 3):  # the head may end inside a character of several bytes
        try:
            (head[: len(head) - cut] if cut else head).decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    best: tuple[int, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            sample = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        # cp1251 decodes any bytes; KOI8-R and DOS exports decode too, but only one reads as Russian headers
        lines = [header_key(c) for line in sample.splitlines()[:HEADER_SCAN_ROWS] for c in re.split(r"[;\t,]", line)]
        score = sum(1 for c in lines if c in keys)
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is not None and best[0] > 0:
        return best[1]
    guess = from_bytes(head).best()
    if guess is None:
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: это не текст и не книга Excel.")
    return guess.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return control / len(sample) > 0.05


def _records(text: str, separator: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    out = []
    try:
        for record in reader:
            out.append(record)
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def _choose_separator(text: str, keys: set[str]) -> tuple[str, list[list[str]]]:
    """The separator under which a header of known names appears and the rows keep its width.

    Counting characters misleads: a comma-separated file can hold more «;» inside its quoted texts.
    """
    best: tuple[tuple[int, int], str, list[list[str]]] | None = None
    for separator in SEPARATORS:
        records = _records(text, separator, HEADER_SCAN_ROWS * 2)
        index = _find_header(records, keys)
        if index is None:
            continue
        header = records[index]
        width = sum(1 for c in header if c.strip())
        if width < 2:
            continue
        known = sum(1 for c in header if header_key(c) in keys)
        steady = sum(1 for r in records[index + 1 :] if len(r) == len(header))
        score = (known, steady + width)
        if best is None or score > best[0]:
            best = (score, separator, records)
    if best is None:
        raise ImportFileError("не найден разделитель столбцов")
    return best[1], best[2]


class _NoNul(io.TextIOBase):
    """A text stream with NUL characters removed: a stray \\x00 from a broken export must not drop the file."""

    def __init__(self, inner: io.TextIOBase) -> None:
        self._inner = inner

    def read(self, size: int = -1) -> str:
        return self._inner.read(size).replace("\x00", "")

    def readline(self, size: int = -1) -> str:
        return self._inner.readline(size).replace("\x00", "")

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        self._inner.close()


def _open_csv(source: Source, head: bytes, file_name: str, chunk_rows: int, keys: set[str]) -> TableStream:
    encoding = _encoding(head, file_name, keys)
    sample = head.decode(encoding, errors="replace")
    if encoding != "utf-16" and _looks_binary(sample.replace("\x00", "")):
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: это двоичный файл.")
    sample = sample.replace("\x00", "")
    if not re.sub(r"[\s;,\t\"']", "", sample):
        raise ImportFileError(f"Файл «{file_name}» пуст: в нём нет ни одной строки с данными.")
    try:
        separator, records = _choose_separator(sample, keys)
    except ImportFileError as exc:
        raise ImportFileError(f"Файл «{file_name}» не похож на таблицу: {exc}.") from None
    index = _find_header(records, keys)
    header = _names(records[index])
    stream = TableStream(header, index + 1, encoding, separator, None, iter(()))

    stream._state["total"] = _size(source)

    def rows() -> Iterator[tuple[int, list[str]]]:
        with _open(source) as raw:
            text = _NoNul(io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=""))
            reader = csv.reader(text, delimiter=separator)
            try:
                for number, record in enumerate(reader, start=1):
                    if number % 1000 == 0:
                        stream._state["done"] = raw.tell()
                    if number > index + 1:
                        yield number, record
                stream._state["done"] = stream._state["total"]
            except csv.Error as exc:
                raise ImportFileError(
                    f"Файл «{file_name}» повреждён: строка {reader.line_num} не читается как "
                    "таблица (незакрытые кавычки или лишние символы)."
                ) from exc

    stream.chunks = _chunked(rows(), header, chunk_rows, stream)
    return stream


# -- XLSX -------------------------------------------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M:%S" if value.second else "%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Budget:
    """Real cells read from a book, against the ceiling a weekly export never reaches."""

    def __init__(self, file_name: str) -> None:
        self.file_name, self.cells = file_name, 0

    def spend(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise ImportFileError(
                f"В книге «{self.file_name}» больше {MAX_CELLS:,} заполненных ячеек — это не недельная выгрузка. "
                "Выгрузите файл за период покороче или только нужные столбцы.".replace(",", " ")
            )


def _sheet_rows(sheet, budget: _Budget) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the cells the sheet really holds: no padding to the sheet's declared size."""
    book = sheet.parent
    with sheet._get_source() as src:
        parser = WorkSheetParser(
            src,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            budget.spend(len(cells))
            filled = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if not filled:
                yield number, []
                continue
            width = max(filled)
            yield number, [_cell_text(filled.get(i)) for i in range(1, width + 1)]


CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _count_cells(source: Source, file_name: str) -> None:
    """Count the cells of every sheet in its XML before parsing any: a fast byte scan, so that a book of
    millions of cells is refused in a second instead of being parsed for minutes."""
    with zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source)) as archive:
        cells = 0
        for member in archive.infolist():
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            tail = b""
            with archive.open(member) as fh:
                for block in iter(lambda: fh.read(4 * 1_048_576), b""):
                    data = tail + block
                    cells += len(CELL_TAG.findall(data))
                    tail = data[-8:]
                    cells -= len(CELL_TAG.findall(tail))  # a tag in the overlap is counted with the next block
            if cells > MAX_CELLS:
                _Budget(file_name).spend(cells)


def _broken_book(file_name: str, exc: Exception) -> ImportFileError:
    if isinstance(exc, KeyError):  # a zip without the parts of a book: photos or documents renamed to .xlsx
        return ImportFileError(
            f"Файл «{file_name}» — архив, но не книга Excel: в нём нет листов таблицы. "
            "Сохраните выгрузку как «Книга Excel (.xlsx)» или CSV."
        )
    return ImportFileError(f"Книга «{file_name}» повреждена или обрезана и не читается. Выгрузите файл заново.")


def _open_xlsx(source: Source, file_name: str, chunk_rows: int, keys: set[str]) -> TableStream:
    try:
        if isinstance(source, Path):
            guards.check_zip_path(source, file_name)
        else:
            guards.check_zip(source, file_name)
    except guards.ArchiveError as exc:
        raise ImportFileError(str(exc)) from exc
    try:
        _count_cells(source, file_name)
    except BOOK_ERRORS as exc:
        raise _broken_book(file_name, exc) from exc
    try:
        # data_only: cached values only, formulas are never evaluated
        book = load_workbook(source if isinstance(source, Path) else io.BytesIO(source), read_only=True, data_only=True)
    except (*BOOK_ERRORS, ValueError) as exc:
        raise _broken_book(file_name, exc) from exc
    budget = _Budget(file_name)
    best: tuple[int, object, int, list[str]] | None = None
    try:
        for sheet in book.worksheets:
            head = []
            for number, row in _sheet_rows(sheet, budget):
                head.append((number, row))
                if len(head) >= HEADER_SCAN_ROWS:
                    break
            index = _find_header([r for _, r in head], keys)
            if index is None:
                continue
            header = head[index][1]
            known = sum(1 for c in header if header_key(c) in keys)
            if best is None or known > best[0]:
                best = (known, sheet, head[index][0], header)
    except ImportFileError:
        book.close()
        raise
    except (*BOOK_ERRORS, ValueError) as exc:
        book.close()
        raise _broken_book(file_name, exc) from exc
    if best is None:
        book.close()
        raise ImportFileError(f"В книге «{file_name}» нет листа с таблицей: ни на одном листе нет строки заголовков.")
    _, sheet, header_row, header_cells = best
    header = _names(header_cells)
    stream = TableStream(header, header_row, "xlsx", "", sheet.title, iter(()))
    declared = sheet.max_row if isinstance(sheet.max_row, int) else 0
    stream._state["total"] = max(declared - header_row, 0)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in _sheet_rows(sheet, budget):
                if number > header_row:
                    stream._state["done"] = number - header_row
                    yield number, row
        except BOOK_ERRORS as exc:
            raise _broken_book(file_name, exc) from exc
        except ValueError as exc:
            if isinstance(exc, ImportFileError):
                raise
            raise _broken_book(file_name, exc) from exc
        finally:
            book.close()

    stream.chunks = _chunked(rows(), header, chunk_rows, stream)
    return stream


# -- shared -----------------------------------------------------------------------------------------------------------
def _find_header(rows: list[list[str]], keys: set[str]) -> int | None:
    """The early row naming the most known columns; failing that, the first row with two filled cells."""
    early = rows[:HEADER_SCAN_ROWS]
    scores = [sum(1 for c in r if header_key(c) in keys) for r in early]
    if max(scores, default=0) > 0:
        return max(range(len(scores)), key=lambda i: (scores[i], -i))
    return next((i for i, r in enumerate(early) if sum(1 for c in r if str(c).strip()) >= 2), None)


def _names(header: list[str]) -> list[str]:
    """Column names as the file writes them (spaces and line breaks folded); blanks and repeats made unique."""
    cells = [re.sub(r"\s+", " ", str(c).replace("\u00a0", " ")).strip() for c in header]
    width = max((i + 1 for i, c in enumerate(cells) if c), default=0)
    names: list[str] = []
    for i, name in enumerate(cells[:width]):
        name = name or f"Столбец {i + 1}"
        names.append(name if name not in names else f"{name} ({i + 1})")
    return names


def _chunked(
    rows: Iterator[tuple[int, list[str]]], header: list[str], size: int, stream: TableStream
) -> Iterator[pd.DataFrame]:
    width = len(header)
    numbers: list[int] = []
    body: list[list[str]] = []
    previous = stream.header_row
    pending_blank = 0  # blank rows count only once a row of data follows them
    for number, row in rows:
        cells = [c.strip() if isinstance(c, str) else str(c) for c in row]
        pending_blank += number - previous - 1  # rows a book leaves out of its file are blank rows too
        previous = number
        if not any(cells):
            pending_blank += 1
            continue
        stream.blank_rows += pending_blank
        pending_blank = 0
        if len(cells) > width and any(c for c in cells[width:]):
            stream.wide_rows += 1
        numbers.append(number)
        body.append((cells + [""] * width)[:width])
        if len(body) >= size:
            yield pd.DataFrame(body, columns=header, index=pd.Index(numbers), dtype="str")
            numbers, body = [], []
    if body:
        yield pd.DataFrame(body, columns=header, index=pd.Index(numbers), dtype="str")
