"""«Загрузка данных»: what each chosen file is, how its columns map, what an import did, and the load log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import CSV, Download, file_name
from mcu_data.core.locale import fmt_datetime, fmt_int, label
from mcu_data.ingest import official_pages, surveys
from mcu_data.ingest import report as import_report
from mcu_data.ingest.loader import preview
from mcu_data.ingest.profiles import PROFILES
from mcu_data.ingest.readers import ImportFileError
from mcu_data.ingest.report import ImportReport
from mcu_data.reports.exports import to_csv_bytes

SURVEY_HELP = (
    "Результаты опроса жителей — таблица, в которой одна строка — один ответ одного жителя на один вопрос. "
    "Обязательные столбцы: «Дата опроса» (или «Дата анкетирования», «Дата заполнения», «Дата»), «Вопрос» "
    "(«Вопрос анкеты», «Текст вопроса») и «Ответ» («Ответ респондента», «Вариант ответа»). Необязательные: "
    "«Населённый пункт» («Поселение», «Территория», «Место проживания»), «Группа респондентов» («Категория "
    "респондента», «Социальная группа»), «Тема» («Тематика», «Сфера»), «Опрос», «Номер анкеты». Строка без даты, "
    "вопроса или ответа отклоняется с причиной; повторная загрузка того же файла ничего не добавляет. Ответы своими "
    "словами сохраняются со скрытыми персональными данными. Загружает куратор МЦУ."
)
PAGES_HELP = (
    "Выгрузка активности официальных страниц (госпабликов) администрации, получателей и поселений из системы "
    "«Госпаблики» или таблица Excel: одна строка — одна страница за один день. Обязательные столбцы: «Дата» "
    "(«Отчётная дата», «Дата публикации») и «Госпаблик» («Название сообщества», «Страница») или «Ссылка». "
    "Необязательные: «Соцсеть» (ВКонтакте, Одноклассники, Telegram; без неё сеть определяется по ссылке), "
    "«Владелец» («Организация», «Учреждение», «Поселение» — получатель из справочника или поселение), «Публикации», "
    "«Комментарии», «Отвечено» («Ответы на комментарии»), «Среднее время ответа, ч» или «Медианное время ответа, "
    "ч», «Реакции», «Подписчики». Числа — как в русских таблицах: «1 234», «12,5». Строка без даты или страницы, с "
    "нечисловым или отрицательным числом, с ответами больше комментариев или повтор дня страницы отклоняется с "
    "причиной; страница, владельца которой нет в справочниках, загружается с отметкой «владелец не определён». "
    "Повторная загрузка тех же дней ничего не добавляет. Загружает куратор МЦУ."
)
AUTO = "__auto__"
NEW_MAPPING = "__mapping__"
NOT_MAPPED = "— нет —"
MAPPED_FIELDS = (
    "source_id",
    "received_at",
    "text",
    "address",
    "place_raw",
    "recipient_raw",
    "status_raw",
    "outcome_raw",
    "rubric_group",
    "rubric",
    "registered_at",
    "due_at",
    "first_answer_at",
    "satisfaction_raw",
    "channel_raw",
)


@dataclass
class FilePlan:
    """One chosen file: refused with a reason, or previewed with its source choices and column mapping."""

    name: str
    size_text: str
    error: str = ""
    choices: dict[str, str] = field(default_factory=dict)
    default: str = AUTO
    caption: str = ""
    preview: pd.DataFrame | None = None
    columns: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # canonical field -> the file's column
    profile_code: str | None = None
    profile_name: str | None = None

    @property
    def mapping_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"Поле": [label("field", f) for f in self.mapping], "Столбец файла": list(self.mapping.values())}
        )


def plan(data: bytes, name: str, max_bytes: int, profiles: pd.DataFrame, choice: str | None) -> FilePlan:
    """Read the head of a file and say what it looks like, with the mapping the chosen source gives it."""
    result = FilePlan(name, f"{fmt_int(len(data) / 1024)} КБ")
    try:
        raw, detected = preview(data, name, max_bytes)
    except ImportFileError as exc:
        result.error = f"{exc} Этот файл не будет загружен."
        return result
    if detected is None and surveys.looks_like_survey(list(raw.frame.columns)):
        result.error = "Это похоже на результаты опроса жителей: загрузите файл на вкладке «Опросы жителей»."
        return result
    if detected is None and official_pages.looks_like_official_pages(list(raw.frame.columns)):
        result.error = "Это похоже на выгрузку активности госпабликов: загрузите файл на вкладке «Госпаблики»."
        return result
    result.choices = {AUTO: f"Определено автоматически: {detected.title_ru}" if detected else "Источник не определён"}
    result.choices.update({code: p.title_ru for code, p in PROFILES.items()})
    result.choices.update({f"saved:{n}": f"Сохранённый профиль «{n}»" for n in profiles["name"]})
    result.choices[NEW_MAPPING] = "Сопоставить столбцы вручную…"
    result.default = AUTO if detected else NEW_MAPPING
    choice = choice if choice in result.choices else result.default
    sheet = f", лист «{raw.sheet}»" if raw.sheet else ""
    result.caption = (
        f"Строк: {fmt_int(len(raw.frame))}; заголовок в строке {raw.header_row}{sheet}; кодировка {raw.encoding}."
    )
    result.preview = raw.frame.head(5)
    result.columns = list(raw.frame.columns)
    if choice == AUTO and detected:
        result.profile_code = detected.code
        result.mapping = detected.match(result.columns)
    elif choice in PROFILES:
        result.profile_code = choice
        result.mapping = PROFILES[choice].match(result.columns)
    elif choice.startswith("saved:"):
        result.profile_name = choice.removeprefix("saved:")
        row = profiles.set_index("name").loc[result.profile_name]
        result.mapping = json.loads(row["mapping_json"])
    return result


def manual_mapping(picked: dict[str, str]) -> dict[str, str]:
    """A hand mapping from the page's selects: the fields whose column was chosen."""
    return {f: column for f, column in picked.items() if column and column != NOT_MAPPED}


