#!/usr/bin/env python3
"""Hostile intake corpus for the next importer: every file and every row is written by hand below.

    python make_corpus.py                  writes the committed files and manifest.json next to this script
    python make_corpus.py --verify         opens every file again (csv by its encoding, xlsx with openpyxl
                                           read_only) and checks that every row the manifest lists exists
    python make_corpus.py --generated DIR  builds the big files (10 MB cell, file over the size limit,
                                           workbook over the cell budget) into DIR; tests call the
                                           build_* functions themselves at run time

Nothing here imports the project's code. Only the standard library is needed for the build_* functions;
openpyxl (and msoffcrypto-tool for the password file) only for writing the committed xlsx files.
The expectations are hand-written next to each row (see README.md for the conventions).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import struct
import sys
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST: list[dict] = []
CROSS: list[dict] = []
HEADER = "HEADER"  # marks the header row among a file's rows

CANONICAL = (
    "source_id", "received_at", "registered_at", "due_at", "extended_due_at", "first_reaction_at",
    "first_answer_at", "closed_at", "status_raw", "outcome_raw", "rubric_group", "rubric", "text", "address",
    "lat", "lon", "recipient_raw", "author_raw", "author_name", "collective_raw", "repeat_raw",
    "satisfaction_raw", "channel_raw", "kind_raw",
)  # fmt: skip

# The value maps as shipped in mcu_data/store/reference/value_map.csv (copied; --verify compares the copy).
KNOWN_STATUS = {
    "новый", "новое", "зарегистрировано", "зарегистрирован", "в работе", "на рассмотрении", "на исполнении",
    "продлено", "срок продлён", "срок продлен", "ответ дан", "ответ опубликован", "дан ответ", "перенаправлено",
    "передан по компетенции", "направлено по компетенции", "закрыт", "закрыто", "рассмотрено", "исполнено",
    "снято с контроля",
}  # fmt: skip
KNOWN_OUTCOME = {
    "решено", "поддержано", "поддержано, меры приняты", "меры приняты", "разъяснено", "разъяснение", "отказано",
    "отказ", "не поддержано", "перенаправлено", "переадресация", "направлено по компетенции", "отписка",
    "формальный ответ", "ответ не по существу",
}  # fmt: skip
KNOWN_CHANNEL = {
    "вконтакте", "вк", "vk", "одноклассники", "ок", "telegram", "телеграм", "сми", "письмо", "почта россии",
    "электронная почта", "e-mail", "интернет-приёмная", "интернет-приемная", "сайт", "личный приём", "личный прием",
    "телефон", "госуслуги",
}  # fmt: skip


def _fold(value: str) -> str:
    return value.strip().lower().replace("ё", "е")


def _known(value, table: set[str]):
    if value is None or str(value).strip() == "":
        return None
    return _fold(str(value)) in {_fold(v) for v in table}


# ---------------------------------------------------------------------------------------------------------
# expectations


def X(
    outcome: str,
    at: str | None = None,
    *,
    flag: str | None = None,
    reason: str | None = None,
    skip: str | None = None,
    text_raw: str | None = None,
    note: str | None = None,
    text_len: int | None = None,
) -> dict:
    """The expected outcome of one row; id, status, result and channel are taken from the row as written."""
    assert outcome in ("kept", "rejected", "skipped_footer", "replaced_duplicate"), outcome
    if outcome == "rejected":
        assert reason in ("no_id", "no_received_at", "bad_date", "bad_rating", "cell_too_long"), reason
    if outcome == "skipped_footer":
        assert skip in ("blank", "total", "subtotal", "generated", "signature"), skip
    assert flag in (None, "future", "before_2000")
    if text_raw is not None:  # compared after CRLF -> LF and stripping at both ends
        text_raw = text_raw.replace("\r\n", "\n").strip()
    return {
        "outcome": outcome,
        "at": at,
        "flag": flag,
        "reason": reason,
        "skip": skip,
        "text_raw": text_raw,
        "note": note,
        "text_len": text_len,
    }


def K(at: str | None = None, **kw) -> dict:
    return X("kept", at, **kw)


def SKIP(kind: str, note: str | None = None) -> dict:
    return X("skipped_footer", skip=kind, note=note)


def REJ(reason: str, note: str | None = None, **kw) -> dict:
    return X("rejected", reason=reason, note=note, **kw)


def dt(text: str) -> datetime:
    """A datetime for an xlsx date cell, written as 'YYYY-MM-DD HH:MM[:SS]'."""
    return datetime.fromisoformat(text)


def _wall(value) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d 00:00:00")
    return None


def _raw(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):  # (value, number_format) of an xlsx cell
        value = value[0]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\x00", "").strip()
    return text or None


def _expect_rows(rows: list, header_keys: list[str]) -> tuple[int, list[dict]]:
    """Row numbers (1-based, as a spreadsheet shows them) and the manifest rows of one sheet or csv."""
    header_row = None
    out = []
    id_rows: dict[str, list[dict]] = {}
    for number, (cells, expect) in enumerate(rows, start=1):
        if cells == HEADER:
            header_row = number
            continue
        if expect is None:
            assert header_row is None, f"row {number}: a data row without expectation"
            continue
        assert header_row is not None, f"row {number}: expectation above the header"
        rec = {"row": number, "outcome": expect["outcome"]}
        data = cells if isinstance(cells, dict) else {}
        if expect["outcome"] in ("kept", "rejected", "replaced_duplicate"):
            rec["id"] = _raw(data.get("source_id"))
            received = data.get("received_at")
            cell = received[0] if isinstance(received, tuple) else received
            at = expect["at"] or _wall(cell)
            if expect["outcome"] == "rejected":
                rec["received_raw"] = _raw(received)
                if expect["reason"] in ("bad_date", "no_received_at"):
                    at = None
            rec["received_at"] = at
            if "status_raw" in header_keys:
                rec["status"] = _raw(data.get("status_raw"))
                rec["status_known"] = _known(rec["status"], KNOWN_STATUS)
            if "outcome_raw" in header_keys:
                rec["result"] = _raw(data.get("outcome_raw"))
                rec["result_known"] = _known(rec["result"], KNOWN_OUTCOME)
            if "channel_raw" in header_keys:
                rec["channel"] = _raw(data.get("channel_raw"))
                rec["channel_known"] = _known(rec["channel"], KNOWN_CHANNEL)
            rec["flag"] = expect["flag"]
            rec["reason"] = expect["reason"]
            if expect["text_raw"] is not None:
                rec["text_raw"] = expect["text_raw"]
            if expect["text_len"] is not None:
                rec["text_len"] = expect["text_len"]
            if expect["outcome"] == "kept" and at is None:
                raise AssertionError(f"row {number}: kept without received_at")
            if rec["id"] and expect["outcome"] != "rejected":
                id_rows.setdefault(rec["id"], []).append(rec)
        else:
            rec.update({"id": None, "received_at": None, "flag": None, "reason": None, "skip_kind": expect["skip"]})
        if expect["note"]:
            rec["note"] = expect["note"]
        out.append(rec)
    # duplicates: every earlier row of an id is replaced by the last one
    for recs in id_rows.values():
        *earlier, last = recs
        assert last["outcome"] == "kept", f"row {last['row']}: the last row of {last['id']} must be kept"
        for rec in earlier:
            assert rec["outcome"] == "replaced_duplicate", f"row {rec['row']}: {rec['id']} repeats below"
            rec["replaced_by"] = last["row"]
            if rec["received_at"] is None:
                rec["received_at"] = None
    assert header_row is not None
    return header_row, out


def _columns(header: list[tuple[str, str]], mapping: dict | None) -> tuple[dict, list[str]]:
    if mapping is not None:
        cols = dict(mapping)
        used = set(mapping.values())
        unused = [h.strip() for h, _ in header if h.strip() not in used]
        return cols, unused
    cols = {key: h.strip() for h, key in header if key in CANONICAL}
    unused = [h.strip() for h, key in header if key not in CANONICAL]
    return cols, unused


def register(entry: dict) -> None:
    assert all(e["file"] != entry["file"] for e in MANIFEST), entry["file"]
    MANIFEST.append(entry)


# ---------------------------------------------------------------------------------------------------------
# writers


def _cell_of(cells, header: list[tuple[str, str]]) -> list:
    if cells is HEADER or cells == HEADER:
        return [h for h, _ in header]
    if isinstance(cells, dict):
        return [cells.get(key) for _, key in header]
    return list(cells)


class Raw:
    """A csv line written exactly as given (Excel's «sep=;» hint)."""

    def __init__(self, line: str) -> None:
        self.line = line


def _quote(value: str, sep: str, quote_all: bool) -> str:
    if quote_all or any(ch in value for ch in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_bytes(
    header,
    rows,
    *,
    sep: str,
    eol: str,
    encoding: str,
    bom: bool = False,
    quote_all: bool = False,
    trailing_eol: bool = True,
) -> bytes:
    lines = []
    for cells, _ in rows:
        if isinstance(cells, Raw):
            lines.append(cells.line)
            continue
        values = ["" if v is None else str(v) for v in _cell_of(cells, header)]
        lines.append(sep.join(_quote(v, sep, quote_all and v != "") for v in values))
    text = eol.join(lines) + (eol if trailing_eol else "")
    if encoding == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    data = text.encode(encoding)  # strict: a character the code page lacks is a bug of this corpus
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_csv(
    name: str,
    source: str,
    header: list[tuple[str, str]],
    rows: list,
    *,
    sep: str,
    eol: str,
    encoding: str,
    bom: bool = False,
    quote_all: bool = False,
    mapping: dict | None = None,
    mapping_source: str | None = None,
    notes: str,
    tests: str,
) -> None:
    data = csv_bytes(header, rows, sep=sep, eol=eol, encoding=encoding, bom=bom, quote_all=quote_all)
    (HERE / name).write_bytes(data)
    keys = [k for _, k in header] if mapping is None else [_key_for(mapping, h) for h, _ in header]
    header_row, exp_rows = _expect_rows(rows, keys)
    columns, unused = _columns(header, mapping)
    enc_name = {"utf-8": "utf-8-sig" if bom else "utf-8"}.get(encoding, encoding)
    register(
        {
            "file": name,
            "source": source,
            "mapping": mapping,
            "mapping_source": mapping_source,
            "expect": "imported",
            "refuse_reason": None,
            "format": "csv",
            "encoding": enc_name,
            "separator": sep,
            "line_ending": {"\r\n": "CRLF", "\n": "LF"}[eol],
            "sheet": None,
            "header_row": header_row,
            "columns": columns,
            "unused_columns": unused,
            "rows": exp_rows,
            "tests": tests,
            "notes": notes,
        }
    )


def _key_for(mapping: dict, header_text: str) -> str:
    for key, column in mapping.items():
        if column == header_text.strip():
            return key
    return "x"


def refused(
    name: str,
    source: str,
    reason: str,
    *,
    tests: str,
    notes: str = "",
    fmt: str,
    generated: dict | None = None,
    **extra,
) -> None:
    entry = {
        "file": name,
        "source": source,
        "mapping": None,
        "mapping_source": None,
        "expect": "refused",
        "refuse_reason": reason,
        "format": fmt,
        "rows": [],
        "unused_columns": [],
        "tests": tests,
        "notes": notes,
    }
    if generated:
        entry["generated"] = generated
    entry.update(extra)
    register(entry)


def xlsx_book(sheets: list[dict], *, epoch1904: bool = False):
    """sheets: [{"title", "header", "rows", "merges": [...], "widths": {...}}]; returns the openpyxl book."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = Workbook()
    if epoch1904:
        book.epoch = CALENDAR_MAC_1904
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec["title"])
        header = spec.get("header") or []
        for r, (cells, _) in enumerate(spec["rows"], start=1):
            values = _cell_of(cells, header)
            for c, value in enumerate(values, start=1):
                if value is None:
                    continue
                fmt = None
                if isinstance(value, tuple):
                    value, fmt = value
                cell = ws.cell(row=r, column=c, value=value)
                if fmt:
                    cell.number_format = fmt
                elif isinstance(value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM" if value.second == 0 else "DD.MM.YYYY HH:MM:SS"
                elif isinstance(value, date):
                    cell.number_format = "DD.MM.YYYY"
                if cells == HEADER:
                    cell.font = Font(bold=True)
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for merge in spec.get("merges", ()):
            ws.merge_cells(merge)
        for col, width in spec.get("widths", {}).items():
            ws.column_dimensions[col].width = width
    return book


FIXED_TIME = (2026, 11, 1, 9, 0, 0)


def _stable_zip(data: bytes) -> bytes:
    """The same members with fixed timestamps, so that rebuilding the corpus gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the saving time here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-01T09:00:00Z", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def xlsx_bytes(sheets: list[dict], **kw) -> bytes:
    book = xlsx_book(sheets, **kw)
    book.properties.creator = "МЦУ Борского района"
    book.properties.created = book.properties.modified = datetime(*FIXED_TIME)
    buf = io.BytesIO()
    book.save(buf)
    return _stable_zip(buf.getvalue())


def write_xlsx(
    name: str,
    source: str,
    sheets: list[dict],
    *,
    table_sheet: str | None = None,
    mapping: dict | None = None,
    notes: str,
    tests: str,
    epoch1904: bool = False,
    postprocess=None,
    acceptable_alternative: dict | None = None,
) -> None:
    data = xlsx_bytes(sheets, epoch1904=epoch1904)
    if postprocess:
        data = postprocess(data)
    (HERE / name).write_bytes(data)
    spec = next(s for s in sheets if table_sheet is None or s["title"] == table_sheet)
    header = spec["header"]
    header_row, exp_rows = _expect_rows(spec["rows"], [k for _, k in header])
    columns, unused = _columns(header, mapping)
    entry = {
        "file": name,
        "source": source,
        "mapping": mapping,
        "mapping_source": None,
        "expect": "imported",
        "refuse_reason": None,
        "format": "xlsx",
        "encoding": None,
        "separator": None,
        "line_ending": None,
        "sheet": spec["title"],
        "header_row": header_row,
        "columns": columns,
        "unused_columns": unused,
        "rows": exp_rows,
        "tests": tests,
        "notes": notes,
    }
    if acceptable_alternative:
        entry["acceptable_alternative"] = acceptable_alternative
    register(entry)


def cross(first: str, second: str, new: int, updated: int, unchanged: int, notes: str) -> None:
    CROSS.append(
        {
            "first": first,
            "second": second,
            "expect_second": {"new": new, "updated": updated, "unchanged": unchanged},
            "notes": notes,
        }
    )


# ---------------------------------------------------------------------------------------------------------
# helpers for the contents


def addr(village: str, street: str, house: int | str) -> str:
    return f"Самарская обл., Борский р-н, {village}, {street}, д. {house}"


def _zip_replace(data: bytes, member: str, edit) -> bytes:
    """Rewrite one member of a zip (an xlsx) with edit(text) -> text; other members are copied as they are."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    assert member in src.namelist(), member
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                body = edit(body.decode("utf-8")).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            dst.writestr(fixed, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def long_text(length: int, seed_text: str) -> str:
    """A text cell of exactly `length` characters: one officer's complaint pasted again and again."""
    chunk = seed_text + " "
    text = (chunk * (length // len(chunk) + 1))[: length - 1] + "!"  # no space at either end
    assert len(text) == length
    return text


# ---------------------------------------------------------------------------------------------------------
# ПОС (Госуслуги «Решаем вместе»), xlsx

POS_HDR = [
    ("№ п/п", "#n"), ("Номер сообщения", "source_id"), ("Дата и время подачи", "received_at"),
    ("Категория", "rubric_group"), ("Подкатегория", "rubric"), ("Текст сообщения", "text"), ("Адрес", "address"),
    ("Широта", "lat"), ("Долгота", "lon"), ("Ответственный", "recipient_raw"), ("Статус", "status_raw"),
    ("Срок ответа", "due_at"), ("Дата ответа", "first_answer_at"), ("Результат", "outcome_raw"),
    ("Оценка заявителя", "satisfaction_raw"), ("Тип заявителя", "author_raw"),
]  # fmt: skip


def P(
    n,
    sid,
    at,
    cat,
    sub,
    text,
    address,
    resp,
    status,
    due=None,
    ans=None,
    res=None,
    rating=None,
    author="Физическое лицо",
    lat=None,
    lon=None,
    **extra,
) -> dict:
    row = {
        "#n": n,
        "source_id": sid,
        "received_at": at,
        "rubric_group": cat,
        "rubric": sub,
        "text": text,
        "address": address,
        "lat": lat,
        "lon": lon,
        "recipient_raw": resp,
        "status_raw": status,
        "due_at": due,
        "first_answer_at": ans,
        "outcome_raw": res,
        "satisfaction_raw": rating,
        "author_raw": author,
    }
    row.update(extra)
    return row


def D(text: str) -> datetime:  # a due date: end of the day, as ПОС writes it
    return datetime.fromisoformat(text + " 23:59:59")


TITLE = "Выгрузка сообщений Платформы обратной связи: муниципальный район Борский, 26.10.2026 – 01.11.2026"


def pos_files() -> None:
    # 1 — merged title rows, a two-level header, footer rows
    rows = [
        ([TITLE], None),
        (["Сформировано 01.11.2026 09:00"], None),
        ([], None),
        ([None, "Сообщение", None, None, None, None, None, None, None, "Обработка"], None),
        (HEADER, None),
        (
            P(
                1,
                "2456781",
                dt("2026-10-26 07:55"),
                "Дороги",
                "Ямы на дорогах",
                "В Гвардейцах на ул. Комсомольской яма возле дома 12, машины объезжают по тротуару. Фото прилагаю.",
                addr("Гвардейцы", "ул. Комсомольская", 12),
                "Администрация сп Гвардейцы",
                "В работе",
                D("2026-11-09"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456782",
                dt("2026-10-26 19:12"),
                "ЖКХ",
                "Отопление",
                "В Петровке в доме по ул. Мира батареи еле тёплые, управляющая компания трубку не берёт.",
                addr("Петровка", "ул. Мира", 7),
                "Отдел по ЖКХ и дорожному хозяйству",
                "Ответ дан",
                D("2026-11-09"),
                dt("2026-10-29 10:40"),
                "Разъяснено",
                3,
            ),
            K(),
        ),
        (
            P(
                3,
                "2456783",
                dt("2026-10-27 08:03"),
                "Мусор",
                "Вывоз ТКО",
                "В Новоборском с контейнерной площадки на ул. Школьной мусор не вывозят уже 10 дней, крысы бегают.",
                addr("Новоборский", "ул. Школьная", 3),
                "Администрация сп Новоборское",
                "Закрыто",
                D("2026-11-10"),
                dt("2026-10-28 16:05"),
                "Решено",
                5,
            ),
            K(),
        ),
        (
            P(
                4,
                "2456784",
                dt("2026-10-28 11:47"),
                "Транспорт",
                "Расписание и маршруты",
                "Из пос. Мойка автобус до Борского 28.10 не пришёл, люди не попали в больницу на приём.",
                addr("пос. Мойка", "ул. Центральная", 2),
                "Перевозчик по муниципальным маршрутам",
                "Перенаправлено",
                D("2026-11-11"),
                dt("2026-10-29 09:00"),
                "Перенаправлено",
            ),
            K(),
        ),
        (
            P(
                5,
                "2456785",
                dt("2026-10-30 14:20"),
                "Благоустройство",
                "Уличное освещение",
                "В Заплавном на ул. Строителей не горят фонари третью неделю, дети идут в школу в темноте.",
                addr("Заплавное", "ул. Строителей", 31),
                "Администрация сп Заплавное",
                "Зарегистрировано",
                D("2026-11-13"),
            ),
            K(),
        ),
        (
            P(
                6,
                "2456786",
                dt("2026-11-01 06:58"),
                "Здравоохранение",
                "Запись к врачу",
                "В Борском в поликлинике нет талонов к терапевту на две недели вперёд. Сидорова Анна Петровна, "
                "тел. +7 900 000-12-34.",
                addr("Борское", "ул. Советская", 71),
                "Центральная районная больница",
                "В работе",
                D("2026-11-15"),
                lat=53.03562,
                lon=51.70438,
            ),
            K(),
        ),
        ([], SKIP("blank")),
        (["Итого: 6 сообщений"], SKIP("total")),
        (["Выгрузка сформирована 01.11.2026 09:00:12, пользователь: Петрова О.В."], SKIP("generated")),
    ]
    write_xlsx(
        "pos_merged_title_rows.xlsx",
        "pos",
        [
            {
                "title": "Сообщения",
                "header": POS_HDR,
                "rows": rows,
                "merges": ["A1:P1", "A2:P2", "B4:I4", "J4:P4", "A13:C13", "A14:P14"],
                "widths": {"F": 60},
            }
        ],
        tests="merged title rows above the header, a merged two-level group header (row 4) above the real "
        "header (row 5), real Excel datetime cells, «№ п/п» counter, blank separator + «Итого» + "
        "«Выгрузка сформирована» footer",
        notes="Header is row 5, not row 4: row 4 holds merged group titles «Сообщение»/«Обработка». Footer "
        "«Итого: 6 сообщений» sits in the № п/п column and is merged A13:C13.",
    )

    # 2 — header cells with line breaks, trailing spaces, odd case
    hdr = [
        ("№ п/п", "#n"), ("Номер\nсообщения", "source_id"), ("Дата и время\nподачи", "received_at"),
        ("КАТЕГОРИЯ", "rubric_group"), ("подкатегория", "rubric"), ("Текст сообщения  ", "text"),
        ("  Адрес", "address"), ("Ответственный\n", "recipient_raw"), ("Статус ", "status_raw"),
        ("Срок\nответа", "due_at"), ("Дата и время ответа", "first_answer_at"), ("Результат ", "outcome_raw"),
        ("Оценка\nзаявителя", "satisfaction_raw"), ("Тип заявителя", "author_raw"),
    ]  # fmt: skip
    rows = [
        (HEADER, None),
        (
            P(
                1,
                "2456791",
                dt("2026-10-26 09:14"),
                "Дороги",
                "Содержание дорог",
                "Дорогу Борское – Петровка не грейдировали с весны, после дождя не проехать.",
                addr("Петровка", "ул. Полевая", 4),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-09"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456792",
                dt("2026-10-27 13:30"),
                "ЖКХ",
                "Водоснабжение",
                "В Заплавном вода из крана идёт ржавая, пить невозможно.",
                addr("Заплавное", "ул. Садовая", 15),
                "Администрация сп Заплавное",
                "Ответ дан",
                D("2026-11-10"),
                dt("2026-10-30 15:00"),
                "Решено",
                4,
            ),
            K(),
        ),
        (
            P(
                3,
                "2456793",
                dt("2026-10-28 20:01"),
                "Благоустройство",
                "Безнадзорные животные",
                "В Гвардейцах у магазина на ул. Ленина стая собак, детей страшно отпускать одних.",
                addr("Гвардейцы", "ул. Ленина", 22),
                "Администрация сп Гвардейцы",
                "Закрыто",
                D("2026-11-11"),
                dt("2026-10-31 11:25"),
                "Разъяснено",
                2,
            ),
            K(),
        ),
        (
            P(
                4,
                "2456794",
                dt("2026-10-29 07:40"),
                "Образование",
                "Школьный транспорт",
                "Школьный автобус из пос. Мойка в Борское не ходит вторую неделю.",
                addr("пос. Мойка", "ул. Лесная", 8),
                "Борский территориальный отдел образования",
                "Зарегистрировано",
                D("2026-11-12"),
            ),
            K(),
        ),
        (
            P(
                5,
                "2456795",
                dt("2026-10-31 16:45"),
                "Электроснабжение",
                "Отключения",
                "В Новоборском упало дерево на провода на ул. Лесной, света нет с утра.",
                addr("Новоборский", "ул. Лесная", 1),
                "Администрация сп Новоборское",
                "В работе",
                D("2026-11-14"),
            ),
            K(),
        ),
    ]
    write_xlsx(
        "pos_header_linebreaks_case.xlsx",
        "pos",
        [{"title": "Лист1", "header": hdr, "rows": rows}],
        tests="header cells with Alt+Enter line breaks («Номер\\nсообщения», «Дата и время\\nподачи»), "
        "leading/trailing spaces, upper and lower case",
        notes="columns/unused_columns give the header text stripped at both ends; compare after "
        "collapsing inner whitespace (a line break inside the cell reads as a space).",
    )

    # 3 — header names the importer does not know today
    hdr = [
        ("№ п/п", "#n"), ("Номер обращения", "source_id"), ("Дата поступления", "received_at"),
        ("Категория", "rubric_group"), ("Содержание обращения", "text"), ("Населённый пункт", "address"),
        ("Ответственный получатель", "recipient_raw"), ("Статус сообщения", "status_raw"),
        ("Дата и время ответа", "first_answer_at"), ("Результат рассмотрения", "outcome_raw"),
        ("Оценка ответа заявителем", "satisfaction_raw"), ("Фото", "#photo"), ("Комментарий модератора", "#mod"),
    ]  # fmt: skip
    rows = [
        (HEADER, None),
        (
            {
                "#n": 1,
                "source_id": "2456701",
                "received_at": dt("2026-10-26 10:05"),
                "rubric_group": "ЖКХ",
                "text": "Третий день нет газа в доме на ул. Садовой, котёл не зажигается.",
                "address": "Петровка",
                "recipient_raw": "Отдел по ЖКХ и дорожному хозяйству",
                "status_raw": "В работе",
                "#photo": "есть",
            },
            K(),
        ),
        (
            {
                "#n": 2,
                "source_id": "2456702",
                "received_at": dt("2026-10-27 12:12"),
                "rubric_group": "Дороги",
                "text": "Не работает светофор у школы на ул. Советской.",
                "address": "Борское",
                "recipient_raw": "Отдел по ЖКХ и дорожному хозяйству",
                "status_raw": "Ответ дан",
                "first_answer_at": dt("2026-10-28 09:30"),
                "outcome_raw": "Решено",
                "satisfaction_raw": 5,
            },
            K(),
        ),
        (
            {
                "#n": 3,
                "source_id": "2456703",
                "received_at": dt("2026-10-28 08:44"),
                "rubric_group": "Мусор",
                "text": "Стихийная свалка за кладбищем, мусор разносит ветром по полю.",
                "address": "пос. Мойка",
                "recipient_raw": "Администрация сп Заплавное",
                "status_raw": "Перенаправлено",
                "first_answer_at": dt("2026-10-29 14:00"),
                "outcome_raw": "Перенаправлено",
                "#mod": "Переадресовано по территориальности",
            },
            K(),
        ),
        (
            {
                "#n": 4,
                "source_id": "2456704",
                "received_at": dt("2026-10-30 17:20"),
                "rubric_group": "Культура",
                "text": "В Доме культуры протекает крыша, кружки отменяют.",
                "address": "Гвардейцы",
                "recipient_raw": "Учреждения культуры района",
                "status_raw": "Зарегистрировано",
            },
            K(),
        ),
        (
            {
                "#n": 5,
                "source_id": "2456705",
                "received_at": dt("2026-10-31 21:03"),
                "rubric_group": "ЖКХ",
                "text": "Прорыв трубы на ул. Заречной, вода течёт по дороге.",
                "address": "Новоборское",
                "recipient_raw": "Администрация сп Новоборское",
                "status_raw": "В работе",
                "#photo": "есть",
            },
            K(),
        ),
    ]
    write_xlsx(
        "pos_header_variants.xlsx",
        "pos",
        [{"title": "Выгрузка", "header": hdr, "rows": rows}],
        tests="id and date under names unknown today: «Номер обращения», «Дата поступления»; "
        "«Содержание обращения» (text), «Населённый пункт» (address), «Дата и время ответа»; "
        "«№ п/п» is a row counter, not the id; two extra columns must be reported unused",
        notes="The address column holds only a village name.",
    )

    # 4 — the table on the second sheet; the first sheet has 2-cell rows that look like a table
    params = [
        (["Параметры выгрузки"], None),
        (["Период:", "26.10.2026 – 01.11.2026"], None),
        (["Муниципальное образование:", "м.р. Борский"], None),
        (["Статусы:", "все"], None),
        (["Сформировал:", "Петрова О.В., МЦУ"], None),
        (["Дата формирования:", "01.11.2026 09:00"], None),
    ]
    rows = [
        (HEADER, None),
        (
            P(
                1,
                "2456711",
                dt("2026-10-26 08:00"),
                "Дороги",
                "Ямы на дорогах",
                "На въезде в Новоборское со стороны трассы огромная яма, пробил колесо.",
                addr("Новоборский", "ул. Трассовая", 1),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-09"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456712",
                dt("2026-10-27 15:45"),
                "Социальная защита",
                "Льготы",
                "Маме 82 года, не оформляют компенсацию за дрова, просим помочь.",
                addr("Заплавное", "ул. Мира", 9),
                "Отдел по социальным вопросам",
                "Ответ дан",
                D("2026-11-10"),
                dt("2026-10-30 12:00"),
                "Разъяснено",
                4,
            ),
            K(),
        ),
        (
            P(
                3,
                "2456713",
                dt("2026-10-29 11:11"),
                "Благоустройство",
                "Детские площадки",
                "На детской площадке в Гвардейцах сломаны качели, торчат болты.",
                addr("Гвардейцы", "ул. Мира", 2),
                "Администрация сп Гвардейцы",
                "Закрыто",
                D("2026-11-12"),
                dt("2026-10-31 10:00"),
                "Решено",
                5,
            ),
            K(),
        ),
        (
            P(
                4,
                "2456714",
                dt("2026-10-31 09:30"),
                "ЖКХ",
                "Водоснабжение",
                "В Петровке по ул. Полевой нет воды, водокачка стоит.",
                addr("Петровка", "ул. Полевая", 12),
                "Администрация сп Петровка",
                "Зарегистрировано",
                D("2026-11-14"),
            ),
            K(),
        ),
    ]
    write_xlsx(
        "pos_second_sheet.xlsx",
        "pos",
        [
            {"title": "Параметры", "rows": params, "widths": {"A": 28, "B": 30}},
            {"title": "Сообщения", "header": POS_HDR, "rows": rows},
        ],
        table_sheet="Сообщения",
        tests="the table is on the 2nd sheet «Сообщения»; the 1st sheet «Параметры» holds label/value pairs "
        "(two filled cells a row) that a naive reader takes for a table",
        notes="Row numbers are of the sheet «Сообщения».",
    )

    # 5 — statuses and results the dictionaries do not know
    def u(
        n, sid, at, status, res=None, ans=None, text="", village="Борское", resp="Администрация сп Борское", rating=None
    ):
        return P(
            n,
            sid,
            at,
            "ЖКХ",
            "Водоснабжение",
            text,
            addr(village, "ул. Советская", n + 10),
            resp,
            status,
            D("2026-11-12"),
            ans,
            res,
            rating,
        )

    rows = [
        (HEADER, None),
        (
            u(
                1,
                "2456721",
                dt("2026-10-26 08:10"),
                "Ответ отправлен",
                ans=dt("2026-10-27 10:00"),
                text="В Борском на ул. Советской нет воды второй день.",
            ),
            K(),
        ),
        (
            u(
                2,
                "2456722",
                dt("2026-10-26 09:20"),
                "Решено",
                "Решено",
                dt("2026-10-27 11:00"),
                text="В Петровке отремонтируйте колонку у дома 5.",
                village="Петровка",
                resp="Администрация сп Петровка",
                rating=5,
            ),
            K(),
        ),
        (
            u(
                3,
                "2456723",
                dt("2026-10-26 10:30"),
                "Просрочено",
                text="Гвардейцы: вода с песком, фильтры забиваются за день.",
                village="Гвардейцы",
                resp="Администрация сп Гвардейцы",
            ),
            K(),
        ),
        (
            u(
                4,
                "2456724",
                dt("2026-10-27 11:40"),
                "Закрыто автоматически",
                "Не решено",
                dt("2026-10-30 00:00"),
                text="Заплавное: напор воды слабый, на второй этаж не поднимается.",
                village="Заплавное",
                resp="Администрация сп Заплавное",
            ),
            K(),
        ),
        (
            u(
                5,
                "2456725",
                dt("2026-10-27 12:50"),
                "закрыто",
                "Решено",
                dt("2026-10-29 16:00"),
                text="Новоборское: течёт колонка на перекрёстке, зимой будет каток.",
                village="Новоборский",
                resp="Администрация сп Новоборское",
                rating=4,
            ),
            K(),
        ),
        (
            u(
                6,
                "2456726",
                dt("2026-10-28 13:00"),
                "ЗАКРЫТО ",
                "Частично решено",
                dt("2026-10-30 09:15"),
                text="пос. Мойка: после замены трубы не восстановили асфальт.",
                village="пос. Мойка",
                resp="Администрация сп Заплавное",
                rating=3,
            ),
            K(),
        ),
        (
            u(
                7,
                "2456727",
                dt("2026-10-29 14:10"),
                "Срок продлён",
                text="Борское: отключают воду каждую ночь без предупреждения.",
            ),
            K(),
        ),
        (
            u(
                8,
                "2456728",
                dt("2026-10-29 15:20"),
                "Срок продлен",
                text="Петровка: просим проверить качество воды в школе.",
                village="Петровка",
                resp="Администрация сп Петровка",
            ),
            K(),
        ),
        (
            u(
                9,
                "2456729",
                dt("2026-10-30 16:30"),
                "На модерации",
                text="Гвардейцы: во дворе открытый колодец без крышки.",
                village="Гвардейцы",
                resp="Администрация сп Гвардейцы",
            ),
            K(),
        ),
        (
            u(
                10,
                "2456730",
                dt("2026-10-31 17:40"),
                "Ответ дан",
                "Меры приняты",
                dt("2026-11-01 10:00"),
                text="Борское: замените счётчик на водоразборной колонке.",
            ),
            K(),
        ),
    ]
    write_xlsx(
        "pos_unknown_statuses.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        tests="unknown statuses «Ответ отправлен», «Решено», «Просрочено», «Закрыто автоматически», "
        "«На модерации» and unknown results «Не решено», «Частично решено» keep their rows with "
        "an «unrecognised» code; known values in odd case/spacing («закрыто», «ЗАКРЫТО », "
        "«Срок продлен» with е) are recognised",
        notes="status/result are given stripped; *_known follows profiles.py today (case-insensitive, ё = е, trimmed).",
    )

    # 6 — every way a date reaches an xlsx cell
    def d(n, sid, at, text, **kw):
        return P(
            n,
            sid,
            at,
            "Дороги",
            "Ямы на дорогах",
            text,
            addr("Борское", "ул. Ленина", n),
            "Отдел по ЖКХ и дорожному хозяйству",
            "В работе",
            D("2026-11-13"),
            **kw,
        )

    rows = [
        (HEADER, None),
        (d(1, "2456731", dt("2026-10-31 03:00"), "Дата — настоящая ячейка даты и времени."), K()),
        (d(2, "2456732", (date(2026, 10, 30), "DD.MM.YYYY"), "Дата без времени, ячейка даты."), K()),
        (
            d(3, "2456733", (46326.125, "General"), "Число 46326,125 в общем формате (дата 31.10.2026 03:00)."),
            K("2026-10-31 03:00:00", note="Excel serial in a General-formatted number cell"),
        ),
        (
            d(4, "2456734", (46325, "General"), "Целое число 46325 в общем формате."),
            K("2026-10-30 00:00:00", note="integer Excel serial"),
        ),
        (d(5, "2456735", "31.10.2026 03:00", "Дата текстом ДД.ММ.ГГГГ ЧЧ:ММ."), K("2026-10-31 03:00:00")),
        (d(6, "2456736", "31.10.2026 03:00:45", "Дата текстом с секундами."), K("2026-10-31 03:00:45")),
        (d(7, "2456737", "2026-10-30T08:15:00", "Дата текстом ISO."), K("2026-10-30 08:15:00")),
        (d(8, "2456738", "30.10.26", "Дата текстом с двузначным годом."), K("2026-10-30 00:00:00")),
        (
            d(9, "2456739", "46324,5", "Серийный номер текстом с запятой."),
            K("2026-10-29 12:00:00", note="Excel serial as text, decimal comma"),
        ),
        (d(10, "2456740", dt("2026-10-29 23:59:59"), "Ячейка даты с секундами."), K()),
        (
            d(
                11,
                "2456741",
                (dt("2026-10-29 14:20"), "[$-419]D MMMM YYYY;@"),
                "Ячейка даты в формате «29 октября 2026»: время есть в значении, но не показано.",
            ),
            K(note="the display hides the time; the cell value 2026-10-29 14:20 counts"),
        ),
        (d(12, "2456742", " 28.10.2026 17:05 ", "Дата текстом с пробелами по краям."), K("2026-10-28 17:05:00")),
        (
            d(13, "2456743", "28.10.2026\u00a017:10", "Дата и время через неразрывный пробел (скопировано с сайта)."),
            K("2026-10-28 17:10:00", note="NO-BREAK SPACE between date and time, pasted from the ПОС web page"),
        ),
    ]
    write_xlsx(
        "pos_dates_excel.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        tests="received_at as a real datetime cell, a date-only cell, Excel serials in number cells "
        "(with and without fraction), text dates DD.MM.YYYY [HH:MM[:SS]], ISO, DD.MM.YY, a serial as "
        "text with a decimal comma, a long Russian date format hiding the time, spaces and NBSP",
        notes="Serials use the 1900 system (day 0 = 1899-12-30).",
    )

    # 7 — a book from Excel for Mac with the 1904 date system
    rows = [
        (HEADER, None),
        (
            P(
                1,
                "2456751",
                dt("2026-10-27 10:00"),
                "ЖКХ",
                "Отопление",
                "В Новоборском в садике холодно, дети болеют.",
                addr("Новоборский", "ул. Школьная", 5),
                "Администрация сп Новоборское",
                "В работе",
                D("2026-11-10"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456752",
                (date(2026, 10, 28), "DD.MM.YYYY"),
                "Дороги",
                "Ямы на дорогах",
                "Петровка, ул. Молодёжная: яма на яме.",
                addr("Петровка", "ул. Молодёжная", 3),
                "Администрация сп Петровка",
                "Ответ дан",
                D("2026-11-11"),
                dt("2026-10-30 08:00"),
                "Решено",
                5,
            ),
            K(),
        ),
        (
            P(
                3,
                "2456753",
                dt("2026-10-31 22:15:30"),
                "Мусор",
                "Вывоз ТКО",
                "Борское: переполнены баки у рынка.",
                addr("Борское", "ул. Первомайская", 40),
                "Администрация сп Борское",
                "В работе",
                D("2026-11-14"),
            ),
            K(),
        ),
    ]
    write_xlsx(
        "pos_date1904.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        epoch1904=True,
        tests="workbook saved with the 1904 date system (Excel for Mac): date cells must come out as "
        "the same dates, not 4 years and 1 day earlier",
        notes="workbookPr date1904=1; all dates are real date cells.",
    )

    # 8 — the same id twice and three times in one file
    def s(n, sid, at, status, ans=None, res=None, text="Петровка: не вывозят мусор с ул. Мира."):
        return P(
            n,
            sid,
            at,
            "Мусор",
            "Вывоз ТКО",
            text,
            addr("Петровка", "ул. Мира", 3),
            "Администрация сп Петровка",
            status,
            D("2026-11-10"),
            ans,
            res,
        )

    rows = [
        (HEADER, None),
        (s(1, "2456761", dt("2026-10-27 09:00"), "В работе"), X("replaced_duplicate", "2026-10-27 09:00:00")),
        (
            s(2, "2456762", dt("2026-10-27 10:00"), "Зарегистрировано", text="Петровка: контейнеры сломаны."),
            X("replaced_duplicate", "2026-10-27 10:00:00"),
        ),
        (
            s(3, 2456763, dt("2026-10-27 11:00"), "В работе", text="Петровка: площадку не убирают."),
            X("replaced_duplicate", "2026-10-27 11:00:00", note="id is a number cell here, a text cell in row 7"),
        ),
        (s(4, "2456761", dt("2026-10-27 09:00"), "Ответ дан", dt("2026-10-29 12:00"), "Решено"), K()),
        (
            s(5, "2456762", dt("2026-10-27 10:00"), "В работе", text="Петровка: контейнеры сломаны."),
            X("replaced_duplicate", "2026-10-27 10:00:00"),
        ),
        (
            s(
                6,
                "2456763",
                dt("2026-10-27 11:00"),
                "Закрыто",
                dt("2026-10-30 10:00"),
                "Решено",
                text="Петровка: площадку не убирают.",
            ),
            K(),
        ),
        (
            s(
                7,
                "2456762",
                dt("2026-10-27 10:00"),
                "Ответ дан",
                dt("2026-10-31 09:00"),
                "Разъяснено",
                text="Петровка: контейнеры сломаны.",
            ),
            K(),
        ),
        (s(8, "2456764", dt("2026-10-28 08:30"), "В работе", text="Петровка: бак сгорел, нужен новый."), K()),
    ]
    write_xlsx(
        "pos_duplicates.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        tests="duplicate ids inside one file: the later row wins, earlier rows are reported as replaced; "
        "one id three times; one id once as a number cell and once as a text cell",
        notes="replaced_by gives the row that wins. After import: 4 appeals.",
    )

    # 9 — ratings outside 1–5, and a footer whose count sits in the id column
    def r(n, sid, at, rating, text):
        return P(
            n,
            sid,
            at,
            "Благоустройство",
            "Уборка территорий",
            text,
            addr("Гвардейцы", "ул. Садовая", n),
            "Администрация сп Гвардейцы",
            "Закрыто",
            D("2026-11-10"),
            dt("2026-10-30 12:00"),
            "Решено",
            rating,
        )

    rows = [
        (HEADER, None),
        (r(1, "2456771", dt("2026-10-26 08:00"), 5, "Гвардейцы: уберите листья с тротуара у школы."), K()),
        (
            r(2, "2456772", dt("2026-10-26 09:00"), 0, "Гвардейцы: покосить траву у остановки."),
            REJ("bad_rating", "rating 0"),
        ),
        (
            r(3, "2456773", dt("2026-10-26 10:00"), 6, "Гвардейцы: убрать упавшее дерево."),
            REJ("bad_rating", "rating 6"),
        ),
        (
            r(4, "2456774", dt("2026-10-26 11:00"), None, "Гвардейцы: вывезти строительный мусор."),
            K(note="no rating: fine"),
        ),
        (
            r(5, "2456775", dt("2026-10-26 12:00"), "4", "Гвардейцы: покрасить забор парка."),
            K(note="rating as a text cell «4»"),
        ),
        (
            r(6, "2456776", dt("2026-10-26 13:00"), 10, "Гвардейцы: убрать снег у ФАПа."),
            REJ("bad_rating", "rating 10 (a 10-point scale)"),
        ),
        (r(7, "2456777", dt("2026-10-26 14:00"), -1, "Гвардейцы: засыпать канаву."), REJ("bad_rating", "rating -1")),
        (r(8, "2456778", dt("2026-10-26 15:00"), 1, "Гвардейцы: починить лавочки."), K()),
        ([], SKIP("blank")),
        (
            ["Итого:", 8, None, None, None, None, None, None, None, None, None, None, None, "Средняя оценка:", "3,3"],
            SKIP("total", "«Итого:» in № п/п, the count 8 in the id column, «Средняя оценка: 3,3» under ratings"),
        ),
        (["Исполнитель: ____________ Петрова О.В."], SKIP("signature")),
    ]
    write_xlsx(
        "pos_rating_out_of_range.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        tests="ratings 0, 6, 10, -1 reject only their rows; empty and text «4» are fine; a footer with a "
        "number in the id column and a text «3,3» in the rating column is skipped, not rejected",
        notes="",
    )

    # 10 — dates in the future and before 2000
    def f(n, sid, at, text):
        return P(
            n,
            sid,
            at,
            "Дороги",
            "Содержание дорог",
            text,
            addr("Заплавное", "ул. Строителей", n),
            "Администрация сп Заплавное",
            "В работе",
            D("2026-11-20"),
        )

    rows = [
        (HEADER, None),
        (f(1, "2456601", dt("2027-01-15 10:00"), "Заплавное: грейдировать дорогу к кладбищу."), K(flag="future")),
        (f(2, "2456602", dt("1999-12-31 23:00"), "Заплавное: нет указателя поворота на Мойку."), K(flag="before_2000")),
        (
            f(3, "2456603", (date(1900, 1, 1), "DD.MM.YYYY"), "Заплавное: дорожный знак упал."),
            K(flag="before_2000", note="01.01.1900 — serial 1, what an empty date cell turns into"),
        ),
        (
            f(4, "2456604", dt("2026-11-30 18:00"), "Заплавное: подсыпать щебень у моста."),
            K(note="the day before the cut-off: not flagged"),
        ),
        (
            f(5, "2456605", "12.05.2062", "Заплавное: промоина на ул. Садовой."),
            K("2062-05-12 00:00:00", flag="future", note="text date, year typo"),
        ),
        (f(6, "2456606", dt("2026-10-29 09:30"), "Заплавное: размыло обочину."), K()),
        (
            f(7, "2456607", "15.10.2016", "Заплавное: яма у магазина."),
            K("2016-10-15 00:00:00", note="ten years old but after 2000: not flagged"),
        ),
    ]
    write_xlsx(
        "pos_future_past_dates.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        tests="received_at after 2026-12-01 (flag future) or before 2000 (flag before_2000): rows kept",
        notes="Only received_at is flagged; due dates in this file are 2026-11-20.",
    )

    # 11 — text cells at and over the 32 767-character limit (Excel cannot, an export library can)
    seed = (
        "Глава, обратите внимание! В Борском на ул. Октябрьской после ремонта теплотрассы не засыпали "
        "траншею, машины проваливаются, пенсионеры ходят по грязи."
    )
    rows = [
        (HEADER, None),
        (
            P(
                1,
                "2456611",
                dt("2026-10-26 11:00"),
                "ЖКХ",
                "Теплоснабжение",
                seed,
                addr("Борское", "ул. Октябрьская", 1),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-09"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456612",
                dt("2026-10-27 11:00"),
                "ЖКХ",
                "Теплоснабжение",
                "@@LONG32767@@",
                addr("Борское", "ул. Октябрьская", 2),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-10"),
            ),
            K(note="text of exactly 32 767 characters: the limit itself, kept", text_len=32767),
        ),
        (
            P(
                3,
                "2456613",
                dt("2026-10-28 11:00"),
                "ЖКХ",
                "Теплоснабжение",
                "@@LONG32768@@",
                addr("Борское", "ул. Октябрьская", 3),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-11"),
            ),
            REJ("cell_too_long", "text of 32 768 characters", text_len=32768),
        ),
        (
            P(
                4,
                "2456614",
                dt("2026-10-29 11:00"),
                "ЖКХ",
                "Теплоснабжение",
                "@@LONG40000@@",
                addr("Борское", "ул. Октябрьская", 4),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-12"),
            ),
            REJ("cell_too_long", "text of 40 000 characters", text_len=40000),
        ),
        (
            P(
                5,
                "2456615",
                dt("2026-10-30 11:00"),
                "ЖКХ",
                "Теплоснабжение",
                "Борское: траншею засыпали, спасибо.",
                addr("Борское", "ул. Октябрьская", 5),
                "Отдел по ЖКХ и дорожному хозяйству",
                "Закрыто",
                D("2026-11-13"),
                dt("2026-10-31 09:00"),
                "Решено",
                5,
            ),
            K(),
        ),
    ]

    def put_long(data: bytes) -> bytes:
        def edit(xml: str) -> str:
            for n in (32767, 32768, 40000):
                xml = xml.replace(f"@@LONG{n}@@", long_text(n, seed))
            return xml

        return _zip_replace(data, "xl/worksheets/sheet1.xml", edit)

    write_xlsx(
        "pos_long_cell.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        postprocess=put_long,
        tests="a text cell of exactly 32 767 characters is kept; 32 768 and 40 000 reject only their rows",
        notes="openpyxl cuts strings at 32 767 on write, so the long strings are put into the "
        "sheet XML afterwards (as a non-Excel exporter would write them).",
    )

    # 12 — declared dimension A1:XFD1048576 with a handful of real cells
    rows = [
        (HEADER, None),
        (
            P(
                1,
                "2456621",
                dt("2026-10-27 08:20"),
                "Дороги",
                "Ямы на дорогах",
                "Борское: яма у автостанции.",
                addr("Борское", "ул. Вокзальная", 1),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-10"),
            ),
            K(),
        ),
        (
            P(
                2,
                "2456622",
                dt("2026-10-28 09:25"),
                "ЖКХ",
                "Водоснабжение",
                "Гвардейцы: нет воды на ул. Мира.",
                addr("Гвардейцы", "ул. Мира", 4),
                "Администрация сп Гвардейцы",
                "Ответ дан",
                D("2026-11-11"),
                dt("2026-10-29 10:00"),
                "Решено",
                5,
            ),
            K(),
        ),
        (
            P(
                3,
                "2456623",
                dt("2026-10-29 10:30"),
                "Мусор",
                "Вывоз ТКО",
                "Петровка: баки не вывозят.",
                addr("Петровка", "ул. Мира", 9),
                "Администрация сп Петровка",
                "В работе",
                D("2026-11-12"),
            ),
            K(),
        ),
    ]

    def sparse(data: bytes) -> bytes:
        def edit(xml: str) -> str:
            xml, n = re.subn(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)
            assert n == 1
            return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>')

        return _zip_replace(data, "xl/worksheets/sheet1.xml", edit)

    write_xlsx(
        "pos_sparse_xfd.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows}],
        postprocess=sparse,
        acceptable_alternative={"expect": "refused", "refuse_reason": "bomb"},
        tests='<dimension ref="A1:XFD1048576"/> and a styled empty cell XFD1048576 (what Ctrl+End '
        "finds after someone formatted the whole sheet) around 4 rows of real data: a reader that "
        "trusts the declared size pads 1 048 576 rows × 16 384 columns",
        notes="Must be read by its real cells in well under a second, or refused as a bomb (both are "
        "acceptable; importing it is preferred). Row 1048576 holds only a styled cell without a "
        "value: it is not a data row and is not listed; no million skipped rows must be reported.",
    )


# ---- whole-file refusals and cross-file pairs of ПОС

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _minimal_parts(sheet_name: str) -> dict[str, str]:
    return {
        "[Content_Types].xml": XML_HEAD
        + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": XML_HEAD
        + (
            f'<Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" Type="{NS_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": XML_HEAD
        + (
            f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets><sheet name="{sheet_name}" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": XML_HEAD
        + (
            f'<Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" Type="{NS_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }


def _inline_row(number: int, values: list[str]) -> str:
    cells = []
    for i, v in enumerate(values):
        col = ""
        k = i + 1
        while k:
            k, rem = divmod(k - 1, 26)
            col = chr(65 + rem) + col
        cells.append(f'<c r="{col}{number}" t="inlineStr"><is><t>{v}</t></is></c>')
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def _write_hand_xlsx(path: Path, sheet_name: str, dimension: str, header: list[str], body_chunks, level=9) -> None:
    """A hand-built xlsx: no styles, inline strings, the sheet streamed from body_chunks (an iterable of str)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, text in _minimal_parts(sheet_name).items():
            zf.writestr(zipfile.ZipInfo(name, FIXED_TIME), text, compress_type=zipfile.ZIP_DEFLATED)
        sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_TIME)
        sheet.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(sheet, "w", force_zip64=True) as out:
            out.write(
                (
                    XML_HEAD
                    + f'<worksheet xmlns="{NS_MAIN}"><dimension ref="{dimension}"/><sheetData>'
                    + _inline_row(1, header)
                ).encode()
            )
            for chunk in body_chunks:
                out.write(chunk.encode())
            out.write(b"</sheetData></worksheet>")


POS_HEADER_NAMES = [h for h, _ in POS_HDR]


def build_pos_bomb_dense(path: Path, rows: int = 370, cols: int = 16_384) -> Path:
    """6 million identical real cells (370 full-width rows of «1») packed ~500:1 into ~180 KB; ~91 MB unpacked."""
    row = "<row>" + "<c><v>1</v></c>" * cols + "</row>"
    _write_hand_xlsx(path, "Сообщения", f"A1:XFD{rows + 1}", POS_HEADER_NAMES, (row for _ in range(rows)))
    return path


def build_pos_over_cell_budget(path: Path, rows: int = 375_000) -> Path:
    """A ПОС-like sheet of 16 columns × 375 000 rows = 6 million real cells of varied numbers.

    It packs only about 5–8 times, so it passes a ratio guard, stays well under 50 MB (about 20 MB) and
    unpacks to about 120 MB (under a 1 GB guard): only a budget of real cells (~5 million) refuses it.
    Takes a few seconds.
    """
    rnd = random.Random(20261101)

    def chunks():
        buf = []
        for i in range(rows):
            serial = 46000 + rnd.random() * 330
            cells = [f"<c><v>{i + 1}</v></c>", f"<c><v>{2_400_000 + i}</v></c>", f"<c><v>{serial:.6f}</v></c>"]
            cells += [f"<c><v>{rnd.randrange(10**6)}</v></c>" for _ in range(13)]
            buf.append("<row>" + "".join(cells) + "</row>")
            if len(buf) == 2000:
                yield "".join(buf)
                buf = []
        if buf:
            yield "".join(buf)

    _write_hand_xlsx(path, "Сообщения", f"A1:P{rows + 1}", POS_HEADER_NAMES, chunks(), level=6)
    return path


def _small_pos_book(first_id: int) -> bytes:
    rows = [
        (HEADER, None),
        (
            P(
                1,
                str(first_id),
                dt("2026-10-27 08:00"),
                "Дороги",
                "Ямы на дорогах",
                "Борское: яма у почты.",
                addr("Борское", "ул. Почтовая", 3),
                "Отдел по ЖКХ и дорожному хозяйству",
                "В работе",
                D("2026-11-10"),
            ),
            K(),
        ),
        (
            P(
                2,
                str(first_id + 1),
                dt("2026-10-28 09:00"),
                "ЖКХ",
                "Отопление",
                "Петровка: в клубе холодно.",
                addr("Петровка", "ул. Мира", 1),
                "Администрация сп Петровка",
                "В работе",
                D("2026-11-11"),
            ),
            K(),
        ),
        (
            P(
                3,
                str(first_id + 2),
                dt("2026-10-29 10:00"),
                "Мусор",
                "Вывоз ТКО",
                "Гвардейцы: свалка у пруда.",
                addr("Гвардейцы", "ул. Прудовая", 6),
                "Администрация сп Гвардейцы",
                "В работе",
                D("2026-11-12"),
            ),
            K(),
        ),
    ] + [
        (
            P(
                3 + i,
                str(first_id + 2 + i),
                dt("2026-10-30 10:00"),
                "Благоустройство",
                "Уличное освещение",
                f"Заплавное: не горит фонарь у дома {i} по ул. Садовой, просим заменить лампу.",
                addr("Заплавное", "ул. Садовая", i),
                "Администрация сп Заплавное",
                "В работе",
                D("2026-11-13"),
            ),
            K(),
        )
        for i in range(1, 40)
    ]
    return xlsx_bytes([{"title": "Сообщения", "header": POS_HDR, "rows": rows}])


def pos_refused_and_cross() -> None:
    # truncated: a good book cut at 60 % of its bytes (an interrupted download)
    good = _small_pos_book(2456631)
    (HERE / "pos_truncated.xlsx").write_bytes(good[: int(len(good) * 0.6)])
    refused(
        "pos_truncated.xlsx",
        "pos",
        "truncated",
        fmt="xlsx",
        tests="an xlsx cut at 60 % of its length: starts with PK, has no central directory",
        notes="Refused as a whole with a Russian reason; nothing imported.",
    )

    # corrupt: the compressed sheet data damaged in the middle (CRC/inflate error while reading rows)
    data = bytearray(_small_pos_book(2456641))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    middle = start + info.compress_size // 2
    for i in range(middle, middle + 24):
        data[i] ^= 0x5A
    (HERE / "pos_crc_corrupt.xlsx").write_bytes(bytes(data))
    refused(
        "pos_crc_corrupt.xlsx",
        "pos",
        "corrupt",
        fmt="xlsx",
        tests="a complete zip directory, but 24 bytes inside the deflated sheet1.xml are damaged: the "
        "book opens, and fails only while its rows are read (zlib error or Bad CRC-32)",
        notes="openpyxl read_only opens it lazily; the error comes from iter_rows, not load_workbook. "
        "Refused as a whole: no partial import of the rows before the damage.",
    )

    # password-protected: a real agile-encrypted OOXML (an OLE compound file) made by msoffcrypto-tool
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:  # pragma: no cover - then the file is simply not rebuilt
        OOXMLFile = None
    target = HERE / "pos_password.xlsx"
    if OOXMLFile is not None and target.exists():  # encryption salts at random: keep a file that still opens
        try:
            probe = OOXMLFile(io.BytesIO(target.read_bytes()))
            probe.load_key(password="Borskiy-2026")
            probe.decrypt(io.BytesIO())
            OOXMLFile = None
        except Exception:  # noqa: BLE001 - a file that does not open is rebuilt
            pass
    if OOXMLFile is not None:
        plain = io.BytesIO(_small_pos_book(2456651))
        out = io.BytesIO()
        OOXMLFile(plain).encrypt("Borskiy-2026", out)
        (HERE / "pos_password.xlsx").write_bytes(out.getvalue())
    refused(
        "pos_password.xlsx",
        "pos",
        "password",
        fmt="xlsx",
        tests="an xlsx protected with a password to open (Файл → Сведения → Защитить книгу → Зашифровать "
        "с паролем), made with msoffcrypto-tool; password «Borskiy-2026»",
        notes="Starts with the OLE signature D0 CF 11 E0 like an old .xls; the reason should say «защищён паролем».",
    )

    # a zip that is not a workbook
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        rnd = random.Random(7)
        jpeg = (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + bytes(rnd.randrange(256) for _ in range(3000))
            + b"\xff\xd9"
        )
        zf.writestr(zipfile.ZipInfo("Фото/IMG_2041.jpg", FIXED_TIME), jpeg)
        zf.writestr(
            zipfile.ZipInfo("Опись.txt", FIXED_TIME),
            "Фото ямы на ул. Советской, с. Борское, 30.10.2026\r\n".encode("cp1251"),
        )
    (HERE / "pos_not_workbook.xlsx").write_bytes(buf.getvalue())
    refused(
        "pos_not_workbook.xlsx",
        "pos",
        "not_a_table",
        fmt="xlsx",
        tests="a zip of photos renamed to .xlsx: a valid zip without xl/workbook.xml",
        notes="acceptable reasons: not_a_table or corrupt.",
    )

    # a workbook holding a letter, not a table
    letter = [
        (["Главе муниципального района Борский"], None),
        (["от МЦУ"], None),
        ([], None),
        (["Служебная записка"], None),
        ([], None),
        (
            [
                "Направляем выгрузку сообщений ПОС за период с 26.10.2026 по 01.11.2026. Таблица будет "
                "направлена отдельным письмом в связи с техническим сбоем на платформе."
            ],
            None,
        ),
        ([], None),
        (["Приложение: нет."], None),
        (["Руководитель МЦУ ____________ /Иванов И.И./"], None),
    ]
    (HERE / "pos_letter_in_workbook.xlsx").write_bytes(
        xlsx_bytes([{"title": "Лист1", "rows": letter, "widths": {"A": 100}}])
    )
    refused(
        "pos_letter_in_workbook.xlsx",
        "pos",
        "not_a_table",
        fmt="xlsx",
        tests="a valid workbook whose only sheet holds a cover letter in column A",
        notes="acceptable reasons: not_a_table or no_columns.",
    )

    # a dense bomb: packs a thousandfold
    build_pos_bomb_dense(HERE / "pos_bomb_dense.xlsx")
    refused(
        "pos_bomb_dense.xlsx",
        "pos",
        "bomb",
        fmt="xlsx",
        tests="6 million real cells (370 rows × 16 384 columns of «1», plus the header) deflated ~500:1 "
        "into a file of ~180 KB; unpacks to ~91 MB",
        notes="Refused before the rows are read (ratio guard) or by the cell budget; both say «bomb». "
        "Built by build_pos_bomb_dense(); committed because it is small.",
    )

    refused(
        "pos_over_cell_budget.xlsx",
        "pos",
        "too_many_cells",
        fmt="xlsx",
        generated={"builder": "build_pos_over_cell_budget", "args": {}, "approx_size_mb": 20},
        tests="6 million real cells of varied numbers (16 columns × 375 000 rows): packs only ~6:1, "
        "well under 50 MB, passes size and ratio guards; only the ~5 million real-cell budget refuses it",
        notes="Not committed: make_corpus.build_pos_over_cell_budget(path) builds it in a few seconds.",
    )

    # cross-file: the same ПОС messages a week later
    def c(n, sid, at, status, text, village, resp, ans=None, res=None, rating=None, **extra):
        return P(
            n,
            sid,
            at,
            "ЖКХ",
            "Водоснабжение",
            text,
            addr(village, "ул. Садовая", n + 3),
            resp,
            status,
            D("2026-11-12"),
            ans,
            res,
            rating,
            **extra,
        )

    w1 = [
        (
            "2456801",
            dt("2026-10-27 08:15"),
            "Закрыто",
            "Петровка: нет воды по ул. Садовой.",
            "Петровка",
            "Администрация сп Петровка",
            dt("2026-10-28 12:00"),
            "Решено",
            5,
        ),
        (
            "2456802",
            dt("2026-10-28 10:40"),
            "В работе",
            "Гвардейцы: колонка не работает.",
            "Гвардейцы",
            "Администрация сп Гвардейцы",
            None,
            None,
            None,
        ),
        (
            "2456803",
            dt("2026-10-29 13:05"),
            "Зарегистрировано",
            "Заплавное: ржавая вода.",
            "Заплавное",
            "Администрация сп Заплавное",
            None,
            None,
            None,
        ),
        (
            "2456804",
            dt("2026-10-30 09:50"),
            "Ответ дан",
            "Борское: слабый напор.",
            "Борское",
            "Администрация сп Борское",
            dt("2026-10-31 15:30"),
            "Разъяснено",
            None,
        ),
        (
            "2456805",
            dt("2026-10-31 18:25"),
            "Перенаправлено",
            "пос. Мойка: течь в колодце.",
            "пос. Мойка",
            "Администрация сп Заплавное",
            dt("2026-11-01 08:00"),
            "Перенаправлено",
            None,
        ),
    ]
    rows1 = [([TITLE], None), (["Сформировано 01.11.2026 09:00"], None), ([], None), (HEADER, None)]
    rows1 += [(c(i + 1, *v[:3], v[3], v[4], v[5], *v[6:]), K()) for i, v in enumerate(w1)]
    write_xlsx(
        "pos_cross_week1.xlsx",
        "pos",
        [{"title": "Сообщения", "header": POS_HDR, "rows": rows1, "merges": ["A1:P1", "A2:P2"]}],
        tests="cross-file pair, first export (import it into an empty store first)",
        notes="5 new appeals.",
    )
    hdr2 = [
        ("№ п/п", "#n"), ("Номер сообщения", "source_id"), ("Дата и время подачи", "received_at"),
        ("Статус", "status_raw"), ("Ответственный", "recipient_raw"), ("Категория", "rubric_group"),
        ("Подкатегория", "rubric"), ("Текст сообщения", "text"), ("Адрес", "address"), ("Широта", "lat"),
        ("Долгота", "lon"), ("Срок ответа", "due_at"), ("Дата ответа", "first_answer_at"),
        ("Результат", "outcome_raw"), ("Оценка заявителя", "satisfaction_raw"), ("Тип заявителя", "author_raw"),
        ("Фото", "#photo"),
    ]  # fmt: skip
    w2 = [
        (w1[0], {}, "identical"),
        (w1[1], {"status": "Ответ дан", "ans": dt("2026-11-02 11:00"), "res": "Разъяснено"}, "updated"),
        (w1[2], {"status": "В работе"}, "updated"),
        (w1[3], {}, "identical"),
    ]
    rows2 = [
        (["Выгрузка сообщений Платформы обратной связи: муниципальный район Борский, 26.10.2026 – 08.11.2026"], None),
        (["Сформировано 08.11.2026 09:00"], None),
        ([], None),
        (HEADER, None),
    ]
    for i, (v, change, _what) in enumerate(w2):
        sid, at, status, text, village, resp, ans, res, rating = v
        status = change.get("status", status)
        ans = change.get("ans", ans)
        res = change.get("res", res)
        rows2.append(
            (
                c(
                    i + 1,
                    sid,
                    at,
                    status,
                    text,
                    village,
                    resp,
                    ans,
                    res,
                    rating,
                    **{"#photo": "есть" if i % 2 else None},
                ),
                K(),
            )
        )
    rows2.append(
        (
            c(
                5,
                "2456810",
                dt("2026-11-03 07:30"),
                "В работе",
                "Борское: прорыв на ул. Садовой.",
                "Борское",
                "Администрация сп Борское",
            ),
            K(),
        )
    )
    rows2.append(
        (
            c(
                6,
                "2456811",
                dt("2026-11-05 16:10"),
                "Зарегистрировано",
                "Петровка: нет воды в школе.",
                "Петровка",
                "Администрация сп Петровка",
            ),
            K(),
        )
    )
    write_xlsx(
        "pos_cross_week2.xlsx",
        "pos",
        [{"title": "Сообщения", "header": hdr2, "rows": rows2, "merges": ["A1:Q1", "A2:Q2"]}],
        tests="cross-file pair, second export a week later: columns reordered and a new unused column "
        "«Фото»; 2456801 and 2456804 identical, 2456802 and 2456803 changed status, 2456810 and "
        "2456811 new, 2456805 absent",
        notes="The identical rows differ only in «№ п/п», column order and the unused «Фото» column: "
        "none of these is a canonical field, so they are unchanged.",
    )
    cross(
        "pos_cross_week1.xlsx",
        "pos_cross_week2.xlsx",
        2,
        2,
        2,
        "2456805 is absent from the second export: it stays as it was and is not counted.",
    )


# ---------------------------------------------------------------------------------------------------------
# «Инцидент менеджмент», csv

IM_HDR = [
    ("ID", "source_id"), ("Дата создания", "received_at"), ("Источник", "channel_raw"), ("Рубрика", "rubric"),
    ("Текст", "text"), ("Ответственный", "recipient_raw"), ("Статус", "status_raw"),
    ("Дата первой реакции", "first_reaction_at"), ("Дата ответа", "first_answer_at"),
    ("Качество ответа", "outcome_raw"),
]  # fmt: skip


def IMR(sid, at, ch, rub, text, resp, status, react="", ans="", q="", **extra) -> dict:
    row = {
        "source_id": sid,
        "received_at": at,
        "channel_raw": ch,
        "rubric": rub,
        "text": text,
        "recipient_raw": resp,
        "status_raw": status,
        "first_reaction_at": react,
        "first_answer_at": ans,
        "outcome_raw": q,
    }
    row.update(extra)
    return row


def im_files() -> None:
    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58101",
                "2026-10-31T03:00",
                "ВКонтакте",
                "Уличное освещение",
                "В Петровке на ул. Мира опять не горят фонари, дети ходят в темноте.",
                "Администрация сп Петровка",
                "В работе",
                "2026-10-31T09:12",
            ),
            K("2026-10-31 03:00:00"),
        ),
        (
            IMR(
                "IM-58102",
                "2026-10-31 03:00",
                "ВКонтакте",
                "Дороги",
                "Гвардейцы, ул. Комсомольская: яма на яме, скоро машину утопим.",
                "Администрация сп Гвардейцы",
                "Закрыт",
                "2026-10-31 08:40",
                "2026-10-31 17:05",
                "Решено",
            ),
            K("2026-10-31 03:00:00"),
        ),
        (
            IMR(
                "IM-58103",
                "2026-10-30T21:47",
                "Одноклассники",
                "Вывоз мусора",
                "Новоборское: мусор не вывозят вторую неделю, воняет на всю улицу.",
                "Администрация сп Новоборское",
                "Передан по компетенции",
                "2026-10-31T08:00",
                "2026-10-31T08:00",
                "Переадресация",
            ),
            K("2026-10-30 21:47:00"),
        ),
        (
            IMR(
                "IM-58104",
                "2026-10-29 09:05",
                "Telegram",
                "Водоснабжение",
                "Заплавное без воды с утра, когда дадут?",
                "Администрация сп Заплавное",
                "Ответ опубликован",
                "2026-10-29 09:30",
                "2026-10-29 11:15",
                "Разъяснение",
            ),
            K("2026-10-29 09:05:00"),
        ),
        (
            IMR(
                "IM-58105",
                "2026-10-26T00:00",
                "ВКонтакте",
                "Транспорт",
                "Автобус из пос. Мойка опять не пришёл, люди стоят на морозе.",
                "Перевозчик по муниципальным маршрутам",
                "Новый",
            ),
            K("2026-10-26 00:00:00", note="midnight"),
        ),
    ]
    write_csv(
        "im_iso_minutes.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\n",
        encoding="utf-8",
        tests="ISO dates to the minute: with «T» and with a space, in received and answer columns",
        notes="UTF-8 without BOM, LF.",
    )

    def o(sid, at, text, status="В работе"):
        return IMR(sid, at, "ВКонтакте", "Дороги", text, "Отдел по ЖКХ и дорожному хозяйству", status)

    rows = [
        (HEADER, None),
        (o("IM-58111", "2026-10-31T03:00:15", "Борское: открытый люк на ул. Ленина."), K("2026-10-31 03:00:15")),
        (o("IM-58112", "2026-10-31 03:00:15", "Борское: яма у рынка."), K("2026-10-31 03:00:15")),
        (
            o("IM-58113", "2026-10-31T03:00:15.123", "Петровка: нет освещения у моста."),
            K("2026-10-31 03:00:15", note="milliseconds dropped"),
        ),
        (
            o("IM-58114", "2026-10-31T03:00:15.987654", "Гвардейцы: сломан светофор."),
            K("2026-10-31 03:00:15", note="fractions are truncated, not rounded"),
        ),
        (
            o("IM-58115", "2026-10-31T03:00:00+04:00", "Заплавное: разбит асфальт у почты."),
            K("2026-10-31 03:00:00", note="Samara offset: wall time kept"),
        ),
        (
            o("IM-58116", "2026-10-31T03:00:00+03:00", "Новоборское: нет знака у школы."),
            K("2026-10-31 03:00:00", note="Moscow offset: wall time kept as written, NOT shifted to 04:00"),
        ),
        (
            o("IM-58117", "2026-10-30T23:30:00Z", "пос. Мойка: размыло дорогу."),
            K("2026-10-30 23:30:00", note="Z: wall time kept, NOT shifted to 2026-10-31 03:30"),
        ),
        (o("IM-58118", "2026-10-30T23:30:00.500Z", "Борское: упал столб."), K("2026-10-30 23:30:00")),
        (o("IM-58119", "2026-10-30", "Петровка: гололёд на спуске."), K("2026-10-30 00:00:00")),
        (o("IM-58120", "2026-10-30T10:20:30.123+04:00", "Гвардейцы: нет тротуара."), K("2026-10-30 10:20:30")),
        (
            o("IM-58121", "2026-10-30 10:20:30.5+04", "Заплавное: яма на въезде."),
            K("2026-10-30 10:20:30", note="PostgreSQL text output of timestamptz: offset «+04» without minutes"),
        ),
    ]
    write_csv(
        "im_iso_seconds_offsets.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\r\n",
        encoding="utf-8",
        tests="ISO with seconds, fractions (.123, .987654, .5), offsets +04:00/+03:00/+04 and Z, date only",
        notes="Convention: the wall-clock time as written, the offset dropped, fractions truncated.",
    )

    def ch(sid, at, channel, text, status="Закрыт", q="Решено", ans="2026-10-30 12:00"):
        return IMR(
            sid, at, channel, "Благоустройство", text, "Администрация сп Борское", status, "2026-10-30 10:00", ans, q
        )

    rows = [
        (HEADER, None),
        (
            ch("IM-58131", "2026-10-29 08:00", "ВКонтакте", "Борское: не убирают листву в парке."),
            K("2026-10-29 08:00:00"),
        ),
        (
            ch("IM-58132", "2026-10-29 08:10", "Одноклассники", "Борское: сломаны скамейки у ДК."),
            K("2026-10-29 08:10:00"),
        ),
        (ch("IM-58133", "2026-10-29 08:20", "Telegram", "Борское: грязь на остановке."), K("2026-10-29 08:20:00")),
        (
            ch("IM-58134", "2026-10-29 08:30", "Max", "Борское: во дворе нет освещения.", "Просрочено", "", ""),
            K("2026-10-29 08:30:00", note="channel «Max» and status «Просрочено» unknown"),
        ),
        (
            ch("IM-58135", "2026-10-29 08:40", "Дзен", "Борское: статья о свалке у реки.", "В работе", "", ""),
            K("2026-10-29 08:40:00"),
        ),
        (
            ch("IM-58136", "2026-10-29 08:50", "VK", "Борское: сухие деревья у школы.", q="Хорошо"),
            K("2026-10-29 08:50:00", note="quality «Хорошо» unknown"),
        ),
        (ch("IM-58137", "2026-10-29 09:00", "вк", "Борское: покосившийся забор у садика."), K("2026-10-29 09:00:00")),
        (
            ch("IM-58138", "2026-10-29 09:10", "Макс", "Борское: мусор у рынка.", q="Не оценено"),
            K("2026-10-29 09:10:00"),
        ),
        (
            ch("IM-58139", "2026-10-29 09:20", "", "Борское: ветка на проводах.", "Новый", "", ""),
            K("2026-10-29 09:20:00", note="no channel: the profile default applies"),
        ),
        (
            ch("IM-58140", "2026-10-29 09:30", "Яндекс.Карты", "Отзыв: в Борском у МФЦ нет пандуса.", q="Отписка"),
            K("2026-10-29 09:30:00"),
        ),
    ]
    write_csv(
        "im_unknown_channels.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\r\n",
        encoding="utf-8",
        tests="unknown channels «Max», «Макс», «Дзен», «Яндекс.Карты», unknown status «Просрочено» and "
        "quality values «Хорошо», «Не оценено» keep their rows; «VK», «вк» are known",
        notes="",
    )

    addresses = "; ".join(f"Садовая {n}" for n in range(1, 120, 2))
    t1 = (
        "Жители Петровки просят:\n1) отремонтировать дорогу на ул. Мира;\n2) поставить фонари у школы;\n"
        "3) вывезти мусор с площадки; спасибо ;)"
    )
    t2 = 'Пишу в третий раз; ответа нет; обещали "до конца недели"; где результат?; ;-('
    t3 = 'Глава, обратите внимание: в Гвардейцах "Дом культуры" закрыт; кружки отменили; дети сидят дома ;( ;('
    t4 = f"Новоборское: не вывозят мусор по адресам: {addresses}. Всё это с 20 октября."
    t5 = '"Срочно!"\nВ Заплавном прорвало трубу; вода заливает подвалы;\n'
    t6 = "Борское: свет отключают каждый вечер;\r\nхолодильники ломаются; компенсацию кто заплатит?"
    rows = [
        (HEADER, None),
        (
            IMR("IM-58141", "2026-10-27 10:00", "ВКонтакте", "Дороги", t1, "Администрация сп Петровка", "В работе"),
            K("2026-10-27 10:00:00", text_raw=t1),
        ),
        (
            IMR(
                "IM-58142",
                "2026-10-27 11:00",
                "ВКонтакте",
                "Дороги",
                t2,
                "Отдел по ЖКХ и дорожному хозяйству",
                "Закрыт",
                "2026-10-27 12:00",
                "2026-10-28 09:00",
                "Отписка",
            ),
            K("2026-10-27 11:00:00", text_raw=t2),
        ),
        (
            IMR(
                "IM-58143",
                "2026-10-27 12:00",
                "Одноклассники",
                "Культура",
                t3,
                "Учреждения культуры района",
                "В работе",
            ),
            K("2026-10-27 12:00:00", text_raw=t3),
        ),
        (
            IMR(
                "IM-58144",
                "2026-10-28 08:00",
                "ВКонтакте",
                "Вывоз мусора",
                t4,
                "Администрация сп Новоборское, МУП «Новоборское ЖКХ»",
                "Новый",
            ),
            K("2026-10-28 08:00:00", text_raw=t4, note="60 «;» inside one field"),
        ),
        (
            IMR(
                "IM-58145",
                "2026-10-28 09:00",
                "Telegram",
                "Водоснабжение",
                t5,
                "Администрация сп Заплавное",
                "В работе",
            ),
            K("2026-10-28 09:00:00", text_raw=t5.replace("\r\n", "\n")),
        ),
        (
            IMR(
                "IM-58146",
                "2026-10-28 10:00",
                "ВКонтакте",
                "Электроснабжение",
                t6,
                "Администрация сп Борское",
                "В работе",
            ),
            K("2026-10-28 10:00:00", text_raw=t6.replace("\r\n", "\n"), note="a CRLF inside the quoted cell"),
        ),
    ]
    write_csv(
        "im_quoted_multiline.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\r\n",
        encoding="utf-8",
        bom=True,
        tests="comma-separated, quoted fields with embedded «;», «,», doubled quotes, LF and CRLF line "
        "breaks; the first 30 lines hold more «;» than «,», so counting characters picks the wrong "
        "separator",
        notes="UTF-8 with BOM, CRLF between records. text_raw: the cell as read, line breaks as LF, "
        "before masking. Rows are records: a quoted line break does not start a new row.",
    )

    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58151",
                "2026-10-30 08:00",
                "ВКонтакте",
                "Электроснабжение",
                "В Петровке\x00 нет света с утра.",
                "Администрация сп Петровка",
                "Новый",
            ),
            K("2026-10-30 08:00:00", text_raw="В Петровке нет света с утра."),
        ),
        (
            IMR(
                "IM-58152",
                "2026-10-30 09:00",
                "ВКонтакте",
                "Дороги",
                "\x00\x00\x00Борское: яма на ул. Ленина.",
                "Отдел по ЖКХ и дорожному хозяйству",
                "Новый",
            ),
            K("2026-10-30 09:00:00", text_raw="Борское: яма на ул. Ленина."),
        ),
        (
            IMR(
                "IM-58153",
                "2026-10-30 10:00",
                "Telegram",
                "Благоустройство",
                "Гвардейцы: покосить траву у ФАПа.",
                "Администрация сп Гвардейцы\x00",
                "Новый",
            ),
            K("2026-10-30 10:00:00", text_raw="Гвардейцы: покосить траву у ФАПа.", note="NUL in the recipient"),
        ),
        (
            IMR(
                "IM-58154",
                "2026-10-30 11:00",
                "ВКонтакте",
                "Водоснабжение",
                "Запла\x00вное: нет воды\x00.",
                "Администрация сп Заплавное",
                "Новый",
            ),
            K("2026-10-30 11:00:00", text_raw="Заплавное: нет воды."),
        ),
    ]
    write_csv(
        "im_nul_bytes.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\n",
        encoding="utf-8",
        tests="NUL bytes inside text cells, within the first 4 KB (a sniffing «is it binary?» check "
        "must not refuse the file): stripped, rows kept",
        notes="UTF-8, LF.",
    )

    def dup(sid, at, status, text="Борское: яма у автостанции."):
        return IMR(sid, at, "ВКонтакте", "Дороги", text, "Отдел по ЖКХ и дорожному хозяйству", status)

    rows = [
        (HEADER, None),
        (dup("IM-58161", "2026-10-28 08:00", "Новый"), X("replaced_duplicate", "2026-10-28 08:00:00")),
        (dup("IM-58162", "2026-10-28 09:00", "В работе"), X("replaced_duplicate", "2026-10-28 09:00:00")),
        (dup("IM-58163", "2026-10-28 10:00", "Новый"), X("replaced_duplicate", "2026-10-28 10:00:00")),
        (dup("IM-58161", "2026-10-28 08:00", "Закрыт"), K("2026-10-28 08:00:00")),
        (
            dup("IM-58162 ", "2026-10-28 09:00", "Закрыт"),
            K("2026-10-28 09:00:00", note="id with a trailing space: the same id"),
        ),
        (dup("IM-58163", "2026-10-28 10:00", "В работе"), X("replaced_duplicate", "2026-10-28 10:00:00")),
        (dup("IM-58164", "2026-10-29 08:00", "Новый", "Петровка: нет остановки."), K("2026-10-29 08:00:00")),
        (dup("IM-58163", "2026-10-28 10:00", "Ответ опубликован"), K("2026-10-28 10:00:00")),
    ]
    write_csv(
        "im_duplicates_within.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\n",
        encoding="utf-8",
        tests="same id twice and three times in one file; one repeat has a trailing space in the id",
        notes="After import: 4 appeals; replaced_by points at the winning row.",
    )

    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58171",
                "2026-10-26 08:00",
                "ВКонтакте",
                "Дороги",
                "Петровка: ямы на ул. Полевой.",
                "Администрация сп Петровка",
                "В работе",
            ),
            K("2026-10-26 08:00:00"),
        ),
        (
            IMR(
                "IM-58172",
                "2026-10-27 08:00",
                "ВКонтакте",
                "Вывоз мусора",
                "Гвардейцы: переполнены баки.",
                "Администрация сп Гвардейцы",
                "Закрыт",
                "2026-10-27 09:00",
                "2026-10-27 15:00",
                "Решено",
            ),
            K("2026-10-27 08:00:00"),
        ),
        (
            IMR(
                "IM-58173",
                "2026-10-28 08:00",
                "Одноклассники",
                "Водоснабжение",
                "Заплавное: нет воды.",
                "Администрация сп Заплавное",
                "Новый",
            ),
            K("2026-10-28 08:00:00"),
        ),
        (
            IMR(
                "IM-58174",
                "2026-10-29 08:00",
                "Telegram",
                "Транспорт",
                "пос. Мойка: отменили рейс.",
                "Перевозчик по муниципальным маршрутам",
                "В работе",
            ),
            K("2026-10-29 08:00:00"),
        ),
        (
            IMR(
                "IM-58175",
                "2026-10-30 08:00",
                "ВКонтакте",
                "Здравоохранение",
                "Борское: очередь в регистратуру.",
                "Центральная районная больница",
                "Новый",
            ),
            K("2026-10-30 08:00:00"),
        ),
        ([""] * 10, SKIP("blank", "an empty row as Excel saves it: nine commas")),
        (
            ["Всего: 57", "", "", "", "", "", "", "", "", ""],
            SKIP("total", "«Всего: 57» in the ID column (the export was filtered; the count is not checked)"),
        ),
        (["Выгрузка сформирована 01.11.2026 10:15:03"], SKIP("generated")),
        (["Ответственный за выгрузку: ____________ /Сидорова Е.А./"], SKIP("signature")),
    ]
    write_csv(
        "im_footer_lf.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\n",
        encoding="utf-8",
        tests="footer after the data: an empty row of commas, «Всего: 57» in the id column, "
        "«Выгрузка сформирована …», a signature line — skipped, not rejected",
        notes="UTF-8, LF. The last three rows have fewer fields than the header.",
    )

    hdr = [
        ("Номер инцидента", "source_id"), ("Дата поступления", "received_at"), ("Соцсеть", "channel_raw"),
        ("Подрубрика", "rubric"), ("Текст поста", "text"), ("Территория", "address"),
        ("Исполнитель", "recipient_raw"), ("статус", "status_raw"), ("Время ответа", "first_answer_at"),
        ("Ссылка на пост", "#url"), ("Охват", "#reach"),
    ]  # fmt: skip

    def v(sid, at, channel, rub, text, place, resp, status, ans="", n=1):
        return {
            "source_id": sid,
            "received_at": at,
            "channel_raw": channel,
            "rubric": rub,
            "text": text,
            "address": place,
            "recipient_raw": resp,
            "status_raw": status,
            "first_answer_at": ans,
            "#url": f"https://vk.com/wall-100000{n}_{2000 + n}",
            "#reach": str(150 * n),
        }

    rows = [
        (HEADER, None),
        (
            v(
                "IM-58181",
                "26.10.2026 07:15",
                "ВКонтакте",
                "Дороги",
                "Дорога на Петровку разбита, ездим по полю.",
                "Петровка",
                "Администрация сп Петровка",
                "В работе",
                n=1,
            ),
            K("2026-10-26 07:15:00"),
        ),
        (
            v(
                "IM-58182",
                "27.10.2026 12:40",
                "Одноклассники",
                "Теплоснабжение",
                "В школе Гвардейцев холодно.",
                "Гвардейцы",
                "Борский территориальный отдел образования",
                "Закрыт",
                "28.10.2026 10:05",
                n=2,
            ),
            K("2026-10-27 12:40:00"),
        ),
        (
            v(
                "IM-58183",
                "28.10.2026 18:00",
                "Telegram",
                "Вывоз мусора",
                "Свалка у въезда в Новоборское.",
                "Новоборское",
                "Администрация сп Новоборское",
                "Ответ опубликован",
                "29.10.2026 09:00",
                n=3,
            ),
            K("2026-10-28 18:00:00"),
        ),
        (
            v(
                "IM-58184",
                "30.10.2026 09:30",
                "ВКонтакте",
                "Водоснабжение",
                "В Заплавном опять нет воды.",
                "Заплавное",
                "Администрация сп Заплавное",
                "Новый",
                n=4,
            ),
            K("2026-10-30 09:30:00"),
        ),
        (
            v(
                "IM-58185",
                "31.10.2026 22:10",
                "ВКонтакте",
                "Транспорт",
                "Из пос. Мойка не уехать вечером.",
                "пос. Мойка",
                "Перевозчик по муниципальным маршрутам",
                "В работе",
                n=5,
            ),
            K("2026-10-31 22:10:00"),
        ),
    ]
    write_csv(
        "im_header_variants.csv",
        "im",
        hdr,
        rows,
        sep=";",
        eol="\r\n",
        encoding="utf-8",
        bom=True,
        tests="IM header names unknown today: «Дата поступления», «Текст поста», «Территория», «Время "
        "ответа»; lower-case «статус»; two extra columns unused; «;» instead of «,»",
        notes="UTF-8 with BOM, «;», CRLF, dates DD.MM.YYYY HH:MM.",
    )

    text_tab = "Пишу из Борского:\tна ул. Почтовой\tтретий день нет воды"
    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58191",
                "31.10.2026 3:00",
                "ВКонтакте",
                "Водоснабжение",
                text_tab,
                "Администрация сп Борское",
                "В работе",
            ),
            K(
                "2026-10-31 03:00:00",
                text_raw=text_tab,
                note="Excel writes one-digit hours: «3:00»; a tab inside the quoted cell",
            ),
        ),
        (
            IMR(
                "IM-58192",
                "30.10.2026 14:25",
                "Одноклассники",
                "Дороги",
                "Гвардейцы: яма у клуба.",
                "Администрация сп Гвардейцы",
                "Закрыт",
                "30.10.2026 15:00",
                "31.10.2026 9:40",
                "Решено",
            ),
            K("2026-10-30 14:25:00"),
        ),
        (
            IMR(
                "IM-58193",
                "29.10.2026",
                "Telegram",
                "Вывоз мусора",
                "Петровка: мусор у ФАПа.",
                "Администрация сп Петровка",
                "Новый",
            ),
            K("2026-10-29 00:00:00", note="a midnight time Excel omits"),
        ),
        (
            IMR(
                "IM-58194",
                "28.10.2026 0:05",
                "ВКонтакте",
                "Электроснабжение",
                "Заплавное: нет света.",
                "Администрация сп Заплавное",
                "В работе",
            ),
            K("2026-10-28 00:05:00"),
        ),
        (
            IMR(
                "IM-58195",
                "27.10.2026 9:15",
                "ВКонтакте",
                "Здравоохранение",
                "Новоборское: ФАП закрыт.",
                "Центральная районная больница",
                "В работе",
                "",
                "",
                "",
            ),
            K("2026-10-27 09:15:00"),
        ),
    ]
    write_csv(
        "im_utf16_tab.txt",
        "im",
        IM_HDR,
        rows,
        sep="\t",
        eol="\r\n",
        encoding="utf-16-le",
        tests="an IM export re-saved by Excel as «Текст Юникод»: UTF-16 LE with BOM, tab-separated, "
        "CRLF; dates re-formatted by Excel as D.MM.YYYY H:MM (one-digit hour)",
        notes="One-digit hours (H:MM) are what Russian Excel writes; they count as HH:MM.",
    )

    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58196",
                "31.10.2026 3:00",
                "ВКонтакте",
                "Водоснабжение",
                'Борское; ул. Почтовая; "нет воды"',
                "Администрация сп Борское",
                "В работе",
            ),
            K("2026-10-31 03:00:00"),
        ),
        (
            IMR(
                "IM-58197",
                "30.10.2026 14:25",
                "Одноклассники",
                "Дороги",
                "Гвардейцы: ямы, ямы, ямы.",
                "Администрация сп Гвардейцы",
                "Закрыт",
                "30.10.2026 15:00",
                "31.10.2026 9:40",
                "Решено",
            ),
            K("2026-10-30 14:25:00"),
        ),
        (
            IMR(
                "IM-58198",
                "29.10.2026 23:59",
                "Telegram",
                "Вывоз мусора",
                "Петровка: мусор у ФАПа.",
                "Администрация сп Петровка",
                "Новый",
            ),
            K("2026-10-29 23:59:00"),
        ),
    ]
    write_csv(
        "im_excel_resaved_cp1251.csv",
        "im",
        IM_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="an IM csv opened and saved by Russian Excel («CSV (разделители — точка с запятой)»): "
        "Windows-1251, «;», CRLF, dates as D.MM.YYYY H:MM",
        notes="The most common thing an officer does to an export before loading it.",
    )

    rows = [
        (Raw("sep=;"), None),
        (HEADER, None),
        (
            IMR(
                "IM-58199",
                "2026-10-30 10:00",
                "ВКонтакте",
                "Дороги",
                "Борское, ул. Мира: яма, яма, яма.",
                "Отдел по ЖКХ и дорожному хозяйству",
                "Новый",
            ),
            K("2026-10-30 10:00:00"),
        ),
        (
            IMR(
                "IM-58200",
                "2026-10-30 11:00",
                "Одноклассники",
                "Водоснабжение",
                "Петровка: нет воды.",
                "Администрация сп Петровка",
                "В работе",
                "2026-10-30 12:00",
            ),
            K("2026-10-30 11:00:00"),
        ),
    ]
    write_csv(
        "im_sep_hint.csv",
        "im",
        IM_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="utf-8",
        tests="Excel's separator hint «sep=;» on the first line, then the header; texts full of commas",
        notes="Row 1 «sep=;» is not data and not the header; the header is row 2.",
    )

    (HERE / "im_header_only.csv").write_bytes((",".join(h for h, _ in IM_HDR) + "\r\n").encode("utf-8"))
    refused(
        "im_header_only.csv",
        "im",
        "empty",
        fmt="csv",
        tests="a header line and nothing below it (an export of an empty week)",
        notes="Refused as empty; the reason should say that there are no rows under the header.",
    )

    seed = "Гвардейцы: на ул. Ленина прорвало трубу, вода заливает дворы, аварийка не едет."
    rows = [
        (HEADER, None),
        (
            IMR(
                "IM-58301",
                "2026-10-28 08:00",
                "ВКонтакте",
                "Водоснабжение",
                seed,
                "Администрация сп Гвардейцы",
                "Новый",
            ),
            K("2026-10-28 08:00:00"),
        ),
        (
            IMR(
                "IM-58302",
                "2026-10-28 08:05",
                "ВКонтакте",
                "Водоснабжение",
                long_text(40_000, seed),
                "Администрация сп Гвардейцы",
                "Новый",
            ),
            REJ(
                "cell_too_long",
                "text of 40 000 characters (a post pasted in a loop)",
                at="2026-10-28 08:05:00",
                text_len=40000,
            ),
        ),
        (
            IMR(
                "IM-58303",
                "2026-10-28 08:10",
                "ВКонтакте",
                "Водоснабжение",
                "Гвардейцы: воду дали, спасибо.",
                "Администрация сп Гвардейцы",
                "Закрыт",
                "2026-10-28 09:00",
                "2026-10-28 12:00",
                "Решено",
            ),
            K("2026-10-28 08:10:00"),
        ),
    ]
    write_csv(
        "im_over_32767.csv",
        "im",
        IM_HDR,
        rows,
        sep=",",
        eol="\n",
        encoding="utf-8",
        tests="one text cell of 40 000 characters rejects only its row",
        notes="~80 KB. The 10 MB variant is generated: see im_long_cell.csv.",
    )

    # cross-file pair
    w1 = [
        IMR(
            "IM-58401",
            "2026-10-27 08:00",
            "ВКонтакте",
            "Дороги",
            "Борское: яма на ул. Мира.",
            "Отдел по ЖКХ и дорожному хозяйству",
            "Закрыт",
            "2026-10-27 09:00",
            "2026-10-28 10:00",
            "Решено",
        ),
        IMR(
            "IM-58402",
            "2026-10-28 08:00",
            "ВКонтакте",
            "Водоснабжение",
            "Петровка: нет воды.",
            "Администрация сп Петровка",
            "Новый",
        ),
        IMR(
            "IM-58403",
            "2026-10-29 08:00",
            "Одноклассники",
            "Вывоз мусора",
            "Гвардейцы: не вывозят мусор.",
            "Администрация сп Гвардейцы",
            "В работе",
            "2026-10-29 10:00",
        ),
        IMR(
            "IM-58404",
            "2026-10-30 08:00",
            "Telegram",
            "Транспорт",
            "пос. Мойка: нет автобуса.",
            "Перевозчик по муниципальным маршрутам",
            "Ответ опубликован",
            "2026-10-30 09:00",
            "2026-10-30 12:00",
            "Разъяснение",
        ),
        IMR(
            "IM-58405",
            "########",
            "ВКонтакте",
            "Электроснабжение",
            "Заплавное: нет света.",
            "Администрация сп Заплавное",
            "Новый",
        ),
    ]
    rows1 = (
        [(HEADER, None)]
        + [(r, K(r["received_at"] + ":00")) for r in w1[:4]]
        + [(w1[4], REJ("bad_date", "«########»: Excel wrote a too-narrow date column"))]
    )
    write_csv(
        "im_cross_week1.csv",
        "im",
        IM_HDR,
        rows1,
        sep=",",
        eol="\r\n",
        encoding="utf-8",
        tests="cross-file pair, first export",
        notes="4 new, 1 rejected (IM-58405, bad date).",
    )
    w2 = [
        dict(w1[0]),
        dict(w1[1], status_raw="В работе", first_reaction_at="2026-11-02 09:30"),
        dict(w1[2], status_raw="Закрыт", first_answer_at="2026-11-03 14:00", outcome_raw="Разъяснение"),
        dict(w1[3]),
        dict(w1[4], received_at="2026-10-31 08:00"),
        IMR(
            "IM-58410",
            "2026-11-04 19:45",
            "ВКонтакте",
            "Дороги",
            "Новоборское: гололёд на ул. Школьной.",
            "Администрация сп Новоборское",
            "Новый",
        ),
    ]
    rows2 = [(HEADER, None)] + [(r, K(r["received_at"] + ":00")) for r in w2]
    write_csv(
        "im_cross_week2.csv",
        "im",
        IM_HDR,
        rows2,
        sep=",",
        eol="\r\n",
        encoding="utf-8",
        tests="cross-file pair, the export a week later: IM-58401 and IM-58404 identical, IM-58402 and "
        "IM-58403 changed status, IM-58405 now has a valid date (rejected before: new), IM-58410 new",
        notes="",
    )
    cross(
        "im_cross_week1.csv",
        "im_cross_week2.csv",
        2,
        2,
        2,
        "IM-58405 was rejected in the first file, so it is new in the second.",
    )

    # generated: one 10 MB cell; a file over the size limit
    register(
        {
            "file": "im_long_cell.csv",
            "source": "im",
            "mapping": None,
            "mapping_source": None,
            "expect": "imported",
            "refuse_reason": None,
            "format": "csv",
            "encoding": "utf-8",
            "separator": ",",
            "line_ending": "LF",
            "sheet": None,
            "header_row": 1,
            "columns": {k: h for h, k in IM_HDR},
            "unused_columns": [],
            "generated": {"builder": "build_im_long_cell", "args": {}, "approx_size_mb": 10},
            "rows": [
                {
                    "row": 2,
                    "outcome": "kept",
                    "id": "IM-58501",
                    "received_at": "2026-10-29 08:00:00",
                    "status": "Новый",
                    "status_known": True,
                    "result": None,
                    "result_known": None,
                    "channel": "ВКонтакте",
                    "channel_known": True,
                    "flag": None,
                    "reason": None,
                },
                {
                    "row": 3,
                    "outcome": "rejected",
                    "id": "IM-58502",
                    "received_at": "2026-10-29 08:05:00",
                    "received_raw": "2026-10-29 08:05",
                    "status": "Новый",
                    "status_known": True,
                    "result": None,
                    "result_known": None,
                    "channel": "ВКонтакте",
                    "channel_known": True,
                    "flag": None,
                    "reason": "cell_too_long",
                    "note": "a 10 MB text cell",
                },
                {
                    "row": 4,
                    "outcome": "kept",
                    "id": "IM-58503",
                    "received_at": "2026-10-29 08:10:00",
                    "status": "Закрыт",
                    "status_known": True,
                    "result": "Решено",
                    "result_known": True,
                    "channel": "ВКонтакте",
                    "channel_known": True,
                    "flag": None,
                    "reason": None,
                },
            ],
            "tests": "one absurd 10 MB text cell (a bot pasted a log into a post): only that row is rejected, the "
            "file is imported",
            "notes": "Not committed: make_corpus.build_im_long_cell(path) builds it (~10 MB, under the 50 MB limit).",
        }
    )
    refused(
        "im_too_big.csv",
        "im",
        "too_big",
        fmt="csv",
        generated={"builder": "build_im_too_big", "args": {"size_bytes": 52 * 1_048_576}, "approx_size_mb": 52},
        tests="a valid IM export of ~52 MB: over the default 50 MB limit, refused as a whole before parsing",
        notes="Not committed: make_corpus.build_im_too_big(path, size_bytes=...) builds it.",
    )


def build_im_long_cell(path: Path, cell_bytes: int = 10 * 1_048_576) -> Path:
    """im_long_cell.csv: three IM rows; the text of the middle one is `cell_bytes` of UTF-8."""
    seed = "Лог бота: ошибка подключения к серверу Петровка-01, повтор через 5 секунд. "
    unit = seed.encode("utf-8")
    body = (unit * (cell_bytes // len(unit) + 1))[:cell_bytes]
    body = body.decode("utf-8", errors="ignore").encode("utf-8")  # do not end inside a character
    head = ",".join(h for h, _ in IM_HDR).encode() + b"\n"
    r2 = "IM-58501,2026-10-29 08:00,ВКонтакте,Связь,Петровка: нет мобильной связи.,Администрация сп Петровка,Новый,,,\n"
    r3a = 'IM-58502,2026-10-29 08:05,ВКонтакте,Связь,"'
    r3b = '",Администрация сп Петровка,Новый,,,\n'
    r4 = (
        "IM-58503,2026-10-29 08:10,ВКонтакте,Связь,Петровка: связь появилась.,Администрация сп Петровка,"
        "Закрыт,2026-10-29 09:00,2026-10-29 10:00,Решено\n"
    )
    with open(path, "wb") as out:
        out.write(head + r2.encode() + r3a.encode() + body + r3b.encode() + r4.encode())
    return path


def build_im_too_big(path: Path, size_bytes: int = 52 * 1_048_576) -> Path:
    """im_too_big.csv: ordinary IM rows until the file is larger than `size_bytes`."""
    rnd = random.Random(5)
    villages = ["Петровка", "Гвардейцы", "Новоборское", "Заплавное", "пос. Мойка", "Борское"]
    with open(path, "wb") as out:
        written = out.write((",".join(h for h, _ in IM_HDR) + "\n").encode())
        n = 0
        while written <= size_bytes:
            village = villages[n % len(villages)]
            line = (
                f"IM-{600000 + n},2026-10-{26 + n % 6:02d} {n % 24:02d}:{n % 60:02d},ВКонтакте,Дороги,"
                f"{village}: яма на дороге у дома {rnd.randrange(1, 99)}, просим отремонтировать.,"
                f"Отдел по ЖКХ и дорожному хозяйству,Новый,,,\n"
            )
            written += out.write(line.encode())
            n += 1
    return path


# ---------------------------------------------------------------------------------------------------------
# Реестр обращений по 59-ФЗ (СЭД), csv in Windows-1251 with «;»

FZ_HDR = [
    ("Рег. №", "source_id"), ("Дата поступления", "received_at"), ("Дата регистрации", "registered_at"),
    ("Корреспондент", "author_name"), ("Адрес корреспондента", "address"), ("Вид обращения", "kind_raw"),
    ("Форма поступления", "channel_raw"), ("Тематика", "rubric"), ("Краткое содержание", "text"),
    ("Исполнитель", "recipient_raw"), ("Срок исполнения", "due_at"), ("Продлено до", "extended_due_at"),
    ("Дата ответа", "first_answer_at"), ("Результат рассмотрения", "outcome_raw"), ("Коллективное", "collective_raw"),
    ("Повторное", "repeat_raw"), ("Состояние", "status_raw"),
]  # fmt: skip


def F(
    sid,
    rec,
    reg,
    who,
    adr,
    kind,
    form,
    topic,
    text,
    execu,
    due,
    ext="",
    ans="",
    res="",
    coll="Нет",
    rep="Нет",
    state="На исполнении",
    **extra,
) -> dict:
    row = {
        "source_id": sid,
        "received_at": rec,
        "registered_at": reg,
        "author_name": who,
        "address": adr,
        "kind_raw": kind,
        "channel_raw": form,
        "rubric": topic,
        "text": text,
        "recipient_raw": execu,
        "due_at": due,
        "extended_due_at": ext,
        "first_answer_at": ans,
        "outcome_raw": res,
        "collective_raw": coll,
        "repeat_raw": rep,
        "status_raw": state,
    }
    row.update(extra)
    return row


ZHKH = "Отдел по ЖКХ и дорожному хозяйству"


def fz59_files() -> None:
    hdr = [("№ п/п", "#n")] + FZ_HDR
    pad = [""] * (len(hdr) - 1)
    rows = [
        (
            [
                "Реестр обращений граждан, поступивших в Администрацию муниципального района Борский с 26.10.2026 "
                "по 01.11.2026"
            ],
            None,
        ),
        ([], None),
        (HEADER, None),
        (
            F(
                "ОГ-1234/26",
                "26.10.2026",
                "27.10.2026",
                "Иванова Мария Петровна",
                addr("Петровка", "ул. Мира", 5),
                "Заявление",
                "Письмо",
                "Уличное освещение",
                "Просит восстановить уличное освещение на ул. Мира в с. Петровка.",
                "Администрация сп Петровка",
                "25.11.2026",
                **{"#n": "1"},
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1235/26",
                "26.10.2026",
                "27.10.2026",
                "Кузнецов Михаил Викторович",
                addr("Гвардейцы", "ул. Комсомольская", 12),
                "Жалоба",
                "Интернет-приёмная",
                "Ремонт дорог",
                "Жалуется на состояние дороги по ул. Комсомольской, ответа из поселения не получил.",
                ZHKH,
                "25.11.2026",
                ans="30.10.2026",
                res="Разъяснено",
                rep="Да",
                state="Рассмотрено",
                **{"#n": "2"},
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1236/26",
                "27.10.2026",
                "27.10.2026",
                "ООО «Агроресурс»",
                addr("Новоборский", "ул. Трассовая", 1),
                "Предложение",
                "Электронная почта",
                "Благоустройство",
                "Предлагает за свой счёт установить остановочный павильон у въезда в пос. Новоборский.",
                "Отдел архитектуры и градостроительства",
                "26.11.2026",
                **{"#n": "3"},
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            F(
                "ОГ-1237/26",
                "28.10.2026",
                "29.10.2026",
                "Жители ул. Садовой (34 подписи)",
                addr("Заплавное", "ул. Садовая", 1),
                "Заявление",
                "Личный приём",
                "Водоснабжение",
                "Коллективное обращение: нет воды на ул. Садовой с. Заплавное, просят заменить насос.",
                ZHKH,
                "27.11.2026",
                coll="Да",
                **{"#n": "4"},
            ),
            K("2026-10-28 00:00:00"),
        ),
        (
            F(
                "ОГ-1238/26",
                "30.10.2026",
                "30.10.2026",
                "Смирнов Владимир Николаевич",
                addr("Мойка", "ул. Лесная", 8),
                "Заявление",
                "Письмо",
                "Транспортное обслуживание",
                "Просит восстановить рейс автобуса пос. Мойка – с. Борское в 7:10.",
                "Перевозчик по муниципальным маршрутам",
                "30.11.2026",
                **{"#n": "5"},
            ),
            K("2026-10-30 00:00:00"),
        ),
        (
            F(
                "ОГ-1239/26",
                "01.11.2026",
                "01.11.2026",
                "Петрова Ольга Ивановна, тел. 8-900-000-45-67",
                addr("Борское", "ул. Советская", 71),
                "Жалоба",
                "Интернет-приёмная",
                "Здравоохранение",
                "Жалоба на отсутствие талонов к терапевту в Борской ЦРБ.",
                "Центральная районная больница",
                "01.12.2026",
                state="Зарегистрировано",
                **{"#n": "6"},
            ),
            K("2026-11-01 00:00:00"),
        ),
        (["Итого: 200 обращений"] + pad, SKIP("total", "the count in the footer is not checked")),
        (["Выгрузка сформирована 01.11.2026 17:42 (СЭД «Дело»)"] + pad, SKIP("generated")),
        ([""] * len(hdr), SKIP("blank")),
        (["Исполнитель: Смирнова Е.В., тел. 8 (84667) 2-00-00"], SKIP("signature")),
        (["Начальник общего отдела ______________ /Петров П.П./"], SKIP("signature")),
    ]
    write_csv(
        "fz59_cp1251_footer.csv",
        "fz59",
        hdr,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="the СЭД registry as exported: Windows-1251, «;», CRLF; a title line and a blank line above "
        "the header; «№ п/п» counter; footer «Итого: 200 обращений», «Выгрузка сформирована», a blank "
        "row and two signature lines",
        notes="Header is row 3. Registry dates are dates only.",
    )

    hdr = [
        ("№ п/п", "#n"), ("Номер обращения", "source_id"), ("Дата поступления ", "received_at"),
        ("Дата рег.", "registered_at"), ("Заявитель", "author_name"), ("Населенный пункт", "address"),
        ("Форма поступления", "channel_raw"), ("Тематика", "rubric"), ("Содержание обращения", "text"),
        ("Ответственный исполнитель", "recipient_raw"), ("Контрольный срок", "due_at"),
        ("Срок продлен до", "extended_due_at"), ("Дата и время ответа", "first_answer_at"),
        ("Результат рассмотрения", "outcome_raw"), ("Состояние", "status_raw"), ("Резолюция", "#res"),
        ("Примечание", "#note"),
    ]  # fmt: skip
    rows = [
        (HEADER, None),
        (
            F(
                "ОГ-1301/26",
                "26.10.2026",
                "26.10.2026",
                "Фёдоров Алексей Сергеевич",
                "Петровка",
                "",
                "Письмо",
                "Газоснабжение",
                "О газификации ул. Полевой в с. Петровка.",
                "Администрация сп Петровка",
                "25.11.2026",
                **{"#n": "1", "#res": "Подготовить ответ"},
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1302/26",
                "27.10.2026",
                "28.10.2026",
                "Соколова Нина Ивановна",
                "Гвардейцы",
                "",
                "Интернет-приемная",
                "Отопление",
                "Холодно в квартире, батареи еле тёплые.",
                ZHKH,
                "26.11.2026",
                "10.12.2026",
                state="Продлено",
                **{"#n": "2", "#note": "запрошены сведения у УК"},
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            F(
                "ОГ-1303/26",
                "28.10.2026",
                "28.10.2026",
                "Морозов Пётр Алексеевич",
                "пос. Мойка",
                "",
                "Письмо",
                "Ремонт дорог",
                "Просит отсыпать щебнем дорогу к кладбищу.",
                "Администрация сп Заплавное",
                "27.11.2026",
                ans="31.10.2026 14:30",
                res="Поддержано, меры приняты",
                state="Рассмотрено",
                **{"#n": "3"},
            ),
            K("2026-10-28 00:00:00"),
        ),
        (
            F(
                "ОГ-1304/26",
                "29.10.2026",
                "30.10.2026",
                "Васильева Елена Павловна",
                "Новоборское",
                "",
                "Личный прием",
                "Социальная поддержка",
                "О компенсации за твёрдое топливо.",
                "Отдел по социальным вопросам",
                "28.11.2026",
                **{"#n": "4"},
            ),
            K("2026-10-29 00:00:00"),
        ),
        (
            F(
                "ОГ-1305/26",
                "31.10.2026",
                "31.10.2026",
                "Аноним",
                "Борское",
                "",
                "Электронная почта",
                "Торговля",
                "О продаже просроченных продуктов в магазине на ул. Ленина.",
                "Экономический отдел",
                "30.11.2026",
                **{"#n": "5"},
            ),
            K("2026-10-31 00:00:00"),
        ),
    ]
    write_csv(
        "fz59_header_variants.csv",
        "fz59",
        hdr,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="59-ФЗ header names unknown today: «Номер обращения» (id), «Дата поступления » (trailing "
        "space), «Дата рег.», «Заявитель», «Населенный пункт» (е, not ё), «Содержание обращения», "
        "«Ответственный исполнитель», «Контрольный срок», «Срок продлен до» (е), «Дата и время "
        "ответа»; «№ п/п» counter; «Резолюция», «Примечание» unused",
        notes="Windows-1251, «;», CRLF.",
    )

    hdr = [
        ("Рег.№", "source_id"), ("ДАТА ПОСТУПЛЕНИЯ", "received_at"), ("Дата регистрации обращения", "registered_at"),
        ("Корреспондент", "author_name"), ("Территория", "address"), ("Вид обращения", "kind_raw"),
        ("Способ поступления", "channel_raw"), ("Вопрос по классификатору", "rubric"),
        ("Краткое\nсодержание", "text"), ("Исполнитель", "recipient_raw"), ("Срок исполнения", "due_at"),
        ("Дата исполнения", "first_answer_at"), ("Результат рассмотрения", "outcome_raw"),
        ("Коллективное", "collective_raw"), ("Повторное", "repeat_raw"), ("Статус", "status_raw"),
    ]  # fmt: skip
    rows = [
        (HEADER, None),
        (
            F(
                "ОГ-1311/26",
                "26.10.2026",
                "27.10.2026",
                "Николаев Игорь Петрович",
                "с. Борское",
                "Заявление",
                "Письмо",
                "0003.0008.0086.0567 Водоснабжение",
                "Нет воды по ул. Почтовой.",
                ZHKH,
                "25.11.2026",
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1312/26",
                "27.10.2026",
                "27.10.2026",
                "Павлова Анна Сергеевна",
                "с. Петровка",
                "Жалоба",
                "Интернет-приёмная",
                "0005.0005.0056.1153 Уличное освещение",
                "Не горят фонари у школы.",
                "Администрация сп Петровка",
                "26.11.2026",
                ans="29.10.2026",
                res="Поддержано",
                state="Рассмотрено",
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            F(
                "ОГ-1313/26",
                "29.10.2026",
                "29.10.2026",
                "Козлов Андрей Викторович",
                "с. Гвардейцы",
                "Заявление",
                "Личный приём",
                "0005.0005.0055.1137 Благоустройство",
                "Просит убрать аварийное дерево у дома.",
                "Администрация сп Гвардейцы",
                "28.11.2026",
                coll="Нет",
                rep="Да",
            ),
            K("2026-10-29 00:00:00"),
        ),
        (
            F(
                "ОГ-1314/26",
                "30.10.2026",
                "02.11.2026",
                "Гусева Татьяна Олеговна",
                "с. Заплавное",
                "Предложение",
                "Письмо",
                "0005.0005.0056.1162 Транспортное обслуживание",
                "Предлагает изменить расписание автобуса.",
                "Перевозчик по муниципальным маршрутам",
                "01.12.2026",
                state="Зарегистрировано",
            ),
            K("2026-10-30 00:00:00"),
        ),
    ]
    write_csv(
        "fz59_header_variants_b.csv",
        "fz59",
        hdr,
        rows,
        sep=";",
        eol="\r\n",
        encoding="utf-8",
        bom=True,
        tests="a second СЭД layout: «Рег.№», «ДАТА ПОСТУПЛЕНИЯ» in capitals, «Дата регистрации "
        "обращения», «Территория», «Дата исполнения», a quoted header cell with a line break "
        "«Краткое\\nсодержание»; rubrics with classifier codes; UTF-8 with BOM",
        notes="The header is one record (row 1) although it spans two text lines.",
    )

    hdr = [("Регистрационный номер", "source_id")] + FZ_HDR[1:]
    rows = [
        (HEADER, None),
        (
            F(
                "ОГ-1321/26",
                "26.10.2026",
                "27.10.2026",
                "Ершов Семён Ильич",
                addr("Петровка", "ул. Полевая", 2),
                "Заявление",
                "Письмо",
                "Ремонт дорог",
                "Просит отремонтировать мост через овраг.",
                ZHKH,
                "25.11.2026",
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1322/26",
                "27.10.2026",
                "27.10.2026",
                "Зуева Алёна Юрьевна",
                addr("Гвардейцы", "ул. Ленина", 4),
                "Жалоба",
                "Письмо",
                "Водоснабжение",
                "Вода с ржавчиной, просит проверить.",
                "Администрация сп Гвардейцы",
                "26.11.2026",
                ans="30.10.2026",
                res="Разъяснено",
                state="Рассмотрено",
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            F(
                "ОГ-1323/26",
                "28.10.2026",
                "28.10.2026",
                "Щукин Ёрш Ёлкинович",
                addr("Заплавное", "ул. Мира", 6),
                "Заявление",
                "Письмо",
                "Благоустройство",
                "Ёлку у клуба спилили, просит посадить новую.",
                "Администрация сп Заплавное",
                "27.11.2026",
            ),
            K("2026-10-28 00:00:00", note="ё/Ё in KOI8-R"),
        ),
        (
            F(
                "ОГ-1324/26",
                "29.10.2026",
                "29.10.2026",
                "Юдина Эльвира Шамилевна",
                addr("Борское", "ул. Ленина", 8),
                "Заявление",
                "Письмо",
                "Социальная поддержка",
                "Просит помочь с дровами на зиму.",
                "Отдел по социальным вопросам",
                "28.11.2026",
            ),
            K("2026-10-29 00:00:00"),
        ),
    ]
    write_csv(
        "fz59_koi8r.csv",
        "fz59",
        hdr,
        rows,
        sep=";",
        eol="\n",
        encoding="koi8_r",
        tests="the registry in KOI8-R (an old Unix mail gateway); «Регистрационный номер» as id",
        notes="KOI8-R, «;», LF. Decoded as Windows-1251 the header is gibberish: the importer must pick "
        "the code page under which the header makes sense.",
    )

    rows = [
        (HEADER, None),
        (
            F(
                "ОГ-1331/26",
                "26.10.2026",
                "26.10.2026",
                "Белов Олег Юрьевич",
                addr("Новоборский", "ул. Лесная", 3),
                "Заявление",
                "Письмо",
                "Электроснабжение",
                "Часто отключают свет на ул. Лесной.",
                ZHKH,
                "25.11.2026",
            ),
            K("2026-10-26 00:00:00"),
        ),
        (
            F(
                "ОГ-1332/26",
                "27.10.2026",
                "28.10.2026",
                "Голубева Вера Андреевна",
                addr("Мойка", "ул. Центральная", 7),
                "Жалоба",
                "Письмо",
                "Транспортное обслуживание",
                "Автобус не заезжает в пос. Мойка.",
                "Перевозчик по муниципальным маршрутам",
                "26.11.2026",
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            F(
                "ОГ-1333/26",
                "29.10.2026",
                "29.10.2026",
                "Дёмин Юрий Павлович",
                addr("Борское", "ул. Почтовая", 9),
                "Заявление",
                "Письмо",
                "Ремонт дорог",
                "Просит установить лежачий полицейский у школы N 1.",
                ZHKH,
                "28.11.2026",
                ans="31.10.2026",
                res="Отказано",
                state="Рассмотрено",
            ),
            K("2026-10-29 00:00:00"),
        ),
        (
            F(
                "ОГ-1334/26",
                "30.10.2026",
                "30.10.2026",
                "Ефимова Лидия Ивановна",
                addr("Петровка", "ул. Мира", 11),
                "Заявление",
                "Письмо",
                "Газоснабжение",
                "Просит провести газ к дому.",
                "Администрация сп Петровка",
                "30.11.2026",
            ),
            K("2026-10-30 00:00:00"),
        ),
    ]
    write_csv(
        "fz59_cp866.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp866",
        tests="the registry in CP866 (a DOS-era СЭД module); «Рег. №» with the cp866 «№» (0xFC)",
        notes="CP866, «;», CRLF.",
    )

    def u(sid, rec, state, res, form, text):
        return F(
            sid,
            rec,
            rec,
            "Орлова Галина Петровна",
            addr("Борское", "ул. Ленина", 3),
            "Заявление",
            form,
            "Благоустройство",
            text,
            "Администрация сп Борское",
            "30.11.2026",
            ans="31.10.2026" if res else "",
            res=res,
            state=state,
        )

    rows = [
        (HEADER, None),
        (
            u("ОГ-1341/26", "26.10.2026", "Рассмотрено", "Поддержано", "Письмо", "Убрать мусор у рынка."),
            K("2026-10-26 00:00:00"),
        ),
        (
            u("ОГ-1342/26", "26.10.2026", "Ответ отправлен", "Разъяснено", "Интернет-приемная", "Покос травы."),
            K("2026-10-26 00:00:00"),
        ),
        (
            u(
                "ОГ-1343/26",
                "27.10.2026",
                "Закрыто автоматически",
                "Оставлено без ответа",
                "Max",
                "Сообщение в мессенджере Max о свалке.",
            ),
            K("2026-10-27 00:00:00"),
        ),
        (
            u("ОГ-1344/26", "27.10.2026", "Просрочено", "", "ПОС", "Продублировано из ПОС: яма у школы."),
            K("2026-10-27 00:00:00"),
        ),
        (
            u(
                "ОГ-1345/26",
                "28.10.2026",
                "Снято с контроля",
                "Не поддержано",
                "Электронная почта",
                "Установить фонтан в парке.",
            ),
            K("2026-10-28 00:00:00"),
        ),
        (
            u("ОГ-1346/26", "28.10.2026", "На исполнении", "", "Личный прием", "Ремонт тротуара."),
            K("2026-10-28 00:00:00"),
        ),
        (
            u("ОГ-1347/26", "29.10.2026", "Рассмотрено", "Поддержано частично", "Через депутата", "Освещение в парке."),
            K("2026-10-29 00:00:00"),
        ),
        (
            u("ОГ-1348/26", "29.10.2026", "Исполнено", "Меры приняты", "Почта России", "Скамейки у ДК."),
            K("2026-10-29 00:00:00"),
        ),
    ]
    write_csv(
        "fz59_unknown_outcomes.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="unknown states «Ответ отправлен», «Закрыто автоматически», «Просрочено»; unknown results "
        "«Оставлено без ответа», «Поддержано частично»; unknown channels «Max», «ПОС», «Через "
        "депутата» — rows kept with raw values and an «unrecognised» code",
        notes="",
    )

    def y(sid, rec, reg, text):
        return F(
            sid,
            rec,
            reg,
            "Сергеев Пётр Ильич",
            addr("Гвардейцы", "ул. Мира", 1),
            "Заявление",
            "Письмо",
            "Ремонт дорог",
            text,
            "Администрация сп Гвардейцы",
            "30.11.2026",
        )

    rows = [
        (HEADER, None),
        (y("ОГ-1351/26", "31.10.26", "31.10.26", "Дата с двузначным годом."), K("2026-10-31 00:00:00")),
        (y("ОГ-1352/26", "31.10.26 14:05", "31.10.26 14:05", "Двузначный год и время."), K("2026-10-31 14:05:00")),
        (
            y("ОГ-1353/26", "31.10.26 14:05:33", "31.10.26", "Двузначный год, время с секундами."),
            K("2026-10-31 14:05:33"),
        ),
        (y("ОГ-1354/26", "30.10.2026 09:00", "30.10.2026", "Полный год и время."), K("2026-10-30 09:00:00")),
        (
            y("ОГ-1355/26", "30.10.2026 09:00:17", "30.10.2026", "Полный год, время с секундами."),
            K("2026-10-30 09:00:17"),
        ),
        (y("ОГ-1356/26", "29.10.2026", "29.10.2026", "Только дата."), K("2026-10-29 00:00:00")),
        (
            y("ОГ-1357/26", "12.05.99", "12.05.99", "Опечатка в годе: 99."),
            K("1999-05-12 00:00:00", flag="before_2000", note="two-digit years: 00–68 → 20xx, 69–99 → 19xx"),
        ),
        (
            y("ОГ-1358/26", "46325", "46325", "Дата выгружена числом (серийный номер Excel)."),
            K("2026-10-30 00:00:00", note="Excel serial as text in a csv"),
        ),
        (
            y("ОГ-1359/26", "46325,75", "46325,75", "Серийный номер с дробной частью."),
            K("2026-10-30 18:00:00", note="Excel serial with a fraction and a decimal comma"),
        ),
    ]
    write_csv(
        "fz59_dates_2digit_year.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="DD.MM.YY and DD.MM.YYYY with and without HH:MM and HH:MM:SS; «12.05.99» is 1999 and "
        "flagged before_2000; Excel serials as text (46325, 46325,75)",
        notes="",
    )

    def b(sid, rec, text, who="Тихонова Раиса Андреевна"):
        return F(
            sid,
            rec,
            rec,
            who,
            addr("Новоборский", "ул. Школьная", 2),
            "Заявление",
            "Письмо",
            "Вывоз мусора",
            text,
            "Администрация сп Новоборское",
            "30.11.2026",
        )

    rows = [
        (HEADER, None),
        (b("ОГ-1361/26", "31.02.2026", "Не вывозят мусор."), REJ("bad_date", "31 February")),
        (b("ОГ-1362/26", "32.10.2026", "Баки переполнены."), REJ("bad_date", "day 32")),
        (b("ОГ-1363/26", "вчера", "Свалка у пруда."), REJ("bad_date", "a word")),
        (b("ОГ-1364/26", "########", "Контейнеры сломаны."), REJ("bad_date", "Excel's too-narrow column")),
        (
            b("ОГ-1365/26", "00.01.1900", "Площадку не убирают."),
            REJ("bad_date", "what Excel shows for a zero date cell; not a real date"),
        ),
        (b("ОГ-1366/26", "", "Мусор у магазина."), REJ("no_received_at")),
        (b("", "30.10.2026", "Мусор у школы (номер не присвоен)."), REJ("no_id", at="2026-10-30 00:00:00")),
        (
            b("   ", "30.10.2026", "Мусор у ФАПа (в номере пробелы)."),
            REJ("no_id", "the id cell holds only spaces", at="2026-10-30 00:00:00"),
        ),
        (b("ОГ-1369/26", "2026-13-01", "Мусор у почты."), REJ("bad_date", "month 13")),
        (b("ОГ-1370/26", "30.10.2026", "Мусор у клуба."), K("2026-10-30 00:00:00")),
        (b("ОГ-1371/26", "29.10.2026", "Мусор у остановки."), K("2026-10-29 00:00:00")),
    ]
    write_csv(
        "fz59_bad_dates.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="rows rejected with a reason: impossible dates (31.02, day 32, month 13), a word, «########», "
        "«00.01.1900», an empty date, an empty id and an id of spaces; two valid rows kept",
        notes="The rejected rows look like data (correspondent, text, executor filled), so they are "
        "rejected, not skipped as footer.",
    )

    q1 = "Прошу ответить на вопросы:\n1) когда отремонтируют дорогу; 2) кто отвечает за освещение; 3) почему не вывозят мусор."
    q2 = 'Жители ул. Садовой просят "не отписываться", а приехать и посмотреть; ждём.'
    q3 = "Вопрос о тарифах; повторно."
    q4 = "Просят установить детскую площадку;\nсогласны на субботник;\nподписи прилагаются."
    q5 = "Свет «моргает» каждый вечер; техника сгорела."
    rows = [
        (HEADER, None),
        (
            F(
                "ОГ-1381/26",
                "26.10.2026",
                "27.10.2026",
                "Лебедева Нина Фёдоровна",
                addr("Петровка", "ул. Мира", 5) + "; кв. 2",
                "Заявление",
                "Письмо",
                "Ремонт дорог",
                q1,
                ZHKH,
                "25.11.2026",
            ),
            K("2026-10-26 00:00:00", text_raw=q1),
        ),
        (
            F(
                "ОГ-1382/26",
                "27.10.2026",
                "27.10.2026",
                'ООО "Агроресурс"',
                addr("Гвардейцы", "ул. Садовая", 1),
                "Жалоба",
                "Письмо",
                "Благоустройство",
                q2,
                "Администрация сп Гвардейцы",
                "26.11.2026",
            ),
            K("2026-10-27 00:00:00", text_raw=q2),
        ),
        (
            F(
                "ОГ-1383/26",
                "28.10.2026",
                "28.10.2026",
                "Комаров Денис Олегович",
                addr("Борское", "ул. Ленина", 9),
                "Заявление",
                "Электронная почта",
                "Тарифы ЖКХ",
                q3,
                ZHKH,
                "27.11.2026",
                rep="Да",
            ),
            K("2026-10-28 00:00:00", text_raw=q3),
        ),
        (
            F(
                "ОГ-1384/26",
                "29.10.2026",
                "29.10.2026",
                "Жители ул. Школьной",
                addr("Новоборский", "ул. Школьная", 1),
                "Предложение",
                "Письмо",
                "Благоустройство",
                q4,
                "Администрация сп Новоборское",
                "28.11.2026",
                coll="Да",
            ),
            K("2026-10-29 00:00:00", text_raw=q4),
        ),
        (
            F(
                "ОГ-1385/26",
                "30.10.2026",
                "30.10.2026",
                "Титов Роман Игоревич",
                addr("Заплавное", "ул. Мира", 2),
                "Жалоба",
                "Интернет-приёмная",
                "Электроснабжение",
                q5,
                "Администрация сп Заплавное",
                "30.11.2026",
            ),
            K("2026-10-30 00:00:00", text_raw=q5),
        ),
    ]
    write_csv(
        "fz59_quoted_fields.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        quote_all=True,
        tests="every non-empty field quoted (1С/СЭД style), embedded «;», line breaks and doubled quotes "
        '(ООО ""Агроресурс"") inside fields',
        notes="Windows-1251, «;», CRLF between records, LF inside cells.",
    )

    def g(sid, rec, execu, text):
        return F(
            sid,
            rec,
            rec,
            "Зайцев Артём Романович",
            addr("Петровка", "ул. Мира", 1),
            "Заявление",
            "Письмо",
            "Ремонт дорог",
            text,
            execu,
            "30.11.2026",
        )

    pad = [""] * (len(FZ_HDR) - 1)
    rows = [
        (HEADER, None),
        (g("ОГ-1391/26", "26.10.2026", "Администрация сп Петровка", "Яма у школы."), K("2026-10-26 00:00:00")),
        (g("ОГ-1392/26", "27.10.2026", "Администрация сп Петровка", "Яма у клуба."), K("2026-10-27 00:00:00")),
        (["Итого по исполнителю: 2"] + pad, SKIP("subtotal")),
        ([""] * len(FZ_HDR), SKIP("blank")),
        (
            g("ОГ-1393/26", "28.10.2026", ZHKH, "Разбит мост."),
            K("2026-10-28 00:00:00", note="data continues after a subtotal"),
        ),
        (g("ОГ-1394/26", "29.10.2026", ZHKH, "Нет знака."), K("2026-10-29 00:00:00")),
        (g("ОГ-1395/26", "30.10.2026", ZHKH, "Не горит светофор."), K("2026-10-30 00:00:00")),
        (["Итого по исполнителю: 3"] + pad, SKIP("subtotal")),
        ([""] * len(FZ_HDR), SKIP("blank")),
        (["Всего: 5"] + pad, SKIP("total")),
    ]
    write_csv(
        "fz59_subtotals_grouped.csv",
        "fz59",
        FZ_HDR,
        rows,
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="a registry grouped by executor: «Итого по исполнителю: N» and a blank row between groups; "
        "rows after a subtotal are data and must be kept; «Всего: 5» at the end",
        notes="A footer-looking row is not the end of the table.",
    )

    w1 = [
        F(
            "ОГ-1401/26",
            "26.10.2026",
            "27.10.2026",
            "Абрамова Клавдия Ивановна",
            addr("Петровка", "ул. Мира", 3),
            "Заявление",
            "Письмо",
            "Уличное освещение",
            "Фонари на ул. Мира.",
            "Администрация сп Петровка",
            "25.11.2026",
            ans="30.10.2026",
            res="Поддержано",
            state="Рассмотрено",
        ),
        F(
            "ОГ-1402/26",
            "27.10.2026",
            "27.10.2026",
            "Воронин Глеб Сергеевич",
            addr("Гвардейцы", "ул. Ленина", 5),
            "Жалоба",
            "Интернет-приёмная",
            "Водоснабжение",
            "Нет воды.",
            ZHKH,
            "26.11.2026",
        ),
        F(
            "ОГ-1403/26",
            "28.10.2026",
            "29.10.2026",
            "Гришина Дарья Павловна",
            addr("Заплавное", "ул. Садовая", 7),
            "Заявление",
            "Письмо",
            "Ремонт дорог",
            "Дорога к ферме.",
            ZHKH,
            "27.11.2026",
        ),
        F(
            "ОГ-1404/26",
            "29.10.2026",
            "29.10.2026",
            "Дмитриев Евгений Олегович",
            addr("Борское", "ул. Советская", 9),
            "Предложение",
            "Электронная почта",
            "Благоустройство",
            "Сквер у ДК.",
            "Администрация сп Борское",
            "28.11.2026",
            state="Зарегистрировано",
        ),
    ]
    write_csv(
        "fz59_cross_week1.csv",
        "fz59",
        FZ_HDR,
        [(HEADER, None)] + [(r, K(_iso(r["received_at"]))) for r in w1],
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="cross-file pair, first export",
        notes="4 new.",
    )
    w2 = [
        dict(w1[0]),
        dict(w1[1], status_raw="Рассмотрено", first_answer_at="05.11.2026", outcome_raw="Разъяснено"),
        dict(w1[2], status_raw="Продлено", extended_due_at="11.12.2026"),
        dict(w1[3]),
        F(
            "ОГ-1410/26",
            "05.11.2026",
            "05.11.2026",
            "Ильина Жанна Викторовна",
            addr("Новоборский", "ул. Лесная", 2),
            "Заявление",
            "Письмо",
            "Электроснабжение",
            "Отключения света.",
            "Администрация сп Новоборское",
            "04.12.2026",
        ),
    ]
    write_csv(
        "fz59_cross_week2.csv",
        "fz59",
        FZ_HDR,
        [(HEADER, None)] + [(r, K(_iso(r["received_at"]))) for r in w2],
        sep=";",
        eol="\r\n",
        encoding="cp1251",
        tests="cross-file pair a week later: ОГ-1401 and ОГ-1404 identical; ОГ-1402 answered, ОГ-1403 "
        "extended (new state and extended date); ОГ-1410 new",
        notes="",
    )
    cross("fz59_cross_week1.csv", "fz59_cross_week2.csv", 1, 2, 2, "")


def _iso(ddmmyyyy: str) -> str:
    d, m, y = ddmmyyyy.split(".")
    return f"{y}-{m}-{d} 00:00:00"


# ---------------------------------------------------------------------------------------------------------
# generic files and whole-file refusals


def generic_files() -> None:
    hdr = [
        ("Код записи", "source_id"),
        ("Поступило", "received_at"),
        ("Что случилось", "text"),
        ("Где", "address"),
        ("Кому передано", "recipient_raw"),
        ("Отметка о выполнении", "status_raw"),
        ("Оператор", "#op"),
    ]
    mapping = {
        "source_id": "Код записи",
        "received_at": "Поступило",
        "text": "Что случилось",
        "address": "Где",
        "recipient_raw": "Кому передано",
        "status_raw": "Отметка о выполнении",
    }

    def h(sid, at, text, where, to, status, op="Оператор 1"):
        return {
            "source_id": sid,
            "received_at": at,
            "text": text,
            "address": where,
            "recipient_raw": to,
            "status_raw": status,
            "#op": op,
        }

    rows = [
        (HEADER, None),
        (
            h(
                "ГЛ-000412",
                "31.10.2026 3:00",
                "Прорыв водопровода, вода на дороге",
                "с. Борское, ул. Ленина",
                ZHKH,
                "Исполнено",
            ),
            K("2026-10-31 03:00:00"),
        ),
        (
            h(
                "ГЛ-000413",
                "31.10.2026 7:45",
                "Нет света на улице",
                "с. Петровка, ул. Мира",
                "Администрация сп Петровка",
                "Передано",
            ),
            K("2026-10-31 07:45:00", note="status «Передано» unknown"),
        ),
        (
            h(
                "ГЛ-000414",
                "31.10.2026 12:10",
                "Упало дерево на дорогу\tпроезд закрыт",
                "с. Гвардейцы",
                "Администрация сп Гвардейцы",
                "В работе",
                "Оператор 2",
            ),
            K("2026-10-31 12:10:00"),
        ),
        (
            h(
                "ГЛ-000415",
                "01.11.2026 0:20",
                "Запах газа в подъезде",
                "пос. Мойка, ул. Лесная, д. 8",
                "Газовая служба",
                "Принято",
                "Оператор 2",
            ),
            K("2026-11-01 00:20:00"),
        ),
        (
            h(
                "ГЛ-000416",
                "01.11.2026 9:05",
                "Собаки на детской площадке",
                "с. Заплавное",
                "Администрация сп Заплавное",
                "",
            ),
            K("2026-11-01 09:05:00", note="no status"),
        ),
    ]
    write_csv(
        "generic_utf16_tab.txt",
        "generic",
        hdr,
        rows,
        sep="\t",
        eol="\r\n",
        encoding="utf-16-le",
        mapping=mapping,
        mapping_source="hotline",
        tests="a hotline journal saved by Excel as «Текст Юникод» (UTF-16 LE with BOM, tabs, CRLF) whose "
        "headers no profile knows; imported with the given mapping as source «hotline»",
        notes="Without the mapping this file must be refused as no_columns.",
    )

    (HERE / "generic_no_columns.csv").write_bytes(
        (
            "Объект;Вид работ;Сумма, руб.;Подрядчик;Срок выполнения\r\n"
            "ул. Мира, с. Петровка;Ямочный ремонт;1 250 000;ООО «Дорстрой»;30.06.2026\r\n"
            "ул. Ленина, с. Борское;Замена освещения;640 000;ИП Сидоров;15.08.2026\r\n"
            "Мост через овраг, с. Гвардейцы;Капитальный ремонт;3 800 000;ООО «Мостострой»;01.10.2026\r\n"
        ).encode()
    )
    refused(
        "generic_no_columns.csv",
        "generic",
        "no_columns",
        fmt="csv",
        encoding="utf-8",
        separator=";",
        tests="a real table (a road repair plan) with neither an id nor a received date any profile knows, "
        "and no mapping given",
        notes="The reason should tell the user to choose the source and map the columns.",
    )

    (HERE / "empty.csv").write_bytes(b"")
    refused("empty.csv", "generic", "empty", fmt="csv", tests="a file of 0 bytes")

    (HERE / "empty_blank_lines.csv").write_bytes(b"\r\n\r\n;;;;\r\n   \r\n\t\r\n")
    refused(
        "empty_blank_lines.csv",
        "generic",
        "empty",
        fmt="csv",
        tests="only blank lines, separators and whitespace",
        notes="acceptable reasons: empty or not_a_table.",
    )

    letter = (
        "Уважаемый Иван Иванович!\r\n\r\n"
        "Направляю Вам, как договаривались, сведения по обращениям за неделю: в Петровке, Гвардейцах и "
        "Заплавном основные жалобы на воду, дороги и освещение; в Борском, кроме того, на запись к врачу.\r\n"
        "Таблицу пришлю завтра, сегодня, к сожалению, не успеваю, извините.\r\n\r\n"
        "С уважением,\r\nПетрова О.В., МЦУ, тел. 8 (84667) 2-00-00\r\n"
    )
    (HERE / "notatable.csv").write_bytes(letter.encode("cp1251"))
    refused(
        "notatable.csv",
        "generic",
        "not_a_table",
        fmt="csv",
        encoding="cp1251",
        tests="a letter in plain text saved as .csv (Windows-1251); it has commas and a «;» on some lines, so "
        "a naive sniffer finds a «separator»",
        notes="acceptable reasons: not_a_table or no_columns.",
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(32) for _ in range(3)) for y in range(32))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    (HERE / "notatable_png.csv").write_bytes(png)
    refused(
        "notatable_png.csv",
        "generic",
        "not_a_table",
        fmt="csv",
        tests="a PNG picture (a screenshot of the dashboard) renamed to .csv",
        notes="Binary: NUL bytes and a PNG signature.",
    )


# ---------------------------------------------------------------------------------------------------------
# build and verify


def build_all() -> None:
    MANIFEST.clear()
    CROSS.clear()
    pos_files()
    pos_refused_and_cross()
    im_files()
    fz59_files()
    generic_files()
    manifest = {
        "version": 1,
        "conventions": {
            "row": "1-based row number as a spreadsheet shows it: the sheet row in xlsx; the csv record number "
            "(title lines, the header and blank lines count; a line break inside a quoted field does "
            "not start a new row)",
            "header_row": "same numbering as row",
            "received_at": "YYYY-MM-DD HH:MM:SS, wall-clock time as written; an offset (+04:00, +03:00, +04, Z) "
            "is dropped, not applied; fractions of a second are truncated; a date without time "
            "is 00:00:00; Excel serials count from 1899-12-30 (the 1904 system only for date "
            "cells of a 1904 workbook); two-digit years 00–68 → 20xx, 69–99 → 19xx",
            "flag": "received_at only: future = after 2026-12-01, before_2000 = before 2000-01-01; the row is kept",
            "status": "raw value stripped at both ends; status_known/result_known/channel_known: whether "
            "profiles.py knows it today (case-insensitive, ё = е); null when the cell is empty",
            "columns": "canonical field -> header text (stripped at both ends) the importer should recognise; "
            "compare headers after collapsing inner whitespace and line breaks",
            "text_raw": "the text cell as read: NUL bytes removed, CRLF as LF, stripped; before masking",
            "reasons": ["no_id", "no_received_at", "bad_date", "bad_rating", "cell_too_long"],
            "skip_kinds": ["blank", "total", "subtotal", "generated", "signature"],
            "refuse_reasons": [
                "empty",
                "not_a_table",
                "no_columns",
                "truncated",
                "corrupt",
                "password",
                "bomb",
                "too_many_cells",
                "too_big",
            ],
        },
        "files": MANIFEST,
        "cross_file": CROSS,
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


FOOTER_RE = re.compile(
    r"^(итого|всего|выгрузка сформирована|исполнитель:|начальник|ответственный за выгрузку)", re.IGNORECASE
)
PY_ENC = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16-le": "utf-16",
    "cp1251": "cp1251",
    "koi8_r": "koi8_r",
    "cp866": "cp866",
}


def _norm(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").replace("\r\n", "\n").strip()


def _profile_dicts() -> dict[str, set[str]]:
    """The shipped value maps (mcu_data/store/reference/value_map.csv, rows for any source), by field."""
    path = HERE.parents[2] / "mcu_data" / "store" / "reference" / "value_map.csv"
    names = {"status": "STATUS_VALUES", "outcome": "OUTCOME_VALUES", "channel": "CHANNEL_VALUES"}
    out: dict[str, set[str]] = {name: set() for name in names.values()}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["source_code"] == "*" and row["field"] in names:
                out[names[row["field"]]].add(row["raw_value"])
    return out


def _check_rows(entry: dict, table: dict[int, list], header: list, problems: list[str]) -> None:
    name = entry["file"]
    names = [_norm(h) for h in header]
    expect_headers = set(entry["columns"].values()) | set(entry["unused_columns"])
    if {re.sub(r"\s+", " ", h) for h in expect_headers} != {re.sub(r"\s+", " ", n) for n in names if n}:
        problems.append(f"{name}: header {names} does not match columns/unused_columns")
    index = {re.sub(r"\s+", " ", n): i for i, n in enumerate(names)}
    id_col = index.get(re.sub(r"\s+", " ", entry["columns"]["source_id"]))
    at_col = index.get(re.sub(r"\s+", " ", entry["columns"]["received_at"]))
    text_col = index.get(re.sub(r"\s+", " ", entry["columns"].get("text", "")))
    listed = {r["row"]: r for r in entry["rows"]}
    if len(listed) != len(entry["rows"]):
        problems.append(f"{name}: a row is listed twice")
    data_rows = {n for n in table if n > entry["header_row"] and any(_norm(v) for v in table[n])}
    for n in data_rows - set(listed):
        problems.append(f"{name}: row {n} has values but is not listed")
    last = max(table) if table else 0
    for n, rec in listed.items():
        cells = table.get(n, [])
        values = [_norm(v) for v in cells]
        if n <= entry["header_row"] or n > last:
            problems.append(f"{name}: row {n} is outside the table")
            continue
        if rec["outcome"] == "skipped_footer":
            if rec["skip_kind"] == "blank":
                if any(values):
                    problems.append(f"{name}: row {n} listed blank but has values")
            elif not any(FOOTER_RE.match(v) for v in values if v):
                problems.append(f"{name}: row {n} listed as footer but looks like {values[:3]}")
            continue
        got_id = values[id_col] if id_col is not None and id_col < len(values) else ""
        if (rec["id"] or "") != got_id:
            problems.append(f"{name}: row {n} id {got_id!r} != manifest {rec['id']!r}")
        got_at = values[at_col] if at_col is not None and at_col < len(values) else ""
        if rec["outcome"] == "kept" and not got_at:
            problems.append(f"{name}: row {n} kept without a received date")
        if "text_len" in rec and (text_col is None or len(values[text_col]) != rec["text_len"]):
            problems.append(f"{name}: row {n} text is not {rec['text_len']} characters long")
        if "text_raw" in rec and text_col is not None and values[text_col] != rec["text_raw"]:
            problems.append(f"{name}: row {n} text differs from text_raw")
        if rec["outcome"] == "replaced_duplicate":
            winner = listed.get(rec["replaced_by"])
            if not winner or winner["id"] != rec["id"] or winner["outcome"] != "kept":
                problems.append(f"{name}: row {n} replaced_by is wrong")


def _read_csv_entry(path: Path, entry: dict) -> tuple[dict[int, list], list]:
    data = path.read_bytes()
    text = data.decode(PY_ENC[entry["encoding"]])  # strict
    if entry["encoding"] == "utf-8":
        assert not data.startswith(b"\xef\xbb\xbf")
    if entry["line_ending"] == "LF":
        assert "\r\n" not in text.replace('"\r\n', "").split('"')[0] or True
    csv.field_size_limit(64 * 1_048_576)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=entry["separator"]))
    table = {i: r for i, r in enumerate(records, start=1)}
    return table, table[entry["header_row"]]


def _read_xlsx_entry(path: Path, entry: dict) -> tuple[dict[int, list], list]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    ws = book[entry["sheet"]]
    if entry["file"] == "pos_sparse_xfd.xlsx":
        assert ws.calculate_dimension() == "A1:XFD1048576", ws.calculate_dimension()
        ws.reset_dimensions()  # read by real cells: otherwise every row is padded to 16 384 columns
    table = {}
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if any(v is not None for v in row):
            table[n] = list(row)
        elif n == 1_048_576:
            table[n] = []
    book.close()
    return table, table[entry["header_row"]]


def verify(generated: bool = True) -> int:
    problems: list[str] = []
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    dicts = _profile_dicts()
    for mine, theirs in (
        (KNOWN_STATUS, "STATUS_VALUES"),
        (KNOWN_OUTCOME, "OUTCOME_VALUES"),
        (KNOWN_CHANNEL, "CHANNEL_VALUES"),
    ):
        if mine != dicts[theirs]:
            problems.append(f"the copy of {theirs} differs from value_map.csv: {mine ^ dicts[theirs]}")
    files_on_disk = {p.name for p in HERE.iterdir() if p.suffix in (".csv", ".xlsx", ".txt")}
    listed = {e["file"] for e in manifest["files"]}
    for extra in files_on_disk - listed:
        problems.append(f"{extra}: on disk but not in the manifest")
    totals: dict[str, int] = {}
    for entry in manifest["files"]:
        path = HERE / entry["file"]
        if entry.get("generated"):
            if path.exists():
                problems.append(f"{entry['file']}: a generated file must not be committed")
            continue
        if not path.exists():
            problems.append(f"{entry['file']}: missing")
            continue
        if path.stat().st_size > 200 * 1024:
            problems.append(f"{entry['file']}: larger than 200 KB")
        for rec in entry["rows"]:
            totals[rec["outcome"]] = totals.get(rec["outcome"], 0) + 1
        try:
            if entry["expect"] == "imported":
                reader = _read_csv_entry if entry["format"] == "csv" else _read_xlsx_entry
                table, header = reader(path, entry)
                _check_rows(entry, table, header, problems)
            else:
                _check_refused(path, entry, problems)
        except Exception as exc:  # noqa: BLE001 - any failure to open is a problem of the corpus
            problems.append(f"{entry['file']}: {type(exc).__name__}: {exc}")
    names = {e["file"] for e in manifest["files"]}
    for pair in manifest["cross_file"]:
        if pair["first"] not in names or pair["second"] not in names:
            problems.append(f"cross_file {pair}: unknown file")
    if generated:
        _check_generated(manifest, problems)
    for p in problems:
        print("PROBLEM:", p)
    print("rows by outcome:", totals, "total", sum(totals.values()))
    return 1 if problems else 0


def _check_refused(path: Path, entry: dict, problems: list[str]) -> None:
    from openpyxl import load_workbook

    data = path.read_bytes()
    reason = entry["refuse_reason"]
    name = entry["file"]

    def fails_to_read() -> bool:
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for ws in book.worksheets:
                for _ in ws.iter_rows(values_only=True):
                    pass
            return False
        except Exception:  # noqa: BLE001
            return True

    ok = True
    if reason == "empty":
        ok = not data.strip(b"\r\n\t ;,") or data.count(b"\n") <= 1
    elif reason == "truncated":
        ok = data.startswith(b"PK\x03\x04") and fails_to_read()
    elif reason == "corrupt":
        ok = zipfile.is_zipfile(io.BytesIO(data)) and fails_to_read()
    elif reason == "password":
        from msoffcrypto.format.ooxml import OOXMLFile

        ok = data.startswith(b"\xd0\xcf\x11\xe0") and OOXMLFile(io.BytesIO(data)).is_encrypted()
    elif reason == "bomb":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("xl/worksheets/sheet1.xml")
            ok = info.file_size > 500 * info.compress_size and info.file_size > 50_000_000
    elif reason == "not_a_table" and name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            has_book = "xl/workbook.xml" in zf.namelist()
        if has_book:
            book = load_workbook(io.BytesIO(data), read_only=True)
            rows = [r for r in book.worksheets[0].iter_rows(values_only=True)]
            ok = all(sum(v is not None for v in r) <= 1 for r in rows)
    elif reason == "not_a_table":
        ok = data.startswith(b"\x89PNG") or data.decode(entry.get("encoding") or "utf-8", errors="strict") != ""
    elif reason == "no_columns":
        ok = len(data.decode("utf-8").splitlines()) > 1
    if not ok:
        problems.append(f"{name}: is not broken the way its refuse_reason says ({reason})")


def _check_generated(manifest: dict, problems: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest["files"]:
            gen = entry.get("generated")
            if not gen:
                continue
            path = Path(tmp) / entry["file"]
            globals()[gen["builder"]](path, **gen["args"])
            size = path.stat().st_size
            print(f"generated {entry['file']}: {size / 1_048_576:.1f} MB")
            if entry["refuse_reason"] == "too_big" and size <= 50 * 1_048_576:
                problems.append(f"{entry['file']}: not over 50 MB")
            if entry["refuse_reason"] == "too_many_cells":
                with zipfile.ZipFile(path) as zf:
                    info = zf.getinfo("xl/worksheets/sheet1.xml")
                ratio = info.file_size / info.compress_size
                print(f"  sheet unpacks to {info.file_size / 1_048_576:.0f} MB, ratio {ratio:.1f}")
                if size >= 50 * 1_048_576 or ratio >= 100:
                    problems.append(f"{entry['file']}: must stay under 50 MB and pack less than 100:1")
            if entry["expect"] == "imported":
                table, header = _read_csv_entry(path, entry)
                _check_rows(entry, table, header, problems)
                if len(table[3][4].encode()) < 10 * 1_048_576 - 4:
                    problems.append(f"{entry['file']}: the long cell is shorter than 10 MB")
            path.unlink()


def main(argv: list[str]) -> int:
    if "--verify" in argv:
        return verify(generated="--no-generated" not in argv)
    if "--generated" in argv:
        target = Path(argv[argv.index("--generated") + 1])
        target.mkdir(parents=True, exist_ok=True)
        build_im_long_cell(target / "im_long_cell.csv")
        build_im_too_big(target / "im_too_big.csv")
        build_pos_over_cell_budget(target / "pos_over_cell_budget.xlsx")
        print("built into", target)
        return 0
    build_all()
    print(f"wrote {len(MANIFEST)} manifest entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
