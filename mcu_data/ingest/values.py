"""The value maps' review queue: statuses, outcomes and channels no map knew, and dates that look wrong.

An import keeps a row whose status, outcome or channel it does not recognise, under the code «unknown» with the
raw value beside it. Here a person says what such a value means: the answer goes into the value map (for the
next files) and into every appeal already loaded with that value (for the figures now).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.access import audit
from mcu_data.core import codes
from mcu_data.core.locale import label
from mcu_data.ingest.normalize import VALUE_FIELDS
from mcu_data.store import Store

# how the value maps compare values (normalize.fold): lower case, «е» for «ё», single spaces
FOLD_SQL = "lower(replace(regexp_replace(trim({col}), '\\s+', ' ', 'g'), 'ё', 'е'))"
CODES = {
    "status": "select code from ref_status where code <> 'unknown' order by sort_order",
    "outcome": "select code from ref_outcome where code <> 'unknown' order by sort_order",
    "channel": "select code from ref_channel where code <> 'unknown' order by sort_order",
}


class ValueMapError(ValueError):
    """A teaching the references cannot take; the message is Russian."""


@dataclass(frozen=True)
class Taught:
    source_code: str
    field: str
    raw_value: str
    code: str
    appeals: int  # appeals already loaded that now carry the code


def unknown_values(store: Store) -> pd.DataFrame:
    """One row per (source, field, value as the maps compare it): how many appeals, a spelling, first and last."""
    parts = []
    for fld, column in VALUE_FIELDS.items():
        folded = FOLD_SQL.format(col=column)
        parts.append(
            f"select source_code, '{fld}' as field, {folded} as value_key, min({column}) as raw_value, "
            f"count(*) as appeals, min(received_at) as first_at, max(received_at) as last_at "
            f"from appeal where {fld}_code = ? and {column} is not null group by source_code, value_key"
        )
    return store.query(
        " union all ".join(parts) + " order by appeals desc, source_code, field, value_key",
        [codes.UNKNOWN] * len(VALUE_FIELDS),
    )


def unknown_count(store: Store) -> int:
    where = " or ".join(f"{fld}_code = ?" for fld in VALUE_FIELDS)
    return int(store.scalar(f"select count(*) from appeal where {where}", [codes.UNKNOWN] * len(VALUE_FIELDS)))


def allowed_codes(store: Store, field: str) -> list[str]:
    if field not in CODES:
        raise ValueMapError(f"Неизвестное поле справочника: {field}.")
    return [row[0] for row in store.rows(CODES[field])]


def teach(
    store: Store,
    source_code: str,
    field: str,
    raw_value: str,
    code: str,
    every_source: bool = False,
    now: datetime | None = None,
) -> Taught:
    """Remember what a raw value means, for this source or for any, and apply it to the appeals loaded so far."""
    access.require(access.SAVE_PROFILE, channel=source_code)
    if code not in allowed_codes(store, field):
        raise ValueMapError(f"«{code}» — не значение поля «{label('value_field', field)}».")
    raw_value = " ".join(str(raw_value or "").split())
    if not raw_value:
        raise ValueMapError("Пустое значение нечего вносить в справочник.")
    key = raw_value.lower().replace("ё", "е")
    map_source = "*" if every_source else source_code
    column = VALUE_FIELDS[field]
    folded = FOLD_SQL.format(col=column)
    now = now or datetime.now()
    actor = access.current()
    with store.transaction() as tx:
        tx.execute(
            "delete from value_map where source_code = ? and field = ? and "
            + FOLD_SQL.format(col="raw_value")
            + " = ?",
            [map_source, field, key],
        )
        tx.execute(
            "insert into value_map (source_code, field, raw_value, code, taught_by, taught_at) values (?, ?, ?, ?, ?, ?)",
            [map_source, field, raw_value, code, actor.login if actor else "—", now],
        )
        scope = "" if every_source else "source_code = ? and "
        params = [] if every_source else [source_code]
        where = f"{scope}{field}_code = ? and {folded} = ?"
        changed = int(tx.scalar(f"select count(*) from appeal where {where}", [*params, codes.UNKNOWN, key]))
        tx.execute(f"update appeal set {field}_code = ? where {where}", [code, *params, codes.UNKNOWN, key])
        if field == "status" and code == "redirected":  # as the import does: a redirect is an outcome too
            tx.execute(
                f"update appeal set outcome_code = 'redirected' where {scope}status_code = 'redirected' "
                f"and outcome_code is null and {folded} = ?",
                [*params, key],
            )
        where_text = "все каналы" if every_source else label("source_short", source_code)
        audit.record(
            store,
            "value_mapped",
            f"{label('value_field', field)} «{raw_value}»",
            f"{label(field, code)}; {where_text}; обращений: {changed}",
            now=now,
            tx=tx,
        )
    return Taught(map_source, field, raw_value, code, changed)


def flagged_dates(store: Store, limit: int = 200) -> pd.DataFrame:
    """Appeals kept with a receipt date in the future or before 2000: most likely a typo in the source."""
    return store.query(
        "select appeal_id, source_code, source_id, received_at, date_flag from appeal "
        "where date_flag is not null order by received_at desc limit ?",
        [limit],
    )


def flagged_count(store: Store) -> int:
    return int(store.scalar("select count(*) from appeal where date_flag is not null"))


def value_maps(store: Store) -> pd.DataFrame:
    """The value maps as the references page shows them."""
    return store.query(
        "select source_code, field, raw_value, code, taught_by, taught_at from value_map "
        "order by field, source_code, raw_value"
    )
