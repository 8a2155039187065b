"""Shared fixtures: a store built from the committed sample exports, through the real import path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mcu_data import access
from mcu_data.core.config import PROJECT_ROOT
from mcu_data.store import Store, bootstrap

SAMPLE_DIR = PROJECT_ROOT / "sample_data"


@pytest.fixture(autouse=True)
def act_as_system():
    """Tests call mcu_data directly, as the command line does; tests of refusals act as someone else inside."""
    with access.acting(access.SYSTEM):
        yield


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file loaded once per test session from sample_data/; tests that write copy it first."""
    path = tmp_path_factory.mktemp("store") / "sample.duckdb"
    store = Store(path)
    bootstrap.prepare(store, SAMPLE_DIR)
    store.close()
    return path


@pytest.fixture
def sample_store(sample_store_path: Path, tmp_path: Path):
    """A private writable copy of the sample store."""
    copy = tmp_path / "sample.duckdb"
    shutil.copy(sample_store_path, copy)
    store = Store(copy)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path):
    """A migrated and seeded store with no appeals."""
    store = Store(tmp_path / "empty.duckdb")
    bootstrap.prepare(store, None)
    yield store
    store.close()
