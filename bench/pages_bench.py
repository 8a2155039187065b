"""Every page at region scale in Chromium: seconds from a click in the menu until the page stops changing.

Run: python -m bench.pages_bench --rows 1000000
A store of synthetic appeals, a real server on it, Debian's Chromium signed in as a curator. Each page is
opened from the sidebar menu twice: the first visit computes its figures, the second ("warm") finds them
cached, as when the curator goes back and forth during a meeting. Two more clicks are timed: a theme filter
removed on «Тепловая карта», and a list chosen on «Сроки».
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.serving import CHROMIUM, CHROMIUM_ARGS, LOGIN_FIELD, free_port, rss_mb, sign_in, start_server
from bench.synthetic import build_store, synthetic_appeals
from mcu_data import access
from mcu_data.access import auth

LOGIN, PASSWORD = "bench", "Замер-страниц-2026"
MENU = [
    # menu title, the page's own title
    ("Обзор", "Обзор"),
    ("Тепловая карта", "Тепловая карта"),
    ("Сроки", "Сроки"),
    ("Инциденты", "Инциденты: одна проблема — много сообщений"),
    ("Рейтинг получателей", "Рейтинг ответственных получателей"),
    ("Конфликтные ситуации", "Конфликтные ситуации"),
    ("Удовлетворённость", "Удовлетворённость"),
    ("Госпаблики", "Госпаблики"),
    ("Дорожные карты", "Дорожные карты"),
    ("Еженедельная записка", "Еженедельная записка"),
    ("Отчёт в ЦУР", "Отчёт в ЦУР"),
    ("Показ на совещании", "Показ на совещании"),
    ("Как считаются показатели", "Как считаются показатели"),
    ("Загрузка данных", "Загрузка данных"),
    ("Проверка данных", "Проверка данных"),
    ("Справочники", "Справочники"),
    ("Настройки", "Настройки"),
    ("Пользователи и журнал", "Пользователи и журнал"),
    ("Рассылка", "Рассылка"),
]
SIGNATURE_JS = """() => {
    const h1 = document.querySelector("[data-testid='stMain'] h1");
    const busy = document.querySelectorAll("[data-testid='stStatusWidget'], [data-testid='stSkeleton']").length;
    return [h1 ? h1.innerText : '', document.querySelectorAll('[data-testid]').length, busy];
}"""


def settled(page, title: str, t0: float, quiet_s: float = 0.8, timeout_s: float = 120) -> float:
    """Seconds from `t0` to the last change of the page, once the title is `title` and nothing runs."""
    last_change, previous = time.perf_counter(), None
    deadline = t0 + timeout_s
    while time.perf_counter() < deadline:
        signature = tuple(page.evaluate(SIGNATURE_JS))
        now = time.perf_counter()
        if signature != previous:
            previous, last_change = signature, now
        elif signature[0] == title and signature[2] == 0 and now - last_change >= quiet_s:
            return last_change - t0
        page.wait_for_timeout(40)
    raise SystemExit(f"Страница «{title}» не дорисовалась за {timeout_s} с")


def click_menu(page, menu: str, title: str) -> float:
    link = page.locator("[data-testid='stSidebarNav'] a", has_text=menu).first
    t0 = time.perf_counter()
    link.click()
    return settled(page, title, t0)


def prepare(rows: int, workdir: Path) -> Path:
    path = workdir / "pages.duckdb"
    store = build_store(path, synthetic_appeals(rows))
    with access.acting(access.SYSTEM):
        one_time = auth.save_account(store, auth.Account(LOGIN, "Замер страниц", "curator"))
        auth.change_password(store, LOGIN, one_time, PASSWORD)
    store.close()
    return path


def server_runs(log: Path) -> dict[str, list[float]]:
    """The server's own time per page run, in the order the runs came, from its log (MCU_LOG_TIMINGS=1)."""
    runs: dict[str, list[float]] = {}
    for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
        if "mcu.timing" in line and "page " in line:
            title, seconds = line.rsplit("page ", 1)[1].rsplit(": ", 1)
            runs.setdefault(title, []).append(float(seconds.split()[0]))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--rounds", type=int, default=4, help="проходов по меню; «повторно» — медиана всех, кроме первого"
    )
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit("Нет /usr/bin/chromium: установите пакет chromium")
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="mcu_pages_"))
    try:
        t0 = time.perf_counter()
        store = prepare(args.rows, workdir)
        print(
            f"Обращений: {args.rows:,}".replace(",", " ") + f"; хранилище собрано за {time.perf_counter() - t0:.0f} с"
        )
        port = free_port()
        server = start_server(store, port, workdir / "server.log", {"MCU_LOG_TIMINGS": "1"})
        url = f"http://127.0.0.1:{port}/"
        results: dict[str, list[float]] = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
                page.goto(url, wait_until="domcontentloaded")
                page.locator(LOGIN_FIELD).wait_for(timeout=120_000)
                t0 = time.perf_counter()
                sign_in(page, LOGIN, PASSWORD, 120_000)
                first = settled(page, "Обзор", t0)
                for _round in range(max(2, args.rounds)):
                    for menu, title in MENU:
                        results.setdefault(title, []).append(click_menu(page, menu, title))
                extra = interactions(page)
                browser.close()
        finally:
            memory = rss_mb(server.pid)
            server.terminate()
            server.wait(timeout=30)
    finally:
        server_times = server_runs(workdir / "server.log")
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"Вход и первый «Обзор» (вычисления с нуля): {first:.2f} с")
    print()
    print(f"{'страница':<40}{'первый раз, с':>15}{'повторно, с':>14}{'из них сервер, с':>19}")
    for title, (cold, *again) in results.items():
        menu = next(m for m, t in MENU if t == title)
        server = server_times.get(menu, [])[1:]
        served = statistics.median(server) if server else float("nan")
        print(f"{title:<40}{cold:>15.2f}{statistics.median(again):>14.2f}{served:>19.2f}")
    print()
    for what, seconds in extra.items():
        print(f"{what:<54}{seconds:>15.2f}")
    warm = [statistics.median(times[1:]) for times in results.values()]
    print()
    print(
        f"Повторно: медиана {statistics.median(warm):.2f} с, наибольшее {max(warm):.2f} с "
        f"(«{max(results, key=lambda k: statistics.median(results[k][1:]))}»); память сервера в конце {memory:.0f} МБ"
    )
    return 0


