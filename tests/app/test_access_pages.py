"""Sign-in, session timeout and the role table under AppTest: which pages each role opens, and what an observer sees."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from mcu_data import access
from mcu_data.core.filters import Filters
from tests.app.conftest import new_app

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PETROVKA = "36612436"

USERS = {
    "curator": access.User("cur", "Куратор", "curator"),
    "officer": access.User("fz", "Ответственный за 59-ФЗ", "channel_officer", channel="fz59"),
    "leader": access.User(
        "lead",
        "Зам. Главы по ЖКХ",
        "sector_leader",
        block="deputy_housing",
        themes=("energy", "housing", "roads", "transport", "waste"),
    ),
    "head": access.User("head", "Глава Петровки", "settlement_head", oktmo=PETROVKA),
    "observer": access.User("obs", "Экран", "observer", is_screen=True),
}
# pages each role opens, from the table: the observer sees figures only, imports are the channel
# officers', corrections the sector leaders', settings and accounts the curator's
EVERYONE = {
    "overview",
    "heatmap",
    "incidents",
    "deadlines",
    "rating",
    "roadmaps",
    "wall_start",
    "definitions",
    "satisfaction",
    "official_pages",
}
OPENS = {
    "curator": EVERYONE
    | {"weekly_note", "cur_report", "data_import", "review", "references", "settings", "admin", "conflicts"},
    "officer": EVERYONE | {"weekly_note", "cur_report", "data_import", "references", "conflicts"},
    "leader": EVERYONE | {"weekly_note", "cur_report", "review", "references", "conflicts"},
    "head": EVERYONE | {"weekly_note", "cur_report", "references", "conflicts"},
    "observer": EVERYONE,
}
ALL_PAGES = sorted(OPENS["curator"])
PERSONAL_COLUMNS = {
    "Текст (персональные данные скрыты)",
    "Первое сообщение (персональные данные скрыты)",
    "Номер в источнике",
    "Адрес",
    "Текст",
}


def test_nobody_signed_in_sees_only_the_form(sample_env):
    at = new_app(APP, user=None)
    at.run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Логин", "Пароль"]
    assert not at.metric and not at.dataframe and not at.sidebar.children
    # a page opened on its own says to sign in and shows nothing
    page = new_app(str(ROOT / "pages" / "deadlines.py"), user=None)
    page.run()
    assert any("Войдите" in i.value for i in page.info) and not page.dataframe


def test_one_time_password_user_must_change_it_first(sample_env):
    """The whole sign-in (wrong password, one-time password, change) runs in the browser test; AppTest
    re-runs a page without the entry script, so here each state is checked on a fresh run."""
    at = new_app(APP, access.User("admin", "Администратор МЦУ", "curator", must_change=True))
    at.run()
    assert not at.exception
    assert at.title[0].value == "Смена пароля"
    assert [t.label for t in at.text_input] == ["Одноразовый пароль", "Новый пароль", "Новый пароль ещё раз"]
    assert not at.metric and not at.sidebar.children


def test_idle_session_times_out_but_not_the_wall_screen(sample_env):
    at = new_app(APP, USERS["curator"])
    at.session_state["mcu_seen"] = time.time() - 31 * 60
    at.run()
    assert [t.label for t in at.text_input] == ["Логин", "Пароль"]
    assert any("Сеанс завершён" in i.value for i in at.info)
    wall = new_app(APP, USERS["observer"])
    wall.session_state["mcu_seen"] = time.time() - 8 * 3600
    wall.query_params["present"] = "1"
    wall.run()
    assert not wall.text_input and any('data-slide="overview"' in h.value for h in wall.get("html"))


@pytest.mark.parametrize("role", list(USERS))
@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_access_by_role(sample_env, role, page):
    at = new_app(str(ROOT / "pages" / f"{page}.py"), USERS[role])
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    refused = any("недоступна роли" in e.value for e in at.error)
    assert refused == (page not in OPENS[role])


@pytest.mark.parametrize("role", list(USERS))
def test_menu_lists_exactly_the_role_pages(sample_env, role):
    for page in ALL_PAGES:
        at = new_app(APP, USERS[role])
        at.run()
        assert not at.exception
        path = str(ROOT / "pages" / f"{page}.py")
        if page in OPENS[role]:
            at.switch_page(path).run()
            assert not at.exception and not any("недоступна" in e.value for e in at.error), page
        else:
            # not in this role's navigation at all: there is no address to open it by
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(path)


@pytest.mark.parametrize("page", sorted(OPENS["observer"]))
def test_observer_never_sees_a_personal_data_field(sample_env, page):
    at = new_app(str(ROOT / "pages" / f"{page}.py"), USERS["observer"])
    # even with a cell picked by hand in the session, as a crafted request would
    at.session_state["hm_pick_theme"] = "housing"
    at.session_state["hm_pick_key"] = PETROVKA
    at.session_state["inc_pick"] = 1
    at.run()
    assert not at.exception
    for frame in at.dataframe:
        assert not PERSONAL_COLUMNS & set(frame.value.columns), (page, list(frame.value.columns))
    assert not at.get("download_button")


def test_settlement_head_sees_only_their_settlement(sample_env):
    at = new_app(APP, USERS["head"])
    at.run()
    assert not at.exception
    assert any("Петровка" in m.value for m in at.sidebar.markdown)
    head_total = int("".join(ch for ch in at.metric[0].value if ch.isdigit()))
    curator = new_app(APP, USERS["curator"])
    curator.session_state["flt_settlements"] = [PETROVKA]
    curator.run()
    only_petrovka = int("".join(ch for ch in curator.metric[0].value if ch.isdigit()))
    assert head_total == only_petrovka
    # a session that asks for another settlement still gets Petrovka
    crafted = new_app(str(ROOT / "pages" / "overview.py"), USERS["head"])
    crafted.session_state["mcu_filters"] = Filters(date(2026, 10, 28), date(2026, 11, 26), settlements=("36612408",))
    crafted.run()
    assert not crafted.exception
    assert "Петровка" in {row for row in crafted.dataframe[0].value.iloc[:, 0]} if crafted.dataframe else True


def test_injected_filter_values_are_refused_with_a_message(sample_env):
    at = new_app(str(ROOT / "pages" / "overview.py"))
    at.session_state["mcu_filters"] = Filters(
        date(2026, 10, 28), date(2026, 11, 26), themes=("housing' or 1=1 --",), sources=("pos); drop table appeal;",)
    )
    at.run()
    assert not at.exception
    assert any("Неизвестные значения фильтра" in w.value for w in at.warning)
    assert at.metric  # the page carries on with the default filters


def test_a_disabled_account_is_signed_out_at_its_next_step(sample_env):
    from mcu_data.access import auth
    from mcu_data.store import Store

    store = Store(sample_env)
    with access.acting(access.SYSTEM):
        auth.save_account(store, auth.Account("gone", "Уволенный сотрудник", "curator"))
    store.close()
    user = access.User("gone", "Уволенный сотрудник", "curator")
    at = new_app(APP, user)
    at.run()
    assert at.title[0].value == "Обзор"  # signed in while the account is active
    from mcu_data.app import caches as loaders

    with access.acting(access.SYSTEM):
        auth.save_account(loaders.get_store(), auth.Account("gone", "Уволенный сотрудник", "curator", active=False))
    again = new_app(APP, user)
    again.run()
    assert [t.label for t in again.text_input] == ["Логин", "Пароль"]
    assert any("отключена" in i.value for i in again.info)


def test_a_link_with_filters_opens_the_same_view(sample_env):
    from tests.app.conftest import CURATOR

    at = new_app(str(ROOT / "app.py"), CURATOR)
    at.query_params["period"] = "7"
    at.query_params["theme"] = "waste,roads"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="flt_period").value == "7"
    assert at.multiselect(key="flt_themes").value == ["waste", "roads"]
    assert not at.sidebar.warning
    # the overview counts what the link asks for: 7 days of two themes (the sample ends on 26.11.2026)
    from mcu_data.app import caches

    expected = caches.get_store().scalar(
        "select count(*) from appeal where theme_code in ('waste', 'roads') "
        "and received_at >= '2026-11-20' and received_at < '2026-11-27'"
    )
    shown = next(m.value for m in at.metric if m.label == "Обращений за период")
    assert int("".join(ch for ch in shown if ch.isdigit())) == expected > 0


def test_the_sidebar_writes_its_filters_into_the_address(sample_env):
    from tests.app.conftest import CURATOR

    at = new_app(str(ROOT / "app.py"), CURATOR)
    at.session_state["flt_period"] = "90"
    at.session_state["flt_sources"] = ["pos", "fz59"]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params == {"period": "90", "source": "pos,fz59"}


def test_a_link_beyond_the_role_falls_back_with_a_notice(sample_env):
    head = access.User("head", "Глава Петровки", "settlement_head", oktmo="36612436")
    at = new_app(str(ROOT / "app.py"), head)
    at.query_params["settlement"] = "36612428"  # Новоборское: not his
    at.query_params["theme"] = "waste"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("недоступны" in w.value and "поселения" in w.value for w in at.sidebar.warning)
    assert at.multiselect(key="flt_themes").value == ["waste"]


def _broken_page():
    import streamlit as st

    from mcu_data.app import layout

    class Broken:
        title = "Справочники"

        def run(self):
            st.title("Справочники")
            raise KeyError("none")  # what a page's own defect looks like

    layout.run_page(Broken())
    st.caption("после страницы")


def test_a_failing_page_says_so_in_russian_with_a_reference(caplog):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_broken_page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]  # no English box with server paths
    message = " ".join(e.value for e in at.error)
    assert "произошла ошибка" in message and "KeyError" not in message
    reference = message.split("Номер ошибки — ")[1].split(":")[0]
    assert len(reference) == 8
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)  # the details are in the log
    assert at.caption[0].value == "после страницы"
