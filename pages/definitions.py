"""«Как считаются показатели»: every figure's definition in words, from the code that computes it."""

import streamlit as st

from mcu_data.app import session
from mcu_data.app.views import definitions

p = session.page("definitions")
view = definitions.build(p.src)

st.title("Как считаются показатели")
st.caption(
    "Этот текст собирается из тех же определений, по которым программа считает цифры на всех страницах, в "
    "записке, отчёте в ЦУР и на экране в зале: определение записано в одном месте."
)
st.subheader("Семь состояний обращения")
st.markdown(
    "На момент расчёта каждое поступившее обращение находится ровно в одном состоянии, поэтому счёты "
    "состояний в сумме всегда дают число обращений."
)
st.dataframe(view.states, hide_index=True, width="stretch")
for section in view.sections:
    st.subheader(section.title)
    for item in section.items:
        with st.expander(item.title):
            st.markdown(item.help())
st.subheader("Цели, сроки и их источники")
st.dataframe(view.targets, hide_index=True, width="stretch")
