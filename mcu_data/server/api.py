"""The HTTP API on the app's own port: import a file, read a load, ask whether the server is up.

    POST /api/v1/imports?file_name=…[&source=pos|im|fz59|survey|official_pages][&profile=…][&map=field=column …][&map_source=…]
         the file as the request body; «Authorization: Bearer <key>»; answers the import report (201)
    GET  /api/v1/imports/{id}   the load as the log keeps it
    GET  /api/v1/health         whether the server and its store are up (no key needed)
    POST /api/v1/admin/command  any other command of the command line, for the server machine's own key only

Every answer is JSON with Russian messages; errors carry «error». A key is checked against the same roles as
the pages: an officer's key imports only the officer's channel.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcu_data import access
from mcu_data.access import auth, tokens
from mcu_data.cli.commands import COMMANDS, Out, dispatch
from mcu_data.cli.parser import from_json
from mcu_data.core.config import load_settings
from mcu_data.ingest.loader import batch_details, import_path
from mcu_data.ingest.profiles import parse_mapping
from mcu_data.ingest.readers import ImportFileError
from mcu_data.server import process
from mcu_data.store import StoreBusy, StoreError

BUSY_RETRY_SECONDS = 5


def _error(status: int, message: str, **extra) -> JSONResponse:
    headers = {"Retry-After": str(BUSY_RETRY_SECONDS)} if status == 503 else None
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _caller(request: Request) -> access.User | JSONResponse:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "Нужен ключ API: заголовок «Authorization: Bearer <ключ>». Ключ выдаёт куратор МЦУ.")
    token = token.strip()
    if process.is_local_token(token):
        return process.LOCAL
    try:
        return tokens.user_for(process.store(), token)
    except auth.AuthError as exc:
        return _error(401, str(exc))


async def health(request: Request) -> JSONResponse:
    try:
        store = await run_in_threadpool(process.store)
        version = await run_in_threadpool(store.schema_version)
    except StoreBusy as exc:
        return _error(503, str(exc))
    return JSONResponse({"status": "ok", "schema_version": version})


async def create_import(request: Request) -> JSONResponse:
    user = _caller(request)
    if isinstance(user, JSONResponse):
        return user
    query = request.query_params
    file_name = (query.get("file_name") or "").strip()
    if not file_name or "/" in file_name or "\\" in file_name:
        return _error(400, "Укажите имя файла параметром file_name, например file_name=pos_2026-11-30.xlsx.")
    limit = load_settings().max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return _error(413, f"Файл «{file_name}» больше допустимого размера ({limit // 1_048_576} МБ).")
    mapping = None
    if query.getlist("map"):
        try:
            mapping = (query.get("map_source") or "other", parse_mapping(query.getlist("map")))
        except ValueError as exc:
            return _error(400, str(exc))
    folder = Path(tempfile.mkdtemp(prefix="mcu_api_"))
    path = folder / file_name
    try:
        size = 0
        with path.open("wb") as fh:  # to disk as it arrives: a big body never sits in memory
            async for block in request.stream():
                size += len(block)
                if size > limit:
                    return _error(413, f"Файл «{file_name}» больше допустимого размера ({limit // 1_048_576} МБ).")
                fh.write(block)

        def run():
            with access.acting(user):
                report = import_path(
                    process.store(),
                    path,
                    profile_code=query.get("source") or None,
                    max_bytes=limit,
                    profile_name=query.get("profile") or None,
                    mapping=mapping,
                    origin="cli" if user is process.LOCAL else "api",  # the local key is the command line's
                )
                if user is not process.LOCAL:
                    tokens.mark_used(process.store(), request.headers["authorization"].partition(" ")[2].strip())
                return report

        report = await run_in_threadpool(run)
    except ImportFileError as exc:
        return _error(422, f"{exc} Хранилище не изменилось.")
    except access.AccessDenied as exc:
        return _error(403, str(exc))
    except StoreBusy as exc:
        return _error(503, str(exc))
    except StoreError as exc:
        return _error(500, str(exc))
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(folder)
    return JSONResponse(report.as_dict(), status_code=201)


async def read_import(request: Request) -> JSONResponse:
    user = _caller(request)
    if isinstance(user, JSONResponse):
        return user
    try:
        batch_id = int(request.path_params["batch_id"])
    except ValueError:
        return _error(404, "Номер загрузки — целое число.")

    def run():
        with access.acting(user):
            found = batch_details(process.store(), batch_id)
            if found is not None and found["status"] != "refused":
                access.require(access.IMPORT, channel=found["source_code"])
            return found

    try:
        found = await run_in_threadpool(run)
    except access.AccessDenied as exc:
        return _error(403, str(exc))
    if found is None:
        return _error(404, f"Загрузки № {batch_id} нет.")
    return JSONResponse(json.loads(json.dumps(found, default=str)))


async def admin_command(request: Request) -> JSONResponse:
    """A command of the command line on the server machine, run here because this process holds the store."""
    user = _caller(request)
    if isinstance(user, JSONResponse):
        return user
    if user is not process.LOCAL:
        return _error(403, "Команды командной строки принимаются только от неё самой, на компьютере сервера.")
    try:
        args = from_json((await request.json())["args"])
    except (ValueError, KeyError, TypeError):
        return _error(400, 'Тело запроса — JSON вида {"args": {...}}, как его шлёт командная строка.')
    if args.command not in COMMANDS or args.command == "import":
        return _error(400, "Загрузка идёт через POST /api/v1/imports.")

    def run():
        out = Out(collect=True)
        with access.acting(user):
            code = dispatch(process.store(), args, out)
        return {"code": code, "out": out.out, "err": out.errors}

    try:
        answer = await run_in_threadpool(run)
    except StoreBusy as exc:
        return _error(503, str(exc))
    return JSONResponse(answer)


def routes() -> list[Route]:
    return [
        Route("/api/v1/health", health, methods=["GET"]),
        Route("/api/v1/imports", create_import, methods=["POST"]),
        Route("/api/v1/imports/{batch_id}", read_import, methods=["GET"]),
        Route("/api/v1/admin/command", admin_command, methods=["POST"]),
    ]
