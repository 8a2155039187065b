"""«Отчёт в ЦУР»: indicator values for a quarter or a year, due dates, hand-entered values, XLSX and DOCX."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mcu_data import access
from mcu_data.app import caches as loaders
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, fmt_pct
from mcu_data.reports import documents, indicators
from mcu_data.reports.exports import to_xlsx_bytes

user = loaders.signed_in("cur_report")

today = date.today()
store = loaders.get_store()

st.title("Отчёт в ЦУР")
st.caption("Значения показателей за квартал — до 5-го числа следующего месяца, за год — до 20 декабря "
           "(Регламент взаимодействия с ЦУР, п. 2.4). Перечень показателей хранится в базе и редактируется: "
           "официальный перечень не получен, здесь — стартовый набор.")
if "cr_flash" in st.session_state:
    st.success(st.session_state.pop("cr_flash"), icon=":material/task_alt:")

periods = [indicators.quarter(y, q) for y in (today.year, today.year - 1) for q in (4, 3, 2, 1)
           if indicators.quarter(y, q).start <= today] + [indicators.year(today.year), indicators.year(today.year - 1)]
finished = next((i for i, p in enumerate(periods) if p.end < today), 0)  # the quarter being reported
period = st.selectbox("Период", periods, index=finished,
                      format_func=lambda p: f"{p.title_ru} (сдать до {fmt_date(p.due)})", key="cr_period")
frame = loaders.indicator_values(period, today)


def fmt_value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return {"share": fmt_pct(value, 1), "score": fmt_float(value, 2)}.get(unit, fmt_int(value))


rows = documents.indicators_table(frame, fmt_value)
table = pd.DataFrame(rows, columns=documents.REPORT_COLUMNS)
st.dataframe(table, hide_index=True, width="stretch")
title = f"Показатели МЦУ муниципального района Борский: {period.title_ru}"
c1, c2, _ = st.columns([1, 1, 2])
c1.download_button("Скачать XLSX", data=to_xlsx_bytes(table, "Показатели"), file_name=f"показатели_{period.code}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", key="cr_xlsx", on_click=loaders.record_export,
                   args=(f"показатели_{period.code}.xlsx",))
c2.download_button("Скачать DOCX", data=documents.report_docx(title, rows, today),
                   file_name=f"показатели_{period.code}.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   icon=":material/description:", key="cr_docx", on_click=loaders.record_export,
                   args=(f"показатели_{period.code}.docx",))

manual = frame[frame["formula"] == "manual"]
if not manual.empty and access.allowed(user, access.EDIT_RULES):
    st.subheader("Значения, которые вводятся вручную")
    with st.form("cr_manual"):
        code = st.selectbox("Показатель", list(manual["code"]),
                            format_func=lambda c: manual.set_index("code").loc[c, "name_ru"])
        value = st.number_input("Значение, %", min_value=0.0, max_value=100.0, step=1.0)
        if st.form_submit_button("Сохранить"):
            try:
                indicators.set_manual(store, code, period, value / 100, user.name)
            except (ValueError, access.AccessDenied) as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.session_state["cr_flash"] = "Значение сохранено."
                st.rerun()
