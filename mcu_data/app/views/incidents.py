"""«Инциденты»: the problems behind the period's messages, largest first, with their messages and the corrections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import NO_DATA_FOR_FILTERS, NO_DATA_IN_STORE, Empty, moment_caption
from mcu_data.core import periods
from mcu_data.core.filters import Filters
from mcu_data.core.locale import fmt_datetime, fmt_int, label, n_of

TEXT_CHARS = 160  # the first message's text in the list: enough to recognise the problem

EXPLAINED = (
    "Инцидент — сообщения жителей об одной проблеме: одной аварии, одной яме, одной площадке, одном вызове скорой, "
    "из любых каналов. Сообщения собираются в инцидент после каждой загрузки: та же или близкая тема, то же "
    "поселение (или не определено), близкое время и похожий текст — та же улица, тот же объект, те же слова о "
    "проблеме. Если программа ошиблась, выделите сообщения в отдельный инцидент или объедините инциденты: "
    "решение человека сохраняется и соблюдается при каждой следующей загрузке."
)


@dataclass(frozen=True)
class Chosen:
    incident_id: int
    title: str
    table: pd.DataFrame
    message_ids: list[int]
    message_labels: dict[int, str]


@dataclass
class IncidentsView:
    caption: str
    summary: str
    table: pd.DataFrame
    ids: list[int]
    labels: dict[int, str]
    chosen: Chosen | None
    can_view_appeals: bool
    can_correct: bool
    notes: list[str] = field(default_factory=list)


def _short(text: object) -> str:
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return value if len(value) <= TEXT_CHARS else value[: TEXT_CHARS - 1].rstrip() + "…"


def _status(open_n: int, messages: int) -> str:
    if open_n == 0:
        return "ответы даны"
    return "открыт" if open_n == messages else f"открыт: {fmt_int(open_n)} из {fmt_int(messages)}"


def build(src: Source, filters: Filters, user: access.User, now: datetime, chosen: int | None) -> IncidentsView | Empty:
    if src.data_span() is None:
        return Empty(NO_DATA_IN_STORE, ":material/upload_file:")
    as_of = periods.as_of(filters.end, now)
    found = src.incidents(filters, as_of)
    if found.empty:
        return Empty(NO_DATA_FOR_FILTERS)
    names = src.names()
    total_messages = int(found["messages"].sum())
    multi = found[found["messages"] > 1]
    summary = (
        f"За период {n_of(total_messages, 'сообщение', 'сообщения', 'сообщений')} — "
        f"{n_of(len(found), 'инцидент', 'инцидента', 'инцидентов')}; "
        f"{n_of(len(multi), 'инцидент', 'инцидента', 'инцидентов')} из нескольких сообщений, в них "
        f"{n_of(int(multi['messages'].sum()), 'сообщение', 'сообщения', 'сообщений')}."
    )
    shown = multi if len(multi) else found.head(50)
    table = pd.DataFrame(
        {
            "№": shown["incident_id"].map(_number),
            "Тема": shown["theme_code"].map(names.themes),
            "Поселение": shown["settlement_oktmo"].map(names.settlements).fillna("не определено"),
            "Сообщений": shown["messages"].astype(int),
            "Каналы": shown["channel_codes"].map(lambda cs: ", ".join(label("channel", c) for c in cs)),
            "Первое": shown["first_at"].map(fmt_datetime),
            "Последнее": shown["last_at"].map(fmt_datetime),
            "Состояние": [_status(int(o), int(m)) for o, m in zip(shown["open"], shown["messages"], strict=True)],
            "Первое сообщение (персональные данные скрыты)": shown["first_text"].map(_short),
        }
    )
    can_view = access.allowed(user, access.VIEW_APPEALS)
    if not can_view:  # a message's text is a single appeal: roles that see only figures see no texts
        table = table.drop(columns=["Первое сообщение (персональные данные скрыты)"])
    ids = [int(i) for i in shown["incident_id"]]
    labels = {
        int(r.incident_id): f"{_number(r.incident_id)} · {names.themes.get(r.theme_code, r.theme_code)} · "
        f"{names.settlements.get(r.settlement_oktmo, 'не определено')} · "
        f"{n_of(int(r.messages), 'сообщение', 'сообщения', 'сообщений')}"
        for r in found.itertuples()
    }
    picked = None
    if can_view and chosen is not None and chosen in labels:
        picked = _chosen(src, filters, chosen, as_of, labels[chosen], names)
    notes = []
    if not len(multi):
        notes.append("Ни одна проблема за период не собрала больше одного сообщения: показаны первые 50 сообщений.")
    return IncidentsView(
        caption=moment_caption(filters, as_of),
        summary=summary,
        table=table.reset_index(drop=True),
        ids=ids,
        labels=labels,
        chosen=picked,
        can_view_appeals=can_view,
        can_correct=access.allowed(user, access.CORRECT),
        notes=notes,
    )


def _number(incident_id: int) -> str:
    # an appeal not grouped yet is an incident of its own under its negative id: shown as «—»
    return f"№{fmt_int(int(incident_id))}" if int(incident_id) > 0 else "—"


def _chosen(src: Source, filters: Filters, incident_id: int, as_of: datetime, title: str, names) -> Chosen:
    rows = src.incident_messages(filters, incident_id, as_of)
    table = pd.DataFrame(
        {
            "Поступило": rows["received_at"].map(fmt_datetime),
            "Канал": rows["channel_code"].map(lambda c: label("channel", c)),
            "Номер в источнике": rows["source_id"],
            "Подтема": rows["subtheme"].fillna("—"),
            "Получатель": rows["recipient_code"].map(names.recipients).fillna("не определён"),
            "Состояние": rows["state"].map(lambda c: label("deadline_state", c)),
            "Текст (персональные данные скрыты)": rows["text_masked"].fillna(""),
        }
    )
    ids = [int(i) for i in rows["appeal_id"]]
    message_labels = {
        int(a): f"{fmt_datetime(t)} · {label('channel', c)} · {s}"
        for a, t, c, s in zip(
            rows["appeal_id"], rows["received_at"], rows["channel_code"], rows["source_id"], strict=True
        )
    }
    return Chosen(incident_id, title, table, ids, message_labels)


def done_text(what: str, report) -> str:
    """The confirmation after a correction: what moved, and that the decision is kept."""
    return (
        f"{what}: {n_of(report.messages, 'сообщение', 'сообщения', 'сообщений')}. Решение сохранено и будет "
        "соблюдаться при следующих загрузках."
    )
