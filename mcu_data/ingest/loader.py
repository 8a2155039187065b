"""Import one export into the store: read and normalise it in chunks, then write it in one short transaction.

The chunks go into temp tables on a cursor of the import's own, so a million rows never sit in memory at once
and the store is locked only for the final write. A file refused half way (a damaged book) writes nothing.
Every row read ends up counted once: new, updated, unchanged, replaced by a later row of the same id,
rejected with a reason, or skipped as not data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_int, label
from mcu_data.ingest import answer_review, batches, classifier, gazetteer, official_pages, parallel, surveys
from mcu_data.ingest.normalize import VALUE_FIELDS, References
from mcu_data.ingest.profiles import (
    ALL_KNOWN_COLUMNS,
    PROFILES,
    SourceProfile,
    custom_profile,
    detect,
    has_required,
    marker_hits,
    text_like_unmapped,
    unused_columns,
)
from mcu_data.ingest.readers import ImportFileError, RawTable, Source, TableStream, digest, open_table, read_head
from mcu_data.ingest.report import ImportReport
from mcu_data.signals import incident_store
from mcu_data.store import Store, seed
from mcu_data.store.db import Staging

log = logging.getLogger(__name__)

APPEAL_COLUMNS = batches.APPEAL_COLUMNS
MAX_BYTES = 50 * 1_048_576
DETAIL_ROWS = 1000  # row numbers kept per list in a batch's details: enough to find them, never a megabyte


def load_references(store: Store) -> References:
    return References(
        rubric_map=store.query("select source_code, rubric, theme_code, subtheme from rubric_map"),
        keywords=seed.theme_keywords(),
        places=gazetteer.build_places(store.query("select * from gazetteer")),
        recipients=store.query("select code, name_ru, aliases from recipient"),
        rules=store.query("select * from deadline_rule"),
        value_map=store.query("select source_code, field, raw_value, code from value_map"),
        model=classifier.model_for(store),
        boundaries=_boundaries(),
        taught=answer_review.taught(store),
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


def delete_profile(store: Store, name: str) -> None:
    name = (name or "").strip()
    rows = store.rows("select source_code from import_profile where name = ?", [name])
    if not rows:
        raise ImportFileError(f"Профиль «{name}» не найден. Список профилей: python -m mcu_data profiles list.")
    access.require(access.SAVE_PROFILE, channel=rows[0][0])
    with store.transaction() as tx:
        tx.execute("delete from import_profile where name = ?", [name])
        audit.record(store, "profile_deleted", name, f"канал {rows[0][0]}", tx=tx)


def saved_profiles(store: Store) -> pd.DataFrame:
    return store.query("select name, source_code, mapping_json, created_at from import_profile order by name")


def load_profile(store: Store, name: str) -> SourceProfile:
    rows = store.rows("select source_code, mapping_json from import_profile where name = ?", [name])
    if not rows:
        raise ImportFileError(f"Профиль «{name}» не найден. Создайте его на странице «Загрузка данных».")
    return custom_profile(name, rows[0][0], json.loads(rows[0][1]))


def preview(data: Source, file_name: str, max_bytes: int = MAX_BYTES) -> tuple[RawTable, SourceProfile | None]:
    """The first rows as read and the profile their header suggests; the file is read no further."""
    raw = read_head(data, file_name, max_bytes)
    profile, _ = detect(list(raw.frame.columns))
    return raw, profile


def choose_profile(
    store: Store,
    header: list[str],
    file_name: str,
    profile_code: str | None = None,
    profile_name: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
) -> SourceProfile:
    """In order: a saved profile by name, an ad-hoc (source, mapping), a built-in profile, the header's own."""
    if profile_name is not None:
        profile = load_profile(store, profile_name)
    elif mapping is not None:
        try:
            profile = custom_profile("разовое сопоставление", mapping[0], mapping[1])
        except ValueError as exc:
            raise ImportFileError(str(exc)) from exc
    if profile_name is not None or mapping is not None:
        from mcu_data.ingest.profiles import header_key

        keys = {header_key(h) for h in header}
        missing = [c for c in sorted(profile.known_names()) if header_key(c) not in keys]
        if missing:
            raise ImportFileError(
                f"В файле «{file_name}» нет столбцов, которых ждёт {profile.title_ru}: "
                + ", ".join(f"«{c}»" for c in missing)
                + ". Столбцы файла: "
                + ", ".join(f"«{h}»" for h in header[:30])
                + "."
            )
        return profile
    if profile_code is not None:
        if profile_code not in PROFILES:
            raise ImportFileError(
                f"Неизвестный профиль источника «{profile_code}». Известные: " + ", ".join(PROFILES) + "."
            )
        profile = PROFILES[profile_code]
        likely, _ = detect(header)
        if likely is not None and likely is not profile and marker_hits(likely, header) > marker_hits(profile, header):
            raise ImportFileError(
                f"Файл «{file_name}» похож на выгрузку «{likely.title_ru}», а выбран профиль «{profile.title_ru}». "
                "Проверьте, тот ли источник выбран."
            )
        if not has_required(profile, header):
            raise ImportFileError(
                f"В файле «{file_name}» нет столбцов номера и даты поступления, которых ждёт профиль "
                f"«{profile.title_ru}». Проверьте, тот ли источник выбран, или сопоставьте столбцы вручную "
                "(на странице или ключом --map поле=столбец)."
            )
        return profile
    profile, _ = detect(header)
    if profile is None:
        raise ImportFileError(
            f"Не удалось определить источник файла «{file_name}»: в заголовке нет столбцов номера и даты "
            "поступления ни одной из известных выгрузок (ПОС, Инцидент менеджмент, 59-ФЗ), нет и столбцов опроса "
            "(дата, вопрос, ответ) или активности госпабликов (дата и страница). "
            "Выберите источник и сопоставьте столбцы вручную (на странице или ключом --map поле=столбец)."
        )
    return profile


