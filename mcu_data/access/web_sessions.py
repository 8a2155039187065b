"""Sessions that survive a reload, a bookmark and a new tab: an HttpOnly cookie holding a random key.

Streamlit cannot set a cookie from a page, so signing in takes one hop through the server's own route:

1. the page checks the password and opens a session here, getting a one-time ticket (valid for a minute);
2. the browser goes to `/session/start?ticket=…&next=…`; the route claims the ticket, which makes the cookie's
   key, sets the cookie (HttpOnly, SameSite=Lax, with an expiry) and sends the browser back to where it was;
3. each later page run reads the cookie through `st.context.cookies` and asks `user_for`.

The store keeps only SHA-256 digests of the ticket and of the key: a copy of the store opens no session. The
key is 256 random bits checked against the store on every run, which is what a signature would prove, and
more: signing out, an account disabled by the curator or the session's expiry end it at once, on the server.
Idle time-out is counted from `last_seen_at`, which a page run refreshes at most once a minute, without
bumping the store's write counter (no figure reads it).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from mcu_data import access
from mcu_data.access import audit, auth
from mcu_data.store import Store

COOKIE = "mcu_session"
TICKET_SECONDS = 60
LIFETIME = timedelta(hours=12)  # a working day: the cookie and the session end together
TOUCH_EVERY = timedelta(minutes=1)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def begin(store: Store, user: access.User, now: datetime | None = None) -> str:
    """A session for a user whose password was just checked; returns the one-time ticket for the browser."""
    now = now or datetime.now()
    ticket = secrets.token_urlsafe(32)
    with store.transaction() as tx:
        tx.execute(
            "insert into web_session (session_id, login, created_at, expires_at, last_seen_at) values (?, ?, ?, ?, ?)",
            [_digest(ticket), user.login, now, now + LIFETIME, now],
        )
    return ticket


def claim(store: Store, ticket: str, now: datetime | None = None) -> tuple[str, datetime] | None:
    """The cookie's key and its expiry for a fresh ticket, once; None for an unknown, used or stale ticket."""
    now = now or datetime.now()
    if not ticket or len(ticket) > 100:
        return None
    key = secrets.token_urlsafe(32)
    with store.transaction() as tx:
        rows = tx.query(
            "select session_id, expires_at from web_session where session_id = ? and token_hash is null "
            "and ended_at is null and created_at >= ?",
            [_digest(ticket), now - timedelta(seconds=TICKET_SECONDS)],
        )
        if rows.empty:
            return None
        tx.execute(
            "update web_session set token_hash = ?, claimed_at = ? where session_id = ?",
            [_digest(key), now, rows["session_id"].iloc[0]],
        )
    return key, rows["expires_at"].iloc[0].to_pydatetime()


def user_for(store: Store, key: str | None, idle: timedelta, now: datetime | None = None) -> access.User | None:
    """The user of a live session, or None (and the session ended) when it expired, idled out or its account is off."""
    if not isinstance(key, str) or not key or len(key) > 100:
        return None
    now = now or datetime.now()
    rows = store.query(
        "select s.session_id, s.login, s.expires_at, s.last_seen_at, u.active from web_session s "
        "join app_user u using (login) where s.token_hash = ? and s.ended_at is null",
        [_digest(key)],
    )
    if rows.empty:
        return None
    row = rows.iloc[0]
    reason = (
        "срок сеанса истёк"
        if now >= row["expires_at"]
        else f"{int(idle.total_seconds() // 60)} мин без действий"
        if now - row["last_seen_at"] > idle
        else "учётная запись отключена"
        if not row["active"]
        else None
    )
    if reason is not None:
        _end(store, row["session_id"], reason, now)
        return None
    if now - row["last_seen_at"] >= TOUCH_EVERY:
        with store.transaction(bump=False) as tx:  # a heartbeat: no figure changes
            tx.execute("update web_session set last_seen_at = ? where session_id = ?", [now, row["session_id"]])
    found = auth._row(store, row["login"])
    return None if found is None else auth._user(store, found)


def end(store: Store, key: str | None, reason: str = "выход", now: datetime | None = None) -> None:
    """Sign-out: the session ends on the server, so the cookie left in the browser opens nothing."""
    if not key:
        return
    rows = store.query("select session_id from web_session where token_hash = ? and ended_at is null", [_digest(key)])
    if not rows.empty:
        _end(store, rows["session_id"].iloc[0], reason, now or datetime.now())


def _end(store: Store, session_id: str, reason: str, now: datetime) -> None:
    with store.transaction() as tx:
        tx.execute(
            "update web_session set ended_at = ?, end_reason = ? where session_id = ? and ended_at is null",
            [now, reason, session_id],
        )
        login = tx.scalar("select login from web_session where session_id = ?", [session_id])
        audit.record(store, "session_ended", login, reason, login=login, now=now, tx=tx)


def purge(store: Store, now: datetime | None = None) -> None:
    """Forget sessions that ended or expired more than a day ago."""
    cutoff = (now or datetime.now()) - timedelta(days=1)
    with store.transaction(bump=False) as tx:
        tx.execute("delete from web_session where coalesce(ended_at, expires_at) < ?", [cutoff])
