"""Reference data: seeded into the store from the CSV files shipped in mcu_data/reference, then edited there."""

from __future__ import annotations

import pandas as pd

from mcu_data.core import codes
from mcu_data.core.config import REFERENCE_DIR
from mcu_data.store import Store, Tx

# table -> (file, key columns); order follows dependencies
SEEDED_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sector_leader": ("sector_leaders.csv", ("code",)),
    "sector_block": ("sector_blocks.csv", ("code",)),
    "theme": ("themes.csv", ("code",)),
    "settlement": ("settlements.csv", ("oktmo",)),
    "gazetteer": ("gazetteer.csv", ("place_ru", "settlement_oktmo")),
    "recipient": ("recipients.csv", ("code",)),
    "rubric_map": ("rubric_map.csv", ("source_code", "rubric")),
    "deadline_rule": ("deadline_rules.csv", ("rule_id",)),
    "rating_weight": ("rating_weights.csv", ("component",)),
    "indicator": ("indicators.csv", ("code",)),
    "value_map": ("value_map.csv", ("source_code", "field", "raw_value")),
}
TEXT_COLUMNS = {
    "oktmo",
    "settlement_oktmo",
    "code",
    "block_code",
    "theme_code",
    "subtheme",
    "aliases",
    "note",
    "coord_note",
    "source_code",
    "field",
    "raw_value",
}


def read_reference_csv(file_name: str) -> pd.DataFrame:
    frame = pd.read_csv(
        REFERENCE_DIR / file_name, dtype={c: "str" for c in TEXT_COLUMNS}, keep_default_na=False, na_values=[""]
    )
    return frame.astype(object).where(frame.notna(), None)


def enum_frames() -> dict[str, pd.DataFrame]:
    """The fixed enumerations as rows for their ref_ tables."""
    return {
        "ref_source": pd.DataFrame({"code": codes.SOURCES, "sort_order": range(len(codes.SOURCES))}),
        "ref_channel": pd.DataFrame({"code": codes.CHANNELS, "sort_order": range(len(codes.CHANNELS))}),
        "ref_kind": pd.DataFrame({"code": codes.KINDS}),
        "ref_status": pd.DataFrame(
            {
                "code": list(codes.STATUS_GROUPS),
                "status_group": list(codes.STATUS_GROUPS.values()),
                "sort_order": range(len(codes.STATUS_GROUPS)),
            }
        ),
        "ref_outcome": pd.DataFrame(
            {
                "code": list(codes.OUTCOME_GROUPS),
                "outcome_group": list(codes.OUTCOME_GROUPS.values()),
                "sort_order": range(len(codes.OUTCOME_GROUPS)),
            }
        ),
        "ref_author_type": pd.DataFrame({"code": codes.AUTHOR_TYPES}),
        "ref_provenance": pd.DataFrame({"code": codes.PROVENANCES}),
    }


def _insert_missing(tx: Tx, table: str, frame: pd.DataFrame, keys: tuple[str, ...]) -> int:
    """Insert the rows whose key the table lacks; rows a user edited stay as they are."""
    tx.register("seed_rows", frame)
    try:
        on = " and ".join(f"t.{k} = s.{k}" for k in keys)
        columns = ", ".join(frame.columns)
        before = tx.scalar(f"select count(*) from {table}")
        tx.execute(
            f"insert into {table} ({columns}) select {columns} from seed_rows s "
            f"where not exists (select 1 from {table} t where {on})"
        )
        return int(tx.scalar(f"select count(*) from {table}")) - int(before)
    finally:
        tx.unregister("seed_rows")


def seed(store: Store) -> dict[str, int]:
    """Fill empty reference tables and add new shipped rows; returns rows added per table."""
    added = {}
    with store.transaction() as tx:
        for table, frame in enum_frames().items():
            added[table] = _insert_missing(tx, table, frame, ("code",))
        for table, (file_name, keys) in SEEDED_TABLES.items():
            added[table] = _insert_missing(tx, table, read_reference_csv(file_name), keys)
    return added


def theme_keywords() -> pd.DataFrame:
    """The keyword rule base for predicting a theme from text (shipped, not edited in the app)."""
    return pd.read_csv(REFERENCE_DIR / "theme_keywords.csv")
