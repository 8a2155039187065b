"""The slides of the presentation mode, built from the same figures the pages show.

Each builder takes data already read (by the loaders) and returns a `Slide`: a title, a few big
numbers, one chart and one short table. The page draws every slide the same way, in big type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from geo.plotly_map import settlement_figure
from mcu_data.analytics import heatmap
from mcu_data.analytics.overview import Overview
from mcu_data.app.charts import CALM, HOT, channel_colors
from mcu_data.app.heatmap_chart import matrix_figure
from mcu_data.core import metrics
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, fmt_pct, fmt_period, fmt_signed_pct, label

TITLES = {
    "overview": "Обзор недели",
    "map": "Карта поселений",
    "matrix": "Темы × поселения",
    "deadlines": "Сроки ответов",
    "rating": "Рейтинг получателей",
    "roadmaps": "Дорожные карты",
}
FONT = 20  # chart type on a 1920 px wide screen; the page scales everything up on larger screens
CHART_HEIGHT = 600
INK = "#111111"  # axis text in near-black: Streamlit's chart theme greys it, too pale across a meeting room
SCHEMATIC_SHORT = "Схема, а не карта: поселения — условные квадраты по алфавиту; границы не опубликованы."


@dataclass(frozen=True)
class Tile:
    """One big number: what it is, its value, a line under it, and whether it should look alarming."""

    label: str
    value: str
    note: str = ""
    hot: bool = False


@dataclass(frozen=True)
class Slide:
    code: str
    title: str
    subtitle: str
    tiles: tuple[Tile, ...] = ()
    figure: go.Figure | None = None
    table_title: str = ""
    table_head: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""
    empty: str = ""  # said instead of the chart when there is nothing to show
    second_title: str = ""  # a second table under the first, where a slide has no chart
    second_head: tuple[str, ...] = ()
    second_rows: tuple[tuple[str, ...], ...] = ()


def sized(value: float, scale: float) -> int:
    """A size drawn for a 1920×1080 screen, on a screen `scale` times larger."""
    return round(value * scale)


def wall_style(fig: go.Figure, scale: float, height: int = CHART_HEIGHT) -> go.Figure:
    """Big type, no interactions, Russian separators; every size multiplied by the screen's scale."""
    font, small = sized(FONT, scale), sized(FONT - 2, scale)
    fig.update_layout(
        height=sized(height, scale), margin={"l": 8, "r": 8, "t": 8, "b": 8}, separators=", ", font={"size": font},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None, "font": {"size": font}},
        bargap=0.2, dragmode=False, hovermode=False,
        # bar labels keep their size instead of shrinking to fit a short bar
        uniformtext={"minsize": small, "mode": "show"},
    )
    ink = {"color": INK}
    fig.update_xaxes(fixedrange=True, tickfont={"size": small, **ink}, title_font={"size": small, **ink})
    fig.update_yaxes(fixedrange=True, tickfont={"size": font, **ink}, title_font={"size": small, **ink})
    for trace in fig.data:
        if trace.type == "bar" and trace.text is not None:
            trace.textposition = "auto"
            trace.textfont = {"size": font}
    return fig


def _empty(code: str, subtitle: str, message: str) -> Slide:
    return Slide(code, TITLES[code], subtitle, empty=message)


NO_DATA = "За период обращений нет. Загрузите свежие выгрузки — слайд обновится сам."


