"""«Тепловая карта»: themes × settlements (recipients, weeks), growth points, the map, and the appeals behind a cell."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.maps import SCHEMATIC_NOTE, build_map
from mcu_data import access
from mcu_data.analytics import heatmap
from mcu_data.app import caches as loaders
from mcu_data.app.heatmap_chart import matrix_figure
from mcu_data.core.locale import fmt_datetime, fmt_float, fmt_int, fmt_pct, fmt_period, fmt_signed_pct, label
from mcu_data.reports.exports import to_csv_bytes

user = loaders.signed_in("heatmap")

filters = loaders.current_filters()
version = loaders.data_version()
as_of = loaders.as_of(filters)
refs = loaders.references(version)
names = loaders.names(version)
theme_names, settlement_names, recipient_names = names.themes, names.settlements, names.recipients
population = refs["settlements"].set_index("oktmo")["population_2021"]

st.title("Тепловая карта")
st.caption(f"Период {fmt_period(filters.start, filters.end)} · состояние на {fmt_datetime(as_of)}")

if loaders.data_span(version) is None:
    st.info("В хранилище пока нет обращений. Загрузите выгрузки на странице «Загрузка данных».",
            icon=":material/upload_file:")
    st.stop()

left, right = st.columns([1, 2])
axis = left.segmented_control(
    "Столбцы", list(heatmap.AXES), default="settlement", format_func=lambda a: label("axis", a), key="hm_axis"
) or "settlement"
metrics = [m for m in heatmap.METRICS if axis == "settlement" or m != "per_1000"]
metric = right.selectbox(
    "Показатель",
    metrics,
    format_func=lambda m: label("metric", m),
    key="hm_metric",
    help="Изменение — к предыдущему периоду той же длины. Просроченные — ответ позже срока или срок истёк без "
    "ответа. Формальные ответы («отписки») — доля среди обращений с ответом. Население — перепись 2021 года.",
)

cells = loaders.heat_cells(filters, axis, as_of, version)
if cells["n"].sum() == 0:
    st.info("По выбранным фильтрам обращений нет. Расширьте период или снимите часть фильтров.",
            icon=":material/filter_alt_off:")
    st.stop()
if axis == "week" and metric in ("change_pct", "change_abs"):
    st.caption("У недель нет пары в прошлом периоде: изменение считается только для поселений и получателей.")

col_names = {**settlement_names, **recipient_names, heatmap.NO_KEY: "не определено"}
if axis == "settlement":
    columns = [*sorted(settlement_names, key=settlement_names.get), heatmap.NO_KEY]
elif axis == "recipient":
    columns = [*sorted((c for c in recipient_names if c != heatmap.NO_KEY), key=recipient_names.get), heatmap.NO_KEY]
else:
    columns = sorted(cells["col_key"].unique())
    col_names = {c: pd.Timestamp(c).strftime("%d.%m") for c in columns}
columns = [c for c in columns if c in set(cells["col_key"])]
rows = [t for t in refs["themes"]["code"] if t in set(cells["theme_code"])]
values = heatmap.metric_values(cells, metric, population if axis == "settlement" else None)
table = heatmap.pivot(cells, values, rows, columns, metric)

event = st.plotly_chart(
    matrix_figure(table, metric, theme_names, col_names),
    width="stretch",
    on_select="rerun",
    selection_mode="points",
    key="hm_matrix",
)
points = (event or {}).get("selection", {}).get("points", []) if event else []
if points and points[0].get("customdata"):
    picked_theme, picked_key = points[0]["customdata"]
    st.session_state["hm_pick_theme"] = picked_theme
    st.session_state["hm_pick_key"] = picked_key

st.subheader("Карта поселений")
map_left, map_right = st.columns([1, 3])
map_theme = map_left.selectbox(
    "Тема на карте", [None, *rows], format_func=lambda t: "Все темы" if t is None else theme_names[t], key="hm_map_theme"
)
map_metric = metric
settlement_cells = cells if axis == "settlement" else loaders.heat_cells(filters, "settlement", as_of, version)
summary = heatmap.settlement_summary(settlement_cells, map_theme, population)
summary_values = heatmap.metric_values(summary, map_metric, population)
layer = loaders.map_layer(version)
tooltips = {
    row.col_key: (
        f"<b>{settlement_names[row.col_key]}</b><br>Обращений: {fmt_int(row.n)}"
        f"<br>На 1 000 жителей: {fmt_float(row.n * 1000 / population[row.col_key], 1)}"
        f"<br>Изменение: {fmt_signed_pct((row.n - row.n_prev) / row.n_prev) if row.n_prev else '—'}"
        + ("<br>Главные темы: " + ", ".join(theme_names[t] for t in row.top_themes) if row.top_themes else "")
    )
    for row in summary.itertuples()
}
with map_left:
    if layer.schematic:
        st.warning(SCHEMATIC_NOTE, icon=":material/info:")
    else:
        st.caption(f"Слой границ: {layer.source}.")
    st.caption(f"Цвет — «{label('metric', map_metric)}»: синий — спокойно, красный — горячо; серый — нет данных.")
with map_right:
    clicked = st_folium(
        build_map(layer.frame, dict(zip(summary["col_key"], summary_values, strict=True)), tooltips,
                  diverging=map_metric in ("change_pct", "change_abs"), tiles_url=layer.tiles_url),
        height=460,
        use_container_width=True,
        returned_objects=["last_active_drawing"],  # a pan or a zoom does not rerun the app
        key="hm_map",
    )
drawn = (clicked or {}).get("last_active_drawing") or {}
clicked_oktmo = (drawn.get("properties") or {}).get("oktmo")
if clicked_oktmo and clicked_oktmo != st.session_state.get("hm_map_last"):
    st.session_state["hm_map_last"] = clicked_oktmo
    if axis == "settlement" and clicked_oktmo in columns:
        st.session_state["hm_pick_key"] = clicked_oktmo
        if map_theme:
            st.session_state["hm_pick_theme"] = map_theme

st.subheader("Обращения ячейки")
if access.allowed(user, access.VIEW_APPEALS):
    st.caption("Нажмите на ячейку матрицы или выберите её здесь.")
    pick_left, pick_right = st.columns(2)
    if st.session_state.get("hm_pick_theme") not in rows:
        st.session_state.pop("hm_pick_theme", None)
    if st.session_state.get("hm_pick_key") not in columns:
        st.session_state.pop("hm_pick_key", None)
    theme = pick_left.selectbox("Тема", rows, format_func=theme_names.get, index=None, placeholder="Выберите тему",
                                key="hm_pick_theme")
    key = pick_right.selectbox(label("axis", axis), columns, format_func=lambda c: col_names.get(c, c), index=None,
                               placeholder="Выберите столбец", key="hm_pick_key")
    if theme and key:
        appeals = loaders.cell_appeals(filters, axis, theme, key, version)
        if appeals.empty:
            st.info("В этой ячейке обращений нет.")
        else:
            listing = pd.DataFrame(
                {
                    "Поступило": appeals["received_at"].dt.strftime("%d.%m.%Y %H:%M"),
                    "Канал": appeals["source_code"].map(lambda c: label("source_short", c)),
                    "Номер в источнике": appeals["source_id"],
                    "Текст (персональные данные скрыты)": appeals["text_masked"].fillna(""),
                    "Статус": appeals["status_code"].map(lambda c: label("status", c)),
                    "Результат": appeals["outcome_code"].map(lambda c: label("outcome", c) if isinstance(c, str) else ""),
                    "Срок": appeals["extended_due_at"].fillna(appeals["due_at"]).dt.strftime("%d.%m.%Y"),
                    "Ответ": appeals["first_answer_at"].dt.strftime("%d.%m.%Y").fillna("—"),
                    "Получатель": appeals["recipient_code"].map(recipient_names).fillna("не определён"),
                    "Поселение": appeals["settlement_oktmo"].map(settlement_names).fillna("не определено"),
                }
            )
            st.markdown(f"**{theme_names[theme]} · {col_names.get(key, key)}**: {fmt_int(len(listing))} обращ.")
            st.dataframe(listing, hide_index=True, width="stretch",
                         column_config={"Текст (персональные данные скрыты)": st.column_config.TextColumn(width="large")})
            st.download_button(
                "Скачать список (CSV)",
                data=to_csv_bytes(listing),
                file_name=f"обращения_{theme}_{key}_{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv",
                mime="text/csv",
                icon=":material/download:",
                key="hm_cell_csv",
                on_click=loaders.record_export,
                args=(f"обращения_{theme}_{key}.csv",),
            )
else:
    st.info("Списки отдельных обращений недоступны роли «Наблюдатель / экран»: она видит только сводные показатели.",
            icon=":material/visibility_off:")

st.subheader("Точки роста")
growth = loaders.growth_points(filters, version)
week_start = filters.end - pd.Timedelta(days=6)
st.caption(
    f"Неделя {fmt_period(week_start, filters.end)} против восьми предыдущих недель: рост не меньше чем вдвое, "
    "не меньше 5 обращений и вероятность случайного всплеска (по закону Пуассона) меньше 0,1 %."
)
if growth.empty:
    st.success("Аномального роста на этой неделе нет.", icon=":material/check_circle:")
for point in growth.itertuples():
    name = f"{theme_names.get(point.theme_code, point.theme_code)} — {settlement_names.get(point.settlement_oktmo)}"
    with st.expander(f"{name}: {fmt_int(point.observed)} обращ. за неделю, обычно {fmt_float(point.baseline, 1)}",
                     expanded=point.Index == 0):
        found = loaders.growth_drivers(filters, point.theme_code, point.settlement_oktmo, version)
        st.markdown(f"Рост: **{fmt_signed_pct(point.ratio - 1)}** к обычной неделе; повторных обращений: "
                    f"{fmt_int(point.repeats)}.")
        if not found["subtopics"].empty:
            st.markdown("Подтемы: " + "; ".join(
                f"{sub} — {fmt_int(r.now)} (обычно {fmt_float(r.usual, 1)})"
                for sub, r in found["subtopics"].iterrows() if r.now > 0))
        if found["words"]:
            st.markdown("Слова, которых стало больше: " + ", ".join(f"«{w}»" for w in found["words"]))
        if not found["recipients"].empty:
            st.markdown("Получатели: " + "; ".join(
                f"{recipient_names.get(r, 'не определён')} — {fmt_int(n)}" for r, n in found["recipients"].items()))
        if user.role in ("curator", "sector_leader", "settlement_head") and st.button(
                "Создать мероприятие по этой точке", key=f"hm_measure_{point.Index}", icon=":material/add_task:"):
            top_recipient = found["recipients"].index[0] if not found["recipients"].empty else None
            st.session_state["rm_draft"] = {
                "title": f"Устранить причины роста обращений: {name}",
                "theme_codes": [point.theme_code],
                "settlement_oktmos": [point.settlement_oktmo],
                "recipient_code": top_recipient,
                "evidence": (f"Точка роста {fmt_period(week_start, filters.end)}: {point.observed} обращ. при обычных "
                             f"{fmt_float(point.baseline, 1)} в неделю. Слова: {', '.join(found['words'])}."),
                "expected_effect": "Число обращений по теме в поселении вернётся к обычному уровню.",
            }
            st.switch_page("pages/roadmaps.py")

st.subheader("Проблемные точки и кандидаты для опросов")
st.caption(
    "Тема в поселении за период: обращений на 1 000 жителей, рост к прошлому периоду, доля повторных обращений "
    f"и низкая оценка ответов — каждое в ранг от 0 до 1 среди точек с {heatmap.PROBLEM_MIN_COUNT} и более "
    "обращениями; балл — среднее. Верхние строки — кандидаты для опросов и голосований жителей (п. 1.1 е Положения)."
)
problems = heatmap.problem_points(settlement_cells, population)
if problems.empty:
    st.info("Точек с пятью и более обращениями за период нет: расширьте период.")
else:
    candidates = pd.DataFrame(
        {
            "Тема": problems["theme_code"].map(theme_names),
            "Поселение": problems["col_key"].map(settlement_names),
            "Обращений": problems["n"],
            "На 1 000 жителей": problems["per_1000"].map(lambda v: fmt_float(v, 1)),
            "Рост": problems["growth"].map(fmt_signed_pct),
            "Повторных": problems["repeat_share"].map(lambda v: fmt_pct(v, 0)),
            "Средняя оценка": problems["satisfaction"].map(lambda v: fmt_float(v, 1)),
            "Балл": problems["score"],
            "Вопрос для опроса": [
                f"Что в первую очередь сделать в поселении {settlement_names[k]} по теме «{theme_names[t]}»?"
                for t, k in zip(problems["theme_code"], problems["col_key"], strict=True)
            ],
        }
    )
    st.dataframe(candidates, hide_index=True, width="stretch",
                 column_config={"Балл": st.column_config.ProgressColumn("Балл", min_value=0, max_value=1,
                                                                      format="percent")})
    if access.allowed(user, access.EXPORT):
        st.download_button(
            "Скачать кандидатов для опросов (CSV)",
            data=to_csv_bytes(candidates),
            file_name=f"кандидаты_для_опросов_{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv",
            mime="text/csv",
            icon=":material/download:",
            key="hm_poll_csv",
            on_click=loaders.record_export,
            args=("кандидаты_для_опросов.csv",),
        )
