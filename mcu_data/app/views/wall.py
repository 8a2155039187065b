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
from mcu_data.app.wall_sizes import MAX_ROWS, WallSizes, wall_sizes
from mcu_data.core import colours, periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
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

INK = colours.INK  # all chart text near-black: Streamlit's chart theme greys it, too pale across a meeting room
SCHEMATIC_SHORT = "Схема, а не карта: поселения — условные квадраты по алфавиту; границы не опубликованы."
NO_DATA = "За период обращений нет. Загрузите свежие выгрузки — слайд обновится сам."
WEEKS_SHOWN = 26


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
    table_more: str = ""  # «и ещё N …» under a table cut to what fits
    second_more: str = ""
    chart_share: float = 0.6  # of the slide's width, when a table stands beside the chart
    table_lines: int = 1  # lines a long name in the first column may take


def short(name: str, width: int = 30) -> str:
    """A long name cut to `width` characters: a bar's label must stay on one line beside its bar."""
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def more(hidden: int, where: str = "") -> str:
    """«и ещё 3 — на странице «Рейтинг»» under a cut table; empty when nothing was cut."""
    if hidden <= 0:
        return ""
    return f"и ещё {fmt_int(hidden)}" + (f" — на странице «{where}»" if where else "")


def _ink(fig: go.Figure, size: int) -> go.Figure:
    """Every legend, colour bar and annotation in near-black at `size`: the chart theme would grey them."""
    font = {"size": size, "color": INK}
    fig.update_layout(font=font, legend={"font": font, "title": None})
    for trace in fig.data:
        bar = None
        if trace.type == "heatmap" and trace.showscale is not False:
            bar = trace.colorbar
        elif getattr(trace, "marker", None) is not None and getattr(trace.marker, "showscale", None):
            bar = trace.marker.colorbar
        if bar is not None:
            bar.tickfont = font
            bar.title.font = font
    for annotation in fig.layout.annotations:
        annotation.font = {"size": max(size, annotation.font.size or 0), "color": INK}
    return fig


def wall_style(fig: go.Figure, sizes: WallSizes, height: int) -> go.Figure:
    """Big type from the screen's height, no interactions, Russian separators."""
    t = sizes.text
    font = {"size": t, "color": INK}
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        separators=", ",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        bargap=0.2,
        dragmode=False,
        hovermode=False,
        # bar labels keep their size instead of shrinking to fit a short bar
        uniformtext={"minsize": t, "mode": "show"},
    )
    fig.update_xaxes(fixedrange=True, tickfont=font, title_font=font, automargin=True)
    fig.update_yaxes(fixedrange=True, tickfont=font, title_font=font, automargin=True)
    for trace in fig.data:
        if trace.type == "bar" and trace.text is not None:
            # beside a horizontal bar the label keeps its size and reads the right way up
            trace.textposition = "outside" if trace.orientation == "h" else "auto"
            trace.textfont = {"size": t, "color": INK}
            trace.cliponaxis = False
    return _ink(fig, t)


def _empty(code: str, subtitle: str, message: str) -> Slide:
    return Slide(code, label("slide", code), subtitle, empty=message)


def partial_weeks(mondays: list[date], first_day: date, last_day: date) -> dict[date, int]:
    """Weeks only partly covered by the data (days from `first_day` to `last_day`), with their days of data."""
    days = {}
    for monday in mondays:
        start, end = max(monday, first_day), min(monday + timedelta(days=6), last_day)
        covered = (end - start).days + 1
        if 0 < covered < 7:
            days[monday] = covered
    return days


def partial_label(days: int) -> str:
    return f"неполная неделя: {days} из 7 дней"


def weekly_figure(weekly: pd.DataFrame, partial: dict[date, int], sizes: WallSizes, height: int) -> go.Figure:
    """Appeals per week and channel; a week the data cover only in part is paler, hatched and labelled."""
    weekly = weekly.assign(channel=weekly["source_code"].map(lambda code: label("source_short", code)))
    fig = px.bar(
        weekly,
        x="week",
        y="n",
        color="channel",
        color_discrete_map=channel_colors(),
        labels={"week": "", "n": "", "channel": ""},
    )
    marked = {pd.Timestamp(m) for m in partial}
    for trace in fig.data:
        weeks = [pd.Timestamp(x) for x in trace.x]
        trace.marker.opacity = [0.4 if w in marked else 1.0 for w in weeks]
        trace.marker.pattern = {"shape": ["/" if w in marked else "" for w in weeks], "fgcolor": INK, "solidity": 0.2}
    for monday, days in partial.items():
        fig.add_annotation(
            x=pd.Timestamp(monday),
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="right" if monday == max(partial) else "left",
            text=partial_label(days),
            showarrow=False,
            font={"size": sizes.text, "color": INK},
        )
    fig.update_xaxes(tickformat="%d.%m", dtick="M2")
    fig.update_layout(legend={"y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"}, margin_t=int(sizes.line))
    return wall_style(fig, sizes, height)


