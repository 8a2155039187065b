"""The wall screen's key: issued by the curator, kept only as a digest, signs in a screen and nothing else."""

from __future__ import annotations

from datetime import datetime

import pytest

from mcu_data import access
from mcu_data.access import auth
from mcu_data.app import wall_deck

NOW = datetime(2026, 11, 26, 10, 0)


@pytest.fixture
def screen(empty_store):
    """A wall-screen account, made the way the curator makes it."""
    auth.save_account(empty_store, auth.Account("zal", "Экран в зале", "observer", is_screen=True), NOW)
    return "zal"


def test_a_key_signs_the_screen_in_and_is_stored_only_as_a_digest(empty_store, screen):
    key = auth.issue_screen_key(empty_store, screen, NOW)
    assert len(key) >= 32
    stored = empty_store.rows("select screen_key_hash, screen_key_issued_at from app_user where login = ?", [screen])[0]
    assert key not in stored[0] and len(stored[0]) == 64 and stored[1] == NOW
    user = auth.sign_in_with_key(empty_store, key, NOW)
    assert (user.login, user.role, user.is_screen, user.by_key, user.must_change) == (
        screen,
        "observer",
        True,
        True,
        False,
    )
    assert auth.key_still_valid(empty_store, screen, key)
    log = empty_store.query("select login, action, object, details from audit_log order by entry_id")
    assert log.iloc[-2].tolist()[:3] == ["system", "screen_key_issued", "zal"]  # who issued it, for which screen
    assert log.iloc[-1].tolist() == ["zal", "sign_in", "zal", "по ключу показа"]
    # the screen is an observer: it may see figures, never a list of appeals
    assert not access.allowed(user, access.VIEW_APPEALS) and not access.allowed(user, access.EXPORT)


def test_a_new_key_replaces_the_old_and_a_revoked_key_stops(empty_store, screen):
    first = auth.issue_screen_key(empty_store, screen, NOW)
    second = auth.issue_screen_key(empty_store, screen, NOW)
    assert first != second
    with pytest.raises(auth.AuthError, match="Ключ показа не подошёл"):
        auth.sign_in_with_key(empty_store, first, NOW)
    assert not auth.key_still_valid(empty_store, screen, first)
    assert auth.sign_in_with_key(empty_store, second, NOW).login == screen
    auth.revoke_screen_key(empty_store, screen, NOW)
    assert not auth.key_still_valid(empty_store, screen, second)
    with pytest.raises(auth.AuthError, match="Ключ показа не подошёл"):
        auth.sign_in_with_key(empty_store, second, NOW)
    with pytest.raises(auth.AuthError, match="нет ключа"):
        auth.revoke_screen_key(empty_store, screen, NOW)
    failed = empty_store.scalar(
        "select count(*) from audit_log where action = 'sign_in_failed' and details = 'ключ показа не подошёл'"
    )
    assert failed == 2


@pytest.mark.parametrize("bad", ["", " ", "не-ключ", "' or 1=1 --", "x" * 5000])
def test_anything_but_the_key_is_refused(empty_store, screen, bad):
    auth.issue_screen_key(empty_store, screen, NOW)
    with pytest.raises(auth.AuthError, match="Ключ показа не подошёл"):
        auth.sign_in_with_key(empty_store, bad, NOW)


def test_only_a_screen_account_gets_a_key(empty_store, screen):
    auth.save_account(empty_store, auth.Account("kurator2", "Куратор", "curator"), NOW)
    # a curator with the screen mark: save_account keeps the mark only for observers
    auth.save_account(empty_store, auth.Account("kurator3", "Куратор", "curator", is_screen=True), NOW)
    auth.save_account(empty_store, auth.Account("nabl", "Наблюдатель", "observer"), NOW)
    for login in ("kurator2", "kurator3", "nabl", "admin"):
        with pytest.raises(auth.AuthError, match="только учётной записи экрана"):
            auth.issue_screen_key(empty_store, login, NOW)
    with pytest.raises(auth.AuthError, match="Нет учётной записи"):
        auth.issue_screen_key(empty_store, "nobody", NOW)
    assert empty_store.scalar("select count(*) from app_user where screen_key_hash is not null") == 0


def test_a_key_dies_with_the_screen_mark_or_the_account(empty_store, screen):
    key = auth.issue_screen_key(empty_store, screen, NOW)
    # the curator makes the account an ordinary observer: its key is dropped, not kept for later
    auth.save_account(empty_store, auth.Account(screen, "Экран в зале", "observer", is_screen=False), NOW)
    assert empty_store.scalar("select screen_key_hash from app_user where login = ?", [screen]) is None
    auth.save_account(empty_store, auth.Account(screen, "Экран в зале", "observer", is_screen=True), NOW)
    with pytest.raises(auth.AuthError):
        auth.sign_in_with_key(empty_store, key, NOW)
    # a disabled screen: the key it has stops working, and starts again when the account is enabled
    key = auth.issue_screen_key(empty_store, screen, NOW)
    auth.save_account(empty_store, auth.Account(screen, "Экран в зале", "observer", is_screen=True, active=False), NOW)
    assert not auth.key_still_valid(empty_store, screen, key)
    with pytest.raises(auth.AuthError):
        auth.sign_in_with_key(empty_store, key, NOW)
    auth.save_account(empty_store, auth.Account(screen, "Экран в зале", "observer", is_screen=True), NOW)
    assert auth.sign_in_with_key(empty_store, key, NOW).login == screen


@pytest.mark.parametrize("who", ["observer", "channel_officer", "sector_leader", "settlement_head", None])
def test_only_the_curator_issues_and_revokes_keys(empty_store, screen, who):
    key = auth.issue_screen_key(empty_store, screen, NOW)
    users = {
        "observer": access.User("o", "Наблюдатель", "observer", is_screen=True),
        "channel_officer": access.User("c", "Ответственный", "channel_officer", channel="pos"),
        "sector_leader": access.User("s", "Руководитель блока", "sector_leader", block="deputy_housing"),
        "settlement_head": access.User("h", "Глава", "settlement_head", oktmo="36612436"),
    }
    with access.acting(users.get(who)):
        with pytest.raises(access.AccessDenied):
            auth.issue_screen_key(empty_store, screen, NOW)
        with pytest.raises(access.AccessDenied):
            auth.revoke_screen_key(empty_store, screen, NOW)
    assert auth.key_still_valid(empty_store, screen, key)


def test_the_key_counts_only_in_the_show_address():
    params = wall_deck.to_params(30, wall_deck.SLIDES, key="k3y")
    assert wall_deck.key_of(params) == "k3y"
    assert wall_deck.key_of({"key": "k3y"}) is None  # not in the show: no sign-in by key
    assert wall_deck.key_of({"present": "1", "key": "  "}) is None
    assert wall_deck.show_address("https://mcu.example:8443/admin?x=1", params) == (
        "https://mcu.example:8443/?present=1&every=30&key=k3y"
    )
    assert wall_deck.show_address(None, {"present": "1"}) == "http://localhost:8501/?present=1"
