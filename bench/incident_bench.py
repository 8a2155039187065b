"""Incidents at region scale: grouping a week's import, and the pages' incident figures, in a store of `rows` appeals.

Run: python -m bench.incident_bench --rows 1000000
A report, not a test. The appeals have the synthetic lifecycles of the other benchmarks, and the words, themes,
settlements and channels of the sample's real-looking messages (drawn with replacement), so the matcher meets
the texts it would meet. The weeks before the last are grouped first, as they would have been by their own
imports; then the last week is grouped as its import would group it, and grouped again (a correction's
regrouping). The targets: ≤ 10 s for the week, ≤ 1 s for the page's figures.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import numpy as np

from bench.synthetic import AS_OF, END, build_store, synthetic_appeals
from mcu_data import access
from mcu_data.analytics import heatmap
from mcu_data.core.filters import Filters
from mcu_data.signals import incident_store
from mcu_data.store import Store, bootstrap

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"


def sample_messages(folder: Path) -> np.ndarray:
    store = Store(folder / "sample.duckdb")
    bootstrap.prepare(store, SAMPLE_DIR)
    rows = store.query("select text_masked, theme_code, settlement_oktmo, channel_code from appeal")
    store.close()
    return rows


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times[0], float(np.median(times)), result


def comma(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        words = sample_messages(Path(tmp))
        frame = synthetic_appeals(args.rows)
        pick = np.random.default_rng(11).integers(0, len(words), len(frame))
        for col in ("text_masked", "theme_code", "settlement_oktmo", "channel_code"):
            frame[col] = words[col].to_numpy()[pick]
        store = build_store(Path(tmp) / "bench.duckdb", frame)
        del frame
        week_start = END - timedelta(days=6)
        t0 = time.perf_counter()
        before = incident_store.regroup_span(store, week_start - timedelta(days=21), week_start - timedelta(days=1))
        setup_s = time.perf_counter() - t0
        start, end = datetime.combine(week_start, clock.min), datetime.combine(END, clock.max)
        t0 = time.perf_counter()
        week = incident_store.regroup(store, start, end)
        week_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        incident_store.regroup(store, start, end)
        again_s = time.perf_counter() - t0
        year = Filters(END - timedelta(days=364), END)
        month = Filters(END - timedelta(days=29), END)
        with access.acting(access.SYSTEM):
            msg_first, msg_med, _ = timed(lambda: heatmap.cells(store, year, "settlement", AS_OF), args.repeat)
            inc_first, inc_med, _ = timed(
                lambda: heatmap.cells(store, year, "settlement", AS_OF, unit="incident"), args.repeat
            )
            list_first, list_med, listed = timed(lambda: incident_store.incidents(store, month, AS_OF), args.repeat)
        store.close()

    n = f"{args.rows:,}".replace(",", " ")
    print(f"Обращений: {n}; три недели до последней сгруппированы за {comma(setup_s, 1)} с ({before.messages} сообщ.)")
    print(
        f"Группировка недели {week_start:%d.%m}–{END:%d.%m.%Y}: {comma(week_s)} с — сообщений {week.messages} "
        f"(с краями окна и инцидентами, которые в него заходят), инцидентов {week.incidents}, из них из нескольких "
        f"сообщений {week.multi}; пар-кандидатов {week.candidates}, одна проблема — {week.joined}"
    )
    print(f"Повторная группировка той же недели (после исправления): {comma(again_s)} с")
    print(f"{'что':<58}{'первый, с':>10}{'медиана, с':>12}")
    print(f"{'матрица за год, по сообщениям':<58}{comma(msg_first):>10}{comma(msg_med):>12}")
    print(f"{'матрица за год, по инцидентам':<58}{comma(inc_first):>10}{comma(inc_med):>12}")
    print(
        f"{'список инцидентов за 30 дней (' + str(len(listed)) + ' строк)':<58}{comma(list_first):>10}{comma(list_med):>12}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
