"""Local accounts: argon2 password hashes, throttled sign-in, one-time passwords, the first administrator."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mcu_data import access
from mcu_data.access import audit
from mcu_data.store import Store

_hasher = PasswordHasher()  # argon2id with the library's current defaults
# a hash of nothing in particular: an unknown login is checked against it, so it costs as long as a known one
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

FREE_ATTEMPTS = 5  # after this many failures in a row the account waits
MAX_LOCK = timedelta(minutes=15)
MIN_PASSWORD = 10
ADMIN_LOGIN = "admin"
SCREEN_KEY_BYTES = 24  # 192 random bits: guessing is hopeless, so the key needs no throttling
BAD_KEY = "Ключ показа не подошёл: его отозвали или адрес набран с ошибкой. Попросите куратора МЦУ выдать новый адрес."


class AuthError(ValueError):
    """Sign-in or account change refused; the message is in Russian and says nothing about which part was wrong."""


@dataclass(frozen=True)
class Account:
    login: str
    display_name: str
    role: str
    channel_code: str | None = None
    leader_code: str | None = None
    settlement_oktmo: str | None = None
    is_screen: bool = False
    active: bool = True


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def one_time_password() -> str:
    return secrets.token_urlsafe(9)


def check_new_password(password: str, login: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"Пароль должен быть не короче {MIN_PASSWORD} символов.")
    if password.lower() == login.lower() or password.isdigit() or len(set(password)) < 4:
        raise AuthError("Пароль слишком простой: не используйте логин, одни цифры или повтор символов.")


def lock_for(failures: int) -> timedelta:
    """No wait for the first few failures, then 1, 2, 4 … minutes, never more than 15."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(MAX_LOCK, timedelta(minutes=2 ** (failures - FREE_ATTEMPTS)))


def themes_of_leader(store: Store, leader: str | None) -> tuple[str, ...]:
    """The themes of every sector block the official leads (Appendix 2 of the regulation)."""
    if not leader:
        return ()
    return tuple(
        r[0]
        for r in store.rows(
            "select t.code from theme t join sector_block b on b.code = t.block_code where b.leader_code = ? "
            "order by t.code",
            [leader],
        )
    )


def _user(store: Store, row: dict) -> access.User:
    return access.User(
        login=row["login"],
        name=row["display_name"],
        role=row["role"],
        channel=row["channel_code"],
        block=row["leader_code"],
        oktmo=row["settlement_oktmo"],
        themes=themes_of_leader(store, row["leader_code"]),
        is_screen=bool(row["is_screen"]),
        must_change=bool(row["must_change"]),
    )


def _row(store: Store, login: str) -> dict | None:
    frame = store.query("select * from app_user where login = ?", [login])
    return None if frame.empty else frame.iloc[0].to_dict()


def sign_in(store: Store, login: str, password: str, now: datetime | None = None) -> access.User:
    """The user if the password is right and the account is not waiting after failures; AuthError otherwise."""
    now = now or datetime.now()
    login = (login or "").strip().lower()
    row = _row(store, login) if login else None
    if row is None or not row["active"]:
        try:  # the same work as for a real account, so timing does not tell which logins exist
            _hasher.verify(_DUMMY_HASH, password or "-")
        except VerificationError:
            pass
        audit.record(
            store,
            "sign_in_failed",
            login or "—",
            "нет такой учётной записи или она отключена",
            login=login or "—",
            now=now,
        )
        raise AuthError("Неверный логин или пароль.")
    locked = row["locked_until"]
    if locked is not None and now < locked:
        minutes = max(1, round((locked - now).total_seconds() / 60))
        raise AuthError(f"Слишком много неудачных попыток. Повторите через {minutes} мин.")
    try:
        _hasher.verify(row["password_hash"], password or "")
    except (VerificationError, InvalidHashError):
        failures = int(row["failed_count"]) + 1
        wait = lock_for(failures)
        with store.transaction() as tx:
            tx.execute(
                "update app_user set failed_count = ?, locked_until = ? where login = ?",
                [failures, now + wait if wait else None, login],
            )
            audit.record(
                store, "sign_in_failed", login, f"неудачных попыток подряд: {failures}", login=login, now=now, tx=tx
            )
        if wait:
            minutes = round(wait.total_seconds() / 60)
            raise AuthError(f"Неверный логин или пароль. Вход приостановлен на {minutes} мин.") from None
        raise AuthError("Неверный логин или пароль.") from None
    with store.transaction() as tx:
        new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(row["password_hash"]) else row["password_hash"]
        tx.execute(
            "update app_user set failed_count = 0, locked_until = null, last_login_at = ?, password_hash = ? "
            "where login = ?",
            [now, new_hash, login],
        )
        audit.record(store, "sign_in", login, None, login=login, now=now, tx=tx)
    return _user(store, row)


