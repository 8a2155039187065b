"""«Госпаблики» under AppTest on the sample store: the figures it shows are checked against queries written here, not
against the page's own functions; a settlement head sees only their settlement's pages; the silence threshold set on
«Настройки» changes the silent list; an empty store says what to load and where."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from mcu_data import access
from mcu_data.core.filters import Filters
from tests.app.conftest import html_tables, new_app

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = str(ROOT / "pages" / "official_pages.py")
SETTINGS = str(ROOT / "pages" / "settings.py")
PETROVKA = "36612436"
# the sidebar's default: the last 30 days of the sample, 28.10–26.11.2026; the pages' export ends 26.11 too
ANSWERED = """
    select sum(d.comments), sum(d.answered)
    from official_page_day d join official_page p using (page_id)
    where d.day between '2026-10-28' and '2026-11-26' and d.comments is not null and d.answered is not null {extra}
"""
# a page is silent when its last post is N days or more before 26.11 (the last day of the export)
SILENT = """
    select p.name
    from official_page p join official_page_day d using (page_id)
    group by p.name
    having max(d.day) filter (where d.posts > 0) <= date '2026-11-26' - ?::integer
    order by p.name
"""


def _run(path: str, user: access.User | None = None, **state) -> AppTest:
    at = new_app(path) if user is None else new_app(path, user)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _tile(at: AppTest, name: str):
    return next(m for m in at.metric if m.label == name)


def _silent_names(at: AppTest) -> set[str]:
    table = next((t for t in html_tables(at) if "Дней без публикаций" in t.columns), None)
    return set() if table is None else set(table["Страница"])


def test_the_page_opens_from_the_menu_with_the_sample_figures(sample_env):
    from mcu_data.app import caches

    at = _run(APP)
    at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Госпаблики"
    store = caches.get_store()
    comments, answered = store.rows(ANSWERED.format(extra=""))[0]
    assert comments > 100
    assert _tile(at, "Ответы на комментарии").value == f"{round(100 * answered / comments)}\xa0%"
    assert _tile(at, "Ответы на комментарии").delta == f"отвечено {answered:,} из {comments:,}".replace(",", "\xa0")
    assert _tile(at, "Страниц").value == str(store.scalar("select count(*) from official_page"))
    silent = [r[0] for r in store.rows(SILENT, [7])]
    # the sample's story: Гвардейцы silent 19 days, Подгорное 10, Усманка posts rarely
    assert {"Гвардейцы — официально", "Подгорное — наш дом"} <= set(silent)
    assert _tile(at, "Страниц").delta == f"молчат 7 дн. и дольше: {len(silent)}"
    assert _silent_names(at) == set(silent)
    owners = next(t for t in html_tables(at) if "Владелец" in t.columns and "Молчат" in t.columns)
    assert {"Центральная районная больница", "Администрация сп Гвардейцы", "Владелец не определён"} <= set(
        owners["Владелец"]
    )
    assert owners["Владелец"].iloc[-1] == "Владелец не определён"  # the pages nobody owns come last
    hospital = owners.set_index("Владелец").loc["Центральная районная больница"]
    h_comments, h_answered = store.rows(ANSWERED.format(extra="and p.recipient_code = 'health_crb'"))[0]
    assert hospital["Ответы на комментарии"] == f"{round(100 * h_answered / h_comments)}\xa0%"
    pages = next(t for t in html_tables(at) if "Последняя публикация" in t.columns and "Соцсеть" in t.columns
                 and "Рост подписчиков" in t.columns)  # fmt: skip
    assert len(pages) == 13
    assert "Владелец не определён («Молодёжный совет»)" in set(pages["Владелец"])
    assert at.get("plotly_chart")


def test_a_settlement_head_sees_only_their_settlement(sample_env):
    head = access.User("head", "Глава Петровки", "settlement_head", oktmo=PETROVKA)
    at = _run(PAGE, head)
    assert not at.error
    pages = next(t for t in html_tables(at) if "Последняя публикация" in t.columns and "Рост подписчиков" in t.columns)
    assert list(pages["Страница"]) == ["Сельское поселение Петровка"]
    assert _tile(at, "Страниц").value == "1"


def test_the_observer_sees_the_aggregates(sample_env):
    at = _run(PAGE, access.User("obs", "Экран", "observer", is_screen=True))
    assert at.title[0].value == "Госпаблики" and not at.error


def test_a_period_without_pages_says_when_there_are_some(sample_env):
    at = new_app(PAGE)
    at.session_state["mcu_filters"] = Filters(date(2026, 3, 1), date(2026, 3, 31))
    at.run()
    assert not at.exception
    assert any("За период нет данных о госпабликах" in i.value and "по 26.11.2026" in i.value for i in at.info)


def test_the_threshold_set_on_settings_changes_the_silent_list(sample_env):
    from mcu_data.app import caches

    at = _run(SETTINGS)
    assert at.number_input(key="set_pages_silent").value == 7
    at.number_input(key="set_pages_silent").set_value(15)
    at.button(key="set_pages_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Порог молчания госпабликов сохранён" in s.value for s in at.success)
    store = caches.get_store()
    assert store.scalar("select value from app_setting where key = 'official_pages_silent_days'") == "15"
    page = _run(PAGE)
    expected = {r[0] for r in store.rows(SILENT, [15])}
    assert "Гвардейцы — официально" in expected and "Подгорное — наш дом" not in expected  # 19 ≥ 15 > 10
    assert _silent_names(page) == expected


def test_an_empty_store_says_what_to_load_and_where(empty_env):
    at = _run(PAGE)
    assert any("«Загрузка данных», вкладка «Госпаблики»" in i.value for i in at.info)


def test_the_rating_shows_the_pages_component_once_it_has_a_weight(sample_env):
    from mcu_data.analytics import rating
    from mcu_data.app import caches

    page = str(ROOT / "pages" / "rating.py")
    before = _run(page)
    assert not any("Ответы в госпабликах" in d.value.columns for d in before.dataframe)  # weight 0: not shown
    store = caches.get_store()
    weights = rating.weights(store)
    weights.loc[weights["component"] == "pages_answered", "weight"] = 0.25
    with access.acting(access.SYSTEM):
        rating.save_weights(store, weights)
    at = _run(page)
    table = next(d.value for d in at.dataframe if "Ответы в госпабликах" in d.value.columns).set_index("Получатель")
    comments, answered = store.rows(ANSWERED.format(extra="and p.recipient_code = 'health_crb'"))[0]
    assert (
        table.loc["Центральная районная больница", "Ответы в госпабликах"] == f"{round(100 * answered / comments)}\xa0%"
    )