def import_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    profile_code: str | None = None,
    max_bytes: int = MAX_BYTES,
    now: datetime | None = None,
    profile_name: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
    progress: Callable[[float, str], None] | None = None,
    origin: str = "page",
) -> ImportReport:
    """Import a file held in memory (an upload); see import_source."""
    return import_source(store, data, file_name, profile_code, max_bytes, now, profile_name, mapping, progress,
                         origin)  # fmt: skip


def import_path(
    store: Store,
    path: Path,
    profile_code: str | None = None,
    max_bytes: int = MAX_BYTES,
    profile_name: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
    origin: str = "cli",
    now: datetime | None = None,
) -> ImportReport:
    """Import a file on disk, streamed from it: it is never read into memory whole.

    The command line, the API and the inbox all come here: a survey's results or the official pages' activity
    (named by `profile_code`, or recognised by their header) go to their own import."""
    table = table_import(path, profile_code, max_bytes)
    if table is not None:
        if profile_name or mapping:
            raise ImportFileError(
                f"Для файла «{path.name}» ({label('source', table.SOURCE_CODE)}) столбцы сопоставляются вручную "
                "только на странице «Загрузка данных»; здесь — только по их обычным названиям."
            )
        return table.import_path(store, path, max_bytes, origin=origin, now=now)
    return import_source(store, path, path.name, profile_code, max_bytes, now, profile_name, mapping, None, origin)


# files that are not appeals, each with an import of its own: a survey's answers, the official pages' activity
TABLE_IMPORTS = {surveys.SOURCE_CODE: surveys, official_pages.SOURCE_CODE: official_pages}


def table_import(path: Path, profile_code: str | None, max_bytes: int):
    """The import module of a file that holds no appeals (`TABLE_IMPORTS`), or None for an export of appeals.

    Named by its code, or, with no source given, recognised by a header that no export of appeals matches."""
    if profile_code is not None:
        return TABLE_IMPORTS.get(profile_code)
    known = {*ALL_KNOWN_COLUMNS, *surveys.KNOWN, *official_pages.KNOWN}
    header = [str(c) for c in read_head(path, path.name, max_bytes, rows=1, known=known).frame.columns]
    if detect(header)[0] is not None:
        return None
    return next((module for module in TABLE_IMPORTS.values() if module.recognises(header)), None)


