"""Region-scale benchmark: the pages' figures from the DuckDB store against a pandas baseline.

The import has a benchmark of its own (bench/import_bench.py), in a process of its own.

Run: python -m bench.overview_bench --rows 1000000
Prints times, their ratios and peak memory; it is a report, not a test. The DuckDB and pandas figures
are compared before anything is printed: a comparison of different answers would mean nothing.
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

import pandas as pd

from bench.synthetic import AS_OF, END, build_store, synthetic_appeals
from mcu_data import access
from mcu_data.analytics import compliance, growth, heatmap, overview, rating
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_period
from mcu_data.reports import documents, note_edits, weekly_note
from mcu_data.store import Store


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def states(df: pd.DataFrame, as_of: datetime) -> pd.Series:
    """The seven deadline states, from the words of the definitions, in pandas: the baseline's own arithmetic."""
    due = df["extended_due_at"].fillna(df["due_at"])
    answered = df["first_answer_at"].notna() & (df["first_answer_at"] <= as_of)
    closed = (
        df["first_answer_at"].isna()
        & df["status_code"].isin(["answered", "redirected", "closed"])
        & (df["closed_at"].isna() | (df["closed_at"] <= as_of))
    )
    state = pd.Series("not_yet_due", index=df.index)
    state[~answered & ~closed & due.isna()] = "open_no_due"
    state[~answered & ~closed & (due < as_of)] = "open_past_due"
    state[closed] = "closed_no_answer"
    state[answered & due.isna()] = "answered_no_due"
    state[answered & (df["first_answer_at"] <= due)] = "on_time"
    state[answered & (df["first_answer_at"] > due)] = "late"
    return state


def _window(df: pd.DataFrame, start: date, end: date) -> pd.Series:
    return (df["received_at"] >= pd.Timestamp(start)) & (df["received_at"] < pd.Timestamp(end + timedelta(days=1)))


def pandas_overview(df: pd.DataFrame, filters: Filters, as_of: datetime) -> dict:
    """The overview's figures computed in pandas from the same rows held in memory."""
    from mcu_data.core import periods

    week = periods.week_of(filters.end)
    week_counts = [int(_window(df, w.start, w.end).sum()) for w in (week.window, week.previous, week.year_ago)]
    period = df[_window(df, filters.start, filters.end)]
    state = states(period, as_of).value_counts()
    prev = filters.previous()
    everything = states(df[df["received_at"] <= as_of], as_of)
    themes = period["theme_code"].value_counts().head(3)
    return {
        "week_counts": week_counts,
        "total": len(period),
        "total_previous": int(_window(df, prev.start, prev.end).sum()),
        "on_time": int(state.get("on_time", 0)),
        "late": int(state.get("late", 0)),
        "open_past_due": int(state.get("open_past_due", 0)),
        "overdue_now": int((everything == "open_past_due").sum()),
        "top_themes": list(themes),
    }


def heatmap_page_data(store: Store, filters: Filters) -> dict:
    """Everything «Тепловая карта» reads on its first draw, from the store."""
    population = store.query("select oktmo, population_2021 from settlement").set_index("oktmo")["population_2021"]
    cells = heatmap.cells(store, filters, "settlement", AS_OF)
    return {
        "cells": cells,
        "summary": heatmap.settlement_summary(cells, None, population),
        "growth": growth.detect(growth.weekly_counts(store, filters, filters.end)),
        "problems": heatmap.problem_points(cells, population),
    }


