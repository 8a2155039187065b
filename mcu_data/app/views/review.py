"""«Проверка данных»: the rows the import was unsure of, values no map knew, suspect dates; what an edit changes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mcu_data import access
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
    no_settlement: bool = False  # «confirm all» on a row without a settlement: the text names none


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
        none_confirmed = confirm_all and place == NOT_SET
        if theme is not None or settlement is not None or none_confirmed:
            out.append(Change(int(edited.at[idx, "№"]), theme, settlement, none_confirmed))
    return out


# -- values no map knew, and dates that look wrong ---------------------------------------------------------------------
FIELD_COLUMN = "Поле"
MEANS_COLUMN = "Что это значит"
NOT_CHOSEN = "— не выбрано —"


@dataclass
class ValuesView:
    caption: str
    table: pd.DataFrame  # one row per unknown value; «Что это значит» is the editable column
    keys: pd.DataFrame  # source_code, field, raw_value of each table row, same index
    options: dict[str, dict[str, str]]  # field -> Russian label -> code
    every_option: list[str]  # every label a row may take, for the one select column
    flagged: pd.DataFrame
    flagged_total: int


@dataclass(frozen=True)
class Teaching:
    source_code: str
    field: str
    raw_value: str
    code: str


def build_values(src: Source, limit: int = 200) -> ValuesView:
    unknown = src.unknown_values()
    codes_by_field = src.value_codes()
    options = {
        field: {f"{label('value_field', field).capitalize()}: {label(field, code)}": code for code in field_codes}
        for field, field_codes in codes_by_field.items()
    }
    table = pd.DataFrame(
        {
            "Канал": unknown["source_code"].map(lambda c: label("source_short", c)),
            FIELD_COLUMN: unknown["field"].map(lambda f: label("value_field", f)),
            "Значение в выгрузке": unknown["raw_value"],
            "Обращений": unknown["appeals"].astype(int),
            "Последнее": unknown["last_at"].map(lambda t: fmt_datetime(t.to_pydatetime())),
            MEANS_COLUMN: NOT_CHOSEN,
            "Для всех каналов": False,
        }
    )
    flagged = src.flagged_dates(limit) if access.allowed(access.current(), access.VIEW_APPEALS) else pd.DataFrame()
    flagged_table = pd.DataFrame(
        {
            "№": flagged.get("appeal_id", pd.Series(dtype="int64")),
            "Канал": flagged.get("source_code", pd.Series(dtype="object")).map(lambda c: label("source_short", c)),
            "Номер в источнике": flagged.get("source_id", pd.Series(dtype="object")),
            "Дата поступления": flagged.get("received_at", pd.Series(dtype="datetime64[ns]")).map(
                lambda t: fmt_datetime(t.to_pydatetime())
            ),
            "Что не так": flagged.get("date_flag", pd.Series(dtype="object")).map(lambda f: label("date_flag", f)),
        }
    )
    return ValuesView(
        caption=(
            "Статусы, результаты и каналы, которых справочник значений ещё не знал. Строки с ними загружены "
            "с пометкой «не распознано» и в показатели по статусу не попадают, пока вы не скажете, что значит "
            "значение. Выбор запоминается: следующие файлы с этим значением распознаются сами, а уже загруженные "
            "обращения исправляются сразу."
        ),
        table=table.head(limit),
        keys=unknown[["source_code", "field", "raw_value"]].head(limit),
        options=options,
        every_option=[NOT_CHOSEN, *(name for names in options.values() for name in names)],
        flagged=flagged_table,
        flagged_total=src.flagged_count(),
    )


def teachings(view: ValuesView, edited: pd.DataFrame) -> tuple[list[tuple[Teaching, bool]], list[str]]:
    """What the edited table asks to remember, and a Russian message for each choice that does not fit its row."""
    out, problems = [], []
    for idx in edited.index:
        chosen = edited.at[idx, MEANS_COLUMN]
        if chosen == NOT_CHOSEN:
            continue
        key = view.keys.loc[idx]
        code = view.options[key["field"]].get(chosen)
        if code is None:
            problems.append(
                f"«{key['raw_value']}» — это {label('value_field', key['field'])}; выбрано «{chosen}», "
                "значение другого поля. Выберите из значений своего поля."
            )
            continue
        teaching = Teaching(key["source_code"], key["field"], key["raw_value"], code)
        out.append((teaching, bool(edited.at[idx, "Для всех каналов"])))
    return out, problems


# -- probable formal replies («вероятная отписка») ---------------------------------------------------------------------
ANSWERS_SHOWN = 20  # flagged answers laid out at once, strongest first: each takes a card with two buttons


@dataclass(frozen=True)
class AnswerCard:
    appeal_id: int
    heading: str  # «№ 123 · ПОС 5001 · 10.11.2026 10:30 · ЖКХ · Администрация сп Петровка»
    question: str
    answer: str
    reasons: tuple[str, ...]  # in Russian
    source_outcome: str  # what the source said, in Russian, or «—»


@dataclass
class AnswersView:
    caption: str
    total: int
    cards: list[AnswerCard]
    decisions: pd.DataFrame  # the latest decisions, for the table under the cards


def build_answers(src: Source, limit: int = ANSWERS_SHOWN) -> AnswersView:
    names = src.names()
    queue = src.answer_queue(limit)
    cards = [
        AnswerCard(
            appeal_id=int(row.appeal_id),
            heading=" · ".join(
                [
                    f"№ {int(row.appeal_id)}",
                    f"{label('source_short', row.source_code)} {row.source_id}",
                    fmt_datetime(row.received_at.to_pydatetime()),
                    names.themes.get(row.theme_code, "тема не определена"),
                    names.recipients.get(row.recipient_code or "none", "получатель не определён"),
                ]
            ),
            question=row.text_masked or "(текста обращения нет)",
            answer=row.answer_masked,
            reasons=tuple(label("answer_reason", code) for code in (row.answer_reasons or "").split("|") if code),
            source_outcome=label("outcome", row.outcome_code) if isinstance(row.outcome_code, str) else "—",
        )
        for row in queue.itertuples()
    ]
    decided = src.answer_decisions()
    decisions = pd.DataFrame(
        {
            "№": decided["appeal_id"].astype("int64"),
            "Решение": decided["verdict"].map(lambda v: label("answer_verdict", v)),
            "Кто": decided["login"],
            "Когда": decided["decided_at"].map(lambda t: fmt_datetime(t.to_pydatetime())),
            "Комментарий": decided["comment"].fillna(""),
            "Ответ (персональные данные скрыты)": decided["answer_masked"].fillna("(обращение удалено)"),
        }
    )
    return AnswersView(
        caption=(
            "Ответы получателей, которые проверка при загрузке отметила как «вероятную отписку»: не отвечает на "
            "вопрос, обещание без срока, ссылки на законы вместо ответа, нет подтверждения сделанного, противоречит "
            "вопросу. Пока отметка не отклонена, ответ считается формальным в долях «Отписки» и «Ответы по "
            "существу» — в рейтинге и еженедельной записке, какой бы результат ни указал источник. «Подтвердить» — "
            "это отписка: её предложения проверка дальше читает как шаблонные. «Отклонить» — ответ по существу: "
            "действует результат источника, а эти предложения больше не считаются признаком отписки."
        ),
        total=src.answer_queue_size(),
        cards=cards,
        decisions=decisions,
    )
