"""«Конфликтные ситуации»: repeats after formal answers, threats to go higher, deleted comments, collective appeals
and a sharp tone, ranked, each with its reasons, its appeals and a roadmap measure to draft from it."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import conflicts
from mcu_data.app.views.common import Empty

p = session.page("conflicts")
state = st.session_state
view = conflicts.build(p.src, p.filters, p.now, p.user, state.get("cf_pick"))

st.title("Конфликтные ситуации")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
layout.tiles(view.tiles, per_row=4)

st.subheader("Сигналы по рангу")
st.caption(view.rank_caption)
st.markdown(view.count_text)
layout.table(view.table, number_texts=True)

st.subheader("Сигнал подробно")
if state.get("cf_pick") not in view.options:
    state["cf_pick"] = view.options[0]
st.selectbox("Обращение", view.options, format_func=view.option_names.get, key="cf_pick")
signal = view.chosen
st.markdown(f"**{signal.title}**")
for line in signal.reasons:
    st.markdown(f"- {line}")
st.markdown(f"**Получатель:** {signal.recipient}")
with st.container(border=True):
    st.caption(conflicts.TEXT_COLUMN)
    st.text(signal.text)
st.markdown("**Обращения за сигналом**")
layout.table(signal.appeals)
if signal.draft and st.button(signal.draft.label, key="cf_measure", icon=":material/add_task:"):
    state["rm_draft"] = signal.draft.draft
    st.switch_page("pages/roadmaps.py")
