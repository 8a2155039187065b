"""What each command does, given a store: the same code whether the command line opened the store itself or
the server runs the command for it. Output goes through `Out`, never straight to the terminal."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

from mcu_data.access import auth, user_admin
from mcu_data.core import periods
from mcu_data.core.config import load_settings
from mcu_data.core.filters import Filters
from mcu_data.ingest.batches import UndoError, undo
from mcu_data.ingest.loader import delete_profile, import_path, save_profile, saved_profiles
from mcu_data.ingest.profiles import parse_mapping
from mcu_data.ingest.readers import ImportFileError
from mcu_data.ingest.report import ImportReport, details, summary, warnings_for
from mcu_data.store import Store, bootstrap


class Out:
    """Lines for the terminal, or collected for the answer of the server's command runner."""

    def __init__(self, collect: bool = False) -> None:
        self.collect = collect
        self.out: list[str] = []
        self.errors: list[str] = []

    def say(self, text: str) -> None:
        if self.collect:
            self.out.append(text)
        else:
            print(text)

    def err(self, text: str) -> None:
        if self.collect:
            self.errors.append(text)
        else:
            print(text, file=sys.stderr)


def mapping_of(args) -> tuple[str, dict[str, str]] | None:
    """`--map field=column` pairs as an ad-hoc mapping; ValueError with a Russian message if malformed."""
    if not args.map:
        return None
    return (args.map_source or args.source or "other", parse_mapping(args.map))


def say_report(report: ImportReport, out: Out) -> int:
    """Print what an import did; 1 when fewer than half of the file's rows were kept."""
    out.say(summary(report))
    for line in details(report):
        out.say("  " + line)
    for line in warnings_for(report):
        out.err("  ВНИМАНИЕ. " + line)
    return 1 if report.mostly_rejected else 0


def dispatch(store: Store, args, out: Out) -> int:
    handler = COMMANDS[args.command]
    return handler(store, args, out)


def _import(store: Store, args, out: Out) -> int:
    code = 0
    try:
        mapping = mapping_of(args)
    except ValueError as exc:
        out.err(f"ОШИБКА. {exc}")
        return 2
    for path in args.files:
        try:
            if not path.is_file():
                raise ImportFileError(f"Файл «{path}» не найден.")
            report = import_path(store, path, args.source, load_settings().max_upload_bytes,
                                 profile_name=args.profile, mapping=mapping, origin="cli")  # fmt: skip
        except ImportFileError as exc:
            code = 1
            out.err(f"{path.name}: ОШИБКА. {exc} Хранилище не изменилось.")
        else:
            code = max(code, say_report(report, out))
    return code


def _undo(store: Store, args, out: Out) -> int:
    try:
        r = undo(store, args.batch_id)
    except UndoError as exc:
        out.err(f"ОШИБКА. {exc}")
        return 1
    out.say(f"Загрузка № {r.batch_id} отменена: удалено обращений {r.removed}, восстановлено {r.restored}")
    return 0


def _prepare(store: Store, args, out: Out) -> int:
    bootstrap.prepare(store, None)
    out.say(f"Хранилище {store.path}: версия схемы {store.schema_version()}")
    return 0


def _boundaries(store: Store, args, out: Out) -> int:
    from geo.boundaries import BoundaryError, apply_to_store, match, read_layer, save

    settings = load_settings()
    try:
        frame = read_layer(args.file.read_bytes(), args.file.name)
        matched, report = match(frame, store.query("select oktmo, name_ru from settlement"))
    except (BoundaryError, OSError) as exc:
        out.err(f"ОШИБКА. {exc}")
        return 1
    out.say(f"Сопоставлено по {report.by}: {len(matched)} из 13 поселений")
    if report.unmatched_features:
        out.say("Не сопоставлены объекты: " + ", ".join(report.unmatched_features))
    if report.settlements_without_geometry:
        out.say("Поселения без границ: " + ", ".join(report.settlements_without_geometry))
    save(matched, settings.boundary_path)
    out.say(
        f"Слой сохранён в {settings.boundary_path}; обращений отнесено по координатам: {apply_to_store(store, matched)}"
    )
    return 0


def _users(store: Store, args, out: Out) -> int:
    try:
        lines = user_admin.run(store, args.action, args.login, args.label)
    except auth.AuthError as exc:
        out.err(f"ОШИБКА. {exc}")
        return 1
    for line in lines:
        out.say(line)
    return 0


