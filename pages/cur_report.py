"""«Отчёт в ЦУР»: indicator values for a quarter or a year, due dates, hand-entered values, XLSX and DOCX."""

import streamlit as st

from mcu_data import access
from mcu_data.app import caches, layout, session
from mcu_data.app.views import cur_report
from mcu_data.core.locale import fmt_date
from mcu_data.reports import indicators

p = session.page("cur_report")
state = st.session_state
view = cur_report.build(p.src, p.user, p.today, state.get("cr_period"))

st.title("Отчёт в ЦУР")
st.caption(
    "Значения показателей за квартал — до 5-го числа следующего месяца, за год — до 20 декабря "
    "(Регламент взаимодействия с ЦУР, п. 2.4). Перечень показателей хранится в базе и редактируется: "
    "официальный перечень не получен, здесь — стартовый набор."
)
if "cr_flash" in state:
    st.success(state.pop("cr_flash"), icon=":material/task_alt:")
codes = [period.code for period in view.periods]
if state.get("cr_period") not in codes:
    state["cr_period"] = view.period.code
by_code = {period.code: period for period in view.periods}
st.selectbox(
    "Период",
    codes,
    format_func=lambda c: f"{by_code[c].title_ru} (сдать до {fmt_date(by_code[c].due)})",
    key="cr_period",
)
st.caption(view.caption)
st.dataframe(view.table, hide_index=True, width="stretch")
columns = st.columns([1, 1, 2])
for column, item in zip(columns, view.downloads, strict=False):
    layout.download(item, column)

if view.manual:
    st.subheader("Значения, которые вводятся вручную")
    with st.form("cr_manual"):
        code = st.selectbox("Показатель", list(view.manual), format_func=view.manual.get)
        typed = st.text_input("Значение, %", placeholder="например, 87,5", help="От 0 до 100; можно с запятой.")
        if st.form_submit_button("Сохранить"):
            try:
                indicators.set_manual(
                    caches.get_store(), code, view.period, cur_report.from_percent(typed), p.user.name
                )
            except (ValueError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                state["cr_flash"] = "Значение сохранено."
                st.rerun()
