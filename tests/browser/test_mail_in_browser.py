"""Mail in Chromium: the page «Рассылка» renders in Russian, and each letter, as the server would send it from the
sample data, is legible at phone width (390 × 844): nothing wider than the screen, no text smaller than 13 px."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from mcu_data import access
from mcu_data.app.views import mailing
from tests.browser.conftest import ARTIFACTS, goto_signed_in, screenshot_whole, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

WIDEST_JS = """() => {
    let widest = document.documentElement.scrollWidth, smallest = 99;
    for (const el of document.querySelectorAll('p, td, th, h1, h2, a')) {
        if (!el.innerText.trim()) continue;
        widest = Math.max(widest, el.getBoundingClientRect().right);
        smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
    }
    return [widest, smallest];
}"""


def test_the_mailing_page_renders_in_chromium(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    goto_signed_in(page, server + "/mailing")
    wait_rendered(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, ARTIFACTS / "mailing_full.png")
    body = page.inner_text("body")
    for text in ("Рассылка", "Почта не настроена", "Расписание", "Адресаты", "Журнал писем", "Как выглядит письмо"):
        assert text in body, f"На странице нет текста «{text}»"
    # the preview: the letter as it would go out, in a frame as wide as a phone
    page.locator("[data-testid='stButtonGroup']").get_by_text("Еженедельная записка").click()
    frame = page.frame_locator("iframe").first
    frame.locator("h1").wait_for(timeout=60_000)
    assert "Еженедельная аналитическая записка МЦУ" in frame.locator("h1").inner_text()
    assert "Итоги недели" in frame.locator("body").inner_text()
    wait_rendered(page)
    screenshot_whole(page, ARTIFACTS / "mailing_preview_full.png")
    assert page.locator("[data-testid='stException']").count() == 0
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("kind", ["weekly", "daily", "growth"])
def test_each_letter_reads_on_a_phone(sample_store, browser, kind: str) -> None:
    end = sample_store.scalar("select max(received_at)::date from appeal")
    now = datetime.combine(end + timedelta(days=1), time(9, 0))
    with access.acting(access.SYSTEM):
        shown = mailing.preview(sample_store, kind, now)
    assert shown is not None, f"На образце нет письма «{kind}»"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"mail_{kind}.html"
    path.write_text(shown.html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="ru-RU", device_scale_factor=2)
    page.goto(path.as_uri())
    page.screenshot(path=str(ARTIFACTS / f"mail_{kind}_phone.png"), full_page=True)
    widest, smallest = page.evaluate(WIDEST_JS)
    assert widest <= 390, f"Письмо шире экрана телефона: {widest} px"
    assert smallest >= 13, f"Слишком мелкий текст: {smallest} px"
    text = page.inner_text("body")
    assert page.inner_text("h1") and "Письмо отправлено автоматически" in text
    page.close()
