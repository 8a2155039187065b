"""Entry point: page config, sign-in, the shared sidebar filters on the pages that use them, grouped navigation."""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta

import streamlit as st

from mcu_data import access
from mcu_data.access import auth
from mcu_data.app import caches, layout, links, session, wall_deck
from mcu_data.core.config import PACKAGE_ROOT, load_settings
from mcu_data.core.filters import NO_SETTLEMENT, Filters
from mcu_data.core.locale import date_placeholder_css, fmt_date, fmt_datetime, label
from mcu_data.store import StoreBusy, StoreError

# a local icon: a Material icon name would make the browser fetch it from Google's font server
st.set_page_config(
    page_title="Тепловая карта МЦУ — Борский район", page_icon=str(PACKAGE_ROOT / "favicon.png"), layout="wide"
)

PERIODS = {
    "7": "Последние 7 дней",
    "30": "Последние 30 дней",
    "90": "Последние 90 дней",
    "365": "Последние 12 месяцев",
    "custom": "Свой период",
}
WALL_PAGE = "pages/wall.py"
BUSY_RETRY_SECONDS = 5
FILTER_KEYS = ("flt_period", "flt_dates", "flt_themes", "flt_settlements", "flt_sources", "flt_recipients")
ADDRESS_KEY = "flt_address"  # the filter parameters of the address this session last read or wrote

# (file, title, icon, access key, menu section, draws the shared filters)
PAGE_FILES = [
    ("pages/overview.py", "Обзор", ":material/dashboard:", "overview", "Анализ", True),
    ("pages/heatmap.py", "Тепловая карта", ":material/grid_on:", "heatmap", "Анализ", True),
    ("pages/deadlines.py", "Сроки", ":material/schedule:", "deadlines", "Анализ", True),
    ("pages/incidents.py", "Инциденты", ":material/hub:", "incidents", "Анализ", True),
    ("pages/rating.py", "Рейтинг получателей", ":material/leaderboard:", "rating", "Анализ", True),
    ("pages/conflicts.py", "Конфликтные ситуации", ":material/campaign:", "conflicts", "Анализ", True),
    ("pages/satisfaction.py", "Удовлетворённость", ":material/sentiment_satisfied:", "satisfaction", "Анализ", True),
    ("pages/official_pages.py", "Госпаблики", ":material/forum:", "official_pages", "Анализ", True),
    ("pages/roadmaps.py", "Дорожные карты", ":material/route:", "roadmaps", "Анализ", False),
    ("pages/weekly_note.py", "Еженедельная записка", ":material/description:", "weekly_note", "Отчёты", True),
    ("pages/cur_report.py", "Отчёт в ЦУР", ":material/summarize:", "cur_report", "Отчёты", False),
    ("pages/wall_start.py", "Показ на совещании", ":material/slideshow:", "wall_start", "Отчёты", True),
    ("pages/definitions.py", "Как считаются показатели", ":material/functions:", "definitions", "Отчёты", False),
    ("pages/data_import.py", "Загрузка данных", ":material/upload_file:", "data_import", "Данные", False),
    ("pages/review.py", "Проверка данных", ":material/rule:", "review", "Данные", False),
    ("pages/references.py", "Справочники", ":material/menu_book:", "references", "Данные", False),
    ("pages/settings.py", "Настройки", ":material/settings:", "settings", "Администрирование", False),
    ("pages/admin.py", "Пользователи и журнал", ":material/admin_panel_settings:", "admin", "Администрирование", False),
    ("pages/mailing.py", "Рассылка", ":material/forward_to_inbox:", "mailing", "Администрирование", False),
]
USES_FILTERS = {title for _, title, *_, uses in PAGE_FILES if uses}


def filters_from_address(offered: links.Choices) -> list[str]:
    """A link or a bookmark with filters in its address sets the sidebar, once per address; notices for the rest."""
    ours = {k: st.query_params[k] for k in st.query_params if k in links.PARAMS}
    if not ours or ours == st.session_state.get(ADDRESS_KEY):
        return []
    state, notices = links.from_address(ours, offered)
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state.update(state)
    st.session_state[ADDRESS_KEY] = ours
    return notices


def filters_to_address() -> None:
    """The sidebar's values into the address, so that it can be bookmarked or sent."""
    wanted = links.to_address({key: st.session_state.get(key) for key in FILTER_KEYS})
    write_address(links.PARAMS, wanted)
    st.session_state[ADDRESS_KEY] = wanted


def choices_from_address(page: str) -> None:
    """A link with a page's own choices (the heat map's columns and metrics) sets them, once per address."""
    asked = links.page_choices_from_address(page, st.query_params)
    memory = f"{ADDRESS_KEY}_{page}"
    if asked and asked != st.session_state.get(memory):
        st.session_state.update(asked)
    st.session_state[memory] = asked


