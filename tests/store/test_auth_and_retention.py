"""Sign-in: argon2 hashes, one-time passwords, throttling; retention purge with its report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mcu_data import access
from mcu_data.access import auth, retention

NOW = datetime(2026, 11, 26, 10, 0)


@pytest.fixture
def admin_password(empty_store):
    """The store's first start made the administrator; give it a one-time password this test knows."""
    return auth.reset_password(empty_store, "admin")


def test_first_start_prints_a_one_time_password_once(tmp_path):
    from mcu_data.store import Store

    store = Store(tmp_path / "fresh.duckdb")
    store.migrate()
    printed: list[str] = []
    password = auth.ensure_admin(store, say=printed.append)
    assert password and any(password in line for line in printed)
    assert auth.ensure_admin(store, say=printed.append) is None  # never a second administrator, never reprinted
    stored = store.scalar("select password_hash from app_user where login = 'admin'")
    assert stored.startswith("$argon2id$") and password not in stored
    user = auth.sign_in(store, "admin", password, NOW)
    assert user.role == "curator" and user.must_change
    store.close()


def test_one_time_password_must_be_changed_and_then_stops_working(empty_store, admin_password):
    store = empty_store
    with pytest.raises(auth.AuthError, match="не короче"):
        auth.change_password(store, "admin", admin_password, "короткий", NOW)
    with pytest.raises(auth.AuthError, match="простой"):
        auth.change_password(store, "admin", admin_password, "1234567890123", NOW)
    user = auth.change_password(store, "admin", admin_password, "Новый-пароль-2026", NOW)
    assert not user.must_change
    with pytest.raises(auth.AuthError):
        auth.sign_in(store, "admin", admin_password, NOW)
    assert not auth.sign_in(store, "admin", "Новый-пароль-2026", NOW).must_change


def test_repeated_failures_are_throttled(empty_store, admin_password):
    store = empty_store
    for _ in range(auth.FREE_ATTEMPTS - 1):
        with pytest.raises(auth.AuthError, match="Неверный логин или пароль.$"):
            auth.sign_in(store, "admin", "не тот", NOW)
    with pytest.raises(auth.AuthError, match="приостановлен на 1 мин"):
        auth.sign_in(store, "admin", "не тот", NOW)
    # even the right password waits out the pause
    with pytest.raises(auth.AuthError, match="Повторите через"):
        auth.sign_in(store, "admin", admin_password, NOW + timedelta(seconds=30))
    assert auth.sign_in(store, "admin", admin_password, NOW + timedelta(minutes=2)).login == "admin"
    # a success clears the count: the next failure is free again
    with pytest.raises(auth.AuthError, match="Неверный логин или пароль.$"):
        auth.sign_in(store, "admin", "не тот", NOW + timedelta(minutes=3))
    assert [auth.lock_for(n).total_seconds() / 60 for n in (4, 5, 6, 7, 20)] == [0, 1, 2, 4, 15]
    log = store.query("select action from audit_log where login = 'admin'")
    assert list(log["action"]).count("sign_in_failed") == auth.FREE_ATTEMPTS + 1


def test_unknown_and_disabled_accounts_get_the_same_answer(empty_store, admin_password):
    store = empty_store
    with pytest.raises(auth.AuthError, match="^Неверный логин или пароль.$"):
        auth.sign_in(store, "nobody", "что угодно", NOW)
    with access.acting(access.SYSTEM):
        one_time = auth.save_account(store, auth.Account("screen", "Экран в зале", "observer", is_screen=True))
        assert auth.sign_in(store, "screen", one_time, NOW).is_screen
        auth.save_account(store, auth.Account("screen", "Экран в зале", "observer", active=False))
    with pytest.raises(auth.AuthError, match="^Неверный логин или пароль.$"):
        auth.sign_in(store, "screen", one_time, NOW)


@pytest.mark.parametrize("login", ["Иванов", "a b", "x'; drop table app_user; --", "../admin", ""])
def test_logins_are_plain_names(empty_store, login):
    with pytest.raises(auth.AuthError, match="Логин"):
        auth.save_account(empty_store, auth.Account(login, "Кто-то", "observer"))
    assert empty_store.scalar("select count(*) from app_user where login <> 'admin'") == 0


def test_roles_need_their_scope(empty_store):
    with pytest.raises(auth.AuthError, match="укажите канал"):
        auth.save_account(empty_store, auth.Account("officer", "Ответственный", "channel_officer"))
    auth.save_account(
        empty_store, auth.Account("leader", "Зам. Главы по ЖКХ", "sector_leader", leader_code="deputy_housing")
    )
    password = auth.reset_password(empty_store, "leader")
    user = auth.sign_in(empty_store, "leader", password, NOW)
    assert {"housing", "waste", "energy"} <= set(user.themes) and "education" not in user.themes


def test_retention_purges_old_appeals_with_a_report(sample_store):
    store = sample_store
    today = date(2026, 11, 26)
    retention.set_years(store, 1)
    cutoff = date(2025, 11, 26)
    old = store.scalar("select count(*) from appeal where received_at < ?", [cutoff])
    kept = store.scalar("select count(*) from appeal where received_at >= ?", [cutoff])
    assert old > 0 and kept > 0
    preview = retention.preview(store, today)
    assert preview["n"].sum() == old
    report = retention.purge(store, today)
    assert (report.cutoff, report.appeals) == (cutoff, old)
    assert report.by_source_year["n"].sum() == old
    assert store.scalar("select count(*) from appeal") == kept
    assert (
        store.scalar(
            "select count(*) from appeal_status_history h where not exists "
            "(select 1 from appeal a where a.appeal_id = h.appeal_id)"
        )
        == 0
    )
    entry = store.query("select details from audit_log where action = 'purge'").iloc[0, 0]
    assert f"обращений {old}" in entry
    with pytest.raises(ValueError, match="от 1 до"):
        retention.set_years(store, 0)
