"""Versioned migrations: applied once, in order, each all or nothing."""

from pathlib import Path

import duckdb
import pytest

from mcu_data.store import Migration, Store, list_migrations


def test_fresh_store_reaches_latest_version(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    applied = store.migrate()
    latest = max(m.version for m in list_migrations())
    assert applied == [m.version for m in list_migrations()]
    assert store.schema_version() == latest
    assert {"appeal", "theme", "settlement", "import_batch", "rejected_row", "deadline_rule"} <= store.table_names()
    assert store.migrate() == []  # nothing twice


def test_failed_migration_changes_nothing(tmp_path: Path):
    store = Store(tmp_path / "s.duckdb")
    store.migrate()
    before = store.schema_version()
    broken = Migration(before + 1, "broken", "create table half_done (x integer);\nselect * from no_such_table;")
    with pytest.raises(duckdb.Error):
        store.migrate([*list_migrations(), broken])
    assert store.schema_version() == before
    assert "half_done" not in store.table_names()


def test_store_path_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from mcu_data.core.config import load_settings

    monkeypatch.setenv("MCU_DB_PATH", str(tmp_path / "elsewhere" / "x.duckdb"))
    assert load_settings().db_path == tmp_path / "elsewhere" / "x.duckdb"
    monkeypatch.setenv("MCU_DB_PATH", "rel/x.duckdb")
    assert load_settings().db_path.is_absolute()


def test_parameters_are_bound(empty_store: Store):
    evil = "'; drop table appeal; --"
    assert empty_store.scalar("select count(*) from theme where code = ?", [evil]) == 0
    assert "appeal" in empty_store.table_names()
