"""«Сроки»: deadline compliance per recipient, its trend, the lists behind every figure, accelerated resolution."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import deadlines
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import label

p = session.page("deadlines")
state = st.session_state
view = deadlines.build(
    p.src, p.filters, p.user, p.now, state.get("dl_kind") or "overdue_now", state.get("dl_recipient")
)

st.title("Сроки")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
layout.tiles(view.tiles)

st.subheader("Доля ответов в срок по получателям")
layout.chart(view.chart)
st.caption(view.chart_caption)
layout.table(view.table, view.meters)

st.subheader("Доля ответов в срок по неделям поступления")
layout.chart(view.trend)

st.subheader("Списки обращений")
if view.listing is None:
    st.info(view.lists_prompt, icon=":material/visibility_off:")
else:
    left, right = st.columns(2)
    left.selectbox("Список", view.list_kinds, format_func=lambda k: label("deadline_list", k), key="dl_kind")
    right.selectbox(
        "Получатель",
        view.recipients,
        key="dl_recipient",
        format_func=lambda r: "Все получатели" if r is None else view.recipient_names.get(r, r),
    )
    st.markdown(view.listing.header)
    layout.table(view.listing.table)
    layout.download(view.listing.download)

st.subheader("Механизм ускоренного решения")
st.caption(view.accelerated_caption)
by_theme, by_recipient = st.columns(2)
for column, frame in ((by_theme, view.accelerated_by_theme), (by_recipient, view.accelerated_by_recipient)):
    with column:
        layout.table(frame, view.accelerated_meters)