def change_password(store: Store, login: str, old: str, new: str, now: datetime | None = None) -> access.User:
    """The user's own change; the one-time password stops working."""
    user = sign_in(store, login, old, now)
    check_new_password(new, login)
    if new == old:
        raise AuthError("Новый пароль должен отличаться от прежнего.")
    with store.transaction() as tx:
        tx.execute(
            "update app_user set password_hash = ?, must_change = false where login = ?",
            [hash_password(new), user.login],
        )
        audit.record(store, "password_changed", user.login, None, login=user.login, now=now, tx=tx)
    return access.User(**{**user.__dict__, "must_change": False})


def save_account(store: Store, account: Account, now: datetime | None = None) -> str | None:
    """Create or change an account (curator only). A new account gets a one-time password, which is returned."""
    access.require(access.MANAGE_USERS)
    login = account.login.strip().lower()
    if not login or not login.replace("_", "").replace(".", "").replace("-", "").isalnum() or not login.isascii():
        raise AuthError("Логин — латинские буквы, цифры, точка, дефис или подчёркивание.")
    if account.role not in access.ROLES:
        raise AuthError("Неизвестная роль.")
    needs = {
        "channel_officer": account.channel_code,
        "sector_leader": account.leader_code,
        "settlement_head": account.settlement_oktmo,
    }
    if account.role in needs and not needs[account.role]:
        raise AuthError("Для этой роли укажите канал, блок или поселение.")
    now = now or datetime.now()
    values = [
        account.display_name.strip() or login,
        account.role,
        account.channel_code if account.role == "channel_officer" else None,
        account.leader_code if account.role == "sector_leader" else None,
        account.settlement_oktmo if account.role == "settlement_head" else None,
        account.is_screen and account.role == "observer",
        account.active,
    ]
    password = None
    with store.transaction() as tx:
        exists = tx.scalar("select count(*) from app_user where login = ?", [login])
        if exists:
            tx.execute(
                "update app_user set display_name = ?, role = ?, channel_code = ?, leader_code = ?, "
                "settlement_oktmo = ?, is_screen = ?, active = ? where login = ?",
                [*values, login],
            )
            # an account that stops being a screen loses its key: the key must never open more than a screen
            tx.execute(
                "update app_user set screen_key_hash = null, screen_key_issued_at = null "
                "where login = ? and not is_screen",
                [login],
            )
        else:
            password = one_time_password()
            tx.execute(
                "insert into app_user (display_name, role, channel_code, leader_code, settlement_oktmo, "
                "is_screen, active, login, password_hash, must_change, created_at) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)",
                [*values, login, hash_password(password), now],
            )
        audit.record(
            store, "user_saved", login, f"роль {account.role}" + ("" if values[-1] else ", отключён"), now=now, tx=tx
        )
    return password


def reset_password(store: Store, login: str, now: datetime | None = None) -> str:
    """A new one-time password for an account (curator, or the command line); the old one stops working."""
    access.require(access.MANAGE_USERS)
    password = one_time_password()
    with store.transaction() as tx:
        if not tx.scalar("select count(*) from app_user where login = ?", [login]):
            raise AuthError(f"Нет учётной записи «{login}».")
        tx.execute(
            "update app_user set password_hash = ?, must_change = true, failed_count = 0, locked_until = null "
            "where login = ?",
            [hash_password(password), login],
        )
        audit.record(store, "user_saved", login, "выдан одноразовый пароль", now=now, tx=tx)
    return password


def _key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# the one rule for a key that opens the show: an active screen account whose current key it is
_KEY_OPENS = "active and is_screen and role = 'observer' and screen_key_hash = ?"


