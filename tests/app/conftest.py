"""AppTest set-up: each test gets fresh Streamlit caches and its own store."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mcu_data import access

CURATOR = access.User("curator", "Куратор МЦУ (тест)", "curator")
# every account the app tests sign in with; the app checks on each step that the account is active
TEST_ACCOUNTS = {
    "curator": ("Куратор МЦУ (тест)", "curator", {}),
    "cur": ("Куратор", "curator", {}),
    "first": ("Первый", "curator", {}),
    "second": ("Второй", "curator", {}),
    "fz": ("Ответственный за 59-ФЗ", "channel_officer", {"channel_code": "fz59"}),
    "lead": ("Зам. Главы по ЖКХ", "sector_leader", {"leader_code": "deputy_housing"}),
    "head": ("Глава Петровки", "settlement_head", {"settlement_oktmo": "36612436"}),
    "obs": ("Экран", "observer", {"is_screen": True}),
}


def _accounts(path) -> None:
    from mcu_data.access import auth
    from mcu_data.store import Store, bootstrap

    store = Store(path)
    bootstrap.prepare(store, None)
    with access.acting(access.SYSTEM):
        for login, (name, role, scope) in TEST_ACCOUNTS.items():
            auth.save_account(store, auth.Account(login, name, role, **scope))
    store.close()


def html_tables(at: AppTest) -> list:
    """The tables a page drew as HTML (layout.table), read back as the reader sees them: text cells."""
    from io import StringIO

    import pandas as pd

    bodies = [h.proto.body for h in at.get("html") if "mcu-table" in h.proto.body and "<table" in h.proto.body]
    return [pd.read_html(StringIO(body), thousands=None, keep_default_na=False)[0] for body in bodies]


def new_app(path: str, user: access.User | None = CURATOR) -> AppTest:
    """An AppTest whose session is signed in as `user` (None: nobody signed in)."""
    at = AppTest.from_file(path, default_timeout=60)
    if user is not None:
        at.session_state["mcu_user"] = user
    return at


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def app_store_path(sample_store_path, tmp_path_factory: pytest.TempPathFactory):
    """The sample store with the test accounts, made once: argon2 hashing is slow on purpose."""
    path = tmp_path_factory.mktemp("app") / "app.duckdb"
    shutil.copy(sample_store_path, path)
    _accounts(path)
    return path


@pytest.fixture
def sample_env(app_store_path, tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Point the app at a private copy of the sample store with the test accounts."""
    path = str(tmp_path / "sample.duckdb")
    shutil.copy(app_store_path, path)
    monkeypatch.setenv("MCU_DB_PATH", path)
    monkeypatch.setenv("MCU_SAMPLE_DIR", "/nonexistent")  # the store is already loaded
    return path


@pytest.fixture
def empty_env(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MCU_DB_PATH", str(tmp_path / "empty.duckdb"))
    _accounts(tmp_path / "empty.duckdb")
    monkeypatch.setenv("MCU_SAMPLE_DIR", str(tmp_path / "no_samples"))
    return tmp_path