def choices_to_address(page: str) -> None:
    write_address(tuple(links.PAGE_CHOICES.get(page, {})), links.page_choices_to_address(page, st.session_state))


def write_address(params: tuple[str, ...], wanted: dict[str, str]) -> None:
    """Set the address's `params` to `wanted`; one not wanted (a default) leaves the address."""
    for param in params:
        if param in wanted:
            if st.query_params.get(param) != wanted[param]:
                st.query_params[param] = wanted[param]
        elif param in st.query_params:
            del st.query_params[param]


def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state.pop(session.FILTERS_KEY, None)


def sidebar_filters(user: access.User) -> Filters:
    """Shared filters; they go to session state so every page reads the same choice."""
    src = caches.source()
    refs = src.references()
    span = src.data_span()
    default = session.default_filters(src)
    last_day = default.end
    first_day = span[0] if span else last_day - timedelta(days=365)

    names = src.names()
    settlement_names = {**names.settlements, NO_SETTLEMENT: "Поселение не определено"}
    recipient_names = dict(zip(refs["recipients"]["code"], refs["recipients"]["name_ru"], strict=True))
    offered = links.Choices(
        periods=tuple(PERIODS),
        lists={
            "theme": tuple(names.themes),
            "settlement": (user.oktmo,) if access.own_settlement(user) else tuple(settlement_names),
            "source": tuple(refs["sources"]["code"]),
            "recipient": tuple(recipient_names),
        },
        first_day=first_day,
        last_day=max(last_day, date.today()),
    )
    st.sidebar.header("Фильтры")
    # what the data cover and the reset first: under a long menu, the bottom of the sidebar is below the fold
    if span:
        loads = src.last_loads()
        loaded = (
            f"; последняя загрузка {fmt_datetime(loads['finished_at'].max().to_pydatetime())}"
            if not loads.empty
            else ""
        )
        st.sidebar.caption(f"Данные с {fmt_date(span[0])} по {fmt_date(span[1])}{loaded}.")
    st.sidebar.button("Сбросить фильтры", on_click=reset_filters, icon=":material/filter_alt_off:", key="flt_reset")
    for notice in filters_from_address(offered):
        st.sidebar.warning(notice, icon=":material/link_off:")
    # defaults through the session, not the widgets: a link or a reset sets the same keys
    st.session_state.setdefault("flt_period", "30")
    st.session_state.setdefault("flt_dates", (default.start, last_day))
    choice = st.sidebar.selectbox(
        "Период",
        list(PERIODS),
        format_func=PERIODS.get,
        key="flt_period",
        help="Период считается по дате поступления обращения и заканчивается последним днём загруженных данных.",
    )
    if choice == "custom":
        picked = st.sidebar.date_input(
            "Даты",
            min_value=first_day,
            max_value=max(last_day, date.today()),
            format="DD.MM.YYYY",
            key="flt_dates",
        )
        start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (default.start, last_day)
    else:
        end = last_day
        start = end - timedelta(days=int(choice) - 1)

    themes = st.sidebar.multiselect(
        "Темы",
        list(names.themes),
        format_func=names.themes.get,
        placeholder="Все темы",
        key="flt_themes",
        select_all=False,
    )
    if access.own_settlement(user):
        # the head of a settlement sees their own settlement; the store refuses any other
        st.sidebar.markdown(f"**Поселение:** {settlement_names.get(user.oktmo, user.oktmo)}")
        settlements = [user.oktmo]
    else:
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
    # named recipients only: names.recipients also labels «не определён», which is not a choice here
    recipients = st.sidebar.multiselect(
        "Получатели",
        list(recipient_names),
        format_func=recipient_names.get,
        placeholder="Все получатели",
        key="flt_recipients",
        select_all=False,
        help="Ответственный получатель: отдел администрации, учреждение или администрация поселения.",
    )
    filters_to_address()
    return Filters(
        start=start,
        end=end,
        themes=tuple(themes),
        settlements=tuple(settlements),
        sources=tuple(sources),
        recipients=tuple(recipients),
    )


def app_pages(present: bool, user: access.User | None) -> dict[str, list]:
    """The pages this user may open, by menu section; the wall-screen show is never in the menu.

    Before sign-in every page is listed (hidden), so the address a person typed survives the sign-in form.
    """
    sections: dict[str, list] = {}
    for file, title, icon, key, section, _ in PAGE_FILES:
        if user is None or access.page_allowed(user, key):
            sections.setdefault(section, []).append(
                st.Page(file, title=title, icon=icon, default=(key == "overview" and not present))
            )
    sections.setdefault("Отчёты", []).append(
        st.Page(WALL_PAGE, title="Показ на совещании", url_path="show", visibility="hidden", default=present)
    )
    return sections


