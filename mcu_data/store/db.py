"""The DuckDB store: owns the one connection, runs migrations and executes every query."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from mcu_data.core.config import MIGRATIONS_DIR

Params = Sequence[Any] | dict[str, Any] | None


class StoreError(RuntimeError):
    """A store operation failed; the message is in Russian and safe to show."""


def memory_limit() -> str:
    """The store's memory budget (MCU_DB_MEMORY_LIMIT, e.g. «1GB»): a million appeals import and answer within it."""
    wanted = os.environ.get("MCU_DB_MEMORY_LIMIT", "512MB").strip().upper().replace(" ", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?(?:KB|MB|GB|KIB|MIB|GIB)", wanted):
        raise StoreError(f"MCU_DB_MEMORY_LIMIT={wanted!r}: укажите размер вида 1GB или 800MB.")
    return wanted


class StoreBusy(StoreError):
    """Another process holds the store's file: a server, or an import from the command line. Worth a retry."""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file from the migrations folder."""

    version: int
    name: str
    sql: str


def list_migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Migrations sorted by their number, read from files named NNN_name.sql."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append(Migration(int(number), name, path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError("Номера миграций повторяются: " + ", ".join(map(str, versions)))
    return found


class Tx:
    """A cursor inside an open transaction; the only way writes reach the store."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cur = cursor

    def execute(self, sql: str, params: Params = None) -> None:
        _run(self._cur, sql, params)

    def query(self, sql: str, params: Params = None) -> pd.DataFrame:
        return self._cur.execute(sql, params).df()

    def scalar(self, sql: str, params: Params = None) -> Any:
        rows = self._cur.execute(sql, params).fetchall()
        return rows[0][0] if rows else None

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Expose a DataFrame to SQL under a fixed name, for bulk set-based writes."""
        self._cur.register(name, frame)

    def unregister(self, name: str) -> None:
        self._cur.unregister(name)


class Staging:
    """Temp tables on one cursor, and the write transaction that reads them on the same cursor."""

    def __init__(self, store: Store, cursor: duckdb.DuckDBPyConnection) -> None:
        self._store, self._cur = store, cursor

    def execute(self, sql: str, params: Params = None) -> None:
        _run(self._cur, sql, params)

    def scalar(self, sql: str, params: Params = None) -> Any:
        rows = self._cur.execute(sql, params).fetchall()
        return rows[0][0] if rows else None

    def query(self, sql: str, params: Params = None) -> pd.DataFrame:
        return self._cur.execute(sql, params).df()

    def append(self, table: str, frame: pd.DataFrame) -> None:
        """Add a frame's rows to a temp table by column name; the table's own types win."""
        if frame.empty:
            return
        self._cur.register("staging_frame", frame)
        try:
            _run(self._cur, f"insert into {table} by name select * from staging_frame")
        finally:
            self._cur.unregister("staging_frame")

    def transaction(self, bump: bool = True) -> AbstractContextManager[Tx]:
        return self._store._transaction_on(self._cur, bump)


class Store:
    """One DuckDB connection per process; each query gets its own cursor.

    Streamlit serves each session on its own thread, and a DuckDB cursor is the
    per-thread handle onto the shared database, so nothing is shared between
    concurrent queries but the database itself.
    """

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:  # locked by another process, or not a DuckDB file
            text = str(exc)
            if "lock" in text.lower():
                pid = re.search(r"PID (\d+)", text)
                holder = f" (процесс {pid.group(1)})" if pid else ""
                raise StoreBusy(
                    f"Хранилище {self.path} сейчас открыто другим процессом{holder}: запущен сервер панели или идёт "
                    "загрузка из командной строки."
                ) from exc
            raise StoreError(
                f"Не удалось открыть хранилище {self.path}: файл повреждён или это не файл хранилища DuckDB."
            ) from exc
        if self.path != ":memory:" and not read_only:
            # DuckDB would otherwise take up to 80 % of the machine's memory; past this it spills to <store>.tmp
            self._con.execute(f"set memory_limit = '{memory_limit()}'")
        self._write_lock = threading.Lock()
        self._counted = False  # whether the write counter exists yet (it arrives with a migration)

    def close(self) -> None:
        self._con.close()

    # -- reads -------------------------------------------------------------
    def query(self, sql: str, params: Params = None) -> pd.DataFrame:
        cur = self._con.cursor()
        try:
            return cur.execute(sql, params).df()
        finally:
            cur.close()

    def scalar(self, sql: str, params: Params = None) -> Any:
        cur = self._con.cursor()
        try:
            rows = cur.execute(sql, params).fetchall()
            return rows[0][0] if rows else None
        finally:
            cur.close()

    def rows(self, sql: str, params: Params = None) -> list[tuple]:
        cur = self._con.cursor()
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            cur.close()

    # -- writes ------------------------------------------------------------
    @contextmanager
    def transaction(self, bump: bool = True) -> Iterator[Tx]:
        """All or nothing: on any exception the transaction is rolled back. Every commit bumps the write counter,
        except `bump=False`: a session heartbeat, which no page figure or cached read depends on."""
        cur = self._con.cursor()
        try:
            with self._transaction_on(cur, bump) as tx:
                yield tx
        finally:
            cur.close()

    @contextmanager
    def _transaction_on(self, cur: duckdb.DuckDBPyConnection, bump: bool = True) -> Iterator[Tx]:
        with self._write_lock:
            _run(cur, "begin transaction")
            try:
                yield Tx(cur)
                if bump and (self._counted or self._counter_exists(cur)):
                    _run(cur, "update store_write set counter = counter + 1")
            except BaseException:
                _run(cur, "rollback")
                raise
            else:
                _run(cur, "commit")

    @contextmanager
    def staging(self) -> Iterator[Staging]:
        """A cursor of its own whose temp tables an import fills chunk by chunk, then writes in one transaction.

        The temp tables live only as long as the cursor: a failed import leaves nothing behind, and the
        store itself is not touched (nor locked) until the closing transaction.
        """
        cur = self._con.cursor()
        try:
            yield Staging(self, cur)
        finally:
            cur.close()

    def write_count(self) -> int:
        """How many write transactions the store has committed; 0 before the counter's migration."""
        if not self._counted and not self._counter_exists(None):
            return 0
        return int(self.scalar("select counter from store_write"))

    def _counter_exists(self, cur: duckdb.DuckDBPyConnection | None) -> bool:
        sql = "select count(*) from information_schema.tables where table_name = 'store_write'"
        found = (cur.execute(sql).fetchall()[0][0] if cur is not None else self.scalar(sql)) > 0
        self._counted = self._counted or found
        return found

    # -- schema ------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.scalar("select count(*) from information_schema.tables where table_name = 'schema_version'")
        if not exists:
            return 0
        return int(self.scalar("select coalesce(max(version), 0) from schema_version"))

    def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        """Apply every migration newer than the store; each in its own transaction."""
        applied = []
        current = self.schema_version()
        for migration in migrations if migrations is not None else list_migrations():
            if migration.version <= current:
                continue
            with self.transaction() as tx:
                tx.execute(
                    "create table if not exists schema_version ("
                    " version integer primary key, name varchar not null,"
                    " applied_at timestamp not null)"
                )
                for statement in _split_sql(migration.sql):
                    tx.execute(statement)
                tx.execute(
                    "insert into schema_version values (?, ?, ?)",
                    [migration.version, migration.name, datetime.now()],
                )
            applied.append(migration.version)
        return applied

    def table_names(self) -> set[str]:
        return {r[0] for r in self.rows("select table_name from information_schema.tables")}


def _run(cur: duckdb.DuckDBPyConnection, sql: str, params: Params = None) -> None:
    """Execute and drain the result: DuckDB refuses new work on a cursor with a pending result."""
    cur.execute(sql, params).fetchall()


def _split_sql(script: str) -> list[str]:
    """Split a migration on semicolons that end a line; the files hold no procedural code."""
    statements, buf = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(buf).strip().rstrip(";").strip()
            if statement:
                statements.append(statement)
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        statements.append(tail)
    return statements
