"""Presentation mode under AppTest: started from its page or the URL, no sidebar, turns, pauses, refreshes; and the
slides' own rules (rows, the 90-day count, the weeks) on the sample and on hand-made stores."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mcu_data.app.source import Source
from mcu_data.app.views import wall
from mcu_data.app.wall_deck import SLIDES
from mcu_data.app.wall_sizes import wall_sizes
from mcu_data.core.filters import Filters
from mcu_data.roadmaps import measures
from tests.app.conftest import new_app
from tests.files import FZ59_HEADER, csv_bytes, fz59_row

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LAUNCHER = str(ROOT / "pages" / "wall_start.py")
NOW, TODAY = datetime(2026, 12, 1, 10, 0), date(2026, 12, 1)


def _show(**params) -> AppTest:
    at = new_app(APP)
    for key, value in {"present": "1", **params}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _slide(at: AppTest) -> str:
    heads = [m.group(1) for h in at.get("html") if (m := re.search(r'data-slide="(\w+)"', h.value))]
    assert len(heads) == 1, heads
    return heads[0]


def _week_tile(at: AppTest) -> int:
    tiles = next(h.value for h in at.get("html") if 'class="wall-tiles"' in h.value)
    value = re.search(r'<div class="v"[^>]*>([^<]+)</div>', tiles).group(1)
    return int("".join(ch for ch in value if ch.isdigit()))


def test_url_parameter_starts_the_show_without_sidebar_or_menu(sample_env):
    at = _show()
    assert _slide(at) == "overview"
    assert not at.sidebar.children  # no filters, no page menu
    assert not at.selectbox  # nothing to fiddle with on the wall
    assert [b.label for b in at.button] == ["Назад", "Пауза", "Далее", "Выйти"]
    style = next(h.value for h in at.get("html") if "<style>" in h.value)
    assert 'header[data-testid="stHeader"]' in style and "display: none" in style


def test_buttons_turn_pause_and_leave(sample_env):
    at = _show()
    at.button(key="wall_next").click().run()
    assert _slide(at) == "map"
    at.button(key="wall_back").click().run()
    at.button(key="wall_back").click().run()
    assert _slide(at) == "roadmaps"  # wraps round to the last slide
    at.button(key="wall_pause").click().run()
    assert at.button(key="wall_pause").label == "Продолжить"
    assert "пауза" in next(h.value for h in at.get("html") if 'data-slide="' in h.value)
    at.button(key="wall_exit").click().run()
    # AppTest does not follow st.switch_page; the browser test sees the overview come back
    assert "present" not in at.query_params and not at.exception


def test_chosen_slides_only(sample_env):
    at = _show(slides="rating,deadlines", every="15")
    assert _slide(at) == "deadlines"
    at.button(key="wall_next").click().run()
    assert _slide(at) == "rating"
    at.button(key="wall_next").click().run()
    assert _slide(at) == "deadlines"


def test_fresh_data_appear_on_the_next_tick(sample_env):
    """A new import lands while the show runs: the next run of the slide shows it, no reload needed.

    The overview slide covers the last complete week (16.11–22.11.2026 for the sample): the new letters fall in it.
    """
    from mcu_data.app import caches
    from mcu_data.ingest.loader import import_bytes

    at = _show()
    before = _week_tile(at)
    rows = [FZ59_HEADER] + [fz59_row(f"НОВ-{i}", received="18.11.2026") for i in range(7)]
    report = import_bytes(caches.get_store(), csv_bytes(rows, encoding="cp1251", sep=";"), "свежая_выгрузка.csv")
    assert report.rows_new == 7
    at.run()  # what the fragment's timer does every N seconds
    assert _slide(at) == "overview"
    assert _week_tile(at) == before + 7


def test_launcher_page_starts_the_show(sample_env):
    at = new_app(APP)
    at.run()
    at.switch_page(LAUNCHER).run()
    assert not at.exception
    assert at.title[0].value == "Показ на совещании"
    assert any("present=1" in c.value for c in at.code)
    at.number_input(key="pr_every").set_value(20).run()
    at.button(key="pr_start").click().run()
    assert not at.exception, [e.message for e in at.exception]
    # AppTest does not follow st.switch_page: the show itself is checked by the browser test
    assert at.query_params["present"] == "1" and at.query_params["every"] == "20"


def test_show_page_runs_on_its_own_on_an_empty_store(empty_env):
    at = new_app(str(ROOT / "pages" / "wall.py"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Загрузите" in h.value for h in at.get("html") if 'class="wall-empty"' in h.value)


def test_roadmaps_slide_shows_done_measures_with_their_effect(sample_env):
    at = _show(slides="roadmaps")
    page = " ".join(h.value for h in at.get("html"))
    assert "Последние выполненные, за всё время" in page
    # the sample's two repairs that ended outages are judged «снизилось», the pothole repair is not
    assert page.count("снизилось") == 2 and "без изменений" in page


def _issue_key(path: str) -> str:
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    store = Store(path)
    with access.acting(access.SYSTEM):
        key = auth.issue_screen_key(store, "obs")  # "obs" is the test screen account
    store.close()
    return key


def _show_by_key(key: str) -> AppTest:
    at = new_app(APP, user=None)  # a fresh session, as after a server restart or a reload on the wall
    for name, value in {"present": "1", "every": "30", "key": key}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_screen_key_in_the_address_starts_the_show_without_a_password(sample_env):
    at = _show_by_key(_issue_key(sample_env))
    assert not at.text_input  # no sign-in form
    assert _slide(at) == "overview"
    user = at.session_state["mcu_user"]
    assert (user.login, user.role, user.by_key) == ("obs", "observer", True)


def test_a_wrong_or_revoked_key_shows_the_sign_in_form_with_the_reason(sample_env):
    from mcu_data import access
    from mcu_data.access import auth
    from mcu_data.store import Store

    at = _show_by_key("чужой-ключ")
    assert [t.label for t in at.text_input] == ["Логин", "Пароль"]
    assert any("Ключ показа не подошёл" in i.value for i in at.info)
    assert "mcu_user" not in at.session_state

    key = _issue_key(sample_env)
    at = _show_by_key(key)
    assert _slide(at) == "overview"
    store = Store(sample_env)
    with access.acting(access.SYSTEM):
        auth.revoke_screen_key(store, "obs")
    store.close()
    at.button(key="wall_next").click().run()  # the next step of the show checks the key again
    assert "mcu_user" not in at.session_state


def test_the_curator_issues_and_revokes_the_screen_key_on_the_users_page(sample_env):
    from mcu_data.access import auth
    from mcu_data.store import Store

    admin_page = str(ROOT / "pages" / "admin.py")
    at = new_app(admin_page)
    at.run()
    at.selectbox(key="adm_pick").select("obs").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Ключ не выдан" in " ".join(m.value for m in at.markdown)
    at.button(key="adm_key").click().run()
    address = next(c.value for c in at.code if "key=" in c.value)
    key = address.split("key=")[1]
    users = at.dataframe[0].value.set_index("Логин")
    assert users.loc["obs", "Ключ показа"].startswith("выдан ") and users.loc["curator", "Ключ показа"] == ""
    store = Store(sample_env)
    assert auth.key_still_valid(store, "obs", key)  # the address on the page carries the key the store knows
    at.button(key="adm_key_revoke").click().run()
    assert not auth.key_still_valid(store, "obs", key)
    assert any("отозван" in s.value for s in at.success)
    store.close()


def _figure_rows(at: AppTest) -> list[int]:
    """Bars or matrix rows of each chart on the slide: the categories on its vertical axis."""
    rows = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        ys = [trace.get("y") for trace in spec["data"] if trace.get("type") in ("bar", "heatmap")]
        if spec["layout"].get("yaxis", {}).get("type") == "category" or any(
            trace.get("orientation") == "h" for trace in spec["data"]
        ):
            rows.append(max(len(set(map(str, y))) for y in ys if y))
    return rows


@pytest.mark.parametrize("slide", SLIDES)
def test_no_table_or_chart_on_a_slide_has_more_than_eight_rows(sample_env, slide: str):
    at = _show(slides=slide)
    page = " ".join(h.value for h in at.get("html"))
    bodies = re.findall(r"<tbody>(.*?)</tbody>", page)
    assert all(body.count("<tr>") <= 8 for body in bodies), [body.count("<tr>") for body in bodies]
    # the sample has 17 ranked recipients, 24 with answers due and 17 themes: all cut to at most eight
    assert all(n <= 8 for n in _figure_rows(at)), _figure_rows(at)
    if slide in ("rating", "deadlines", "matrix"):
        assert _figure_rows(at), "на слайде нет графика"
        assert "ещё" in page.lower()  # what was cut is counted


def _measure(title: str, done: date) -> measures.Measure:
    return measures.Measure(
        title=title,
        theme_codes=["housing"],
        settlement_oktmos=[],
        official="Зам. Главы по ЖКХ",
        start_date=date(2026, 1, 1),
        deadline=date(2026, 12, 31),
        status="done",
        done_date=done,
        progress=100,
    )


def test_done_within_90_days_counts_the_days_as_the_tile_says(empty_store):
    """«За 90 дн.» is today and the 89 days before it: a measure done 90 days ago is outside, as the effect's
    90-day windows count them."""
    today = date(2026, 12, 1)
    for days in (0, 10, 89, 90, 91, 200):
        measures.create(empty_store, _measure(f"за {days} дн.", today - timedelta(days=days)), by="куратор")
    slide = wall.roadmaps_slide(Source(empty_store), today)
    done = next(t for t in slide.tiles if t.label == "Выполнены")
    assert (done.value, done.note) == ("6", "из них за 90 дн.: 3")  # 0, 10 and 89 days ago
    assert slide.second_title.startswith("Последние выполненные, за всё время")
    assert [row[0] for row in slide.second_rows][:3] == ["за 0 дн.", "за 10 дн.", "за 89 дн."]


def test_overview_slide_marks_the_week_the_data_cover_in_part(sample_store):
    """The sample ends on Thursday 26.11.2026; a period to Monday 30.11 makes 23.11–29.11 the slide's week, four
    days of it with data: the heading says so in the overview page's words and the last bar is marked."""
    src = Source(sample_store)
    slide = wall.overview_slide(src, Filters(date(2026, 11, 1), date(2026, 11, 30)), NOW, TODAY)
    assert slide.subtitle.startswith("неделя 23.11–29.11.2026, неполная: 4 из 7 дней (по 26.11)")
    assert [a.text for a in slide.figure.layout.annotations] == ["неполная неделя: 4 из 7 дней"]
    for trace in slide.figure.data:  # the last bar of every channel paler, the others whole
        assert list(trace.marker.opacity)[-1] == 0.4 and set(list(trace.marker.opacity)[:-1]) == {1.0}
    assert "Темы недели 23.11–29.11.2026" == slide.table_title and "01.06–29.11.2026" in slide.note