@dataclass(frozen=True)
class ReportView:
    """What the page says after an import: a summary, the details under it, warnings in a yellow box."""

    summary: str
    details: list[str]
    warnings: list[str]


def report_view(report: ImportReport) -> ReportView:
    return ReportView(import_report.summary(report), import_report.details(report), import_report.warnings_for(report))


@dataclass
class LogView:
    table: pd.DataFrame
    done: list[int]
    file_names: dict[int, str]


def log(src: Source) -> LogView | None:
    batches = src.import_batches()
    if batches.empty:
        return None
    table = pd.DataFrame(
        {
            "№": batches["batch_id"],
            "Источник": batches["source_code"].map(lambda c: label("source_short", c)),
            "Файл": batches["file_name"],
            "Загружен": batches["finished_at"].map(lambda t: fmt_datetime(t.to_pydatetime()) if pd.notna(t) else "—"),
            "Состояние": batches["status"].map(lambda s: label("batch_status", s)),
            "Прочитано": batches["rows_read"],
            "Новых": batches["rows_new"],
            "Обновлено": batches["rows_updated"],
            "Без изменений": batches["rows_unchanged"],
            "Заменено": batches["rows_replaced"].fillna(0).astype(int),
            "Отклонено": batches["rows_rejected"],
            "Пропущено": batches["rows_skipped"].fillna(0).astype(int),
            "С пометкой о дате": batches["rows_flagged"].fillna(0).astype(int),
            "Не распознано": batches["rows_unrecognised"].fillna(0).astype(int),
            "Откуда": batches["origin"].map(lambda o: label("import_origin", o) if isinstance(o, str) else "—"),
        }
    )
    done = batches[batches["status"] == "done"]
    return LogView(table, list(done["batch_id"]), dict(zip(done["batch_id"], done["file_name"], strict=True)))


def rejected(src: Source, batch_id: int) -> tuple[pd.DataFrame, Download | None]:
    """The rejected rows of an import with their reasons and their (masked) values, and their file."""
    rows = src.rejected_rows(batch_id)
    if rows.empty:
        return rows, None
    raw = pd.DataFrame([json.loads(r) for r in rows["raw_json"]])
    table = pd.concat(
        [rows[["row_number", "reason_ru"]].rename(columns={"row_number": "Строка файла", "reason_ru": "Причина"}), raw],
        axis=1,
    )
    download = None
    if access.allowed(access.current(), access.EXPORT):
        download = Download(
            "Скачать отклонённые строки (CSV)",
            file_name("отклонённые_строки_загрузки", str(batch_id), ext="csv"),
            CSV,
            lambda: to_csv_bytes(table),
            "imp_rej_csv",
        )
    return table, download


def channel_notice(user: access.User) -> str:
    """A channel officer loads their own channel's exports: said above the uploader."""
    if user.role != "channel_officer":
        return ""
    return (
        f"Вы загружаете выгрузки своего канала: {label('source', user.channel)}. Файлы других каналов "
        "загружает их ответственный или куратор МЦУ."
    )
