"""«Еженедельная записка»: the note for the head of the district, on screen and as CSV and DOCX."""

from datetime import timedelta

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import weekly_note
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import fmt_period

p = session.page("weekly_note")
view = weekly_note.build(p.src, p.filters, p.today, st.session_state.get("wn_week"))

st.title("Еженедельная записка")
if isinstance(view, Empty):
    layout.empty(view)
if st.session_state.get("wn_week") != view.week.monday:
    st.session_state["wn_week"] = view.week.monday
st.selectbox(
    "Неделя",
    view.mondays,
    format_func=lambda d: fmt_period(d, d + timedelta(days=6)),
    key="wn_week",
    help="По умолчанию — последняя завершённая неделя данных, с понедельника по воскресенье.",
)
st.caption(view.caption)
columns = st.columns([1, 1, 2])
for column, item in zip(columns, view.downloads, strict=False):
    layout.download(item, column)
for section in view.sections:
    st.subheader(section.title)
    if section.table.empty:
        st.caption("Нет.")
    else:
        st.dataframe(section.table, hide_index=True, width="stretch")
        if section.more:
            st.caption(f"…и ещё {section.more}: весь список — на странице «Сроки».")
