"""«Показ на совещании»: choose the slides and their pace, then start the wall-screen show."""

import streamlit as st

from mcu_data.app import session, wall_deck
from mcu_data.app.views import wall
from mcu_data.core.locale import label

p = session.page("wall_start")

st.title("Показ на совещании")
st.caption(
    "Слайды крупным шрифтом для большого экрана: без боковой панели и меню, сменяются сами, "
    "данные обновляются без перезагрузки страницы."
)
left, right = st.columns(2)
every = left.number_input(
    "Секунд на слайд",
    min_value=wall_deck.MIN_EVERY,
    max_value=wall_deck.MAX_EVERY,
    value=wall_deck.DEFAULT_EVERY,
    step=5,
    key="pr_every",
    help="Через столько секунд показ переходит к следующему слайду. Пауза — клавиша «Пробел».",
)
slides = right.multiselect(
    "Слайды",
    list(wall_deck.SLIDES),
    default=list(wall_deck.SLIDES),
    format_func=lambda s: label("slide", s),
    key="pr_slides",
    help="Порядок слайдов постоянный: обзор → карта → матрица → сроки → рейтинг → дорожные карты.",
)
view = wall.launcher(p.filters, int(every), tuple(slides), st.context.url)
st.markdown(view.scope)
if view.warning:
    st.warning(view.warning, icon=":material/warning:")
if st.button("Начать показ", type="primary", icon=":material/slideshow:", key="pr_start"):
    st.switch_page("pages/wall.py", query_params=view.params)

st.subheader("Управление во время показа")
st.markdown(
    "- **Пробел** — пауза и продолжение;\n"
    "- **→** и **←** — следующий и предыдущий слайд;\n"
    "- **Esc** — выйти из показа.\n\n"
    "Те же кнопки есть внизу экрана. Полоса над кнопками показывает, сколько осталось до смены слайда. "
    "Во весь экран браузер переходит по клавише **F11**."
)
st.subheader("Адрес для экрана в зале")
st.code(view.address, language=None)
st.caption(
    "Откройте этот адрес на компьютере, подключённом к экрану, и добавьте его в закладки: показ начнётся "
    "сразу, с фильтрами по умолчанию — последние 30 дней данных. Параметр every — секунд на слайд. "
    "Чтобы экран входил сам, без пароля, и после перезапуска сервера, куратор выдаёт учётной записи "
    "экрана ключ показа на странице «Пользователи и журнал»: ключ входит в адрес."
)
