"""Import one file into the store as one transaction: new, updated, unchanged and rejected rows add up."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.config import load_settings
from mcu_data.ingest import batches, classifier, gazetteer
from mcu_data.ingest.normalize import References, normalize
from mcu_data.ingest.profiles import ALL_KNOWN_COLUMNS, PROFILES, SourceProfile, custom_profile, detect
from mcu_data.ingest.readers import ImportFileError, RawTable, read_table
from mcu_data.store import Store, seed

APPEAL_COLUMNS = batches.APPEAL_COLUMNS


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
        keywords=seed.theme_keywords(),
        places=gazetteer.build_places(store.query("select * from gazetteer")),
        recipients=store.query("select code, name_ru, aliases from recipient"),
        rules=store.query("select * from deadline_rule"),
        model=classifier.model_for(store),
        boundaries=_boundaries(),
    )


def _boundaries():
    path = load_settings().boundary_path
    if not path.exists():
        return None
    import geopandas as gpd

    layer = gpd.read_file(path)
    layer["oktmo"] = layer["oktmo"].astype(str)
    return layer


def save_profile(store: Store, name: str, source_code: str, mapping: dict[str, str]) -> SourceProfile:
    """Check and keep a named column mapping for the next file of the same shape."""
    access.require(access.SAVE_PROFILE, channel=source_code)
    name = name.strip()
    if not name:
        raise ImportFileError("Укажите название профиля.")
    try:
        profile = custom_profile(name, source_code, mapping)
    except ValueError as exc:
        raise ImportFileError(str(exc)) from exc
    with store.transaction() as tx:
        tx.execute("delete from import_profile where name = ?", [name])
        tx.execute(
            "insert into import_profile values (?, ?, ?, ?)",
            [name, source_code, json.dumps(mapping, ensure_ascii=False), datetime.now()],
        )
        audit.record(store, "profile_saved", name, f"канал {source_code}", tx=tx)
    return profile


def saved_profiles(store: Store) -> pd.DataFrame:
    return store.query("select name, source_code, mapping_json, created_at from import_profile order by name")


def load_profile(store: Store, name: str) -> SourceProfile:
    rows = store.rows("select source_code, mapping_json from import_profile where name = ?", [name])
    if not rows:
        raise ImportFileError(f"Профиль «{name}» не найден. Создайте его на странице «Загрузка данных».")
    return custom_profile(name, rows[0][0], json.loads(rows[0][1]))


def preview(data: bytes, file_name: str, max_bytes: int = 50 * 1_048_576) -> tuple[RawTable, SourceProfile | None]:
    """The table as read and the profile its header suggests, without writing anything."""
    raw = read_table(data, file_name, ALL_KNOWN_COLUMNS, max_bytes)
    profile, _ = detect(list(raw.frame.columns))
    return raw, profile


def import_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    profile_code: str | None = None,
    max_bytes: int = 50 * 1_048_576,
    now: datetime | None = None,
    profile_name: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> ImportReport:
    """Read, recognise, normalise and write one export; a bad file raises ImportFileError and writes nothing.

    The profile is, in order: a saved profile by name, an ad-hoc (source, mapping), a built-in
    profile by code, or the one the header suggests.
    """
    raw = read_table(data, file_name, ALL_KNOWN_COLUMNS, max_bytes)
    if profile_name is not None:
        profile = load_profile(store, profile_name)
    elif mapping is not None:
        try:
            profile = custom_profile("разовое сопоставление", mapping[0], mapping[1])
        except ValueError as exc:
            raise ImportFileError(str(exc)) from exc
    if profile_name is not None or mapping is not None:
        missing = [c for c in profile.known_names() if c not in raw.frame.columns]
        if missing:
            raise ImportFileError(
                f"В файле «{file_name}» нет столбцов, которых ждёт {profile.title_ru}: {', '.join(missing)}."
            )
    elif profile_code is not None:
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
    access.require(access.IMPORT, channel=profile.source_code)

    def step(share: float, what: str) -> None:
        if progress is not None:
            progress(share, what)

    step(0.05, "Файл прочитан, готовлю справочники")
    refs = load_references(store)
    canon = profile.to_canonical(raw.frame)
    step(0.1, "Разбираю строки")
    appeals, rejects = normalize(
        canon,
        raw.frame,
        profile,
        refs,
        progress=lambda share: step(0.1 + 0.75 * share, "Маскирую тексты, определяю темы и поселения"),
    )
    step(0.88, "Записываю в хранилище")
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
        counts = batches.write(tx, appeals, batch_id, now)
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
            [
                datetime.now(),
                report.rows_read,
                report.rows_new,
                report.rows_updated,
                report.rows_unchanged,
                report.rows_rejected,
                batch_id,
            ],
        )
        audit.record(
            store,
            "import",
            f"загрузка №{batch_id}",
            f"{file_name}: канал {profile.source_code}, новых {report.rows_new}, обновлено "
            f"{report.rows_updated}, отклонено {report.rows_rejected}",
            tx=tx,
        )
    step(1.0, "Готово")
    return report


def import_path(
    store: Store,
    path: Path,
    profile_code: str | None = None,
    max_bytes: int = 50 * 1_048_576,
    profile_name: str | None = None,
) -> ImportReport:
    return import_bytes(store, path.read_bytes(), path.name, profile_code, max_bytes, profile_name=profile_name)
