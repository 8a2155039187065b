"""«Рассылка»: the state of the mail, who receives what and when, a preview of each letter, the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_datetime, label
from mcu_data.core.periods import last_complete_week
from mcu_data.outreach import addressbook, letters, outbox
from mcu_data.store import Store

EDITOR_COLUMNS = {
    "name_ru": "Кто",
    "email": "Адрес",
    "kind": "Что получает",
    "recipient_code": "Получатель (для сроков)",
    "leader_code": "Руководитель сектора (для точек роста)",
    "active": "Включён",
}
HOW_TO = (
    "Почта не настроена, письма не готовятся. Задайте сервер SMTP и адрес отправителя переменными окружения "
    "MCU_SMTP_HOST, MCU_SMTP_PORT, MCU_SMTP_SECURITY, MCU_SMTP_USER, MCU_SMTP_PASSWORD и MCU_MAIL_FROM — или "
    "таблицей [smtp] в файле секретов сервера — и перезапустите сервер. Как это сделать, написано в руководстве "
    "проекта, раздел «Почта»."
)
WHAT_WHEN = [
    "**Еженедельная записка** — куратору и Главе района по понедельникам в заданное время: краткое содержание в "
    "письме, записка DOCX во вложении. Если сервер в понедельник не работал, записка уйдёт, когда он заработает.",
    "**Сроки на сегодня** — ответственному каждого получателя в рабочие дни: что просрочено и у чего срок истекает в "
    "ближайшие 2 рабочих дня. Если ни того ни другого нет, письма не будет.",
    "**Новая точка роста** — руководителю сектора сразу, как только точка роста появилась в темах его блоков (одна "
    "и та же тема в поселении — не чаще раза в неделю).",
    "В письмах нет текстов обращений, имён, телефонов и адресов жителей: обращение названо номером в системе, "
    "из которой оно пришло.",
]


@dataclass
class MailingView:
    configured: bool
    state_lines: list[str]
    how_to: str
    schedule: addressbook.Schedule
    contacts: pd.DataFrame  # for the editor, Russian column names, labels as values
    kind_labels: dict[str, str]
    recipients: dict[str, str]
    leaders: dict[str, str]
    log: pd.DataFrame
    failed: dict[int, str]  # letters that may be sent again: id -> what the selector shows
    log_empty: str
    what_when: list[str]
    alarm: str = ""  # letters given up on, said at the top of the page


def build(store: Store) -> MailingView:
    settings = load_settings()
    mail = settings.mail
    if mail.error:
        state = [f"Настройки почты не читаются: {mail.error}"]
    elif mail.configured:
        state = [
            f"Сервер SMTP: {mail.host}:{mail.port}, защита — {mail.security}; отправитель {mail.sender}.",
            f"Вход на сервер: {'под именем ' + mail.user if mail.user else 'без имени и пароля'}"
            + (", пароль задан." if mail.password else "."),
            f"Откуда настройки: {mail.source or 'по умолчанию'}.",
        ]
    else:
        state = []
    if not settings.mail_on:
        state.append("Рассылка выключена на сервере (MCU_MAIL=off): письма не готовятся и не отправляются.")
    recipients, leaders = addressbook.options(store)
    frame = addressbook.contacts(store)
    shown = pd.DataFrame(
        {
            "contact_id": frame["contact_id"].astype("Int64"),
            EDITOR_COLUMNS["name_ru"]: frame["name_ru"],
            EDITOR_COLUMNS["email"]: frame["email"],
            EDITOR_COLUMNS["kind"]: frame["kind"].map(lambda k: label("contact_kind", k)),
            EDITOR_COLUMNS["recipient_code"]: frame["recipient_code"].map(recipients.get),
            EDITOR_COLUMNS["leader_code"]: frame["leader_code"].map(leaders.get),
            EDITOR_COLUMNS["active"]: frame["active"].astype(bool),
        }
    )
    raw = outbox.log(store)
    log = pd.DataFrame(
        {
            "Создано": raw["created_at"].map(fmt_datetime),
            "Письмо": raw["kind"].map(lambda k: label("mail_kind", k)),
            "Кому": raw["to_addr"],
            "Тема письма": raw["subject"],
            "Состояние": raw["state"].map(lambda s: label("mail_state", s)),
            "Попыток": raw["attempts"].astype(int),
            "Отправлено": raw["sent_at"].map(lambda v: fmt_datetime(v) if pd.notna(v) else ""),
            "Следующая попытка": raw["next_attempt_at"].map(
                lambda v: fmt_datetime(v) if pd.notna(v) and v is not None else ""
            ),
            "Причина последней неудачи": raw["last_error"].fillna(""),
        }
    )
    failed = {
        int(r.message_id): f"№ {r.message_id}: {label('mail_kind', r.kind)} → {r.to_addr}, {fmt_datetime(r.created_at)}"
        for r in raw[raw["state"] == "failed"].itertuples()
    }
    return MailingView(
        configured=mail.configured,
        state_lines=state,
        how_to="" if mail.configured else HOW_TO,
        schedule=addressbook.schedule(store),
        contacts=shown,
        kind_labels={k: label("contact_kind", k) for k in addressbook.KINDS},
        recipients=recipients,
        leaders=leaders,
        log=log,
        failed=failed,
        log_empty="Писем ещё не было. Первые появятся здесь, как только наступит их время по расписанию "
        "(или отправьте пробное письмо выше).",
        what_when=WHAT_WHEN,
        alarm=(
            f"Не отправлено писем: {len(failed)} — после всех попыток сервер SMTP их не принял. Причина — в журнале "
            "писем внизу страницы; исправьте настройки или адрес и отправьте их ещё раз."
            if failed
            else ""
        ),
    )


def contacts_from_editor(edited: pd.DataFrame, view: MailingView) -> pd.DataFrame:
    """The editor's rows back into codes, for addressbook.save_contacts."""
    by_label = {v: k for k, v in view.kind_labels.items()}
    by_recipient = {v: k for k, v in view.recipients.items()}
    by_leader = {v: k for k, v in view.leaders.items()}
    c = EDITOR_COLUMNS
    return pd.DataFrame(
        {
            "contact_id": edited["contact_id"],
            "name_ru": edited[c["name_ru"]].fillna(""),
            "email": edited[c["email"]].fillna(""),
            "kind": edited[c["kind"]].map(by_label),
            "recipient_code": edited[c["recipient_code"]].map(by_recipient),
            "leader_code": edited[c["leader_code"]].map(by_leader),
            "active": edited[c["active"]].fillna(True),
        }
    )


