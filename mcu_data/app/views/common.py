"""What several views share: big-number tiles, files built on demand, captions that say what a figure covers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_datetime, fmt_period

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_DATA_IN_STORE = (
    "В хранилище пока нет обращений. Загрузите выгрузки ПОС, «Инцидент менеджмент» или реестра 59-ФЗ "
    "на странице «Загрузка данных», и здесь появятся показатели."
)
NO_DATA_FOR_FILTERS = (
    "По выбранным фильтрам обращений нет. Расширьте период или снимите часть фильтров на боковой панели."
)
OBSERVER_NO_LISTS = (
    "Списки отдельных обращений недоступны роли «Наблюдатель / экран»: она видит только сводные показатели."
)


@dataclass(frozen=True)
class Tile:
    """One big number: what it is, its value, the line under it, and the «?» text."""

    label: str
    value: str
    delta: str = ""
    delta_color: str = "off"  # "inverse": a rise is bad (red); "off": no colour
    help: str = ""
    hot: bool = False


@dataclass(frozen=True)
class Download:
    """A file a user may take: its name, type, and how to make it — called only when the user asks for it."""

    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]
    key: str
    icon: str = ":material/download:"


@dataclass(frozen=True)
class Meter:
    """A share column drawn as a bar under its number, coloured by meaning (colours.meaning); no target: neutral."""

    column: str
    good_from: float | None = None
    bad_below: float | None = None


@dataclass(frozen=True)
class Notice:
    kind: str  # info, warning, success, error
    text: str
    icon: str = ":material/info:"


@dataclass
class Empty:
    """Instead of the page's figures: what to do to see some."""

    text: str
    icon: str = ":material/filter_alt_off:"
    notices: list[Notice] = field(default_factory=list)


def moment_caption(filters: Filters, as_of: datetime) -> str:
    """«Период 27.10–25.11.2026 (30 дн.) · данные на 25.11.2026 23:59»: what every figure below covers."""
    return f"Период {fmt_period(filters.start, filters.end)} ({filters.days} дн.) · данные на {fmt_datetime(as_of)}"


def file_name(*parts: str | date, ext: str) -> str:
    """A Russian file name from labels and dates: «обращения_Обращение_с_ТКО_Новоборское_27.10–25.11.2026.csv»."""
    words = []
    for part in parts:
        text = part.strftime("%d.%m.%Y") if isinstance(part, date) else str(part)
        text = re.sub(r"[«»\"'/\\:*?<>|]+", "", text).strip()
        words.append(re.sub(r"\s+", "_", text))
    return "_".join(w for w in words if w) + f".{ext}"


def dashes(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values in text columns as «—»: a table would print them as a grey «None»."""
    text = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) == "str"]
    return frame.fillna(dict.fromkeys(text, "—"))
