"""Who receives the letters and when: the contacts, the schedule and its switches, all audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.store import Store

KINDS = ("curator", "head", "responsible", "leader")
NOTE_KINDS = ("curator", "head")  # who receives the weekly note
EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
SCHEDULE_KEYS = {
    "weekly_on": "mail.weekly_on",
    "weekly_time": "mail.weekly_time",
    "daily_on": "mail.daily_on",
    "daily_time": "mail.daily_time",
    "growth_on": "mail.growth_on",
}
CONTACT_COLUMNS = ["contact_id", "name_ru", "email", "kind", "recipient_code", "leader_code", "active"]


class AddressError(ValueError):
    """Contacts or a schedule the store refuses; the message lists every reason in Russian."""


@dataclass(frozen=True)
class Schedule:
    """When the server sends: the note on Mondays, the deadline lists on working days, growth points at once."""

    weekly_on: bool = True
    weekly_time: time = time(8, 0)
    daily_on: bool = True
    daily_time: time = time(8, 30)
    growth_on: bool = True


def schedule(store: Store) -> Schedule:
    saved = dict(store.rows("select key, value from app_setting where key like 'mail.%'"))
    default = Schedule()

    def on(name: str) -> bool:
        value = saved.get(SCHEDULE_KEYS[name])
        return getattr(default, name) if value is None else value == "1"

    def at(name: str) -> time:
        value = saved.get(SCHEDULE_KEYS[name])
        return getattr(default, name) if value is None else time.fromisoformat(value)

    return Schedule(on("weekly_on"), at("weekly_time"), on("daily_on"), at("daily_time"), on("growth_on"))


def save_schedule(store: Store, new: Schedule) -> None:
    access.require(access.MANAGE_MAIL)
    values = {
        SCHEDULE_KEYS["weekly_on"]: "1" if new.weekly_on else "0",
        SCHEDULE_KEYS["weekly_time"]: new.weekly_time.strftime("%H:%M"),
        SCHEDULE_KEYS["daily_on"]: "1" if new.daily_on else "0",
        SCHEDULE_KEYS["daily_time"]: new.daily_time.strftime("%H:%M"),
        SCHEDULE_KEYS["growth_on"]: "1" if new.growth_on else "0",
    }
    details = (
        f"записка по понедельникам в {values['mail.weekly_time']}: {'да' if new.weekly_on else 'нет'}; "
        f"сроки по рабочим дням в {values['mail.daily_time']}: {'да' if new.daily_on else 'нет'}; "
        f"точки роста: {'да' if new.growth_on else 'нет'}"
    )
    with store.transaction() as tx:  # counted: the mailer looks for growth points again after it
        for key, value in values.items():
            tx.execute("delete from app_setting where key = ?", [key])
            tx.execute("insert into app_setting values (?, ?)", [key, value])
        audit.record(store, "mail_schedule", "mail", details, tx=tx)


def contacts(store: Store, active_only: bool = False) -> pd.DataFrame:
    where = "where active" if active_only else ""
    return store.query(f"select {', '.join(CONTACT_COLUMNS)} from mail_contact {where} order by kind, name_ru, email")


def options(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """What a contact may point to: recipients (code → name) and sector leaders (code → short title)."""
    recipients = dict(store.rows("select code, name_ru from recipient order by name_ru"))
    leaders = dict(store.rows("select code, short_ru from sector_leader order by short_ru"))
    return recipients, leaders


def problems(frame: pd.DataFrame, recipients: set[str], leaders: set[str]) -> list[str]:
    """Every reason a table of contacts cannot be saved, row by row, in the words of the page."""
    found = []
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        name, email = str(row.name_ru or "").strip(), str(row.email or "").strip()
        if not name and not email:
            continue
        where = f"Строка {i}"
        if not name:
            found.append(f"{where}: не указано, кто это (должность или имя).")
        if not EMAIL.match(email):
            found.append(f"{where}: «{email}» — не адрес электронной почты.")
        if row.kind not in KINDS:
            found.append(f"{where}: не выбрано, что получает адресат.")
        if row.kind == "responsible" and row.recipient_code not in recipients:
            found.append(f"{where}: ответственному нужен получатель обращений, чьи сроки он получает.")
        if row.kind == "leader" and row.leader_code not in leaders:
            found.append(
                f"{where}: руководителю сектора нужна должность из справочника, по темам которой он получает точки роста."
            )
    return found


def save_contacts(store: Store, frame: pd.DataFrame, now: datetime | None = None) -> int:
    """Replace the contacts with the table as edited; empty rows are dropped. Returns how many are kept."""
    access.require(access.MANAGE_MAIL)
    now = now or datetime.now()
    recipients, leaders = options(store)
    found = problems(frame, set(recipients), set(leaders))
    if found:
        raise AddressError(" ".join(found))
    kept = frame[(frame["name_ru"].fillna("").str.strip() != "") | (frame["email"].fillna("").str.strip() != "")]
    with store.transaction() as tx:
        before = set(tx.query("select contact_id from mail_contact")["contact_id"].astype(int))
        stays = set()
        for row in kept.itertuples(index=False):
            values = [
                str(row.name_ru).strip(),
                str(row.email).strip(),
                row.kind,
                row.recipient_code if row.kind == "responsible" else None,
                row.leader_code if row.kind == "leader" else None,
                bool(row.active) if pd.notna(row.active) else True,
            ]
            if pd.notna(row.contact_id) and int(row.contact_id) in before:
                stays.add(int(row.contact_id))
                tx.execute(
                    "update mail_contact set name_ru = ?, email = ?, kind = ?, recipient_code = ?, leader_code = ?, "
                    "active = ? where contact_id = ?",
                    [*values, int(row.contact_id)],
                )
            else:
                tx.execute(
                    "insert into mail_contact (name_ru, email, kind, recipient_code, leader_code, active, created_at) "
                    "values (?, ?, ?, ?, ?, ?, ?)",
                    [*values, now],
                )
        for gone in before - stays:
            tx.execute("delete from mail_contact where contact_id = ?", [gone])
        audit.record(store, "mail_contacts", "mail_contact", f"адресатов: {len(kept)}", tx=tx)
    return len(kept)
