"""Roadmap measures: create, edit with optimistic locking and full history, derive «overdue»."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import pandas as pd

from mcu_data.store import Store

STATUSES = ("planned", "in_progress", "done", "cancelled")  # «overdue» is derived, never stored
EDITABLE = ("title", "description", "theme_codes", "settlement_oktmos", "recipient_code", "official", "start_date",
            "deadline", "done_date", "status", "progress", "expected_effect", "evidence")


class MeasureError(ValueError):
    """A measure that cannot be saved as entered; the message is in Russian."""


class StaleEditError(MeasureError):
    """Someone saved the measure after this form was opened; carries the values now in the store."""

    def __init__(self, current: dict) -> None:
        super().__init__(
            f"Мероприятие уже изменил {current['updated_by']} в {current['updated_at']:%d.%m.%Y %H:%M}. "
            "Ваши правки не сохранены: ниже — текущие значения; внесите правки заново."
        )
        self.current = current


@dataclass
class Measure:
    title: str
    theme_codes: list[str]
    settlement_oktmos: list[str]
    official: str
    start_date: date
    deadline: date
    description: str = ""
    recipient_code: str | None = None
    done_date: date | None = None
    status: str = "planned"
    progress: int = 0
    expected_effect: str = ""
    evidence: str = ""
    extra: dict = field(default_factory=dict)


def validate(store: Store, m: Measure) -> None:
    """Russian messages for every field a person can get wrong."""
    if not m.title.strip():
        raise MeasureError("Укажите название мероприятия.")
    if not m.theme_codes:
        raise MeasureError("Укажите хотя бы одну тему.")
    if not m.official.strip():
        raise MeasureError("Укажите ответственное должностное лицо.")
    if m.deadline < m.start_date:
        raise MeasureError("Срок не может быть раньше начала.")
    if m.status not in STATUSES:
        raise MeasureError(f"Неизвестный статус: {m.status}")
    if not 0 <= int(m.progress) <= 100:
        raise MeasureError("Выполнение — от 0 до 100 %.")
    if m.status == "done" and m.done_date is None:
        raise MeasureError("У выполненного мероприятия должна быть дата завершения.")
    if m.done_date is not None and m.done_date < m.start_date:
        raise MeasureError("Дата завершения не может быть раньше начала.")
    known_themes = {r[0] for r in store.rows("select code from theme")}
    if set(m.theme_codes) - known_themes:
        raise MeasureError("Неизвестная тема: " + ", ".join(sorted(set(m.theme_codes) - known_themes)))
    known_places = {r[0] for r in store.rows("select oktmo from settlement")}
    if set(m.settlement_oktmos) - known_places:
        raise MeasureError("Неизвестное поселение: " + ", ".join(sorted(set(m.settlement_oktmos) - known_places)))


def create(store: Store, m: Measure, by: str, now: datetime | None = None) -> int:
    validate(store, m)
    now = now or datetime.now()
    if m.status == "done":
        m.progress = 100
    with store.transaction() as tx:
        measure_id = int(tx.scalar(
            "insert into measure (title, description, theme_codes, settlement_oktmos, recipient_code, official, "
            "start_date, deadline, done_date, status, progress, expected_effect, evidence, row_version, created_at, "
            "created_by, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) "
            "returning measure_id",
            [m.title.strip(), m.description, m.theme_codes, m.settlement_oktmos, m.recipient_code, m.official.strip(),
             m.start_date, m.deadline, m.done_date, m.status, int(m.progress), m.expected_effect, m.evidence,
             now, by, now, by],
        ))
        tx.execute("insert into measure_history values (?, ?, ?, 'создано', null, ?)", [measure_id, now, by, m.title])
    return measure_id


def get(store: Store, measure_id: int) -> dict:
    rows = store.query("select * from measure where measure_id = ?", [measure_id])
    if rows.empty:
        raise MeasureError(f"Мероприятия № {measure_id} нет.")
    return rows.iloc[0].to_dict()


def update(store: Store, measure_id: int, expected_version: int, m: Measure, by: str,
           now: datetime | None = None) -> int:
    """Save an edit made on top of `expected_version`; a newer version in the store refuses it, losing nothing."""
    validate(store, m)
    now = now or datetime.now()
    if m.status == "done":
        m.progress = 100
    new = {k: v for k, v in asdict(m).items() if k in EDITABLE}
    with store.transaction() as tx:
        current = tx.query("select * from measure where measure_id = ?", [measure_id])
        if current.empty:
            raise MeasureError(f"Мероприятия № {measure_id} нет.")
        old = current.iloc[0].to_dict()
        if int(old["row_version"]) != int(expected_version):
            raise StaleEditError(old)
        sets = ", ".join(f"{k} = ?" for k in EDITABLE)
        tx.execute(
            f"update measure set {sets}, row_version = row_version + 1, updated_at = ?, updated_by = ? "
            "where measure_id = ? and row_version = ?",
            [*(new[k] for k in EDITABLE), now, by, measure_id, expected_version],
        )
        for key in EDITABLE:
            before, after = _text(old[key]), _text(new[key])
            if before != after:
                tx.execute("insert into measure_history values (?, ?, ?, ?, ?, ?)",
                           [measure_id, now, by, key, before, after])
    return int(expected_version) + 1


def _text(value: object) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return ", ".join(map(str, list(value)))
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%d.%m.%Y")
    return str(value)


def all_measures(store: Store, today: date) -> pd.DataFrame:
    """Every measure with its derived state: «overdue» when not done or cancelled by its deadline."""
    frame = store.query("select * from measure order by deadline, measure_id")
    late = frame["status"].isin(["planned", "in_progress"]) & (pd.to_datetime(frame["deadline"]) < pd.Timestamp(today))
    frame["state"] = frame["status"].where(~late, "overdue")
    return frame


def history(store: Store, measure_id: int) -> pd.DataFrame:
    return store.query("select * from measure_history where measure_id = ? order by changed_at", [measure_id])
