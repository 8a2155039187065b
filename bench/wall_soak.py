"""Soak run of the presentation mode: a real server and Debian's Chromium, left alone for a long time.

    python -m bench.wall_soak --minutes 30 --every 10

It serves a private copy of the store with a wall-screen account of its own, signs in as the screen
in the meeting room would, opens `/?present=1` at 1920×1080 and watches. Every
`--sample` seconds it records the server's resident memory, the slide on the screen and whether the
page is still connected. At the end it prints the figures: memory at the start (after one full
round of slides, when the caches are warm), at the end, the peak, the growth, how many slide changes
it saw and whether the session survived. The exit code is 1 if the session died, a slide stopped
turning, or memory grew by more than `--max-growth` per cent.

Not part of `make test`: it takes as long as it is told to. `make soak` runs it for 30 minutes.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from bench.serving import CHROMIUM, free_port, private_store, rss_mb, sign_in, start_server

SCREEN_LOGIN = "soak.screen"


def screen_account(store_path: Path) -> str:
    """A wall-screen account in the private store copy, with a password of its own; returns the password."""
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    store = Store(store_path)
    store.migrate()
    with access.acting(access.SYSTEM):
        one_time = auth.save_account(store, auth.Account(SCREEN_LOGIN, "Экран (проверка)", "observer", is_screen=True))
        password = "Экран-" + auth.one_time_password()
        auth.change_password(store, SCREEN_LOGIN, one_time, password)
    store.close()
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=int, default=10, help="секунд на слайд (чаще — строже проверка)")
    parser.add_argument("--sample", type=int, default=60, help="как часто снимать память, с")
    parser.add_argument("--max-growth", type=float, default=10.0, help="допустимый рост памяти, %%")
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    workdir, store = private_store("mcu_soak_")
    password = screen_account(store)
    port = free_port()
    server = start_server(store, port)
    url = f"http://127.0.0.1:{port}/?present=1&every={args.every}"
    samples: list[tuple[float, float, str]] = []
    errors: list[str] = []
    changes, seen, last_title, blank = 0, set(), None, 0
    alive = True
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": args.width, "height": args.height}, locale="ru-RU")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            sign_in(page, SCREEN_LOGIN, password, 90_000)
            page.wait_for_selector(".wall-title", timeout=90_000)
            started = time.monotonic()
            # warm-up: one full round of slides, so that every cache holds its entries
            warm_until = started + args.every * 7
            end_at = started + args.minutes * 60
            next_sample = warm_until
            print(f"Показ: {url}; {args.minutes:g} мин, слайд каждые {args.every} с; сервер PID {server.pid}")
            while time.monotonic() < end_at:
                try:
                    title = page.inner_text(".wall-title", timeout=5_000)
                except Exception:  # the page lost its slide: the session is in trouble
                    title = "—"
                if title == "—":
                    blank += 1  # a second with no slide drawn: counted, not mistaken for a slide
                elif title != last_title:
                    if last_title is not None:
                        changes += 1
                    seen.add(title)
                    last_title = title
                now = time.monotonic()
                if now >= next_sample:
                    mem = rss_mb(server.pid)
                    samples.append((now - started, mem, title))
                    print(
                        f"{(now - started) / 60:6.1f} мин  память сервера {mem:8.1f} МБ  слайд «{title}»  "
                        f"смен {changes}",
                        flush=True,
                    )
                    next_sample += args.sample
                page.wait_for_timeout(1_000)
            final_title = page.inner_text(".wall-title", timeout=10_000)
            alive = final_title != "—" and server.poll() is None
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    if not samples:
        print("Слишком короткий прогон: нет замеров после разогрева")
        return 1
    start_mem, end_mem = samples[0][1], samples[-1][1]
    peak = max(m for _, m, _ in samples)
    growth = (end_mem - start_mem) / start_mem * 100
    expected = args.minutes * 60 / args.every
    print()
    print(
        f"Память сервера: в начале {start_mem:.1f} МБ, в конце {end_mem:.1f} МБ, пик {peak:.1f} МБ, "
        f"рост {end_mem - start_mem:+.1f} МБ ({growth:+.1f} %)"
    )
    if len(samples) >= 10:
        first = sum(m for _, m, _ in samples[:5]) / 5
        last = sum(m for _, m, _ in samples[-5:]) / 5
        print(f"Среднее первых пяти замеров {first:.1f} МБ, последних пяти {last:.1f} МБ ({last - first:+.1f} МБ)")
    print(f"Смен слайдов: {changes} (ожидалось около {expected:.0f}); показано разных слайдов: {len(seen)}")
    print(
        f"Ошибок на странице: {len(errors)}; секунд без слайда на экране: {blank}; "
        f"сессия жива в конце: {'да' if alive else 'нет'}"
    )
    ok = alive and not errors and changes >= 0.8 * expected and growth <= args.max_growth
    print("Итог: " + ("память ровная, показ работает" if ok else "ПРОВАЛ"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
