"""«Сроки»: deadline compliance per recipient, the overdue and risk lists, and accelerated resolution."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from mcu_data import access
from mcu_data.analytics import compliance
from mcu_data.app import caches as loaders
from mcu_data.app import charts
from mcu_data.core.locale import fmt_datetime, fmt_float, fmt_int, fmt_pct, fmt_period, label
from mcu_data.core.metrics import share
from mcu_data.reports.exports import to_csv_bytes

user = loaders.signed_in("deadlines")

filters = loaders.current_filters()
version = loaders.data_version()
as_of = loaders.as_of(filters)
names = loaders.names(version)
theme_names, settlement_names, recipient_names = names.themes, names.settlements, names.recipients

st.title("Сроки")
st.caption(f"Период {fmt_period(filters.start, filters.end)} · состояние на {fmt_datetime(as_of)}. Ответы — по "
           "обращениям, поступившим за период; «просрочено сейчас» и «срок через 2 рабочих дня» — по всем ждущим ответа.")

table = loaders.recipient_compliance(filters, as_of, version)
if table.empty:
    st.info("По выбранным фильтрам обращений нет. Расширьте период или снимите часть фильтров.",
            icon=":material/filter_alt_off:")
    st.stop()

totals = table[["answered_with_due", "on_time", "late", "overdue_now", "due_soon", "n"]].sum()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Ответы в срок", fmt_pct(share(totals["on_time"], totals["answered_with_due"])), border=True,
          help="Доля ответов, данных не позже срока с учётом продления, среди обращений периода с ответом.")
c2.metric("Ответы с опозданием", fmt_int(totals["late"]), border=True)
c3.metric("Просрочено сейчас", fmt_int(totals["overdue_now"]), border=True,
          help="Ждут ответа, срок уже прошёл.")
c4.metric("Срок в ближайшие 2 рабочих дня", fmt_int(totals["due_soon"]), border=True,
          help="Ждут ответа, срок истекает не позже конца второго рабочего дня (производственный календарь РФ).")

view = pd.DataFrame(
    {
        "Получатель": table["recipient_code"].map(recipient_names),
        "Обращений": table["n"],
        "В срок": (table["on_time"] / table["answered_with_due"]).where(table["answered_with_due"] > 0),
        "С опозданием": table["late"],
        "Просрочено сейчас": table["overdue_now"],
        "Срок ≤ 2 раб. дней": table["due_soon"],
        "Медиана ответа, дн.": table["median_days"].map(lambda v: fmt_float(v, 1)),
        "90 % ответов за, дн.": table["p90_days"].map(lambda v: fmt_float(v, 1)),
        "Отписки": table["formal"],
    }
)
chart_rows = view[view["В срок"].notna()].sort_values("В срок")
fig = px.bar(chart_rows, x="В срок", y="Получатель", orientation="h",
             text=chart_rows["В срок"].map(lambda v: fmt_pct(v, 0)), labels={"Получатель": ""})
fig.update_traces(marker_color=[charts.HOT if v < 0.9 else charts.CALM for v in chart_rows["В срок"]])
fig.update_xaxes(tickformat=".0%", range=[0, 1])
st.subheader("Доля ответов в срок по получателям")
st.plotly_chart(charts.style(fig, height=max(300, 24 * len(chart_rows) + 60)), width="stretch")
st.caption("Красным — ниже 90 %.")
st.dataframe(
    view, hide_index=True, width="stretch",
    column_config={"В срок": st.column_config.ProgressColumn("В срок", min_value=0, max_value=1, format="percent"),
                   **{c: st.column_config.NumberColumn(c, format="localized")
                      for c in ("Обращений", "С опозданием", "Просрочено сейчас", "Срок ≤ 2 раб. дней", "Отписки")}},
)

st.subheader("Доля ответов в срок по неделям")
trend = loaders.on_time_trend(filters, version)
trend = trend.assign(share=(trend["on_time"] / trend["answered_with_due"]).where(trend["answered_with_due"] > 0))
fig = px.line(trend, x="week", y="share", markers=True, labels={"week": "Неделя поступления", "share": "В срок"})
fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
fig.update_xaxes(tickformat="%d.%m.%Y")
st.plotly_chart(charts.style(fig, height=260), width="stretch")

st.subheader("Списки обращений")
if access.allowed(user, access.VIEW_APPEALS):
    kinds = {"overdue_now": "Просрочено сейчас", "due_soon": "Срок в ближайшие 2 рабочих дня",
             "late": "Ответ с опозданием (за период)", "on_time": "Ответ в срок (за период)",
             "formal": "Формальный ответ (за период)"}
    left, right = st.columns(2)
    kind = left.selectbox("Список", list(kinds), format_func=kinds.get, key="dl_kind")
    recipient = right.selectbox("Получатель", [None, *table["recipient_code"]],
                                format_func=lambda r: "Все получатели" if r is None else recipient_names.get(r, r),
                                key="dl_recipient")
    rows = loaders.compliance_listing(filters, as_of, kind, recipient, version)
    listing = pd.DataFrame(
        {
            "Срок": rows["due"].dt.strftime("%d.%m.%Y %H:%M"),
            "Поступило": rows["received_at"].dt.strftime("%d.%m.%Y"),
            "Ответ": rows["first_answer_at"].dt.strftime("%d.%m.%Y").fillna("—"),
            "Получатель": rows["recipient_code"].map(recipient_names).fillna("Получатель не определён"),
            "Канал": rows["source_code"].map(lambda c: label("source_short", c)),
            "Номер в источнике": rows["source_id"],
            "Тема": rows["theme_code"].map(theme_names),
            "Поселение": rows["settlement_oktmo"].map(settlement_names).fillna("не определено"),
            "Статус": rows["status_code"].map(lambda c: label("status", c)),
            "Текст (персональные данные скрыты)": rows["text_masked"].fillna(""),
        }
    )
    st.markdown(f"**{kinds[kind]}**: {fmt_int(len(listing))} обращ.")
    st.dataframe(listing, hide_index=True, width="stretch",
                 column_config={"Текст (персональные данные скрыты)": st.column_config.TextColumn(width="large")})
    st.download_button(f"Скачать список «{kinds[kind]}» (CSV)", data=to_csv_bytes(listing),
                       file_name=f"{kind}_{filters.end:%Y%m%d}.csv", mime="text/csv", icon=":material/download:",
                       key="dl_csv", on_click=loaders.record_export, args=(f"{kind}_{filters.end:%Y%m%d}.csv",))
else:
    st.info("Списки отдельных обращений недоступны роли «Наблюдатель / экран»: она видит только сводные показатели.",
            icon=":material/visibility_off:")

st.subheader("Механизм ускоренного решения")
st.caption(f"Доля социально значимых обращений периода, решённых не позже {compliance.ACCELERATED_DAYS} календарных "
           "дней со дня поступления (Положение о МЦУ, п. 1.1). «Решено» — только решённые, не разъяснения.")
by_theme, by_recipient = st.columns(2)
for column, by, names, title in ((by_theme, "theme", theme_names, "Тема"),
                                 (by_recipient, "recipient", recipient_names, "Получатель")):
    acc = loaders.accelerated(filters, by, version)
    column.dataframe(
        pd.DataFrame({title: acc["key"].map(names), "Обращений": acc["n"],
                      "Решено за 30 дней": (acc["solved_in_time"] / acc["n"]).where(acc["n"] > 0)}),
        hide_index=True, width="stretch",
        column_config={"Решено за 30 дней": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")},
    )