def import_source(
    store: Store,
    source: Source,
    file_name: str,
    profile_code: str | None = None,
    max_bytes: int = MAX_BYTES,
    now: datetime | None = None,
    profile_name: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
    progress: Callable[[float, str], None] | None = None,
    origin: str = "page",
) -> ImportReport:
    """Read, recognise, normalise and write one export; a bad file raises ImportFileError and writes nothing."""

    def step(share: float, what: str) -> None:
        if progress is not None:
            progress(share, what)

    now = now or datetime.now()
    stream = open_table(source, file_name, max_bytes)
    profile = choose_profile(store, stream.header, file_name, profile_code, profile_name, mapping)
    access.require(access.IMPORT, channel=profile.source_code)
    step(0.02, "Файл открыт, готовлю справочники")
    refs = load_references(store)
    with store.staging() as stage:
        _create_staging(stage)
        size = source.stat().st_size if isinstance(source, Path) else len(source)
        found = _stage_chunks(stage, stream, profile, refs, now.date(), step, size)
        step(0.9, "Записываю в хранилище")
        warnings = _warnings(stream, profile, *found)
        # a year's history: the server's background job groups it a week at a time (server/grouper.py); until
        # then each of its appeals counts as an incident of its own
        later = int(stage.scalar("select count(*) from stg_all")) > load_settings().group_inline_rows
        if later:
            warnings.append(GROUPED_LATER)
        report = _write(stage, store, stream, profile, file_name, digest(source), now, origin, warnings)
    if not later:
        step(0.95, "Собираю сообщения об одной проблеме в инциденты")
        _regroup(store, report.batch_id, now)
    step(1.0, "Готово")
    return report


GROUPED_LATER = (
    "Загрузка большая: сообщения об одной проблеме соберёт в инциденты сервер панели в фоне, по неделе за шаг "
    "(пока сервер не запущен или не дошёл до этих дней, каждое обращение считается отдельным инцидентом)."
)


def _regroup(store: Store, batch_id: int, now: datetime) -> None:
    """Incidents are derived from the appeals: a grouping that fails leaves the import whole, and its appeals
    count as incidents of their own until the next import or correction regroups them."""
    try:
        incident_store.regroup_batch(store, batch_id, now)
    except Exception:  # noqa: BLE001 — the import has committed; the grouping is redone by the next one
        log.exception("grouping incidents after import %s failed", batch_id)


def _create_staging(stage: Staging) -> None:
    cols = ", ".join(APPEAL_COLUMNS)
    stage.execute(f"create temp table stg_all as select {cols}, 0::bigint as row_number from appeal limit 0")
    stage.execute(
        "create temp table stg_rej (row_number bigint, reason_code varchar, reason_ru varchar, raw_json varchar)"
    )
    stage.execute("create temp table stg_skip (row_number bigint, kind varchar)")


def _stage_chunks(
    stage: Staging,
    stream: TableStream,
    profile: SourceProfile,
    refs: References,
    today: date,
    step: Callable[[float, str], None],
    size_bytes: int,
) -> tuple[list[str], int]:
    """Normalise chunk after chunk into the temp tables; returns the text-like unmapped columns and the rows
    whose coordinates were dropped."""
    bad_coordinates = 0
    text_like: list[str] | None = None
    workers = parallel.workers_for(size_bytes)
    for frame, chunk in parallel.normalised(stream.chunks, profile, refs, today, workers):
        if text_like is None:  # judged on the first chunk: the header and a sample of real cells
            text_like = text_like_unmapped(profile, frame)
        stage.append("stg_all", chunk.appeals[[*APPEAL_COLUMNS, "row_number"]])
        stage.append("stg_rej", chunk.rejected)
        stage.append("stg_skip", chunk.skipped)
        bad_coordinates += chunk.bad_coordinates
        step(0.05 + 0.85 * stream.share_read(), "Маскирую тексты, определяю темы и поселения")
    return text_like or [], bad_coordinates


