"""What the server-driving scripts share: a private copy of the store, a served app on it, its memory."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# without the background-networking flags, Chromium keeps asking this closed network for Google's hosts
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOGIN_FIELD = "input[autocomplete='username']"
PASSWORD_FIELD = "input[autocomplete='current-password']"


def sign_in(page, login: str, password: str, timeout_ms: int = 60_000) -> None:
    """Fill the sign-in form and press «Войти»; the browser then makes the cookie hop (/session/start and back
    to the page it was on), which is waited for here, so that nothing acts on a page that is being replaced."""
    page.locator(LOGIN_FIELD).fill(login)
    page.locator(PASSWORD_FIELD).fill(password)
    with page.expect_response(lambda r: "/session/start" in r.url, timeout=timeout_ms):
        page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state("domcontentloaded")
    page.locator(LOGIN_FIELD).wait_for(state="detached", timeout=timeout_ms)


def private_store(prefix: str) -> tuple[Path, Path]:
    """A fresh folder with a copy of the app's store (built from the samples first if there is none)."""
    source = ROOT / "data" / "mcu.duckdb"
    if not source.exists():
        subprocess.run([sys.executable, "-m", "mcu_data.store.bootstrap"], cwd=ROOT, check=True)
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    store = workdir / "store.duckdb"
    shutil.copy(source, store)
    return workdir, store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
        return True
    except OSError:
        return False


def start_server(store: Path, port: int, log: Path | None = None, extra_env: dict | None = None) -> subprocess.Popen:
    """serve.py on the store, once it answers its health check; its output goes to `log`, or nowhere."""
    env = {
        **os.environ,
        "MCU_DB_PATH": str(store),
        "MCU_SAMPLE_DIR": "/nonexistent",
        "MCU_INBOX_DIR": "off",
        **(extra_env or {}),
    }
    with log.open("wb") if log else open(os.devnull, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "serve.py"),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    # the API's health answers only once the lifespan has opened the store
    while not answers(f"http://127.0.0.1:{port}/api/v1/health", 2):
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            proc.wait(timeout=20)
            tail = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
            raise RuntimeError(f"Сервер не запустился за 90 с:\n{tail}")
        time.sleep(0.5)
    return proc


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (worker processes too), in MB, from /proc (Linux)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024