def _profiles(store: Store, args, out: Out) -> int:
    try:
        if args.action == "list":
            table = saved_profiles(store)
            if table.empty:
                out.say("Сохранённых профилей нет. Сохранить: profiles save ИМЯ --source other --map поле=столбец …")
            for row in table.itertuples():
                mapping = json.loads(row.mapping_json)
                pairs = ", ".join(f"{k}={v}" for k, v in mapping.items())
                out.say(f"{row.name}\t{row.source_code}\t{pairs}")
        elif args.action == "save":
            save_profile(store, args.name, args.profile_source, parse_mapping(args.map))
            out.say(f"Профиль «{args.name.strip()}» сохранён: import ФАЙЛ --profile «{args.name.strip()}».")
        else:
            delete_profile(store, args.name)
            out.say(f"Профиль «{args.name.strip()}» удалён.")
    except (ImportFileError, ValueError) as exc:
        out.err(f"ОШИБКА. {exc}")
        return 1
    return 0


def _purge(store: Store, args, out: Out) -> int:
    from mcu_data.access import retention

    r = retention.purge(store, date.today())
    out.say(
        f"Удалены обращения, поступившие до {r.cutoff:%d.%m.%Y}: {r.appeals}; записей истории "
        f"{r.history_rows}; отклонённых строк {r.rejected_rows}"
    )
    return 0


def _figures(store: Store, args, out: Out) -> int:
    from mcu_data.core.filters import FilterError, validate
    from mcu_data.reports import figures

    filters = Filters(
        args.start, args.end, themes=tuple(args.theme), settlements=tuple(args.settlement), sources=tuple(args.channel)
    )
    try:
        validate(filters, _allowed(store))
    except FilterError as exc:
        out.err(f"ОШИБКА. {exc}")
        return 2
    as_of = periods.as_of(args.as_of or args.end, datetime.now())
    out.say(json.dumps(figures.build(store, filters, as_of), ensure_ascii=False, indent=2))
    return 0


def _note(store: Store, args, out: Out) -> int:
    from mcu_data.reports import documents, note_edits, weekly_note

    week = periods.full_week(periods.week_of(args.week).monday)
    note = weekly_note.build(store, week, date.today())
    text = note_edits.text(store, note)  # the curator's saved text when there is one, as the page gives it
    data = documents.to_csv(note, text) if args.format == "csv" else documents.to_docx(note, text)
    args.out.write_bytes(data)
    out.say(f"{weekly_note.title(note)}: {args.out} ({len(data)} байт)")
    return 0


def _analyze(store: Store, args, out: Out) -> int:
    """Lines of {"id", "text"[, "address"]} in; what an import keeps of each text out, by the import's own code."""
    import pandas as pd

    from mcu_data.ingest import review
    from mcu_data.ingest.loader import load_references
    from mcu_data.ingest.readers import CHUNK_ROWS
    from mcu_data.ingest.text_analysis import text_columns

    try:
        lines = [json.loads(line) for line in args.jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
        frame = pd.DataFrame(
            {
                "id": [line["id"] for line in lines],
                "text": [str(line.get("text") or "") for line in lines],
                "address": [str(line.get("address") or "") for line in lines],
            }
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        out.err(f"ОШИБКА. Файл «{args.jsonl}» не прочитан: нужны строки JSON с полями id и text ({exc}).")
        return 2
    refs = load_references(store)
    none = pd.Series(None, index=frame.index, dtype="object")
    parts = [
        text_columns(part["text"], part["address"], none.loc[part.index], none.loc[part.index], args.source, refs)
        for part in (frame.iloc[i : i + CHUNK_ROWS] for i in range(0, len(frame), CHUNK_ROWS))
    ]
    result = pd.concat(parts) if parts else pd.DataFrame(columns=["theme_code"])
    unsure = review.needs_review(result) if len(result) else pd.Series(dtype=bool)

    def number(value) -> float | None:
        return None if pd.isna(value) else float(value)

    with args.out.open("w", encoding="utf-8") as written:
        for i in frame.index:
            row = result.loc[i]
            record = {
                "id": frame.at[i, "id"],
                "theme": row["theme_code"],
                "theme_confidence": number(row["theme_confidence"]),
                "needs_review": bool(unsure.loc[i]),
                "settlement_oktmo": None if pd.isna(row["settlement_oktmo"]) else row["settlement_oktmo"],
                "settlement_confidence": number(row["settlement_confidence"]),
                "masked_text": row["text_masked"],
            }
            written.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.say(f"Разобрано текстов: {len(frame)}; результат: {args.out}")
    return 0


def _allowed(store: Store) -> dict[str, set[str]]:
    from mcu_data.core.filters import NO_SETTLEMENT

    return {
        "themes": {r[0] for r in store.rows("select code from theme")},
        "settlements": {r[0] for r in store.rows("select oktmo from settlement")} | {NO_SETTLEMENT},
        "sources": {r[0] for r in store.rows("select code from ref_source")},
        "recipients": {r[0] for r in store.rows("select code from recipient")},
    }


COMMANDS = {
    "import": _import,
    "undo": _undo,
    "prepare": _prepare,
    "boundaries": _boundaries,
    "users": _users,
    "profiles": _profiles,
    "purge": _purge,
    "figures": _figures,
    "note": _note,
    "analyze": _analyze,
}
