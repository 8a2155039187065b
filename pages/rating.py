"""«Рейтинг получателей»: composite score against targets, rank, change, and the formula in plain Russian."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.express as px
import streamlit as st

from mcu_data.analytics import rating
from mcu_data.app import caches as loaders
from mcu_data.app import charts
from mcu_data.core.locale import fmt_datetime, fmt_float, fmt_int, fmt_pct, fmt_period

user = loaders.signed_in("rating")

filters = loaders.current_filters()
version = loaders.data_version()
weights_key = loaders.weights_version()
as_of = loaders.as_of(filters)
recipient_names = loaders.names(version).recipients

st.title("Рейтинг ответственных получателей")
st.caption(f"Период {fmt_period(filters.start, filters.end)} против предыдущих {filters.days} дн. · "
           f"состояние на {fmt_datetime(as_of)}")

views = {"all": "Все каналы", "im": "Инцидент менеджмент", "pos": "ПОС"}
view = st.segmented_control("Рейтинг", list(views), default="all", format_func=views.get, key="rt_view",
                            help="Положение о МЦУ (2.1.4 б, 2.1.5 б) называет отдельные рейтинги по системе "
                            "«Инцидент менеджмент» и по ПОС.") or "all"
scoped = filters if view == "all" else replace(filters, sources=(view,))
table = loaders.recipient_rating(scoped, as_of, version, weights_key)
weights = loaders.rating_weights(weights_key).set_index("component")

if table.empty:
    st.info(f"Для рейтинга нужно хотя бы {rating.MIN_ANSWERS} ответов у получателя за период. Расширьте период.",
            icon=":material/filter_alt_off:")
    st.stop()


def arrow(change: float) -> str:
    if pd.isna(change):
        return "—"
    if abs(change) < 0.005:
        return "→ без изменений"
    return f"{'↑' if change > 0 else '↓'} {fmt_float(abs(change) * 100, 0)} п."


shown = pd.DataFrame(
    {
        "Место": table["rank"],
        "Получатель": table["recipient_code"].map(recipient_names),
        "Балл": table["score"],
        "К прошлому периоду": table["change"].map(arrow),
        "В срок": table["value_timeliness"].map(lambda v: fmt_pct(v, 0)),
        "По существу": table["value_completeness"].map(lambda v: fmt_pct(v, 0)),
        "Оценка": table["value_satisfaction"].map(lambda v: fmt_float(v, 1)),
        "Повторные": table["value_repeats"].map(lambda v: fmt_pct(v, 0)),
        "Обращений": table["value_volume"].map(fmt_int),
    }
)
fig = px.bar(shown.iloc[::-1], x="Балл", y="Получатель", orientation="h",
             text=shown.iloc[::-1]["Балл"].map(lambda v: fmt_pct(v, 0)), labels={"Получатель": ""})
fig.update_traces(marker_color=[charts.HOT if v < 0.8 else charts.CALM for v in shown.iloc[::-1]["Балл"]])
fig.update_xaxes(tickformat=".0%")
st.plotly_chart(charts.style(fig, height=max(300, 24 * len(shown) + 60)), width="stretch")
st.dataframe(shown, hide_index=True, width="stretch",
             column_config={"Балл": st.column_config.ProgressColumn("Балл", min_value=0, max_value=rating.CAP,
                                                                     format="percent")})

st.subheader("Как считается балл")
lines = []
for comp in rating.COMPONENTS:
    w = weights.loc[comp.code]
    target = fmt_pct(w["target"], 0) if comp.code in ("timeliness", "completeness", "repeats") else fmt_float(w["target"], 1)
    if comp.code == "volume":
        target = fmt_int(w["target"])
    direction = "значение делится на цель" if comp.higher_is_better else "цель делится на значение"
    lines.append(f"- **{comp.title_ru}** — {comp.explain_ru}. Цель: {target}; {direction}; вес {fmt_pct(w['weight'], 0)}.")
st.markdown(
    "Каждую составляющую сравниваем с целью, как в CityScore: результат 100 % — цель достигнута, больше "
    f"{fmt_pct(rating.CAP, 0)} не засчитывается. Балл — взвешенное среднее составляющих. Если у получателя "
    f"меньше {rating.MIN_ANSWERS} ответов (или оценок) за период, составляющая не считается, а её вес "
    "делится между остальными.\n\n" + "\n".join(lines)
    + "\n\nВеса и цели меняются на странице «Настройки»."
)
