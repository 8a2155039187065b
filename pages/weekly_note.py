"""«Еженедельная записка»: the note for the head of the district, on screen and as CSV and DOCX."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from mcu_data.app import caches as loaders
from mcu_data.core import metrics
from mcu_data.core.locale import fmt_period
from mcu_data.reports import documents, weekly_note

user = loaders.signed_in("weekly_note")

filters = loaders.current_filters()
version = loaders.data_version()
span = loaders.data_span(version)
today = date.today()

st.title("Еженедельная записка")
if span is None:
    st.info("В хранилище пока нет обращений. Загрузите выгрузки на странице «Загрузка данных».",
            icon=":material/upload_file:")
    st.stop()

last = metrics.last_complete_week(min(today, span[1] + timedelta(days=1)))
mondays = [last.start - timedelta(weeks=k) for k in range(0, 53)
           if last.start - timedelta(weeks=k) >= span[0] - timedelta(days=6)]
start = st.selectbox("Неделя", mondays, format_func=lambda d: fmt_period(d, d + timedelta(days=6)), key="wn_week",
                     help="По умолчанию — последняя завершённая неделя, с понедельника по воскресенье. Фильтры тем, "
                     "поселений, каналов и получателей с боковой панели действуют; период задаёт неделя.")
note = loaders.weekly_note(filters, start, today, version)
st.caption(weekly_note.title(note))

c1, c2, _ = st.columns([1, 1, 2])
c1.download_button("Скачать CSV", data=documents.to_csv(note), file_name=f"записка_{start:%Y%m%d}.csv",
                   on_click=loaders.record_export, args=(f"записка_{start:%Y%m%d}.csv",),
                   mime="text/csv", icon=":material/download:", key="wn_csv")
c2.download_button("Скачать DOCX", data=documents.to_docx(note), file_name=f"записка_{start:%Y%m%d}.docx",
                   on_click=loaders.record_export, args=(f"записка_{start:%Y%m%d}.docx",),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   icon=":material/description:", key="wn_docx")

for section in note.sections:
    st.subheader(section.title)
    if section.table.empty:
        st.caption("Нет.")
    else:
        st.dataframe(section.table, hide_index=True, width="stretch")
