"""Entry point: page config, the shared sidebar filters, navigation."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from mcu_data import loaders, presentation
from mcu_data.config import PACKAGE_ROOT
from mcu_data.filters import NO_SETTLEMENT, Filters
from mcu_data.locale import fmt_date, fmt_datetime, label

# a local icon: a Material icon name would make the browser fetch it from Google's font server
st.set_page_config(page_title="Тепловая карта МЦУ — Борский район", page_icon=str(PACKAGE_ROOT / "favicon.png"), layout="wide")

PERIODS = {
    "7": "Последние 7 дней",
    "30": "Последние 30 дней",
    "90": "Последние 90 дней",
    "365": "Последние 12 месяцев",
    "custom": "Свой период",
}


WALL_PAGE = "pages/wall.py"
FILTER_KEYS = ("flt_period", "flt_dates", "flt_themes", "flt_settlements", "flt_sources", "flt_recipients")


def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def sidebar_filters() -> Filters:
    """Shared filters; they go to session state so every page reads the same choice."""
    version = loaders.data_version()
    refs = loaders.references(version)
    span = loaders.data_span(version)
    default = loaders.default_filters(version)
    last_day = default.end
    first_day = span[0] if span else last_day - timedelta(days=365)

    st.sidebar.header("Фильтры")
    choice = st.sidebar.selectbox(
        "Период",
        list(PERIODS),
        index=1,
        format_func=PERIODS.get,
        key="flt_period",
        help="Период считается по дате поступления обращения и заканчивается последним днём загруженных данных.",
    )
    if choice == "custom":
        picked = st.sidebar.date_input(
            "Даты",
            value=(default.start, last_day),
            min_value=first_day,
            max_value=max(last_day, date.today()),
            format="DD.MM.YYYY",
            key="flt_dates",
        )
        start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (default.start, last_day)
    else:
        end = last_day
        start = end - timedelta(days=int(choice) - 1)

    theme_names = dict(zip(refs["themes"]["code"], refs["themes"]["name_ru"], strict=True))
    themes = st.sidebar.multiselect(
        "Темы", list(theme_names), format_func=theme_names.get, placeholder="Все темы", key="flt_themes", select_all=False
    )
    settlement_names = dict(zip(refs["settlements"]["oktmo"], refs["settlements"]["name_ru"], strict=True))
    settlement_names[NO_SETTLEMENT] = "Поселение не определено"
    settlements = st.sidebar.multiselect(
        "Сельские поселения",
        list(settlement_names),
        format_func=settlement_names.get,
        placeholder="Все поселения",
        key="flt_settlements",
        select_all=False,
    )
    sources = st.sidebar.multiselect(
        "Каналы",
        list(refs["sources"]["code"]),
        format_func=lambda c: label("source", c),
        placeholder="Все каналы",
        key="flt_sources",
        select_all=False,
        help="ПОС — Платформа обратной связи на Госуслугах; Инцидент менеджмент — сообщения из соцсетей; "
        "59-ФЗ — письменные обращения граждан.",
    )
    recipient_names = dict(zip(refs["recipients"]["code"], refs["recipients"]["name_ru"], strict=True))
    recipients = st.sidebar.multiselect(
        "Получатели",
        list(recipient_names),
        format_func=recipient_names.get,
        placeholder="Все получатели",
        key="flt_recipients",
        select_all=False,
        help="Ответственный получатель: отдел администрации, учреждение или администрация поселения.",
    )
    st.sidebar.button("Сбросить фильтры", on_click=reset_filters, icon=":material/filter_alt_off:", key="flt_reset")
    if span:
        st.sidebar.caption(f"Данные с {fmt_date(span[0])} по {fmt_date(span[1])}.")
    loads = loaders.last_loads(version)
    if not loads.empty:
        st.sidebar.caption(f"Последняя загрузка: {fmt_datetime(loads['finished_at'].max().to_pydatetime())}.")
    return Filters(
        start=start,
        end=end,
        themes=tuple(themes),
        settlements=tuple(settlements),
        sources=tuple(sources),
        recipients=tuple(recipients),
    )


def app_pages(present: bool) -> list:
    """Every page; the wall-screen show is never in the menu and becomes the start page in presentation mode."""
    return [
        st.Page("pages/overview.py", title="Обзор", icon=":material/dashboard:", default=not present),
        st.Page("pages/heatmap.py", title="Тепловая карта", icon=":material/grid_on:"),
        st.Page("pages/deadlines.py", title="Сроки", icon=":material/schedule:"),
        st.Page("pages/rating.py", title="Рейтинг получателей", icon=":material/leaderboard:"),
        st.Page("pages/roadmaps.py", title="Дорожные карты", icon=":material/route:"),
        st.Page("pages/weekly_note.py", title="Еженедельная записка", icon=":material/description:"),
        st.Page("pages/cur_report.py", title="Отчёт в ЦУР", icon=":material/summarize:"),
        st.Page("pages/presentation.py", title="Показ на совещании", icon=":material/slideshow:"),
        st.Page("pages/data_import.py", title="Загрузка данных", icon=":material/upload_file:"),
        st.Page("pages/review.py", title="Проверка тем и поселений", icon=":material/rule:"),
        st.Page("pages/references.py", title="Справочники", icon=":material/menu_book:"),
        st.Page("pages/settings.py", title="Настройки", icon=":material/settings:"),
        st.Page(WALL_PAGE, title="Показ на совещании", url_path="show", visibility="hidden", default=present),
    ]


# the wall screen (`?present=1`): no menu, no sidebar; the show reads the filters this session last set
present = presentation.is_on(st.query_params)
page = st.navigation(app_pages(present), position="hidden" if present else "sidebar")
if not present and page.url_path != "show":
    st.session_state[loaders.FILTERS_KEY] = sidebar_filters()
page.run()
