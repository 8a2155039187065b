"""«Проверка тем и поселений»: the rows the import was unsure of, as an editable table, and what an edit changes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mcu_data.app.source import Source
from mcu_data.core.locale import fmt_datetime, fmt_int, label
from mcu_data.ingest import review

NOT_SET = "не определено"


@dataclass
class ReviewView:
    caption: str
    total: int
    table: pd.DataFrame
    theme_codes: dict[str, str]  # name -> code
    settlement_codes: dict[str, str]


@dataclass(frozen=True)
class Change:
    appeal_id: int
    theme: str | None
    settlement: str | None


def build(src: Source, limit: int = 200) -> ReviewView:
    names = src.names()
    queue = src.review_queue(limit)
    table = pd.DataFrame(
        {
            "№": queue["appeal_id"],
            "Поступило": queue["received_at"].map(lambda t: fmt_datetime(t.to_pydatetime())),
            "Канал": queue["source_code"].map(lambda c: label("source_short", c)),
            "Текст (персональные данные скрыты)": queue["text_masked"].fillna(""),
            "Адрес": queue["address"].fillna(""),
            "Тема": queue["theme_code"].map(names.themes),
            "Уверенность в теме": queue["theme_confidence"],
            "Поселение": queue["settlement_oktmo"].map(names.settlements).fillna(NOT_SET),
            "Уверенность в поселении": queue["settlement_confidence"],
        }
    )
    return ReviewView(
        caption=(
            "Здесь обращения, тему или поселение которых загрузка определила неуверенно: тема — по тексту с "
            f"уверенностью ниже {fmt_int(review.THEME_THRESHOLD * 100)} %, поселение — не найдено или найдено только "
            f"в тексте с уверенностью ниже {fmt_int(review.SETTLEMENT_THRESHOLD * 100)} %. Исправление сразу меняет "
            "обращение; неизвестная рубрика источника запоминается, а исправленные тексты учат классификатор тем."
        ),
        total=src.review_queue_size(),
        table=table,
        theme_codes={v: k for k, v in names.themes.items()},
        settlement_codes={v: k for k, v in names.settlements.items()},
    )


def changes(view: ReviewView, edited: pd.DataFrame, confirm_all: bool) -> list[Change]:
    """The corrections an edited table asks for; «confirm all» confirms every row shown as it stands."""
    theme_changed = edited["Тема"] != view.table["Тема"]
    place_changed = (edited["Поселение"] != view.table["Поселение"]) & (edited["Поселение"] != NOT_SET)
    out = []
    for idx in edited.index:
        theme = view.theme_codes[edited.at[idx, "Тема"]] if (theme_changed[idx] or confirm_all) else None
        place = edited.at[idx, "Поселение"]
        settlement = (
            view.settlement_codes.get(place) if (place_changed[idx] or (confirm_all and place != NOT_SET)) else None
        )
        if theme is not None or settlement is not None:
            out.append(Change(int(edited.at[idx, "№"]), theme, settlement))
    return out
