"""Command line: import, undo, figures, note, analyze, prepare, boundaries, users, purge (`python -m mcu_data --help`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from mcu_data import access
from mcu_data.access import auth
from mcu_data.core import codes, periods
from mcu_data.core.config import load_settings
from mcu_data.core.filters import Filters
from mcu_data.core.locale import label
from mcu_data.ingest.batches import UndoError, undo
from mcu_data.ingest.loader import import_path
from mcu_data.ingest.profiles import PROFILES
from mcu_data.ingest.readers import ImportFileError
from mcu_data.store import Store, StoreError, bootstrap, seed


def _report_line(r) -> str:
    return (
        f"{r.file_name}: {label('source', r.source_code)}; прочитано {r.rows_read}, новых {r.rows_new}, "
        f"обновлено {r.rows_updated}, без изменений {r.rows_unchanged}, отклонено {r.rows_rejected} "
        f"(загрузка № {r.batch_id})"
    )


def _day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%d.%m.%Y").date()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ДД.ММ.ГГГГ") from exc


def _figures(store: Store, args) -> int:
    from mcu_data.core.filters import FilterError, validate
    from mcu_data.reports import figures

    filters = Filters(
        args.start, args.end, themes=tuple(args.theme), settlements=tuple(args.settlement), sources=tuple(args.channel)
    )
    try:
        validate(filters, _allowed(store))
    except FilterError as exc:
        print(f"ОШИБКА. {exc}", file=sys.stderr)
        return 2
    as_of = periods.as_of(args.as_of or args.end, datetime.now())
    print(json.dumps(figures.build(store, filters, as_of), ensure_ascii=False, indent=2))
    return 0


def _note(store: Store, args) -> int:
    from mcu_data.reports import documents, weekly_note

    week = periods.full_week(periods.week_of(args.week).monday)
    note = weekly_note.build(store, week, date.today())
    data = documents.to_csv(note) if args.format == "csv" else documents.to_docx(note)
    args.out.write_bytes(data)
    print(f"{weekly_note.title(note)}: {args.out} ({len(data)} байт)")
    return 0


def _analyze(store: Store, args) -> int:
    """Lines of {"id", "text"[, "address"]} in, what an import would keep of each text out, by the import's own code."""
    import pandas as pd

    from mcu_data.ingest import review
    from mcu_data.ingest.loader import load_references
    from mcu_data.ingest.normalize import CHUNK_ROWS
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
        print(
            f"ОШИБКА. Файл «{args.jsonl}» не прочитан: нужны строки JSON с полями id и text ({exc}).", file=sys.stderr
        )
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

    with args.out.open("w", encoding="utf-8") as out:
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
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"Разобрано текстов: {len(frame)}; результат: {args.out}")
    return 0


