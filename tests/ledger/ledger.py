"""The hand-written ledger: 43 appeals with their whole lifecycle, and the figures a person computed for them.

`appeals.csv` and `expected.csv` were written by hand (the working is in WORKING.md), before and apart from
the code they test. This module only loads them: into a store, and into a lookup of expected values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from mcu_data.core.filters import Filters
from mcu_data.store import Store, bootstrap

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    name: str
    filters: Filters
    as_of: datetime


CASES = {
    "week_all": Case("week_all", Filters(date(2026, 11, 2), date(2026, 11, 8)), datetime(2026, 11, 8, 23, 59, 59)),
    "week_housing": Case(
        "week_housing",
        Filters(date(2026, 11, 2), date(2026, 11, 8), themes=("housing",)),
        datetime(2026, 11, 8, 23, 59, 59),
    ),
    "quarter_all": Case("quarter_all", Filters(date(2026, 7, 1), date(2026, 9, 30)), datetime(2026, 9, 30, 23, 59, 59)),
    "quarter_housing": Case(
        "quarter_housing",
        Filters(date(2026, 7, 1), date(2026, 9, 30), themes=("housing",)),
        datetime(2026, 9, 30, 23, 59, 59),
    ),
    "month_all": Case("month_all", Filters(date(2026, 10, 12), date(2026, 11, 8)), datetime(2026, 11, 8, 23, 59, 59)),
}
FIGURE_CASES = ("week_all", "week_housing", "quarter_all", "quarter_housing")


def appeals() -> pd.DataFrame:
    return pd.read_csv(HERE / "appeals.csv", dtype=str, keep_default_na=False)


def load(store: Store) -> None:
    """A migrated, seeded store with the ledger's appeals in one batch, written as the import would store them."""
    bootstrap.prepare(store, None)
    frame = appeals().replace("", None)
    with store.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, "
            "finished_at, status) values ('other', 'ledger', 'appeals.csv', '-', now(), now(), 'done') "
            "returning batch_id"
        )
        tx.register("ledger_rows", frame)
        tx.execute(
            """
            insert into appeal (source_code, source_id, channel_code, kind_code, received_at, registered_at, due_at,
                                extended_due_at, first_answer_at, closed_at, status_code, outcome_code, satisfaction,
                                is_repeat, theme_code, subtheme, settlement_oktmo, recipient_code, text_masked,
                                author_type, is_collective, batch_id, theme_provenance, theme_confidence,
                                settlement_provenance, settlement_confidence, content_hash, updated_at)
            select source_code, source_id, channel_code, kind_code, received_at::timestamp, registered_at::timestamp,
                   due_at::timestamp, extended_due_at::timestamp, first_answer_at::timestamp, closed_at::timestamp,
                   status_code, outcome_code, satisfaction::smallint, is_repeat::boolean, theme_code, subtheme,
                   settlement_oktmo, recipient_code, text, 'citizen', false, ?, 'given', 1.0, 'given', 1.0,
                   source_id, now()
            from ledger_rows
            """,
            [batch],
        )
        tx.unregister("ledger_rows")


class Expected:
    """expected.csv as a lookup: value(case, figure, key) -> float, int, str or None (empty)."""

    def __init__(self) -> None:
        with (HERE / "expected.csv").open(encoding="utf-8") as fh:
            self.rows = [(r["case"], r["figure"], r["key"], r["value"]) for r in csv.DictReader(fh)]
        self._index = {(c, f, k): v for c, f, k, v in self.rows}

    def raw(self, case: str, figure: str, key: str = "") -> str:
        return self._index[(case, figure, key)]

    def value(self, case: str, figure: str, key: str = ""):
        text = self.raw(case, figure, key)
        if text == "":
            return None
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text

    def keys(self, case: str, figure: str) -> list[str]:
        return [k for c, f, k, _ in self.rows if c == case and f == figure]

    def has(self, case: str, figure: str, key: str = "") -> bool:
        return (case, figure, key) in self._index
