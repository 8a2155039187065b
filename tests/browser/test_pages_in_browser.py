"""A real Streamlit server in Debian's Chromium: every page renders, in Russian, with no error box."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, goto_signed_in, screenshot_whole, wait_rendered
from tests.browser.screen_text import TEXT_JS, english_words

playwright = pytest.importorskip("playwright.sync_api")

# the first page opened on the fresh server is not the overview: a bookmark after a restart
PAGES = [
    # (url path, file stem for the screenshot, texts that must be on the page, whether it draws the shared filters)
    ("/data_import", "data_import", ["Загрузка данных", "Загрузить выгрузки", "Журнал загрузок"], False),
    ("/review", "review", ["Проверка данных", "В очереди"], False),
    ("/references", "references", ["Справочники", "Сельские поселения", "Сроки ответа"], False),
    ("/heatmap", "heatmap", ["Тепловая карта", "Карта поселений", "Точки роста", "Схема: поселения показаны"], True),
    (
        "/incidents",
        "incidents",
        ["Инциденты: одна проблема", "инцидентов из нескольких сообщений", "Сообщения инцидента"],
        True,
    ),
    ("/deadlines", "deadlines", ["Сроки", "Доля ответов в срок по получателям", "Механизм ускоренного решения"], True),
    ("/rating", "rating", ["Рейтинг ответственных получателей", "Как считается балл", "Балл от 0 до 100"], True),
    (
        "/satisfaction",
        "satisfaction",
        ["Удовлетворённость", "Оценки ПОС от 1 до 5", "Опросы жителей", "как её сообщала пресса", "Пенсионеры"],
        True,
    ),
    (
        "/official_pages",
        "official_pages",
        ["Госпаблики", "По владельцам страниц", "Молчащие страницы", "Рост подписчиков", "Гвардейцы — официально"],
        True,
    ),
    ("/settings", "settings", ["Настройки", "Сроки ответа", "веса, цели"], False),
    ("/roadmaps", "roadmaps", ["Дорожные карты", "Мероприятия", "Карта темы"], False),
    (
        "/weekly_note",
        "weekly_note",
        ["Еженедельная записка", "Скачать DOCX", "Кратко", "Предложения", "Итоги недели"],
        True,
    ),
    ("/cur_report", "cur_report", ["Отчёт в ЦУР", "Скачать XLSX", "вводятся вручную"], False),
    ("/wall_start", "wall_start", ["Показ на совещании", "Начать показ", "Адрес для экрана в зале"], True),
    ("/definitions", "definitions", ["Как считаются показатели", "Семь состояний обращения", "Ответы в срок"], False),
    (
        "/conflicts",
        "conflicts",
        [
            "Конфликтные ситуации",
            "Противоречие ответов",
            "Сигналы по рангу",
            "Сигнал подробно",
            "Обращения за сигналом",
            "Ранг = тяжесть",
        ],
        True,
    ),
    ("/admin", "admin", ["Пользователи и журнал", "Создать или изменить учётную запись", "tester"], False),
    (
        "/",
        "overview",
        ["Обзор", "неполная: 4 из 7 дней", "Ответы в срок", "Просрочено сейчас", "Главные темы периода"],
        True,
    ),
]


@pytest.mark.parametrize(("path", "name", "texts", "filtered"), PAGES, ids=[p[1] for p in PAGES])
def test_page_renders_in_chromium(server: str, browser, path: str, name: str, texts: list[str], filtered: bool) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    goto_signed_in(page, server + path)
    wait_rendered(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
    screenshot_whole(page, ARTIFACTS / f"{name}_full.png")
    assert page.locator("[data-testid='stException']").count() == 0, "На странице показана ошибка"
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, "На странице сообщение об ошибке"
    body = page.inner_text("body")
    # the entry script ran: the Russian menu, whatever page was opened first; the filters only where they act
    assert "Проверка данных" in body and "Анализ" in body and "Администрирование" in body
    assert ("Сбросить фильтры" in body) is filtered
    for text in texts:
        assert text in body, f"На странице нет текста «{text}»"
    assert not errors, f"Ошибки JavaScript: {errors}"
    page.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(page, url)
    wait_rendered(page)
    return page


def test_load_log_tab(server: str, browser) -> None:
    page = _open(browser, server + "/data_import")
    page.get_by_role("tab", name="Журнал загрузок").click()
    wait_rendered(page)
    # the newest load is the sample's survey, with nothing rejected; the 59-ФЗ registry has rejected rows
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Загрузка").first.click()
    page.get_by_role("option", name=re.compile("fz59_registry")).click()
    wait_rendered(page)
    # table cells are drawn on a canvas; the controls and captions around them are text
    page.get_by_text("Скачать отклонённые строки (CSV)").wait_for(timeout=15_000)
    assert page.get_by_text("Скачать отклонённые строки (CSV)").is_visible()
    assert page.get_by_text("Отменить загрузку").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "data_import_log.png"))
    page.close()


def test_upload_through_the_page(server: str, browser, tmp_path: Path) -> None:
    """A clerk's path: choose a file, press «Загрузить», read the report."""
    from tests.files import FZ59_HEADER, csv_bytes, fz59_row

    export = tmp_path / "реестр_59фз.csv"
    export.write_bytes(
        csv_bytes([FZ59_HEADER, fz59_row("ОГ-9001/26"), fz59_row("ОГ-9002/26", received="31.02.2026")], "cp1251", ";")
    )
    page = _open(browser, server + "/data_import")
    # the drop zone speaks Russian: Streamlit's own English words are hidden and ours drawn in their place
    words = page.evaluate("""() => {
        const zone = document.querySelector('.st-key-imp_files [data-testid=stFileUploaderDropzone]');
        const p = zone.querySelector('button [data-testid=stMarkdownContainer] p');
        const hint = zone.querySelector('[data-testid=stFileUploaderDropzoneInstructions] span');
        return [getComputedStyle(p, '::after').content, getComputedStyle(p).fontSize,
                getComputedStyle(hint, '::after').content, getComputedStyle(hint).fontSize,
                zone.querySelector('button').getBoundingClientRect().width];
    }""")
    assert words[0] == '"Выбрать файлы"' and words[1] == "0px", words
    assert words[2].startswith('"до 50 МБ на файл · XLSX, CSV, TXT') and words[3] == "0px", words
    assert words[4] > 100, "кнопка выбора файлов сжалась: русская надпись не видна"
    # the appeals' drop zone: the surveys' tab has one of its own
    page.locator(".st-key-imp_files [data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.get_by_text("заголовок в строке 1").first.wait_for(timeout=30_000)
    wait_rendered(page)
    # the chosen file's line: no «0.6MB» of Streamlit's own, the size is in the page's Russian words
    assert not english_words(page.evaluate(TEXT_JS)), english_words(page.evaluate(TEXT_JS))
    page.screenshot(path=str(ARTIFACTS / "data_import_preview.png"))
    page.get_by_role("button", name="Загрузить файлов: 1").click()
    page.get_by_text("Обращения по 59-ФЗ, загрузка №").wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert "новых 1" in body and "отклонено 1" in body
    page.screenshot(path=str(ARTIFACTS / "data_import_done.png"))
    page.close()


def _period_total(page) -> int:
    value = page.locator("[data-testid='stMetricValue']").nth(0).inner_text()  # «Обращений за период»
    return int("".join(ch for ch in value if ch.isdigit()))


def _period_widget(page) -> str:
    """What the sidebar's period select shows: its text and the value of its input."""
    return page.evaluate(
        """() => { const b = document.querySelector('[data-testid="stSidebar"] [data-testid="stSelectbox"]');
            return b ? b.innerText + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' ') : ''; }"""
    )


def _wait_for(page, condition, timeout_s: float = 30) -> None:
    """Poll until the rerun a click started has changed the page as expected."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if condition():
                wait_rendered(page)
                return
        except (ValueError, playwright.Error):
            pass  # the element is being redrawn
        page.wait_for_timeout(300)
    raise AssertionError("Страница не обновилась после действия")


def _choose(page, option: str) -> None:
    """Pick an option of an open dropdown the way a hand does.

    Playwright's instant click closes a sidebar dropdown of Streamlit 1.67 without choosing;
    a pointer that moves, presses and releases chooses as a person's does.
    """
    box = page.get_by_role("option", name=option).bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.wait_for_timeout(150)
    page.mouse.down()
    page.wait_for_timeout(100)
    page.mouse.up()


def test_period_filter_and_reset_in_the_sidebar(server: str, browser) -> None:
    page = _open(browser, server + "/")
    # the reset and the data's dates are on the first screen, not under the long menu
    for item in (page.get_by_role("button", name="Сбросить фильтры"), page.get_by_text("Данные с ").first):
        box = item.bounding_box()
        assert box and box["y"] + box["height"] <= 1080, f"ниже первого экрана: {box}"
    month = _period_total(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input[role='combobox']").first.click()
    page.keyboard.press("Control+a")  # the combobox lists every option once its text is cleared
    page.keyboard.press("Backspace")
    _choose(page, "Последние 7 дней")
    _wait_for(page, lambda: _period_total(page) != month)
    week = _period_total(page)
    assert 0 < week < month
    page.screenshot(path=str(ARTIFACTS / "overview_filtered.png"))
    _wait_for(page, lambda: "period=7" in page.url)  # the choice is in the address, ready to be sent
    link = page.url
    # a page without filters and back: the choice stays, in the numbers and in the widget
    page.get_by_role("link", name="Справочники").click()
    wait_rendered(page)
    page.get_by_role("link", name="Обзор").click()
    wait_rendered(page)
    _wait_for(page, lambda: _period_total(page) == week)
    assert "Последние 7 дней" in _period_widget(page)
    # the link, opened by a colleague with the same rights in a browser of their own, shows the same view
    other = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    colleague = other.new_page()
    goto_signed_in(colleague, link)
    wait_rendered(colleague)
    _wait_for(colleague, lambda: _period_total(colleague) == week)
    other.close()
    page.get_by_role("button", name="Сбросить фильтры").click()
    _wait_for(page, lambda: _period_total(page) == month)
    # the widget says what is applied: the reset puts the widget back, not only the numbers
    assert "Последние 30 дней" in _period_widget(page)
    _wait_for(page, lambda: "period=" not in page.url)
    page.close()


def test_the_heat_maps_choices_come_from_a_link(server: str, browser) -> None:
    """«Посмотрите по получателям, изменение»: the link opens the matrix with those columns and that metric."""
    page = _open(browser, server + "/heatmap?axis=recipient&metric=change_pct")
    chosen = page.locator(
        "[data-testid='stMain'] [data-testid='stButtonGroup'] button[aria-checked='true'], "
        "[data-testid='stMain'] [data-testid='stButtonGroup'] [kind$='Active']"
    ).all_inner_texts()
    assert any("Получатели" in c for c in chosen), chosen
    metric = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first
    assert "Изменение" in metric.inner_text() + " ".join(
        metric.locator("input").evaluate_all("l => l.map(i => i.value)")
    )
    # the page's own choice goes back into the address, beside the filters
    page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button", has_text="Недели").click()
    _wait_for(page, lambda: "axis=week" in page.url)
    page.close()


def test_map_draws_with_no_network(server: str, browser) -> None:
    """Every request off this machine is refused; the map must still draw all 13 settlements."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    outside: list[str] = []
    leaflet: list[str] = []

    def gate(route):
        url = route.request.url
        if "/assets/leaflet/" in url:
            leaflet.append(url)
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", gate)
    goto_signed_in(page, server + "/heatmap")
    wait_rendered(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    # polygons are drawn on a canvas; the 13 names are DOM labels over it
    frame.wait_for_function(
        "document.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg') !== null"
        " && document.querySelectorAll('.leaflet-marker-icon').length >= 13",
        timeout=30_000,
    )
    labels = frame.locator(".leaflet-marker-icon").all_inner_texts()
    assert {"Борское", "Петровка", "Усманка"} <= {t.strip() for t in labels}
    page.locator("iframe[title*='streamlit_folium']").first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "heatmap_map_offline.png"))
    assert not outside, f"Запросы за пределы машины: {outside[:5]}"
    # the server hands Leaflet out as a cacheable file, not inside the map's arguments on every visit
    assert any("/assets/leaflet/leaflet.js" in url for url in leaflet), leaflet
    page.close()


