"""`python -m mcu_data import FILE` while the server runs: it goes through the server, and the page shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, SERVERS, goto_signed_in, screenshot_whole, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "intake"


def test_a_command_line_import_appears_in_the_load_log_without_a_restart(server: str, browser) -> None:
    store_path = SERVERS[server].store_path
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(page, server + "/data_import")
    wait_rendered(page)
    page.get_by_role("tab", name="Журнал загрузок").click()
    wait_rendered(page)
    assert "fz59_header_variants.csv" not in page.inner_text("body")

    done = subprocess.run(
        [sys.executable, "-m", "mcu_data", "--db", str(store_path), "import", str(CORPUS / "fz59_header_variants.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fz59_header_variants.csv — " in done.stdout and "загрузка №" in done.stdout

    # another page and back, as a person clicks the menu (a reload would sign out: issue [screens])
    page.get_by_role("link", name="Справочники").click()
    wait_rendered(page)
    page.get_by_role("link", name="Загрузка данных").click()
    wait_rendered(page)
    page.get_by_role("tab", name="Журнал загрузок").click()
    wait_rendered(page)
    # the log is a canvas table; the newest load is the one the batch picker under it offers first
    picked = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stSelectbox"]')].map(
            b => b.innerText + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' '))"""
    )
    assert any("fz59_header_variants.csv" in text for text in picked), picked
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, ARTIFACTS / "data_import_log_after_cli.png")
    page.close()
