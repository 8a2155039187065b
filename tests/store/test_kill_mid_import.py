"""kill -9 in the middle of an import, at several moments: the store opens, and holds all of the file or none.

The command line imports a generated «Инцидент менеджмент» file of ROWS rows; the whole process group is
killed, as an out-of-memory kill or a power cut would. A full run first says how long an import takes, so that
the kills fall early, midway and late in it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from mcu_data.store import Store

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20_000  # about 9 MB: normalised in the importing process itself (workers start at 16 MB)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = pd.read_csv(ROOT / "sample_data" / "incident_export.csv", dtype=str, keep_default_na=False)
    big = sample.sample(ROWS, replace=True, random_state=3).reset_index(drop=True)
    big["ID"] = [f"KILL-{i}" for i in range(ROWS)]
    path = tmp_path_factory.mktemp("kill") / "im_big.csv"
    big.to_csv(path, index=False)
    return path


def _start(db: Path, file: Path) -> subprocess.Popen:
    env = {**os.environ, "MCU_MAX_UPLOAD_MB": "500"}
    return subprocess.Popen(
        [sys.executable, "-m", "mcu_data", "--db", str(db), "import", str(file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def _state(db: Path) -> tuple[int, list[str]]:
    store = Store(db)  # raises if the file were left unreadable
    try:
        count = int(store.scalar("select count(*) from appeal where source_id like 'KILL-%'"))
        statuses = list(store.query("select status from import_batch where file_name = 'im_big.csv'")["status"])
        return count, statuses
    finally:
        store.close()


def test_a_killed_import_leaves_all_or_nothing(sample_store_path: Path, big_file: Path, tmp_path: Path):
    full = tmp_path / "full.duckdb"
    shutil.copy(sample_store_path, full)
    t0 = time.monotonic()
    done = _start(full, big_file)
    output = done.communicate(timeout=900)[0].decode("utf-8", "replace")
    duration = time.monotonic() - t0
    assert done.returncode == 0, output
    assert _state(full) == (ROWS, ["done"])

    outcomes = []
    for share in (0.3, 0.6, 0.9):
        db = tmp_path / f"kill_{int(share * 100)}.duckdb"
        shutil.copy(sample_store_path, db)
        proc = _start(db, big_file)
        time.sleep(duration * share)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        count, statuses = _state(db)
        assert count in (0, ROWS), (share, count)
        assert (count == ROWS) == (statuses == ["done"]), (share, count, statuses)
        assert set(statuses) <= {"done", "running"}
        outcomes.append(count)
        # and the next import of the same file is exact: the rest of the file, or nothing
        again = _start(db, big_file)
        text = again.communicate(timeout=900)[0].decode("utf-8", "replace")
        assert again.returncode == 0, text
        assert f"новых {ROWS - count:,}".replace(",", "\u00a0") in text or f"новых {ROWS - count}" in text, text
        assert _state(db)[0] == ROWS
    assert 0 in outcomes  # at least one kill really fell inside the import