def issue_screen_key(store: Store, login: str, now: datetime | None = None) -> str:
    """A new key for a wall-screen account (curator only); returned once, only its digest is kept.

    The key signs the screen in by the show's address alone, so a restarted server or a reloaded page
    brings the show back without anyone typing a password on the meeting-room computer. A key gives
    what the account gives: aggregated figures only. A new key replaces the old one.
    """
    access.require(access.MANAGE_USERS)
    row = _row(store, login)
    if row is None:
        raise AuthError(f"Нет учётной записи «{login}».")
    if not row["is_screen"] or row["role"] != "observer":
        raise AuthError(
            "Ключ показа выдаётся только учётной записи экрана: роль «Наблюдатель / экран» и отметка «Экран в зале»."
        )
    key = secrets.token_urlsafe(SCREEN_KEY_BYTES)
    now = now or datetime.now()
    with store.transaction() as tx:
        tx.execute(
            "update app_user set screen_key_hash = ?, screen_key_issued_at = ? where login = ?",
            [_key_digest(key), now, login],
        )
        audit.record(store, "screen_key_issued", login, None, now=now, tx=tx)
    return key


def revoke_screen_key(store: Store, login: str, now: datetime | None = None) -> None:
    """The screen's address stops signing in; a screen already showing is signed out at its next step."""
    access.require(access.MANAGE_USERS)
    with store.transaction() as tx:
        if not tx.scalar("select count(*) from app_user where login = ? and screen_key_hash is not null", [login]):
            raise AuthError(f"У учётной записи «{login}» нет ключа показа.")
        tx.execute("update app_user set screen_key_hash = null, screen_key_issued_at = null where login = ?", [login])
        audit.record(store, "screen_key_revoked", login, None, now=now, tx=tx)


def sign_in_with_key(store: Store, key: str, now: datetime | None = None) -> access.User:
    """The screen account whose key this is, if it is active and still a screen; AuthError otherwise."""
    now = now or datetime.now()
    key = (key or "").strip()
    frame = (
        store.query(f"select * from app_user where {_KEY_OPENS}", [_key_digest(key)]) if 0 < len(key) <= 200 else None
    )
    if frame is None or frame.empty:
        audit.record(store, "sign_in_failed", "экран", "ключ показа не подошёл", login="—", now=now)
        raise AuthError(BAD_KEY)
    row = frame.iloc[0].to_dict()
    with store.transaction() as tx:
        tx.execute("update app_user set last_login_at = ? where login = ?", [now, row["login"]])
        audit.record(store, "sign_in", row["login"], "по ключу показа", login=row["login"], now=now, tx=tx)
    # the key stands for the password: a one-time password still waiting to be changed does not matter here
    return access.User(**{**_user(store, row).__dict__, "must_change": False, "by_key": True})


def key_still_valid(store: Store, login: str, key: str) -> bool:
    """A screen signed in by key stays signed in only while that key is neither revoked nor replaced."""
    return bool(
        store.scalar(f"select count(*) from app_user where login = ? and {_KEY_OPENS}", [login, _key_digest(key)])
    )


def is_active(store: Store, login: str) -> bool:
    return bool(store.scalar("select count(*) from app_user where login = ? and active", [login]))


def accounts(store: Store):
    access.require(access.MANAGE_USERS)
    return store.query(
        "select login, display_name, role, channel_code, leader_code, settlement_oktmo, is_screen, "
        "active, must_change, failed_count, locked_until, last_login_at, screen_key_issued_at "
        "from app_user order by login"
    )


def ensure_admin(store: Store, say: Callable[[str], None] = print) -> str | None:
    """On the very first start: the administrator with a one-time password, printed once to the console."""
    if store.scalar("select count(*) from app_user"):
        return None
    with access.acting(access.SYSTEM):
        password = save_account(store, Account(ADMIN_LOGIN, "Администратор МЦУ", "curator"))
    say("=" * 72)
    say("Первый запуск: создан администратор.")
    say(f"  Логин: {ADMIN_LOGIN}")
    say(f"  Одноразовый пароль: {password}")
    say("  При первом входе система попросит сменить пароль. Забыли пароль — `python -m mcu_data users reset admin`.")
    say("=" * 72)
    return password
