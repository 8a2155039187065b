"""Several people at once: a real server and Debian's Chromium, every page opened again and again.

    python -m bench.server_stress --visitors 3 --minutes 6

It serves a private copy of the store with accounts of its own. Each visitor is a process with its own
Chromium: it opens a page's address, signs in, waits for the page's title and a moment more, closes
the page and takes the next one, round all 13 pages until the time is up. Meanwhile a watchdog asks
the server for its start page every 3 s. If the server does not answer within 15 s, the watchdog
has it print every thread's stack (serve.py, SIGUSR1) and stops the run.

At the end it prints pages opened, failures, the time from the address to the drawn title (median
and 95th percentile), the server's peak memory and the size of its log. Exit code 1 if the server
stopped answering or any page failed.

Not part of `make test`: `make stress` runs it for 6 minutes with 3 visitors.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.serving import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    answers,
    free_port,
    private_store,
    rss_mb,
    sign_in,
    start_server,
)

PAGES = [
    "/data_import",
    "/review",
    "/references",
    "/heatmap",
    "/deadlines",
    "/rating",
    "/settings",
    "/roadmaps",
    "/weekly_note",
    "/cur_report",
    "/wall_start",
    "/definitions",
    "/admin",
    "/",
]
PASSWORD = "Нагрузка-МЦУ-2026"


def visit(base: str, login: str, minutes: float) -> dict:
    """One visitor's round of pages until the time is up: seconds per page, and what failed."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    failures: list[str] = []
    end = time.monotonic() + minutes * 60
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        while time.monotonic() < end:
            for path in PAGES:
                if time.monotonic() >= end:
                    break
                page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
                started = time.monotonic()
                try:
                    page.goto(base + path, wait_until="domcontentloaded", timeout=30_000)
                    sign_in(page, login, PASSWORD)
                    page.wait_for_selector("h1", timeout=60_000)
                    times.append(time.monotonic() - started)
                    page.wait_for_timeout(1_500)  # a person looks before moving on
                except Exception as exc:  # a failure is a result here, counted and reported
                    failures.append(f"{time.strftime('%H:%M:%S')} {path}: {str(exc).splitlines()[0][:160]}")
                page.close()
        browser.close()
    return {"login": login, "times": times, "failures": failures}


def accounts(store_path: Path, count: int) -> list[str]:
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    store = Store(store_path)
    store.migrate()
    logins = [f"nagruzka{i + 1}" for i in range(count)]
    with access.acting(access.SYSTEM):
        for login in logins:
            one_time = auth.save_account(store, auth.Account(login, f"Нагрузка {login}", "curator"))
            auth.change_password(store, login, one_time, PASSWORD)
    store.close()
    return logins


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=6.0)
    parser.add_argument("--visit", nargs=3, metavar=("BASE", "LOGIN", "MINUTES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.visit:  # a visitor process started by the run below
        base, login, minutes = args.visit
        print(json.dumps(visit(base, login, float(minutes)), ensure_ascii=False))
        return 0

    workdir, store = private_store("mcu_stress_")
    logins = accounts(store, args.visitors)
    port = free_port()
    log_path = workdir / "server.log"
    server = start_server(store, port, log_path)
    base = f"http://127.0.0.1:{port}"
    print(f"Сервер {base}, PID {server.pid}; посетителей {args.visitors}, {args.minutes:g} мин", flush=True)
    visitors = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.server_stress", "--visit", base, login, str(args.minutes)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for login in logins
    ]
    peak, stuck = 0.0, False
    try:
        while any(v.poll() is None for v in visitors):
            peak = max(peak, rss_mb(server.pid))
            if not answers(base + "/", 15):
                stuck = True
                print(
                    f"{time.strftime('%H:%M:%S')} СЕРВЕР НЕ ОТВЕЧАЕТ 15 с: стеки потоков — в журнале сервера",
                    flush=True,
                )
                server.send_signal(signal.SIGUSR1)
                time.sleep(3)
                for v in visitors:
                    v.kill()
                break
            time.sleep(3)
        results = [json.loads(v.communicate()[0] or "{}") for v in visitors]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print("Сервер не остановился за 30 с", flush=True)
            server.send_signal(signal.SIGUSR1)
            time.sleep(2)
            server.kill()
    log_text = log_path.read_text(errors="replace")
    times = sorted(t for r in results for t in r.get("times", []))
    failures = [f"{r['login']} {f}" for r in results for f in r.get("failures", [])]
    print()
    print(f"Открыто страниц: {len(times)}; сбоев: {len(failures)}")
    if times:
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"От адреса до заголовка страницы (со входом): медиана {statistics.median(times):.1f} с, "
            f"95-й процентиль {p95:.1f} с, наибольшее {times[-1]:.1f} с"
        )
    print(f"Память сервера, пик: {peak:.1f} МБ; журнал сервера: {len(log_text.encode())} байт")
    for failure in failures[:20]:
        print("  сбой: " + failure)
    if stuck or "Traceback" in log_text:
        print("Журнал сервера (конец):\n" + log_text[-20_000:])
    shutil.rmtree(workdir, ignore_errors=True)
    ok = not stuck and not failures and times
    print("Итог: " + ("сервер отвечал всё время" if ok else "ПРОВАЛ"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