def overview_slide(ov: Overview, period: str, scale: float = 1.0) -> Slide:
    this_week, _, year_ago = ov.weeks
    n_this, n_last, n_year = ov.week_counts
    if ov.total == 0 and n_this == 0:
        return _empty("overview", period, NO_DATA)
    week_change = metrics.change(n_this, n_last)
    tiles = (
        Tile(f"За неделю {fmt_period(this_week.start, this_week.end)}", fmt_int(n_this),
             f"{fmt_signed_pct(week_change)} к прошлой неделе ({fmt_int(n_last)})",
             hot=week_change is not None and week_change > 0.1),
        Tile("Та же неделя год назад", fmt_int(n_year), f"{fmt_period(year_ago.start, year_ago.end)}"),
        Tile("Ответы в срок", fmt_pct(ov.on_time_share, 0), f"с опозданием: {fmt_int(ov.answered_late)}",
             hot=(ov.on_time_share or 1.0) < 0.9),
        Tile("Просрочено сейчас", fmt_int(ov.overdue_now), f"из {fmt_int(ov.open_now)} ждущих ответа",
             hot=ov.overdue_now > 0),
        Tile("Отписки", fmt_pct(ov.formal_share, 0), f"решено: {fmt_pct(ov.solved_share, 0)}",
             hot=(ov.formal_share or 0.0) > 0.1),
    )
    weekly = ov.weekly[ov.weekly["week"] >= pd.Timestamp(this_week.start - timedelta(weeks=25))]
    weekly = weekly.assign(channel=weekly["source_code"].map(lambda c: label("source_short", c)))
    fig = px.bar(weekly, x="week", y="n", color="channel", color_discrete_map=channel_colors(),
                 labels={"week": "", "n": "Обращений за неделю", "channel": ""})
    fig.update_xaxes(tickformat="%d.%m")
    rows = tuple((name, fmt_int(n), fmt_signed_pct(c))
                 for name, n, c in zip(ov.top_themes["name_ru"], ov.top_themes["n"], ov.top_themes["change"], strict=True))
    return Slide("overview", TITLES["overview"], period, tiles, wall_style(fig, scale), "Главные темы периода",
                 ("Тема", "Обращений", "К прошлому периоду"), rows,
                 note="Обращения по неделям и каналам за полгода.")


def map_slide(summary: pd.DataFrame, population: pd.Series, layer, schematic: bool, names: dict[str, str],
              period: str, scale: float = 1.0) -> Slide:
    """Appeals per 1,000 residents on the settlement layer; the five hottest beside it."""
    if summary["n"].sum() == 0:
        return _empty("map", period, NO_DATA)
    per_1000 = summary["n"] * 1000.0 / summary["col_key"].map(population).astype(float)
    values = dict(zip(summary["col_key"], per_1000, strict=True))
    # a long two-word name goes on two lines so that it stays inside its square
    def two_lines(name: str) -> str:
        return name.replace(" ", "<br>", 1) if len(name) > 12 else name

    labels = {k: f"{two_lines(names.get(k, k))}<br><b>{fmt_float(v, 1)}</b>" for k, v in values.items()}
    fig = settlement_figure(layer, values, labels, "На 1 000<br>жителей", height=sized(CHART_HEIGHT, scale),
                            font_size=sized(FONT, scale))
    ranked = summary.assign(per_1000=per_1000).sort_values(["per_1000", "n"], ascending=False).head(5)
    rows = tuple((names.get(k, k), fmt_float(r, 1), fmt_int(n))
                 for k, r, n in zip(ranked["col_key"], ranked["per_1000"], ranked["n"], strict=True))
    note = SCHEMATIC_SHORT if schematic else "Границы — из загруженного слоя."
    return Slide("map", TITLES["map"], period, (), fig, "Больше всего на 1 000 жителей",
                 ("Поселение", "На 1 000", "Обращений"), rows,
                 note=f"{note} Население — перепись 2021 года.")