def _write(
    stage: Staging,
    store: Store,
    stream: TableStream,
    profile: SourceProfile,
    file_name: str,
    file_sha256: str,
    now: datetime,
    origin: str,
    warnings: list[str],
) -> ImportReport:
    kept = int(stage.scalar("select count(*) from stg_all"))
    # one appeal per source id: a later row of the same file carries its later state. The earlier rows are
    # deleted from the staging table in place: a copy of a million staged rows would double the memory
    replaced = stage.query(
        "select row_number, by_row from (select row_number, max(row_number) over (partition by source_id) as by_row "
        "from stg_all) where row_number <> by_row order by row_number"
    )
    if len(replaced):
        stage.execute(
            "delete from stg_all where row_number in (select row_number from (select row_number, "
            "max(row_number) over (partition by source_id) as by_row from stg_all) where row_number <> by_row)"
        )
    stage.execute("create temp view stg_last as select * from stg_all")
    if kept == 0 and int(stage.scalar("select count(*) from stg_rej")) == 0:
        raise ImportFileError(
            f"В файле «{file_name}» нет ни одной строки с данными под заголовком. Если неделя была пустой, "
            "загружать нечего; иначе выгрузите файл заново."
        )
    reasons = stage.query("select reason_code, count(*) n from stg_rej group by 1 order by n desc, 1")
    skipped = stage.query("select kind, count(*) n from stg_skip group by 1 order by n desc, 1")
    skip_counts = dict(zip(skipped["kind"], skipped["n"].astype(int), strict=True))
    if stream.blank_rows:
        skip_counts["blank"] = skip_counts.get("blank", 0) + stream.blank_rows
    unknown = stage.query(
        " union all ".join(
            f"select '{fld}' as field, {column} as raw, count(*) n from stg_last where {fld}_code = 'unknown' "
            f"group by 2"
            for fld, column in VALUE_FIELDS.items()
        )
        + " order by n desc, field, raw"
    )
    unrecognised_rows = int(
        stage.scalar(
            "select count(*) from stg_last where " + " or ".join(f"{fld}_code = 'unknown'" for fld in VALUE_FIELDS)
        )
    )
    flagged = int(stage.scalar("select count(*) from stg_last where date_flag is not null"))
    rejected_n = int(reasons["n"].sum()) if len(reasons) else 0
    rows_skipped = sum(skip_counts.values())
    with stage.transaction() as tx:
        batch_id = int(
            tx.scalar(
                "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status, origin) "
                "values (?, ?, ?, ?, ?, 'running', ?) returning batch_id",
                [profile.source_code, profile.code, file_name, file_sha256, now, origin],
            )
        )
        counts = batches.write(tx, "stg_last", batch_id, now)
        tx.execute(
            "insert into rejected_row (batch_id, row_number, raw_json, reason_ru, reason_code) "
            "select ?, row_number, raw_json, reason_ru, reason_code from stg_rej",
            [batch_id],
        )
        report = ImportReport(
            batch_id=batch_id,
            source_code=profile.source_code,
            profile=profile.code,
            file_name=file_name,
            rows_read=kept + rejected_n + rows_skipped,
            rows_new=counts["new"],
            rows_updated=counts["updated"],
            rows_unchanged=counts["unchanged"],
            rows_rejected=rejected_n,
            header_row=stream.header_row,
            encoding=stream.encoding,
            rows_replaced=len(replaced),
            rows_skipped=rows_skipped,
            rows_flagged=flagged,
            rows_unrecognised=unrecognised_rows,
            sheet=stream.sheet,
            origin=origin,
            unused_columns=tuple(unused_columns(profile, stream.header)),
            reasons=tuple((r.reason_code, int(r.n)) for r in reasons.itertuples()),
            skipped_kinds=tuple(sorted(skip_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            unrecognised=tuple((r.field, r.raw, int(r.n)) for r in unknown.itertuples()),
            warnings=tuple(warnings),
            replaced=tuple((int(r.row_number), int(r.by_row)) for r in replaced.head(DETAIL_ROWS).itertuples()),
        )
        if not report.adds_up:  # a bug, never a user's fault: refuse to commit a lossy import
            raise RuntimeError(f"Счёт строк не сходится: {report}")
        details = report.as_dict()
        details["skipped_rows"] = stage.query(f"select row_number, kind from stg_skip order by 1 limit {DETAIL_ROWS}")
        details["skipped_rows"] = details["skipped_rows"].values.tolist()
        tx.execute(
            "update import_batch set finished_at = ?, rows_read = ?, rows_new = ?, rows_updated = ?, "
            "rows_unchanged = ?, rows_rejected = ?, rows_replaced = ?, rows_skipped = ?, rows_flagged = ?, "
            "rows_unrecognised = ?, details_json = ?, status = 'done' where batch_id = ?",
            [
                datetime.now(),
                report.rows_read,
                report.rows_new,
                report.rows_updated,
                report.rows_unchanged,
                report.rows_rejected,
                report.rows_replaced,
                report.rows_skipped,
                report.rows_flagged,
                report.rows_unrecognised,
                json.dumps(details, ensure_ascii=False, default=str),
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
    return report


def _warnings(stream: TableStream, profile: SourceProfile, text_like: list[str], bad_coordinates: int) -> list[str]:
    out = []
    if text_like:
        out.append(
            "Столбец с текстом обращения не сопоставлен, а в файле есть похожие: "
            + ", ".join(f"«{c}»" for c in text_like)
            + ". Без текста тема и поселение определяются хуже; сопоставьте его и загрузите файл ещё раз."
        )
    if "received_at" not in profile.match(stream.header) and "registered_at" in profile.match(stream.header):
        out.append("В файле нет даты поступления: вместо неё взята дата регистрации (она не позже на 3 дня).")
    if stream.wide_rows:
        out.append(
            f"В {fmt_int(stream.wide_rows)} строках ячеек больше, чем столбцов в заголовке: лишние ячейки не "
            "прочитаны. Проверьте, не сдвинулись ли столбцы."
        )
    if bad_coordinates:
        out.append(
            f"В {fmt_int(bad_coordinates)} строках координаты вне допустимых значений: строки загружены без координат."
        )
    return out


def record_refusal(store: Store, file_name: str, reason: str, origin: str, now: datetime | None = None) -> int:
    """A file refused whole still appears in the load log, with its reason: for files nobody watched arrive
    (the inbox), the log is where an officer learns that last night's export did not load. No appeal changes."""
    now = now or datetime.now()
    with store.transaction() as tx:
        batch_id = int(
            tx.scalar(
                "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, finished_at, "
                "status, origin, details_json) values ('other', '-', ?, '-', ?, ?, 'refused', ?, ?) returning batch_id",
                [file_name, now, now, origin, json.dumps({"error": reason}, ensure_ascii=False)],
            )
        )
        audit.record(store, "import_refused", f"загрузка №{batch_id}", f"{file_name}: {reason}", now=now, tx=tx)
    return batch_id


def batch_details(store: Store, batch_id: int) -> dict | None:
    """A load as the log keeps it: its counts and the report it gave (reasons, unused columns, warnings)."""
    frame = store.query("select * from import_batch where batch_id = ?", [batch_id])
    if frame.empty:
        return None
    row = frame.iloc[0].to_dict()
    details = json.loads(row.pop("details_json") or "{}")
    out = {k: (None if pd.isna(v) else v.isoformat() if isinstance(v, datetime | pd.Timestamp) else v)
           for k, v in row.items()}  # fmt: skip
    out = {k: int(v) if hasattr(v, "item") and not isinstance(v, str) else v for k, v in out.items()}
    return {**out, "report": details}
