"""Region-scale benchmark: the overview's figures from the DuckDB store against a pandas baseline.

Run: python -m bench.overview_bench --rows 1000000
Prints times, their ratio and peak memory; it is a report, not a test.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from mcu_data.analytics import overview
from mcu_data.core.filters import Filters
from mcu_data.ingest.loader import APPEAL_COLUMNS
from mcu_data.store import Store, bootstrap

END = date(2026, 11, 26)
AS_OF = datetime(2026, 11, 26, 23, 59, 59)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_appeals(n: int, seed: int = 7) -> pd.DataFrame:
    """n appeals over two years with the sample's shape: codes from the references, realistic lifecycles."""
    rng = np.random.default_rng(seed)
    store_refs = Store(":memory:")
    bootstrap.prepare(store_refs, None)
    themes = store_refs.query("select code from theme")["code"].to_numpy()
    settlements = store_refs.query("select oktmo, population_2021 from settlement")
    recipients = store_refs.query("select code from recipient")["code"].to_numpy()
    store_refs.close()
    start = np.datetime64(END - timedelta(days=729))
    received = start + rng.integers(0, 730 * 24 * 60, n).astype("timedelta64[m]")
    received = received.astype("datetime64[us]")
    due = received + np.timedelta64(30, "D")
    answered = rng.random(n) < 0.95
    delay = rng.exponential(12, n) * 86400
    first_answer = np.where(answered, received + delay.astype("timedelta64[s]"), np.datetime64("NaT"))
    first_answer = np.where(first_answer > np.datetime64(AS_OF), np.datetime64("NaT"), first_answer)
    open_ = pd.isna(first_answer)
    outcome = np.where(open_, None, rng.choice(["solved", "explained", "refused", "redirected", "formal"], n))
    status = np.where(open_, rng.choice(["registered", "in_progress"], n), "closed")
    pop = settlements["population_2021"].to_numpy(dtype=float)
    oktmo = rng.choice(settlements["oktmo"].to_numpy(), n, p=pop / pop.sum())
    frame = pd.DataFrame(
        {
            "source_code": rng.choice(["pos", "im", "fz59"], n, p=[0.36, 0.42, 0.22]),
            "source_id": [f"B-{i}" for i in range(n)],
            "channel_code": "gosuslugi",
            "kind_code": "message",
            "received_at": received,
            "registered_at": received,
            "due_at": due,
            "extended_due_at": pd.NaT,
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
            "is_repeat": False,
            "satisfaction": pd.array([None] * n, dtype="Int16"),
            "text_masked": "Текст обращения [ФИО]",
            "theme_provenance": "mapped",
            "theme_confidence": 1.0,
            "settlement_provenance": "mapped",
            "settlement_confidence": 0.9,
            "due_rule_id": pd.array([None] * n, dtype="Int32"),
            "content_hash": "0",
        }
    )
    return frame


def build_store(path: Path, frame: pd.DataFrame) -> Store:
    store = Store(path)
    bootstrap.prepare(store, None)
    cols = ", ".join(APPEAL_COLUMNS)
    with store.transaction() as tx:
        batch = tx.scalar(
            "insert into import_batch (source_code, profile, file_name, file_sha256, started_at, status) "
            "values ('other', 'bench', 'synthetic', '-', now(), 'done') returning batch_id"
        )
        tx.register("bench_rows", frame[list(APPEAL_COLUMNS)])
        tx.execute(
            f"insert into appeal ({cols}, batch_id, updated_at) select {cols}, ?, now() from bench_rows", [batch]
        )
        tx.unregister("bench_rows")
    return store


def pandas_overview(df: pd.DataFrame, filters: Filters, as_of: datetime, settlements: pd.DataFrame) -> dict:
    """The overview's figures computed in pandas from the same rows held in memory."""

    def window(start: date, end: date) -> pd.Series:
        return (df["received_at"] >= pd.Timestamp(start)) & (df["received_at"] < pd.Timestamp(end + timedelta(days=1)))

    from mcu_data.core import metrics

    weeks = metrics.week_windows(filters.end)
    week_counts = [int(window(w.start, w.end).sum()) for w in weeks]
    period = df[window(filters.start, filters.end)]
    prev = filters.previous()
    due = period["extended_due_at"].fillna(period["due_at"])
    on_time = int((period["first_answer_at"] <= due).sum())
    late = int((period["first_answer_at"] > due).sum())
    is_open = df["status_code"].isin(["new", "registered", "in_progress", "extended"]) & (df["received_at"] <= as_of)
    overdue = int((is_open & (df["extended_due_at"].fillna(df["due_at"]) < as_of)).sum())
    themes = period["theme_code"].value_counts().head(3)
    prev_themes = df.loc[window(prev.start, prev.end), "theme_code"].value_counts()
    top_themes = pd.DataFrame({"n": themes, "n_prev": prev_themes.reindex(themes.index).fillna(0)})
    by_settlement = period["settlement_oktmo"].value_counts().rename("n").reset_index()
    rates = by_settlement.merge(settlements, left_on="settlement_oktmo", right_on="oktmo")
    rates["per_1000"] = rates["n"] * 1000 / rates["population_2021"]
    first_monday = weeks[0].start - timedelta(weeks=51)
    weekly_rows = df[window(first_monday, filters.end)]
    weekly = weekly_rows.groupby([weekly_rows["received_at"].dt.to_period("W-SUN").dt.start_time, "source_code"]).size()
    return {
        "week_counts": week_counts,
        "total": len(period),
        "total_previous": int(window(prev.start, prev.end).sum()),
        "on_time": on_time,
        "late": late,
        "overdue": overdue,
        "formal": int((period["outcome_code"] == "formal").sum()),
        "solved": int((period["outcome_code"] == "solved").sum()),
        "top_themes": top_themes,
        "top_settlements": rates.sort_values("per_1000", ascending=False).head(5),
        "weekly_total": int(weekly.sum()),
    }


