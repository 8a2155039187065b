"""«Обзор»: the period and its week against like periods, deadlines, outcomes, top themes and settlements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go

from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import NO_DATA_FOR_FILTERS, NO_DATA_IN_STORE, Empty, Notice, Tile, moment_caption
from mcu_data.core import colours, periods
from mcu_data.core import definitions as d
from mcu_data.core.config import load_settings
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
    appeals_word,
    fmt_change,
    fmt_compared,
    fmt_date,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_pct,
    fmt_signed_pct,
    fmt_week,
    label,
)
from mcu_data.reports import indicators


@dataclass(frozen=True)
class OverviewView:
    caption: str
    notices: list[Notice]
    tiles: list[Tile]
    themes_figure: go.Figure
    themes_caption: str
    settlements_figure: go.Figure
    settlements_caption: str
    weekly_figure: go.Figure
    weekly_caption: str


def _signed(change: float | None) -> str:
    # Streamlit's metric reads the direction from a leading ASCII hyphen
    return fmt_signed_pct(change, minus="-")


def tiles(ov, filters: Filters) -> list[Tile]:
    week = ov.week
    n_week, n_prev, n_year = ov.week_counts
    c, now = ov.counts, ov.now
    same_days = not week.complete
    return [
        Tile(
            "Обращений за период",
            fmt_int(c.received),
            f"{_signed(ov.change)} {fmt_compared(ov.previous.start, ov.previous.end, False)}: "
            f"{fmt_int(ov.received_previous)}",
            "inverse",
            d.help_text("change"),
        ),
        Tile(
            fmt_week(week.monday, week.last_day).capitalize(),
            fmt_int(n_week),
            f"{_signed(ov.week_change)} {fmt_compared(week.previous.start, week.previous.end, same_days)}: "
            f"{fmt_int(n_prev)}",
            "inverse",
            d.help_text("partial_week") if same_days else d.help_text("change"),
        ),
        Tile(
            "Те же дни год назад" if same_days else "Та же неделя год назад",
            fmt_int(n_year),
            f"{_signed(ov.year_change)} к {fmt_date(week.year_ago.start)}–{fmt_date(week.year_ago.end)}",
            "inverse",
            "На 52 недели раньше, чтобы дни недели совпадали. " + d.help_text("change"),
        ),
        Tile(
            "Ответы в срок",
            fmt_pct(c.on_time_share),
            f"из {fmt_int(c.judged)} с наступившим сроком; срок не наступил: {fmt_int(c.not_yet_due)}",
            "off",
            d.help_text("on_time_share"),
        ),
        Tile(
            "Просрочено сейчас",
            fmt_int(now.open_past_due),
            f"из {fmt_int(now.open)} ждущих ответа, на {fmt_datetime(ov.as_of)}",
            "off",
            d.help_text("overdue_now"),
            hot=now.open_past_due > 0,
        ),
        Tile(
            "Решено / отписки",
            f"{fmt_pct(c.solved_share, 0)} / {fmt_pct(c.formal_share, 0)}",
            f"из {fmt_int(c.with_outcome)} ответов с результатом",
            "off",
            d.help_text("solved_share") + "\n\n" + d.help_text("formal_share"),
        ),
    ]


def build(src: Source, filters: Filters, now: datetime, today: date) -> OverviewView | Empty:
    span = src.data_span()
    if span is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    as_of = periods.as_of(filters.end, now)
    notices = []
    stale_days = (today - span[1]).days
    if stale_days > load_settings().stale_after_days:
        notices.append(
            Notice(
                "warning",
                f"Последнее обращение в данных — от {fmt_date(span[1])}, {stale_days} дн. "
                "назад. Показатели могут быть неполными: загрузите свежие выгрузки.",
                ":material/history:",
            )
        )
    for due in indicators.upcoming(today):
        notices.append(
            Notice(
                "info",
                f"Скоро срок отчёта в ЦУР: {due.title_ru} — до {fmt_date(due.due)}. Показатели — "
                "на странице «Отчёт в ЦУР».",
                ":material/event:",
            )
        )
    ov = src.overview(filters, as_of)
    if ov.counts.received == 0 and sum(ov.week_counts) == 0:
        return Empty(NO_DATA_FOR_FILTERS, notices=notices)

    loads = src.last_loads()
    freshness = "; ".join(
        f"{label('source_short', s)} — {fmt_datetime(t.to_pydatetime())}"
        for s, t in zip(loads["source_code"], loads["finished_at"], strict=True)
    )
    caption = moment_caption(filters, as_of) + (f" · загрузки: {freshness}" if freshness else "")

    themes = ov.top_themes
    themes_figure = charts.bars(
        themes,
        "n",
        "name_ru",
        [f"{fmt_int(n)} ({fmt_change(n, p)})" for n, p in zip(themes["n"], themes["n_prev"], strict=True)],
        "Обращений",
        height=260,
    )
    places = ov.top_settlements
    settlements_figure = charts.bars(
        places,
        "per_1000",
        "name_ru",
        [f"{fmt_float(r, 1)} ({fmt_int(n)})" for r, n in zip(places["per_1000"], places["n"], strict=True)],
        "На 1 000 жителей",
        color=colours.SEQUENTIAL[5],
        height=260,
    )
    unplaced = ov.counts.no_settlement
    partial = None if ov.week.complete else pd.Timestamp(ov.week.monday)
    weekly_caption = f"Недели с понедельника, за год по {fmt_date(filters.end)}."
    if not ov.weekly.empty and ov.weekly["week"].min().date() <= span[0]:
        weekly_caption += f" Данные начинаются {fmt_date(span[0])}: первая неделя может быть неполной."
    return OverviewView(
        caption=caption,
        notices=notices,
        tiles=tiles(ov, filters),
        themes_figure=themes_figure,
        themes_caption=f"В скобках — изменение {fmt_compared(ov.previous.start, ov.previous.end, False)}.",
        settlements_figure=settlements_figure,
        settlements_caption="Население — по переписи 2021 года; в скобках — число обращений."
        + (f" Поселение не определено у {fmt_int(unplaced)} {appeals_word(unplaced)}." if unplaced else ""),
        weekly_figure=charts.weekly_channels(ov.weekly, partial, f"неполная: {ov.week.days} из 7 дн."),
        weekly_caption=weekly_caption,
    )