def matrix_slide(cells: pd.DataFrame, theme_names: dict[str, str], settlement_names: dict[str, str], period: str,
                 scale: float = 1.0, max_themes: int = 12) -> Slide:
    """Themes × settlements by number of appeals: the busiest themes, every settlement."""
    if cells["n"].sum() == 0:
        return _empty("matrix", period, NO_DATA)
    totals = cells.groupby("theme_code")["n"].sum()
    rows = [t for t in totals.sort_values(ascending=False).index if totals[t] > 0][:max_themes]
    present = set(cells.loc[cells["n"] > 0, "col_key"])
    columns = [k for k in sorted(settlement_names, key=settlement_names.get) if k in present]
    if heatmap.NO_KEY in present:
        columns.append(heatmap.NO_KEY)
    table = heatmap.pivot(cells, heatmap.metric_values(cells, "count"), rows, columns, "count")
    col_names = {**settlement_names, heatmap.NO_KEY: "не определено"}
    fig = matrix_figure(table, "count", theme_names, col_names, height=sized(CHART_HEIGHT + 140, scale),
                        font_size=sized(FONT - 2, scale))
    fig.update_layout(hovermode=False, clickmode="none")
    fig.update_xaxes(tickfont={"color": INK})
    fig.update_yaxes(tickfont={"color": INK})
    hidden = len(totals[totals > 0]) - len(rows)
    note = "Число обращений за период; синий — спокойно, красный — горячо."
    if hidden > 0:
        note += f" Ещё {fmt_int(hidden)} тем с меньшим числом обращений — на странице «Тепловая карта»."
    return Slide("matrix", TITLES["matrix"], period, (), fig, note=note)


def deadlines_slide(table: pd.DataFrame, names: dict[str, str], period: str, scale: float = 1.0,
                    worst: int = 12) -> Slide:
    """On-time share per recipient, the weakest first, with the overdue count of each."""
    if table.empty:
        return _empty("deadlines", period, NO_DATA)
    totals = table[["answered_with_due", "on_time", "late", "overdue_now", "due_soon"]].sum()
    on_time = metrics.share(totals["on_time"], totals["answered_with_due"])
    tiles = (
        Tile("Ответы в срок", fmt_pct(on_time, 0), "среди ответов периода", hot=(on_time or 1.0) < 0.9),
        Tile("С опозданием", fmt_int(totals["late"]), "ответов за период", hot=totals["late"] > 0),
        Tile("Просрочено сейчас", fmt_int(totals["overdue_now"]), "ждут ответа, срок прошёл",
             hot=totals["overdue_now"] > 0),
        Tile("Срок в ближайшие 2 рабочих дня", fmt_int(totals["due_soon"]), "ждут ответа"),
    )
    shares = table.assign(share=(table["on_time"] / table["answered_with_due"]).where(table["answered_with_due"] > 0))
    shares = shares[shares["share"].notna()].sort_values("share").head(worst).iloc[::-1]
    fig = px.bar(shares, x="share", y=shares["recipient_code"].map(names), orientation="h",
                 text=shares["share"].map(lambda v: fmt_pct(v, 0)), labels={"share": "Доля ответов в срок", "y": ""})
    fig.update_traces(marker_color=[HOT if v < 0.9 else CALM for v in shares["share"]])
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    overdue = table[table["overdue_now"] > 0].sort_values("overdue_now", ascending=False).head(6)
    rows = tuple((names.get(r, r), fmt_int(n)) for r, n in zip(overdue["recipient_code"], overdue["overdue_now"],
                                                                strict=True))
    return Slide("deadlines", TITLES["deadlines"], period, tiles, wall_style(fig, scale), "Больше всего просрочено сейчас",
                 ("Получатель", "Просрочено"), rows,
                 note=f"{fmt_int(len(shares))} получателей с самой низкой долей ответов в срок; красным — ниже 90 %.")


