"""The weekly import at region scale: rows per second and peak memory of `python -m mcu_data import`.

Run: python -m bench.import_bench --rows 1000000
A report, not a test. The file is an «Инцидент менеджмент» CSV of `rows` rows drawn from the sample export
with new ids; the store is the sample store, so the theme classifier has labelled rows to learn from, as in
real use. An import this large leaves its incidents to the server's background job; the bench then groups them
as that job does, a week at a time, in a process of its own, and reports its time and memory. The import runs as the command line runs it, in a process of its own; its memory is the sum of the
resident memory of that process and its worker processes, sampled every 0.2 s. Then the sparse xlsx of the
intake corpus (7 KB, last cell XFD1048576) is read in a fresh process: its time and the memory the reading
added to that process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from bench.serving import ROOT, private_store, rss_mb

SPARSE = ROOT / "tests" / "data" / "intake" / "pos_sparse_xfd.xlsx"
READ_SPARSE = """
import sys, time
from pathlib import Path
from mcu_data.ingest.readers import open_table
def hwm():  # the peak resident memory of this program (VmHWM starts anew at exec, unlike ru_maxrss)
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1])
before = hwm()
t0 = time.perf_counter()
stream = open_table(Path(sys.argv[1]), Path(sys.argv[1]).name, 50 * 1_048_576)
rows = sum(len(chunk) for chunk in stream.chunks)
seconds = time.perf_counter() - t0
after = hwm()
print(rows, seconds, (after - before) / 1024, after / 1024)
"""


# the incidents of the import, grouped afterwards as the server's background job groups them: a week at a time
GROUP_BACKLOG = """
import sys, time
from mcu_data import access
from mcu_data.signals import incident_store
from mcu_data.store import Store
def hwm():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1])
store = Store(sys.argv[1])
t0 = time.perf_counter()
weeks = messages = 0
worst = 0.0
with access.acting(access.SYSTEM):
    while True:
        started = time.perf_counter()
        step = incident_store.regroup_pending(store)
        if step.messages == 0:
            break
        weeks += 1
        messages += step.messages
        worst = max(worst, time.perf_counter() - started)
print(weeks, messages, time.perf_counter() - t0, worst, hwm() / 1024)
"""


def comma(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def export_file(rows: int, folder: Path) -> Path:
    sample = pd.read_csv(ROOT / "sample_data" / "incident_export.csv", dtype=str, keep_default_na=False)
    big = sample.sample(rows, replace=True, random_state=1).reset_index(drop=True)
    big["ID"] = [f"IMB-{i}" for i in range(rows)]
    path = folder / "im_bench.csv"
    big.to_csv(path, index=False)
    return path


def own_mb(pid: int) -> float:
    """Resident memory of this one process, without its workers, in MB."""
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:"))
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


def timed_import(store: Path, file: Path) -> tuple[float, float, float, str]:
    """(seconds, peak MB of the process tree, peak MB of the command's own process, the command's output)."""
    env = {**os.environ, "MCU_MAX_UPLOAD_MB": str(file.stat().st_size // 1_048_576 + 10)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mcu_data", "--db", str(store), "import", str(file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0.0, 0.0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], rss_mb(proc.pid))
            peak[1] = max(peak[1], own_mb(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out = proc.communicate()[0]
    seconds = time.perf_counter() - t0
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"Импорт завершился с кодом {proc.returncode}:\n{out[-3000:]}")
    return seconds, peak[0], peak[1], out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    workdir, store = private_store("mcu_import_bench_")
    try:
        t0 = time.perf_counter()
        file = export_file(args.rows, Path(tempfile.mkdtemp(dir=workdir)))
        made = time.perf_counter() - t0
        seconds, peak, own, out = timed_import(store, file)
        n = f"{args.rows:,}".replace(",", " ")
        size = file.stat().st_size / 1_048_576
        print(f"Файл «Инцидент менеджмент»: {n} строк, {size:.0f} МБ (подготовлен за {made:.0f} с)")
        print(next((line for line in out.splitlines() if "загрузка №" in line), out.strip()[-500:]))
        rate = f"{args.rows / seconds:,.0f}".replace(",", " ")
        print(
            f"Импорт через командную строку: {comma(seconds, 1)} с, {rate} строк/с; пиковая память процесса "
            f"с рабочими процессами: {peak:.0f} МБ (сам процесс без рабочих — до {own:.0f} МБ)"
        )
        grouped = subprocess.run(
            [sys.executable, "-c", GROUP_BACKLOG, str(store)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        weeks, messages, total_s, worst_s, group_mb = grouped.stdout.split()
        regrouped = f"{int(messages):,}".replace(",", " ")
        print(
            f"Инциденты этой загрузки — фоновой сборкой сервера, по неделе за шаг: недель {weeks} (сообщений "
            f"этих недель вместе с уже собранными — {regrouped}); всего {comma(float(total_s), 1)} с, самая долгая "
            f"неделя {comma(float(worst_s), 1)} с; пиковая память процесса {float(group_mb):.0f} МБ"
        )
        read = subprocess.run(
            [sys.executable, "-c", READ_SPARSE, str(SPARSE)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        rows, read_s, added, total = read.stdout.split()
        print(
            f"Разреженная книга {SPARSE.name} ({SPARSE.stat().st_size / 1024:.0f} КБ, последняя ячейка XFD1048576): "
            f"прочитано строк {rows} за {comma(float(read_s), 2)} с; чтение добавило процессу {float(added):.0f} МБ "
            f"(всего {float(total):.0f} МБ вместе с библиотеками)"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