def import_throughput(rows: int, tmp: Path) -> tuple[float, int]:
    """Seconds to import an «Инцидент менеджмент» CSV of `rows` rows through the real import path."""
    from mcu_data.core.config import PROJECT_ROOT
    from mcu_data.ingest.loader import import_bytes

    sample = pd.read_csv(PROJECT_ROOT / "sample_data" / "incident_export.csv", dtype=str, keep_default_na=False)
    big = sample.sample(rows, replace=True, random_state=1).reset_index(drop=True)
    big["ID"] = [f"IMB-{i}" for i in range(rows)]
    data = big.to_csv(index=False).encode("utf-8")
    store = Store(tmp / "import.duckdb")
    # the sample store, so that the classifier has labelled rows to learn from, as in real use
    bootstrap.prepare(store, PROJECT_ROOT / "sample_data")
    last = [-1.0]

    def progress(share: float, what: str) -> None:
        if share - last[0] >= 0.1 or share == 1.0:
            last[0] = share
            print(f"  импорт: {share * 100:3.0f} % — {what}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    report = import_bytes(store, data, "bench.csv", max_bytes=len(data) + 1, progress=progress)
    seconds = time.perf_counter() - t0
    store.close()
    return seconds, report.rows_new


def heatmap_page_data(store: Store, filters: Filters) -> dict:
    """Everything the «Тепловая карта» page reads on its first draw, from the store."""
    from mcu_data.analytics import growth, heatmap

    population = store.query("select oktmo, population_2021 from settlement").set_index("oktmo")["population_2021"]
    cells = heatmap.cells(store, filters, "settlement", AS_OF)
    return {
        "cells": cells,
        "summary": heatmap.settlement_summary(cells, None, population),
        "growth": growth.detect(growth.weekly_counts(store, filters, filters.end)),
        "problems": heatmap.problem_points(cells, population),
    }


def pandas_heatmap(df: pd.DataFrame, filters: Filters) -> dict:
    """The same matrix counts and weekly counts in pandas."""
    start, end = pd.Timestamp(filters.start), pd.Timestamp(filters.end + timedelta(days=1))
    period = df[(df["received_at"] >= start) & (df["received_at"] < end)]
    due = period["extended_due_at"].fillna(period["due_at"])
    overdue = (period["first_answer_at"] > due) | (period["first_answer_at"].isna() & (due < AS_OF))
    cells = (
        period.assign(overdue=overdue, key=period["settlement_oktmo"].fillna("none"))
        .groupby(["theme_code", "key"])
        .agg(n=("appeal_id", "size"), overdue=("overdue", "sum"))
    )
    first = pd.Timestamp(filters.end - timedelta(days=62))
    recent = df[(df["received_at"] >= first) & (df["received_at"] < end) & df["settlement_oktmo"].notna()]
    back = (end.normalize() - pd.Timedelta(days=1) - recent["received_at"].dt.normalize()).dt.days // 7
    weekly = recent.groupby(["theme_code", "settlement_oktmo", back]).size()
    return {"cells": cells, "weekly": weekly}


def deadlines_page_data(store: Store, filters: Filters) -> dict:
    """The «Сроки» and «Рейтинг» pages' data: per-recipient figures for two periods and the rating."""
    from mcu_data.analytics import compliance, rating

    current = compliance.per_recipient(store, filters, AS_OF)
    previous = compliance.per_recipient(store, filters.previous(), AS_OF)
    return {"table": current, "rating": rating.rate(current, previous, compliance.rating_weights(store))}


def pandas_deadlines(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    start, end = pd.Timestamp(filters.start), pd.Timestamp(filters.end + timedelta(days=1))
    period = df[(df["received_at"] >= start) & (df["received_at"] < end)]
    due = period["extended_due_at"].fillna(period["due_at"])
    days = (period["first_answer_at"] - period["received_at"]).dt.total_seconds() / 86400
    frame = period.assign(on_time=period["first_answer_at"] <= due, late=period["first_answer_at"] > due, days=days)
    return frame.groupby(frame["recipient_code"].fillna("none")).agg(
        n=("appeal_id", "size"),
        on_time=("on_time", "sum"),
        late=("late", "sum"),
        median_days=("days", "median"),
        p90_days=("days", lambda d: d.quantile(0.9)),
    )


def timed(fn, repeat: int) -> tuple[float, float, object]:
    """(first run seconds, median of the next runs, last result)."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return first, statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    filters = Filters(END - timedelta(days=364), END)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        frame = synthetic_appeals(args.rows)
        gen_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        store = build_store(Path(tmp) / "bench.duckdb", frame)
        load_s = time.perf_counter() - t0
        del frame
        size_mb = (Path(tmp) / "bench.duckdb").stat().st_size / 1_048_576
        rss_before = peak_rss_mb()

        store_first, store_med, ov = timed(lambda: overview.compute(store, filters, AS_OF), args.repeat)
        rss_store = peak_rss_mb()
        hm_first, hm_med, hm = timed(lambda: heatmap_page_data(store, filters), args.repeat)
        dl_first, dl_med, dl = timed(lambda: deadlines_page_data(store, filters), args.repeat)

        t0 = time.perf_counter()
        df = store.query("select * exclude (text_masked) from appeal")
        settlements = store.query("select oktmo, population_2021 from settlement")
        pandas_load_s = time.perf_counter() - t0
        pd_first, pd_med, base = timed(lambda: pandas_overview(df, filters, AS_OF, settlements), args.repeat)
        rss_pandas = peak_rss_mb()
        hp_first, hp_med, hp = timed(lambda: pandas_heatmap(df, filters), args.repeat)
        dp_first, dp_med, dp = timed(lambda: pandas_deadlines(df, filters), args.repeat)
        import_s, imported = import_throughput(args.import_rows, Path(tmp)) if args.import_rows else (0.0, 0)

    # the two must agree, or the comparison means nothing
    assert list(ov.week_counts) == base["week_counts"], (ov.week_counts, base["week_counts"])
    assert (ov.total, ov.total_previous, ov.answered_on_time, ov.answered_late, ov.overdue_now) == (
        base["total"],
        base["total_previous"],
        base["on_time"],
        base["late"],
        base["overdue"],
    )
    assert list(ov.top_themes["n"]) == list(base["top_themes"]["n"])
    assert int(ov.weekly["n"].sum()) == base["weekly_total"]

    print(f"Обращений: {args.rows:,}".replace(",", " "))
    print(f"Генерация: {gen_s:.1f} с; загрузка в DuckDB: {load_s:.1f} с; файл хранилища: {size_mb:.0f} МБ")
    print()
    print(f"{'вычисление обзора (год, все фильтры пусты)':<46}{'первый, с':>12}{'медиана, с':>12}")
    print(f"{'DuckDB (хранилище на диске)':<46}{store_first:>12.3f}{store_med:>12.3f}")
    print(f"{'pandas (данные уже в памяти)':<46}{pd_first:>12.3f}{pd_med:>12.3f}")
    print(f"{'pandas: чтение таблицы в память':<46}{pandas_load_s:>12.3f}")
    print()
    assert int(hm["cells"]["n"].sum()) == int(hp["cells"]["n"].sum()), "матрица: DuckDB и pandas расходятся"
    print(f"{'«Тепловая карта»: матрица, карта, рост, проблемы':<46}{hm_first:>12.3f}{hm_med:>12.3f}")
    print(f"{'то же (матрица и недели) в pandas':<46}{hp_first:>12.3f}{hp_med:>12.3f}")
    assert int(dl["table"]["late"].sum()) == int(dp["late"].sum()), "сроки: DuckDB и pandas расходятся"
    print(f"{'«Сроки» и «Рейтинг»: два периода и рейтинг':<46}{dl_first:>12.3f}{dl_med:>12.3f}")
    print(f"{'то же (один период) в pandas':<46}{dp_first:>12.3f}{dp_med:>12.3f}")
    print()
    print(f"Отношение pandas / DuckDB для «Сроков»: {dp_med / (dl_med / 2):.1f}× (DuckDB на один период — половина)")
    print(f"Отношение pandas / DuckDB для «Тепловой карты»: {hp_med / hm_med:.1f}× (цель DuckDB — не больше 0,150 с)")
    print(f"Отношение pandas / DuckDB (медианы): {pd_med / store_med:.1f}×")
    print(f"Отношение (pandas с чтением в память) / DuckDB: {(pandas_load_s + pd_med) / store_med:.1f}×")
    print(
        f"Пиковая память процесса: до обзора {rss_before:.0f} МБ; после DuckDB {rss_store:.0f} МБ; "
        f"после pandas {rss_pandas:.0f} МБ"
    )
    print("Результаты DuckDB и pandas совпадают.")
    if imported:
        n_rows = f"{imported:,}".replace(",", " ")
        rate = f"{imported / import_s:,.0f}".replace(",", " ")
        print(
            f"Импорт CSV «Инцидент менеджмент» ({n_rows} строк; маскирование, темы, поселения): "
            f"{import_s:.1f} с, {rate} строк/с; пиковая память процесса после импорта {peak_rss_mb():.0f} МБ"
        )


if __name__ == "__main__":
    main()
