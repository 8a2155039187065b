"""The wall-screen show in Chromium: every slide at 1920×1080 and 3840×2160, turning on its own, keys and buttons."""

from __future__ import annotations

import time

import pytest

from mcu_data.app.wall_deck import MIN_EVERY, SLIDES
from mcu_data.app.wall_sizes import MAX_ROWS, min_text_px
from mcu_data.core.locale import LABELS
from tests.browser.conftest import ARTIFACTS, SCREEN, goto_signed_in

TITLES = LABELS["slide"]

playwright = pytest.importorskip("playwright.sync_api")

SCREENS = {"1920": (1920, 1080), "3840": (3840, 2160)}


def _title(page) -> str:
    return page.inner_text(".wall-title", timeout=30_000)


def _wait_title(page, wanted: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if _title(page) == wanted:
                page.wait_for_timeout(1_500)  # let the chart finish drawing before a screenshot
                return
        except playwright.Error:
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"Не дождались слайда «{wanted}», на экране «{_title(page)}»")


def _open_show(browser, server: str, screen: str, query: str):
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="ru-RU")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    goto_signed_in(page, f"{server}/?{query}", SCREEN)
    _wait_title(page, TITLES[SLIDES[0]], timeout_s=60)
    return page, errors


def _fits_and_is_big(page, screen: str) -> None:
    """Nothing hides below the fold, no sidebar or toolbar, and the type is sized for the screen."""
    width, height = SCREENS[screen]
    assert (
        page.locator("[data-testid='stSidebar']").count() == 0
        or not page.locator("[data-testid='stSidebar']").is_visible()
    )
    assert not page.locator("header[data-testid='stHeader']").is_visible()
    controls = page.get_by_role("button", name="Далее").bounding_box()
    assert controls["y"] + controls["height"] <= height, "Кнопки показа ушли за нижний край экрана"
    title_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.wall-title')).fontSize)")
    assert title_px >= 44 * width / 1920 * 0.95, f"Заголовок {title_px}px мелок для экрана {width}"
    chart = page.locator(".js-plotly-plot").first
    if chart.count():
        box = chart.bounding_box()
        assert box["x"] + box["width"] <= width + 1, "График шире экрана"
        tick = page.evaluate(
            "parseFloat(document.querySelector("
            "'.js-plotly-plot .ytick text, .js-plotly-plot .textpoint text').style.fontSize)"
        )
        assert tick >= 16 * width / 1920 * 0.95, f"Подписи графика {tick}px мелки для экрана {width}"


# the smallest font size in CSS px and every reading text's size and colour on the slide
READING_JS = """() => {
    const px = (el) => parseFloat(getComputedStyle(el).fontSize);
    const shown = (el) => el.textContent.trim() !== "" && el.getBoundingClientRect().width > 0;
    const cells = [...document.querySelectorAll("table.wall-table td, table.wall-table th")].filter(shown);
    const ticks = [...document.querySelectorAll(
        ".js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .cbaxis text")].filter(shown);
    const legends = [...document.querySelectorAll(
        ".js-plotly-plot .legendtext, .js-plotly-plot .cbtitle text")].filter(shown);
    const heat = [...document.querySelectorAll(".js-plotly-plot .heatmaplayer text")].filter(shown);
    const sizes = (list) => list.map(px);
    return {
        cells: sizes(cells), ticks: sizes(ticks), legends: sizes(legends), heat: sizes(heat),
        legend_fills: legends.map((el) => getComputedStyle(el).fill),
        rows: [...document.querySelectorAll("table.wall-table")].map((t) => t.tBodies[0].rows.length),
        clock_bottom: document.querySelector(".wall-clock").getBoundingClientRect().bottom,
        content_bottom: Math.max(0, ...[...document.querySelectorAll(
            ".wall-note, .wall-more, .wall-table, .js-plotly-plot")].map((el) => el.getBoundingClientRect().bottom)),
    };
}"""


def _readable(page, screen: str, slide: str) -> None:
    """Table cells, tick labels, legends and matrix numbers at least the derived size (45 px on 1080), near-black
    legends, at most eight rows a table, and the slide ends within the screen."""
    width, height = SCREENS[screen]
    least = min_text_px(height)  # 45 at 1080, 89 at 2160: see wall_sizes.min_text_share
    seen = page.evaluate(READING_JS)
    for kind in ("cells", "ticks", "legends", "heat"):
        assert all(v >= least for v in seen[kind]), f"{slide}: {kind} {sorted(set(seen[kind]))} < {least}px"
    assert seen["cells"] or seen["ticks"], f"{slide}: ни таблицы, ни графика"
    assert all(fill in ("rgb(17, 17, 17)", "#111111") for fill in seen["legend_fills"]), seen["legend_fills"]
    assert all(n <= MAX_ROWS for n in seen["rows"]), f"{slide}: строк {seen['rows']}"
    assert seen["clock_bottom"] <= height and seen["content_bottom"] <= height, f"{slide}: ниже экрана {seen}"
    if slide != "roadmaps":  # the roadmaps slide has as many rows as there are measures to list
        # the chart takes the height left: the slide ends in the lowest tenth of the screen, not at two thirds
        assert seen["content_bottom"] >= 0.9 * height, f"{slide}: низ экрана пуст ({seen['content_bottom']:.0f} px)"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_slide_at_both_sizes(server: str, browser, screen: str) -> None:
    page, errors = _open_show(browser, server, screen, "present=1&every=600")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for i, slide in enumerate(SLIDES):
        _wait_title(page, TITLES[slide])
        assert page.locator(".wall-empty").count() == 0, f"Слайд «{TITLES[slide]}» пуст на данных примера"
        _fits_and_is_big(page, screen)
        _readable(page, screen, slide)
        page.screenshot(path=str(ARTIFACTS / f"wall_{screen}_{i + 1}_{slide}.png"))
        page.keyboard.press("ArrowRight")
    _wait_title(page, TITLES[SLIDES[0]])  # after the last slide, the first again
    assert not errors, f"Ошибки JavaScript: {errors}"
    page.close()


