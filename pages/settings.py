"""«Настройки»: deadline rules (a change is a new version) and the rating's weights, targets and minimum."""

from datetime import date

import streamlit as st

from mcu_data import access
from mcu_data.analytics import official_pages, rating, satisfaction
from mcu_data.app import caches, session
from mcu_data.app.views import settings as view_of
from mcu_data.core import codes, deadlines
from mcu_data.core.locale import fmt_date, label
from mcu_data.ingest import rules

p = session.page("settings")
view = view_of.build(p.src)
store = caches.get_store()

st.title("Настройки")
if "set_flash" in st.session_state:
    st.success(st.session_state.pop("set_flash"), icon=":material/task_alt:")

st.subheader("Сроки ответа")
st.markdown(
    "Изменение срока создаёт новую версию правила: она действует для обращений, зарегистрированных с "
    "указанной даты, а у прежних обращений остаётся срок по той версии, что действовала при регистрации. "
    "Сроки ПОС и «Инцидент менеджмент» взяты из сообщений прессы и **не проверены** по нормативному акту."
)
st.dataframe(view.rules, hide_index=True, width="stretch")
with st.form("set_rule_form"):
    st.markdown("**Изменить срок**")
    a, b, c = st.columns(3)
    source = a.selectbox("Канал", list(codes.SOURCES), format_func=lambda s: label("source", s))
    stage = b.selectbox("Этап", list(rules.STAGES), index=2, format_func=lambda s: label("stage", s))
    theme = c.selectbox("Тема", [None, *view.themes], format_func=lambda t: "Все темы" if t is None else view.themes[t])
    d, e, f = st.columns(3)
    amount = d.number_input("Срок", min_value=1, max_value=2000, value=10, step=1)
    unit = e.selectbox("Единица", list(deadlines.UNITS), index=1, format_func=lambda u: label("unit", u))
    valid_from = f.date_input("Действует с", value=date.today(), format="DD.MM.YYYY")
    basis = st.text_input("Основание", placeholder="например, постановление № … от …")
    verified = st.checkbox("Срок сверен с нормативным актом")
    if st.form_submit_button("Сохранить новую версию", type="primary"):
        try:
            change = rules.change(store, source, stage, int(amount), unit, basis, theme, valid_from, verified)
        except (rules.RuleError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.session_state["set_flash"] = (
                f"Сохранена версия {change.version}; она действует с {fmt_date(change.valid_from)} для новых обращений."
            )
            st.rerun()

st.subheader("Рейтинг получателей: веса, цели и наименьшее число обращений")
edited = st.data_editor(
    view.weights,
    hide_index=True,
    width="stretch",
    key="set_weights",
    disabled=["Составляющая", "Единица цели", "component"],
    column_config={
        "component": None,
        "Вес, %": st.column_config.NumberColumn("Вес, %", min_value=0.0, max_value=100.0, step=5.0, format="%.0f %%"),
        "Цель": st.column_config.NumberColumn("Цель", min_value=0.0, step=0.5, format="localized"),
    },
)
minimum = st.number_input(
    "Наименьшее число обращений за период для места в рейтинге",
    min_value=1,
    max_value=1000,
    value=view.minimum,
    step=1,
    key="set_min_appeals",
    help="У получателя с меньшим числом обращений рейтинг не считается: он показан отдельно — "
    "«мало обращений для оценки».",
)
if st.button("Сохранить веса и цели", key="set_weights_save"):
    try:
        rating.save_weights(store, view_of.from_percent(edited), int(minimum))
    except (ValueError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["set_flash"] = "Веса, цели и наименьшее число обращений сохранены."
        st.rerun()

st.subheader("Удовлетворённость: цели")
st.markdown(view.targets_help)
left, right = st.columns(2)
satisfied = left.number_input(
    "Цель: доля оценок 4–5 в ПОС, %",
    min_value=1,
    max_value=100,
    value=int(view.satisfied_percent),
    step=1,
    key="set_sat_share",
    help="Оценки 4 и 5 ÷ все оценки ответов на сообщения ПОС; по умолчанию не ниже 60 %.",
)
answer_days = right.number_input(
    "Цель: ответ на сообщение ПОС, дней",
    min_value=1,
    max_value=365,
    value=int(view.answer_days),
    step=1,
    key="set_sat_days",
    help="Календарных дней от поступления до первого ответа; по умолчанию 8. Срок ответа по правилам канала "
    "(таблица «Сроки ответа» выше) — отдельная настройка.",
)
if st.button("Сохранить цели", key="set_sat_save"):
    try:
        satisfaction.save_targets(store, *view_of.targets_from_percent(satisfied, answer_days))
    except (ValueError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["set_flash"] = "Цели удовлетворённости сохранены."
        st.rerun()

st.subheader("Госпаблики: молчащие страницы")
silent_days = st.number_input(
    "Страница молчит, если нет публикаций, дней",
    min_value=1,
    max_value=90,
    value=int(view.pages_silent_days),
    step=1,
    key="set_pages_silent",
    help="Страница без публикаций столько дней подряд и больше попадает в список «Молчащие страницы» на странице "
    "«Госпаблики»; по умолчанию 7.",
)
if st.button("Сохранить порог", key="set_pages_save"):
    try:
        official_pages.save_silent_days(store, int(silent_days))
    except (ValueError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.session_state["set_flash"] = "Порог молчания госпабликов сохранён."
        st.rerun()
