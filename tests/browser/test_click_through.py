"""Every control on every page, for every role, clicked in Chromium as a person would.

On each page the visitor's menu offers: each option of every segmented control and select of the page, each
tab, every download button (the file must come, with a Russian name); on the heat map a matrix cell and a
settlement on the map, each of which must open that cell's list. After every click the page must show no
exception box and no «произошла ошибка», and the text on screen must be Russian (see `english_words`) with
enough contrast (see `low_contrast`). A control that can crash the page fails the suite here.

Selects with long lists of data items (themes, recipients) are tried on a spread of their options, not all
of them: `MAX_OPTIONS` below says how many; every select of fewer options is tried on each.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, ROLE_ACCOUNTS, TESTER, goto_signed_in, wait_quiet, wait_rendered
from tests.browser.screen_text import TEXT_JS, english_words

playwright = pytest.importorskip("playwright.sync_api")

ROLES = {"curator": TESTER, **{role: pair for role, (pair, _scope) in ROLE_ACCOUNTS.items()}}
# a select with more options is tried on this many of them, first and last included; the other roles see the
# curator's pages with fewer rights, so they try fewer
MAX_OPTIONS = {"curator": 12}
OTHER_ROLES_OPTIONS = 4
MAIN = "[data-testid='stMain']"
# buttons that change the store or leave the page: each has a test of its own
NOT_CLICKED = re.compile(r"Сохранить|Удалить|Отключить|Выдать|Отозвать|Начать показ|Создать|Применить|Загрузить")

# every visible element with text of its own: its colour against the background it is drawn on
CONTRAST_JS = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number); };
  const lum = ([r, g, b]) => { const ch = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b); };
  const over = (fg, bg) => { const a = fg.length > 3 ? fg[3] : 1; return [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a)); };
  const background = el => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length > 3 && c[3] === 0) continue;
      layers.push(c);
      if (c.length <= 3 || c[3] === 1) break;
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const bad = [];
  const root = document.querySelector("[data-testid='stAppViewContainer']") || document.body;
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 1);
    if (!own || el.closest('svg, canvas, [aria-hidden="true"], [data-testid="stSidebarCollapsedControl"]')) continue;
    const st = getComputedStyle(el), box = el.getBoundingClientRect();
    if (st.visibility === 'hidden' || st.display === 'none' || box.width === 0 || box.height === 0) continue;
    if (el.closest('button:disabled, [aria-disabled="true"]')) continue;  // disabled controls are exempt (WCAG 1.4.3)
    let fg = parse(st.color); const opacity = Number(st.opacity);
    const bg = background(el);
    fg = over([fg[0], fg[1], fg[2], (fg.length > 3 ? fg[3] : 1) * opacity], bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    if (ratio < need) bad.push(`${el.innerText.trim().slice(0, 40)} — ${ratio.toFixed(2)} : 1 (${st.color})`);
  }
  // chart text (ticks, legends, axis titles) is SVG: its colour is its fill, drawn on the chart's paper
  for (const t of root.querySelectorAll('.js-plotly-plot .main-svg text')) {
    const st = getComputedStyle(t), box = t.getBoundingClientRect();
    if (!t.textContent.trim() || box.width === 0 || st.visibility === 'hidden' || st.display === 'none') continue;
    if (t.closest('.heatmaplayer, .textpoint')) continue;  // a cell's number, drawn dark or light on its own colour
    const paper = parse(getComputedStyle(t.closest('.js-plotly-plot')).backgroundColor);
    let bg = paper.length > 3 && paper[3] === 0 ? background(t.closest('.js-plotly-plot')) : paper.slice(0, 3);
    const bar = t.closest('.point') && t.closest('.point').querySelector('path');
    const inside = bar && (() => { const a = bar.getBoundingClientRect(), b = t.getBoundingClientRect();
        return b.left >= a.left - 1 && b.right <= a.right + 1 && b.top >= a.top - 1 && b.bottom <= a.bottom + 1; })();
    if (inside) bg = parse(getComputedStyle(bar).fill).slice(0, 3);  // a label inside its bar is read on the bar
    const fill = parse(st.fill); const alpha = Number(st.fillOpacity) * (fill.length > 3 ? fill[3] : 1);
    const fg = over([fill[0], fill[1], fill[2], alpha], bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) bad.push(`график: ${t.textContent.trim().slice(0, 30)} — ${ratio.toFixed(2)} : 1 (${st.fill})`);
  }
  return [...new Set(bad)];
}"""


def settle(page, timeout_s: float = 60) -> None:
    """After a click: the rerun ran and the page stopped changing."""
    page.wait_for_timeout(250)
    wait_quiet(page, 200, timeout_s, "Страница не успокоилась после нажатия")


