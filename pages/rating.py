"""«Рейтинг получателей»: a 0–100 score against targets, the place of each recipient, and the formula in words."""

import streamlit as st

from mcu_data.app import layout, session
from mcu_data.app.views import rating
from mcu_data.app.views.common import Empty
from mcu_data.core.locale import label

p = session.page("rating")
view = rating.build(p.src, p.filters, p.user, p.now, st.session_state.get("rt_view") or "all")

st.title("Рейтинг ответственных получателей")
if isinstance(view, Empty):
    layout.empty(view)
st.caption(view.caption)
st.segmented_control(
    "Рейтинг",
    list(rating.VIEWS),
    default="all",
    format_func=lambda v: label("rating_view", v),
    key="rt_view",
    help="Положение о МЦУ (2.1.4 б, 2.1.5 б) называет отдельные рейтинги по системе «Инцидент менеджмент» и по ПОС.",
)
if view.own_place:
    st.info(view.own_place, icon=":material/location_city:")
if view.table.empty:
    st.info(
        "Места получают получатели, у которых за период достаточно обращений: расширьте период.",
        icon=":material/filter_alt_off:",
    )
else:
    layout.chart(view.chart)
    st.dataframe(
        view.table,
        hide_index=True,
        width="stretch",
        column_config={"Балл": st.column_config.ProgressColumn("Балл", min_value=0, max_value=100, format="%.1f")},
    )
if not view.unranked.empty:
    st.subheader("Без места в рейтинге")
    st.dataframe(view.unranked, hide_index=True, width="stretch")

st.subheader("Как считается балл")
st.markdown(view.formula)