def sign_in_form() -> None:
    st.title("Тепловая карта МЦУ")
    st.caption("Борский район Самарской области · муниципальный центр управления")
    notice = session.notice()
    if notice:
        st.info(notice, icon=":material/schedule:")
    with st.form("sign_in", width=460):
        st.subheader("Вход")
        login = st.text_input("Логин", key="si_login", autocomplete="username")
        password = st.text_input("Пароль", type="password", key="si_password", autocomplete="current-password")
        if st.form_submit_button("Войти", type="primary", icon=":material/login:"):
            try:
                session.sign_in(login, password)
            except auth.AuthError as exc:
                st.error(str(exc), icon=":material/lock:")
            else:
                st.rerun()
    st.caption(
        "Первый вход — логин admin и одноразовый пароль, который приложение напечатало в консоли при первом "
        "запуске. Учётные записи сотрудникам выдаёт куратор МЦУ на странице «Пользователи и журнал»."
    )


def change_password_form(user: access.User) -> None:
    st.title("Смена пароля")
    st.info(
        f"{user.name}, вы вошли с одноразовым паролем. Придумайте свой: не короче {auth.MIN_PASSWORD} символов.",
        icon=":material/key:",
    )
    with st.form("change_password", width=460):
        old = st.text_input("Одноразовый пароль", type="password", key="cp_old", autocomplete="current-password")
        new = st.text_input("Новый пароль", type="password", key="cp_new", autocomplete="new-password")
        again = st.text_input("Новый пароль ещё раз", type="password", key="cp_again", autocomplete="new-password")
        if st.form_submit_button("Сменить пароль", type="primary"):
            if new != again:
                st.error("Новые пароли не совпадают.")
            else:
                try:
                    session.change_password(old, new)
                except auth.AuthError as exc:
                    st.error(str(exc), icon=":material/lock:")
                else:
                    st.rerun()
    st.button("Выйти", on_click=session.sign_out, key="cp_sign_out")


def account_box(user: access.User) -> None:
    st.sidebar.caption(f"{user.name} · {label('role', user.role)}")
    st.sidebar.button("Выйти", icon=":material/logout:", on_click=session.sign_out, key="sign_out")


def store_unavailable(exc: StoreError) -> None:
    """The store cannot be opened: say why in Russian, and look again every few seconds by itself."""
    st.title("Тепловая карта МЦУ")
    if isinstance(exc, StoreBusy):
        st.warning(
            f"{exc} Панель откроется сама, как только хранилище освободится (проверка каждые "
            f"{BUSY_RETRY_SECONDS} с). Если ждать долго, завершите загрузку из командной строки: при работающей "
            "панели команда `python -m mcu_data import` идёт через сервер и хранилище не занимает.",
            icon=":material/hourglass_top:",
        )
    else:
        st.error(f"{exc} Обратитесь к администратору панели.", icon=":material/error:")

    @st.fragment(run_every=BUSY_RETRY_SECONDS)
    def look_again() -> None:
        try:
            caches.get_store()
        except StoreError:
            st.caption(f"Последняя проверка: {fmt_datetime(datetime.now())}")
        else:
            st.rerun(scope="app")

    look_again()


started = time.perf_counter()
try:
    caches.get_store()
except StoreError as exc:
    store_unavailable(exc)
    st.stop()
# the wall screen (`?present=1`): no menu, no sidebar; the show reads the filters this session last set
present = wall_deck.is_on(st.query_params)
user = session.session_user(present)
if user is None and wall_deck.key_of(st.query_params):
    user = session.sign_in_by_key(wall_deck.key_of(st.query_params))  # the meeting-room screen's bookmark
session.follow()  # just signed in or out: the browser gets or drops its session cookie
# Streamlit forgets a widget's value after a run that does not draw it; the filters are drawn only on the pages
# that use them, so their values are handed to the session each run and survive a visit to another page
for key in FILTER_KEYS:
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]
page = st.navigation(
    app_pages(present, user), position="hidden" if present or user is None else "sidebar", expanded=True
)
if user is None:
    sign_in_form()
elif user.must_change:
    change_password_form(user)
else:
    if not present and page.url_path != "show":
        # the filters first, under the menu: with 18 pages the account's box would push them below the fold
        if page.title in USES_FILTERS:
            session.keep_filters(sidebar_filters(user))
        account_box(user)
    if not present:  # the wall has no date fields
        st.html(date_placeholder_css())
    choices_from_address(page.url_path)
    layout.run_page(page)
    choices_to_address(page.url_path)
    if load_settings().log_timings:  # for `make bench`: how long the server spent on this run
        print(f"mcu.timing page {page.title}: {time.perf_counter() - started:.3f} s", file=sys.stderr, flush=True)