@dataclass
class Preview:
    subject: str
    html: str
    note: str  # what the preview is of


def preview(store: Store, kind: str, now: datetime) -> Preview | None:
    """The letter of a kind as it would go out now, to look at before switching it on; None if there is none."""
    if kind == "weekly":
        week = last_complete_week(now.date())
        letter = letters.weekly(store, week, now.date(), load_settings().app_url)
        return Preview(letter.subject, letter.html, "Записка прошлой недели, как её получат куратор и Глава района.")
    if kind == "daily":
        people = addressbook.contacts(store, active_only=True)
        chosen = people.loc[people["kind"] == "responsible", "recipient_code"].tolist()
        for code in chosen or list(addressbook.options(store)[0]):
            letter = letters.daily(store, code, now.replace(second=0, microsecond=0))
            if letter is not None:
                return Preview(letter.subject, letter.html, "Список на сегодня для первого получателя, у кого он есть.")
        return None
    if kind == "growth":
        for days_back in range(0, 120, 7):
            end = now.date() - timedelta(days=days_back)
            points = letters.growth_points(store, end)
            if not points.empty:
                letter = letters.growth_alert(store, points.iloc[0], end)
                return Preview(
                    letter.subject, letter.html, f"Последняя точка роста в данных (неделя по {end:%d.%m.%Y})."
                )
        return None
    letter = letters.test_letter(now)
    return Preview(letter.subject, letter.html, "Пробное письмо.")
