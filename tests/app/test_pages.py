"""Every page runs under AppTest, through app.py and on its own, on sample and on empty data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = [str(ROOT / "pages" / name) for name in ("overview.py", "data_sources.py")]


def _run(path: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_app_shows_overview_with_figures(sample_env):
    at = _run(APP)
    labels = [m.label for m in at.metric]
    assert any(label.startswith("За неделю") for label in labels)
    assert {"Та же неделя год назад", "Ответы в срок", "Просрочено сейчас", "Решено / отписки"} <= set(labels)
    assert all(m.value not in ("", "—") for m in at.metric)
    assert at.title[0].value == "Обзор"
    assert not at.error


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).stem)
def test_every_page_runs_through_the_app(sample_env, page):
    at = _run(APP)
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).stem)
def test_every_page_runs_on_its_own(sample_env, page):
    at = _run(page)
    assert at.title


def _run_with(path: str, **state) -> AppTest:
    """A first run with widget values preset through their keys.

    AppTest drops the entry script's sidebar on a rerun when pages are files, so each
    choice is tested on a fresh run rather than by changing a widget and rerunning.
    """
    at = AppTest.from_file(path, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _period_total(at: AppTest) -> int:
    delta = at.metric[4].delta  # «N обращений за период»
    return int("".join(ch for ch in delta.split("обращ")[0] if ch.isdigit()))


def test_filters_narrow_the_figures(sample_env):
    everything = _period_total(_run(APP))
    roads = _period_total(_run_with(APP, flt_themes=["roads"]))
    roads_and_housing = _period_total(_run_with(APP, flt_themes=["roads", "housing"]))
    assert 0 < roads < roads_and_housing < everything
    week = _period_total(_run_with(APP, flt_period="7"))
    year = _period_total(_run_with(APP, flt_period="365"))
    assert 0 < week < everything < year


def test_filter_with_no_appeals_says_what_to_do(sample_env):
    at = _run_with(APP, flt_settlements=["36612452"], flt_themes=["guardianship"], flt_period="7")
    assert any("обращений нет" in i.value for i in at.info)
    assert not at.metric


def test_empty_store_says_how_to_load(empty_env):
    at = _run(APP)
    assert any("Загрузите выгрузки" in i.value for i in at.info)
    at.switch_page(PAGES[1]).run()
    assert not at.exception
    assert any("Загрузок пока не было" in i.value for i in at.info)


def test_reference_tab_shows_unverified_deadlines(sample_env):
    at = _run(PAGES[1])
    frames = [df.value for df in at.dataframe]
    rules = next(f for f in frames if "Проверено" in f.columns)
    assert "НЕ ПРОВЕРЕНО" in set(rules["Проверено"])
    assert set(rules.loc[rules["Проверено"] == "НЕ ПРОВЕРЕНО", "Канал"]) == {"ПОС", "Инцидент менеджмент"}
    settlements = next(f for f in frames if "ОКТМО" in f.columns and "Поселение" in f.columns)
    assert len(settlements) == 13

