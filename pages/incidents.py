"""«Инциденты»: many messages, one problem — the period's incidents, their messages, and a person's corrections."""

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, layout, session
from mcu_data.app.views import incidents
from mcu_data.app.views.common import Empty
from mcu_data.signals import incident_store

p = session.page("incidents")
state = st.session_state
view = incidents.build(p.src, p.filters, p.user, p.now, state.get("inc_pick"))

st.title("Инциденты: одна проблема — много сообщений")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
if "inc_flash" in state:
    st.success(state.pop("inc_flash"), icon=":material/task_alt:")
st.markdown(view.summary, help=incidents.EXPLAINED)
for note in view.notes:
    st.caption(note)
st.dataframe(view.table, hide_index=True, width="stretch")

if not view.can_view_appeals:
    st.info("Сообщения инцидента видят роли с доступом к отдельным обращениям.", icon=":material/lock:")
    st.stop()

st.subheader("Сообщения инцидента")
if state.get("inc_pick") not in view.labels:
    state.pop("inc_pick", None)
st.selectbox(
    "Инцидент",
    view.ids,
    format_func=view.labels.get,
    index=None,
    placeholder="Выберите инцидент из списка",
    key="inc_pick",
)
chosen = view.chosen
if chosen is None:
    st.info("Выберите инцидент, чтобы увидеть его сообщения и исправить группировку.", icon=":material/touch_app:")
    st.stop()
st.dataframe(chosen.table, hide_index=True, width="stretch")

if not view.can_correct:
    st.stop()
left, right = st.columns(2)
with left.form("inc_split_form"):
    st.markdown("**Выделить в отдельный инцидент**")
    picked = st.multiselect(
        "Сообщения о другой проблеме",
        chosen.message_ids,
        format_func=chosen.message_labels.get,
        placeholder="Выберите сообщения",
        help="Выбранные сообщения станут одним новым инцидентом и больше не будут объединяться с остальными.",
    )
    if st.form_submit_button("Выделить", type="primary"):
        try:
            report = incident_store.split(caches.get_store(), chosen.incident_id, picked)
        except (ValueError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            state["inc_flash"] = incidents.done_text("Сообщения выделены", report)
            st.rerun()
with right.form("inc_merge_form"):
    st.markdown("**Объединить с другими инцидентами**")
    others = st.multiselect(
        "Инциденты о той же проблеме",
        [i for i in view.ids if i != chosen.incident_id],
        format_func=view.labels.get,
        placeholder="Выберите инциденты",
        help="Сообщения выбранных инцидентов станут сообщениями этого; решение сохраняется при следующих загрузках.",
    )
    if st.form_submit_button("Объединить", type="primary"):
        try:
            report = incident_store.merge(caches.get_store(), [chosen.incident_id, *others])
        except (ValueError, access.AccessDenied) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            state["inc_flash"] = incidents.done_text("Инциденты объединены", report)
            st.rerun()
