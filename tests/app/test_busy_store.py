"""A visitor who arrives while another process holds the store reads a Russian message, not a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.app.conftest import new_app

ROOT = Path(__file__).resolve().parents[2]
HOLD = (
    "import sys, time\n"
    "from mcu_data.store import Store\n"
    "s = Store(sys.argv[1]); print('open', flush=True); time.sleep(120)\n"
)


def test_a_busy_store_gets_a_russian_message_and_the_page_looks_again(sample_env):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, sample_env], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        from mcu_data.server import process

        process.close()  # this test process must not still hold the file from an earlier test
        at = new_app(str(ROOT / "app.py"))
        at.run(timeout=60)
        assert not at.exception, [e.message for e in at.exception]
        text = " ".join(w.value for w in at.warning)
        assert "открыто другим процессом" in text and f"процесс {holder.pid}" in text
        assert "откроется сама" in text
    finally:
        holder.kill()
        holder.wait(timeout=20)
    time.sleep(0.5)
    at.run(timeout=60)  # the store is free again: the next look opens the dashboard
    assert not at.exception, [e.message for e in at.exception]
    assert not at.warning or all("открыто другим процессом" not in w.value for w in at.warning)
    assert at.title and at.title[0].value != "Тепловая карта МЦУ"
