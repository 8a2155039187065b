"""Synthetic appeals at region scale, with the sample's shape, and a store built from them for the benchmarks."""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from mcu_data import access
from mcu_data.core.filters import Filters
from mcu_data.ingest.loader import APPEAL_COLUMNS
from mcu_data.signals import conflicts
from mcu_data.store import Store, bootstrap
from mcu_data.store.seed import seed as seed_references

END = date(2026, 11, 26)
AS_OF = datetime(2026, 11, 26, 23, 59, 59)
# the periods a page bench times: the default of the shared filters, and a year
PERIODS = {"30 дней": Filters(date(2026, 10, 28), END), "год": Filters(date(2025, 11, 27), END)}


def synthetic_appeals(n: int, seed: int = 7) -> pd.DataFrame:
    """n appeals over two years with the sample's shape: codes from the references, realistic lifecycles."""
    rng = np.random.default_rng(seed)
    store_refs = Store(":memory:")
    store_refs.migrate()
    seed_references(store_refs)
    themes = store_refs.query("select code from theme")["code"].to_numpy()
    settlements = store_refs.query("select oktmo, population_2021 from settlement")
    recipients = store_refs.query("select code from recipient")["code"].to_numpy()
    store_refs.close()
    start = np.datetime64(END - timedelta(days=729))
    received = start + rng.integers(0, 730 * 24 * 60, n).astype("timedelta64[m]")
    received = received.astype("datetime64[us]")
    due = received + np.timedelta64(30, "D")
    answered = rng.random(n) < 0.93
    delay = rng.exponential(12, n) * 86400
    first_answer = np.where(answered, received + delay.astype("timedelta64[s]"), np.datetime64("NaT"))
    first_answer = np.where(first_answer > np.datetime64(AS_OF), np.datetime64("NaT"), first_answer)
    open_ = pd.isna(first_answer)
    # one in fifty is redirected to another body with no answer of the recipient's own
    redirected = open_ & (rng.random(n) < 0.02)
    outcome = np.where(open_, None, rng.choice(["solved", "explained", "refused", "redirected", "formal"], n))
    outcome = np.where(redirected, "redirected", outcome)
    status = np.where(open_, rng.choice(["registered", "in_progress"], n), "closed")
    status = np.where(redirected, "redirected", status)
    extended = rng.random(n) < 0.05
    pop = settlements["population_2021"].to_numpy(dtype=float)
    oktmo = rng.choice(settlements["oktmo"].to_numpy(), n, p=pop / pop.sum())
    source = rng.choice(["pos", "im", "fz59"], n, p=[0.36, 0.42, 0.22])
    # ПОС carries the answer's text: its stance (done 1, planned 2, both 3, refused 4, «в норме» 8 …) and date
    with_answer = (source == "pos") & ~open_
    stance = pd.Series(rng.choice([1, 2, 3, 4, 8, 9, 18], n), dtype="Int16").where(with_answer)
    answer_due = pd.Series(first_answer + rng.integers(0, 60, n).astype("timedelta64[D]")).dt.date
    frame = pd.DataFrame(
        {
            "source_code": source,
            "source_id": [f"B-{i}" for i in range(n)],
            "channel_code": "gosuslugi",
            "kind_code": "message",
            "received_at": received,
            "registered_at": received,
            "due_at": due,
            "extended_due_at": np.where(extended, due + np.timedelta64(30, "D"), np.datetime64("NaT")),
            "first_reaction_at": pd.NaT,
            "first_answer_at": first_answer,
            "closed_at": first_answer,
            "status_code": status,
            "outcome_code": outcome,
            "theme_code": rng.choice(themes, n),
            "subtheme": None,
            "source_rubric": None,
            "settlement_oktmo": np.where(rng.random(n) < 0.03, None, oktmo),
            "address": None,
            "lat": np.nan,
            "lon": np.nan,
            "recipient_code": rng.choice(recipients, n),
            "recipient_raw": None,
            "author_type": "citizen",
            "is_collective": False,
            "is_repeat": rng.random(n) < 0.08,
            "satisfaction": pd.Series(np.where(~open_ & (rng.random(n) < 0.3), rng.integers(1, 6, n), 0))
            .astype("Int16")
            .where(lambda s: s > 0),
            "text_masked": "Текст обращения [ФИО]",
            "theme_provenance": "mapped",
            "theme_confidence": 1.0,
            "settlement_provenance": "mapped",
            "settlement_confidence": 0.9,
            "due_rule_id": pd.array([None] * n, dtype="Int32"),
            "content_hash": "0",
            "status_raw": None,
            "outcome_raw": None,
            "channel_raw": None,
            "date_flag": None,
            "answer_masked": None,
            "answer_formal": None,
            "answer_reasons": None,
            "answer_score": np.nan,
            "answer_stance": stance,
            "answer_due": answer_due.where(with_answer & (stance.fillna(0).to_numpy() & 2 > 0), None),
        }
    )
    return frame


def build_store(path: Path, frame: pd.DataFrame) -> Store:
    store = Store(path)
    bootstrap.prepare(store, None)
    cols = ", ".join(APPEAL_COLUMNS)
    with store.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, finished_at, status) "
            "values ('other', 'bench', 'synthetic', '-', now(), now(), 'done') returning batch_id"
        )
        tx.register("bench_rows", frame[list(APPEAL_COLUMNS)])
        tx.execute(
            f"insert into appeal ({cols}, batch_id, updated_at) select {cols}, ?, now() from bench_rows", [batch]
        )
        tx.unregister("bench_rows")
        conflicts.refresh(tx)  # what the import reads in each text for «Конфликтные ситуации»
    return store


def rounds_as(user, run, rounds: int) -> tuple[float, float, object]:
    """`run()` `rounds` times as `user`: the median and the longest time in seconds, and the last result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        with access.acting(user):
            result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result
