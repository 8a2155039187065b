"""«Удовлетворённость»: ПОС ratings 1–5 per recipient, theme or settlement, the share of 4–5 and the answer time
against their targets, and the answers of resident surveys per question, settlement and respondent group."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from mcu_data import access
from mcu_data.analytics import satisfaction as sat
from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import Empty, Meter, Notice, Tile, moment_caption
from mcu_data.core import colours, periods
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, fmt_pct, plural

BY = tuple(sat.BY)
TOP_ROWS = 25  # rows of the distribution chart: the most rated first; the table below holds every row
MIN_ANSWERS = 5  # a survey cell with fewer answers shows its count, not a share that one person moves by 20 points


@dataclass
class SurveyView:
    caption: str
    matrix: pd.DataFrame  # settlement × question (with its theme): the positive share with its base
    groups: pd.DataFrame  # question × respondent group
    questions: list[str]
    question: str
    chart: go.Figure
    chart_caption: str
    own_words: str  # how many answers are in residents' own words


@dataclass
class SatisfactionView:
    caption: str
    notices: list[Notice]
    tiles: list[Tile]
    by: str
    distribution: go.Figure | None
    distribution_caption: str
    table: pd.DataFrame
    meters: tuple[Meter, ...]
    trend: go.Figure | None
    targets_text: str
    survey: SurveyView | None
    survey_empty: str = ""
    help: dict[str, str] = field(default_factory=dict)


def _days(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{fmt_float(value, 1)} дн."


def _tiles(total: pd.Series, targets: sat.Targets) -> list[Tile]:
    days = fmt_float(targets.answer_days, 0)
    satisfied = total["pos_satisfied_share"]
    within = total["pos_within_share"]
    median = total["pos_median_days"]
    return [
        Tile(
            "Оценок ПОС",
            fmt_int(total["pos_rated"]),
            f"из {fmt_int(total['pos_answered'])} ответов",
            help=d.help_text("pos_ratings"),
        ),
        Tile(
            "Оценки 4–5",
            fmt_pct(satisfied, 0),
            f"цель — не ниже {fmt_pct(targets.satisfied_share, 0)}"
            + (
                ""
                if pd.isna(satisfied)
                else (": достигнута" if satisfied >= targets.satisfied_share else ": не достигнута")
            ),
            delta_color="off",
            help=d.help_text("pos_satisfied_share"),
            hot=not pd.isna(satisfied) and satisfied < targets.satisfied_share,
        ),
        Tile("Средняя оценка", fmt_float(total["pos_mean"], 2), "из 5", help=d.help_text("satisfaction")),
        Tile(
            f"Ответ ПОС за {days} дн.",
            fmt_pct(within, 0),
            f"из {fmt_int(total['pos_judged'])} сообщений",
            help=d.help_text("pos_within_share"),
        ),
        Tile(
            "Медиана времени ответа ПОС",
            _days(median),
            f"цель — не больше {days} дн."
            + ("" if pd.isna(median) else (": достигнута" if median <= targets.answer_days else ": не достигнута")),
            help=d.help_text("days_to_answer"),
            hot=not pd.isna(median) and median > targets.answer_days,
        ),
    ]


def _names(src: Source, by: str) -> dict[str, str]:
    names = src.names()
    unknown = {
        "recipient": "Получатель не определён",
        "theme": "Тема не определена",
        "settlement": "Поселение не определено",
    }
    table = {"recipient": names.recipients, "theme": names.themes, "settlement": names.settlements}[by]
    return {**table, sat.NO_KEY: unknown[by]}


BY_COLUMN = {"recipient": "Получатель", "theme": "Тема", "settlement": "Поселение"}


def _table(rows: pd.DataFrame, names: dict[str, str], by: str, targets: sat.Targets) -> pd.DataFrame:
    days = fmt_float(targets.answer_days, 0)
    out = pd.DataFrame({BY_COLUMN[by]: rows["key"].map(names).to_numpy()})
    out["Оценок"] = rows["pos_rated"].astype(int).to_numpy()
    for k in d.POS_RATINGS:
        out[f"«{k}»"] = [
            f"{fmt_int(n)} ({fmt_pct(s, 0)})" if n else "0"
            for n, s in zip(rows[f"pos_rating_{k}"], rows[f"pos_rating_{k}_share"], strict=True)
        ]
    out["Оценки 4–5"] = rows["pos_satisfied_share"].to_numpy()
    out["Средняя"] = rows["pos_mean"].map(lambda v: fmt_float(v, 2)).to_numpy()
    out[f"Ответ за {days} дн."] = rows["pos_within_share"].to_numpy()
    out["Медиана ответа"] = rows["pos_median_days"].map(_days).to_numpy()
    out["Сообщений ПОС"] = rows["pos_received"].astype(int).to_numpy()
    return out


def _trend(weekly: pd.DataFrame, target: float) -> go.Figure | None:
    weekly = weekly[weekly["pos_rated"] > 0]
    if weekly.empty:
        return None
    fig = go.Figure(
        go.Scatter(
            x=list(weekly["week"]),
            y=list(weekly["pos_satisfied_share"]),
            mode="lines+markers",
            line_color=colours.NEUTRAL,
            customdata=list(weekly["pos_rated"]),
            hovertemplate="%{x|%d.%m.%Y}: %{y:.0%} из %{customdata}<extra></extra>",
            name="Оценки 4–5",
        )
    )
    fig.add_hline(y=target, line_dash="dash", line_color=colours.GOOD)
    fig.add_annotation(
        x=1, xref="paper", y=target, yanchor="bottom", xanchor="right", showarrow=False,
        text=f"цель {fmt_pct(target, 0)}", font={"size": 12, "color": colours.GOOD},
    )  # fmt: skip
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text="Оценки 4–5", gridcolor="#e6e6e6")
    fig.update_xaxes(tickformat="%d.%m.%Y", title_text="Неделя поступления")
    return charts.style(fig, height=260)


def _cell(share: float, n: int) -> str:
    if n == 0:
        return "—"
    if n < MIN_ANSWERS or pd.isna(share):
        return f"ответов: {fmt_int(n)}"
    return f"{fmt_pct(share, 0)} ({fmt_int(n)})"


def _survey(src: Source, filters: Filters, question: str | None) -> SurveyView | str:
    span = src.survey_span()
    if span is None:
        return (
            "Результатов опросов жителей в хранилище нет. Загрузите их на странице «Загрузка данных», вкладка "
            "«Опросы жителей»: столбцы «Дата опроса», «Вопрос», «Ответ», «Населённый пункт», «Группа респондентов»."
        )
    answers = src.survey_answers(filters)
    if answers.empty:
        return (
            f"За период опросов нет: ответы есть с {fmt_date(span[0])} по {fmt_date(span[1])}. Выберите на боковой "
            "панели период, который их захватывает."
        )
    names = src.names()
    settlement_names = {**names.settlements, sat.NO_KEY: "Поселение не определено"}
    district = answers[(answers["settlement"] == "all") & (answers["judged"] > 0)].set_index("question")
    by_place = answers[answers["settlement"] != "all"]
    asked = list(district.index)  # closed questions only: own words are not judged
    order = [o for o in [*names.settlements, sat.NO_KEY] if o in set(by_place["settlement"])]
    cells = {(r.question, r.settlement): _cell(r.positive_share, int(r.judged)) for r in by_place.itertuples()}
    # one row per settlement (the district first), one column per question headed by the question and its theme
    headings = [
        f"{q} ({', '.join(names.themes.get(c, 'без темы') for c in district.loc[q, 'themes'].split(','))})"
        for q in asked
    ]
    everyone = "Весь район" if not filters.settlements else "Все выбранные поселения"
    matrix = pd.DataFrame({"Поселение": [everyone, *(settlement_names.get(o, o) for o in order)]})
    for asked_question, heading in zip(asked, headings, strict=True):
        total = _cell(district.loc[asked_question, "positive_share"], int(district.loc[asked_question, "judged"]))
        matrix[heading] = [total, *(cells.get((asked_question, o), "—") for o in order)]

    groups = src.survey_groups(filters)
    groups = groups[groups["question"].isin(asked)]
    group_names = sorted(set(groups["respondent_group"]))
    texts = {(r.question, r.respondent_group): _cell(r.positive_share, int(r.judged)) for r in groups.itertuples()}
    group_table = pd.DataFrame({"Вопрос": asked})
    for g in group_names:
        group_table[g] = [texts.get((q, g), "—") for q in asked]

    question = question if question in asked else (asked[0] if asked else None)
    chart = None
    chart_caption = ""
    if question is not None:
        rows = by_place[(by_place["question"] == question) & (by_place["judged"] > 0)]
        rows = rows.sort_values(["positive_share", "judged"], ascending=[False, False])
        chart = charts.share_bars(
            list(rows["settlement"].map(settlement_names)),
            [float(v) for v in rows["positive_share"]],
            [f"{fmt_pct(s, 0)} из {fmt_int(n)}" for s, n in zip(rows["positive_share"], rows["judged"], strict=True)],
            None,
            "Доля положительных ответов",
        )
        chart_caption = (
            "Положительные ÷ ответы с понятным смыслом (положительные, нейтральные, отрицательные); после доли — "
            f"число таких ответов. В таблицах доля показана, если ответов не меньше {MIN_ANSWERS}."
        )
    district_all = answers[answers["settlement"] == "all"]
    own = int(district_all["other"].sum())
    return SurveyView(
        caption=(
            f"Ответов за период: {fmt_int(int(district_all['answers'].sum()))}, с "
            f"{fmt_date(district_all['first_day'].min())} по {fmt_date(district_all['last_day'].max())}. Фильтры периода, тем и поселений действуют; фильтры каналов "
            "и получателей к опросам не относятся. В ячейке — доля положительных ответов и их база."
        ),
        matrix=matrix,
        groups=group_table,
        questions=asked,
        question=question or "",
        chart=chart,
        chart_caption=chart_caption,
        own_words=(
            f"Ответов своими словами (открытые вопросы): {fmt_int(own)} — они загружены с маскированием персональных "
            "данных и в доли не входят."
            if own
            else ""
        ),
    )


def build(
    src: Source, filters: Filters, user: access.User, now: datetime, by: str = "recipient", question: str | None = None
) -> SatisfactionView | Empty:
    by = by if by in BY else "recipient"
    as_of = periods.as_of(filters.end, now)
    targets = src.satisfaction_targets()
    frame = src.pos_satisfaction(filters, as_of, targets.answer_days, by)
    notices = []
    if filters.sources and "pos" not in filters.sources:
        notices.append(
            Notice(
                "info",
                "Оценки ответов и время ответа считаются только по ПОС, а в фильтре каналов ПОС не выбран: ниже — "
                "только результаты опросов.",
                ":material/filter_alt:",
            )
        )
    survey = _survey(src, filters, question)
    total = frame[frame["grouped_by"] == "total"]
    if total.empty and isinstance(survey, str):
        return Empty(
            "За период нет ни сообщений ПОС, ни ответов опросов. Расширьте период или снимите часть фильтров.",
            notices=notices,
        )
    total_row = (
        total.iloc[0] if len(total) else sat.with_shares(pd.DataFrame([dict.fromkeys(frame.columns, 0)])).iloc[0]
    )
    names = _names(src, by)
    rows = frame[frame["grouped_by"] == by].sort_values(["pos_rated", "key"], ascending=[False, True])
    rated = rows[rows["pos_rated"] > 0]
    distribution = None
    if len(rated):
        top = rated.head(TOP_ROWS)
        distribution = charts.rating_distribution(
            [f"{names.get(k, k)} ({fmt_int(n)})" for k, n in zip(top["key"], top["pos_rated"], strict=True)],
            [[float(top[f"pos_rating_{k}_share"].iloc[i]) for k in d.POS_RATINGS] for i in range(len(top))],
            [[int(top[f"pos_rating_{k}"].iloc[i]) for k in d.POS_RATINGS] for i in range(len(top))],
        )
    caption = (
        "Доля каждой оценки среди оценок ответов на сообщения ПОС, поступившие за период; в скобках — число оценок, "
        "сверху — у кого их больше всего."
        + (f" Показаны {TOP_ROWS} из {fmt_int(len(rated))}; все — в таблице." if len(rated) > TOP_ROWS else "")
    )
    if total_row["pos_rated"] == 0 and total_row["pos_received"] > 0:
        notices.append(
            Notice("info", "За период у ответов на сообщения ПОС нет оценок заявителей.", ":material/star_border:")
        )
    days = fmt_float(targets.answer_days, 0)
    trend = _trend(src.weekly_satisfied(filters, as_of), targets.satisfied_share) if total_row["pos_rated"] else None
    return SatisfactionView(
        caption=moment_caption(filters, as_of),
        notices=notices,
        tiles=_tiles(total_row, targets),
        by=by,
        distribution=distribution,
        distribution_caption=caption,
        table=_table(rows, names, by, targets),
        meters=(Meter("Оценки 4–5", targets.satisfied_share), Meter(f"Ответ за {days} дн.")),
        trend=trend,
        targets_text=(
            f"Цели: оценки 4–5 — не ниже {fmt_pct(targets.satisfied_share, 0)}, ответ ПОС — за {days} "
            f"{plural(int(targets.answer_days), 'день', 'дня', 'дней')}; по умолчанию 60 % и 8 дней — "
            f"{d.POS_TARGETS_SOURCE}. Меняются на странице «Настройки»."
        ),
        survey=survey if isinstance(survey, SurveyView) else None,
        survey_empty=survey if isinstance(survey, str) else "",
    )