def healthy(page, where: str, checks: dict) -> None:
    """No exception box, no page fault message, Russian text; contrast once per page."""
    assert page.locator("[data-testid='stException']").count() == 0, f"{where}: показано исключение"
    body = page.evaluate(TEXT_JS)
    assert "произошла ошибка" not in body and "Traceback" not in body, f"{where}: ошибка на странице"
    english = english_words(body)
    assert not english, f"{where}: английские слова или коды на экране: {english}"
    if where.split(" · ")[0] not in checks:
        checks[where.split(" · ")[0]] = True
        low = page.evaluate(CONTRAST_JS)
        assert not low, f"{where}: текст с контрастом ниже 4,5 : 1: {low[:8]}"


def options_of(page, select) -> list[str]:
    """Every option of an open Streamlit select: the list draws only what is in view, so it is scrolled."""
    select.locator("input[role='combobox']").click()
    page.keyboard.press("Control+a")  # the combobox lists every option once its text is cleared
    page.keyboard.press("Backspace")
    if not page.locator("[role='option']").count():
        page.keyboard.press("ArrowDown")  # an empty combobox opens on the arrow key
    try:
        page.wait_for_selector("[role='option']", timeout=10_000)
    except Exception as exc:
        page.screenshot(path=str(ARTIFACTS / "click_through_select_failed.png"))
        raise AssertionError(f"Список «{select.inner_text()}» не раскрылся") from exc
    seen: list[str] = []
    for _ in range(60):
        for text in page.locator("[role='option']").all_inner_texts():
            if text not in seen:
                seen.append(text)
        moved = page.evaluate("""() => { const o = document.querySelector("[role='option']");
            const box = o && o.closest("[role='listbox']"); if (!box) return false;
            const s = box.scrollHeight > box.clientHeight ? box : box.parentElement;
            const before = s.scrollTop; s.scrollTop += 200; return s.scrollTop !== before; }""")
        if not moved:
            break
        page.wait_for_timeout(50)
    page.keyboard.press("Escape")
    return seen


def spread(options: list[str], most: int) -> list[str]:
    if len(options) <= most:
        return options
    step = (len(options) - 1) / (most - 1)
    return [options[round(i * step)] for i in range(most)]


def pick(page, select, option: str) -> None:
    """Choose an option by typing it, as a person with a long list does, and confirming with Enter."""
    box = select.locator("input[role='combobox']")
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(option[:60])
    page.wait_for_timeout(150)
    exact = page.get_by_role("option", name=option, exact=True)
    if exact.count():
        exact.first.click()
    else:
        page.keyboard.press("Enter")
    settle(page)


def click_segments(page, where: str, checks: dict) -> int:
    clicks = 0
    for g in range(page.locator(f"{MAIN} [data-testid='stButtonGroup']").count()):
        group = page.locator(f"{MAIN} [data-testid='stButtonGroup']").nth(g)
        names = group.locator("button").all_inner_texts()
        for b in [*range(1, len(names)), 0]:  # each option, ending on the first
            name = names[b]
            page.locator(f"{MAIN} [data-testid='stButtonGroup']").nth(g).locator("button").nth(b).click()
            settle(page)
            healthy(page, f"{where} · «{name}»", checks)
            clicks += 1
    return clicks


def click_selects(page, where: str, checks: dict, most: int) -> int:
    clicks = 0
    count = page.locator(f"{MAIN} [data-testid='stSelectbox']").count()
    for s in range(count):
        select = page.locator(f"{MAIN} [data-testid='stSelectbox']").nth(s)
        if s >= page.locator(f"{MAIN} [data-testid='stSelectbox']").count() or not select.is_visible():
            continue
        if select.locator("input[disabled]").count():
            continue
        label = (select.locator("label").first.inner_text() or f"список {s + 1}").strip()
        for option in spread(options_of(page, select), most):
            select = page.locator(f"{MAIN} [data-testid='stSelectbox']").nth(s)
            if not select.is_visible():
                break
            pick(page, select, option)
            healthy(page, f"{where} · {label}: «{option}»", checks)
            clicks += 1
    return clicks


def click_tabs(page, where: str, checks: dict) -> int:
    tabs = page.locator(f"{MAIN} [role='tab']")
    names = tabs.all_inner_texts()
    for name in [*names[1:], *names[:1]]:
        page.locator(f"{MAIN} [role='tab']", has_text=name).first.click()
        settle(page)
        healthy(page, f"{where} · вкладка «{name}»", checks)
    return len(names)


