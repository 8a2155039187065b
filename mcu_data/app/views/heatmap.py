"""«Тепловая карта»: themes × settlements (recipients, weeks), the map, a cell's appeals, growth and problem points."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import folium
import pandas as pd
import plotly.graph_objects as go

from geo.maps import SCHEMATIC_NOTE
from mcu_data import access
from mcu_data.analytics import heatmap
from mcu_data.app.matrix_chart import matrix_figure, value_range
from mcu_data.app.source import Source
from mcu_data.app.views.common import (
    CSV,
    NO_DATA_FOR_FILTERS,
    NO_DATA_IN_STORE,
    OBSERVER_NO_LISTS,
    Download,
    Empty,
    file_name,
    moment_caption,
)
from mcu_data.core import colours, periods
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.core.locale import (
    fmt_change,
    fmt_compared,
    fmt_float,
    fmt_int,
    fmt_metric,
    fmt_pct,
    fmt_period,
    fmt_signed_pct,
    label,
)
from mcu_data.reports.exports import to_csv_bytes
from mcu_data.reports.summary import incident_line

MAP_METRICS = heatmap.MAP_METRICS
DIVERGING = ("change_pct", "change_abs")
# the «?» of the metric choice, from the definitions each metric is computed by
METRICS_HELP = "\n\n".join(
    f"**{label('metric', metric)}** — {d.BY_CODE[code].formula}"
    for metric, code in (
        ("per_1000", "per_1000"),
        ("change_pct", "change"),
        ("overdue_share", "overdue_share"),
        ("formal_share", "formal_share"),
    )
)
SURVEY_QUESTION = "Что в первую очередь сделать в поселении {place} по теме «{theme}»?"


INCIDENT_NOTE = d.help_text("incident")


@dataclass(frozen=True)
class Choices:
    """What the user picked on the page; anything unknown falls back to the default."""

    axis: str = "settlement"
    metric: str = "count"
    map_metric: str = "per_1000"
    map_theme: str | None = None
    theme: str | None = None  # the picked cell
    key: str | None = None
    unit: str = "message"  # count messages, or incidents (one problem once)


@dataclass(frozen=True)
class Cell:
    title: str
    count_text: str
    table: pd.DataFrame
    download: Download


@dataclass(frozen=True)
class GrowthPoint:
    title: str
    lines: list[str]
    draft: dict | None  # a roadmap measure prefilled from the point, for roles that may create one


@dataclass
class HeatmapView:
    caption: str
    axis: str
    metrics: list[str]
    metric: str
    matrix: go.Figure
    matrix_note: str
    rows: list[str]
    columns: list[str]
    row_names: dict[str, str]
    col_names: dict[str, str]
    map_metric: str
    map: folium.Map
    map_legend: str
    schematic_note: str | None
    layer_source: str
    can_view_appeals: bool
    cell: Cell | None
    cell_prompt: str
    growth_caption: str
    growth: list[GrowthPoint]
    problems_caption: str
    problems: pd.DataFrame
    problems_download: Download | None
    notes: list[str] = field(default_factory=list)


def metrics_for(axis: str) -> list[str]:
    """Per 1 000 needs a population: only settlements have one; a week has no previous period to change from."""
    return [
        m
        for m in heatmap.METRICS
        if (axis == "settlement" or m != "per_1000") and (axis != "week" or m not in DIVERGING)
    ]


def normalized(choices: Choices, themes: list[str]) -> Choices:
    axis = choices.axis if choices.axis in heatmap.AXES else "settlement"
    metric = choices.metric if choices.metric in metrics_for(axis) else "count"
    map_metric = choices.map_metric if choices.map_metric in MAP_METRICS else "per_1000"
    map_theme = choices.map_theme if choices.map_theme in themes else None
    unit = choices.unit if choices.unit in heatmap.UNITS else "message"
    return Choices(axis, metric, map_metric, map_theme, choices.theme, choices.key, unit)


def _columns(axis: str, cells: pd.DataFrame, names) -> tuple[list[str], dict[str, str]]:
    present = set(cells.loc[cells["n"] > 0, "col_key"])
    if axis == "week":
        keys = sorted(present)
        return keys, {k: pd.Timestamp(k).strftime("%d.%m") for k in keys}
    own = (
        names.settlements
        if axis == "settlement"
        else {k: v for k, v in names.recipients.items() if k != heatmap.NO_KEY}
    )
    ordered = sorted(own, key=own.get)
    if axis == "settlement":
        keys = ordered  # every settlement: one with no appeals is a true zero, not a missing column
    else:
        keys = [k for k in ordered if k in present]
    if heatmap.NO_KEY in present:
        keys.append(heatmap.NO_KEY)
    return keys, {**own, heatmap.NO_KEY: "не определено"}


def _legend(metric: str, filters: Filters) -> str:
    text = label("metric", metric)
    if metric in DIVERGING:
        prev = filters.previous()
        text += f", {fmt_compared(prev.start, prev.end, False)}"
    return text


def _map(src: Source, filters: Filters, cells: pd.DataFrame, choices: Choices, names) -> tuple:
    population = src.population()
    summary = heatmap.settlement_summary(cells, choices.map_theme, population)
    values = heatmap.metric_values(summary, choices.map_metric, population)
    # a settlement the filters leave out has no data here, not a calm zero
    chosen = set(filters.settlements) - {heatmap.NO_KEY}
    shown = summary["col_key"].isin(chosen) if chosen else pd.Series(True, index=summary.index)
    values = values.where(shown)
    by_key = dict(zip(summary["col_key"], values, strict=True))
    low, high = value_range(values.to_numpy(dtype=float), choices.map_metric in DIVERGING)
    fills = {
        k: colours.color_for(v, low, high, choices.map_metric in DIVERGING) for k, v in by_key.items() if pd.notna(v)
    }
    tooltips = {}
    for row, value, visible in zip(summary.itertuples(), values, shown, strict=True):
        name = names.settlements[row.col_key]
        if not visible:
            tooltips[row.col_key] = f"<b>{name}</b><br>нет данных: поселение не выбрано в фильтрах"
            continue
        themes = ", ".join(names.themes[t] for t in row.top_themes)
        tooltips[row.col_key] = (
            f"<b>{name}</b><br>{label('metric', choices.map_metric)}: {fmt_metric(choices.map_metric, value)}"
            f"<br>Обращений: {fmt_int(row.n)}<br>На 1 000 жителей: "
            f"{fmt_float(d.per_thousand(row.n, population[row.col_key]), 1)}"
            f"<br>Изменение: {fmt_change(row.n, row.n_prev)}" + (f"<br>Главные темы: {themes}" if themes else "")
        )
    layer = src.layer()
    fmap = src.settlement_map(tuple(sorted(fills.items())), tuple(sorted(tooltips.items())))
    legend = (
        f"Цвет — «{_legend(choices.map_metric, filters)}»: светлее — меньше, темнее — больше"
        if choices.map_metric not in DIVERGING
        else f"Цвет — «{_legend(choices.map_metric, filters)}»: синий — меньше, красный — больше, белый — без изменений"
    )
    legend += "; серый — нет данных."
    return fmap, legend, (SCHEMATIC_NOTE if layer.schematic else None), layer.source


def _cell(
    src: Source, filters: Filters, axis: str, theme: str, key: str, as_of: datetime, names, col_names: dict[str, str]
) -> Cell:
    appeals = src.cell_appeals(filters, axis, theme, key, as_of)
    table = pd.DataFrame(
        {
            "Поступило": appeals["received_at"].dt.strftime("%d.%m.%Y %H:%M"),
            "Канал": appeals["source_code"].map(lambda c: label("source_short", c)),
            "Номер в источнике": appeals["source_id"],
            "Текст (персональные данные скрыты)": appeals["text_masked"].fillna(""),
            "Состояние": appeals["state"].map(lambda c: label("deadline_state", c)),
            "Результат": appeals["outcome_code"].map(lambda c: label("outcome", c) if isinstance(c, str) else "—"),
            "Срок": appeals["due"].dt.strftime("%d.%m.%Y").fillna("—"),
            "Ответ": appeals["first_answer_at"].dt.strftime("%d.%m.%Y").fillna("—"),
            "Получатель": appeals["recipient_code"].map(names.recipients).fillna("не определён"),
            "Поселение": appeals["settlement_oktmo"].map(names.settlements).fillna("не определено"),
        }
    )
    title = f"{names.themes[theme]} · {col_names.get(key, key)}"
    name = file_name(
        "обращения", names.themes[theme], col_names.get(key, key), fmt_period(filters.start, filters.end), ext="csv"
    )
    return Cell(
        title,
        f"{fmt_int(len(table))} обращ.",
        table,
        Download("Скачать список (CSV)", name, CSV, lambda: to_csv_bytes(table), "hm_cell_csv"),
    )


def _growth(
    src: Source, filters: Filters, user: access.User, names, unit: str = "message"
) -> tuple[str, list[GrowthPoint]]:
    week_start = filters.end - timedelta(days=6)
    caption = (
        f"Неделя {fmt_period(week_start, filters.end)} (последние 7 дней периода) против восьми предыдущих "
        "недель: рост не меньше чем вдвое, не меньше 5 обращений и вероятность случайного всплеска (по закону "
        "Пуассона) меньше 0,1 %."
    )
    points = []
    can_plan = user.role in ("curator", "sector_leader", "settlement_head")
    if unit == "incident":
        caption = (
            caption.replace("обращений", "инцидентов") + " Считаются инциденты: сообщения об одной проблеме — один раз."
        )
    unit_word = "инцид." if unit == "incident" else "обращ."
    for p in src.growth_points(filters, unit).itertuples():
        found = src.growth_drivers(filters, p.theme_code, p.settlement_oktmo)
        name = f"{names.themes.get(p.theme_code, p.theme_code)} — {names.settlements.get(p.settlement_oktmo)}"
        lines = [
            f"Рост: **{fmt_signed_pct(p.ratio - 1)}** к обычной неделе; повторных обращений: {fmt_int(p.repeats)}."
        ]
        subs = [
            f"{sub} — {fmt_int(r.now)} (обычно {fmt_float(r.usual, 1)})"
            for sub, r in found["subtopics"].iterrows()
            if r.now > 0
        ]
        if subs:
            lines.append("Подтемы: " + "; ".join(subs))
        if found["streets"]:
            lines.append("Чаще всего называют: " + "; ".join(f"{s} — {fmt_int(n)}" for s, n in found["streets"]))
        if found["words"]:
            lines.append("Слова, которых стало больше: " + ", ".join(f"«{w}»" for w in found["words"]))
        said = incident_line(found["incidents"])
        if said:
            lines.append(said)
        if not found["recipients"].empty:
            lines.append(
                "Получатели: "
                + "; ".join(
                    f"{names.recipients.get(r, 'не определён')} — {fmt_int(n)}" for r, n in found["recipients"].items()
                )
            )
        draft = None
        if can_plan:
            top_recipient = found["recipients"].index[0] if not found["recipients"].empty else None
            draft = {
                "title": f"Устранить причины роста обращений: {name}",
                "theme_codes": [p.theme_code],
                "settlement_oktmos": [p.settlement_oktmo],
                "recipient_code": top_recipient,
                "evidence": (
                    f"Точка роста {fmt_period(week_start, filters.end)}: {p.observed} обращ. при обычных "
                    f"{fmt_float(p.baseline, 1)} в неделю. Слова: {', '.join(found['words'])}."
                ),
                "expected_effect": "Число обращений по теме в поселении вернётся к обычному уровню.",
            }
        points.append(
            GrowthPoint(
                f"{name}: {fmt_int(p.observed)} {unit_word} за неделю, обычно {fmt_float(p.baseline, 1)}", lines, draft
            )
        )
    return caption, points


def _problems(
    cells: pd.DataFrame, population: pd.Series, names, filters: Filters, can_export: bool
) -> tuple[pd.DataFrame, Download | None]:
    problems = heatmap.problem_points(cells, population)
    if problems.empty:
        return problems, None
    table = pd.DataFrame(
        {
            "Тема": problems["theme_code"].map(names.themes),
            "Поселение": problems["col_key"].map(names.settlements),
            "Обращений": problems["n"],
            "На 1 000 жителей": problems["per_1000"].map(lambda v: fmt_float(v, 1)),
            "Рост": problems["growth"].map(fmt_signed_pct),
            "Повторных": problems["repeat_share"].map(lambda v: fmt_pct(v, 0)),
            "Средняя оценка": [
                f"{fmt_float(m, 1)} (оценок: {fmt_int(n)})" if n else "—"
                for m, n in zip(problems["satisfaction"], problems["rated"], strict=True)
            ],
            "Балл": problems["score"].map(lambda v: fmt_pct(v, 0)),
            "Вопрос для опроса": [
                SURVEY_QUESTION.format(place=names.settlements[k], theme=names.themes[t])
                for t, k in zip(problems["theme_code"], problems["col_key"], strict=True)
            ],
        }
    )
    download = None
    if can_export:
        download = Download(
            "Скачать кандидатов для опросов (CSV)",
            file_name("кандидаты_для_опросов", fmt_period(filters.start, filters.end), ext="csv"),
            CSV,
            lambda: to_csv_bytes(table.assign(Балл=problems["score"].round(3).to_numpy())),
            "hm_poll_csv",
        )
    return table, download


def build(src: Source, filters: Filters, user: access.User, now: datetime, choices: Choices) -> HeatmapView | Empty:
    if src.data_span() is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    as_of = periods.as_of(filters.end, now)
    names = src.names()
    themes = list(names.themes)
    choices = normalized(choices, themes)
    cells = src.heat_cells(filters, choices.axis, as_of, choices.unit)
    if cells["n"].sum() == 0:
        return Empty(NO_DATA_FOR_FILTERS)
    population = src.population()
    columns, col_names = _columns(choices.axis, cells, names)
    rows = [t for t in themes if t in set(cells.loc[cells["n"] > 0, "theme_code"])]
    values = heatmap.metric_values(cells, choices.metric, population if choices.axis == "settlement" else None)
    table = heatmap.pivot(cells, values, rows, columns, choices.metric)
    base = heatmap.metric_base(cells, choices.metric)
    bases = None if base is None else heatmap.pivot(cells, base, rows, columns, "count")
    matrix = matrix_figure(
        table, choices.metric, names.themes, col_names, legend=_legend(choices.metric, filters), bases=bases
    )
    notes = []
    if choices.axis == "week":
        notes.append("У недель нет пары в предыдущем периоде: изменение считается только для поселений и получателей.")
    prev = filters.previous()
    compared = fmt_compared(prev.start, prev.end, False)
    matrix_note = {
        "count": "Число обращений за период; 0 — обращений не было, серое — нет данных.",
        "per_1000": "Обращений на 1 000 жителей (перепись 2021 года); у «не определено» нет населения — серое.",
        "overdue_share": "Доля просроченных: " + d.BY_CODE["overdue_share"].formula + " Серое — нет обращений с "
        "наступившим сроком.",
        "formal_share": "Доля формальных ответов среди ответов с указанным результатом; серое — ответов нет.",
        "change_pct": f"Изменение числа обращений {compared}: синий — меньше, красный — больше; серое — в прошлом "
        "периоде обращений не было.",
        "change_abs": f"Изменение числа обращений {compared}: синий — меньше, красный — больше.",
    }[choices.metric]
    if choices.unit == "incident" and choices.metric in ("count", "per_1000", "change_pct", "change_abs"):
        matrix_note = matrix_note.replace("обращений", "инцидентов").replace("Обращений", "Инцидентов")
        matrix_note += " " + d.BY_CODE["incident"].formula
    if bases is not None:
        matrix_note += f" Курсивом — из меньше чем {fmt_int(d.SMALL_BASE)} обращений: число — в подсказке ячейки."

    settlement_cells = (
        cells if choices.axis == "settlement" else src.heat_cells(filters, "settlement", as_of, choices.unit)
    )
    fmap, map_legend, schematic, layer_source = _map(src, filters, settlement_cells, choices, names)
    can_view = access.allowed(user, access.VIEW_APPEALS)
    cell = None
    if can_view and choices.theme in rows and choices.key in columns:
        cell = _cell(src, filters, choices.axis, choices.theme, choices.key, as_of, names, col_names)
    growth_caption, growth_points = _growth(src, filters, user, names, choices.unit)
    problems, problems_download = _problems(
        settlement_cells, population, names, filters, access.allowed(user, access.EXPORT)
    )
    return HeatmapView(
        caption=moment_caption(filters, as_of),
        axis=choices.axis,
        metrics=metrics_for(choices.axis),
        metric=choices.metric,
        matrix=matrix,
        matrix_note=matrix_note,
        rows=rows,
        columns=columns,
        row_names=names.themes,
        col_names=col_names,
        map_metric=choices.map_metric,
        map=fmap,
        map_legend=map_legend,
        schematic_note=schematic,
        layer_source=layer_source,
        can_view_appeals=can_view,
        cell=cell,
        cell_prompt="Нажмите на ячейку матрицы или выберите тему и столбец здесь." if can_view else OBSERVER_NO_LISTS,
        growth_caption=growth_caption,
        growth=growth_points,
        problems_caption=(
            "Тема в поселении за период: обращений на 1 000 жителей, рост к предыдущему периоду той же длины, доля "
            f"повторных обращений и низкая оценка ответов — каждое в ранг от 0 до 1 среди точек с "
            f"{heatmap.PROBLEM_MIN_COUNT} и более обращениями; балл — среднее. Верхние строки — кандидаты для опросов "
            "и голосований жителей (п. 1.1 е Положения)."
        ),
        problems=problems,
        problems_download=problems_download,
        notes=notes,
    )
