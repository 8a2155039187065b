"""«Рейтинг получателей»: a 0–100 score against targets, the place of each recipient, and the formula in words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from mcu_data import access
from mcu_data.analytics import rating
from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import Empty, moment_caption
from mcu_data.core import colours, periods
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_compared, fmt_float, fmt_int, fmt_pct, label

VIEWS = ("all", "im", "pos")
SHARE_COMPONENTS = ("timeliness", "completeness", "repeats", "pages_answered")


@dataclass
class RatingView:
    caption: str
    view: str
    table: pd.DataFrame
    chart: go.Figure
    unranked: pd.DataFrame
    own_place: str | None  # a settlement head: the place of their administration among all recipients
    formula: str


def fmt_pct_0(value: float) -> str:
    return fmt_pct(value, 0)


def arrow(change: float) -> str:
    if pd.isna(change):
        return "—"
    if abs(change) < 0.05:
        return "→ без изменений"
    return f"{'↑' if change > 0 else '↓'} {fmt_float(abs(change), 1)} балла"


def formula_text(weights: pd.DataFrame, minimum: int) -> str:
    """The score in words, with today's weights and targets."""
    lines = []
    w = weights.set_index("component")
    for comp in rating.COMPONENTS:
        target = w.loc[comp.code, "target"]
        shown = (
            fmt_pct(target, 0)
            if comp.code in SHARE_COMPONENTS
            else (fmt_int(target) if comp.code == "volume" else fmt_float(target, 1))
        )
        direction = "значение ÷ цель" if comp.higher_is_better else "цель ÷ значение"
        words = d.BY_CODE[comp.definition].formula if comp.definition in d.BY_CODE else "обращений за период"
        lines.append(
            f"- **{label('rating_component', comp.code)}** — {words} Цель: {shown}; {direction}, не больше 1; "
            f"вес {fmt_pct(w.loc[comp.code, 'weight'], 0)}."
        )
    return (
        "Балл от 0 до 100: каждая составляющая — доля выполнения своей цели (от 0 до 1; сверх цели не засчитывается), "
        "балл — взвешенное среднее × 100. Если для составляющей за период нет ни одного обращения, она не считается, "
        f"а её вес делится между остальными. Получатель с числом обращений меньше {fmt_int(minimum)} за период "
        "показан отдельно — «мало обращений для оценки» — и места не получает; место получают только те, у кого "
        "есть своевременность и ответы по существу.\n\n"
        + "\n".join(lines)
        + "\n\nВеса, цели и наименьшее число обращений меняются на странице «Настройки»."
    )


def build(src: Source, filters: Filters, user: access.User, now: datetime, view: str = "all") -> RatingView | Empty:
    view = view if view in VIEWS else "all"
    # the rating is the district's: a settlement head sees their administration's place among all recipients
    district = replace(filters, settlements=()) if user.role == "settlement_head" else filters
    scoped = district if view == "all" else replace(district, sources=(view,))
    as_of = periods.as_of(filters.end, now)
    table = src.rating(scoped, as_of)
    names = src.names()
    minimum = src.rating_min_appeals()
    weights = src.rating_weights()
    placed = rating.ranked(table)
    if table.empty:
        return Empty("За период у получателей нет обращений. Расширьте период.")
    shown = pd.DataFrame(
        {
            "Место": placed["rank"].astype("Int64"),
            "Получатель": placed["recipient_code"].map(names.recipients),
            "Балл": placed["score"],
            "К предыдущему периоду": placed["change"].map(arrow),
            "В срок": placed["value_timeliness"].map(lambda v: fmt_pct(v, 0)),
            "По существу": placed["value_completeness"].map(lambda v: fmt_pct(v, 0)),
            "Оценка": placed["value_satisfaction"].map(lambda v: fmt_float(v, 1)),
            "Повторные": placed["value_repeats"].map(lambda v: fmt_pct(v, 0)),
            "Обращений": placed["received"].map(fmt_int),
        }
    )
    pages_weight = weights.set_index("component")["weight"].get("pages_answered", 0.0)
    if pages_weight > 0:  # the optional component is shown once it counts
        shown.insert(len(shown.columns) - 1, "Ответы в госпабликах", placed["value_pages_answered"].map(fmt_pct_0))
    others = table[table["unranked"] != ""]
    unranked = pd.DataFrame(
        {
            "Получатель": others["recipient_code"].map(names.recipients),
            "Обращений": others["received"].map(fmt_int),
            "Почему без места": others["unranked"].map(lambda c: label("unranked", c)),
        }
    )
    ordered = placed.assign(name=lambda f: f["recipient_code"].map(names.recipients))
    fig = charts.bars(
        ordered,
        "score",
        "name",
        [fmt_float(v, 1) for v in ordered["score"]],
        "Балл из 100",
        height=max(300, 26 * len(ordered) + 60),
    )
    fig.update_traces(marker_color=[colours.GOOD if v >= 80 else colours.BAD for v in ordered["score"]])
    fig.update_xaxes(range=[0, 100])
    own = None
    if user.role == "settlement_head":
        code = _settlement_recipient(src, user.oktmo)
        place, of = rating.place_of(table, code) if code else (None, 0)
        mean = rating.district_mean(table)
        row = table[table["recipient_code"] == code]
        if place is not None:
            own = (
                f"{names.recipients.get(code, code)}: {place}-е место из {of}, балл {fmt_float(row['score'].iloc[0], 1)}"
                f"; в среднем по району — {fmt_float(mean, 1)}."
            )
        elif len(row):
            own = (
                f"{names.recipients.get(code, code)}: без места — {label('unranked', row['unranked'].iloc[0])} "
                f"({fmt_int(row['received'].iloc[0])} обращ.); в среднем по району — {fmt_float(mean, 1)}."
            )
        else:
            own = f"{names.recipients.get(code, 'Администрация поселения')}: обращений за период нет."
    prev = scoped.previous()
    return RatingView(
        caption=f"{moment_caption(filters, as_of)} · изменение {fmt_compared(prev.start, prev.end, False)}",
        view=view,
        table=shown,
        chart=fig,
        unranked=unranked,
        own_place=own,
        formula=formula_text(weights, minimum),
    )


def _settlement_recipient(src: Source, oktmo: str | None) -> str | None:
    recipients = src.references()["recipients"]
    found = recipients[(recipients["recipient_kind"] == "settlement_admin") & (recipients["settlement_oktmo"] == oktmo)]
    return found["code"].iloc[0] if len(found) else None