def choose(page, option: str) -> None:
    """Pick an option of an open dropdown as a hand does: Playwright's instant click closes it without choosing."""
    box = page.get_by_role("option", name=option).bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.wait_for_timeout(150)
    page.mouse.down()
    page.wait_for_timeout(100)
    page.mouse.up()


def open_list(page, select, option: str) -> None:
    """Open a sidebar or page list until `option` shows."""
    select.locator("input[role='combobox']").click()
    page.keyboard.press("Control+a")  # a combobox lists every option once its text is cleared
    page.keyboard.press("Backspace")
    if not page.get_by_role("option").count():
        page.keyboard.press("ArrowDown")  # an empty combobox opens on the arrow key
    from playwright.sync_api import TimeoutError

    wanted = page.get_by_role("option", name=option)
    try:
        wanted.wait_for(timeout=2_000)
    except TimeoutError:  # a long list is drawn in part: typing the name narrows it to the option
        page.keyboard.type(option)
        wanted.wait_for(timeout=10_000)


def interactions(page, repeats: int = 3) -> dict[str, float]:
    """The clicks the issue timed, each done `repeats` times (median): a theme filter off on the heat map, a
    deadline list chosen."""
    removed, chosen = [], []
    click_menu(page, "Тепловая карта", "Тепловая карта")
    themes = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    for _ in range(repeats):
        open_list(page, themes, "Дорожная деятельность")
        choose(page, "Дорожная деятельность")
        page.keyboard.press("Escape")
        settled(page, "Тепловая карта", time.perf_counter())
        t0 = time.perf_counter()
        themes.locator("button[aria-label='Remove Дорожная деятельность']").click()
        removed.append(settled(page, "Тепловая карта", t0))
    click_menu(page, "Сроки", "Сроки")
    lists = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first
    for _ in range(repeats):
        open_list(page, lists, "Ответ с опозданием (за период)")
        t0 = time.perf_counter()
        choose(page, "Ответ с опозданием (за период)")
        chosen.append(settled(page, "Сроки", t0))
        open_list(page, lists, "Просрочено сейчас (за всё время)")
        choose(page, "Просрочено сейчас (за всё время)")
        settled(page, "Сроки", time.perf_counter())
    return {
        "«Тепловая карта»: снять фильтр темы": statistics.median(removed),
        "«Сроки»: выбрать список «с опозданием»": statistics.median(chosen),
    }


if __name__ == "__main__":
    sys.exit(main())
