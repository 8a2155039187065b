"""Command line: `python -m mcu_data --help`.

While the server runs, it holds the store: the command line then sends its work to the server (an import to
POST /api/v1/imports, any other command to the server's own command runner) and prints the same answer.
With no server, it opens the store itself, waiting a little if another process holds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mcu_data import access
from mcu_data.cli import commands
from mcu_data.cli.parser import build_parser, to_json
from mcu_data.core.config import load_settings
from mcu_data.ingest.report import ImportReport
from mcu_data.server import client, process
from mcu_data.store import StoreBusy, StoreError, seed

EXIT_BUSY = 3


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = Path(args.db).resolve() if args.db else load_settings().db_path
    out = commands.Out()
    endpoint = client.find(db_path)
    if endpoint is not None:
        return _through_server(endpoint, args, out)
    try:
        store = process.open_store(db_path)
    except StoreBusy as exc:
        out.err(f"ОШИБКА. {exc} Сервер не отвечает по адресу из {db_path.name}.server.json; повторите позже.")
        return EXIT_BUSY
    except StoreError as exc:
        out.err(f"ОШИБКА. {exc}")
        return 2
    try:
        store.migrate()
        seed.seed(store)
        # whoever runs the command line on the server machine acts with the administrator's rights
        with access.acting(access.SYSTEM):
            return commands.dispatch(store, args, out)
    finally:
        store.close()


def _through_server(endpoint: client.Endpoint, args, out: commands.Out) -> int:
    if args.command != "import":
        try:
            answer = client.command(endpoint, to_json(args))
        except client.ServerError as exc:
            out.err(f"ОШИБКА. {exc}")
            return 2
        for line in answer.get("out", []):
            out.say(line)
        for line in answer.get("err", []):
            out.err(line)
        return int(answer.get("code", 1))
    code = 0
    for path in args.files:
        if not path.is_file():
            out.err(f"{path.name}: ОШИБКА. Файл «{path}» не найден.")
            code = 1
            continue
        try:
            answer = client.import_file(endpoint, path, args.source, args.profile, commands.mapping_of(args))
        except client.ServerError as exc:
            out.err(f"{path.name}: ОШИБКА. {exc}")
            code = 1
            continue
        code = max(code, commands.say_report(ImportReport.from_dict(answer), out))
    return code


if __name__ == "__main__":
    sys.exit(main())
