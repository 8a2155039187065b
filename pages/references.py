"""«Справочники»: settlements, themes and blocks, deadlines, recipients, villages, rubric mapping."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.boundaries import BoundaryError, apply_to_store, match, read_layer, save
from mcu_data import access
from mcu_data.app import caches as loaders
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_int, label, uploader_css

user = loaders.signed_in("references")

version = loaders.data_version()
settings = load_settings()

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
st.subheader("Слой границ поселений")
layer = loaders.map_layer(version)
if layer.schematic:
    st.markdown(
        "Сейчас карта — **схема**: публичного слоя границ сельских поселений нет. Загрузите настоящий слой "
        "(GeoJSON, GeoPackage или shapefile в zip-архиве): объекты сопоставятся с поселениями по коду ОКТМО, "
        "а если его нет — по названию. Геометрия упрощается для скорости; обращения ПОС с координатами "
        "попадут в поселение, в границах которого лежит точка."
    )
else:
    st.markdown(f"Карта строится по слою **{layer.source}** ({fmt_int(len(layer.frame))} поселений).")
    if access.allowed(user, access.EDIT_RULES) and st.button("Вернуть схему", key="ref_layer_reset"):
        settings.boundary_path.unlink(missing_ok=True)
        loaders.map_layer.clear()
        st.rerun()
can_edit = access.allowed(user, access.EDIT_RULES)
layer_kinds = ["geojson", "json", "gpkg", "zip"]
if can_edit:
    st.html(uploader_css("ref_layer_file", layer_kinds, settings.max_upload_mb))
upload = st.file_uploader("Файл слоя границ", type=layer_kinds, key="ref_layer_file",
                          max_upload_size=settings.max_upload_mb) if can_edit else None
if not can_edit:
    st.caption("Слой границ загружает куратор МЦУ.")
if upload is not None:
    try:
        frame = read_layer(upload.getvalue(), upload.name)
        matched, report = match(frame, refs["settlements"][["oktmo", "name_ru"]])
    except BoundaryError as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.markdown(f"Сопоставлено по {report.by}: **{fmt_int(len(matched))}** из 13 поселений.")
        if report.unmatched_features:
            st.warning("Не сопоставлены объекты слоя: " + ", ".join(report.unmatched_features[:30]))
        if report.settlements_without_geometry:
            st.warning("Поселения без границ в этом слое (на карте их не будет): "
                       + ", ".join(report.settlements_without_geometry))
        if len(matched) and st.button("Сохранить слой и перестроить карту", type="primary", key="ref_layer_save"):
            try:
                save(matched, settings.boundary_path)
                moved = apply_to_store(loaders.get_store(), matched)
            except access.AccessDenied as exc:
                st.error(str(exc), icon=":material/block:")
                st.stop()
            loaders.map_layer.clear()
            st.success(f"Слой сохранён. Обращений с координатами, отнесённых к поселению по границам: {fmt_int(moved)}.")

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
