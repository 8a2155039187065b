"""The server process's one store, and the file by which other processes on this machine find the server."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from pathlib import Path

from mcu_data import access
from mcu_data.core.config import load_settings
from mcu_data.store import Store, StoreBusy, bootstrap

BUSY_ATTEMPTS = 5
BUSY_WAIT_SECONDS = 2.0
# the account the command line on the server's own machine acts as through the API: it could open the
# store file itself when no server runs, so it gets no more than that
LOCAL = access.User("system", "командная строка", "curator")
INBOX = access.User("inbox", "папка загрузки", "curator")
MAILER = access.User("mailer", "рассылка", "curator")
GROUPER = access.User("grouper", "сборка инцидентов", "curator")
LINKER = access.User("linker", "подсчёт повторов", "curator")

_lock = threading.Lock()
_store: Store | None = None
_local_token = "local_" + secrets.token_urlsafe(32)


def open_store(path: Path, attempts: int = BUSY_ATTEMPTS, wait: float = BUSY_WAIT_SECONDS) -> Store:
    """Open the store, retrying a few times while another process holds it; StoreBusy after that."""
    for attempt in range(attempts):
        try:
            return Store(path)
        except StoreBusy:
            if attempt == attempts - 1:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def store(attempts: int = BUSY_ATTEMPTS) -> Store:
    """The store of this process, opened, migrated and seeded on first use; shared by pages, API and inbox.

    StoreBusy when another process holds the file through `attempts` tries (a page tries briefly and looks again
    by itself; the API answers 503 with Retry-After)."""
    global _store
    with _lock:
        settings = load_settings()
        if _store is not None and Path(_store.path) != settings.db_path:
            _store.close()  # the settings now name another store (a test's own): this process serves that one
            _store = None
        if _store is None:
            opened = open_store(settings.db_path, attempts)
            bootstrap.prepare(opened, settings.sample_dir)
            _store = opened
        return _store


def close() -> None:
    global _store
    with _lock:
        if _store is not None:
            _store.close()
            _store = None


def is_local_token(token: str) -> bool:
    return secrets.compare_digest(token.encode(), _local_token.encode())


def announce(url: str) -> Path:
    """Write the server's address and local key beside the store, readable by this machine's owner only."""
    path = load_settings().server_file
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"url": url, "pid": os.getpid(), "token": _local_token}, fh)
    os.replace(tmp, path)
    return path


def withdraw() -> None:
    path = load_settings().server_file
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass
