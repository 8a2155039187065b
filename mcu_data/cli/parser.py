"""The command line's arguments, and their JSON form for a command the server runs on the command line's behalf."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from mcu_data.access.user_admin import ACTIONS
from mcu_data.core import codes
from mcu_data.ingest.loader import TABLE_IMPORTS
from mcu_data.ingest.profiles import CUSTOM_DEFAULTS, PROFILES


def _day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%d.%m.%Y").date()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ДД.ММ.ГГГГ") from exc


def _path(text: str) -> Path:
    """Absolute, so that the server, whose working folder differs, finds the same file."""
    return Path(text).expanduser().resolve()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mcu_data", description="Хранилище МЦУ: загрузка, отчёты, учётные записи"
    )
    parser.add_argument("--db", type=_path, default=None, help="файл хранилища (по умолчанию MCU_DB_PATH)")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="загрузить выгрузки (через сервер, если он запущен)")
    imp.add_argument("files", nargs="+", type=_path)
    imp.add_argument(
        "--source",
        choices=sorted([*PROFILES, *TABLE_IMPORTS]),
        help="источник, если не определять его по заголовкам; survey — результаты опроса, official_pages — "
        "активность госпабликов",
    )
    imp.add_argument("--profile", help="сохранённый профиль сопоставления столбцов")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="ПОЛЕ=СТОЛБЕЦ",
        help="сопоставить поле столбцу файла, например received_at='Дата поступления' (можно несколько)",
    )
    imp.add_argument(
        "--map-source",
        choices=sorted(CUSTOM_DEFAULTS),
        help="откуда данные при --map (по умолчанию --source или other)",
    )
    und = sub.add_parser("undo", help="отменить загрузку")
    und.add_argument("batch_id", type=int)
    sub.add_parser("prepare", help="создать или обновить хранилище без демонстрационных данных")
    bnd = sub.add_parser("boundaries", help="загрузить слой границ поселений (GeoJSON, GeoPackage, shapefile в zip)")
    bnd.add_argument("file", type=_path)
    usr = sub.add_parser("users", help="учётные записи и ключи: список, одноразовый пароль, ключ показа, ключи API")
    usr.add_argument(
        "action",
        choices=list(ACTIONS),
        help="list — список; reset ЛОГИН — одноразовый пароль; key ЛОГИН — ключ показа для экрана в зале; "
        "token ЛОГИН — ключ API; tokens — список ключей API; revoke НОМЕР — отозвать ключ API",
    )
    usr.add_argument("login", nargs="?", default="admin")
    usr.add_argument("--label", default="", help="назначение ключа API, например «ночная выгрузка ПОС»")
    prof = sub.add_parser("profiles", help="профили сопоставления столбцов: список, сохранить, удалить")
    prof.add_argument("action", choices=["list", "save", "delete"])
    prof.add_argument("name", nargs="?", default="")
    prof.add_argument(
        "--source",
        dest="profile_source",
        choices=sorted(CUSTOM_DEFAULTS),
        default="other",
        help="откуда данные (для save)",
    )
    prof.add_argument("--map", action="append", default=[], metavar="ПОЛЕ=СТОЛБЕЦ", help="для save")
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
    note.add_argument("--out", type=_path, required=True, help="куда записать файл")
    ana = sub.add_parser(
        "analyze", help="маскирование, тема и поселение для текстов из JSONL — тем же кодом, что импорт"
    )
    ana.add_argument("--jsonl", type=_path, required=True, help="строки JSON: id, text и, если есть, address")
    ana.add_argument("--out", type=_path, required=True, help="куда записать строки JSON с результатом")
    ana.add_argument("--source", default="other", choices=codes.SOURCES, help="источник: от него зависит, чей адрес")
    return parser  # fmt: skip


def to_json(args: argparse.Namespace) -> dict:
    """The parsed arguments as JSON: paths and dates tagged, so that `from_json` gives them back as they were."""

    def one(value):
        if isinstance(value, Path):
            return {"path": str(value)}
        if isinstance(value, date):
            return {"date": value.isoformat()}
        if isinstance(value, list):
            return [one(v) for v in value]
        return value

    return {k: one(v) for k, v in vars(args).items()}


def from_json(data: dict) -> argparse.Namespace:
    def one(value):
        if isinstance(value, dict) and set(value) == {"path"}:
            return Path(value["path"])
        if isinstance(value, dict) and set(value) == {"date"}:
            return date.fromisoformat(value["date"])
        if isinstance(value, list):
            return [one(v) for v in value]
        return value

    return argparse.Namespace(**{k: one(v) for k, v in data.items()})
