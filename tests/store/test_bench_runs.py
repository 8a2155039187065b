"""`make bench` cannot break unseen: the same benchmark, on 20 000 rows, runs in the suite and its figures agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_its_two_answers_agree():
    run = subprocess.run(
        [sys.executable, "-m", "bench.overview_bench", "--rows", "20000", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "Обращений: 20 000" in out
    assert "Результаты DuckDB и pandas совпадают." in out  # printed only after every comparison held
    assert "Импорт" not in out  # the import has its own benchmark, below


def test_the_import_benchmark_runs_the_command_line_and_reports_its_figures():
    run = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", "--rows", "3000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    out = run.stdout
    assert "Файл «Инцидент менеджмент»: 3 000 строк" in out
    assert "новых 3 000" in out.replace("\u00a0", " ")  # the command line's own report: every row is new
    assert re.search(r"Импорт через командную строку: [\d,]+ с, [\d ]+ строк/с; пиковая память .* \d+ МБ", out)
    # 3 000 rows are fewer than a busy week's: the import grouped them itself, nothing is left for the background
    assert "фоновой сборкой сервера, по неделе за шаг: недель 0 " in out
    # the corpus's sparse book has 3 data rows under its header (tests/data/intake/manifest.json)
    assert "pos_sparse_xfd.xlsx (6 КБ, последняя ячейка XFD1048576): прочитано строк 3 за" in out