def _controls_opacity(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.st-key-wall_controls')).opacity)")


def test_controls_hide_while_the_mouse_rests(server: str, browser) -> None:
    page, errors = _open_show(browser, server, "1920", "present=1&every=600")
    page.mouse.move(400, 400)
    page.mouse.move(420, 410)
    page.wait_for_timeout(600)  # the fade takes 0.3 s
    assert _controls_opacity(page) == 1 and page.get_by_role("button", name="Далее").is_visible()
    page.wait_for_timeout(4_000)
    assert _controls_opacity(page) == 0, "Кнопки не спрятались через 3 с без движения мыши"
    page.screenshot(path=str(ARTIFACTS / "wall_1920_controls_hidden.png"))
    page.mouse.move(600, 500)
    page.wait_for_timeout(600)
    assert _controls_opacity(page) == 1, "Кнопки не вернулись после движения мыши"
    page.screenshot(path=str(ARTIFACTS / "wall_1920_controls_shown.png"))
    # hidden, the keys still work
    page.wait_for_timeout(4_000)
    page.keyboard.press("ArrowRight")
    _wait_title(page, TITLES[SLIDES[1]])
    assert not errors, f"Ошибки JavaScript: {errors}"
    page.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_slides_turn_on_their_own(server: str, browser, screen: str) -> None:
    page, errors = _open_show(browser, server, screen, f"present=1&every={MIN_EVERY}")
    started = time.monotonic()
    _wait_title(page, TITLES[SLIDES[1]], timeout_s=MIN_EVERY * 3)
    _wait_title(page, TITLES[SLIDES[2]], timeout_s=MIN_EVERY * 3)
    elapsed = time.monotonic() - started
    assert elapsed >= MIN_EVERY * 1.5, f"Слайды сменились слишком быстро: {elapsed:.0f} с на два"
    # Space pauses: the slide stays for longer than its time
    page.keyboard.press("Space")
    page.get_by_role("button", name="Продолжить").wait_for(timeout=15_000)
    held = _title(page)
    page.wait_for_timeout((MIN_EVERY + 4) * 1000)
    assert _title(page) == held
    page.screenshot(path=str(ARTIFACTS / f"wall_{screen}_paused.png"))
    # a click on «Продолжить» resumes and «Назад» turns back
    page.get_by_role("button", name="Продолжить").click()
    page.get_by_role("button", name="Пауза").wait_for(timeout=15_000)
    page.get_by_role("button", name="Назад").click()
    _wait_title(page, TITLES[SLIDES[1]])
    assert not errors, f"Ошибки JavaScript: {errors}"
    page.close()


def test_started_from_its_page_and_left_with_escape(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(page, server + "/wall_start")
    page.get_by_role("button", name="Начать показ").click()
    _wait_title(page, TITLES[SLIDES[0]], timeout_s=60)
    assert "present=1" in page.url
    page.keyboard.press("Escape")
    page.get_by_text("Сбросить фильтры").wait_for(timeout=30_000)  # the sidebar is back
    assert page.locator(".wall-title").count() == 0
    assert "present" not in page.url
    page.close()


def test_the_screen_key_brings_the_show_back_without_a_password(server: str, browser) -> None:
    """The curator issues the screen's key; the wall's bookmark then signs in by itself, after a reload too."""
    from tests.browser.conftest import LOGIN_FIELD, wait_rendered

    admin = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    goto_signed_in(admin, server + "/admin")
    wait_rendered(admin)
    admin.get_by_role("combobox", name="Учётная запись").click()
    admin.get_by_role("option", name=SCREEN[0], exact=True).click()
    admin.get_by_role("button", name="Выдать новый ключ показа").click()
    admin.get_by_text("Адрес показа с ключом").wait_for(timeout=30_000)
    wait_rendered(admin)
    address = next(text for text in admin.locator("[data-testid='stCode'] code").all_inner_texts() if "key=" in text)
    admin.get_by_text("Адрес показа с ключом").scroll_into_view_if_needed()
    admin.screenshot(path=str(ARTIFACTS / "admin_screen_key.png"))
    assert address.startswith(server + "/?present=1") and "&key=" in address

    # the meeting-room computer: a browser with nothing stored, as after a restart of the server
    wall_context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ru-RU")
    wall = wall_context.new_page()
    errors: list[str] = []
    wall.on("pageerror", lambda exc: errors.append(str(exc)))
    wall.goto(address, wait_until="domcontentloaded")
    _wait_title(wall, TITLES[SLIDES[0]], timeout_s=60)
    assert wall.locator(LOGIN_FIELD).count() == 0
    wall.reload(wait_until="domcontentloaded")  # a new session on the server: the key signs it in again
    _wait_title(wall, TITLES[SLIDES[0]], timeout_s=60)
    assert wall.locator(LOGIN_FIELD).count() == 0

    # the curator revokes the key: the screen's next step signs it out and says why
    admin.get_by_role("button", name="Отозвать ключ").click()
    admin.get_by_text("отозван").wait_for(timeout=30_000)
    wall.keyboard.press("ArrowRight")
    wall.locator(LOGIN_FIELD).wait_for(timeout=30_000)
    assert "Ключ показа не подошёл" in wall.inner_text("body")
    wall.screenshot(path=str(ARTIFACTS / "wall_key_revoked.png"))
    assert not errors, f"Ошибки JavaScript: {errors}"
    wall_context.close()
    admin.close()
