"""«Показ на совещании»: choose the slides and their pace, then start the wall-screen show."""

from __future__ import annotations

import streamlit as st

from mcu_data.app import caches as loaders
from mcu_data.app import presentation
from mcu_data.app.wall_slides import TITLES
from mcu_data.core.locale import fmt_period

user = loaders.signed_in("presentation")

filters = loaders.current_filters()

st.title("Показ на совещании")
st.caption("Слайды крупным шрифтом для большого экрана: без боковой панели и меню, сменяются сами, "
           "данные обновляются без перезагрузки страницы.")

left, right = st.columns(2)
every = left.number_input(
    "Секунд на слайд", min_value=presentation.MIN_EVERY, max_value=presentation.MAX_EVERY,
    value=presentation.DEFAULT_EVERY, step=5, key="pr_every",
    help="Через столько секунд показ переходит к следующему слайду. Пауза — клавиша «Пробел».",
)
slides = right.multiselect(
    "Слайды", list(presentation.SLIDES), default=list(presentation.SLIDES), format_func=TITLES.get, key="pr_slides",
    help="Порядок слайдов постоянный: обзор → карта → матрица → сроки → рейтинг → дорожные карты.",
)
params = presentation.to_params(int(every), tuple(slides))
st.markdown(
    f"Показ возьмёт текущие фильтры: период **{fmt_period(filters.start, filters.end)}**"
    + (" и выбранные темы, поселения, каналы и получателей." if any((filters.themes, filters.settlements, filters.sources, filters.recipients)) else ", все темы и поселения.")
)
if not slides:
    st.warning("Не выбрано ни одного слайда: будут показаны все шесть.", icon=":material/warning:")
if st.button("Начать показ", type="primary", icon=":material/slideshow:", key="pr_start"):
    st.switch_page("pages/wall.py", query_params=params)

st.subheader("Управление во время показа")
st.markdown(
    "- **Пробел** — пауза и продолжение;\n"
    "- **→** и **←** — следующий и предыдущий слайд;\n"
    "- **Esc** — выйти из показа.\n\n"
    "Те же кнопки есть внизу экрана. Полоса над кнопками показывает, сколько осталось до смены слайда. "
    "Во весь экран браузер переходит по клавише **F11**."
)
st.subheader("Адрес для экрана в зале")
st.code(presentation.show_address(st.context.url, params), language=None)
st.caption("Откройте этот адрес на компьютере, подключённом к экрану, и добавьте его в закладки: показ начнётся "
           "сразу, с фильтрами по умолчанию — последние 30 дней данных. Параметр every — секунд на слайд. "
           "Чтобы экран входил сам, без пароля, и после перезапуска сервера, куратор выдаёт учётной записи "
           "экрана ключ показа на странице «Пользователи и журнал»: ключ входит в адрес.")
