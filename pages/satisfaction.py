"""«Удовлетворённость»: ПОС ratings and answer time against their targets, and the answers of resident surveys."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import satisfaction
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import label

p = session.page("satisfaction")
state = st.session_state
view = satisfaction.build(
    p.src, p.filters, p.user, p.now, state.get("sat_by") or "recipient", state.get("sat_question")
)

st.title("Удовлетворённость")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
layout.notices(view.notices)
layout.tiles(view.tiles)
st.caption(view.targets_text)

st.subheader("Оценки ПОС от 1 до 5")
st.segmented_control(
    "Разрез",
    list(satisfaction.BY),
    default="recipient",
    format_func=lambda b: label("satisfaction_by", b),
    key="sat_by",
    help="Оценку ставит заявитель на Госуслугах после ответа на сообщение ПОС.",
)
if view.distribution is None:
    st.info("За период оценок ПОС нет: расширьте период на боковой панели.", icon=":material/star_border:")
else:
    layout.chart(view.distribution)
    st.caption(view.distribution_caption)
    layout.table(view.table, view.meters)
if view.trend is not None:
    st.subheader("Оценки 4–5 по неделям поступления")
    layout.chart(view.trend)

st.subheader("Опросы жителей")
if view.survey is None:
    st.info(view.survey_empty, icon=":material/ballot:")
else:
    st.caption(view.survey.caption)
    st.markdown("**Доля положительных ответов: поселения × вопросы**")
    layout.table(view.survey.matrix, number_texts=True)
    if view.survey.questions:
        st.selectbox("Вопрос", view.survey.questions, key="sat_question")
        layout.chart(view.survey.chart)
        st.caption(view.survey.chart_caption)
    st.markdown("**Доля положительных ответов по группам респондентов**")
    layout.table(view.survey.groups, number_texts=True)
    if view.survey.own_words:
        st.caption(view.survey.own_words)