def rating_slide(table: pd.DataFrame, names: dict[str, str], period: str, scale: float = 1.0) -> Slide:
    """The composite score of every rated recipient, best at the top; the change against the last period."""
    if table.empty:
        return _empty("rating", period, "Для рейтинга у получателей пока мало ответов за период.")
    ordered = table.sort_values("rank", ascending=False)
    fig = px.bar(ordered, x="score", y=ordered["recipient_code"].map(names), orientation="h",
                 text=ordered["score"].map(lambda v: fmt_pct(v, 0)), labels={"score": "Балл", "y": ""})
    fig.update_traces(marker_color=[HOT if v < 0.8 else CALM for v in ordered["score"]])
    fig.update_xaxes(tickformat=".0%")
    moved = table[table["change"].notna()].assign(size=lambda d: d["change"].abs())
    moved = moved.sort_values("size", ascending=False).head(6)
    rows = tuple((names.get(r, r), ("↑ " if c > 0 else "↓ ") + fmt_float(abs(c) * 100, 0) + " п.")
                 for r, c in zip(moved["recipient_code"], moved["change"], strict=True))
    best, worst = table.iloc[0], table.iloc[-1]
    tiles = (
        Tile("Первое место", names.get(best["recipient_code"], best["recipient_code"]), fmt_pct(best["score"], 0)),
        Tile("Последнее место", names.get(worst["recipient_code"], worst["recipient_code"]),
             fmt_pct(worst["score"], 0), hot=worst["score"] < 0.8),
    )
    return Slide("rating", TITLES["rating"], period, tiles,
                 wall_style(fig, scale, height=max(360, min(CHART_HEIGHT, 34 * len(ordered) + 60))),
                 "Сильнее всего изменились", ("Получатель", "К прошлому периоду"), rows,
                 note="Балл — взвешенное среднее своевременности, ответов по существу, оценок и повторных "
                 "обращений относительно целей; красным — ниже 80 %.")


def roadmaps_slide(measures: pd.DataFrame, today: date, soon_days: int = 14, limit: int = 8,
                   effects: tuple[tuple[str, str, str, str], ...] = ()) -> Slide:
    """Measures overdue and due soon, with who answers for them; the latest done ones with their effect.

    `effects`: (title, completion date, appeals before → after, verdict in words) of completed measures.
    """
    subtitle = f"на {fmt_date(today)}"
    if measures.empty:
        return _empty("roadmaps", subtitle, "Мероприятий пока нет: их заводят на странице «Дорожные карты».")
    deadline = pd.to_datetime(measures["deadline"])
    active = measures["state"].isin(["planned", "in_progress"])
    soon = active & (deadline <= pd.Timestamp(today + timedelta(days=soon_days)))
    overdue = measures["state"] == "overdue"
    done_recent = (measures["state"] == "done") & (
        pd.to_datetime(measures["done_date"]) >= pd.Timestamp(today - timedelta(days=90)))
    tiles = (
        Tile("Выполняются", fmt_int(int(active.sum())), "запланированы или в работе"),
        Tile("Просрочены", fmt_int(int(overdue.sum())), "срок прошёл, не выполнены", hot=bool(overdue.any())),
        Tile(f"Срок в ближайшие {soon_days} дней", fmt_int(int(soon.sum())), "не выполнены"),
        Tile("Выполнены за 90 дней", fmt_int(int(done_recent.sum())), "эффект — на странице «Дорожные карты»"),
    )
    listed = measures[overdue | soon].assign(order=lambda d: d["state"].ne("overdue")).sort_values(["order", "deadline"])
    state_ru = {"overdue": "просрочено", "planned": "запланировано", "in_progress": "выполняется"}
    rows = tuple(
        (title, official, fmt_date(pd.Timestamp(d).date()), f"{fmt_int(p)} %", state_ru.get(s, s))
        for title, official, d, p, s in zip(listed["title"].head(limit), listed["official"].head(limit),
                                            listed["deadline"].head(limit), listed["progress"].head(limit),
                                            listed["state"].head(limit), strict=True)
    )
    more = len(listed) - len(rows)
    note = f"Ещё {fmt_int(more)} — на странице «Дорожные карты»." if more > 0 else ""
    if not rows:
        note = "Просроченных мероприятий и мероприятий с близким сроком нет."
    return Slide("roadmaps", TITLES["roadmaps"], subtitle, tiles, None, "Просроченные и с близким сроком",
                 ("Мероприятие", "Ответственный", "Срок", "Выполнение", "Состояние"), rows, note=note,
                 second_title="Выполненные: стало ли обращений меньше" if effects else "",
                 second_head=("Мероприятие", "Завершено", "Обращений за 90 дней до → после", "Вывод"),
                 second_rows=tuple(effects))