def overview_slide(src: Source, filters: Filters, now: datetime, today: date, sizes: WallSizes | None = None) -> Slide:
    """The last complete week of the shared period against the week before and the same week a year ago.

    A period that runs past the data's last day leaves that week covered only in part: the heading and its bar
    say so, in the overview page's words, instead of showing a fall.
    """
    sizes = sizes or wall_sizes(None)
    span = src.data_span()
    week = periods.last_complete_week_of_data(filters.end, today)
    f = replace(filters, start=week.monday, end=week.sunday)
    as_of = periods.as_of(week.sunday, now)
    ov = src.overview(f, as_of, top_n=8)
    n_week, n_prev, n_year = ov.week_counts
    covered = week.sunday if span is None else max(week.monday, min(week.sunday, span[1]))
    subtitle = f"{fmt_week(week.monday, covered)} · данные на {fmt_datetime(as_of)}"
    if n_week == 0:
        return _empty("overview", subtitle, NO_DATA)
    c, now_counts = ov.counts, ov.now
    tiles = (
        Tile(
            "За неделю",
            fmt_int(n_week),
            f"{fmt_signed_pct(ov.week_change)} к прошлой: {fmt_int(n_prev)}",
            hot=ov.week_change is not None and ov.week_change > 0.1,
        ),
        Tile("Год назад", fmt_int(n_year), fmt_period(week.year_ago.start, week.year_ago.end)),
        Tile("В срок", fmt_pct(c.on_time_share, 0), f"из {fmt_int(c.judged)}", hot=(c.on_time_share or 1.0) < 0.9),
        Tile(
            "Просрочено",
            fmt_int(now_counts.open_past_due),
            f"на {fmt_date(as_of.date())}",
            hot=now_counts.open_past_due > 0,
        ),
        Tile(
            "Отписки",
            fmt_pct(c.formal_share, 0),
            f"из {fmt_int(c.with_outcome)}",
            hot=(c.formal_share or 0.0) > 0.1,
        ),
    )
    first = week.monday - timedelta(weeks=WEEKS_SHOWN - 1)
    weekly = ov.weekly[ov.weekly["week"] >= pd.Timestamp(first)]
    mondays = sorted({pd.Timestamp(w).date() for w in weekly["week"]})
    partial = partial_weeks(mondays, span[0], span[1]) if span else {}
    shown = fmt_period(max(first, span[0]) if span else first, week.sunday)
    note = f"График — обращений за неделю по каналам, {shown}; недели с понедельника по воскресенье."
    body = sizes.body(tiles=True, note_lines=sizes.lines(note))
    fig = weekly_figure(weekly, partial, sizes, body)
    themes = ov.top_themes
    fits = sizes.rows_fitting(body, len(themes))
    rows = tuple(
        (name, fmt_int(n), fmt_signed_pct(ch))
        for name, n, ch in zip(themes["name_ru"], themes["n"], themes["change"], strict=True)
    )[:fits]
    return Slide(
        "overview",
        label("slide", "overview"),
        subtitle,
        tiles,
        fig,
        f"Темы недели {fmt_period(week.monday, week.sunday)}",
        ("Тема", "Обращ.", "К прошлой"),
        rows,
        note=note,
        table_more=more(len(themes) - len(rows)),
        chart_share=0.5,
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


def map_slide(src: Source, filters: Filters, now: datetime, sizes: WallSizes | None = None) -> Slide:
    """Appeals per 1 000 residents on the settlement layer; the highest beside it."""
    sizes = sizes or wall_sizes(None)
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
        return name.replace(" ", "<br>", 1) if len(name) > 9 else name

    # the squares are as large as the height allows: a name gets 0.7 of the type, the number the full size
    small = round(0.7 * sizes.text)
    labels_ = {
        k: f'<span style="font-size:{small}px">{two_lines(names.get(k, k))}</span><br>'
        f"<b>{fmt_float(v, 1) if pd.notna(v) else 'нет данных'}</b>"
        for k, v in values.items()
    }
    layer = src.layer()
    legend = SCHEMATIC_SHORT if layer.schematic else "Границы — из загруженного слоя."
    note = f"{legend} Цвет — обращений на 1 000 жителей (перепись 2021 года) за период; серый — нет данных."
    body = sizes.body(tiles=False, note_lines=sizes.lines(note))
    fig = settlement_figure(
        layer.frame,
        fills,
        labels_,
        {"title": "На 1 000<br>жителей", "colorscale": colours.colorscale(), "low": low, "high": high},
        colours.NO_DATA,
        height=body,
        font_size=sizes.text,
    )
    fig = _ink(fig, sizes.text)
    ranked = summary.assign(per_1000=per_1000).dropna(subset=["per_1000"])
    ranked = ranked.sort_values(["per_1000", "n"], ascending=False)
    fits = sizes.rows_fitting(body, len(ranked))
    rows = tuple(
        (names.get(k, k), fmt_float(r, 1)) for k, r in zip(ranked["col_key"], ranked["per_1000"], strict=True)
    )[:fits]
    return Slide(
        "map",
        label("slide", "map"),
        subtitle,
        (),
        fig,
        "Больше всего",
        ("Поселение", "На 1 000"),
        rows,
        note=note,
        table_more=more(len(ranked) - len(rows)),
        chart_share=0.72,
    )


def matrix_slide(
    src: Source, filters: Filters, now: datetime, sizes: WallSizes | None = None, max_themes: int = MAX_ROWS
) -> Slide:
    """Themes × settlements per 1 000 residents: as many of the busiest themes as fit, every settlement."""
    sizes = sizes or wall_sizes(None)
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    cells = src.heat_cells(filters, "settlement", as_of)
    if cells["n"].sum() == 0:
        return _empty("matrix", subtitle, NO_DATA)
    names = src.names()
    body = sizes.body(tiles=False, note_lines=2)  # the note with «Ещё N тем» takes two lines
    # settlement names slanted over the columns take about six lines; a theme row needs a quarter line more than its
    # label, or plotly drops every other label
    fits = max(1, min(max_themes, MAX_ROWS, int((body - 6 * sizes.line) // (1.25 * sizes.line))))
    totals = cells.groupby("theme_code")["n"].sum()
    busy = [t for t in totals.sort_values(ascending=False).index if totals[t] > 0]
    rows = busy[:fits]
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
        height=body,
        font_size=sizes.text + 1,  # the figure writes its cell numbers a point smaller than its labels
        legend="На 1 000 жителей",
    )
    fig.update_layout(hovermode=False, clickmode="none")
    fig.update_traces(xgap=3, ygap=3, selector={"type": "heatmap"})
    # every cell carries its number and the note says what the shades mean: the colour bar's width goes to the
    # columns, whose numbers need it at this size
    fig.update_traces(showscale=False, selector={"type": "heatmap"})
    # two significant digits: «11» instead of «10,7» keeps a number inside its narrow column
    z = table.to_numpy(dtype=float)
    fig.data[1].text = [["—" if pd.isna(v) else fmt_float(v, 0 if v >= 10 else 1) for v in row] for row in z]
    fig = _ink(fig, sizes.text)
    note = "Обращений на 1 000 жителей за период: светлее — меньше, темнее — больше; серое — нет данных."
    hidden = len(busy) - len(rows)
    if hidden > 0:
        note += f" Ещё {fmt_int(hidden)} тем с меньшим числом обращений — на странице «Тепловая карта»."
    return Slide("matrix", label("slide", "matrix"), subtitle, (), fig, note=note)


def deadlines_slide(src: Source, filters: Filters, now: datetime, sizes: WallSizes | None = None) -> Slide:
    """On-time share per recipient, the weakest first, with the overdue count of each."""
    sizes = sizes or wall_sizes(None)
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
            f"из {fmt_int(total.judged)}",
            hot=(total.on_time_share or 1.0) < target,
        ),
        Tile("С опозданием", fmt_int(total.late), "за период", hot=total.late > 0),
        Tile("Срок прошёл", fmt_int(total.open_past_due), "без ответа", hot=total.open_past_due > 0),
        Tile(
            "Просрочено",
            fmt_int(int(table["overdue_now"].sum())),
            "сейчас, за всё время",
            hot=table["overdue_now"].sum() > 0,
        ),
    )
    judged = table[table["judged"] > 0].sort_values(["on_time_share", "judged"])
    note = (
        f"Доля ответов в срок за период у получателей с самой низкой долей (всего {fmt_int(len(judged))}); "
        f"зелёным — не ниже цели {fmt_pct(target, 0)}."
    )
    body = sizes.body(tiles=True, note_lines=sizes.lines(note))
    bars = sizes.bars(body)
    shares = judged.head(bars).iloc[::-1]
    shares = shares.assign(name=shares["recipient_code"].map(lambda c: short(names.get(c, c), 26)))
    fig = px.bar(
        shares,
        x="on_time_share",
        y="name",
        orientation="h",
        text=[
            f"{fmt_pct(v, 0)} из {fmt_int(n)}" for v, n in zip(shares["on_time_share"], shares["judged"], strict=True)
        ],
        labels={"on_time_share": "", "name": ""},
    )
    fig.update_traces(marker_color=[colours.GOOD if v >= target else colours.BAD for v in shares["on_time_share"]])
    fig.update_xaxes(tickformat=".0%", range=[0, 1.75], tickvals=[0, 0.5, 1])
    overdue = table[table["overdue_now"] > 0].sort_values("overdue_now", ascending=False)
    fits = sizes.rows_fitting(body, len(overdue), lines=2)
    rows = tuple(
        (names.get(r, r), fmt_int(n)) for r, n in zip(overdue["recipient_code"], overdue["overdue_now"], strict=True)
    )[:fits]
    return Slide(
        "deadlines",
        label("slide", "deadlines"),
        subtitle,
        tiles,
        wall_style(fig, sizes, body),
        "Просрочено сейчас",
        ("Получатель", "Обращ."),
        rows,
        note=note,
        table_more=more(len(overdue) - len(rows), "Сроки ответов"),
        table_lines=2,
    )


def rating_slide(src: Source, filters: Filters, now: datetime, sizes: WallSizes | None = None) -> Slide:
    """The 0–100 score of the lowest-ranked recipients; the change against the previous period."""
    sizes = sizes or wall_sizes(None)
    as_of = periods.as_of(filters.end, now)
    subtitle = _period(filters, as_of)
    table = rating.ranked(src.rating(filters, as_of))
    if table.empty:
        return _empty("rating", subtitle, "Для рейтинга у получателей пока мало обращений за период.")
    names = src.names().recipients
    prev = filters.previous()
    body = sizes.body(tiles=True, note_lines=2)
    bars = sizes.bars(body)
    lowest = table.tail(bars)  # the table is ranked best first: the tail is where the meeting looks
    ordered = lowest.iloc[::-1].assign(name=lambda f: f["recipient_code"].map(lambda c: short(names.get(c, c), 26)))
    fig = px.bar(
        ordered,
        x="score",
        y="name",
        orientation="h",
        text=[fmt_float(v, 0) for v in ordered["score"]],
        labels={"score": "", "name": ""},
    )
    fig.update_traces(marker_color=[colours.GOOD if v >= 80 else colours.BAD for v in ordered["score"]])
    fig.update_xaxes(range=[0, 118], tickvals=[0, 50, 100])
    moved = table[table["change"].notna()].assign(size=lambda f: f["change"].abs())
    moved = moved.sort_values("size", ascending=False)
    fits = sizes.rows_fitting(body, len(moved), lines=2)
    rows = tuple(
        (names.get(r, r), ("↑ " if c > 0 else "↓ ") + fmt_float(abs(c), 0))
        for r, c in zip(moved["recipient_code"], moved["change"], strict=True)
    )[:fits]
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
    hidden = len(table) - len(lowest)
    return Slide(
        "rating",
        label("slide", "rating"),
        subtitle,
        tiles,
        wall_style(fig, sizes, body),
        "Изменение балла",
        ("Получатель", "Баллов"),
        rows,
        note=f"Балл из 100 у {fmt_int(len(lowest))} получателей с самым низким баллом"
        + (f" (ещё {fmt_int(hidden)} — выше, на странице «Рейтинг»)" if hidden > 0 else "")
        + f"; зелёным — от 80. Изменение — к {fmt_period(prev.start, prev.end)}.",
        table_more=more(len(moved) - len(rows)),
        table_lines=2,
    )


def recent_done(done_dates: pd.Series, today: date, days: int = 90) -> int:
    """Measures completed within the last `days` days, today included: today − (days − 1) … today."""
    done = pd.to_datetime(done_dates)
    return int(((done > pd.Timestamp(today - timedelta(days=days))) & (done <= pd.Timestamp(today))).sum())


def roadmaps_slide(src: Source, today: date, sizes: WallSizes | None = None, soon_days: int = 14) -> Slide:
    """Measures overdue and due soon, with who answers for them; the latest done ones with their effect."""
    sizes = sizes or wall_sizes(None)
    measures = src.measures(today)
    subtitle = f"на {fmt_date(today)}"
    if measures.empty:
        return _empty("roadmaps", subtitle, "Мероприятий пока нет: их заводят на странице «Дорожные карты».")
    deadline = pd.to_datetime(measures["deadline"])
    active = measures["state"].isin(["planned", "in_progress"])
    soon = active & (deadline <= pd.Timestamp(today + timedelta(days=soon_days)))
    overdue = measures["state"] == "overdue"
    done = measures[measures["state"] == "done"].sort_values("done_date", ascending=False)
    recent = recent_done(done["done_date"], today)
    tiles = (
        Tile("Выполняются", fmt_int(int(active.sum())), "в плане или в работе"),
        Tile("Просрочены", fmt_int(int(overdue.sum())), "срок прошёл", hot=bool(overdue.any())),
        Tile(f"Срок за {soon_days} дн.", fmt_int(int(soon.sum())), "не выполнены"),
        Tile("Выполнены", fmt_int(len(done)), f"из них за 90 дн.: {fmt_int(recent)}"),
    )
    listed = (
        measures[overdue | soon].assign(order=lambda f: f["state"].ne("overdue")).sort_values(["order", "deadline"])
    )
    # both tables share the slide's body: the first takes what it needs, the second the rest
    body = sizes.body(tiles=True, note_lines=0 if len(listed) else 1, chart=False)
    first = sizes.rows_fitting(body // 2, len(listed), lines=2) if len(listed) else 0
    used = 1.3 * sizes.line + sizes.row + first * (sizes.row + sizes.line) if first else 0
    used += sizes.line if len(listed) > first else 0
    second = sizes.rows_fitting(int(body - used - 16), len(done))
    head = listed.head(first)
    rows = tuple(
        (title, official, fmt_date(pd.Timestamp(dl).date()), f"{fmt_int(p)} %", label("measure_state", s).lower())
        for title, official, dl, p, s in zip(
            head["title"], head["official"], head["deadline"], head["progress"], head["state"], strict=True
        )
    )
    note = "" if rows else "Просроченных мероприятий и мероприятий с близким сроком нет."
    effects = []
    for m in done.head(second).itertuples():
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
        ("Мероприятие", "Ответственный", "Срок", "Готово", "Состояние"),
        rows,
        note=note,
        second_title="Последние выполненные, за всё время: обращений за 90 дней до → после" if effects else "",
        second_head=("Мероприятие", "Завершено", "До → после", "Вывод"),
        second_rows=tuple(effects),
        table_more=more(len(listed) - len(rows), "Дорожные карты"),
        table_lines=2,
        second_more=more(len(done) - len(effects), "Дорожные карты"),
    )


def _period(filters: Filters, as_of: datetime) -> str:
    return f"{fmt_period(filters.start, filters.end)} ({filters.days} дн.) · данные на {fmt_datetime(as_of)}"


def slide(
    src: Source, code: str, filters: Filters, now: datetime, today: date, sizes: WallSizes | None = None
) -> Slide:
    """One slide of the show, from the same reads the pages use, sized for the screen."""
    sizes = sizes or wall_sizes(None)
    if code == "overview":
        return overview_slide(src, filters, now, today, sizes)
    if code == "map":
        return map_slide(src, filters, now, sizes)
    if code == "matrix":
        return matrix_slide(src, filters, now, sizes)
    if code == "deadlines":
        return deadlines_slide(src, filters, now, sizes)
    if code == "rating":
        return rating_slide(src, filters, now, sizes)
    if code == "roadmaps":
        return roadmaps_slide(src, today, sizes)
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
