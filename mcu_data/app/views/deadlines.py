"""«Сроки»: deadline compliance per recipient, its trend, the lists behind every figure, accelerated resolution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from mcu_data import access
from mcu_data.analytics import compliance
from mcu_data.app import charts
from mcu_data.app.source import Source
from mcu_data.app.views.common import (
    CSV,
    NO_DATA_FOR_FILTERS,
    OBSERVER_NO_LISTS,
    Download,
    Empty,
    Meter,
    Tile,
    file_name,
    moment_caption,
)
from mcu_data.core import definitions as d
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_datetime, fmt_float, fmt_int, fmt_pct, fmt_period, label
from mcu_data.reports.exports import to_csv_bytes


@dataclass(frozen=True)
class Listing:
    kind: str
    title: str
    table: pd.DataFrame  # the first SHOWN_ROWS by deadline
    download: Download  # the whole list
    count: int  # how many there are: the figure the list opens

    @property
    def header(self) -> str:
        more = (
            f"; показаны первые {fmt_int(len(self.table))}, весь список — в файле"
            if self.count > len(self.table)
            else ""
        )
        return f"**{self.title}**: {fmt_int(self.count)} обращ.{more}"


@dataclass
class DeadlinesView:
    caption: str
    tiles: list[Tile]
    chart: go.Figure
    chart_caption: str
    table: pd.DataFrame
    meters: tuple[Meter, ...]
    trend: go.Figure
    list_kinds: list[str]
    recipients: list[str | None]
    recipient_names: dict[str, str]
    listing: Listing | None
    lists_prompt: str
    accelerated_caption: str
    accelerated_by_theme: pd.DataFrame
    accelerated_by_recipient: pd.DataFrame
    accelerated_meters: tuple[Meter, ...] = (Meter("Доля"),)  # no target is set: a neutral bar


def share_text(share: float | None, base: int) -> str:
    """A share with its base: «87 % из 23»; «—» with no base."""
    if share is None or pd.isna(share):
        return "—"
    return f"{fmt_pct(share, 0)} из {fmt_int(base)}"


def _tiles(total: _Totals, as_of: datetime) -> list[Tile]:
    moment = f"на {fmt_datetime(as_of)}"
    return [
        Tile(
            "Ответы в срок",
            fmt_pct(total.on_time_share),
            f"из {fmt_int(total.judged)} с наступившим сроком",
            help=d.help_text("on_time_share"),
        ),
        Tile("Ответы с опозданием", fmt_int(total.late), "за период", help=d.help_text("late")),
        Tile(
            "Без ответа, срок прошёл",
            fmt_int(total.open_past_due),
            f"из поступивших за период, {moment}",
            help=d.help_text("open_past_due"),
            hot=total.open_past_due > 0,
        ),
        Tile(
            "Срок ещё не наступил",
            fmt_int(total.not_yet_due),
            "в долю в срок пока не входят",
            help=d.help_text("not_yet_due"),
        ),
        Tile(
            "Просрочено сейчас",
            fmt_int(total.overdue_now),
            f"за всё время, {moment}",
            help=d.help_text("overdue_now"),
            hot=total.overdue_now > 0,
        ),
        Tile(
            "Срок в ближайшие 2 рабочих дня", fmt_int(total.due_soon_now), "ждут ответа", help=d.help_text("due_soon")
        ),
    ]


@dataclass(frozen=True)
class _Totals:
    on_time_share: float | None
    judged: int
    late: int
    open_past_due: int
    not_yet_due: int
    overdue_now: int
    due_soon_now: int


# the table column that counts each list, so that the list's header and its figure are the same number
LIST_COUNTS = {
    "overdue_now": "overdue_now",
    "due_soon": "due_soon",
    "open_past_due": "open_past_due",
    "late": "late",
    "on_time": "on_time",
    "not_yet_due": "not_yet_due",
    "formal": "formal",
}
SHOWN_ROWS = 20  # a list on screen: the 20 oldest deadlines, drawn at once as a table; the file holds all of it


def _rows_table(rows: pd.DataFrame, names) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Срок": rows["due"].dt.strftime("%d.%m.%Y %H:%M").fillna("—"),
            "Поступило": rows["received_at"].dt.strftime("%d.%m.%Y"),
            "Ответ": rows["first_answer_at"].dt.strftime("%d.%m.%Y").fillna("—"),
            "Получатель": rows["recipient_code"].map(names.recipients).fillna("Получатель не определён"),
            "Канал": rows["source_code"].map(lambda c: label("source_short", c)),
            "Номер в источнике": rows["source_id"],
            "Тема": rows["theme_code"].map(names.themes),
            "Поселение": rows["settlement_oktmo"].map(names.settlements).fillna("не определено"),
            "Статус": rows["status_code"].map(lambda c: label("status", c)),
            "Текст (персональные данные скрыты)": rows["text_masked"].fillna(""),
        }
    )


def _listing(
    src: Source, filters: Filters, as_of: datetime, kind: str, recipient: str | None, names, table: pd.DataFrame
) -> Listing:
    counted = table if recipient is None else table[table["recipient_code"] == recipient]
    count = int(counted[LIST_COUNTS[kind]].sum())
    shown = _rows_table(src.compliance_listing(filters, as_of, kind, recipient, SHOWN_ROWS), names)
    who = names.recipients.get(recipient, "") if recipient else "все_получатели"
    name = file_name(
        label("deadline_list", kind).split(" (")[0], who, fmt_period(filters.start, filters.end), ext="csv"
    )
    title = label("deadline_list", kind)
    store = src.store

    def whole() -> bytes:  # made when the file is asked for: the whole list, read afresh
        return to_csv_bytes(_rows_table(Source(store).compliance_listing(filters, as_of, kind, recipient), names))

    return Listing(kind, title, shown, Download(f"Скачать список «{title}» (CSV)", name, CSV, whole, "dl_csv"), count)


def build(
    src: Source,
    filters: Filters,
    user: access.User,
    now: datetime,
    kind: str = "overdue_now",
    recipient: str | None = None,
) -> DeadlinesView | Empty:
    as_of = periods.as_of(filters.end, now)
    table = src.compliance(filters, as_of)
    if table.empty:
        return Empty(NO_DATA_FOR_FILTERS)
    names = src.names()
    total = compliance.totals(table)
    totals = _Totals(
        total.on_time_share,
        total.judged,
        total.late,
        total.open_past_due,
        total.not_yet_due,
        int(table["overdue_now"].sum()),
        int(table["due_soon"].sum()),
    )
    target = float(src.rating_weights().set_index("component").loc["timeliness", "target"])

    judged = table[table["judged"] > 0].sort_values(["on_time_share", "judged"])
    chart = charts.share_bars(
        list(judged["recipient_code"].map(names.recipients)),
        list(judged["on_time_share"]),
        [share_text(s, n) for s, n in zip(judged["on_time_share"], judged["judged"], strict=True)],
        target,
        "Ответы в срок",
        bad_below=target - d.ON_TIME_WARNING_BAND,
    )
    view = pd.DataFrame(
        {
            "Получатель": table["recipient_code"].map(names.recipients),
            "Обращений": table["received"],
            "В срок": table["on_time_share"],
            "База доли": table["judged"],
            "С опозданием": table["late"],
            "Без ответа, срок прошёл": table["open_past_due"],
            "Срок не наступил": table["not_yet_due"],
            "Просрочено сейчас": table["overdue_now"],
            "Срок ≤ 2 раб. дней": table["due_soon"],
            "Медиана ответа, дн.": table["median_days"].map(lambda v: fmt_float(v, 1)),
            "90 % ответов за, дн.": table["p90_days"].map(lambda v: fmt_float(v, 1)),
            "Отписки": table["formal"],
        }
    )
    kind = kind if kind in compliance.LISTS else "overdue_now"
    recipients = [None, *table["recipient_code"]]
    recipient = recipient if recipient in recipients else None
    can_view = access.allowed(user, access.VIEW_APPEALS)
    listing = _listing(src, filters, as_of, kind, recipient, names, table) if can_view else None

    def accelerated(by: str, title: str, labels: dict[str, str]) -> pd.DataFrame:
        frame = src.accelerated(filters, by, as_of)
        return pd.DataFrame(
            {
                title: frame["key"].map(labels),
                "Можно судить": frame["accelerated_base"],
                "Решено за 30 дней": frame["accelerated_solved"],
                "Доля": frame["accelerated_share"],
            }
        )

    trend = src.on_time_trend(filters, as_of)
    return DeadlinesView(
        caption=moment_caption(filters, as_of) + ". Ответы, сроки и «срок не наступил» — по обращениям, поступившим "
        "за период; «просрочено сейчас» и «срок через 2 рабочих дня» — по всем ждущим ответа.",
        tiles=_tiles(totals, as_of),
        chart=chart,
        chart_caption=f"Зелёным — не ниже цели {fmt_pct(target, 0)}, оранжевым — ниже не больше чем на "
        f"{fmt_int(round(d.ON_TIME_WARNING_BAND * 100))} пунктов, красным — ещё ниже. Рядом с долей — из скольких "
        "обращений с наступившим сроком она посчитана.",
        table=view,
        meters=(Meter("В срок", target, target - d.ON_TIME_WARNING_BAND),),
        trend=charts.on_time_trend(trend),
        list_kinds=list(compliance.LISTS),
        recipients=recipients,
        recipient_names=names.recipients,
        listing=listing,
        lists_prompt="" if can_view else OBSERVER_NO_LISTS,
        accelerated_caption=d.BY_CODE["accelerated_share"].formula + " «Решено» — только решённые, не разъяснения.",
        accelerated_by_theme=accelerated("theme", "Тема", names.themes),
        accelerated_by_recipient=accelerated("recipient", "Получатель", names.recipients),
    )
