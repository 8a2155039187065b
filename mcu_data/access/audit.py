"""The audit log: who did what and when — sign-ins, imports, undos, edits, exports."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.store import Store


def record(
    store: Store,
    action: str,
    obj: str | None = None,
    details: str | None = None,
    login: str | None = None,
    now: datetime | None = None,
    tx=None,
) -> None:
    """One entry; inside a transaction when given, so the entry lands with the change or not at all."""
    who = login or (access.current().login if access.current() else "аноним")
    params = [now or datetime.now(), who, action, obj, details]
    sql = "insert into audit_log (happened_at, login, action, object, details) values (?, ?, ?, ?, ?)"
    if tx is not None:
        tx.execute(sql, params)
    else:
        with store.transaction() as own:
            own.execute(sql, params)


def entries(store: Store, since: datetime | None = None, login: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """The log, newest first; only the curator reads it."""
    access.require(access.VIEW_AUDIT)
    where, params = ["true"], []
    if since is not None:
        where.append("happened_at >= ?")
        params.append(since)
    if login:
        where.append("login = ?")
        params.append(login)
    return store.query(
        f"select entry_id, happened_at, login, action, object, details from audit_log where {' and '.join(where)} "
        "order by entry_id desc limit ?",
        [*params, limit],
    )
