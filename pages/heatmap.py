"""«Тепловая карта»: themes × settlements (recipients, weeks), the map, a cell's appeals, growth and problem points."""

import streamlit as st

from mcu_data.analytics import heatmap as hm
from mcu_data.app import layout, session
from mcu_data.app.views import heatmap
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import label

p = session.page("heatmap")
state = st.session_state

# a click on a matrix cell or on the map, remembered from the run it happened in
points = ((state.get("hm_matrix") or {}).get("selection") or {}).get("points") or []
if points and points[0].get("customdata"):
    state["hm_pick_theme"], state["hm_pick_key"] = points[0]["customdata"]
clicked = ((state.get("hm_map") or {}).get("last_active_drawing") or {}).get("properties") or {}
if clicked.get("oktmo") and clicked["oktmo"] != state.get("hm_map_last"):
    state["hm_map_last"] = clicked["oktmo"]
    if state.get("hm_axis", "settlement") == "settlement":
        state["hm_pick_key"] = clicked["oktmo"]
        if state.get("hm_map_theme"):
            state["hm_pick_theme"] = state["hm_map_theme"]

choices = heatmap.Choices(
    axis=state.get("hm_axis") or "settlement",
    metric=state.get("hm_metric") or "count",
    map_metric=state.get("hm_map_metric") or "per_1000",
    map_theme=state.get("hm_map_theme"),
    theme=state.get("hm_pick_theme"),
    key=state.get("hm_pick_key"),
    unit=state.get("hm_unit") or "message",
)
view = heatmap.build(p.src, p.filters, p.user, p.now, choices)

st.title("Тепловая карта")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)

left, middle, right = st.columns([1, 1, 2])
state.setdefault("hm_axis", "settlement")
left.segmented_control("Столбцы", list(hm.AXES), format_func=lambda a: label("axis", a), key="hm_axis")
state.setdefault("hm_unit", "message")
middle.segmented_control(
    "Считать",
    list(hm.UNITS),
    format_func=lambda u: label("count_unit", u),
    key="hm_unit",
    help=heatmap.INCIDENT_NOTE,
)
if state.get("hm_metric") not in view.metrics:
    state["hm_metric"] = view.metric
right.selectbox(
    "Показатель",
    view.metrics,
    format_func=lambda m: label("metric", m),
    key="hm_metric",
    help=heatmap.METRICS_HELP,
)
for note in view.notes:
    st.caption(note)
layout.chart(view.matrix, key="hm_matrix", on_select="rerun", selection_mode="points")
st.caption(view.matrix_note)

st.subheader("Карта поселений")
map_left, map_right = st.columns([1, 3])
map_left.selectbox(
    "Тема на карте",
    [None, *view.rows],
    format_func=lambda t: "Все темы" if t is None else view.row_names[t],
    key="hm_map_theme",
)
map_left.selectbox(
    "Показатель на карте",
    list(heatmap.MAP_METRICS),
    format_func=lambda m: label("metric", m),
    key="hm_map_metric",
    help="По умолчанию — обращений на 1 000 жителей: так сравнимы большие и "
    "маленькие поселения. Тот же показатель — на слайде карты в показе на совещании.",
)
with map_left:
    if view.schematic_note:
        st.warning(view.schematic_note, icon=":material/info:")
    else:
        st.caption(f"Слой границ: {view.layer_source}.")
    st.caption(view.map_legend)
with map_right:
    layout.folium_map(view.map, key="hm_map", height=460, returned_objects=["last_active_drawing"])

st.subheader("Обращения ячейки")
st.caption(view.cell_prompt)
if view.can_view_appeals:
    pick_left, pick_right = st.columns(2)
    if state.get("hm_pick_theme") not in view.rows:
        state.pop("hm_pick_theme", None)
    if state.get("hm_pick_key") not in view.columns:
        state.pop("hm_pick_key", None)
    pick_left.selectbox(
        "Тема", view.rows, format_func=view.row_names.get, index=None, placeholder="Выберите тему", key="hm_pick_theme"
    )
    pick_right.selectbox(
        label("axis", view.axis),
        view.columns,
        format_func=lambda c: view.col_names.get(c, c),
        index=None,
        placeholder="Выберите столбец",
        key="hm_pick_key",
    )
    if view.cell is not None:
        if view.cell.table.empty:
            st.info("В этой ячейке обращений нет.")
        else:
            st.markdown(f"**{view.cell.title}**: {view.cell.count_text}")
            st.dataframe(
                view.cell.table,
                hide_index=True,
                width="stretch",
                column_config={"Текст (персональные данные скрыты)": st.column_config.TextColumn(width="large")},
            )
            layout.download(view.cell.download)

st.subheader("Точки роста")
st.caption(view.growth_caption)
if not view.growth:
    st.success("Аномального роста на этой неделе нет.", icon=":material/check_circle:")
for i, point in enumerate(view.growth):
    with st.expander(point.title, expanded=i == 0):
        for line in point.lines:
            st.markdown(line)
        if point.draft and st.button(
            "Создать мероприятие по этой точке", key=f"hm_measure_{i}", icon=":material/add_task:"
        ):
            state["rm_draft"] = point.draft
            st.switch_page("pages/roadmaps.py")

st.subheader("Проблемные точки и кандидаты для опросов")
st.caption(view.problems_caption)
if view.problems.empty:
    st.info("Точек с пятью и более обращениями за период нет: расширьте период.")
else:
    layout.table(view.problems)
    if view.problems_download:
        layout.download(view.problems_download)
