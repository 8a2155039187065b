"""Import one file into the store as one transaction: new, updated, unchanged and rejected rows add up."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from mcu_data import reference
from mcu_data.ingest import gazetteer
from mcu_data.ingest.normalize import References, normalize
from mcu_data.ingest.profiles import ALL_KNOWN_COLUMNS, PROFILES, detect
from mcu_data.ingest.readers import ImportFileError, read_table
from mcu_data.store import Store, Tx

APPEAL_COLUMNS = (
    "source_code", "source_id", "channel_code", "kind_code", "received_at", "registered_at", "due_at",
    "extended_due_at", "first_reaction_at", "first_answer_at", "closed_at", "status_code", "outcome_code",
    "theme_code", "subtheme", "source_rubric", "settlement_oktmo", "address", "lat", "lon", "recipient_code",
    "recipient_raw", "author_type", "is_collective", "is_repeat", "satisfaction", "text_masked",
    "theme_provenance", "theme_confidence", "settlement_provenance", "settlement_confidence", "due_rule_id",
    "content_hash",
)  # fmt: skip


@dataclass(frozen=True)
class ImportReport:
    """What one import did; read = new + updated + unchanged + rejected."""

    batch_id: int
    source_code: str
    profile: str
    file_name: str
    rows_read: int
    rows_new: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    header_row: int
    encoding: str

    @property
    def adds_up(self) -> bool:
        return self.rows_read == self.rows_new + self.rows_updated + self.rows_unchanged + self.rows_rejected


def load_references(store: Store) -> References:
    return References(
        rubric_map=store.query("select source_code, rubric, theme_code, subtheme from rubric_map"),
        keywords=reference.theme_keywords(),
        places=gazetteer.build_places(store.query("select * from gazetteer")),
        recipients=store.query("select code, name_ru, aliases from recipient"),
        rules=store.query("select * from deadline_rule"),
    )


def import_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    profile_code: str | None = None,
    max_bytes: int = 50 * 1_048_576,
    now: datetime | None = None,
) -> ImportReport:
    """Read, recognise, normalise and write one export; a bad file raises ImportFileError and writes nothing."""
    raw = read_table(data, file_name, ALL_KNOWN_COLUMNS, max_bytes)
    if profile_code is not None:
        if profile_code not in PROFILES:
            raise ImportFileError(f"Неизвестный профиль источника: {profile_code}")
        profile = PROFILES[profile_code]
        missing = [f for f in ("source_id", "received_at") if f not in profile.match(list(raw.frame.columns))]
        if missing:
            raise ImportFileError(
                f"В файле «{file_name}» нет столбцов номера и даты поступления, которых ждёт профиль "
                f"«{profile.title_ru}». Проверьте, тот ли источник выбран."
            )
    else:
        profile, _ = detect(list(raw.frame.columns))
        if profile is None:
            raise ImportFileError(
                f"Не удалось определить источник файла «{file_name}»: в заголовке нет столбцов номера и даты "
                "поступления ни одной из известных выгрузок (ПОС, Инцидент менеджмент, 59-ФЗ). "
                "Выберите источник вручную или проверьте, что в файле есть строка заголовков."
            )
    refs = load_references(store)
    canon = profile.to_canonical(raw.frame)
    appeals, rejects = normalize(canon, raw.frame, profile, refs)
    now = now or datetime.now()
    digest = hashlib.sha256(data).hexdigest()
    with store.transaction() as tx:
        batch_id = int(
            tx.scalar(
                "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status) "
                "values (?, ?, ?, ?, ?, 'running') returning batch_id",
                [profile.source_code, profile.code, file_name, digest, now],
            )
        )
        counts = _write(tx, appeals, batch_id, now)
        if not rejects.empty:
            tx.register("rej", rejects.assign(batch_id=batch_id))
            tx.execute(
                "insert into rejected_row (batch_id, row_number, raw_json, reason_ru) "
                "select batch_id, row_number, raw_json, reason_ru from rej"
            )
            tx.unregister("rej")
        report = ImportReport(
            batch_id=batch_id,
            source_code=profile.source_code,
            profile=profile.code,
            file_name=file_name,
            rows_read=len(raw.frame),
            rows_new=counts["new"],
            rows_updated=counts["updated"],
            rows_unchanged=counts["unchanged"],
            rows_rejected=len(rejects),
            header_row=raw.header_row,
            encoding=raw.encoding,
        )
        if not report.adds_up:  # a bug, never a user's fault: refuse to commit a lossy import
            raise RuntimeError(f"Счёт строк не сходится: {report}")
        tx.execute(
            "update import_batch set finished_at = ?, rows_read = ?, rows_new = ?, rows_updated = ?, "
            "rows_unchanged = ?, rows_rejected = ?, status = 'done' where batch_id = ?",
            [datetime.now(), report.rows_read, report.rows_new, report.rows_updated, report.rows_unchanged,
             report.rows_rejected, batch_id],
        )
    return report


def import_path(store: Store, path: Path, profile_code: str | None = None, max_bytes: int = 50 * 1_048_576) -> ImportReport:
    return import_bytes(store, path.read_bytes(), path.name, profile_code, max_bytes)


def _write(tx: Tx, appeals: pd.DataFrame, batch_id: int, now: datetime) -> dict[str, int]:
    """Set-based upsert keyed on source + source id; changed rows keep their previous version."""
    cols = ", ".join(APPEAL_COLUMNS)
    tx.register("stg_in", appeals[list(APPEAL_COLUMNS)])
    tx.execute(
        "create or replace temp table stg as "
        "select s.*, a.appeal_id as existing_id, a.content_hash as old_hash, a.status_code as old_status, "
        "a.outcome_code as old_outcome "
        "from stg_in s left join appeal a on a.source_code = s.source_code and a.source_id = s.source_id"
    )
    tx.unregister("stg_in")
    new = int(tx.scalar("select count(*) from stg where existing_id is null"))
    updated = int(tx.scalar("select count(*) from stg where existing_id is not null and old_hash <> content_hash"))
    unchanged = int(tx.scalar("select count(*) from stg where existing_id is not null and old_hash = content_hash"))
    tx.execute(
        "insert into appeal_previous select a.*, ? from appeal a join stg s on s.existing_id = a.appeal_id "
        "where s.old_hash <> s.content_hash",
        [batch_id],
    )
    sets = ", ".join(f"{c} = s.{c}" for c in APPEAL_COLUMNS if c not in ("source_code", "source_id"))
    tx.execute(
        f"update appeal set {sets}, batch_id = ?, updated_at = ? from stg s "
        "where appeal.appeal_id = s.existing_id and s.old_hash <> s.content_hash",
        [batch_id, now],
    )
    tx.execute(
        f"insert into appeal ({cols}, batch_id, updated_at) select {cols}, ?, ? from stg where existing_id is null",
        [batch_id, now],
    )
    # status history: the state each row arrived with, dated by the lifecycle time that state implies
    tx.execute(
        """
        insert into appeal_status_history (appeal_id, changed_at, batch_id, status_code, outcome_code)
        select a.appeal_id,
               coalesce(case when s.status_code = 'closed' then s.closed_at end,
                        case when s.status_code in ('answered', 'redirected', 'closed') then s.first_answer_at end,
                        case when s.status_code = 'registered' then s.registered_at end,
                        case when s.existing_id is null then s.received_at end,
                        ?),
               ?, s.status_code, s.outcome_code
        from stg s join appeal a on a.source_code = s.source_code and a.source_id = s.source_id
        where s.existing_id is null
           or s.old_status is distinct from s.status_code
           or s.old_outcome is distinct from s.outcome_code
        """,
        [now, batch_id],
    )
    tx.execute("drop table stg")
    return {"new": new, "updated": updated, "unchanged": unchanged}
