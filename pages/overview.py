"""«Обзор»: the week against last week and a year ago, deadlines, top themes and settlements."""

from __future__ import annotations

from datetime import date

import plotly.express as px
import streamlit as st

from mcu_data.app import caches as loaders
from mcu_data.app import charts
from mcu_data.core.config import load_settings
from mcu_data.core.locale import (
    appeals_word,
    fmt_date,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_pct,
    fmt_period,
    fmt_signed_pct,
    label,
)
from mcu_data.core.metrics import change
from mcu_data.reports import indicators

user = loaders.signed_in("overview")

filters = loaders.current_filters()
version = loaders.data_version()
as_of = loaders.as_of(filters)

st.title("Обзор")
loads = loaders.last_loads(version)
freshness = "; ".join(
    f"{label('source_short', s)} — {fmt_datetime(t.to_pydatetime())}" for s, t in zip(loads["source_code"], loads["finished_at"], strict=True)
)
st.caption(
    f"Период {fmt_period(filters.start, filters.end)} · состояние на {fmt_datetime(as_of)}"
    + (f" · загрузки: {freshness}" if freshness else "")
)

span = loaders.data_span(version)
if span is None:
    st.info(
        "В хранилище пока нет обращений. Загрузите выгрузки ПОС, «Инцидент менеджмент» или реестра 59-ФЗ "
        "на странице «Загрузки и справочники», и здесь появятся показатели.",
        icon=":material/upload_file:",
    )
    st.stop()
stale_days = (date.today() - span[1]).days
if stale_days > load_settings().stale_after_days:
    st.warning(
        f"Последнее обращение в данных — от {fmt_date(span[1])}, {stale_days} дн. назад. "
        "Показатели могут быть неполными: загрузите свежие выгрузки.",
        icon=":material/history:",
    )

for due in indicators.upcoming(date.today()):
    st.info(f"Скоро срок отчёта в ЦУР: {due.title_ru} — до {fmt_date(due.due)}. Показатели — на странице «Отчёт в ЦУР».",
            icon=":material/event:")

ov = loaders.overview_figures(filters, as_of, version)
if ov.total == 0 and sum(ov.week_counts) == 0:
    st.info(
        "По выбранным фильтрам обращений нет. Расширьте период или снимите часть фильтров на боковой панели.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

this_week, last_week, year_ago = ov.weeks
n_this, n_last, n_year = ov.week_counts
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(
    f"За неделю ({fmt_period(this_week.start, this_week.end)})",
    fmt_int(n_this),
    delta=f"{fmt_signed_pct(change(n_this, n_last), minus='-')} к прошлой неделе ({fmt_int(n_last)})",
    delta_color="inverse",
    border=True,
    help="Неделя с понедельника по последний день периода; сравнение с теми же днями прошлой недели. "
    "Рост числа обращений показан красным.",
)
c2.metric(
    "Та же неделя год назад",
    fmt_int(n_year),
    delta=f"{fmt_signed_pct(change(n_this, n_year), minus='-')} к прошлому году",
    delta_color="inverse",
    border=True,
    help=f"{fmt_period(year_ago.start, year_ago.end)}: на 52 недели раньше, чтобы дни недели совпадали.",
)
c3.metric(
    "Ответы в срок",
    fmt_pct(ov.on_time_share),
    delta=f"с опозданием: {fmt_int(ov.answered_late)}",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help="Из обращений периода, на которые дан ответ, — доля ответов не позже срока (с учётом продления).",
)
c4.metric(
    "Просрочено сейчас",
    fmt_int(ov.overdue_now),
    delta=f"из {fmt_int(ov.open_now)} ожидающих ответа",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help="Обращения без ответа, срок которых уже истёк, — за всё время, не только за период.",
)
c5.metric(
    "Решено / отписки",
    f"{fmt_pct(ov.solved_share, 0)} / {fmt_pct(ov.formal_share, 0)}",
    delta=f"{fmt_int(ov.total)} {appeals_word(ov.total)} за период",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help="Из обращений с ответом: доля, где проблема решена, и доля формальных ответов «отписок». "
    "Ответ с разъяснением не считается решением.",
)

left, right = st.columns(2)
with left:
    st.subheader("Главные темы периода")
    themes = ov.top_themes.assign(
        label=lambda d: d["name_ru"],
        text=lambda d: [f"{fmt_int(n)} ({fmt_signed_pct(c)})" for n, c in zip(d["n"], d["change"], strict=True)],
    )
    fig = px.bar(themes, x="n", y="label", orientation="h", text="text", labels={"n": "Обращений", "label": ""})
    st.plotly_chart(charts.style(fig, height=260, reversed_y=True), width="stretch")
    st.caption(f"В скобках — изменение к предыдущим {filters.days} дн.")
with right:
    st.subheader("Поселения: обращений на 1 000 жителей")
    sett = ov.top_settlements.assign(
        text=lambda d: [f"{fmt_float(r, 1)} ({fmt_int(n)})" for r, n in zip(d["per_1000"], d["n"], strict=True)]
    )
    fig = px.bar(sett, x="per_1000", y="name_ru", orientation="h", text="text", labels={"per_1000": "На 1 000 жителей", "name_ru": ""})
    st.plotly_chart(charts.style(fig, height=260, reversed_y=True, color=charts.HOT), width="stretch")
    unplaced = f" Поселение не определено у {fmt_int(ov.no_settlement)} обращ." if ov.no_settlement else ""
    st.caption(f"Население — по переписи 2021 года; в скобках — число обращений.{unplaced}")

st.subheader("Обращения по неделям и каналам за год")
weekly = ov.weekly.assign(channel=lambda d: d["source_code"].map(lambda c: label("source_short", c)))
fig = px.bar(
    weekly,
    x="week",
    y="n",
    color="channel",
    labels={"week": "Неделя (с понедельника)", "n": "Обращений", "channel": "Канал"},
    color_discrete_map=charts.channel_colors(),
)
fig.update_xaxes(tickformat="%d.%m.%Y")
if this_week.days < 7:
    fig.add_annotation(
        x=this_week.start, y=0, yanchor="bottom", text="неделя не завершена", showarrow=False, textangle=-90, font={"size": 11}
    )
st.plotly_chart(charts.style(fig, height=300), width="stretch")
if not ov.weekly.empty and ov.weekly["week"].min().date() <= span[0]:
    st.caption(f"Данные начинаются {fmt_date(span[0])}: первая неделя может быть неполной.")
