"""«Справочники»: settlements, themes and blocks, deadlines, recipients, villages, rubric mapping."""

import streamlit as st

from geo.boundaries import BoundaryError, match
from mcu_data import access
from mcu_data.app import caches, session
from mcu_data.app.views import references
from mcu_data.core.config import load_settings
from mcu_data.core.locale import fmt_int, uploader_css
from mcu_data.store import boundaries

p = session.page("references")
settings = load_settings()
view = references.build(p.src, p.user)

st.title("Справочники")
st.caption(
    "Справочники хранятся в базе как данные: темы, поселения, получатели и сроки можно дополнять. "
    "Фильтры боковой панели здесь не действуют."
)
st.subheader("Сельские поселения")
st.dataframe(
    view.settlements,
    hide_index=True,
    width="stretch",
    column_config={"Население (перепись 2021)": st.column_config.NumberColumn(format="localized")},
)
st.caption(view.residents)

st.subheader("Слой границ поселений")
st.markdown(view.layer_text)
if not view.layer_schematic and view.can_edit_layer and st.button("Вернуть схему", key="ref_layer_reset"):
    boundaries.reset(caches.get_store(), settings.boundary_path)
    st.rerun()
if not view.can_edit_layer:
    st.caption("Слой границ загружает куратор МЦУ.")
else:
    kinds = ["geojson", "json", "gpkg", "zip"]
    st.html(uploader_css("ref_layer_file", kinds, settings.max_upload_mb))
    upload = st.file_uploader(
        "Файл слоя границ", type=kinds, key="ref_layer_file", max_upload_size=settings.max_upload_mb
    )
    if upload is not None:
        try:
            matched, report = match(boundaries.read_checked(upload.getvalue(), upload.name), view.settlement_frame)
        except BoundaryError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.markdown(f"Сопоставлено по {report.by}: **{fmt_int(len(matched))}** из 13 поселений.")
            if report.unmatched_features:
                st.warning("Не сопоставлены объекты слоя: " + ", ".join(report.unmatched_features[:30]))
            if report.settlements_without_geometry:
                st.warning(
                    "Поселения без границ в этом слое (на карте их не будет): "
                    + ", ".join(report.settlements_without_geometry)
                )
            if len(matched) and st.button("Сохранить слой и перестроить карту", type="primary", key="ref_layer_save"):
                try:
                    boundaries.save(caches.get_store(), matched, settings.boundary_path)
                    moved = boundaries.apply_to_store(caches.get_store(), matched)
                except access.AccessDenied as exc:
                    st.error(str(exc), icon=":material/block:")
                else:
                    st.success(
                        "Слой сохранён. Обращений с координатами, отнесённых к поселению по границам: "
                        f"{fmt_int(moved)}."
                    )

st.subheader("Темы и отраслевые блоки")
st.dataframe(view.themes, hide_index=True, width="stretch")
st.subheader("Сроки ответа")
st.dataframe(view.rules, hide_index=True, width="stretch")
st.caption("Сроки ПОС и «Инцидент менеджмент» взяты из сообщений прессы и не сверены с нормативным актом.")
st.subheader("Получатели")
st.dataframe(view.recipients, hide_index=True, width="stretch")
with st.expander("Справочник населённых пунктов"):
    st.dataframe(view.gazetteer, hide_index=True, width="stretch")
with st.expander("Соответствие рубрик источников темам"):
    st.dataframe(view.rubrics, hide_index=True, width="stretch")
with st.expander("Справочник значений: статусы, результаты, каналы"):
    st.caption(
        "Как системы-источники пишут статус, результат и канал и что это значит для панели. Регистр, «ё» и лишние "
        "пробелы не важны. Новое значение вносится на странице «Проверка», во вкладке «Нераспознанные значения»."
    )
    st.dataframe(view.value_maps, hide_index=True, width="stretch")
