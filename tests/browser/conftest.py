"""Browser fixtures: a real Streamlit server on a private copy of the sample store, and Debian's Chromium."""

from __future__ import annotations

import shutil
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from bench.serving import LOGIN_FIELD as _LOGIN
from bench.serving import PASSWORD_FIELD as _PASSWORD
from bench.serving import sign_in as serving_sign_in
from tests import serving

ROOT = serving.ROOT
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
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


TESTER = ("tester", "Проверка-МЦУ-2026")  # a curator with a password of their own
SCREEN = ("screen", "Экран-в-зале-2026")  # the wall-screen account
ADMIN_ONE_TIME: dict[str, str] = {}  # the administrator still on a one-time password, for the sign-in test
# one account for each other role, with the scope a curator gives it: (login, password), role, scope
ROLE_ACCOUNTS = {
    "channel_officer": (("officer", "Канал-59ФЗ-2026"), {"channel_code": "fz59"}),
    "sector_leader": (("leader", "Блок-ЖКХ-2026"), {"leader_code": "deputy_housing"}),
    "settlement_head": (("head", "Глава-Петровки-2026"), {"settlement_oktmo": "36612436"}),
    "observer": (("observer", "Наблюдатель-2026"), {}),
}


def _accounts(store_path: Path) -> None:
    """Accounts the browser tests sign in with, made the way the curator makes them."""
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    store = Store(store_path)
    with access.acting(access.SYSTEM):
        accounts = [(TESTER, "curator", {}), (SCREEN, "observer", {"is_screen": True})]
        accounts += [(pair, role, scope) for role, (pair, scope) in ROLE_ACCOUNTS.items()]
        for (login, password), role, scope in accounts:
            one_time = auth.save_account(store, auth.Account(login, f"Проверка: {login}", role, **scope))
            auth.change_password(store, login, one_time, password)
        ADMIN_ONE_TIME[store_path.name] = auth.reset_password(store, "admin")
    store.close()


# the sign-in form's own fields (a page may have a «Логин» too), as the benchmarks find them
LOGIN_FIELD, PASSWORD_FIELD = _LOGIN, _PASSWORD


def sign_in(page, login: str, password: str) -> None:
    """Sign in through the form, as the benchmarks do (bench/serving.py), cookie hop included."""
    serving_sign_in(page, login, password)


def goto_signed_in(page, url: str, account: tuple[str, str] = TESTER) -> None:
    """Open an address as a person does: the sign-in form first, then the page asked for."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.goto(url, wait_until="domcontentloaded")
    except PlaywrightTimeout as exc:
        raise AssertionError(f"Адрес {url} не открылся: {exc}\n{server_diagnosis(url)}") from exc
    page.locator(LOGIN_FIELD).wait_for(timeout=60_000)
    sign_in(page, *account)


SERVERS: dict[str, serving.Running] = {}  # base address -> the running server


def server_diagnosis(url: str) -> str:
    """What the server was doing when a page did not open: its health answer, every thread's stack, its log."""
    running = next((r for b, r in SERVERS.items() if url.startswith(b)), None)
    if running is None:
        return "сервер не найден"
    try:
        with urllib.request.urlopen(running.url + "/_stcore/health", timeout=5) as resp:
            health = f"health: {resp.status}"
    except OSError as exc:
        health = f"health: нет ответа ({exc})"
    if running.proc.poll() is None:
        running.proc.send_signal(signal.SIGUSR1)  # serve.py prints every thread's stack to its log
        time.sleep(2)
    return f"{health}; код выхода сервера: {running.proc.poll()}\n{running.log(20_000)}"


@pytest.fixture(scope="module")
def server(sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    # a private copy: the server holds the file's write lock while it runs
    store_path = tmp_path_factory.mktemp("browser") / "store.duckdb"
    shutil.copy(sample_store_path, store_path)
    _accounts(store_path)
    try:
        running = serving.start(store_path)
    except AssertionError as exc:
        pytest.fail(str(exc))
    SERVERS[running.url] = running
    yield running.url
    try:
        serving.stop(running)
    except AssertionError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Нет /usr/bin/chromium: установите пакет chromium (make test делает это сам)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def screenshot_whole(page, path: Path, width: int = 1920) -> None:
    """The whole page, not only its first screen: Streamlit scrolls inside its own main block, so the window is
    made as tall as that block's content for the picture, then set back."""
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const inner = document.querySelector('[data-testid="stMainBlockContainer"]');
        return Math.max(main ? main.scrollHeight : 0, inner ? inner.scrollHeight + 160 : 0, window.innerHeight);
    }""")
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16000)})
    page.wait_for_timeout(1200)  # charts redraw for the new size
    wait_rendered(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(before)
    page.wait_for_timeout(300)


def wait_rendered(page, timeout_s: float = 60) -> None:
    """Done when the title is drawn, no skeleton or running widget remains, and the page stops changing."""
    page.wait_for_selector("h1", timeout=timeout_s * 1000)
    wait_quiet(page, 500, timeout_s, "Страница не дорисовалась за отведённое время")


def wait_quiet(page, every_ms: int, timeout_s: float, failure: str) -> None:
    """Done when, on three looks `every_ms` apart, nothing runs and the count of Streamlit elements is the same."""
    count_js = "() => document.querySelectorAll('[data-testid]').length"
    deadline = time.monotonic() + timeout_s
    previous, stable = -1, 0
    while time.monotonic() < deadline:
        busy = page.locator("[data-testid='stSkeleton'], [data-testid='stStatusWidget']").count()
        count = page.evaluate(count_js)
        stable = stable + 1 if (busy == 0 and count == previous) else 0
        if stable >= 3:
            return
        previous = count
        page.wait_for_timeout(every_ms)
    raise AssertionError(failure)
