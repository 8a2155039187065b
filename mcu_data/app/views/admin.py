"""«Пользователи и журнал»: accounts and their scope, the audit log for a period, what the retention would remove."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from mcu_data.app.source import Source
from mcu_data.app.views.common import CSV, Download, file_name
from mcu_data.core.locale import fmt_date, fmt_datetime, fmt_int, label
from mcu_data.reports.exports import to_csv_bytes


@dataclass
class UsersView:
    accounts: pd.DataFrame  # as stored, indexed by login
    table: pd.DataFrame  # as shown
    leaders: dict[str, str]
    settlements: dict[str, str]


def users(src: Source) -> UsersView:
    table = src.accounts()
    leaders = dict(
        zip(src.reference_tables()["leaders"]["code"], src.reference_tables()["leaders"]["short_ru"], strict=True)
    )
    names = src.names()

    def scope(channel, leader, oktmo) -> str:
        if isinstance(channel, str):
            return label("source_short", channel)
        if isinstance(leader, str):
            return leaders.get(leader, leader)
        return names.settlements.get(oktmo, "") if isinstance(oktmo, str) else ""

    shown = pd.DataFrame(
        {
            "Логин": table["login"],
            "Имя": table["display_name"],
            "Роль": table["role"].map(lambda r: label("role", r)),
            "Канал, блок или поселение": [
                scope(c, b, o)
                for c, b, o in zip(table["channel_code"], table["leader_code"], table["settlement_oktmo"], strict=True)
            ],
            "Экран": table["is_screen"].map({True: "да", False: ""}),
            "Ключ показа": table["screen_key_issued_at"].map(
                lambda t: "выдан " + fmt_date(t.to_pydatetime()) if pd.notna(t) else ""
            ),
            "Активна": table["active"].map({True: "да", False: "отключена"}),
            "Последний вход": table["last_login_at"].map(
                lambda t: fmt_datetime(t.to_pydatetime()) if pd.notna(t) else "—"
            ),
        }
    )
    return UsersView(table.set_index("login", drop=False), shown, leaders, names.settlements)


def api_tokens(src: Source) -> pd.DataFrame:
    """The API keys as the curator sees them: never the key itself, only the first characters of its digest."""
    keys = src.api_tokens()

    def when(t) -> str:
        return fmt_datetime(t.to_pydatetime()) if pd.notna(t) else "—"

    return pd.DataFrame(
        {
            "Номер ключа": keys["key_id"],
            "Учётная запись": keys["login"],
            "Назначение": keys["label"],
            "Выдан": keys["created_at"].map(when),
            "Кем": keys["created_by"],
            "Последнее использование": keys["last_used_at"].map(when),
            "Состояние": keys["revoked_at"].map(lambda t: "отозван " + when(t) if pd.notna(t) else "действует"),
        }
    )


def audit_log(src: Source, days: int, login: str | None, today: date) -> tuple[pd.DataFrame, Download | None]:
    log = src.audit_entries(datetime.now() - timedelta(days=days), login)
    if log.empty:
        return log, None
    view = pd.DataFrame(
        {
            "Когда": log["happened_at"].dt.strftime("%d.%m.%Y %H:%M:%S"),
            "Кто": log["login"],
            "Действие": log["action"].map(lambda a: label("audit_action", a)),
            "Объект": log["object"].fillna(""),
            "Подробности": log["details"].fillna(""),
        }
    )
    return view, Download(
        "Скачать журнал (CSV)",
        file_name("журнал_действий", today, ext="csv"),
        CSV,
        lambda: to_csv_bytes(view),
        "adm_audit_csv",
    )


def retention_text(years: int) -> str:
    return (
        f"Сейчас обращения хранятся **{fmt_int(years)} лет** со дня поступления. Более старые удаляются по кнопке "
        "ниже или командой `python -m mcu_data purge` (её можно поставить в расписание)."
    )


def retention_table(due: pd.DataFrame) -> pd.DataFrame:
    return due.assign(source_code=due["source_code"].map(lambda c: label("source_short", c))).rename(
        columns={"source_code": "Канал", "year": "Год", "n": "Обращений"}
    )


def may_have_screen_key(row) -> bool:
    """Only an observer account marked as the meeting-room screen gets a key for the show."""
    return row is not None and bool(row["is_screen"]) and row["role"] == "observer"


def retention_warning(cutoff: date, due: pd.DataFrame) -> str:
    return f"Поступили до {fmt_date(cutoff)} и будут удалены: {fmt_int(int(due['n'].sum()))} обращ."
