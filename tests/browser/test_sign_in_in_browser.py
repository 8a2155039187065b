"""Sign-in in Chromium, as a new user following the README: the one-time password, then one's own."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    ADMIN_ONE_TIME,
    ARTIFACTS,
    LOGIN_FIELD,
    PASSWORD_FIELD,
    TESTER,
    sign_in,
    wait_rendered,
)

playwright = pytest.importorskip("playwright.sync_api")


def test_first_sign_in_changes_the_one_time_password(server: str, browser) -> None:
    one_time = next(iter(ADMIN_ONE_TIME.values()))
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/heatmap", wait_until="domcontentloaded")
    page.locator(LOGIN_FIELD).wait_for(timeout=60_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sign_in.png"))
    assert page.locator("[data-testid='stSidebar']").count() == 0  # nothing of the app before sign-in
    # a wrong password: a plain refusal that does not say which part was wrong
    page.locator(LOGIN_FIELD).fill("admin")
    page.locator(PASSWORD_FIELD).fill("не тот пароль")
    page.get_by_role("button", name="Войти").click()
    page.get_by_text("Неверный логин или пароль.").wait_for(timeout=30_000)
    sign_in(page, "admin", one_time)
    page.get_by_role("heading", name="Смена пароля").wait_for(timeout=30_000)
    page.get_by_label("Одноразовый пароль").fill(one_time)
    page.get_by_label("Новый пароль", exact=True).fill("Борский-МЦУ-2026")
    page.get_by_label("Новый пароль ещё раз").fill("Борский-МЦУ-2026")
    page.screenshot(path=str(ARTIFACTS / "change_password.png"))
    page.get_by_role("button", name="Сменить пароль").click()
    page.get_by_role("heading", name="Тепловая карта").wait_for(timeout=60_000)  # the page that was asked for
    wait_rendered(page)
    body = page.inner_text("body")
    assert "Администратор МЦУ" in body and "Выйти" in body
    page.get_by_role("button", name="Выйти").click()
    page.locator(LOGIN_FIELD).wait_for(timeout=30_000)
    # the one-time password no longer works; the new one does
    page.locator(LOGIN_FIELD).fill("admin")
    page.locator(PASSWORD_FIELD).fill(one_time)
    page.get_by_role("button", name="Войти").click()
    page.get_by_text("Неверный логин или пароль.").wait_for(timeout=30_000)
    sign_in(page, "admin", "Борский-МЦУ-2026")
    wait_rendered(page)
    assert not errors, errors
    page.close()


def test_a_reload_a_bookmark_and_a_new_tab_keep_the_session(server: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    page = context.new_page()
    page.goto(server + "/deadlines", wait_until="domcontentloaded")
    page.locator(LOGIN_FIELD).wait_for(timeout=60_000)
    sign_in(page, *TESTER)
    page.get_by_role("heading", name="Сроки").wait_for(timeout=60_000)  # back on the page that was asked for
    cookie = next(c for c in context.cookies() if c["name"] == "mcu_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["expires"] > 0
    assert "mcu_session" not in page.evaluate("document.cookie")  # no script can read it
    page.reload(wait_until="domcontentloaded")
    page.get_by_role("heading", name="Сроки").wait_for(timeout=60_000)
    wait_rendered(page)
    assert page.locator(LOGIN_FIELD).count() == 0
    second = context.new_page()  # a new tab with a bookmark
    second.goto(server + "/rating", wait_until="domcontentloaded")
    second.get_by_role("heading", name="Рейтинг ответственных получателей").wait_for(timeout=60_000)
    second.close()
    # sign-out ends the session on the server: the same cookie, put back by hand, opens nothing
    page.get_by_role("button", name="Выйти").click()
    page.locator(LOGIN_FIELD).wait_for(timeout=60_000)
    context.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    page.reload(wait_until="domcontentloaded")
    page.locator(LOGIN_FIELD).wait_for(timeout=60_000)
    context.close()