def test_overview_slide_of_a_week_the_data_cover_is_not_marked(sample_store):
    slide = wall.overview_slide(Source(sample_store), Filters(date(2026, 10, 24), date(2026, 11, 26)), NOW, TODAY)
    assert slide.subtitle.startswith("неделя 16.11–22.11.2026 ·") and not slide.figure.layout.annotations
    counted = sample_store.scalar(
        "select count(*) from appeal where received_at >= ? and received_at < ?",
        [date(2026, 11, 16), date(2026, 11, 23)],
    )
    assert slide.tiles[0].value == str(counted)
    assert "16.11–22.11.2026" in slide.table_title and "25.05–22.11.2026" in slide.note  # each part says its window


@pytest.mark.parametrize(
    ("first", "last", "partial"),
    [
        # data from Wednesday 03.06 to Thursday 26.11: the first week has 5 days (03–07.06), the last 4 (23–26.11)
        (date(2026, 6, 3), date(2026, 11, 26), {date(2026, 6, 1): 5, date(2026, 11, 23): 4}),
        (date(2026, 6, 1), date(2026, 11, 29), {}),  # Monday to Sunday: every week whole
        (date(2026, 6, 7), date(2026, 11, 23), {date(2026, 6, 1): 1, date(2026, 11, 23): 1}),
    ],
)
def test_partial_weeks_are_found_at_both_ends(first: date, last: date, partial: dict):
    mondays = [date(2026, 6, 1) + timedelta(weeks=i) for i in range(26)]
    assert wall.partial_weeks(mondays, first, last) == partial


def test_a_partial_week_is_marked_on_the_weekly_chart():
    import pandas as pd

    weekly = pd.DataFrame(
        {"week": pd.to_datetime(["2026-11-16", "2026-11-23"]), "source_code": ["fz59", "fz59"], "n": [70, 30]}
    )
    fig = wall.weekly_figure(weekly, {date(2026, 11, 23): 4}, wall_sizes(1080), 600)
    assert [a.text for a in fig.layout.annotations] == ["неполная неделя: 4 из 7 дней"]
    assert list(fig.data[0].marker.opacity) == [1.0, 0.4] and list(fig.data[0].marker.pattern.shape) == ["", "/"]
    assert fig.layout.annotations[0].font.size >= 45 and fig.layout.legend.font.color == "#111111"
