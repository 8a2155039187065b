"""The slides of the wall screen, built from the same figures the pages show.

Each builder returns a `Slide`: a title, what period it covers, a few big numbers, one chart and one short
table. The overview slide covers the last complete Monday-to-Sunday week of the shared period; the others
cover the whole shared period. The page draws every slide the same way, in big type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from geo.plotly_map import settlement_figure
from mcu_data.analytics import compliance, heatmap, rating
from mcu_data.app.charts import channel_colors
from mcu_data.app.matrix_chart import matrix_figure, value_range
from mcu_data.app.source import Source
from mcu_data.core import colours, periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
    fmt_compared,
    fmt_date,
    fmt_datetime,
    fmt_float,
    fmt_int,
    fmt_pct,
    fmt_period,
    fmt_signed_pct,
    fmt_week,
    label,
)

FONT = 20  # chart type on a 1920 px wide screen; the page scales everything up on larger screens
CHART_HEIGHT = 600
INK = colours.INK  # axis text in near-black: Streamlit's chart theme greys it, too pale across a meeting room
SCHEMATIC_SHORT = "Схема, а не карта: поселения — условные квадраты по алфавиту; границы не опубликованы."
NO_DATA = "За период обращений нет. Загрузите свежие выгрузки — слайд обновится сам."


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
        height=sized(height, scale),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",
        font={"size": font},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None, "font": {"size": font}},
        bargap=0.2,
        dragmode=False,
        hovermode=False,
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
    return Slide(code, label("slide", code), subtitle, empty=message)


def overview_slide(src: Source, filters: Filters, now: datetime, today: date, scale: float = 1.0) -> Slide:
    """The last complete week of the shared period against the week before and the same week a year ago."""
    week = periods.last_complete_week_of_data(filters.end, today)
    f = replace(filters, start=week.monday, end=week.sunday)
    as_of = periods.as_of(week.sunday, now)
    ov = src.overview(f, as_of, top_n=6)
    n_week, n_prev, n_year = ov.week_counts
    subtitle = f"{fmt_week(week.monday, week.sunday)} · данные на {fmt_datetime(as_of)}"
    if n_week == 0:
        return _empty("overview", subtitle, NO_DATA)
    c, now_counts = ov.counts, ov.now
    tiles = (
        Tile(
            "Обращений за неделю",
            fmt_int(n_week),
            f"{fmt_signed_pct(ov.week_change)} {fmt_compared(week.previous.start, week.previous.end, False)}: "
            f"{fmt_int(n_prev)}",
            hot=ov.week_change is not None and ov.week_change > 0.1,
        ),
        Tile("Та же неделя год назад", fmt_int(n_year), fmt_period(week.year_ago.start, week.year_ago.end)),
        Tile(
            "Ответы в срок",
            fmt_pct(c.on_time_share, 0),
            f"из {fmt_int(c.judged)} с наступившим сроком",
            hot=(c.on_time_share or 1.0) < 0.9,
        ),
        Tile(
            "Просрочено",
            fmt_int(now_counts.open_past_due),
            f"на {fmt_datetime(as_of)}, за всё время",
            hot=now_counts.open_past_due > 0,
        ),
        Tile(
            "Отписки",
            fmt_pct(c.formal_share, 0),
            f"из {fmt_int(c.with_outcome)} ответов; решено {fmt_pct(c.solved_share, 0)}",
            hot=(c.formal_share or 0.0) > 0.1,
        ),
    )
    weekly = ov.weekly[ov.weekly["week"] >= pd.Timestamp(week.monday - timedelta(weeks=25))]
    weekly = weekly.assign(channel=weekly["source_code"].map(lambda code: label("source_short", code)))
    fig = px.bar(
        weekly,
        x="week",
        y="n",
        color="channel",
        color_discrete_map=channel_colors(),
        labels={"week": "", "n": "Обращений за неделю", "channel": ""},
    )
    fig.update_xaxes(tickformat="%d.%m")
    rows = tuple(
        (name, fmt_int(n), fmt_signed_pct(ch))
        for name, n, ch in zip(ov.top_themes["name_ru"], ov.top_themes["n"], ov.top_themes["change"], strict=True)
    )
    return Slide(
        "overview",
        label("slide", "overview"),
        subtitle,
        tiles,
        wall_style(fig, scale),
        "Главные темы недели",
        ("Тема", "Обращений", "К прошлой неделе"),
        rows,
        note="Обращения по неделям и каналам за полгода; каждая неделя — с понедельника по воскресенье, все завершены.",
    )


def _per_1000(src: Source, filters: Filters, as_of: datetime) -> tuple[pd.DataFrame, pd.Series]:
    """Settlements of the period per 1 000 residents; those the filters leave out have no value (NaN)."""
    population = src.population()
    summary = heatmap.settlement_summary(src.heat_cells(filters, "settlement", as_of), None, population)
    values = heatmap.metric_values(summary, "per_1000", population)
    chosen = set(filters.settlements) - {heatmap.NO_KEY}
    if chosen:
        values = values.where(summary["col_key"].isin(chosen))
    return summary, values


def map_slide(src: Source, filters: Filters, now: datetime, scale: float = 1.0) -> Slide:
    """Appeals per 1 000 residents on the settlement layer; the five highest beside it."""
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    summary, per_1000 = _per_1000(src, filters, as_of)
    if summary["n"].sum() == 0:
        return _empty("map", subtitle, NO_DATA)
    names = src.names().settlements
    values = dict(zip(summary["col_key"], per_1000, strict=True))
    low, high = value_range(per_1000.to_numpy(dtype=float), False)
    fills = {k: colours.color_for(v, low, high) for k, v in values.items() if pd.notna(v)}

    def two_lines(name: str) -> str:  # a long two-word name goes on two lines so that it stays inside its square
        return name.replace(" ", "<br>", 1) if len(name) > 12 else name

    labels_ = {
        k: f"{two_lines(names.get(k, k))}<br><b>{fmt_float(v, 1) if pd.notna(v) else 'нет данных'}</b>"
        for k, v in values.items()
    }
    layer = src.layer()
    fig = settlement_figure(
        layer.frame,
        fills,
        labels_,
        {"title": "Обращений<br>на 1 000 жителей", "colorscale": colours.colorscale(), "low": low, "high": high},
        colours.NO_DATA,
        height=sized(CHART_HEIGHT, scale),
        font_size=sized(FONT, scale),
    )
    ranked = summary.assign(per_1000=per_1000).dropna(subset=["per_1000"])
    ranked = ranked.sort_values(["per_1000", "n"], ascending=False).head(5)
    rows = tuple(
        (names.get(k, k), fmt_float(r, 1), fmt_int(n))
        for k, r, n in zip(ranked["col_key"], ranked["per_1000"], ranked["n"], strict=True)
    )
    note = SCHEMATIC_SHORT if layer.schematic else "Границы — из загруженного слоя."
    return Slide(
        "map",
        label("slide", "map"),
        subtitle,
        (),
        fig,
        "Больше всего на 1 000 жителей",
        ("Поселение", "На 1 000", "Обращений"),
        rows,
        note=f"{note} Цвет — обращений на 1 000 жителей (перепись 2021 года): светлее — меньше, темнее — "
        "больше; серый — нет данных.",
    )


def matrix_slide(src: Source, filters: Filters, now: datetime, scale: float = 1.0, max_themes: int = 12) -> Slide:
    """Themes × settlements per 1 000 residents: the busiest themes, every settlement."""
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    cells = src.heat_cells(filters, "settlement", as_of)
    if cells["n"].sum() == 0:
        return _empty("matrix", subtitle, NO_DATA)
    names = src.names()
    totals = cells.groupby("theme_code")["n"].sum()
    rows = [t for t in totals.sort_values(ascending=False).index if totals[t] > 0][:max_themes]
    columns = sorted(names.settlements, key=names.settlements.get)
    values = heatmap.metric_values(cells, "per_1000", src.population())
    table = heatmap.pivot(cells, values, rows, columns, "per_1000")
    chosen = set(filters.settlements) - {heatmap.NO_KEY}
    if chosen:
        table.loc[:, [c for c in table.columns if c not in chosen]] = float("nan")
    fig = matrix_figure(
        table,
        "per_1000",
        names.themes,
        names.settlements,
        height=sized(CHART_HEIGHT + 140, scale),
        font_size=sized(FONT - 2, scale),
        legend="На 1 000 жителей",
    )
    fig.update_layout(hovermode=False, clickmode="none")
    hidden = len(totals[totals > 0]) - len(rows)
    note = (
        "Обращений на 1 000 жителей за период: светлее — меньше, темнее — больше; 0 — обращений не было, серое — нет "
        "данных."
    )
    if hidden > 0:
        note += f" Ещё {fmt_int(hidden)} тем с меньшим числом обращений — на странице «Тепловая карта»."
    return Slide("matrix", label("slide", "matrix"), subtitle, (), fig, note=note)


def deadlines_slide(src: Source, filters: Filters, now: datetime, scale: float = 1.0, worst: int = 12) -> Slide:
    """On-time share per recipient, the weakest first, with the overdue count of each."""
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    table = src.compliance(filters, as_of)
    if table.empty:
        return _empty("deadlines", subtitle, NO_DATA)
    names = src.names().recipients
    total = compliance.totals(table)
    target = float(src.rating_weights().set_index("component").loc["timeliness", "target"])
    tiles = (
        Tile(
            "Ответы в срок",
            fmt_pct(total.on_time_share, 0),
            f"из {fmt_int(total.judged)} с наступившим сроком",
            hot=(total.on_time_share or 1.0) < target,
        ),
        Tile("С опозданием", fmt_int(total.late), "ответов за период", hot=total.late > 0),
        Tile(
            "Без ответа, срок прошёл",
            fmt_int(total.open_past_due),
            "из поступивших за период",
            hot=total.open_past_due > 0,
        ),
        Tile(
            "Просрочено сейчас",
            fmt_int(int(table["overdue_now"].sum())),
            "за всё время",
            hot=table["overdue_now"].sum() > 0,
        ),
    )
    shares = table[table["judged"] > 0].sort_values(["on_time_share", "judged"]).head(worst).iloc[::-1]
    shares = shares.assign(name=shares["recipient_code"].map(names))
    fig = px.bar(
        shares,
        x="on_time_share",
        y="name",
        orientation="h",
        text=[
            f"{fmt_pct(v, 0)} из {fmt_int(n)}" for v, n in zip(shares["on_time_share"], shares["judged"], strict=True)
        ],
        labels={"on_time_share": "Доля ответов в срок", "name": ""},
    )
    fig.update_traces(marker_color=[colours.GOOD if v >= target else colours.BAD for v in shares["on_time_share"]])
    fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    overdue = table[table["overdue_now"] > 0].sort_values("overdue_now", ascending=False).head(6)
    rows = tuple(
        (names.get(r, r), fmt_int(n)) for r, n in zip(overdue["recipient_code"], overdue["overdue_now"], strict=True)
    )
    return Slide(
        "deadlines",
        label("slide", "deadlines"),
        subtitle,
        tiles,
        wall_style(fig, scale),
        "Больше всего просрочено сейчас",
        ("Получатель", "Просрочено"),
        rows,
        note=f"{fmt_int(len(shares))} получателей с самой низкой долей ответов в срок; зелёным — не ниже цели "
        f"{fmt_pct(target, 0)}, красным — ниже.",
    )


def rating_slide(src: Source, filters: Filters, now: datetime, scale: float = 1.0) -> Slide:
    """The 0–100 score of every ranked recipient, best at the top; the change against the previous period."""
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    table = rating.ranked(src.rating(filters, as_of))
    if table.empty:
        return _empty("rating", subtitle, "Для рейтинга у получателей пока мало обращений за период.")
    names = src.names().recipients
    ordered = table.iloc[::-1].assign(name=lambda f: f["recipient_code"].map(names))
    fig = px.bar(
        ordered,
        x="score",
        y="name",
        orientation="h",
        text=[fmt_float(v, 0) for v in ordered["score"]],
        labels={"score": "Балл из 100", "name": ""},
    )
    fig.update_traces(marker_color=[colours.GOOD if v >= 80 else colours.BAD for v in ordered["score"]])
    fig.update_xaxes(range=[0, 100])
    moved = table[table["change"].notna()].assign(size=lambda f: f["change"].abs())
    moved = moved.sort_values("size", ascending=False).head(6)
    rows = tuple(
        (names.get(r, r), ("↑ " if c > 0 else "↓ ") + fmt_float(abs(c), 0) + " балла")
        for r, c in zip(moved["recipient_code"], moved["change"], strict=True)
    )
    best, last = table.iloc[0], table.iloc[-1]
    tiles = (
        Tile(
            "Первое место",
            names.get(best["recipient_code"], best["recipient_code"]),
            f"{fmt_float(best['score'], 0)} из 100",
        ),
        Tile(
            "Последнее место",
            names.get(last["recipient_code"], last["recipient_code"]),
            f"{fmt_float(last['score'], 0)} из 100",
            hot=last["score"] < 80,
        ),
    )
    prev = filters.previous()
    return Slide(
        "rating",
        label("slide", "rating"),
        subtitle,
        tiles,
        wall_style(fig, scale, height=max(360, min(CHART_HEIGHT, 34 * len(ordered) + 60))),
        "Сильнее всего изменились",
        ("Получатель", fmt_compared(prev.start, prev.end, False).capitalize()),
        rows,
        note="Балл от 0 до 100 — взвешенное среднее выполнения целей по своевременности, ответам по "
        "существу, оценкам и повторным обращениям; зелёным — от 80.",
    )


def roadmaps_slide(src: Source, today: date, soon_days: int = 14, limit: int = 8) -> Slide:
    """Measures overdue and due soon, with who answers for them; the latest done ones with their effect."""
    measures = src.measures(today)
    subtitle = f"на {fmt_date(today)}"
    if measures.empty:
        return _empty("roadmaps", subtitle, "Мероприятий пока нет: их заводят на странице «Дорожные карты».")
    deadline = pd.to_datetime(measures["deadline"])
    active = measures["state"].isin(["planned", "in_progress"])
    soon = active & (deadline <= pd.Timestamp(today + timedelta(days=soon_days)))
    overdue = measures["state"] == "overdue"
    done = measures[measures["state"] == "done"].sort_values("done_date", ascending=False)
    recent = int((pd.to_datetime(done["done_date"]) >= pd.Timestamp(today - timedelta(days=90))).sum())
    tiles = (
        Tile("Выполняются", fmt_int(int(active.sum())), "запланированы или в работе"),
        Tile("Просрочены", fmt_int(int(overdue.sum())), "срок прошёл, не выполнены", hot=bool(overdue.any())),
        Tile(f"Срок в ближайшие {soon_days} дней", fmt_int(int(soon.sum())), "не выполнены"),
        Tile("Выполнены", fmt_int(len(done)), f"всего; за последние 90 дней — {fmt_int(recent)}"),
    )
    listed = (
        measures[overdue | soon].assign(order=lambda f: f["state"].ne("overdue")).sort_values(["order", "deadline"])
    )
    rows = tuple(
        (title, official, fmt_date(pd.Timestamp(dl).date()), f"{fmt_int(p)} %", label("measure_state", s).lower())
        for title, official, dl, p, s in zip(
            listed["title"].head(limit),
            listed["official"].head(limit),
            listed["deadline"].head(limit),
            listed["progress"].head(limit),
            listed["state"].head(limit),
            strict=True,
        )
    )
    more = len(listed) - len(rows)
    note = f"Ещё {fmt_int(more)} — на странице «Дорожные карты»." if more > 0 else ""
    if not rows:
        note = "Просроченных мероприятий и мероприятий с близким сроком нет."
    effects = []
    for m in done.head(4).itertuples():
        done_on = pd.Timestamp(m.done_date).date()
        result = src.measure_effect(tuple(m.theme_codes), tuple(m.settlement_oktmos), done_on, today)
        effects.append(
            (m.title, fmt_date(done_on), f"{result.before} → {result.after}", label("effect", result.verdict))
        )
    return Slide(
        "roadmaps",
        label("slide", "roadmaps"),
        subtitle,
        tiles,
        None,
        "Просроченные и с близким сроком",
        ("Мероприятие", "Ответственный", "Срок", "Выполнение", "Состояние"),
        rows,
        note=note,
        second_title="Последние выполненные: стало ли обращений меньше" if effects else "",
        second_head=("Мероприятие", "Завершено", "Обращений за 90 дней до → после", "Вывод"),
        second_rows=tuple(effects),
    )


def _period(filters: Filters, as_of: datetime) -> str:
    return f"{fmt_period(filters.start, filters.end)} ({filters.days} дн.) · данные на {fmt_datetime(as_of)}"


def slide(src: Source, code: str, filters: Filters, now: datetime, today: date, scale: float = 1.0) -> Slide:
    """One slide of the show, from the same reads the pages use, sized for the screen."""
    if code == "overview":
        return overview_slide(src, filters, now, today, scale)
    if code == "map":
        return map_slide(src, filters, now, scale)
    if code == "matrix":
        return matrix_slide(src, filters, now, scale)
    if code == "deadlines":
        return deadlines_slide(src, filters, now, scale)
    if code == "rating":
        return rating_slide(src, filters, now, scale)
    if code == "roadmaps":
        return roadmaps_slide(src, today)
    raise ValueError(f"Неизвестный слайд: {code}")


@dataclass(frozen=True)
class Launcher:
    """The launcher page: what the show will take, and the address to bookmark on the meeting-room computer."""

    scope: str
    params: dict[str, str]
    address: str
    warning: str


def launcher(filters: Filters, every: int, slides: tuple[str, ...], page_url: str | None) -> Launcher:
    from mcu_data.app import wall_deck

    params = wall_deck.to_params(int(every), tuple(slides))
    narrowed = any((filters.themes, filters.settlements, filters.sources, filters.recipients))
    scope = (
        f"Показ возьмёт текущие фильтры: период **{fmt_period(filters.start, filters.end)}** ("
        f"{filters.days} дн.)"
        + (" и выбранные темы, поселения, каналы и получателей." if narrowed else ", все темы и поселения.")
        + " Слайд «Обзор недели» показывает последнюю завершённую неделю периода, с понедельника по воскресенье."
    )
    warning = "" if slides else "Не выбрано ни одного слайда: будут показаны все шесть."
    return Launcher(scope, params, wall_deck.show_address(page_url, params), warning)
