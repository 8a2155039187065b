"""`make bench` cannot break unseen: the same benchmark, on 20 000 rows, runs in the suite and its figures agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_its_two_answers_agree():
    run = subprocess.run(
        [sys.executable, "-m", "bench.overview_bench", "--rows", "20000", "--import-rows", "3000", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "Обращений: 20 000" in out
    assert "Результаты DuckDB и pandas совпадают." in out  # printed only after every comparison held
    assert "Импорт CSV «Инцидент менеджмент» (3 000 строк" in out
