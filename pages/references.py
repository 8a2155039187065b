"""«Справочники»: settlements, themes and blocks, deadlines, recipients, villages, rubric mapping."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mcu_data import loaders
from mcu_data.locale import fmt_int, label

version = loaders.data_version()

st.title("Справочники")
st.caption(
    "Справочники хранятся в базе как данные: темы, поселения, получатели и сроки можно дополнять. "
    "Фильтры боковой панели здесь не действуют."
)
refs = loaders.reference_tables(version)
st.subheader("Сельские поселения")
sett = refs["settlements"]
st.dataframe(
    pd.DataFrame(
        {
            "Поселение": sett["name_ru"],
            "Центр": sett["admin_centre_ru"],
            "ОКТМО": sett["oktmo"],
            "Население (перепись 2021)": sett["population_2021"],
            "Координаты центра": [
                f"{lat:.5f}, {lon:.5f}".replace(".", ",") if pd.notna(lat) else "нет"
                for lat, lon in zip(sett["lat"], sett["lon"], strict=True)
            ],
            "Проверены": sett["coord_verified"].map({True: "да", False: "нет"}),
            "Примечание": sett["coord_note"],
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={"Население (перепись 2021)": st.column_config.NumberColumn(format="localized")},
)
st.caption(
    f"Всего жителей: {fmt_int(int(sett['population_2021'].sum()))}. Публичного слоя границ поселений нет; "
    "координаты приведены только там, где они найдены в источниках."
)
st.subheader("Темы и отраслевые блоки")
themes = refs["themes"].drop(columns="code").rename(
    columns={"name_ru": "Тема", "block": "Отраслевой блок", "leader": "Руководитель блока"}
)
st.dataframe(themes, hide_index=True, width="stretch")
st.subheader("Сроки ответа")
rules = refs["rules"]
st.dataframe(
    pd.DataFrame(
        {
            "Канал": rules["source_code"].map(lambda c: label("source_short", c)),
            "Этап": rules["stage"].map(lambda c: label("stage", c)),
            "Срок": [f"{a} {label('unit', u)}" for a, u in zip(rules["amount"], rules["unit"], strict=True)],
            "Проверено": rules["verified"].map({True: "да", False: "НЕ ПРОВЕРЕНО"}),
            "Основание": rules["basis_ru"],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption("Сроки ПОС и «Инцидент менеджмент» взяты из сообщений прессы и не сверены с нормативным актом.")
st.subheader("Получатели")
rec = refs["recipients"].drop(columns="code").rename(
    columns={"name_ru": "Получатель", "recipient_kind": "Вид", "block": "Отраслевой блок", "aliases": "Другие написания"}
)
rec["Вид"] = rec["Вид"].map({"department": "Отдел администрации", "institution": "Учреждение", "settlement_admin": "Администрация поселения"})
st.dataframe(rec, hide_index=True, width="stretch")
with st.expander("Справочник населённых пунктов"):
    gz = refs["gazetteer"].rename(columns={"place_ru": "Населённый пункт", "place_kind": "Тип", "settlement_oktmo": "ОКТМО поселения", "note": "Примечание"})
    st.dataframe(gz[["Населённый пункт", "Тип", "ОКТМО поселения", "Примечание"]], hide_index=True, width="stretch")
with st.expander("Соответствие рубрик источников темам"):
    theme_names = dict(zip(refs["themes"]["code"], refs["themes"]["name_ru"], strict=True))
    rb = refs["rubrics"].assign(
        source_code=lambda d: d["source_code"].map(lambda c: label("source_short", c)),
        theme_code=lambda d: d["theme_code"].map(theme_names),
    )
    st.dataframe(
        rb.rename(columns={"source_code": "Источник", "rubric": "Рубрика источника", "theme_code": "Тема", "subtheme": "Подтема"}),
        hide_index=True,
        width="stretch",
    )
