"""Test files written the way Russian office software writes them: encodings, separators, Excel books."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import Workbook

FZ59_HEADER = [
    "Рег. №",
    "Дата поступления",
    "Дата регистрации",
    "Корреспондент",
    "Адрес корреспондента",
    "Вид обращения",
    "Форма поступления",
    "Тематика",
    "Краткое содержание",
    "Исполнитель",
    "Срок исполнения",
    "Продлено до",
    "Дата ответа",
    "Результат рассмотрения",
    "Коллективное",
    "Повторное",
    "Состояние",
]


def fz59_row(
    reg: str,
    received: str = "03.11.2026",
    answered: str = "",
    result: str = "",
    state: str = "На рассмотрении",
    text: str = "Прошу отремонтировать дорогу на ул. Садовой в Петровке",
    topic: str = "",
) -> list[str]:
    return [
        reg,
        received,
        received,
        "Иванов Иван Иванович",
        "Самарская обл., Борский р-н, Петровка, ул. Садовая, д. 3",
        "Заявление",
        "Письмо",
        topic,
        text,
        "Администрация сп Петровка",
        "",
        "",
        answered,
        result,
        "Нет",
        "Нет",
        state,
    ]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", sep: str = ",", bom: bool = False) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(
    rows: list[list[object]], title_rows: int = 0, sheet: str = "Лист1", extra_sheet_first: bool = False
) -> bytes:
    """A book whose table may sit under merged title rows and behind another sheet."""
    wb = Workbook()
    ws = wb.active
    if extra_sheet_first:
        ws.title = "Пояснения"
        ws.append(["Выгрузка сформирована автоматически"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for i in range(title_rows):
        ws.append([f"Заголовок отчёта, строка {i + 1}"])
        ws.merge_cells(start_row=i + 1, start_column=1, end_row=i + 1, end_column=max(len(r) for r in rows))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pos_rows(n: int = 3, status: str = "В работе") -> list[list[object]]:
    header = [
        "Номер сообщения",
        "Дата и время подачи",
        "Категория",
        "Подкатегория",
        "Текст сообщения",
        "Адрес",
        "Широта",
        "Долгота",
        "Ответственный",
        "Статус",
        "Срок ответа",
        "Дата ответа",
        "Результат",
        "Оценка заявителя",
        "Тип заявителя",
    ]
    rows: list[list[object]] = [header]
    for i in range(n):
        rows.append(
            [
                f"{5000 + i}",
                datetime(2026, 11, 2 + i % 20, 10, 30),
                "Дороги",
                "Ямы и выбоины",
                "Яма на дороге, звоните 89271234567",
                "Самарская обл., Борский р-н, с. Петровка, ул. Мира, д. 1",
                53.23,
                51.946,
                "Администрация сп Петровка",
                status,
                datetime(2026, 11, 16 + i % 10),
                None,
                "",
                None,
                "Физическое лицо",
            ]
        )
    return rows
