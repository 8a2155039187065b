"""API keys: issued by the curator per account, kept only as a digest, checked against the account's role.

A key is shown once, when it is issued. It signs a program (a nightly export job, a script) in as the account
it was issued to, with exactly that account's rights: an officer's key imports only the officer's channel.
A blocked account's keys stop working at once; a revoked key never works again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.access.auth import AuthError, _row, _user
from mcu_data.store import Store

PREFIX = "mcu_"
TOKEN_BYTES = 32
BAD_TOKEN = "Ключ API не подошёл: его отозвали, учётная запись заблокирована или ключ набран с ошибкой."


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(store: Store, login: str, label: str, now: datetime | None = None) -> str:
    """A new key for an active account (curator only); returned once, only its digest is stored."""
    access.require(access.MANAGE_USERS)
    row = _row(store, login)
    if row is None:
        raise AuthError(f"Нет учётной записи «{login}».")
    if not row["active"]:
        raise AuthError(f"Учётная запись «{login}» заблокирована: ключ API ей не выдаётся.")
    if row["is_screen"]:
        raise AuthError("Экрану в зале ключ API не нужен: он только показывает, а не загружает.")
    label = (label or "").strip() or "без названия"
    token = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    now = now or datetime.now()
    actor = access.current()
    with store.transaction() as tx:
        tx.execute(
            "insert into api_token (token_hash, login, label, created_at, created_by) values (?, ?, ?, ?, ?)",
            [digest(token), login, label, now, actor.login if actor else "—"],
        )
        audit.record(store, "api_token_issued", login, f"ключ «{label}»", now=now, tx=tx)
    return token


def revoke(store: Store, key_id: str, now: datetime | None = None) -> None:
    """Revoke a key by the first characters of its digest, as the list shows them."""
    access.require(access.MANAGE_USERS)
    key_id = (key_id or "").strip().lower()
    if len(key_id) < 8:
        raise AuthError("Укажите номер ключа: первые 8 знаков, как в списке ключей.")
    now = now or datetime.now()
    with store.transaction() as tx:
        rows = tx.query(
            "select token_hash, login, label from api_token where starts_with(token_hash, ?) and revoked_at is null",
            [key_id],
        )
        if rows.empty:
            raise AuthError(f"Действующего ключа с номером «{key_id}» нет.")
        if len(rows) > 1:
            raise AuthError(f"Номер «{key_id}» подходит к нескольким ключам: укажите больше знаков.")
        tx.execute("update api_token set revoked_at = ? where token_hash = ?", [now, rows["token_hash"].iloc[0]])
        audit.record(store, "api_token_revoked", rows["login"].iloc[0], f"ключ «{rows['label'].iloc[0]}»", now=now,
                     tx=tx)  # fmt: skip


def listing(store: Store) -> pd.DataFrame:
    """Every key with its account and dates; the digest is shown by its first 8 characters only."""
    access.require(access.MANAGE_USERS)
    return store.query(
        "select left(token_hash, 8) as key_id, login, label, created_at, created_by, last_used_at, revoked_at "
        "from api_token order by created_at desc"
    )


def user_for(store: Store, token: str) -> access.User:
    """The account a key signs in as, if the key is current and the account active; AuthError otherwise."""
    token = (token or "").strip()
    if not token.startswith(PREFIX) or len(token) > 200:
        raise AuthError(BAD_TOKEN)
    rows = store.query(
        "select t.login from api_token t join app_user u using (login) "
        "where t.token_hash = ? and t.revoked_at is null and u.active",
        [digest(token)],
    )
    if rows.empty:
        raise AuthError(BAD_TOKEN)
    user = _user(store, _row(store, rows["login"].iloc[0]))
    return access.User(**{**user.__dict__, "must_change": False})


def mark_used(store: Store, token: str, now: datetime | None = None) -> None:
    with store.transaction() as tx:
        tx.execute("update api_token set last_used_at = ? where token_hash = ?", [now or datetime.now(), digest(token)])
