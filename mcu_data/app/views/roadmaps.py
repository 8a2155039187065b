"""«Дорожные карты»: the tracker's views, the form's starting values, the measured effect, a theme's roadmap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from mcu_data import access
from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import CSV, XLSX, Download, file_name
from mcu_data.core import colours
from mcu_data.core.locale import fmt_date, fmt_datetime, label
from mcu_data.reports.exports import to_csv_bytes, to_xlsx_bytes
from mcu_data.roadmaps import measures

STATE_COLORS = {
    "planned": "#9ecae1",
    "in_progress": "#3182bd",
    "done": colours.GOOD,
    "overdue": colours.BAD,
    "cancelled": "#969696",
}
EDITORS = ("curator", "sector_leader", "settlement_head")


@dataclass(frozen=True)
class EffectEntry:
    measure_id: int
    title: str
    verdict: str
    explanation: str
    figure: go.Figure


@dataclass
class RoadmapsView:
    empty: bool
    table: pd.DataFrame  # the list as shown
    overdue: pd.DataFrame
    by_block: pd.DataFrame
    timeline: go.Figure | None
    downloads: list[Download]
    can_edit: bool
    edit_scope: str  # what this role may change, said above the form
    options: list[int | None]  # measures to pick in the form: None is a new one
    option_names: dict[int, str]
    effects: list[EffectEntry]
    no_effect_warning: str
    theme_names: dict[str, str]
    settlement_names: dict[str, str]
    leaders: dict[str, str]  # theme -> the leader of its block


def _themes(codes, names) -> str:
    return ", ".join(names.themes.get(c, c) for c in codes)


def _places(codes, names) -> str:
    return ", ".join(names.settlements.get(c, c) for c in codes) or "весь район"


def _series_figure(weekly: pd.DataFrame, done: date) -> go.Figure:
    frame = weekly.assign(group=weekly["grp"].map(lambda g: label("effect_group", g)))
    fig = px.line(
        frame,
        x="week",
        y="n",
        color="group",
        markers=True,
        labels={"week": "Неделя", "n": "Обращений", "group": ""},
        color_discrete_map={
            label("effect_group", "treated"): colours.CHANNELS["pos"],
            label("effect_group", "control"): colours.NEUTRAL,
        },
    )
    moment = pd.Timestamp(done).to_pydatetime()
    fig.add_vline(x=moment, line_dash="dash", line_color=colours.BAD)
    fig.add_annotation(x=moment, y=1, yref="paper", text="завершено", showarrow=False, yanchor="bottom")
    fig.update_xaxes(tickformat="%d.%m.%Y")
    return charts.style(fig, height=280)


def build(src: Source, user: access.User, today: date) -> RoadmapsView:
    items = src.measures(today)
    names = src.names()
    refs = src.reference_tables()
    theme_block = dict(zip(refs["themes"]["code"], refs["themes"]["block"], strict=True))
    theme_leader = dict(zip(refs["themes"]["code"], refs["themes"]["leader"], strict=True))
    shown = pd.DataFrame(
        {
            "№": items["measure_id"],
            "Мероприятие": items["title"],
            "Темы": items["theme_codes"].map(lambda c: _themes(c, names)),
            "Поселения": items["settlement_oktmos"].map(lambda c: _places(c, names)),
            "Ответственный": items["official"],
            "Срок": items["deadline"].map(fmt_date),
            "Состояние": items["state"].map(lambda s: label("measure_state", s)),
            "Выполнение": items["progress"] / 100,
        }
    )
    first_theme = items["theme_codes"].map(lambda c: c[0] if len(c) else None)
    blocks = pd.DataFrame(
        {
            "Блок": first_theme.map(theme_block).fillna("без блока"),
            "Руководитель": first_theme.map(theme_leader).fillna("—"),
            "state": items["state"],
        }
    )
    by_block = (
        blocks.groupby(["Блок", "Руководитель"])
        .agg(
            Всего=("state", "size"),
            Выполнено=("state", lambda s: int((s == "done").sum())),
            Просрочено=("state", lambda s: int((s == "overdue").sum())),
        )
        .reset_index()
    )
    timeline = None
    if not items.empty:
        frame = shown.assign(start=items["start_date"], finish=items["done_date"].fillna(items["deadline"]))
        color_map = {label("measure_state", k): v for k, v in STATE_COLORS.items()}
        timeline = px.timeline(
            frame,
            x_start="start",
            x_end="finish",
            y="Мероприятие",
            color="Состояние",
            color_discrete_map=color_map,
            labels={"Мероприятие": ""},
        )
        timeline.add_vline(x=pd.Timestamp(today).to_pydatetime(), line_dash="dot", line_color=colours.NEUTRAL)
        timeline.update_yaxes(autorange="reversed")
        timeline.update_xaxes(tickformat="%d.%m.%Y")
        timeline = charts.style(timeline, height=max(260, 34 * len(frame) + 80))
    downloads = []
    if access.allowed(user, access.EXPORT):  # an observer sees the table, not a file to take away
        table = measures.to_table(items, names.themes, names.settlements)
        downloads = [
            Download(
                "Скачать (CSV)",
                file_name("дорожные_карты", today, ext="csv"),
                CSV,
                lambda: to_csv_bytes(table),
                "rm_csv",
            ),
            Download(
                "Скачать (Excel)",
                file_name("дорожные_карты", today, ext="xlsx"),
                XLSX,
                lambda: to_xlsx_bytes(table, "Мероприятия"),
                "rm_xlsx",
            ),
        ]
    scope = ""
    if user.role == "sector_leader":
        scope = "Вы меняете мероприятия по темам своего блока: " + ", ".join(names.themes[t] for t in user.themes)
    elif user.role == "settlement_head":
        scope = f"Вы меняете мероприятия своего поселения: {names.settlements.get(user.oktmo, user.oktmo)}."
    elif user.role not in EDITORS:
        scope = (
            f"Роль «{label('role', user.role)}» мероприятия не меняет: это делают куратор МЦУ, руководители "
            "отраслевых блоков (по своим темам) и главы поселений (по своему поселению)."
        )
    done = items[items["status"] == "done"]
    effects = []
    for m in done.itertuples():
        done_on = pd.Timestamp(m.done_date).date()
        result = src.measure_effect(tuple(m.theme_codes), tuple(m.settlement_oktmos), done_on, today)
        figure = _series_figure(src.measure_series(tuple(m.theme_codes), tuple(m.settlement_oktmos), done_on), done_on)
        effects.append(
            EffectEntry(int(m.measure_id), m.title, label("effect", result.verdict), result.explanation_ru, figure)
        )
    no_effect = [e.title for e in effects if e.verdict in (label("effect", "unchanged"), label("effect", "increased"))]
    return RoadmapsView(
        empty=items.empty,
        table=shown,
        overdue=shown[items["state"] == "overdue"],
        by_block=by_block,
        timeline=timeline,
        downloads=downloads,
        can_edit=user.role in EDITORS,
        edit_scope=scope,
        options=[None, *items["measure_id"].tolist()],
        option_names=dict(zip(items["measure_id"], items["title"], strict=True)),
        effects=effects,
        no_effect_warning="Выполнены, но обращений не стало меньше: " + "; ".join(no_effect) if no_effect else "",
        theme_names=names.themes,
        settlement_names=names.settlements,
        leaders=theme_leader,
    )


def form_values(current: dict | None, draft: dict | None, today: date) -> dict:
    """What the form starts from: the stored measure, a draft from a growth point, or a new one due in 90 days."""
    if current is not None:
        return current
    draft = draft or {}
    return {
        "title": draft.get("title", ""),
        "description": draft.get("description", ""),
        "theme_codes": draft.get("theme_codes", []),
        "settlement_oktmos": draft.get("settlement_oktmos", []),
        "recipient_code": draft.get("recipient_code"),
        "official": draft.get("official", ""),
        "start_date": today,
        "deadline": today + timedelta(days=90),
        "done_date": None,
        "status": "planned",
        "progress": 0,
        "expected_effect": draft.get("expected_effect", ""),
        "evidence": draft.get("evidence", ""),
    }


def history_table(src: Source, measure_id: int) -> pd.DataFrame:
    hist = src.measure_history(measure_id)
    return pd.DataFrame(
        {
            "Когда": hist["changed_at"].map(lambda t: fmt_datetime(pd.Timestamp(t).to_pydatetime())),
            "Кто": hist["changed_by"],
            "Поле": hist["field"],
            "Было": hist["old_value"],
            "Стало": hist["new_value"],
        }
    )


def stale_table(current: dict) -> pd.DataFrame:
    """The values now in the store, shown when a save was refused because someone saved first."""
    return pd.DataFrame(
        {
            "Поле": ["Название", "Статус", "Выполнение", "Срок", "Изменил"],
            "Сейчас": [
                current["title"],
                label("measure_state", current["status"]),
                f"{current['progress']} %",
                fmt_date(current["deadline"]),
                current["updated_by"],
            ],
        }
    )


def theme_roadmap(src: Source, theme: str, today: date) -> pd.DataFrame:
    """The printable roadmap of one theme."""
    items = src.measures(today)
    names = src.names()
    own = items[items["theme_codes"].map(lambda c: theme in list(c))] if not items.empty else items
    return pd.DataFrame(
        {
            "№": own["measure_id"].astype(str),
            "Мероприятие": own["title"],
            "Поселения": own["settlement_oktmos"].map(lambda c: _places(c, names)),
            "Ответственный": own["official"],
            "Начало": own["start_date"].map(fmt_date),
            "Срок": own["deadline"].map(fmt_date),
            "Состояние": own["state"].map(lambda s: label("measure_state", s)),
            "Выполнение": own["progress"].map(lambda p: f"{p} %"),
        }
    ).set_index("№")
