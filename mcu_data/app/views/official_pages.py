"""«Госпаблики»: how regularly the official pages of the administration, the recipients and the settlements post,
how many comments they answer and how fast, which pages are silent, and how their followers grow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from mcu_data import access
from mcu_data.analytics import official_pages as ofp
from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import Empty, Meter, Tile
from mcu_data.core import colours
from mcu_data.core import definitions as d
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_date, fmt_float, fmt_int, fmt_pct, fmt_period, fmt_signed_pct, label, plural

NO_OWNER_NAME = "Владелец не определён"
ANSWERED_GOOD = d.PAGES_ANSWERED_TARGET  # the bar of the answered share turns green from the rating's default target
ANSWERED_WARNING = 0.6  # from here up to the target the bar is orange (a warning), below it red
NO_DATA = (
    "Данных о госпабликах в хранилище нет. Загрузите выгрузку активности страниц из системы «Госпаблики» (или "
    "таблицу Excel) на странице «Загрузка данных», вкладка «Госпаблики»: одна строка — одна страница за один день, "
    "столбцы «Дата», «Госпаблик», «Ссылка», «Соцсеть», «Владелец», «Публикации», «Комментарии», «Отвечено», "
    "«Среднее время ответа, ч», «Подписчики»."
)


@dataclass
class OfficialPagesView:
    caption: str
    tiles: list[Tile]
    owners: pd.DataFrame
    owner_meters: tuple[Meter, ...]
    silent: pd.DataFrame  # may be empty: then silent_caption says no page is silent
    silent_caption: str
    chart: go.Figure | None
    chart_caption: str
    pages: pd.DataFrame
    page_meters: tuple[Meter, ...]
    help: str


def _hours(value: float) -> str:
    return "—" if pd.isna(value) else f"{fmt_float(value, 1)} ч"


def _owner_names(src: Source) -> dict[str, str]:
    return {**src.names().recipients, ofp.NO_OWNER: NO_OWNER_NAME}


def _tiles(total: pd.Series, threshold: int) -> list[Tile]:
    growth = total["follower_growth"]
    return [
        Tile(
            "Страниц",
            fmt_int(total["pages"]),
            f"молчат {threshold} дн. и дольше: {fmt_int(total['silent_pages'])}",
            help=d.help_text("pages_silent"),
            hot=bool(total["silent_pages"]),
        ),
        Tile(
            "Публикаций в неделю на страницу",
            fmt_float(total["posts_per_week"], 1),
            f"недели с публикацией: {fmt_pct(total['weeks_with_post_share'], 0)}",
            help=d.help_text("pages_regularity"),
        ),
        Tile(
            "Ответы на комментарии",
            fmt_pct(total["answered_share"], 0),
            f"отвечено {fmt_int(total['answered'])} из {fmt_int(total['comments'])}",
            help=d.help_text("pages_answered_share"),
            hot=not pd.isna(total["answered_share"]) and total["answered_share"] < ANSWERED_GOOD,
        ),
        Tile(
            "Среднее время ответа",
            _hours(total["answer_hours"]),
            "на комментарий",
            help=d.help_text("pages_answered_share"),
        ),
        Tile(
            "Подписчиков",
            fmt_int(total["followers_last"]) if not pd.isna(total["followers_last"]) else "—",
            f"за период {fmt_signed_pct(growth, 1)}",
            help=d.help_text("pages_follower_growth"),
        ),
    ]


def _owner_table(owners: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    rows = owners[owners["owner"] != "all"].copy()
    rows["name"] = rows["owner"].map(lambda o: names.get(o, o))
    rows["unknown"] = rows["owner"] == ofp.NO_OWNER  # the pages nobody owns come last
    rows = rows.sort_values(["unknown", "name"])
    return pd.DataFrame(
        {
            "Владелец": rows["name"].to_numpy(),
            "Страниц": rows["pages"].astype(int).to_numpy(),
            "Молчат": rows["silent_pages"].astype(int).to_numpy(),
            "Публикаций": rows["posts"].astype(int).to_numpy(),
            "В неделю на страницу": rows["posts_per_week"].map(lambda v: fmt_float(v, 1)).to_numpy(),
            "Недели с публикацией": rows["weeks_with_post_share"].to_numpy(),
            "Комментариев": rows["comments"].astype(int).to_numpy(),
            "Ответы на комментарии": rows["answered_share"].to_numpy(),
            "Время ответа": rows["answer_hours"].map(_hours).to_numpy(),
            "Подписчиков": rows["followers_last"].map(lambda v: "—" if pd.isna(v) else fmt_int(v)).to_numpy(),
            "Рост подписчиков": rows["follower_growth"].map(lambda v: fmt_signed_pct(v, 1)).to_numpy(),
        }
    )


def _page_table(pages: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Страница": pages["name"].to_numpy(),
            "Соцсеть": pages["network"].map(lambda n: label("page_network", n)).to_numpy(),
            "Владелец": [
                names.get(o, o) if o != ofp.NO_OWNER else f"{NO_OWNER_NAME} («{raw or 'не указан'}»)"
                for o, raw in zip(pages["owner"], pages["owner_raw"], strict=True)
            ],
            "Публикаций": pages["posts"].astype(int).to_numpy(),
            "В неделю": pages["posts_per_week"].map(lambda v: fmt_float(v, 1)).to_numpy(),
            "Дни с публикацией": pages["days_with_post_share"].to_numpy(),
            "Ответы на комментарии": pages["answered_share"].to_numpy(),
            "Время ответа": pages["answer_hours"].map(_hours).to_numpy(),
            "Последняя публикация": pages["last_post"].map(lambda v: "нет" if pd.isna(v) else fmt_date(v)).to_numpy(),
            "Рост подписчиков": pages["follower_growth"].map(lambda v: fmt_signed_pct(v, 1)).to_numpy(),
        }
    )


def _silent(pages: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    quiet = pages[pages["silent"]].sort_values(["days_silent", "name"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Страница": quiet["name"].to_numpy(),
            "Соцсеть": quiet["network"].map(lambda n: label("page_network", n)).to_numpy(),
            "Владелец": quiet["owner"].map(lambda o: names.get(o, o)).to_numpy(),
            "Последняя публикация": quiet["last_post"]
            .map(lambda v: "не было" if pd.isna(v) else fmt_date(v))
            .to_numpy(),
            "Дней без публикаций": quiet["days_silent"].astype(int).to_numpy(),
        }
    )


def _chart(weekly: pd.DataFrame, names: dict[str, str]) -> go.Figure | None:
    """Followers of each owner week by week, against its first week of the period: lines that start at 0 %."""
    if weekly.empty:
        return None
    weekly = weekly.sort_values(["owner", "week"])
    first = weekly.groupby("owner")["followers"].transform("first")
    weekly = weekly.assign(growth=d.follower_growth(first, weekly["followers"]))
    fig = go.Figure()
    for owner, rows in weekly.groupby("owner", sort=False):
        fig.add_trace(
            go.Scatter(
                x=list(rows["week"]),
                y=list(rows["growth"]),
                mode="lines+markers",
                name=names.get(owner, owner),
                customdata=list(rows["followers"]),
                hovertemplate="%{x|%d.%m.%Y}: %{y:+.1%} (%{customdata:,} подписчиков)<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_hline(y=0, line_color=colours.NEUTRAL, line_width=1)
    fig.update_yaxes(tickformat="+.0%", title_text="Рост подписчиков с первой недели", gridcolor="#e6e6e6")
    fig.update_xaxes(tickformat="%d.%m.%Y", title_text="Неделя")
    return charts.style(fig, height=380)


def build(src: Source, filters: Filters, user: access.User, now: datetime) -> OfficialPagesView | Empty:
    span = src.pages_span()
    if span is None:
        return Empty(NO_DATA, icon=":material/campaign:")
    threshold = src.pages_silent_days()
    owners = src.pages_per_owner(filters, threshold)
    total = owners[owners["owner"] == "all"]
    if total.empty or int(total.iloc[0]["pages"]) == 0:
        scope = " своего поселения" if access.own_settlement(user) else ""
        return Empty(
            f"За период нет данных о госпабликах{scope}: в хранилище дни с {fmt_date(span[0])} по "
            f"{fmt_date(span[1])}. Выберите на боковой панели период, который их захватывает, или снимите фильтр "
            "поселений и получателей.",
            icon=":material/campaign:",
        )
    total = total.iloc[0]
    pages = src.pages_per_page(filters, threshold)
    names = _owner_names(src)
    as_of = pages["as_of"].max()
    silent = _silent(pages, names)
    n_silent = len(silent)
    return OfficialPagesView(
        caption=(
            f"Период {fmt_period(filters.start, filters.end)} · выгрузки госпабликов по {fmt_date(as_of)}; "
            "фильтры поселений и получателей действуют, тем и каналов — к страницам не относятся."
        ),
        tiles=_tiles(total, threshold),
        owners=_owner_table(owners, names),
        owner_meters=(Meter("Недели с публикацией"), Meter("Ответы на комментарии", ANSWERED_GOOD, ANSWERED_WARNING)),
        silent=silent,
        silent_caption=(
            f"Без публикаций {threshold} {plural(threshold, 'день', 'дня', 'дней')} и дольше к {fmt_date(as_of)}: "
            f"{fmt_int(n_silent)} {plural(n_silent, 'страница', 'страницы', 'страниц')}. Порог меняется на странице "
            "«Настройки»."
            if n_silent
            else f"Молчащих страниц нет: каждая публиковала что-то за последние {threshold} "
            f"{plural(threshold, 'день', 'дня', 'дней')} до {fmt_date(as_of)}."
        ),
        chart=_chart(src.pages_followers(filters), names),
        chart_caption=(
            "Подписчики всех страниц владельца на конец каждой недели против первой недели периода; при наведении — "
            "число подписчиков."
        ),
        pages=_page_table(pages, names),
        page_meters=(Meter("Дни с публикацией"), Meter("Ответы на комментарии", ANSWERED_GOOD, ANSWERED_WARNING)),
        help=d.help_text("pages_regularity"),
    )
