"""«Госпаблики»: the official pages' posting regularity, answered comments, silent pages and follower growth."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import official_pages
from mcu_data.app.views.common import Empty

p = session.page("official_pages")
view = official_pages.build(p.src, p.filters, p.user, p.now)

st.title("Госпаблики")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
layout.tiles(view.tiles)

st.subheader("По владельцам страниц", help=view.help)
layout.table(view.owners, view.owner_meters)

st.subheader("Молчащие страницы")
st.caption(view.silent_caption)
if len(view.silent):
    layout.table(view.silent)

st.subheader("Рост подписчиков")
if view.chart is None:
    st.info("За период выгрузки не сообщают число подписчиков.", icon=":material/group:")
else:
    layout.chart(view.chart)
    st.caption(view.chart_caption)

st.subheader("Все страницы")
layout.table(view.pages, view.page_meters)
