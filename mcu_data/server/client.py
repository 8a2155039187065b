"""The command line's side of the API: find the server that holds the store, and send it the work.

The server writes its address and a local key beside the store (`<store>.server.json`, readable by this
machine's owner only). A file there whose server does not answer is left over from a server that was killed:
it is ignored, and the command line opens the store itself.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from mcu_data.core.config import server_file_for

TIMEOUT_HEALTH = 3
TIMEOUT_WORK = 3600  # a million rows take minutes; the server answers when the import is done


class ServerError(RuntimeError):
    """The server answered with an error; the message is its Russian one."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Endpoint:
    url: str
    token: str


def find(db_path: Path) -> Endpoint | None:
    """The running server of this store, if one answers; None otherwise."""
    path = server_file_for(db_path)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        endpoint = Endpoint(info["url"].rstrip("/"), info["token"])
    except (OSError, ValueError, KeyError):
        return None
    try:
        with urllib.request.urlopen(endpoint.url + "/api/v1/health", timeout=TIMEOUT_HEALTH) as answer:
            if answer.status == 200:
                return endpoint
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return None


def _call(endpoint: Endpoint, method: str, path: str, body=None, headers: dict | None = None) -> dict:
    request = urllib.request.Request(
        endpoint.url + path,
        data=body,
        method=method,
        headers={"Authorization": f"Bearer {endpoint.token}", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_WORK) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read().decode("utf-8")).get("error", "")
        except ValueError:
            message = ""
        raise ServerError(message or f"Сервер ответил ошибкой {exc.code}.", exc.code) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise ServerError(f"Сервер панели не ответил ({endpoint.url}). Проверьте, что он запущен.", 0) from exc


def import_file(
    endpoint: Endpoint,
    path: Path,
    source: str | None = None,
    profile: str | None = None,
    mapping: tuple[str, dict[str, str]] | None = None,
) -> dict:
    """POST the file to /api/v1/imports, streamed from disk; the import report as JSON."""
    query: list[tuple[str, str]] = [("file_name", path.name)]
    if source:
        query.append(("source", source))
    if profile:
        query.append(("profile", profile))
    if mapping:
        query.append(("map_source", mapping[0]))
        query.extend(("map", f"{field}={column}") for field, column in mapping[1].items())
    with path.open("rb") as body:
        return _call(
            endpoint,
            "POST",
            "/api/v1/imports?" + urllib.parse.urlencode(query),
            body,
            {"Content-Length": str(path.stat().st_size), "Content-Type": "application/octet-stream"},
        )


def command(endpoint: Endpoint, args: dict) -> dict:
    """Run a command-line command in the server process; its exit code and output lines."""
    data = json.dumps({"args": args}, ensure_ascii=False).encode("utf-8")
    return _call(endpoint, "POST", "/api/v1/admin/command", data, {"Content-Type": "application/json"})
