"""The account commands of the command line (`users list|reset|key|token|tokens|revoke`), as lines of text.

One home for them, whether the command line runs them on a store of its own or the running server runs them
for it (POST /api/v1/admin/command).
"""

from __future__ import annotations

import pandas as pd

from mcu_data.access import auth, tokens
from mcu_data.core.locale import fmt_datetime, label
from mcu_data.store import Store

ACTIONS = ("list", "reset", "key", "token", "tokens", "revoke")


def run(store: Store, action: str, login: str, token_label: str = "") -> list[str]:
    """Run one account command; AuthError (Russian) when it cannot be done."""
    if action == "list":
        table = auth.accounts(store)
        return [
            f"{row.login}\t{label('role', row.role)}\t{'активна' if row.active else 'отключена'}"
            for row in table.itertuples()
        ]
    if action == "reset":
        password = auth.reset_password(store, login)
        return [f"Новый одноразовый пароль для «{login}»: {password} (сменить при входе)"]
    if action == "key":
        from mcu_data.app import wall_deck

        key = auth.issue_screen_key(store, login)
        params = wall_deck.to_params(wall_deck.DEFAULT_EVERY, wall_deck.SLIDES, key=key)
        return [
            f"Адрес показа для «{login}» (прежний ключ больше не действует): "
            f"{wall_deck.show_address('http://localhost:8501/', params)}",
            "Замените localhost адресом сервера, если экран подключён к другому компьютеру.",
        ]
    if action == "token":
        token = tokens.issue(store, login, token_label)
        return [
            f"Ключ API для «{login}»: {token}",
            "Он показан один раз: сохраните его в настройках программы, которая будет загружать файлы. "
            "Отозвать: python -m mcu_data users revoke НОМЕР (номер — в списке users tokens).",
        ]
    if action == "tokens":
        table = tokens.listing(store)
        if table.empty:
            return ["Ключей API пока нет. Выдать: python -m mcu_data users token ЛОГИН --label «назначение»."]
        return [
            f"{r.key_id}\t{r.login}\t{r.label}\tвыдан {fmt_datetime(r.created_at)}\t"
            + ("действует" if pd.isna(r.revoked_at) else "отозван " + fmt_datetime(r.revoked_at))
            for r in table.itertuples()
        ]
    if action == "revoke":
        tokens.revoke(store, login)
        return [f"Ключ {login} отозван."]
    raise auth.AuthError(f"Неизвестная команда «{action}». Есть: {', '.join(ACTIONS)}.")