def click_downloads(page, where: str) -> list[str]:
    names = []
    buttons = page.locator(f"{MAIN} [data-testid='stDownloadButton'] button")
    for i in range(buttons.count()):
        settle(page)  # the previous file's click reran the page: its buttons are drawn anew
        button = buttons.nth(i)
        if not button.is_visible() or button.is_disabled():
            continue
        label = button.inner_text().strip()
        download = None
        for _attempt in range(2):  # a click that lands while the page redraws is lost; a person clicks again
            try:
                with page.expect_download(timeout=30_000) as caught:
                    buttons.nth(i).click()
                download = caught.value
                break
            except playwright.sync_api.TimeoutError:
                settle(page)
        assert download is not None, f"{where}: «{label}» не отдал файл"
        name = download.suggested_filename
        assert re.search(r"[А-Яа-яЁё]", name), f"{where}: файл без русского имени: {name}"
        assert not re.search(r"_(?:[a-z]+_)*[a-z]{3,}[_.]", name.lower()), f"{where}: код в имени файла: {name}"
        path = download.path()
        assert path is not None and path.stat().st_size > 0, f"{where}: пустой файл {name}"
        names.append(name)
    return names


def matrix_cell_click(page, checks: dict) -> None:
    """Click the matrix's first cell with appeals: the cell's list must open under the map."""
    page.locator(f"{MAIN} [data-testid='stPlotlyChart']").first.scroll_into_view_if_needed()
    point = page.evaluate("""() => {
        const gd = document.querySelector("[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot");
        const heat = gd._fullData.find(t => t.type === 'heatmap' && t.showscale); const L = gd._fullLayout;
        const box = gd.getBoundingClientRect();
        for (let r = 0; r < heat.z.length; r++) for (let c = 0; c < heat.z[r].length; c++) {
            if (heat.z[r][c] > 0) return {x: box.left + L.xaxis._offset + L.xaxis.c2p(c),
                                          y: box.top + L.yaxis._offset + L.yaxis.c2p(r)};
        }
        return null; }""")
    assert point, "В матрице нет ни одной ячейки с обращениями"
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(300)
    page.mouse.click(point["x"], point["y"])
    settle(page)
    header = page.locator(f"{MAIN} strong", has_text=" · ")
    header.first.wait_for(timeout=15_000)
    assert "обращ." in page.evaluate(TEXT_JS), "Нажатие на ячейку матрицы не открыло её обращения"
    healthy(page, "Тепловая карта · ячейка матрицы", checks)


def map_click(page, checks: dict) -> str:
    """Click a settlement on the map: its name must become the chosen column of the cell list."""
    page.locator(f"{MAIN} iframe[title*='streamlit_folium']").first.scroll_into_view_if_needed()
    frame = page.frame_locator(f"{MAIN} iframe[title*='streamlit_folium']").first
    # the shapes are drawn on a canvas; the settlement's name label sits on its shape
    label = frame.locator(".leaflet-marker-icon", has_text="Петровка").first
    label.wait_for(timeout=30_000)
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] + 12)
    settle(page)
    page.wait_for_timeout(500)
    settle(page)
    picked = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stSelectbox']")]
        .map(b => b.innerText + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' ')).join(' | ')""")
    healthy(page, "Тепловая карта · нажатие на карту", checks)
    return picked


# what a page must say for a role: the defects of issue 16 that a click would not show
EXPECTED = {
    ("curator", "Тепловая карта"): "на 1 000 жителей",  # the map colours per 1 000 residents by default
    ("settlement_head", "Рейтинг получателей"): "в среднем по району",  # his place among the district's
    ("settlement_head", "Тепловая карта"): "на 1 000 жителей",
}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_control_on_every_page(server: str, browser, role: str) -> None:
    account = ROLES[role]
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    goto_signed_in(page, server + "/", account)
    wait_rendered(page)
    # a menu item's text is its icon's ligature name, then its title
    menu = [t.strip().split("\n")[-1] for t in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()]
    assert menu, "Меню пусто"
    checks: dict = {}
    done: dict[str, int] = {}
    files: list[str] = []
    for title in menu:
        if title == "Показ на совещании":
            continue  # its controls start the show: tests/browser/test_wall_in_browser.py
        page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
        settle(page)
        wait_rendered(page)
        healthy(page, title, checks)
        if (role, title) in EXPECTED:
            assert EXPECTED[role, title] in page.evaluate(TEXT_JS), f"{title}: нет «{EXPECTED[role, title]}»"
        clicks = click_tabs(page, title, checks)
        clicks += click_segments(page, title, checks)
        clicks += click_selects(page, title, checks, MAX_OPTIONS.get(role, OTHER_ROLES_OPTIONS))
        if title == "Тепловая карта" and role != "observer":
            matrix_cell_click(page, checks)
            picked = map_click(page, checks)
            assert "Петровка" in picked, f"Нажатие на Петровку на карте не выбрало её: {picked}"
            clicks += 2
        files += click_downloads(page, title)
        done[title] = clicks
    page.screenshot(path=str(ARTIFACTS / f"click_through_{role}.png"))
    assert not errors, f"Ошибки JavaScript: {errors[:3]}"
    print(f"{role}: страниц {len(done)}, нажатий {sum(done.values())}, файлов {len(files)}: {done}")
    context.close()
