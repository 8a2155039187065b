"""Roadmap measures: create, edit with optimistic locking and full history, derive «overdue»."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.locale import label
from mcu_data.store import Store

STATUSES = ("planned", "in_progress", "done", "cancelled")  # «overdue» is derived, never stored
EDITABLE = (
    "title",
    "description",
    "theme_codes",
    "settlement_oktmos",
    "recipient_code",
    "official",
    "start_date",
    "deadline",
    "done_date",
    "status",
    "progress",
    "expected_effect",
    "evidence",
)


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
    access.require(access.EDIT_MEASURE, themes=m.theme_codes, settlements=m.settlement_oktmos)
    validate(store, m)
    now = now or datetime.now()
    if m.status == "done":
        m.progress = 100
    with store.transaction() as tx:
        measure_id = int(
            tx.scalar(
                "insert into measure (title, description, theme_codes, settlement_oktmos, recipient_code, official, "
                "start_date, deadline, done_date, status, progress, expected_effect, evidence, row_version, created_at, "
                "created_by, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) "
                "returning measure_id",
                [
                    m.title.strip(),
                    m.description,
                    m.theme_codes,
                    m.settlement_oktmos,
                    m.recipient_code,
                    m.official.strip(),
                    m.start_date,
                    m.deadline,
                    m.done_date,
                    m.status,
                    int(m.progress),
                    m.expected_effect,
                    m.evidence,
                    now,
                    by,
                    now,
                    by,
                ],
            )
        )
        tx.execute("insert into measure_history values (?, ?, ?, 'создано', null, ?)", [measure_id, now, by, m.title])
        audit.record(store, "measure_created", f"мероприятие №{measure_id}", m.title.strip(), now=now, tx=tx)
    return measure_id


def get(store: Store, measure_id: int) -> dict:
    rows = store.query("select * from measure where measure_id = ?", [measure_id])
    if rows.empty:
        raise MeasureError(f"Мероприятия № {measure_id} нет.")
    return rows.iloc[0].to_dict()


def update(
    store: Store, measure_id: int, expected_version: int, m: Measure, by: str, now: datetime | None = None
) -> int:
    """Save an edit made on top of `expected_version`; a newer version in the store refuses it, losing nothing."""
    access.require(access.EDIT_MEASURE, themes=m.theme_codes, settlements=m.settlement_oktmos)
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
        # the measure as it stands must be the user's too: nobody takes over another block's measure
        access.require(access.EDIT_MEASURE, themes=list(old["theme_codes"]), settlements=list(old["settlement_oktmos"]))
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
                tx.execute(
                    "insert into measure_history values (?, ?, ?, ?, ?, ?)", [measure_id, now, by, key, before, after]
                )
        changed = [k for k in EDITABLE if _text(old[k]) != _text(new[k])]
        audit.record(
            store, "measure_changed", f"мероприятие №{measure_id}", "поля: " + ", ".join(changed), now=now, tx=tx
        )
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


# the columns of a measures table as people write it in Excel
COLUMNS_RU = {
    "measure_id": "№",
    "title": "Мероприятие",
    "description": "Описание",
    "theme_codes": "Темы",
    "settlement_oktmos": "Поселения",
    "official": "Ответственный",
    "start_date": "Начало",
    "deadline": "Срок",
    "done_date": "Завершено",
    "status": "Статус",
    "progress": "Выполнение, %",
    "expected_effect": "Ожидаемый эффект",
    "evidence": "Основание",
}
STATUS_RU = {code: label("measure_state", code) for code in STATUSES}


def to_table(frame: pd.DataFrame, themes: dict[str, str], settlements: dict[str, str]) -> pd.DataFrame:
    """Measures with Russian columns and names, for CSV and XLSX downloads (and for re-import)."""

    def fmt(d):
        return pd.Timestamp(d).strftime("%d.%m.%Y") if pd.notna(d) else ""

    return pd.DataFrame(
        {
            COLUMNS_RU["measure_id"]: frame["measure_id"],
            COLUMNS_RU["title"]: frame["title"],
            COLUMNS_RU["description"]: frame["description"].fillna(""),
            COLUMNS_RU["theme_codes"]: frame["theme_codes"].map(lambda c: "; ".join(themes.get(x, x) for x in c)),
            COLUMNS_RU["settlement_oktmos"]: frame["settlement_oktmos"].map(
                lambda c: "; ".join(settlements.get(x, x) for x in c)
            ),
            COLUMNS_RU["official"]: frame["official"],
            COLUMNS_RU["start_date"]: frame["start_date"].map(fmt),
            COLUMNS_RU["deadline"]: frame["deadline"].map(fmt),
            COLUMNS_RU["done_date"]: frame["done_date"].map(fmt),
            COLUMNS_RU["status"]: frame["status"].map(STATUS_RU),
            COLUMNS_RU["progress"]: frame["progress"],
            COLUMNS_RU["expected_effect"]: frame["expected_effect"].fillna(""),
            COLUMNS_RU["evidence"]: frame["evidence"].fillna(""),
        }
    )


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def import_table(
    store: Store,
    data: bytes,
    file_name: str,
    by: str,
    themes: dict[str, str],
    settlements: dict[str, str],
    max_bytes: int = 20 * 1_048_576,
) -> ImportResult:
    """Create measures from a CSV or XLSX table (a «№» of an existing measure updates it).

    Every row is checked first; if any is wrong, nothing is saved and the message lists each row and why.
    """
    from mcu_data.ingest.dates import parse_dates
    from mcu_data.ingest.readers import read_all

    raw = read_all(data, file_name, max_bytes, known=set(COLUMNS_RU.values())).frame
    missing = [c for c in ("title", "theme_codes", "official", "start_date", "deadline") if COLUMNS_RU[c] not in raw]
    if missing:
        raise MeasureError("В таблице нет столбцов: " + ", ".join(COLUMNS_RU[c] for c in missing))
    theme_by_name = {v.lower(): k for k, v in themes.items()}
    place_by_name = {v.lower(): k for k, v in settlements.items()}
    status_by_name = {v.lower(): k for k, v in STATUS_RU.items()}

    def col(key: str) -> pd.Series:
        return raw[COLUMNS_RU[key]] if COLUMNS_RU[key] in raw else pd.Series("", index=raw.index)

    dates = {k: parse_dates(col(k)) for k in ("start_date", "deadline", "done_date")}
    plans, errors = [], []
    for row_number in raw.index:
        try:

            def names_to_codes(text: str, lookup: dict[str, str], what: str) -> list[str]:
                out = []
                for part in filter(None, (p.strip() for p in str(text).split(";"))):
                    if part.lower() not in lookup:
                        raise MeasureError(f"неизвестное {what} «{part}»")
                    out.append(lookup[part.lower()])
                return out

            for key in ("start_date", "deadline"):
                if pd.isna(dates[key][row_number]):
                    raise MeasureError(f"неверная дата в столбце «{COLUMNS_RU[key]}»")
            status_text = str(col("status")[row_number]).strip().lower() or "запланировано"
            if status_text not in status_by_name:
                raise MeasureError(f"неизвестный статус «{col('status')[row_number]}»")
            done = dates["done_date"][row_number]
            measure = Measure(
                title=str(col("title")[row_number]),
                description=str(col("description")[row_number]),
                theme_codes=names_to_codes(col("theme_codes")[row_number], theme_by_name, "название темы"),
                settlement_oktmos=names_to_codes(col("settlement_oktmos")[row_number], place_by_name, "поселение"),
                official=str(col("official")[row_number]),
                start_date=dates["start_date"][row_number].date(),
                deadline=dates["deadline"][row_number].date(),
                done_date=None if pd.isna(done) else done.date(),
                status=status_by_name[status_text],
                progress=int(float(str(col("progress")[row_number]).replace(",", ".") or 0)),
                expected_effect=str(col("expected_effect")[row_number]),
                evidence=str(col("evidence")[row_number]),
            )
            validate(store, measure)
            number = str(col("measure_id")[row_number]).strip()
            plans.append((int(number) if number.isdigit() else None, measure))
        except (MeasureError, ValueError) as exc:
            errors.append(f"строка {row_number}: {exc}")
    if errors:
        raise MeasureError("Таблица не загружена, ничего не изменилось. " + "; ".join(errors))
    created = updated = 0
    for number, measure in plans:
        existing = store.scalar("select row_version from measure where measure_id = ?", [number]) if number else None
        if existing is None:
            create(store, measure, by)
            created += 1
        else:
            update(store, number, int(existing), measure, by)
            updated += 1
    return ImportResult(created, updated)
