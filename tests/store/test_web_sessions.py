"""Sessions that survive a reload: a one-time ticket, a cookie key kept only as a digest, ended on the server."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mcu_data import access
from mcu_data.access import auth, web_sessions
from mcu_data.store import Store

T0 = datetime(2026, 12, 1, 9, 0)
IDLE = timedelta(minutes=30)


@pytest.fixture
def store(empty_store: Store) -> Store:
    with access.acting(access.SYSTEM):
        auth.save_account(empty_store, auth.Account("ivanova", "Иванова, куратор", "curator"))
    return empty_store


def _user(store: Store) -> access.User:
    return auth._user(store, auth._row(store, "ivanova"))


def test_a_ticket_is_claimed_once_and_only_while_fresh(store: Store):
    ticket = web_sessions.begin(store, _user(store), now=T0)
    key, expires = web_sessions.claim(store, ticket, now=T0 + timedelta(seconds=5))
    assert expires == T0 + timedelta(hours=12)
    assert web_sessions.claim(store, ticket, now=T0 + timedelta(seconds=6)) is None  # used
    late = web_sessions.begin(store, _user(store), now=T0)
    assert web_sessions.claim(store, late, now=T0 + timedelta(seconds=61)) is None  # stale
    assert web_sessions.claim(store, "guess", now=T0) is None
    # only digests are stored: neither the ticket nor the key is in the table
    stored = store.query("select * from web_session").astype(str).to_string()
    assert ticket not in stored and key not in stored


def _signed_in(store: Store) -> str:
    key, _ = web_sessions.claim(store, web_sessions.begin(store, _user(store), now=T0), now=T0)
    return key


def test_the_cookie_key_signs_in_until_sign_out(store: Store):
    key = _signed_in(store)
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=10)).login == "ivanova"
    web_sessions.end(store, key, now=T0 + timedelta(minutes=11))
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=12)) is None


def test_idle_expiry_and_a_disabled_account_end_the_session(store: Store):
    key = _signed_in(store)
    # each use within the idle time keeps it alive: 25 minutes apart, twice
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=25)) is not None
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=50)) is not None
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=81)) is None  # 31 minutes idle
    reasons = store.query("select end_reason from web_session where end_reason is not null")["end_reason"]
    assert list(reasons) == ["30 мин без действий"]

    key = _signed_in(store)
    with access.acting(access.SYSTEM):
        auth.save_account(store, auth.Account("ivanova", "Иванова, куратор", "curator", active=False))
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=1)) is None

    with access.acting(access.SYSTEM):
        auth.save_account(store, auth.Account("ivanova", "Иванова, куратор", "curator", active=True))
    key = _signed_in(store)
    assert web_sessions.user_for(store, key, timedelta(days=1), now=T0 + timedelta(hours=12)) is None  # expired


def test_a_heartbeat_does_not_bump_the_write_counter(store: Store):
    key = _signed_in(store)
    before = store.write_count()
    assert web_sessions.user_for(store, key, IDLE, now=T0 + timedelta(minutes=5)) is not None
    assert store.scalar("select last_seen_at from web_session") == T0 + timedelta(minutes=5)
    assert store.write_count() == before  # cached pages stay warm while a person clicks
    web_sessions.end(store, key, now=T0 + timedelta(minutes=6))
    assert store.write_count() == before + 1  # ending is audited, which is a write