def pandas_heatmap(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    period = df[_window(df, filters.start, filters.end)]
    return period.groupby(["theme_code", period["settlement_oktmo"].fillna("none")]).size()


def deadlines_page_data(store: Store, filters: Filters) -> dict:
    """«Сроки» and «Рейтинг»: per-recipient figures for two periods and the rating."""
    current = compliance.per_recipient(store, filters, AS_OF)
    previous = compliance.per_recipient(store, filters.previous(), AS_OF)
    return {"table": current, "rating": rating.rate(current, previous, rating.weights(store))}


def pandas_deadlines(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    period = df[_window(df, filters.start, filters.end)]
    frame = period.assign(state=states(period, AS_OF))
    return frame.groupby([frame["recipient_code"].fillna("none"), "state"]).size().unstack(fill_value=0)


def timed(fn, repeat: int) -> tuple[float, float, object]:
    """(first run seconds, median of the next runs, last result)."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    times = []
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return first, statistics.median(times), result


def row(what: str, first: float, median: float) -> str:
    return f"{what:<52}{first:>10.3f}{median:>12.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
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

        ov_first, ov_med, ov = timed(lambda: overview.compute(store, filters, AS_OF), args.repeat)
        rss_store = peak_rss_mb()
        hm_first, hm_med, hm = timed(lambda: heatmap_page_data(store, filters), args.repeat)
        dl_first, dl_med, dl = timed(lambda: deadlines_page_data(store, filters), args.repeat)
        # the weekly note of the last complete week: built with its summary and proposals, then its files
        week = periods.last_complete_week(END)
        with access.acting(access.SYSTEM):
            wn_first, wn_med, note = timed(lambda: weekly_note.build(store, week, END), args.repeat)
            text = note_edits.text(store, note)
            dx_first, dx_med, docx = timed(lambda: documents.to_docx(note, text), 2)
            cs_first, cs_med, _ = timed(lambda: documents.to_csv(note, text), 2)

        t0 = time.perf_counter()
        df = store.query("select * exclude (text_masked) from appeal")
        pandas_load_s = time.perf_counter() - t0
        po_first, po_med, base = timed(lambda: pandas_overview(df, filters, AS_OF), args.repeat)
        rss_pandas = peak_rss_mb()
        ph_first, ph_med, ph = timed(lambda: pandas_heatmap(df, filters), args.repeat)
        pd_first, pd_med, pdl = timed(lambda: pandas_deadlines(df, filters), args.repeat)
        store.close()

    # the two must agree, or the comparison means nothing
    c = ov.counts
    assert list(ov.week_counts) == base["week_counts"], (ov.week_counts, base["week_counts"])
    got = (c.received, ov.received_previous, c.on_time, c.late, c.open_past_due, ov.now.open_past_due)
    want = (
        base["total"],
        base["total_previous"],
        base["on_time"],
        base["late"],
        base["open_past_due"],
        base["overdue_now"],
    )
    assert got == want, (got, want)
    assert list(ov.top_themes["n"]) == base["top_themes"]
    assert int(hm["cells"]["n"].sum()) == int(ph.sum()), "матрица: DuckDB и pandas расходятся"
    assert int(dl["table"]["on_time"].sum()) == int(pdl.get("on_time", pd.Series([0])).sum()), "сроки расходятся"

    print(f"Обращений: {args.rows:,}".replace(",", " "))
    print(f"Генерация: {gen_s:.1f} с; загрузка в DuckDB: {load_s:.1f} с; файл хранилища: {size_mb:.0f} МБ")
    print()
    print(f"{'что (за год, фильтры пусты)':<52}{'первый, с':>10}{'медиана, с':>12}")
    print(row("«Обзор», DuckDB", ov_first, ov_med))
    print(row("«Обзор», pandas (данные уже в памяти)", po_first, po_med))
    print(f"{'pandas: чтение таблицы в память':<52}{pandas_load_s:>10.3f}")
    print(row("«Тепловая карта»: матрица, карта, рост, проблемы, DuckDB", hm_first, hm_med))
    print(row("матрица в pandas", ph_first, ph_med))
    print(row("«Сроки» и «Рейтинг»: два периода и рейтинг, DuckDB", dl_first, dl_med))
    print(row("состояния по получателям за период в pandas", pd_first, pd_med))
    print(row(f"«Еженедельная записка» {fmt_period(week.monday, week.sunday)}: сборка", wn_first, wn_med))
    print(row(f"  DOCX ({len(docx) / 1024:.0f} КБ)", dx_first, dx_med))
    print(row("  CSV", cs_first, cs_med))
    print()
    print(
        f"Отношение pandas / DuckDB для «Обзора»: {po_med / ov_med:.1f}×; с чтением в память: "
        f"{(pandas_load_s + po_med) / ov_med:.1f}×"
    )
    print(f"Отношение pandas / DuckDB для «Сроков» (DuckDB на один период — половина): {pd_med / (dl_med / 2):.1f}×")
    print(
        f"Пиковая память процесса: до расчётов {rss_before:.0f} МБ; после DuckDB {rss_store:.0f} МБ; "
        f"после pandas {rss_pandas:.0f} МБ"
    )
    print("Результаты DuckDB и pandas совпадают.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
