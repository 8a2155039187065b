"""«Обзор»: the period and its week against like periods, deadlines, outcomes, top themes and settlements."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import overview
from mcu_data.app.views.common import Empty

p = session.page("overview")
view = overview.build(p.src, p.filters, p.now, p.today)

st.title("Обзор")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
layout.notices(view.notices)
layout.tiles(view.tiles, per_row=3)

left, right = st.columns(2)
with left:
    st.subheader("Главные темы периода")
    layout.chart(view.themes_figure)
    st.caption(view.themes_caption)
with right:
    st.subheader("Поселения: обращений на 1 000 жителей")
    layout.chart(view.settlements_figure)
    st.caption(view.settlements_caption)

st.subheader("Обращения по неделям и каналам за год")
layout.chart(view.weekly_figure)
st.caption(view.weekly_caption)