def test_measure_effect_tab(server: str, browser) -> None:
    page = _open(browser, server + "/roadmaps")
    page.get_by_role("tab", name="Эффект").click()
    wait_rendered(page)
    body = page.inner_text("body")
    assert "снизилось" in body and "без изменений" in body
    page.get_by_text("— снизилось").first.click()  # open the verdict: the reasons and the chart
    page.get_by_text("ожидалось бы").first.wait_for(timeout=20_000)
    wait_rendered(page)
    page.screenshot(path=str(ARTIFACTS / "roadmaps_effect.png"))
    page.get_by_role("tab", name="Мероприятия").click()
    page.get_by_text("График мероприятий").scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "roadmaps_timeline.png"))
    page.close()


def test_a_contradiction_shows_both_answers_in_chromium(server: str, browser) -> None:
    """The curator picks a «Противоречие ответов» signal: its reason names the earlier answer, and the table behind it
    shows both answers as the store keeps them (personal data masked)."""
    page = _open(browser, server + "/conflicts")
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Обращение")
    box.click()
    page.keyboard.type("Противоречие ответов")  # the list draws only its first options: search as a person does
    option = page.get_by_role("option").filter(has_text="Противоречие ответов").first
    name = option.inner_text()
    number = name.split(" · ")[0]
    option.click()
    _wait_for(page, lambda: f"Обращение № {number} от" in page.inner_text("body"))
    body = page.inner_text("body")
    assert "того же получателя по той же проблеме" in body
    assert "Ответ получателя (персональные данные скрыты)" in body
    earlier = body.split("Ответ на обращение № ")[1].split(" ")[0]
    table = page.locator("[data-testid='stMain'] table").last.inner_text()
    assert number in table and earlier in table
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, ARTIFACTS / "conflicts_contradiction_full.png")
    page.close()
