"""«Настройки»: deadline rules (a change is a new version) and the rating's weights and targets."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.analytics import compliance, rating
from mcu_data.app import caches as loaders
from mcu_data.core import deadlines
from mcu_data.core.locale import fmt_date, label
from mcu_data.ingest import rules

user = loaders.signed_in("settings")

version = loaders.data_version()
weights_key = loaders.weights_version()
theme_names = loaders.names(version).themes
store = loaders.get_store()

st.title("Настройки")
if "set_flash" in st.session_state:
    st.success(st.session_state.pop("set_flash"), icon=":material/task_alt:")

st.subheader("Сроки ответа")
st.markdown(
    "Изменение срока создаёт новую версию правила: она действует для обращений, зарегистрированных с "
    "указанной даты, а у прежних обращений остаётся срок по той версии, что действовала при регистрации. "
    "Сроки ПОС и «Инцидент менеджмент» взяты из сообщений прессы и **не проверены** по нормативному акту."
)
current = loaders.current_rules(weights_key)
st.dataframe(
    pd.DataFrame(
        {
            "Канал": current["source_code"].map(lambda c: label("source_short", c)),
            "Тема": current["theme_code"].map(lambda t: theme_names.get(t, "все темы") if isinstance(t, str) else "все темы"),
            "Этап": current["stage"].map(lambda c: label("stage", c)),
            "Срок": [f"{a} {label('unit', u)}" for a, u in zip(current["amount"], current["unit"], strict=True)],
            "Проверено": current["verified"].map({True: "да", False: "НЕ ПРОВЕРЕНО"}),
            "Действует с": current["valid_from"].map(fmt_date),
            "Версия": current["version"],
            "Основание": current["basis_ru"],
        }
    ),
    hide_index=True,
    width="stretch",
)
with st.form("set_rule_form"):
    st.markdown("**Изменить срок**")
    a, b, c = st.columns(3)
    source = a.selectbox("Канал", ["pos", "im", "fz59", "hotline", "other"], format_func=lambda s: label("source", s))
    stage = b.selectbox("Этап", list(rules.STAGES), index=2, format_func=lambda s: label("stage", s))
    theme = c.selectbox("Тема", [None, *theme_names], format_func=lambda t: "Все темы" if t is None else theme_names[t])
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
            loaders.current_rules.clear()
            st.session_state["set_flash"] = (
                f"Сохранена версия {change.version}; она действует с {fmt_date(change.valid_from)} для новых обращений."
            )
            st.rerun()

st.subheader("Рейтинг получателей: веса и цели")
weights = loaders.rating_weights(weights_key)
titles = {c.code: c.title_ru for c in rating.COMPONENTS}
edited = st.data_editor(
    weights.assign(title=weights["component"].map(titles))[["title", "weight", "target", "component"]],
    hide_index=True,
    width="stretch",
    disabled=["title", "component"],
    column_config={
        "title": st.column_config.TextColumn("Составляющая"),
        "weight": st.column_config.NumberColumn("Вес", min_value=0.0, max_value=1.0, step=0.05, format="%.2f"),
        "target": st.column_config.NumberColumn("Цель", min_value=0.0, step=0.01, format="%.2f"),
        "component": None,
    },
    key="set_weights",
)
if st.button("Сохранить веса и цели", key="set_weights_save"):
    try:
        compliance.save_rating_weights(store, edited[["component", "weight", "target"]])
    except (ValueError, access.AccessDenied) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        loaders.rating_weights.clear()
        st.session_state["set_flash"] = "Веса и цели рейтинга сохранены."
        st.rerun()