def _allowed(store: Store) -> dict[str, set[str]]:
    from mcu_data.core.filters import NO_SETTLEMENT

    return {
        "themes": {r[0] for r in store.rows("select code from theme")},
        "settlements": {r[0] for r in store.rows("select oktmo from settlement")} | {NO_SETTLEMENT},
        "sources": {r[0] for r in store.rows("select code from ref_source")},
        "recipients": {r[0] for r in store.rows("select code from recipient")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcu_data", description="Хранилище МЦУ: загрузка и отмена загрузок")
    parser.add_argument("--db", type=Path, default=None, help="файл хранилища (по умолчанию MCU_DB_PATH)")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="загрузить выгрузки")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--source", choices=sorted(PROFILES), help="источник, если не определять его по заголовкам")
    imp.add_argument("--profile", help="сохранённый профиль сопоставления столбцов")
    und = sub.add_parser("undo", help="отменить загрузку")
    und.add_argument("batch_id", type=int)
    sub.add_parser("prepare", help="создать или обновить хранилище без демонстрационных данных")
    bnd = sub.add_parser("boundaries", help="загрузить слой границ поселений (GeoJSON, GeoPackage, shapefile в zip)")
    bnd.add_argument("file", type=Path)
    usr = sub.add_parser("users", help="учётные записи: список, новый одноразовый пароль или ключ показа экрана")
    usr.add_argument(
        "action",
        choices=["list", "reset", "key"],
        help="list — список; reset LOGIN — одноразовый пароль; key LOGIN — ключ показа для экрана в зале",
    )
    usr.add_argument("login", nargs="?", default="admin")
    sub.add_parser("purge", help="удалить обращения старше срока хранения (срок задаёт куратор)")
    fig = sub.add_parser("figures", help="показатели «Обзора» и «Сроков» по получателям, с числами за каждой долей")
    fig.add_argument("--from", dest="start", required=True, type=_day, help="начало периода, ДД.ММ.ГГГГ")
    fig.add_argument("--to", dest="end", required=True, type=_day, help="конец периода, ДД.ММ.ГГГГ")
    fig.add_argument("--theme", action="append", default=[], help="код темы (можно несколько раз)")
    fig.add_argument("--settlement", action="append", default=[], help="ОКТМО поселения (можно несколько раз)")
    fig.add_argument("--source", dest="channel", action="append", default=[], help="канал: pos, im, fz59 …")
    fig.add_argument("--as-of", type=_day, help="на конец какого дня взять состояние (по умолчанию — конец периода)")
    fig.add_argument("--json", action="store_true", help="вывести JSON (без флага — тоже JSON, для совместимости)")
    note = sub.add_parser("note", help="еженедельная записка в файл")
    note.add_argument("--week", required=True, type=_day, help="любой день недели, ДД.ММ.ГГГГ (неделя пн–вс)")
    note.add_argument("--format", choices=["csv", "docx"], required=True)
    note.add_argument("--out", type=Path, required=True, help="куда записать файл")
    ana = sub.add_parser(
        "analyze", help="маскирование, тема и поселение для текстов из JSONL — тем же кодом, что импорт"
    )
    ana.add_argument("--jsonl", type=Path, required=True, help="строки JSON: id, text и, если есть, address")
    ana.add_argument("--out", type=Path, required=True, help="куда записать строки JSON с результатом")
    ana.add_argument("--source", default="other", choices=codes.SOURCES, help="источник: от него зависит, чей адрес")
    args = parser.parse_args(argv)

    settings = load_settings()
    try:
        store = Store(args.db or settings.db_path)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 2
    store.migrate()
    seed.seed(store)
    failed = 0
    # whoever runs the command line on the server acts with the administrator's rights
    acting = access.acting(access.SYSTEM)
    acting.__enter__()
    try:
        if args.command == "import":
            for path in args.files:
                try:
                    if not path.is_file():
                        raise ImportFileError(f"Файл «{path}» не найден.")
                    report = import_path(store, path, args.source, settings.max_upload_bytes, profile_name=args.profile)
                except ImportFileError as exc:
                    failed += 1
                    print(f"{path.name}: ОШИБКА. {exc} Хранилище не изменилось.", file=sys.stderr)
                else:
                    print(_report_line(report))
        elif args.command == "undo":
            try:
                r = undo(store, args.batch_id)
            except UndoError as exc:
                print(f"ОШИБКА. {exc}", file=sys.stderr)
                return 1
            print(f"Загрузка № {r.batch_id} отменена: удалено обращений {r.removed}, восстановлено {r.restored}")
        elif args.command == "boundaries":
            from geo.boundaries import BoundaryError, apply_to_store, match, read_layer, save

            try:
                frame = read_layer(args.file.read_bytes(), args.file.name)
                matched, report = match(frame, store.query("select oktmo, name_ru from settlement"))
            except (BoundaryError, OSError) as exc:
                print(f"ОШИБКА. {exc}", file=sys.stderr)
                return 1
            print(f"Сопоставлено по {report.by}: {len(matched)} из 13 поселений")
            if report.unmatched_features:
                print("Не сопоставлены объекты: " + ", ".join(report.unmatched_features))
            if report.settlements_without_geometry:
                print("Поселения без границ: " + ", ".join(report.settlements_without_geometry))
            save(matched, settings.boundary_path)
            print(
                f"Слой сохранён в {settings.boundary_path}; обращений отнесено по координатам: "
                f"{apply_to_store(store, matched)}"
            )
        elif args.command == "users":
            if args.action == "list":
                table = auth.accounts(store)
                for row in table.itertuples():
                    print(f"{row.login}\t{label('role', row.role)}\t{'активна' if row.active else 'отключена'}")
            elif args.action == "key":
                try:
                    key = auth.issue_screen_key(store, args.login)
                except auth.AuthError as exc:
                    print(f"ОШИБКА. {exc}", file=sys.stderr)
                    return 1
                from mcu_data.app import presentation

                params = presentation.to_params(presentation.DEFAULT_EVERY, presentation.SLIDES, key=key)
                print(
                    f"Адрес показа для «{args.login}» (прежний ключ больше не действует): "
                    f"{presentation.show_address('http://localhost:8501/', params)}"
                )
                print("Замените localhost адресом сервера, если экран подключён к другому компьютеру.")
            else:
                try:
                    password = auth.reset_password(store, args.login)
                except auth.AuthError as exc:
                    print(f"ОШИБКА. {exc}", file=sys.stderr)
                    return 1
                print(f"Новый одноразовый пароль для «{args.login}»: {password} (сменить при входе)")
        elif args.command == "figures":
            return _figures(store, args)
        elif args.command == "note":
            return _note(store, args)
        elif args.command == "analyze":
            return _analyze(store, args)
        elif args.command == "purge":
            from datetime import date

            from mcu_data.access import retention

            r = retention.purge(store, date.today())
            print(
                f"Удалены обращения, поступившие до {r.cutoff:%d.%m.%Y}: {r.appeals}; записей истории "
                f"{r.history_rows}; отклонённых строк {r.rejected_rows}"
            )
        else:
            bootstrap.prepare(store, None)
            print(f"Хранилище {store.path}: версия схемы {store.schema_version()}")
    finally:
        acting.__exit__(None, None, None)
        store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
