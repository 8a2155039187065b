"""«Проверка данных» → «Вероятные отписки» in Chromium, on the sample data: the flagged answers, their reasons in
Russian and the two buttons of each."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, goto_signed_in, screenshot_whole, wait_rendered
from tests.browser.screen_text import TEXT_JS, english_words

playwright = pytest.importorskip("playwright.sync_api")


def test_the_probable_formal_answers_tab(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(page, server + "/review")
    wait_rendered(page)
    page.get_by_role("tab", name="Вероятные отписки").click()
    wait_rendered(page)
    # the sample's ПОС export carries answers, and some of them are formal: the tab lists them
    assert page.get_by_text("Почему похоже на отписку:").first.is_visible()
    assert page.get_by_role("button", name="Подтвердить: это отписка").first.is_visible()
    assert page.get_by_role("button", name="Отклонить: ответ по существу").first.is_visible()
    assert not english_words(page.evaluate(TEXT_JS))
    screenshot_whole(page, ARTIFACTS / "review_answers_full.png")
    page.close()
